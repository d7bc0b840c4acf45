"""Rule kinds: ``terms``, ``tokens`` and ``regex``, each compiling a rule's ``match`` block into a
:class:`detector.matching.hit.Matcher` (:func:`detector.matching.compiler.compile_rule` picks one)."""

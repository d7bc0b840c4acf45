"""A hostile report for the renderer tests: markup in the text, overlapping and identical findings."""

from __future__ import annotations

from detector.report.model import Finding, Related, Report, Score, Source

HEADLINE = "Alle Experten sind sich einig: <script>window.__pwned=1;document.title='pwned'</script>"
BODY = ('Laut Beobachtern ist das "><img src=x onerror="window.__pwned=2"> ein *Skandal* & [Link](javascript:alert(1)) '
        "| a | b |.\n# Keine Überschrift\n\n"
        "Im übrigen Stadtgebiet ist alles normal, sagte die Sprecherin Anna Keller.\n\n"
        "- keine Liste\n1. keine Aufzählung <b onmouseover=\"window.__pwned=3\">fett</b>\n")
TEXT = HEADLINE + "\n\n" + BODY


def _span(needle: str, start_at: int = 0) -> tuple[int, int]:
    s = TEXT.index(needle, start_at)
    return s, s + len(needle)


def _finding(device: str, family: str, needle: str, part: str, sentence: int, related=()) -> Finding:
    s, e = _span(needle)
    return Finding(device=device, family=family, rule=f"de.test.{device}", start=s, end=e, text=TEXT[s:e], part=part,
                   sentence=sentence, severity="warning", confidence=0.8, origin="rule",
                   message=f"Hinweis zu „{TEXT[s:e]}“ <i>kursiv</i>",
                   explanation=f"Erklärung für {device} mit <u>Markup</u> & Zeichen.",
                   suggestion=f"Vorschlag für {device}: fragen Sie nach.", related=list(related))


def hostile_report(lang: str = "de") -> Report:
    rs, re_ = _span("Im übrigen Stadtgebiet ist alles normal, sagte die Sprecherin Anna Keller.")
    findings = [
        _finding("absolute_claim", "claim strength", "Alle Experten", "headline", 0),
        _finding("unnamed_source", "sourcing", "Experten sind sich einig", "headline", 0),
        _finding("headline_overstatement", "claim strength", HEADLINE, "headline", 0,
                 related=[Related(rs, re_, TEXT[rs:re_], "qualifies")]),
        _finding("loaded_language", "wording", '<img src=x onerror="window.__pwned=2"> ein *Skandal*', "body", 1),
        _finding("certainty_booster", "claim strength", '<img src=x onerror="window.__pwned=2"> ein *Skandal*', "body", 1),
        _finding("bandwagon", "wording", "<b onmouseover=\"window.__pwned=3\">fett</b>", "body", 3),
        _finding("vague_evidence", "sourcing", "& [Link](javascript:alert(1)) | a | b |", "body", 1),
        _finding("clickbait", "structure", "# Keine Überschrift", "body", 1),
        _finding("repetition", "structure", "- keine Liste\n1. keine", "body", 3),
    ]
    by_device = {"absolute_claim": 5.0, "unnamed_source": 9.5, "headline_overstatement": 14.0, "loaded_language": 4.0,
                 "certainty_booster": 3.5, "bandwagon": 2.0,
                 "vague_evidence": 1.0, "clickbait": 1.0, "repetition": 1.0}
    total = round(sum(by_device.values()))
    sources = []
    for kind, needle in (("unnamed", "Beobachtern"), ("named", "die Sprecherin Anna Keller"),
                         ("relayed", '"><img src=x onerror="window.__pwned=2">')):
        s, e = _span(needle)
        sources.append(Source(text=TEXT[s:e], kind=kind, start=s, end=e, cue="<em>sagte</em>", sentence=1))
    return Report(id="hostile", lang=lang, text=TEXT, headline=(0, len(HEADLINE)),
                  score=Score(total=total, band="moderate", by_device=by_device,
                              by_family={"claim strength": 22.5, "sourcing": 10.5, "wording": 6.0, "structure": 2.0}),
                  findings=findings, sources=sources, stats={"chars": len(TEXT), "tokens": 60, "sentences": 5},
                  source="hostile <article>.txt")

"""Deciding the kind of a source: named, unnamed or relayed.

A source is *named* when a reader can identify it (a name, a named organisation, a definite office
of the story, a specific document); *relayed* when it reaches the reader through a report or an
outlet; *unnamed* otherwise. The words that decide are the analysis lexicons (data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detector.analysis.lexicon import Lexicon
from detector.analysis.names import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc


def anonymous(doc: Doc, lex: Lexicon, src: tuple[int, int]) -> bool:
    """The phrase says the source wants no name ("der anonym bleiben möchte")."""
    words = [doc[k].lower_ for k in range(*src)]
    return any(w in lex.anonymity for w in words)

def institutional(doc: Doc, lex: Lexicon, src: tuple[int, int]) -> bool:
    """A definite institution or its spokesperson: "nach Angaben der Polizei", "eine Sprecherin des Amts"."""
    s, e = src
    for k in range(s, e):
        low = doc[k].lower_
        if low in lex.spokes_forms or (lex.lang == "de" and len(low) > 9 and low.endswith(lex.spokes_suffixes)):
            return True
        if lex.lang == "de" and low not in lex.source_forms and _institution_envoy(lex, low):
            return True  # "ein Polizeivertreter": someone speaking for a named body, like its spokesperson
        is_inst = low in lex.institution_forms or lex.is_org_cue(low)[0]
        if is_inst and k > s and doc[k - 1].lower_ in lex.definite:
            return True
        if is_inst and k > s and doc[k - 1].is_alpha and k - 1 > s and doc[k - 2].lower_ in lex.definite:
            return True  # "der Deutschen Gesellschaft", "des zuständigen Amts"
    return False


def _institution_envoy(lex: Lexicon, low: str) -> bool:
    """A compound of an institution and "Vertreter" (Polizeivertreter, Stadtvertreterin)."""
    for tail in lex.envoy_suffixes:
        if low.endswith(tail) and len(low) > len(tail) + 3:
            head = low[:-len(tail)]
            return any(h in lex.institution_forms or lex.is_org_cue(h)[0] for h in (head, head[:-1]))
    return False


def classify(doc: Doc, lex: Lexicon, src: tuple[int, int], cue: tuple[int, int],
              ent_at: dict[int, Entity]) -> str:
    """named, unnamed or relayed. People writing in a journal or paper are not relayed by it: "die
    Forscher im Fachjournal Nature" are classified as "die Forscher" (the journal is where they write)."""
    kind = _classify(doc, lex, src, cue, ent_at)
    s, e = src
    if kind == "relayed":
        venue = next((k for k in range(s + 1, e) if doc[k].lower_ in lex.locative_prepositions), None)
        if venue is not None and any(lex.is_source_noun(doc[m].lower_) for m in range(s, venue)) and any(
                lex.is_relay_word(doc[m].lower_) or (m in ent_at and ent_at[m].kind == "outlet")
                for m in range(venue, e)):
            return _classify(doc, lex, (s, venue), cue, ent_at)
    return kind


def _classify(doc: Doc, lex: Lexicon, src: tuple[int, int], cue: tuple[int, int],
              ent_at: dict[int, Entity]) -> str:
    """named, unnamed or relayed by the phrase's words and what stands next to it: the first of
    :data:`_KIND_STEPS` that decides, in order; unnamed where none does."""
    for step in _KIND_STEPS:
        kind = step(doc, lex, src, ent_at)
        if kind is not None:
            return kind
    return "unnamed"


def _named_by_neighbours(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str | None:
    """Named by what stands next to the phrase: the name it is an apposition to, or whose people they are."""
    s, e = src
    if s >= 2 and doc[s - 1].text in (",", "-", "–", "—") and any(
            x.kind == "person" and x.start <= s - 2 < x.end for x in ent_at.values()):
        return "named"  # "David Kahn - a former Yale historian, and a leading expert": an apposition to a name
    if lex.lang == "en" and doc[e - 1].tag_ != "NN2" and any(
            doc[k].lower_ in ("'s", "’s") and doc[k - 1].is_title for k in range(max(1, s - 1), e)):
        return "named"  # "Grokster's lawyer", "Dortmund's largest investor": the one of a named party (not
        # "Mr Blair's most vocal critics": a group, whoever they criticise)
    if lex.lang == "en" and e < len(doc) and doc[e].lower_ in ("for", "of") and e + 1 < len(doc) and (
            e + 1 in ent_at or (e + 2 < len(doc) and doc[e + 1].lower_ in lex.articles and e + 2 in ent_at)):
        return "named"  # "lawyers for the alleged spammers", "officials of the European Commission": whose, said
    return None


def _unnamed_by_words(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str | None:
    """Unnamed by a word that says so: a circle, or a head that means someone not named."""
    s, e = src
    if any(lex.is_circle(doc[k].lower_) for k in range(s, e)):
        return "unnamed"  # "aus Kreisen der Partei", "aus dem Umfeld der Stadtverwaltung"
    if doc[s].lower_ not in lex.definite and any(_anonymous_head(doc, lex, s, k, ent_at) for k in range(s, e)):
        return "unnamed"  # "a senior TfL source", "eine Quelle im Ministerium": a source is someone not named
    return None


def _named_by_office(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str | None:
    """Named as an issuer's statement, a person the article has introduced, or an institution speaking."""
    s, e = src
    if any(lex.is_statement_word(doc[k].lower_) for k in range(s, e)):
        return "named"  # "laut einer Aussendung des Landespressedienstes": the issuer's own statement
    if doc[s].lower_ in lex.definite_singular and any(
            lex.is_document_word(doc[k].lower_) and not lex.is_relay_word(doc[k].lower_) for k in range(s + 1, e)):
        return "named"  # "geht aus dem Insolvenzantrag hervor", "der Bilanz der Tagung": a specific document
    if any(doc[k].lower_ in lex.person_forms and k > s and doc[k - 1].lower_ in lex.definite for k in range(s, e)):
        return "named"  # "the farmer", "the judge": a person the article has introduced
    if any(doc[k].lower_ in lex.role_forms and not lex.is_source_noun(doc[k].lower_) and k > s
           and doc[k - 1].lower_ in lex.definite_singular and (k == e - 1 or doc[k + 1].lower_ in lex.genitive_words)
           for k in range(s, e)):
        return "named"  # "so der Minister", "der Bürgermeister": the office the story is about, as the phrase's
        # head (not "der Experte", not "the minister's fiercest critics")
    if institutional(doc, lex, src) and (not any(ent_at[k].kind == "outlet" for k in range(s, e) if k in ent_at)
                                         or any(doc[k].lower_ in lex.spokes_forms for k in range(s, e))):
        return "named"  # "eine Sprecherin des Amts"; "a BBC spokesman" speaks for the outlet, it relays no one
    return None


def _named_organisation_complement(doc: Doc, lex: Lexicon, src: tuple[int, int],
                                   ent_at: dict[int, Entity]) -> str | None:
    """ "Analysten der Commerzbank": a complement naming an organisation."""
    s, e = src
    for k in range(s + 1, e):
        low = doc[k].lower_
        if doc[k - 1].lower_ in lex.complement_preps and doc[k].text[:1].isupper() and len(low) >= 7 \
                and any(low.endswith(c) for c in lex.org_cue_forms):
            return "named"
    return None


def _named_after_role(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str | None:
    """Named by a name that follows a role, in the phrase or right after it."""
    s, e = src
    after = [doc[k] for k in range(e, min(len(doc), e + 4))]
    if any(doc[k].lower_ in lex.role_forms or lex.is_source_noun(doc[k].lower_) for k in range(s, e)):
        for a, b in zip(after, after[1:], strict=False):  # "The researcher in cybersecurity Javier Romo said"
            if a.is_punct or b.is_punct:
                break
            if a.is_title and b.is_title and a.is_alpha and b.is_alpha and lex.lang == "en":
                return "named"
    for k in range(s, e - 1):  # "der Abgeordnete Pieter de Waal": a role followed by a name
        role = doc[k].lower_ in lex.role_forms or lex.is_person_noun(doc[k].lower_) or (
            len(doc[k].lower_) >= 8 and any(doc[k].lower_.endswith(r) for r in lex.role_forms if len(r) >= 5))
        if role and doc[k + 1].is_alpha and doc[k + 1].text[:1].isupper() \
                and not lex.is_source_noun(doc[k + 1].lower_) and doc[k + 1].lower_ not in lex.relay_forms:
            return "named"
        if doc[k + 1].pos_ == "PROPN" and (role or lex.is_source_noun(doc[k].lower_)) and doc[k + 1].lower_ not in lex.relay_forms:
            return "named"  # "der Ökonom Thomas Binder", "Landwirt Sadowyj": the grammar step tags the name
    return None


def _named_proper(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str | None:
    """A proper name in the phrase, by title case and the grammar step's proper nouns: two in a row (both
    languages: "Lord Condon, head of the unit", "zitiert Néstor Kirchner"); English also an institution's
    name and a name after a noun."""
    s, e = src
    if any(doc[k].lower_ in lex.anonymous_heads and _german_name_with(doc, lex, s, k, ent_at) for k in range(s, e)):
        return "named"  # "laut Apple Insider"
    words = tuple(doc[k].lower_ for k in range(s, e))
    if any(words[k:k + len(p)] == p for p in lex.source_phrases for k in range(len(words))):
        return None  # "I Think Tank Asiaten": a source phrase in capitals is no proper name
    if any(doc[k].pos_ == doc[k + 1].pos_ == "PROPN" and doc[k].is_title and doc[k + 1].is_title
           and not lex.is_source_noun(doc[k].lower_) and not lex.is_source_noun(doc[k + 1].lower_)
           and not (k in ent_at and ent_at[k].kind == "outlet") for k in range(s, e - 1)):
        return "named"  # a two-word proper name in the phrase
    if lex.lang != "en":
        return None
    if any(doc[k].is_title and lex.is_source_noun(doc[k].lower_) and not doc[k].is_sent_start
           and k > 0 and (doc[k - 1].is_title or doc[k - 1].lower_ == "the") for k in range(s, e)):
        return "named"  # "the Scottish Executive", "the Met Office": an institution's proper name, not its staff
    if any(doc[k].pos_ == "PROPN" and doc[k - 1].pos_ == "NOUN" and doc[k].is_title
           and (k + 1 >= e or doc[k + 1].pos_ == "PROPN") and not lex.is_source_noun(doc[k].lower_)
           and doc[k].lower_ not in lex.relay_forms for k in range(s + 1, min(len(doc), e + 1))):
        return "named"  # "Former cabinet colleague Lord Hattersley": a noun followed by a name
    return None


def _by_names_and_reports(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str | None:
    """By the names the phrase holds (a place where the speakers are does not count) and the reports it
    mentions; a pronoun alone is someone named."""
    s, e = src
    kinds = {ent_at[k].kind for k in range(s, e) if k in ent_at and not _located(doc, lex, s, ent_at[k])}
    if "outlet" in kinds:
        # an outlet reporting on its own is ordinary sourcing ("berichtete der Kurier"); relaying a
        # person it does not name, it is second-hand ("laut einem von The Guardian befragten Experten")
        return "relayed" if _unnamed_person(doc, lex, src, ent_at) else "named"
    if not kinds and any(lex.is_relay_word(doc[k].lower_) for k in range(s, e)):
        return _relay_kind(doc, lex, src, ent_at)
    if kinds or (e - s == 1 and lex.is_pronoun(doc[s])):
        return "named"
    return None


def _unnamed_person(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> bool:
    """Does the phrase hold a source noun for a person, not a report or an outlet (not "Business Insider",
    not "eine Reporterin der AFP")?"""
    return any(lex.is_source_noun(doc[k].lower_) and not lex.is_relay_word(doc[k].lower_)
               and doc[k].lower_ not in lex.outlet_staff_forms and not (k in ent_at and ent_at[k].kind == "outlet")
               for k in range(*src))


def _relay_kind(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str:
    """A report or outlet word with no name: "der Zeitung zufolge", "den Salzburger Nachrichten", "laut
    Zeitung" after the paper was named: a specific report or outlet (named); "Berichten zufolge", "laut
    einem Zeitungsbericht": a vague relay (relayed)."""
    s, e = src
    k = next(k for k in range(s, e) if lex.is_relay_word(doc[k].lower_))  # the report the phrase is about
    j = k - 1
    while j > s and doc[j].is_alpha and doc[j].text[:1].isupper():
        j -= 1  # "die Mitteldeutsche Zeitung", "der Neuen Zürcher Zeitung": the article before the name
    specific = (k > s and doc[j].lower_ in lex.definite) or (
        k > s and doc[k - 1].text[:1].isupper() and doc[k - 1].pos_ == "ADJ") or _mentioned_before(doc, k) \
        or _named_maker(doc, e, ent_at) or _named_maker(doc, k + 1, ent_at)  # "laut einem Bericht von The
    # Register", "a report by analysts Forrester Research" (the maker inside the phrase): a named maker's report
    return "named" if specific and not _unnamed_person(doc, lex, src, ent_at) else "relayed"


def _named_by_reference(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str | None:
    """Named by reference to someone the text names or has introduced: through a possessive, a definite
    noun, or a surname alone."""
    s, e = src
    if e - s > 1 and doc[s].lower_ in lex.possessives:
        return "named"  # "seine Eltern", "ihr Anwalt": people identified through someone named
    for k in range(max(s, 1), e):
        noun = (lex.is_source_noun(doc[k].lower_) or lex.is_person_noun(doc[k].lower_)) and doc[k].pos_ != "ADJ"
        if noun and doc[s].lower_ in lex.definite_singular and doc[k].lemma_.lower() == doc[k].lower_:
            return "named"  # "sagt der Ökonom", "schreibt der Bundespolizist": a person the story has introduced
    if any(doc[k - 1].lower_ in lex.definite and lex.is_source_noun(doc[k].lower_)
           and (_mentioned_before(doc, k) or _introduced_before(doc, lex, k, ent_at)) for k in range(max(s, 1), e)):
        return "named"  # "Die Forscher warnen" after the study and its researchers were introduced
    if e - s == 1 and doc[s].text[:1].isupper() and not lex.is_source_noun(doc[s].lower_) \
            and (lex.lang == "en" or (not lex.is_person_noun(doc[s].lower_) and not lex.is_relay_word(doc[s].lower_)
                                      and doc[s].lower_ not in lex.role_forms and not doc[s].is_sent_start)):
        return "named"  # "…, so Thiem", "sagte Binder": a surname
    return None


# the steps of :func:`_classify`, in the order they are tried
def _named_bare_surname(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str | None:
    """German: one word the grammar step tags as a proper noun, with no article before it, that is a trade
    word only as a compound's head ("sagt Kiesbauer", "so Neubauer"): a surname. A singular trade word needs
    an article ("sagt ein Bauer"); a bare plural is a group ("sagen Bauern", tagged NN)."""
    s, e = src
    tok = doc[s]
    if lex.lang != "de" or e - s != 1 or tok.tag_ != "NE" or (s > 0 and doc[s - 1].lower_ in lex.articles):
        return None
    low = tok.lower_
    return "named" if low not in lex.person_forms and not lex.is_source_noun(low, compounds=False) else None


_KIND_STEPS = (_named_by_neighbours, _unnamed_by_words, _named_by_office, _named_organisation_complement,
               _named_after_role, _named_proper, _by_names_and_reports, _named_by_reference, _named_bare_surname)


def classify_model_speaker(doc: Doc, lex: Lexicon, src: tuple[int, int], ent_at: dict[int, Entity]) -> str:
    """The kind of a speaker found by grammar or by the role labeller. Unnamed only where the lexicons
    say the phrase holds a source noun (as a noun, not "the club's official website") without a name
    ("Experten", "Beobachter"): a phrase the rules cannot read is a participant of the story ("die
    Opposition", "der Verband"), not an unnamed source; relayed only for an outlet."""
    kind = classify(doc, lex, src, src, ent_at)
    if anonymous(doc, lex, src):
        return "unnamed"
    if kind == "relayed" and not any(ent_at[k].kind == "outlet" for k in range(*src) if k in ent_at) \
            and _names_an_organisation(doc, lex, src):
        return "named"  # "der Verlag Hellweg Medien gab bekannt": an organisation speaking for itself; not
        # "chinesische Medien berichten" or "die Zeitungen berichten": media in general, a relay
    if kind == "unnamed" and not any((lex.is_source_noun(doc[k].lower_) or lex.is_person_noun(doc[k].lower_))
                                     and doc[k].pos_ not in ("ADJ", "VERB", "ADV") for k in range(*src)):
        return "named"
    return kind


def _names_an_organisation(doc: Doc, lex: Lexicon, src: tuple[int, int]) -> bool:
    """Does the phrase hold a noun or a name besides its report words ("Verlag", "Hellweg" in "der Verlag
    Hellweg Medien")? By the grammar step's part of speech, or, untagged, by a capital inside the sentence."""
    for k in range(*src):
        tok = doc[k]
        if not tok.is_alpha or lex.is_relay_word(tok.lower_):
            continue
        if tok.pos_ in ("NOUN", "PROPN") or (not tok.pos_ and tok.text[:1].isupper() and not tok.is_sent_start):
            return True
    return False


def _anonymous_head(doc: Doc, lex: Lexicon, s: int, k: int, ent_at: dict[int, Entity]) -> bool:
    """Is token ``k`` of a phrase starting at ``s`` a head that means someone not named ("source",
    "Quelle"), and not part of a name ("Business Insider")?"""
    if doc[k].lower_ not in lex.anonymous_heads or k in ent_at:
        return False
    in_name = lex.lang == "en" and k > s and doc[k - 1].is_alpha and doc[k - 1].text[:1].isupper() \
        and doc[k].text[:1].isupper()
    return not (in_name or _german_name_with(doc, lex, s, k, ent_at))


def _german_name_with(doc: Doc, lex: Lexicon, s: int, k: int, ent_at: dict[int, Entity]) -> bool:
    """German capitalises every noun: an anonymous head is part of a name when a proper noun of the phrase
    stands right before it ("laut Apple Insider": a website)."""
    return lex.lang == "de" and k > s and (k - 1 in ent_at or doc[k - 1].tag_ == "NE") and doc[k - 1].text[:1].isupper()


def _located(doc: Doc, lex: Lexicon, s: int, ent: Entity) -> bool:
    """A place that says where the speakers are, not who they are ("Diplomaten in Brüssel")."""
    return ent.kind == "place" and ent.start > s and doc[ent.start - 1].lower_ in lex.locative_prepositions


def _mentioned_before(doc: Doc, k: int) -> bool:
    """Did the noun at ``k`` (its lemma) stand earlier in the text? Then a definite mention refers back."""
    lemma = doc[k].lemma_.lower()
    return any(t.lemma_.lower() == lemma for t in doc[:max(0, k - 1)] if t.is_alpha)


def _introduced_before(doc: Doc, lex: Lexicon, k: int, ent_at: dict[int, Entity]) -> bool:
    """Were sources of this sort introduced by name earlier: a source noun with a named complement
    ("Psychologie-Experten der University of California …" before "Die Forscher warnen")?"""
    for j in range(max(0, k - 400), k - 1):
        if doc[j].text[:1].isupper() and lex.is_source_noun(doc[j].lower_) \
                and j + 2 < k and doc[j + 1].lower_ in lex.complement_preps \
                and any(m in ent_at for m in (j + 2, j + 3)):  # ent_at: every token of an entity
            return True
    return False


def _named_maker(doc: Doc, e: int, ent_at: dict[int, Entity]) -> bool:
    """Does a name follow the phrase as its maker ("… von The Register", "… of the Guardian", "… by analysts
    Forrester Research": a trade word before the name)?"""
    if e + 1 >= len(doc) or doc[e].lower_ not in ("von", "des", "der", "of", "by"):
        return False
    k = e + 1 + (doc[e + 1].lower_ in ("the", "dem", "der"))
    if k + 1 < len(doc) and doc[k].is_lower and doc[k].is_alpha and doc[k + 1].text[:1].isupper():
        k += 1
    return k < len(doc) and (k in ent_at or (doc[k].tag_ in ("NE", "NP0") and doc[k].text[:1].isupper()))

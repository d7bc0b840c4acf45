"""Check ``repetition``: the headline or a sentence repeated verbatim for emphasis."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from detector.matching.hit import Hit
from detector.matching.rule import Rule

if TYPE_CHECKING:
    from detector.analysis import Analysis

_NON_WORD = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


_LIST_MARKERS = ("- ", "– ", "• ", "* ", "· ")


def _list_item(text: str, pos: int) -> bool:
    """Does ``pos`` stand in a line that is a list item ("- Critic, Paper: Film - …; director - …")? A list
    repeats its field names and values as data, not as a slogan."""
    line = text[text.rfind("\n", 0, pos) + 1:pos].lstrip()
    return line.startswith(_LIST_MARKERS)


class RepetitionCheck:
    PARAMS = {"min_words": "shortest sentence (in words) whose repetition counts; default 4",
              "headline": "flag the headline repeated in the body; default true",
              "sentences": "flag any body sentence repeated verbatim; default true",
              "phrases": "flag slogans: a clause of min_phrase_words or more repeated as a clause; default true",
              "min_phrase_words": "shortest repeated clause (in words); default 3",
              "keyword_words": "shortest headline phrase whose use twice more in the body is keyword stuffing; default 4",
              "stopwords": "words that do not count as content when judging a repeated phrase"}

    def __init__(self, rule: Rule, params: dict) -> None:
        self.min_words = int(params.get("min_words", 4))
        self.headline = bool(params.get("headline", True))
        self.sentences = bool(params.get("sentences", True))
        self.phrases = bool(params.get("phrases", True))
        self.min_phrase = int(params.get("min_phrase_words", 3))
        self.keyword_words = int(params.get("keyword_words", 4))
        self.stop = {str(w).lower() for w in params.get("stopwords", [])}

    def find(self, analysis: Analysis) -> list[Hit]:
        seen: dict[str, int] = {}
        hits = []
        head = analysis.document.headline
        if self.headline and head:
            norm = _norm(analysis.document.headline_text)
            if len(norm.split()) >= self.min_words:
                seen[norm] = head[0]
        for sent in analysis.sentences:
            if head and sent.start_char < head[1]:
                continue
            text = sent.text.strip()
            if any(analysis.in_quote[t.i] for t in sent):
                continue  # quoted or an interview turn: courtesy repeated by a speaker is not framing
            norm = _norm(text)
            if len(norm.split()) < self.min_words:
                continue
            if norm in seen and (self.sentences or seen[norm] == (head[0] if head else -1)):
                start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                end = start + len(text.rstrip(".!"))
                hits.append(Hit(start, end))
            else:
                seen.setdefault(norm, sent.start_char)
        if self.phrases:
            hits += self._phrases(analysis, hits)
        return hits

    def _phrases(self, analysis: Analysis, taken: list[Hit]) -> list[Hit]:
        """Repeated clauses (slogans) and headline phrases stuffed into the body."""
        doc = analysis.doc
        words = [t for t in doc if t.is_alpha or t.like_num]
        if len(words) < 2 * self.min_phrase:
            return []
        head = analysis.document.headline
        low = [t.lower_ for t in words]
        # grow only n-grams whose (n-1)-gram prefix already repeats: linear in practice
        by_gram: dict[tuple[str, ...], list[int]] = {}
        starts: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(words) - self.min_phrase + 1):
            starts.setdefault(tuple(low[i:i + self.min_phrase]), []).append(i)
        frontier = {g: pos for g, pos in starts.items() if len(pos) >= 2}
        n = self.min_phrase
        while frontier and n <= 10:
            nxt: dict[tuple[str, ...], list[int]] = {}
            for gram, pos in frontier.items():
                content = sum(1 for w in gram if (w not in self.stop and len(w) > 2) or w.isdigit())
                if content >= 2:
                    by_gram[gram] = pos
                for i in pos:
                    if i + n < len(words):
                        nxt.setdefault(gram + (low[i + n],), []).append(i)
            frontier = {g: pos for g, pos in nxt.items() if len(pos) >= 2}
            n += 1
        hits: list[Hit] = []
        covered = [(h.start, h.end) for h in taken]
        for gram in sorted(by_gram, key=len, reverse=True):
            n = len(gram)
            spans = [(words[i].idx, words[i + n - 1].idx + len(words[i + n - 1].text), i) for i in by_gram[gram]]
            in_head = [sp for sp in spans if head and sp[0] < head[1]]
            body = [sp for sp in spans if not (head and sp[0] < head[1])]
            content = sum(1 for w in gram if w not in self.stop)
            stuffed = bool(in_head) and n >= self.keyword_words and content >= 3 and len(body) >= 2
            clause_like = [sp for sp in spans if self._clause(analysis, words, sp[2], n)]
            if not stuffed and len(clause_like) < 2:
                continue
            repeats = body if stuffed else clause_like[1:] if not in_head else [sp for sp in clause_like if sp in body]
            for s, e, i in repeats:
                label = analysis.text[e:e + 1] == ":" and (s == 0 or analysis.text[s - 1] == "\n")
                if label or any(a < e and s < b for a, b in covered) or analysis.in_quote[words[i].i] \
                        or _list_item(analysis.text, s):
                    continue
                covered.append((s, e))
                hits.append(Hit(s, e))
        return hits

    @staticmethod
    def _clause(analysis: Analysis, words: list, i: int, n: int) -> bool:
        """Does words[i:i+n] stand as a clause: opening a sentence or following : , – and closing one?"""
        doc = analysis.doc
        first, last = words[i], words[i + n - 1]
        prev = doc[first.i - 1] if first.i > 0 else None
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        opens = prev is None or first.is_sent_start or prev.is_space or prev.text in (":", ",", "–", "—", "-", "(", "„", "\"", "“")
        closes = nxt is None or nxt.is_space or nxt.text in (".", "!", "?", ",", ":", ";", "–", "—", "-", "…", "“", "”", "\"")
        return opens and closes

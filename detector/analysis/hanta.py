"""HanTa (the Hanover Tagger) made fit for news: memoised word analysis, newer spelling, a cheap path for
unknown capitalised words and figures, and a faster Viterbi. Only :mod:`detector.analysis.grammar` uses it."""

from __future__ import annotations

import re
from itertools import repeat

from HanTa.HanoverTagger import HanoverTagger

_NUMBER = re.compile(r"[+-]?\d[\d.,:/]*")  # a figure, a date or a score: a cardinal, whatever its length
_LOWERBOUND = -1e6  # HanTa's floor for a path's log probability
_END = 2  # HanTa's END state
_MEMO_LIMIT = 300_000  # per-word memo entries before a memo starts afresh (memory stays flat)


class _Memo(dict):
    """A dict that starts afresh when it is full, so a long stream keeps memory flat."""

    def put(self, key, value):
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        self[key] = value
        return value


class Tagger(HanoverTagger):
    """HanTa with memoised word analysis, newer spelling and a cheap path for unknown capitalised words."""

    def __init__(self, filename: str, spelling: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(filename)
        self._spelling = spelling  # newer spelling → the older one the model knows (grammar.yaml)
        self._memo = _Memo()
        self._lemma_memo = _Memo()
        self._nouns = frozenset(w for w, tags in self.cache.items()
                                if tags and self.int2tag.get(tags[0][0]) in ("NN", "NN1", "NN2"))
        self._nn = self.tag2int.get("NN", self.tag2int.get("NN1"))
        self._ne = self.tag2int.get("NE", self.tag2int.get("NP0"))
        self._card = self.tag2int.get("CARD", self.tag2int.get("CRD"))

    def reachable(self) -> None:
        """HanTa's table of which states can lead to each final class, by a search over reversed edges: the
        same sets as HanTa's own method (called by its constructor), without its quadratic list scans, which
        cost a tenth of a second at every start."""
        before: dict[int, set] = {}
        for (_, c), followers in self.LP_trans.items():
            for f in followers:
                before.setdefault(f, set()).add(c)
        self.reachability = {}
        for c in self.int2tag:
            if c >= 0:
                continue
            seen = set(before.get(c, ()))
            frontier = list(seen)
            while frontier:
                for a in before.get(frontier.pop(), ()):
                    if a not in seen:
                        seen.add(a)
                        frontier.append(a)
            self.reachability[c] = frozenset(seen)

    def _known(self, word: str) -> str | None:
        w = self.normalize(word)
        if w in self.cache:
            return word
        for new, old in self._spelling:
            if new in w:
                alt = w.replace(new, old)
                if alt in self.cache:
                    return alt
        return None

    def _tag_word(self, word, cutoff=5, casesensitive=True, conditional=False):
        key = (word, cutoff, casesensitive, conditional)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        known = self._known(word)
        if known is None:
            shaped = _tags_by_shape(self, word, cutoff, casesensitive, conditional)
            if shaped is not None:
                return self._memo.put(key, shaped)
        form = known if known is not None and known != word else word
        return self._memo.put(key, super()._tag_word(form, cutoff, casesensitive, conditional))

    def tag_sent_viterbi(self, sent, casesensitive=True):
        """HanTa's second-order Viterbi (top five states per word), with each state extended only by
        the word's own candidate tags instead of by every tag that may follow it: same paths, a
        fraction of the work (HanTa loops over all successors and skips the impossible ones)."""
        rows: list[dict] = []
        back: list[dict] = []
        for i, w in enumerate(sent):
            prevrow = rows[-1] if rows else {(0, 1): 0.0}  # (EMPTY, START)
            row, pointers = self._viterbi_step(prevrow, self._candidates(w, casesensitive and i > 0))
            rows.append(row)
            back.append(pointers)
        best, best_state = -float("inf"), None
        trans = self.LP_trans_word
        for state, lp0 in rows[-1].items():
            lp = lp0 + trans[state].get(_END, -float("inf"))
            if lp > best or best_state is None:
                best, best_state = lp, state
        tags = [best_state[1]]
        state = best_state
        for i in range(len(back) - 1, 0, -1):
            state = back[i][state]
            tags.append(state[1])
        return tags[::-1]

    def _candidates(self, word: str, casesensitive: bool) -> dict:
        """The word's candidate tags with their log probabilities; empty when HanTa only says UNKNOWN
        (anything goes, as in HanTa)."""
        found = dict(self._tag_word(word, cutoff=5, casesensitive=casesensitive, conditional=True))
        return {} if len(found) == 1 and 3 in found else found

    def _viterbi_step(self, prevrow: dict, wprobs: dict) -> tuple[dict, dict]:
        """One word of the Viterbi: the best log probability of each (previous tag, tag) state and the state
        it came from, from the states of the word before within the beam (the best five)."""
        bound = sorted(prevrow.values(), reverse=True)[5] - 1 if len(prevrow) > 5 else _LOWERBOUND
        trans = self.LP_trans_word
        row: dict = {}
        pointers: dict = {}
        for state, lp0 in prevrow.items():
            if lp0 < bound:
                continue
            lp_t = trans[state]
            last = state[1]
            pairs = [(c, lp_t[c], lpwc) for c, lpwc in wprobs.items() if c in lp_t] if wprobs else \
                zip(lp_t.keys(), lp_t.values(), repeat(0))
            for c, lp_tc, lpwc in pairs:
                if c == _END:
                    continue
                lp = lp0 + lp_tc + lpwc
                if lp > _LOWERBOUND:
                    new = (last, c)
                    old = row.get(new)
                    if old is None or lp > old:
                        row[new] = lp
                        pointers[new] = state
        return row, pointers

    def lemma(self, word: str, tag: int) -> str:
        key = (word, tag)
        hit = self._lemma_memo.get(key)
        if hit is None:
            hit = self._lemma_memo.put(key, self._analyze(self._known(word) or word, tag, taglevel=1)[0])
        return hit


def _tags_by_shape(tagger, word: str, cutoff, casesensitive: bool, conditional: bool) -> list | None:
    """Candidate tags of a word HanTa does not know, where its shape decides them and HanTa's letter-by-letter
    analysis (its slowest path) would add nothing: a figure, a hyphenated compound, a capitalised word."""
    nn, ne, card = tagger._nn, tagger._ne, tagger._card
    if _NUMBER.fullmatch(word) and card is not None:
        return [(card, 0.0)]  # "3.500", "9,79", "2014": no letter to analyse
    nouns_known = nn is not None and ne is not None
    if "-" in word.strip("-"):
        head = word.rstrip("-").rsplit("-", 1)[1]  # "35-jährigen", "6:0-Sieg": the last part decides
        if head.isalpha() and len(head) > 1 and head.islower():
            return tagger._tag_word(head, cutoff, casesensitive, conditional)
        if head.isalpha() and len(head) > 1 and nouns_known:
            return [(nn, 0.0), (ne, -2.0)]  # "16-Jähriger": a noun
    if casesensitive and word[:1].isupper() and word.replace("-", "").isalpha() and nouns_known:
        low = word.lower()
        compound = "-" in word or any(low[k:] in tagger._nouns for k in range(2, len(low) - 3))
        return [(nn, 0.0), (ne, -2.0)] if compound else [(nn, 0.0), (ne, -0.3)]
    return None

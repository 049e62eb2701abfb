"""Quote marks: where each quotation opens and closes in an article's text (``quote_spans``).

Straight, curly, German and guillemet double quotes, curly single quotes, and straight single
quotes in an article that quotes with singles. A straight mark opens or closes by what is around
it; an opening mark while a quotation is open, or the end of a paragraph, ends the open one there
and starts its continuation (news style reopens a quotation that goes on in the next paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the double marks: a sentence holding one holds a quotation (no indirect speech, no introduction)
QUOTE_MARKS = '"“”„«»'


@dataclass
class QuoteSpan:
    """Where one quotation's marks and words are in its article's text."""

    open_at: int
    start: int
    end: int
    close_at: int
    ended: str  # "mark": closed by its mark; "reopen": a new mark opened; "paragraph": the paragraph ended
    continues: bool = False  # this quotation reopens the one before it


def quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, content start, content end, close mark end) of each quotation in ``text``.

    A quotation ended by a reopening mark or by the end of its paragraph has no closing
    mark: its content end and close end are the same.

    Example:
        >>> quote_spans('He said "yes" and “no”.')
        [(8, 9, 12, 13), (18, 19, 21, 22)]
    """
    return [(s.open_at, s.start, s.end, s.close_at) for s in find_spans(text)]


_CLOSER_OF = {'"': '"', "“": "”", "„": "“", "«": "»", "‘": "’", "'": "'"}
_DOUBLE = {'"', "“", "”", "„", "«", "»"}
_MARK = re.compile("[\"“”„«»‘’'\n]")
# an article that quotes with doubles ignores its straight single marks (apostrophes, mostly): not finding them is cheaper
_MARK_NO_STRAIGHT_SINGLE = re.compile('["“”„«»‘’\n]')
_OPEN_BEFORE = set(" \t([{—–-/")  # what may stand before an opening mark


def find_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text`` in order, blank ones left out (``quote_spans`` gives them as tuples)."""
    singles_quote = not any(ch in text for ch in _DOUBLE)
    spans: list[QuoteSpan] = []
    opened = None  # (position, mark)
    continues = False
    for m in (_MARK if singles_quote else _MARK_NO_STRAIGHT_SINGLE).finditer(text):
        k, ch = m.start(), m.group()
        if ch == "\n":
            if opened is not None:
                _close(spans, text, opened, k, "paragraph", continues)
                opened, continues = None, True
            elif k + 1 < len(text) and text[k + 1] != "\n" and text[k + 1] not in "\"“„«‘'":
                continues = False  # narration starts the new paragraph: nothing is continued
            continue
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        if ch in "'’‘":
            if ch == "'" and not singles_quote:
                continue
            if opened is None:
                if ch in "‘'" and (before in _OPEN_BEFORE or before == "\n") and after.isalnum():
                    opened = (k, ch)
                continue
            if opened[1] in "‘'" and ch in "’'" and not after.isalnum() and not before.isspace():
                _close(spans, text, opened, k, "mark", continues, mark=True)
                opened, continues = None, False
            continue
        opener = _opens(ch, before, after, opened)
        if opened is not None and opened[1] in "‘'":
            if opener:  # a double mark ends a single-quoted stretch we misread
                opened = None
            else:
                continue
        if opener:
            if opened is not None:  # reopened: the open quotation went on from the paragraph before
                _close(spans, text, opened, k, "reopen", continues)
                continues = True
            elif spans and spans[-1].ended == "paragraph" and _blank_between(text, spans[-1].close_at, k):
                continues = True
            else:
                continues = False
            opened = (k, ch)
        elif opened is not None and (
            ch == _CLOSER_OF[opened[1]] or (opened[1] == "“" and ch == '"') or (opened[1] == '"' and ch == "”")
        ):
            _close(spans, text, opened, k, "mark", continues, mark=True)
            opened, continues = None, False
    if opened is not None:
        _close(spans, text, opened, len(text), "paragraph", continues)
    return [s for s in spans if s.end > s.start and text[s.start : s.end].strip()]


def _opens(ch: str, before: str, after: str, opened) -> bool:
    if ch in "“„«":
        # „…“: the low mark opens, the high one closes
        return not (ch == "“" and opened is not None and opened[1] == "„")
    if ch in "”»":
        return False
    # a straight mark: a space before it opens, a space or punctuation after it closes
    open_like = before in _OPEN_BEFORE or before == "\n"
    close_like = after.isspace() or after in ".,;:!?)]}—–-" or after == "\n"
    if open_like and not close_like:
        return True
    if close_like and not open_like:
        return False
    return opened is None


def _close(spans, text, opened, k, ended, continues, *, mark=False):
    start = opened[0] + 1
    end = k
    if not mark:
        while end > start and text[end - 1].isspace():
            end -= 1
    close_at = k + 1 if mark else end
    spans.append(QuoteSpan(opened[0], start, end, close_at, ended, continues))


def _blank_between(text, a, b):
    return not text[a:b].strip()

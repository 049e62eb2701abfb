"""Clean-up of article text and metadata, the title/body split and the site-name rule.

What the module docstring of ``analysis.load`` calls clean-up: line endings, control characters,
whitespace, NFC, boilerplate lines (``resources/boilerplate.txt`` plus the caller's patterns).

Example:
    >>> clean_text("Title\\r\\n\\r\\n\\r\\nA  body\\tline. \\nAdvertisement\\n")
    'Title\\n\\nA body line.'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\ufeff]")
SURROGATE = re.compile(
    r"[\ud800-\udfff]"
)  # lone halves (JSON "\ud800"): cannot be written as UTF-8  # \t \n \x0b \x0c \x1c-\x1f are whitespace below
_ANY_SPACE = re.compile(r"\s+")
# a first line longer than this, or a long one ending like a sentence, is body text, not a title
TITLE_MAX_CHARS = 200
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!]['\"”’)]?$")
# " | Harbour Times", " - BBC News": the separators sites put between a headline and their name
_SITE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")


def read_patterns(extra: Iterable[str] | str | Path | None) -> list[str]:
    lines = (paths.RESOURCES / "boilerplate.txt").read_text(encoding="utf-8").splitlines()
    if isinstance(extra, Path):
        lines += extra.read_text(encoding="utf-8").splitlines()
    elif isinstance(extra, str):
        lines.append(extra)
    elif extra is not None:
        lines += list(extra)
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=16)
def boilerplate_matcher(patterns: tuple[str, ...]):
    """One compiled regex for all patterns; returns its ``fullmatch``."""
    parts = []
    for pattern in patterns:
        if pattern.startswith("re:"):
            regex = pattern[3:].strip()
            try:
                re.compile(regex)
            except re.error as exc:
                raise ValueError(
                    f"boilerplate pattern {pattern!r} is not a valid regular expression ({exc}); fix it"
                ) from None
            parts.append(f"(?:{regex})")
        else:
            words = _ANY_SPACE.sub(" ", pattern).strip()
            parts.append(r"[\W_]*" + re.escape(words) + r"[\W_]*")
    return re.compile("|".join(parts), re.IGNORECASE).fullmatch


def clean_text(text: str, *, boilerplate: Iterable[str] | None = None) -> str:
    """The loader's clean-up of one text (see the module docstring), for reuse and tests.

    Example:
        >>> clean_text("Title\\r\\n\\r\\n\\r\\nA  body\\tline. \\nAdvertisement\\n")
        'Title\\n\\nA body line.'
    """
    return clean(text, boilerplate_matcher(tuple(read_patterns(boilerplate))))


def clean(text: str, drop_line) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", no_surrogates(_CONTROL.sub("", text)))
    lines: list[str] = []
    blank = True  # no leading blank lines
    for line in text.split("\n"):
        # each run of spaces, tabs and other whitespace as one space, none at the ends: half the
        # time of a regex over the text (str.split's whitespace is the regex's \s; NFC never turns
        # a character into whitespace or back)
        line = " ".join(line.split())
        if not line:
            if not blank:
                lines.append("")
                blank = True
        elif not drop_line(line):
            lines.append(line)
            blank = False
    if lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def no_surrogates(text: str) -> str:
    try:
        text.encode("utf-8")  # far faster than a regex pass, and almost every text passes
        return text
    except UnicodeEncodeError:
        return SURROGATE.sub("\ufffd", text)


def one_line(value) -> str:
    """A metadata value (title, source...) as one clean line."""
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an id or year read as float (a column with nulls) is shown as 7, not 7.0
    text = no_surrogates(_ANY_SPACE.sub(" ", _CONTROL.sub("", str(value))))
    return unicodedata.normalize("NFC", text).strip()


def blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return len(value) == 0
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def reads_like_body(line: str) -> bool:
    """A first line that is not a headline: very long, or long and ending like a sentence."""
    return len(line) > TITLE_MAX_CHARS or (len(line) > 100 and bool(_SENTENCE_END.search(line)))


def title_from_name(rel: str) -> str:
    """``news/port-deal_agreed.txt`` -> ``port deal agreed``."""
    stem = rel.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return one_line(re.sub(r"[_\-]+", " ", stem)) or stem


def strip_site_suffix(title: str, site: str = "", url: str = "") -> str:
    """A headline without the site name sites append (``"Port deal | Harbour Times"``).

    The last segment after `` | ``, `` - ``, `` – ``, `` — ``, `` :: ``, `` · ``, `` » `` is
    dropped when it names the site (``site``, or the host of ``url``), or, after `` | ``,
    when it is short (at most four words); a headline is never emptied.

    Example:
        >>> strip_site_suffix("Port deal agreed - Harbour Times", "Harbour Times")
        'Port deal agreed'
    """
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    separators = _SITE_SEPARATOR.findall(title)
    last, separator = parts[-1], separators[-1].strip()
    head = title[: title.rfind(separators[-1])].strip()
    names = {_squash(site)} if site else set()
    if url:
        host = re.sub(r"^(?:[a-z]+://)?", "", url.lower()).split("/")[0].split(":")[0]
        labels = host.split(".")[:-1] or host.split(".")  # without the top-level domain
        while len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
            labels.pop()
        names.add(_squash(labels[-1]))  # edition.cnn.com -> cnn, www.bbc.co.uk -> bbc
    names.discard("")
    squashed = _squash(last)
    named = any(
        squashed == name or (len(name) >= 3 and name in squashed) or (len(squashed) >= 3 and squashed in name)
        for name in names
        if squashed
    )
    short = separator == "|" and len(last.split()) <= 4
    return head if head and (named or short) else title


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def title_and_body(title: str, text: str, *, file_name: str | None = None) -> tuple[str, str, str | None]:
    """An article's title and body from its given title (may be empty) and its cleaned text.

    With a title, a first text line repeating it (any case) is dropped from the body. Without
    one, the first line is the title; but when ``file_name`` is given and that line reads like
    body text (``reads_like_body``), the whole text is the body, the title is made from the
    file name, and the third value is the warning that says so (else None). An empty title
    comes back only when there is neither a title nor text.

    Example:
        >>> title_and_body("", "Port deal agreed\\n\\nMinisters met.")
        ('Port deal agreed', 'Ministers met.', None)
        >>> title_and_body("Port deal agreed", "Port deal agreed\\n\\nMinisters met.")[1]
        'Ministers met.'
    """
    if title:
        first, _, rest = text.partition("\n")
        return title, rest.lstrip("\n") if first.casefold() == title.casefold() else text, None
    first, _, rest = text.partition("\n")
    if file_name is not None and first and reads_like_body(first):
        named = title_from_name(file_name)
        return (
            named,
            text,
            (
                f"first line reads like body text, not a title ({len(first):,} characters); "
                f"title taken from the file name: {named!r}"
            ),
        )
    return first, rest.lstrip("\n"), None


def truncate(text: str, limit: int) -> str:
    """At most ``limit`` UTF-8 bytes of ``text``, cut at a line break (else a space) when one is near."""
    cut = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    for boundary in ("\n", " "):
        position = cut.rfind(boundary)
        if position > len(cut) * 0.9:
            return cut[:position].rstrip()
    return cut

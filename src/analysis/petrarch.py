"""Import PETRARCH / Phoenix (TABARI-style) CAMEO actor dictionaries as an actor dictionary.

The format (see ``../shared/data/petrarch2_dictionaries/README.md``): an entry is a name
with words joined by ``_`` (a trailing ``_`` marks a word boundary), optionally followed
by CAMEO codes in brackets, ``[USA]`` or ``[USAGOV 930120-010120]`` (dates yymmdd or
yyyymmdd, ``>date`` from, ``<date`` until); lines starting with ``+`` are synonyms of the
entry above; indented ``[CODE ...]`` lines add codes to it; ``#`` starts a comment.

What the import makes of it:

- name: the entry's words in title case ("BILL_CLINTON_" -> "Bill Clinton"); synonyms
  become aliases (short one-word aliases such as "US" stay in capitals, so the default
  case rule matches them in capitals only);
- type: location when every code is a bare three-letter country code ("[AFG]"); person
  when the entry comes from CountryInfo (its comment says so) or has dated codes, and its
  name is two to five words without an organisation word; organization otherwise;
- country: the first three letters of the first code when they are a country code;
- roles: each dated code becomes a role (title = the code, of = the country).

Agent entries (``[~COP]``) are skipped. An uncoded entry right after a coded one is
taken as a further synonym of it.

Example:
    >>> d = import_petrarch("../shared/data/petrarch2_dictionaries/Phoenix.International.actors.txt")  # doctest: +SKIP
    >>> d.type_of("Kofi Annan")                                                                            # doctest: +SKIP
    'person'
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TypedDict

from .dictionary import Actor, Alias, Dictionary, DictionaryError, default_cues

_CODE = re.compile(r"\[([^\]]*)\]")
_NOT_COUNTRY = {
    "IGO",
    "NGO",
    "MNC",
    "IMG",
    "UNO",
    "ELI",
    "GOV",
    "MIL",
    "REB",
    "OPP",
    "BUS",
    "MED",
    "EDU",
    "CVL",
    "COP",
    "JUD",
    "LEG",
    "SPY",
    "REF",
    "HLH",
    "AGR",
    "LAB",
    "ENV",
    "HRI",
    "---",
    "UAF",
}


class _Entry(TypedDict):
    """One actor of the file as read: its line, the lines under it, their codes."""

    name: str
    synonyms: list[str]
    codes: list[str]
    comment: str


def import_petrarch(path: str | Path) -> Dictionary:
    """Read one PETRARCH/Phoenix actor file into a ``Dictionary`` (see the module notes).

    Example:
        >>> import tempfile, os
        >>> f = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
        >>> _ = f.write("BILL_CLINTON_  # CountryInfo.txt\\n+PRESIDENT_CLINTON\\n\\t[USAGOV 930120-010120]\\n")
        >>> f.close()
        >>> d = import_petrarch(f.name); os.unlink(f.name)
        >>> a = d.actors["Bill Clinton"]; a.type, a.country, a.roles[0]["from"].year
        ('person', 'USA', 1993)
    """
    path = Path(path)
    if not path.is_file():
        raise DictionaryError(f"PETRARCH dictionary {path} does not exist; give one of its .txt actor files")
    entries: list[_Entry] = []
    current: _Entry | None = None
    blank_since = True
    # the Phoenix country file holds a few stray control bytes: decode leniently
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        comment = raw.split("#", 1)[1] if "#" in raw else ""
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            blank_since = True
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is not None:
                name = _name(_CODE.sub("", stripped[1:]))
                if name:
                    current["synonyms"].append(name)
                current["codes"] += _CODE.findall(stripped)
        elif stripped.startswith("[") and current is not None:
            current["codes"] += _CODE.findall(stripped)
        else:
            name = _name(_CODE.sub("", stripped))
            codes = _CODE.findall(stripped)
            if not name:
                continue
            if not codes and current is not None and current["codes"] and not blank_since and not current["synonyms"]:
                current["synonyms"].append(name)  # "UN_ [IGOUNO]" then "U.N._": a further spelling
            else:
                current = {"name": name, "synonyms": [], "codes": codes, "comment": comment}
                entries.append(current)
        blank_since = False
    actors = [a for a in (_actor(e) for e in entries) if a is not None]
    return Dictionary(actors)


def _name(words: str) -> str:
    return " ".join(words.replace("_", " ").split())


def _display(name: str) -> str:
    words = name.split()
    if len(words) == 1 and len(name) <= 4:
        return name.upper()
    shown = [w if "." in w and len(w) <= 5 else w.capitalize() if w.isupper() else w for w in words]
    small = {"Of": "of", "The": "the", "And": "and", "For": "for", "De": "de", "In": "in"}
    return " ".join(small.get(w, w) if k else w for k, w in enumerate(shown))


def _actor(entry: _Entry) -> Actor | None:
    codes = [c.strip() for c in entry["codes"] if c.strip()]
    if any(c.startswith("~") for c in codes):
        return None
    name = _display(entry["name"])
    first = codes[0].split()[0] if codes else ""
    country = first[:3] if len(first) >= 3 and first[:3].isalpha() and first[:3] not in _NOT_COUNTRY else ""
    roles = [r for r in (_role(c, country) for c in codes) if r]
    words = name.split()
    cues = default_cues()
    if codes and all(re.fullmatch(r"[A-Z]{3}", c.split()[0]) and len(c.split()) == 1 for c in codes):
        kind = "location"
    elif (
        ("CountryInfo" in entry["comment"] or roles)
        and 2 <= len(words) <= 5
        and not any(w in cues.organization_suffixes or w.upper() == w and len(w) > 1 and "." not in w for w in words)
    ):
        kind = "person"
    else:
        kind = "organization"
    aliases = []
    seen = {name}
    for synonym in entry["synonyms"]:
        text = _display(synonym)
        if text not in seen:
            seen.add(text)
            aliases.append(Alias(text, name))
    return Actor(name, kind, country=country, code=first, aliases=aliases, roles=roles)


def _role(code: str, country: str) -> dict | None:
    parts = code.split()
    if len(parts) < 2:
        return None
    span = parts[1]
    start = end = None
    if span.startswith(">"):
        start = _date(span[1:])
    elif span.startswith("<"):
        end = _date(span[1:])
    elif "-" in span:
        a, b = span.split("-", 1)
        start, end = _date(a), _date(b)
    if start is None and end is None:
        return None
    return {"title": parts[0], "of": country, "from": start, "to": end}


def _date(text: str) -> dt.date | None:
    text = text.strip()
    try:
        if len(text) == 6:
            year = int(text[:2])
            year += 1900 if year > 40 else 2000
            return dt.date(year, int(text[2:4]), int(text[4:6]))
        if len(text) == 8:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    return None

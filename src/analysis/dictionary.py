"""The actor dictionary: actors, their aliases, the files they come from, one automaton over all aliases.

Every alias of every actor (the default dictionary in ``resources/actors_*.yaml`` plus users'
files, see ``actor_files.load_dictionary``) goes into one Aho-Corasick automaton, searched once
per article. Matches must sit on word boundaries and obey the alias's case rule; where matches
overlap the longest wins, so "United Nations Security Council" is one mention, not also
"United Nations".

The cue lists that type names the dictionary does not know (``resources/actors_cues.yaml``:
titles, speech verbs, organisation and place words, first names, common words) live here
too, so every reader of actor files and every step of mention finding shares one copy.

Example:
    >>> default_dictionary().match("NATO met in Brussels.")
    [(0, 4, 'North Atlantic Treaty Organization', False), (12, 20, 'Brussels', False)]
"""

from __future__ import annotations

import bisect
import datetime as dt
import importlib.util
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from . import paths
from .errors import DictionaryError
from .gazetteers import legal_forms, place_subtype
from .names import first_names
from .options import check_choice
from .yaml_files import safe_load

TYPES = ("person", "organization", "location", "other")
CASE_RULES = ("default", "exact", "any")


DEFAULT_FILES = ("actors_countries.yaml", "actors_organizations.yaml", "actors_people.yaml", "actors_other.yaml")
CUES_FILE = "actors_cues.yaml"
# the dictionary's free-text kinds as the subtypes reports show
SUBTYPE_OF_KIND = {
    "outlet": "media outlet",
    "un": "international organisation",
    "igo": "international organisation",
    "government": "government body",
    "team": "club",
}


@dataclass(frozen=True)
class Alias:
    """One way of writing an actor's name."""

    text: str
    actor: str
    case: str = "default"
    demonym: bool = False


@dataclass
class Actor:
    """An actor of the dictionary (see the format in ``resources/actors_countries.yaml``)."""

    name: str
    type: str
    country: str = ""
    code: str = ""
    kind: str = ""
    aliases: list[Alias] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)


class Dictionary:
    """Actors and their aliases, with one automaton over all aliases (built on first use).

    Picklable: the automaton is dropped when pickled and rebuilt on first use in the
    receiving process, so a worker pays for it once.

    Example:
        >>> d = Dictionary([Actor("Acme Corp", "organization", aliases=[Alias("Acme", "Acme Corp")])])
        >>> [m[2] for m in d.match("Acme Corp and ACME said")]
        ['Acme Corp', 'Acme Corp']
    """

    def __init__(self, actors: Iterable[Actor] = ()):
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self.add(actor)
        self._automaton = None

    def add(self, actor: Actor) -> None:
        check_choice("actor type", actor.type, TYPES)
        names = {a.text for a in actor.aliases}
        aliases = list(actor.aliases)
        if actor.name not in names:
            aliases.insert(0, Alias(actor.name, actor.name))
        actor.aliases = aliases
        self.actors[actor.name] = actor  # a later entry of the same name replaces the earlier one
        self._automaton = None

    def merged(self, other: Dictionary) -> Dictionary:
        """A new dictionary with ``other``'s actors added (they win on equal names)."""
        return Dictionary([*self.actors.values(), *other.actors.values()])

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, name: str) -> bool:
        return name in self.actors

    def __repr__(self) -> str:
        return f"Dictionary({len(self.actors):,} actors, {sum(len(a.aliases) for a in self.actors.values()):,} aliases)"

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_automaton"] = None
        return state

    def type_of(self, name: str) -> str:
        actor = self.actors.get(name)
        return actor.type if actor else ""

    def subtype_of(self, name: str) -> str:
        """The actor's subtype: its ``kind`` in plain words, else one read from its type and entry."""
        actor = self.actors.get(name)
        if actor is None:
            return ""
        if actor.kind:
            return SUBTYPE_OF_KIND.get(actor.kind.lower(), actor.kind.lower())
        if actor.type == "location":
            return "country" if actor.code else (place_subtype(actor.name) or "city") if actor.country else ""
        return "person" if actor.type == "person" else ""

    def frame(self) -> pd.DataFrame:
        """One row per actor: name, type, country, code, kind, aliases (joined with "; ")."""
        rows = [
            (a.name, a.type, a.country, a.code, a.kind, "; ".join(x.text for x in a.aliases if x.text != a.name))
            for a in self.actors.values()
        ]
        return pd.DataFrame(rows, columns=["name", "type", "country", "code", "kind", "aliases"]).astype("string")

    def demonyms(self) -> frozenset[str]:
        """Alias texts flagged as demonyms ("French", "Americans")."""
        return frozenset(x.text for a in self.actors.values() for x in a.aliases if x.demonym)

    def automaton(self):
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            by_key: dict[str, list[Alias]] = defaultdict(list)
            for actor in self.actors.values():
                for alias in actor.aliases:
                    if alias.text.strip():
                        by_key[_fold(alias.text)].append(alias)
            for key, aliases in by_key.items():
                # later actors (users' files) are tried first
                automaton.add_word(key, (len(key), tuple(reversed(aliases))))
            if len(automaton):
                automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def match(self, text: str, *, demonyms: bool = True) -> list[tuple[int, int, str, bool]]:
        """Non-overlapping alias matches in ``text``: (start, end, actor, is_demonym), by start.

        Longest match wins; matches must be on word boundaries and obey each alias's case rule.
        """
        automaton = self.automaton()
        if not len(automaton) or not text:
            return []
        folded = _fold(text)
        found = []
        for end_index, (length, aliases) in automaton.iter(folded):
            end = end_index + 1
            start = end - length
            # half the hits are short aliases inside a longer word ("ec" in "second", "us" in "must"):
            # the cheap test first
            if (start > 0 and text[start - 1].isalnum()) or not _on_boundary(text, start, end):
                continue
            surface = text[start:end]
            for alias in aliases:
                # written as the alias is: every case rule accepts it
                if (demonyms or not alias.demonym) and (surface == alias.text or _case_ok(surface, alias)):
                    found.append((start, end, alias.actor, alias.demonym))
                    break
        return longest_first(found)


def _fold(text: str) -> str:
    """Lower case with the same length as ``text`` (so offsets carry over)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _on_boundary(text: str, start: int, end: int) -> bool:
    if start > 0:
        before = text[start - 1]
        if before.isalnum() or (before == "-" and start > 1 and text[start - 2].islower()):
            return False
    if end < len(text):
        after = text[end]
        if after.isalnum() or (after == "-" and end + 1 < len(text) and text[end + 1].islower()):
            return False
        if text[end - 1] == "." and after == ".":
            return False
    return True


def _case_ok(surface: str, alias: Alias) -> bool:
    if alias.case == "any":
        return True
    if alias.case == "exact":
        return surface == alias.text
    return all(s.isupper() for a, s in zip(alias.text, surface) if a.isupper())


def _longest_first_few(found: list[tuple]) -> list[tuple]:
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[tuple] = []
    for m in found:
        i = bisect.bisect_right(starts, m[0])
        if (i > 0 and ends[i - 1] > m[0]) or (i < len(starts) and starts[i] < m[1]):
            continue
        starts.insert(i, m[0])
        ends.insert(i, m[1])
        kept.insert(i, m)
    return kept


def longest_first(found: list[tuple]) -> list[tuple]:
    """Keep the longest of overlapping spans (then the leftmost); return them by start."""
    by_start = sorted(found, key=lambda m: m[0])
    if all(a[1] <= b[0] for a, b in zip(by_start, by_start[1:])):
        return by_start  # no two overlap (the usual case): all are kept
    if len(found) < 256:  # few spans: a sorted list is quicker than a map of the text
        return _longest_first_few(found)
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    # the characters taken so far, one byte each: checking and marking a span costs its length,
    # so the whole pass is linear in the text (sorted-list insertion was quadratic in the matches)
    taken = bytearray(max(m[1] for m in found) + 1)
    kept = []
    for m in found:
        if taken.find(1, m[0], m[1]) >= 0:
            continue
        taken[m[0] : m[1]] = b"\x01" * (m[1] - m[0])
        kept.append(m)
    kept.sort(key=lambda m: m[0])
    return kept


def read_dictionary(path: str | Path) -> Dictionary:
    """Read one actor dictionary file (YAML as documented in the default files, or CSV).

    CSV files have the columns name, type and optionally country, code, kind and aliases
    (aliases separated by ";").

    Example:
        >>> read_dictionary(paths.RESOURCES / "actors_organizations.yaml").type_of("NATO")
        ''
    """
    path = Path(path)
    if not path.is_file():
        raise DictionaryError(f"actor dictionary {path} does not exist; give a YAML or CSV file")
    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        entries = [
            {**row, "aliases": [a.strip() for a in row.get("aliases", "").split(";") if a.strip()]}
            for row in frame.to_dict("records")
        ]
    else:
        try:
            data = safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            where = f" line {line + 1}" if line is not None else ""
            raise DictionaryError(
                f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)}); fix the file"
            ) from None
        entries = (data or {}).get("actors", []) if isinstance(data, dict) else data
        if not isinstance(entries, list):
            raise DictionaryError(f"{path}: expected a list of actors under 'actors:'")
    actors = []
    for number, entry in enumerate(entries, 1):
        actors.extend(_actors_from_entry(entry, f"{path} entry {number}"))
    return Dictionary(actors)


def _actors_from_entry(entry, where: str) -> list[Actor]:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise DictionaryError(f"{where}: each actor needs at least a 'name' (and a 'type')")
    name = str(entry["name"]).strip()
    kind = str(entry.get("type") or "other").strip().lower()
    if kind not in TYPES:
        raise DictionaryError(f"{where} ({name}): type {kind!r} is not one of {', '.join(TYPES)}")
    actor = Actor(
        name,
        kind,
        country=str(entry.get("country") or ""),
        code=str(entry.get("code") or ""),
        kind=str(entry.get("kind") or ""),
        aliases=[_alias(a, name, where) for a in entry.get("aliases") or []]
        + [_alias(a, name, where, demonym=True) for a in entry.get("demonyms") or []],
        roles=[_role(r, where) for r in entry.get("roles") or []],
    )
    actors = [actor]
    country = name if kind == "location" and actor.code else actor.country
    for place in ([entry["capital"]] if entry.get("capital") else []) + list(entry.get("places") or []):
        place_kind = ""
        if isinstance(place, dict):
            place_name = str(place["name"])
            place_kind = str(place.get("kind") or "")
            aliases = [_alias(a, place_name, where) for a in place.get("aliases") or []] + [
                _alias(a, place_name, where, demonym=True) for a in place.get("demonyms") or []
            ]
        else:
            place_name, aliases = str(place), []
        actors.append(Actor(place_name, "location", country=country, kind=place_kind, aliases=aliases))
    return actors


def _alias(value, actor: str, where: str, *, demonym: bool = False) -> Alias:
    if isinstance(value, dict):
        text = str(value.get("alias") or value.get("name") or "")
        case = str(value.get("case") or "default")
    else:
        text, case = str(value), "default"
    if case not in CASE_RULES:
        raise DictionaryError(
            f"{where} ({actor}): case rule {case!r} for {text!r} is not one of {', '.join(CASE_RULES)}"
        )
    if not text.strip():
        raise DictionaryError(f"{where} ({actor}): an alias is empty")
    return Alias(" ".join(text.split()), actor, case, demonym)


def _role(value, where: str) -> dict:
    if not isinstance(value, dict) or "title" not in value:
        raise DictionaryError(f"{where}: a role needs a 'title' (and optional of/from/to dates)")
    role: dict[str, str | dt.date | None] = {"title": str(value["title"]), "of": str(value.get("of") or "")}
    for key in ("from", "to"):
        raw = value.get(key)
        if raw in (None, ""):
            role[key] = None
            continue
        try:
            role[key] = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
        except ValueError:
            raise DictionaryError(f"{where}: role date {key}={raw!r} is not YYYY-MM-DD") from None
    return role


@lru_cache(maxsize=1)
def default_dictionary() -> Dictionary:
    """The package's default dictionary (countries, capitals, organisations, outlets, leaders)."""
    actors: list[Actor] = []
    for name in DEFAULT_FILES:
        actors.extend(read_dictionary(paths.RESOURCES / name).actors.values())
    return Dictionary(actors)


def roles_on(dictionary: Dictionary, date) -> pd.DataFrame:
    """Who held which office on ``date``: actor, title, of, from, to.

    Example:
        >>> roles_on(default_dictionary(), "2005-03-01").query("title == 'Prime Minister' and of == 'United Kingdom'")["actor"].tolist()
        ['Tony Blair']
    """
    day = pd.Timestamp(date).date()
    rows = [
        (a.name, r["title"], r["of"], r["from"], r["to"])
        for a in dictionary.actors.values()
        for r in a.roles
        if (r["from"] is None or r["from"] <= day) and (r["to"] is None or day < r["to"])
    ]
    return pd.DataFrame(rows, columns=["actor", "title", "of", "from", "to"])


@dataclass(frozen=True)
class Cues:
    person_titles: frozenset
    person_words: frozenset
    speech_verbs: frozenset
    organization_suffixes: frozenset
    location_suffixes: frozenset
    name_particles: frozenset
    place_words: frozenset
    never_names: frozenset
    never_first: frozenset  # never_names cut from a name's front in mid-sentence too
    given_names: frozenset
    place_of_words: frozenset
    sport_words: frozenset
    team_words_after: frozenset
    team_words_before: frozenset
    company_words_after: frozenset
    company_words_before: frozenset
    subtype_suffixes: dict
    event_suffixes: dict
    work_words_before: frozenset
    work_words_after: frozenset
    product_words_after: frozenset
    common: frozenset  # lower-case common words: stopwords and sentiment-lexicon words
    stop: frozenset  # lower-case stopwords: never the first word of a name ("The", "But")


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    data = safe_load((paths.RESOURCES / CUES_FILE).read_text(encoding="utf-8"))
    sets = {
        key: frozenset(str(w) for w in data.get(key, []))
        for key in Cues.__dataclass_fields__
        if key not in ("common", "stop", "subtype_suffixes", "given_names", "event_suffixes")
    }
    events = {str(w): kind for kind, words in (data.get("event_suffixes") or {}).items() for w in words}
    # first names: the project's international list and the US census lists (``names`` package)
    sets["given_names"] = frozenset(str(w) for w in data.get("given_names", [])) | frozenset(first_names())
    suffixes = {str(w): subtype for subtype, words in (data.get("subtype_suffixes") or {}).items() for w in words}
    for form in legal_forms():
        suffixes.setdefault(form, "company")
    return Cues(**sets, subtype_suffixes=suffixes, event_suffixes=events, common=_common_words(), stop=_stopwords())


def _stopwords() -> frozenset[str]:
    try:
        from .stopwords import stopword_set

        return stopword_set()
    except ImportError:  # pragma: no cover - the stopword module is part of the package
        return frozenset({"the", "a", "an", "but", "and", "or", "if", "when", "while", "as", "in", "on", "at"})


def _common_words() -> frozenset[str]:
    words: set[str] = set()
    try:
        from .stopwords import stopword_set

        words |= stopword_set()
    except ImportError:  # pragma: no cover - the stopword module is part of the package
        pass
    # the VADER lexicon shipped with vaderSentiment (a dependency): thousands of ordinary words
    spec = importlib.util.find_spec("vaderSentiment")
    if spec and spec.origin:
        lexicon = Path(spec.origin).parent / "vader_lexicon.txt"
        if lexicon.is_file():
            for line in lexicon.read_text(encoding="utf-8", errors="replace").splitlines():
                word = line.split("\t", 1)[0]
                if word.isalpha():
                    words.add(word.lower())
    words |= {
        "new",
        "news",
        "first",
        "last",
        "next",
        "after",
        "before",
        "while",
        "when",
        "where",
        "despite",
        "however",
        "although",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "also",
        "still",
        "even",
        "now",
        "then",
        "today",
        "yesterday",
        "tomorrow",
        "here",
        "there",
        "this",
        "that",
        "these",
        "those",
        "some",
        "many",
        "most",
        "more",
        "few",
        "several",
        "both",
        "each",
        "every",
        "all",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "officials",
        "police",
        "analysts",
        "experts",
        "critics",
        "people",
        "sources",
        "shares",
        "prices",
        "talks",
        "meanwhile",
        "earlier",
        "later",
        "according",
        "asked",
        "under",
        "over",
        "since",
        "during",
        "following",
        "speaking",
        "writing",
        "reporting",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "without",
        "from",
        "of",
        "to",
        "as",
        "if",
        "once",
        "only",
        "just",
        "already",
        "instead",
        "overall",
        "total",
        "half",
        "result",
        "results",
        "world",
        "national",
        "international",
        "year",
        "week",
        "month",
        "day",
        "morning",
        "evening",
        "night",
        "share",
        "market",
        "markets",
        "trade",
        "sales",
        "profit",
        "profits",
        "hundred",
        "thousand",
        "million",
        "millions",
        "billion",
        "billions",
        "dollar",
        "dollars",
        "pound",
        "pounds",
    }
    return frozenset(words)

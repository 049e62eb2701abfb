"""Actor mentions: who (people, organisations, places) is named in each sentence.

Three steps, all offline and rule-based (``backend="rules"``):

1. **Dictionary matching.** Every alias of every actor in the dictionary (the default
   dictionary in ``resources/actors_*.yaml`` plus users' files, see ``load_dictionary``)
   goes into one Aho-Corasick automaton, searched once per article. Matches must sit on
   word boundaries and obey the alias's case rule; where matches overlap the longest wins,
   so "United Nations Security Council" is one mention, not also "United Nations".
2. **Discovery.** Runs of capitalised words that the dictionary does not cover become
   candidate names, typed by cues (``resources/actors_cues.yaml``): a title or role before
   ("Foreign Minister", "Mr", "spokesman"), a first name, a speech verb after ("X said"),
   an organisation suffix ("Ministry", "Corp", "Bank of ..."), a place cue ("in X") or a
   place suffix ("River"). The first word of a sentence is dropped when it is a common word
   (a stopword, a sentiment-lexicon word, or a word written in lower case elsewhere in the
   article). Names with no cue are typed "other".
3. **Within-article resolution.** A surname after a full name ("Smith" after "John
   Smith") and an abbreviation defined in parentheses ("National Security Council (NSC)")
   resolve to the actor introduced earlier in the same article.

4. **Types from context.** In a sports story a place or unknown name named as a side is a club
   ("Leicester (club)") and a country its national side ("England (national team)"); a name with a
   company's context ("shares in X") or in a listed-company gazetteer is a company; events, awards,
   works and products are type "other" with a subtype. Title-Case headings, photo credits and
   bylines yield no names without support. Each mention carries a ``subtype`` (party, company, club,
   media outlet, country, city, nationality, work, event ...) and ``self_reference`` (an outlet
   naming itself: "told BBC News").

Demonyms ("French") are their own mentions: actor the country, type "other", subtype
"nationality"; ``find_mentions(..., demonyms=False)`` leaves them out. Corpus-level steps for the
report tables: ``self_outlets`` (the publisher), ``counted_mentions`` (what the tables count) and
``merge_variants`` (one actor per referent across the corpus).

The report tables (``actor_table``, ``comentions``, ``unmatched``, ``actors_over_time``,
``quoted``) are functions here too: frames in, frames out.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["NATO met in Brussels."]})
    >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [21]})
    >>> find_mentions(arts, sents)["actor"].tolist()
    ['North Atlantic Treaty Organization', 'Brussels']
"""

from __future__ import annotations

import bisect
import datetime as dt
import importlib.util
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import paths, schemas
from .docrows import sentence_index
from .gazetteers import company_name, legal_forms, place_subtype
from .names import first_names
from .options import check_choice

TYPES = ("person", "organization", "location", "other")
CASE_RULES = ("default", "exact", "any")
BACKENDS = ("rules",)
DEFAULT_FILES = ("actors_countries.yaml", "actors_organizations.yaml", "actors_people.yaml", "actors_other.yaml")
CUES_FILE = "actors_cues.yaml"
# the dictionary's free-text kinds as the subtypes reports show
SUBTYPE_OF_KIND = {"outlet": "media outlet", "un": "international organisation", "igo": "international organisation",
                   "government": "government body", "team": "club"}


class DictionaryError(ValueError):
    """An actor dictionary file is malformed."""


# --------------------------------------------------------------------------- dictionary


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
            if not _on_boundary(text, start, end):
                continue
            surface = text[start:end]
            for alias in aliases:
                if (demonyms or not alias.demonym) and _case_ok(surface, alias):
                    found.append((start, end, alias.actor, alias.demonym))
                    break
        return _longest_first(found)


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
        if text[end - 1] == "." and after == "." :
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
    kept = []
    for m in found:
        i = bisect.bisect_right(starts, m[0])
        if (i > 0 and ends[i - 1] > m[0]) or (i < len(starts) and starts[i] < m[1]):
            continue
        starts.insert(i, m[0])
        ends.insert(i, m[1])
        kept.insert(i, m)
    return kept


def _longest_first(found: list[tuple]) -> list[tuple]:
    """Keep the longest of overlapping spans (then the leftmost); return them by start."""
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
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            where = f" line {line + 1}" if line is not None else ""
            raise DictionaryError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)}); fix the file") from None
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
        raise DictionaryError(f"{where} ({actor}): case rule {case!r} for {text!r} is not one of {', '.join(CASE_RULES)}")
    if not text.strip():
        raise DictionaryError(f"{where} ({actor}): an alias is empty")
    return Alias(" ".join(text.split()), actor, case, demonym)


def _role(value, where: str) -> dict:
    if not isinstance(value, dict) or "title" not in value:
        raise DictionaryError(f"{where}: a role needs a 'title' (and optional of/from/to dates)")
    role = {"title": str(value["title"]), "of": str(value.get("of") or "")}
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
    actors = []
    for name in DEFAULT_FILES:
        actors.extend(read_dictionary(paths.RESOURCES / name).actors.values())
    return Dictionary(actors)


def load_dictionary(paths_: Sequence[str | Path] | str | Path = (), *, include_default: bool = True) -> Dictionary:
    """The default dictionary merged with users' files (later files win on equal names).

    Args:
        paths_: YAML or CSV actor files (format documented in ``resources/actors_countries.yaml``).
        include_default: start from the package's default dictionary.

    Example:
        >>> d = load_dictionary()
        >>> d.type_of("United Nations"), d.type_of("Paris")
        ('organization', 'location')
    """
    if isinstance(paths_, (str, Path)):
        paths_ = [paths_]
    base = default_dictionary() if include_default else Dictionary()
    if not paths_:
        return base
    actors = list(base.actors.values())
    for path in paths_:
        path = Path(path)
        if path.suffix.lower() == ".txt":
            from .petrarch import import_petrarch

            actors.extend(import_petrarch(path).actors.values())
        else:
            actors.extend(read_dictionary(path).actors.values())
    return Dictionary(actors)


def roles_on(dictionary: Dictionary, date) -> pd.DataFrame:
    """Who held which office on ``date``: actor, title, of, from, to.

    Example:
        >>> roles_on(load_dictionary(), "2005-03-01").query("title == 'Prime Minister' and of == 'United Kingdom'")["actor"].tolist()
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


# --------------------------------------------------------------------------- cues and lexicons


@dataclass(frozen=True)
class _Cues:
    person_titles: frozenset
    person_words: frozenset
    speech_verbs: frozenset
    organization_suffixes: frozenset
    location_suffixes: frozenset
    name_particles: frozenset
    place_words: frozenset
    never_names: frozenset
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
def _cues() -> _Cues:
    data = yaml.safe_load((paths.RESOURCES / CUES_FILE).read_text(encoding="utf-8"))
    sets = {key: frozenset(str(w) for w in data.get(key, [])) for key in _Cues.__dataclass_fields__
            if key not in ("common", "stop", "subtype_suffixes", "given_names", "event_suffixes")}
    sets["event_suffixes"] = {str(w): kind for kind, words in (data.get("event_suffixes") or {}).items() for w in words}
    # first names: the project's international list and the US census lists (``names`` package)
    sets["given_names"] = frozenset(str(w) for w in data.get("given_names", [])) | frozenset(first_names())
    suffixes = {str(w): subtype for subtype, words in (data.get("subtype_suffixes") or {}).items() for w in words}
    for form in legal_forms():
        suffixes.setdefault(form, "company")
    return _Cues(**sets, subtype_suffixes=suffixes, common=_common_words(), stop=_stopwords())


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
        "new", "news", "first", "last", "next", "after", "before", "while", "when", "where", "despite", "however",
        "although", "but", "and", "or", "so", "yet", "also", "still", "even", "now", "then", "today", "yesterday",
        "tomorrow", "here", "there", "this", "that", "these", "those", "some", "many", "most", "more", "few",
        "several", "both", "each", "every", "all", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "officials", "police", "analysts", "experts", "critics", "people", "sources", "shares",
        "prices", "talks", "meanwhile", "earlier", "later", "according", "asked", "under", "over", "since",
        "during", "following", "last", "speaking", "writing", "reporting", "in", "on", "at", "by", "for", "with",
        "without", "from", "of", "to", "as", "if", "once", "only", "just", "already", "instead", "overall",
        "total", "half", "result", "results", "world", "national", "international", "year", "week", "month",
        "day", "morning", "evening", "night", "share", "market", "markets", "trade", "sales", "profit", "profits",
        "hundred", "thousand", "million", "millions", "billion", "billions", "dollar", "dollars", "pound", "pounds",
    }
    return frozenset(words)


# --------------------------------------------------------------------------- finding mentions

_CAPS_SENTENCE_LETTERS = 8
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.\-]{1,7}$")
_PAREN_ABBREV = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,9})\s*\)")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "capt", "sgt", "adm",
                  "rev", "st", "mt", "ft", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "no", "cmdr", "messrs"}


@dataclass
class _Candidate:
    start: int
    end: int
    actor: str
    type: str
    source: str  # dictionary | discovered
    backend: str
    strength: int = 0  # how sure the type is (discovered names): 0 none ... 3 strong cue
    demonym: bool = False
    subtype: str = ""
    self_reference: bool = False
    in_heading: bool = False  # found in a Title-Case heading line (kept only with support, see _discover)


def find_mentions(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    dictionary: Dictionary | None = None,
    discover: bool = True,
    backend: str = "rules",
    demonyms: bool = True,
    national_teams: bool = True,
) -> pd.DataFrame:
    """Actor mentions in articles: dictionary matches, discovered names, resolved surnames.

    Args:
        articles: frame with doc_id and text (shape "articles").
        sentences: frame with doc_id, sent_id, start, end (shape "sentences"); each
            mention gets the sent_id of the sentence it starts in.
        dictionary: from ``load_dictionary``; default: the package's default dictionary.
        discover: also find names that are not in the dictionary (source "discovered").
        backend: "rules" (capitalisation and context cues; no model).
        national_teams: a country named as a side in a sports story ("England beat Wales") is
            the organisation "England (national team)"; False keeps it a mention of the country
            (the CoNLL-2003 convention, which tags national sides as locations).
        demonyms: keep demonyms ("French") as mentions: actor the country, type "other", subtype
            "nationality" (the report tables leave them out unless asked, see ``counted_mentions``).

    Returns:
        Frame of shape "mentions" (``surface == text[start:end]``), ordered by doc and start.

    Example:
        >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Foreign Minister Ana Lopez met Lopez's aides."]})
        >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [45]})
        >>> find_mentions(arts, sents)[["surface", "actor", "actor_type"]].values.tolist()
        [['Ana Lopez', 'Ana Lopez', 'person'], ['Lopez', 'Ana Lopez', 'person']]
    """
    check_choice("backend", backend, BACKENDS)
    dictionary = default_dictionary() if dictionary is None else dictionary
    starts_by_doc, ids_by_doc = sentence_index(sentences)
    rows = []
    for doc_id, text in zip(articles["doc_id"].astype(str), articles["text"].astype(str)):
        starts = starts_by_doc.get(doc_id, [0])
        ids = ids_by_doc.get(doc_id, [0])
        sentence_ends = [*starts[1:], len(text)]
        for c in _article_mentions(text, starts, sentence_ends, dictionary, discover=discover, demonyms=demonyms,
                                   national_teams=national_teams):
            sent_id = ids[max(0, bisect.bisect_right(starts, c.start) - 1)]
            rows.append((doc_id, sent_id, c.start, c.end, text[c.start : c.end], c.actor, c.type, c.source, c.backend,
                         c.subtype, c.self_reference))
    frame = pd.DataFrame(rows, columns=schemas.columns("mentions"))
    return schemas.conform(frame, "mentions")


def _article_mentions(text, starts, ends, dictionary, *, discover, demonyms, national_teams=True) -> list[_Candidate]:
    cues = _cues()
    found = [
        _Candidate(s, e, actor, dictionary.type_of(actor), "dictionary", "dictionary", 3, dem, dictionary.subtype_of(actor))
        for s, e, actor, dem in dictionary.match(text, demonyms=True)
    ]
    places = {}
    if discover:
        lowercase_seen = set(re.findall(r"\b[a-z][a-z'-]+\b", text))
        places = _demonym_stems(text, dictionary, cues, lowercase_seen)
        found = _discover(text, starts, ends, found, dictionary, cues, lowercase_seen, places)
    found = _resolve(text, starts, ends, found, dictionary, cues, places)
    found = _retype_in_context(text, found, cues, national_teams=national_teams)
    found = [c for c in found if not ((c.source == "discovered" or c.subtype == "media outlet")
                                      and _in_credit_or_byline(text, c))]
    if not demonyms:
        found = [c for c in found if not c.demonym]
    for c in found:
        if c.demonym:
            c.type, c.subtype = "other", "nationality"
        elif not c.subtype:
            c.subtype = _discovered_subtype(text[c.start : c.end], c.type, cues)
        if c.subtype == "media outlet":
            c.self_reference = _self_reference(text, c.start, c.end)
    return found


_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
# a capitalised word (Latin, Greek, Cyrillic capitals; "3Com"), with inner hyphens (not before a
# lower-case tail: "Bush-style" is "Bush", "Ata-ur-Rehman" stays whole), apostrophes, dots and
# ampersands, and an optional final dot
_CAP_WORD = re.compile(
    r"(?<![\w'’.&-])(?:[A-ZÀ-ÖØ-Þ\u0100-\u024f\u0386-\u03ab\u0400-\u042f]|\d(?=[A-Z]))"
    r"(?:\w|['’.&](?=\w)|-(?=[^\W_a-zß-ÿ]|[a-z]+-?[A-Z]))*\.?"
)
_GAP_WORD = re.compile(r" ([a-z]{1,4}(?: the)?) ")


def _is_caps_sentence(sentence: str) -> bool:
    upper = len(_UPPER.findall(sentence))
    lower = len(_LOWER.findall(sentence))
    return upper + lower >= _CAPS_SENTENCE_LETTERS and upper >= 4 * lower


def _cap_words(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Spans of capitalised words in text[begin:end]; a final dot is kept only on
    abbreviations and initials, a possessive 's is left out."""
    spans = []
    for m in _CAP_WORD.finditer(text, begin, end):
        s, e = m.span()
        if not text[s].isupper() and not text[s].isdigit():
            continue
        if text[e - 1] == "." and e - s > 1:
            core = text[s : e - 1]
            if not ("." in core or core.lower() in _ABBREVIATIONS or (len(core) == 1 and core.isupper())):
                e -= 1
        if e - s > 2 and text[e - 2] in "'’" and text[e - 1] in "sS":  # possessive
            e -= 2
        spans.append((s, e))
    return spans


def _discover(text, starts, ends, found, dictionary, cues, lowercase_seen, demonyms) -> list[_Candidate]:
    # dictionary matches by start (entries are removed when a longer discovered name absorbs them),
    # with their sorted starts and an index by end, so lookups stay logarithmic
    by_start = {c.start: c for c in found}
    by_start["__order__"] = sorted(c.start for c in found)
    by_start["__by_end__"] = {c.end: c for c in found}
    by_start["__demonyms__"] = demonyms
    new: list[_Candidate] = list(found)
    for s_begin, s_end in zip(starts, ends):
        words = _cap_words(text, s_begin, s_end)
        if not words or (sum(text[a:b].isupper() for a, b in words) >= 3 and _is_caps_sentence(text[s_begin:s_end])):
            continue  # headlines in capitals carry no capitalisation cues; resolution handles known names
        headings = _heading_lines(text, s_begin, s_end, cues, lowercase_seen)
        for run in _runs(text, words, cues):
            classified = _classify_run(text, run, s_begin, by_start, dictionary, cues, lowercase_seen)
            if headings:
                for c in classified:
                    c.in_heading = c.source == "discovered" and any(a <= c.start < b for a, b in headings)
            new.extend(classified)
    new = _longest_first_candidates(new)
    # a name found only in Title-Case headings ("Rules Out Reopening", "End Bush") needs a strong cue
    # (a first name, an organisation word) or the same name in the article's running text
    if any(c.in_heading for c in new):
        running = {c.actor for c in new if not c.in_heading}
        new = [c for c in new if not c.in_heading or c.strength >= 3 or c.actor in running]
    if demonyms:
        stems = set(demonyms.values())
        for c in new:
            if c.source != "discovered":
                continue
            if c.actor in demonyms:  # "Valtenian" -> Valtenia
                c.actor, c.type, c.strength, c.demonym = demonyms[c.actor], "location", 3, True
            elif c.actor in stems and c.strength < 3:
                c.type, c.strength = "location", 3
    return new


_DEMONYM_ENDINGS = (("ian", "ia"), ("n", ""), ("an", ""), ("ian", ""), ("ian", "y"), ("ese", ""), ("i", ""))


def _demonym_stems(text, dictionary, cues, lowercase_seen) -> dict[str, str]:
    """Demonyms of places the dictionary does not know, from the article itself: a capitalised
    word that is another capitalised word of the article plus a demonym ending ("Valtenian"
    and "Valtenia", "Pakistani" and "Pakistan") -> {demonym: place}."""
    words = set(re.findall(r"\b[A-Z][a-z]{3,}\b", text))
    out = {}
    for word in words:
        if not word.endswith(("n", "ese", "i")) or word.lower() in lowercase_seen:
            continue
        for ending, replacement in _DEMONYM_ENDINGS:
            if word.endswith(ending):
                stem = word[: len(word) - len(ending)] + replacement
                if len(stem) >= 4 and stem in words and stem.lower() not in cues.common \
                        and stem.lower() not in lowercase_seen and stem not in cues.given_names:
                    if not dictionary.type_of(stem) and not dictionary.type_of(word):
                        out[word] = stem
                    break
    return out


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{5,}")
_WORD_IN_LINE = re.compile(r"[^\W\d_][\w'’-]*")


def _heading_lines(text, begin, end, cues, lowercase_seen) -> list[tuple[int, int]]:
    """Spans of the lines of text[begin:end] written in Title Case: every word capitalised and at
    least one of them an ordinary word ("Iraq Poll Rules Out Reopening", "Install Windows")."""
    spans = []
    pos = begin
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        # most lines hold an ordinary lower-case word: a quick search rules them out
        short = stop - pos <= 200 and not _LOWER_WORD.search(text, pos, stop)
        words = _WORD_IN_LINE.findall(text, pos, stop) if short else []
        if len(words) >= 2 and all(w[0].isupper() or w.lower() in _HEADING_SMALL for w in words) and any(
            w[0].isupper() and w.isalpha() and not w.isupper() and (w.lower() in cues.common or w.lower() in lowercase_seen)
            for w in words
        ):
            spans.append((pos, stop))
        pos = stop + 1
    return spans


_HEADING_SMALL = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "as", "vs"})


def _runs(text, words, cues) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words (as lists of word spans), joined by spaces, "&", or name
    particles and "of"/"for" after an organisation or place word ("Bank of England")."""
    runs = []
    run = [words[0]]
    possessive = []  # where the run was joined over a possessive ("Farmers' Union")
    listing = False  # inside "Department for Culture, Media and Sport": a list of capitalised words
    for k, (prev, word) in enumerate(zip(words, words[1:])):
        gap = text[prev[1] : word[0]]
        if gap in (" ", "  ") or gap in (" & ", "&"):
            run.append(word)
            continue
        if listing and (gap == " and " or (gap == ", " and k + 2 < len(words)
                                            and text[word[1] : words[k + 2][0]] in (" and ", ", "))):
            run.append((prev[1] + 1, word[0] - 1) if gap == " and " else (prev[1], prev[1] + 1))
            run.append(word)
            continue
        if gap in _POSSESSIVE_GAPS and _plural_noun(text[prev[0] : prev[1]], cues):
            possessive.append(len(run))
            run.append(word)
            continue
        m = _GAP_WORD.fullmatch(gap)
        if m:
            joiner = m.group(1)
            head = text[prev[0] : prev[1]]
            if joiner in cues.name_particles or (
                joiner.split()[0] in ("of", "for")
                and (head in cues.organization_suffixes or head in cues.location_suffixes or head in _OF_HEADS)
            ):
                run.append((prev[1] + 1, word[0] - 1))  # the joining word(s) as one token
                run.append(word)
                listing = head in cues.organization_suffixes or head in _OF_HEADS
                continue
        runs.extend(_split_possessive(text, run, possessive, cues))
        run, possessive, listing = [word], [], False
    runs.extend(_split_possessive(text, run, possessive, cues))
    return runs


_POSSESSIVE_GAPS = ("'s ", "’s ", "' ", "’ ")


def _plural_noun(word: str, cues) -> bool:
    """Whether ``word`` reads as a common plural noun ("Farmers", "Fishermen", "People")."""
    low = word.lower()
    return low.isalpha() and (low in cues.common or low.endswith(("s", "men", "ren", "ple")))


def _split_possessive(text, run, possessive, cues) -> list[list[tuple[int, int]]]:
    """Keep a run joined over a possessive only when it ends as an organisation's name
    ("People's Alliance", "Fishermen's Association"); else split it there."""
    if not possessive:
        return [run]
    last = text[run[-1][0] : run[-1][1]]
    if last in cues.organization_suffixes or last in _OF_HEADS:
        return [run]
    pieces, begin = [], 0
    for k in possessive:
        pieces.append(run[begin:k])
        begin = k
    pieces.append(run[begin:])
    return pieces


_ROLE_HEADS = {"Minister", "President", "Secretary", "Chancellor", "Premier", "Spokesman", "Spokeswoman",
               "Spokesperson", "Ambassador", "Governor", "Mayor", "Chairman", "Chairwoman", "Director", "Envoy",
               "Commissioner", "Coach", "Manager", "Leader", "Officer", "Executive", "Senator", "Judge", "Captain",
               "Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "MP", "MEP", "MSP", "AM"}
_OF_HEADS = {"Bank", "University", "Ministry", "Department", "Chamber", "Bay", "Gulf", "Sea", "Isle", "Strait",
             "Cape", "Republic", "Kingdom", "Church", "Board", "College", "Institute", "Museum", "Court", "House",
             "Office", "Federation", "Union", "Association", "Council", "Committee", "Commission", "Party", "Army",
             "Front", "Movement", "League", "Bureau", "Agency", "Organisation", "Organization", "Society", "Academy",
             "Centre", "Center", "Authority", "Government", "Assembly", "Confederation", "Corporation", "Company",
             "Club", "Fund", "Foundation", "Service", "School", "Port", "Gulf", "Duchy", "Province", "State",
             "States", "Islands", "Bishop", "Archbishop", "Mayor", "Governor"}


def _classify_run(text, run, s_begin, by_start, dictionary, cues, lowercase_seen) -> list[_Candidate]:
    spans = run
    toks = [text[s:e] for s, e in spans]
    # the first word of a sentence (or after an opening quote or bracket) is capitalised anyway
    while toks:
        first_in_sentence = _sentence_initial(text, s_begin, spans[0][0])
        w = toks[0]
        low = w.lower()
        common = low in cues.common or low in lowercase_seen or w in cues.never_names
        if spans[0][0] not in by_start and (
            low in cues.stop or (first_in_sentence and common and w not in cues.person_titles)
        ):
            toks, spans = toks[1:], spans[1:]
            continue
        break
    if not toks:
        return []
    run_start, run_end = spans[0][0], spans[-1][1]
    # dictionary matches inside the run
    order = by_start["__order__"]
    lo = bisect.bisect_left(order, run_start)
    hi = bisect.bisect_left(order, run_end)
    inside = [by_start[k] for k in order[lo:hi] if k in by_start and by_start[k].end <= run_end]
    if inside and inside[0].start == run_start and inside[0].end == run_end:
        return []
    # "Russian Foreign Ministry", "Bank of England": an organisation suffix makes the whole run one name
    of_org = any(
        t.split()[0] in ("of", "for") and k > 0 and (toks[k - 1] in cues.organization_suffixes or toks[k - 1] in _OF_HEADS)
        and toks[k - 1] not in cues.location_suffixes
        for k, t in enumerate(toks)
    )
    if len(toks) > 1 and toks[-1] in ("City", "County", "Town") and place_subtype(" ".join(toks)):
        for c in inside:  # "New York City" is a city, not a club named after "New York"
            by_start.pop(c.start, None)
        return [_found(text, run_start, run_end, "location", 3, place_subtype(" ".join(toks)))]
    if (toks[-1] in cues.organization_suffixes or of_org) and len(toks) > 1:
        head = 0
        while head < len(toks) - 2 and (toks[head] in cues.person_titles and toks[head] not in ("Foreign", "Home", "State")):
            head += 1
        s = spans[head][0]
        if not any(c.start <= s < c.end and c.end == run_end for c in inside):
            for c in inside:
                by_start.pop(c.start, None)
            return [_found(text, s, run_end, "organization", 3)]
    pieces = []
    cursor = 0
    for c in sorted(inside, key=lambda c: c.start):
        k = next(k for k, sp in enumerate(spans) if sp[0] >= c.start) if any(sp[0] >= c.start for sp in spans) else len(spans)
        pieces.append((cursor, k, c))
        cursor = next((k2 for k2, sp in enumerate(spans) if sp[0] >= c.end), len(spans))
    pieces.append((cursor, len(spans), None))
    out = []
    for a, b, following in pieces:
        if a < b:
            out.extend(_classify_piece(text, toks[a:b], spans[a:b], s_begin, following, by_start, dictionary, cues))
    return out


def _classify_piece(text, toks, spans, s_begin, following, by_start, dictionary, cues) -> list[_Candidate]:
    title = False
    place = len(toks) > 1 and toks[-1] in cues.location_suffixes  # "North Sea": the compass word is part of it
    while toks and (toks[0] in cues.person_titles or (toks[0] in cues.never_names and not place)):
        title = title or toks[0] in cues.person_titles
        toks, spans = toks[1:], spans[1:]
    if len(toks) > 1 and toks[-1] in cues.event_suffixes and toks[0][:1].isupper():
        # "Davis Cup", "Australian Open", "Turner Prize": an event or award, not a person or a place
        return [_found(text, spans[0][0], spans[-1][1], "other", 3, cues.event_suffixes[toks[-1]])]
    while toks and toks[-1] in cues.never_names:
        toks, spans = toks[:-1], spans[:-1]
    # "Ontario-based Magna", "Communist-led CGT": the place or party before is not part of the name
    while len(toks) > 1 and _ATTRIBUTIVE.search(toks[0]):
        toks, spans = toks[1:], spans[1:]
    # a joining word or comma left at either end once titles are stripped ("for Culture, Media and")
    while toks and not toks[0][:1].isupper() and not toks[0][:1].isdigit():
        toks, spans = toks[1:], spans[1:]
    while toks and not toks[-1][:1].isupper() and not toks[-1][:1].isdigit():
        toks, spans = toks[:-1], spans[:-1]
    extra = []
    # "Digital Affairs Minister Rafael Osei": the name is what follows the last role word
    for k in range(len(toks) - 2, -1, -1):
        if toks[k] in _ROLE_HEADS:
            # "Valtenian Foreign Minister ...": a demonym before the role is a mention of its place
            if toks[0] in by_start["__demonyms__"] and (k == 1 or toks[1] in cues.person_titles):
                extra.append(_found(text, spans[0][0], spans[0][1], "location", 2))
            toks, spans, title = toks[k + 1 :], spans[k + 1 :], True
            break
    if not toks:
        return extra
    start, end = spans[0][0], spans[-1][1]
    # a dictionary location right after ("Real Madrid", "Manchester United" is the other way round)
    if following is not None and following.type == "location" and following.start - end <= 1 and not title \
            and toks[-1] not in cues.location_suffixes and toks[0] not in ("North", "South", "East", "West"):
        if following.start - end == 1 and len(toks) <= 2 and toks[0] not in cues.given_names:
            by_start.pop(following.start, None)
            return [_found(text, start, following.end, "organization", 2)]
    prev_word = _previous_word(text, start, cues)
    next_words = text[end : end + 40].split()
    next_word = next_words[0].strip(",.;:") if next_words else ""
    n = len(toks)
    kind, strength = "other", 0
    if n > 1 and toks[-1] in ("City", "County", "Town") and place_subtype(" ".join(toks)):
        return [*extra, _found(text, start, end, "location", 3, place_subtype(" ".join(toks)))]  # "New York City"
    if not title and (prev_word in cues.work_words_before or next_word in cues.work_words_after):
        return [*extra, _found(text, start, end, "other", 3, "work")]  # "the film Vera Drake", "Aviator star"
    if toks[-1] in cues.organization_suffixes and n > 1:
        kind, strength = "organization", 3
    elif toks[-1] in cues.location_suffixes and n > 1:
        kind, strength = "location", 3
    elif title or prev_word in cues.person_words:
        kind, strength = "person", 3
    elif toks[0] in cues.given_names and n > 1:
        kind, strength = "person", 3
    elif n == 1 and _ACRONYM.match(toks[0]) and toks[0].upper() == toks[0] and not toks[0].endswith("."):
        kind, strength = "organization", 1
    elif prev_word in cues.place_words and n <= 3:
        kind, strength = "location", 2
    elif n <= 3 and _PLACE_OF.search(text, max(0, start - 30), start) and \
            _PLACE_OF.search(text, max(0, start - 30), start).group(1) in cues.place_of_words:
        kind, strength = "location", 2
    elif next_word in cues.speech_verbs:
        kind, strength = "person", 2
    elif n >= 2 and not any(t.lower() in cues.common for t in toks):
        kind, strength = "person", 1
    elif n == 1 and toks[0].lower() in cues.common:
        return extra  # a capitalised common word: not a name
    elif _in_result_line(text, start, end) and text[end : end + 1] == " " and kind == "other":
        return [*extra, _found(text, start, end, "organization", 2, "club")]  # a side of a result ("Crewe 2 Bristol City 0")
    elif n == 1 and _sentence_initial(text, s_begin, start) and text[end : end + 2] not in ("'s", "’s") \
            and not company_name(toks[0]) and not place_subtype(toks[0]):
        return extra  # a lone first word of a sentence with no cue ("Meridia's" is a name: a possessive)
    subtype = ""
    if strength <= 1 and kind != "person" or (kind == "person" and strength <= 1 and toks[0] not in cues.given_names):
        name = " ".join(toks)
        if n > 1 and "&" in text[start:end]:
            kind, strength, subtype = "organization", 2, "company"  # "Douglas & Lomason", "Marks & Spencer"
        elif company_name(name):
            kind, strength, subtype = "organization", 2, "company"
        elif place_subtype(name):
            kind, strength, subtype = "location", 2, place_subtype(name)
    # a dictionary location before ("Manchester United") makes an organisation of both
    preceding = by_start["__by_end__"].get(start - 1)
    if preceding is not None and by_start.get(preceding.start) is not preceding:
        preceding = None
    if preceding is not None and preceding.type == "location" and start - preceding.end == 1 and n <= 2 \
            and text[preceding.start : preceding.end] in cues.given_names and not preceding.demonym:
        by_start.pop(preceding.start, None)  # "Sofia Brandt", "Jordan Henderson": a first name, not the place
        return [*extra, _found(text, preceding.start, end, "person", 3)]
    if preceding is not None and preceding.type == "location" and start - preceding.end == 1 and n <= 2 \
            and kind in ("other", "person") and strength <= 1 and not preceding.demonym:
        by_start.pop(preceding.start, None)
        return [*extra, _found(text, preceding.start, end, "organization", 2)]
    return [*extra, _found(text, start, end, kind, strength, subtype)]


_WORDS = re.compile(r"[a-z][a-z-]+")
_SCORE_AFTER = re.compile(r"\s\d{1,3}(?!\d)(?![:/.,]\d)(?:-\d{1,3})?")
_NEXT_WORDS = re.compile(r"(?:['’]s)?,?\s+([A-Za-z.]+)(?:\s+([a-z]+))?")
_PREV_WORDS = re.compile(r"(?:([A-Za-z]+)\s+)?([A-Za-z.]+)\s+(?:the\s+)?$")


def _context_words(text: str, start: int, end: int) -> tuple[set[str], set[str]]:
    """The one- and two-word phrases right after and right before text[start:end], lower case."""
    after, before = set(), set()
    m = _NEXT_WORDS.match(text, end, min(len(text), end + 40))
    if m:
        first = m.group(1).lower()
        after = {first, f"{first} {m.group(2)}"} if m.group(2) else {first}
    m = _PREV_WORDS.search(text, max(0, start - 40), start)
    if m:
        last = m.group(2).lower()
        before = {last, f"{m.group(1).lower()} {last}"} if m.group(1) else {last}
    return after, before


def _retype_in_context(text, found, cues, *, national_teams: bool = True) -> list[_Candidate]:
    """Clubs and companies from the words around a name, for every mention of it in the article.

    In a sports story a place or an untyped name named as a side is a club: a score after it
    ("Surrey 352"), a match verb ("Chelsea beat", "lost to Arsenal"), a team role ("Liverpool
    manager"), or for a city or a country just not being named as a place ("in Leicester", a
    dateline). A club named after its city is its own actor, "Leicester (club)", and a country's
    side is "England (national team)": the place keeps its own mentions. A name typed by no
    strong cue that is a listed company, or has a company's context ("shares in Fiat", "Yukos
    shares", "Nintendo said its"), is a company.
    """
    sport = None
    clubs, companies, products = set(), set(), set()
    national: set[str] = set()
    for c in found:
        if c.demonym or c.source == "dictionary" and c.type != "location":
            continue
        weak = c.source == "discovered" and c.type in ("person", "other") and c.strength <= 1
        place = c.type == "location" and c.subtype != "country"
        if c.type == "location" and c.subtype == "country" and not c.demonym:
            if national_teams:
                if sport is None:
                    sport = _is_sport(text, cues)
                if sport and _named_as_side(text, c, cues):
                    national.add(c.actor)
            continue
        # typed by a weak cue only ("X said", "in X"), so a company's context can overrule it
        unsure = c.source == "discovered" and c.strength <= 2 and not c.subtype
        if not (weak or place or unsure):
            continue
        if sport is None:
            sport = _is_sport(text, cues)
        first_word = text[c.start : c.end].split()[0]
        if not sport and not (unsure and first_word not in cues.given_names):
            continue  # only sides in sports stories and unsure names need their context
        after, before = _context_words(text, c.start, c.end)
        if weak or place:
            if sport is None:
                sport = _is_sport(text, cues)
            score = _SCORE_AFTER.match(text, c.end)
            named_as_side = after & cues.team_words_after or before & cues.team_words_before
            # a capitalised plural with no other cue names a side in a sports story ("the Mets", "Saracens")
            plural = c.type == "other" and len(c.actor.split()) == 1 and c.actor.endswith("s") and not c.actor.endswith("ss")
            # an unknown name is a side only in a result line ("Haitai 2 Samsung 0"): a player's
            # score ("Jayasuriya 44") is a number after a name too
            if sport and ((score and (place or _in_result_line(text, c.start, c.end)))
                          or (place or c.type == "other") and named_as_side or plural):
                clubs.add(c.actor)
                continue
        if unsure and c.type != "person" and after & cues.product_words_after \
                and not (sport if sport is not None else (sport := _is_sport(text, cues))):
            products.add(c.actor)  # "Windows programs", "the Xbox console"
        elif unsure and first_word not in cues.given_names and (
            after & cues.company_words_after or before & cues.company_words_before
        ):
            companies.add(c.actor)
    for c in found:
        if c.demonym:
            continue
        if c.actor in clubs:
            if c.type == "location" and _named_as_place(text, c, cues):
                continue  # the city itself: a dateline, a venue ("at Chicago")
            if c.type == "location":
                c.actor = f"{c.actor} (club)"
            c.type, c.subtype, c.strength = "organization", "club", 3
        elif c.actor in companies and c.source == "discovered":
            c.type, c.subtype, c.strength = "organization", "company", 3
        elif c.actor in products and c.source == "discovered" and c.strength < 3:
            c.type, c.subtype, c.strength = "other", "product", 3
    for c in found:
        # a country named as a side once is the side wherever the story does not name it as a place
        if c.actor in national and not c.demonym and not _named_as_place(text, c, cues):
            c.actor, c.type, c.subtype = f"{c.actor} (national team)", "organization", "national team"
    return _settle_types(found) if clubs or companies or products else found


_DATELINE = re.compile(r"\s+\d{4}-\d\d-\d\d|,? \w+ \d{1,2}\s*\((?:Reuters|AP|AFP)\)")
_RESULT_AFTER = re.compile(r" \d{1,3},? [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} \d{1,3}(?:\s|$)")
_RESULT_BEFORE = re.compile(r"(?:^|\n)[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} \d{1,3},? $")
_RESULT_ROW = re.compile(r"^[A-Z][A-Za-z.' -]{2,40}?(?: \d{1,3}){3,}(?: \.\d{3}| -)*\s*$", re.MULTILINE)


def _in_result_line(text: str, start: int, end: int) -> bool:
    """Whether a name is one side of a result ("Haitai 2 Samsung 0") or a row of a league table."""
    if not (text[end + 1 : end + 2].isdigit() or text[max(0, start - 2) : start - 1].isdigit()):
        return False  # a side has its score right after it, or the other side's right before it
    # windows, not whole lines: an article with no line breaks must not make this linear per name
    line_end = text.find("\n", end, end + 200)
    line_end = min(len(text), end + 200) if line_end < 0 else line_end
    line_start = text.rfind("\n", max(0, start - 200), start) + 1 or max(0, start - 200)
    return bool(_RESULT_AFTER.match(text, end, line_end) or _RESULT_BEFORE.search(text, max(0, start - 60), start)
                or _RESULT_ROW.match(text, line_start, line_end))


def _named_as_side(text: str, c: _Candidate, cues) -> bool:
    after, before = _context_words(text, c.start, c.end)
    return bool(_SCORE_AFTER.match(text, c.end) or after & cues.team_words_after or before & cues.team_words_before)


def _named_as_place(text: str, c: _Candidate, cues) -> bool:
    return bool(_DATELINE.match(text, c.end)) or _previous_word(text, c.start, cues) in cues.place_words \
        or bool(_PLACE_OF.search(text, max(0, c.start - 30), c.start))


def _is_sport(text: str, cues) -> bool:
    """A sports story: three different sport words, or two rows of a results or league table."""
    return len(cues.sport_words.intersection(_WORDS.findall(text.lower()))) >= 3 \
        or len(_RESULT_ROW.findall(text, 0, 20_000)) >= 2


def _discovered_subtype(surface: str, kind: str, cues) -> str:
    if kind == "person":
        return "person"
    if kind == "organization":
        last = surface.split()[-1] if surface.split() else ""
        return cues.subtype_suffixes.get(last, "")
    if kind == "location":
        return place_subtype(surface)
    return ""


_SELF_BEFORE = re.compile(r"(?:\b(?:told|tell|tells|telling|speaking to|spoke to|talking to|said to|interview with)"
                          r"\s+(?:the\s+)?|(?:^|\n)[ \t]*By [^\n]{1,60})$", re.IGNORECASE)
_SELF_AFTER = re.compile(r"(?:['’]s)?\s*(?:News|Sport|Radio|Online|World|One|Two|website|programme|correspondent"
                         r"|reporter|editor|news website)\b")
_SELF_SURFACE = re.compile(r"\s(?:News|Sport|Radio|Online|World|Scotland|Wales|One|Two)\b")


_CREDIT = re.compile(r"(?:^|[\s(\[])(?:Photo(?:graph)?s?|Pictures?|Images?|Credit|Illustration|Video)"
                     r"(?: by|:| credit:)\s|©|/(?:Getty|AFP|AP|EPA|PA|Reuters|Corbis|Shutterstock)\b")
_BYLINE = re.compile(r"^\s*(?:By|BY|Reporting by|Writing by|Editing by|Additional reporting by|Compiled by)\s+\S")


def _in_credit_or_byline(text: str, c: _Candidate) -> bool:
    """Whether a discovered name (or a picture agency) is in a photo credit ("Photo by X/Getty Images")
    or a byline ("By Jo Smith", "Editing by ..."): the article's makers, not actors in its story."""
    low = max(0, c.start - 160)
    newline = text.rfind("\n", low, c.start)
    line_end = text.find("\n", c.end, c.end + 160)
    if line_end < 0 and c.end + 160 >= len(text):
        line_end = len(text)
    if (newline < 0 and low > 0) or line_end < 0:
        return False  # not on a short line of its own
    line_start = newline + 1
    line = text[line_start:line_end]
    if len(line.split()) > 14:
        return False
    if c.source == "discovered" or c.subtype == "media outlet":
        if _CREDIT.search(line):
            return True
    return c.source == "discovered" and c.type in ("person", "other") and bool(_BYLINE.match(line))


def _self_reference(text: str, start: int, end: int) -> bool:
    """Whether an outlet is named as a publisher names itself: "told BBC News", "BBC Sport",
    "the BBC News website", "BBC's political editor", a byline "By Jo Smith, BBC News"."""
    return bool(
        _SELF_SURFACE.search(text, start, end)
        or _SELF_AFTER.match(text, end, min(len(text), end + 30))
        or _SELF_BEFORE.search(text, max(0, start - 70), start)
    )


_ATTRIBUTIVE = re.compile(r"-(?:based|led|owned|run|controlled|backed|born|registered|listed)$")
_PLACE_OF = re.compile(r"\b([a-z]+) of (?:the )?$")


def _previous_word(text: str, start: int, cues) -> str:
    """The word before a name, lower-cased; a capitalised one counts only when it is a stopword
    ("In Valtenia"), not when it is a word left out of the name ("Northern Shield")."""
    m = re.search(r"([A-Za-z]+)[\s,]*$", text[max(0, start - 30) : start])
    if not m:
        return ""
    word = m.group(1)
    low = word.lower()
    return low if word[0].islower() or low in cues.stop else ""


def _sentence_initial(text: str, s_begin: int, start: int) -> bool:
    """Whether text[start] begins its sentence, or a quotation (capitalised anyway)."""
    # a bounded window: slicing from the sentence start would cost the sentence's length per name
    before = text[max(s_begin, start - 24) : start]
    if before.strip(" \"'“‘(-—:") == "":
        return start - s_begin <= 24 or text[s_begin:start].strip(" \"'“‘(-—:") == ""
    before = before.rstrip(" ")
    return before[-1] in "\"“" and (len(before) == 1 or before[-2] in " :(\n—-")


def _found(text, start, end, kind, strength, subtype="") -> _Candidate:
    return _Candidate(start, end, " ".join(text[start:end].split()), kind, "discovered", "rules", strength,
                      subtype=subtype)


def _longest_first_candidates(cands: list[_Candidate]) -> list[_Candidate]:
    spans = [(c.start, c.end, k) for k, c in enumerate(cands)]
    kept = _longest_first(spans)
    return [cands[k] for _, _, k in kept]


def _resolve(text, starts, ends, found, dictionary, cues, demonyms=None) -> list[_Candidate]:
    """Surnames and parenthesised abbreviations resolve to the actor named earlier."""
    # 1. abbreviations defined in parentheses: "National Security Council (NSC)"
    abbrev: dict[str, _Candidate] = {}
    for c in found:
        if c.type in ("organization", "other", "location") and not c.demonym:
            m = _PAREN_ABBREV.match(text, c.end)
            if m and _abbreviates(m.group(1), text[c.start : c.end]):
                abbrev[m.group(1)] = c
    # 2. surnames of people named in full
    surnames: dict[str, _Candidate] = {}
    for c in found:
        if c.type == "person":
            parts = text[c.start : c.end].split()
            if len(parts) >= 2:
                last = parts[-1] if parts[-1].rstrip(".") not in ("Jr", "Sr", "II", "III") else parts[-2]
                surnames.setdefault(last, c)
                surnames.setdefault(last.upper(), c)
        elif c.type == "organization" and c.source == "discovered":
            # "Magna International Inc" is later "Magna International" and "Magna"
            parts = text[c.start : c.end].split()
            if len(parts) >= 2 and cues.subtype_suffixes.get(parts[-1]) == "company":
                short = parts[:-1]
                while short and cues.subtype_suffixes.get(short[-1]) == "company":
                    short = short[:-1]
                for k in range(len(short), 0, -1):
                    key = " ".join(short[:k])
                    if key.lower() not in cues.common and key not in cues.given_names:
                        surnames.setdefault(key, c)
                    if short[k - 1] == "&" or len(short[:k]) == 1:
                        break
    # discovered single names resolved, others kept
    out = []
    taken = []
    for c in found:
        surface = text[c.start : c.end]
        target = None
        if surface in abbrev and abbrev[surface].start != c.start:
            target = abbrev[surface]
        elif c.source == "discovered" and surface in surnames and surnames[surface].start != c.start:
            target = surnames[surface]
        if target is not None:
            c = _Candidate(c.start, c.end, target.actor, target.type, target.source, "rules", 3,
                           subtype=target.subtype)
        out.append(c)
        taken.append((c.start, c.end))
    # 3. occurrences the first passes missed (sentence-initial surnames, capitals headlines)
    extra = []
    names = {**{k: v for k, v in surnames.items()}, **abbrev}
    for c in found:  # one-word names typed in the running text, also where a heading names them
        if c.source == "discovered" and c.type != "other" and not c.in_heading and c.strength >= 2 \
                and " " not in c.actor and text[c.start : c.end] == c.actor:
            names.setdefault(c.actor, c)
    for word, stem in (demonyms or {}).items():  # places known from their demonym ("Meridia", "Meridian")
        names.setdefault(stem, _Candidate(-1, -1, stem, "location", "discovered", "rules", 3))
        names.setdefault(word, _Candidate(-1, -1, stem, "location", "discovered", "rules", 3, demonym=True))
    if names:
        taken.sort()
        tstarts = [s for s, _ in taken]
        for s, e in _cap_words(text, 0, len(text)):
            target = names.get(text[s:e])
            if target is None or target.start == s:
                continue
            i = bisect.bisect_right(tstarts, s)
            if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                continue
            extra.append(_Candidate(s, e, target.actor, target.type, target.source, "rules", 3, target.demonym,
                                    target.subtype))
    if extra:
        out = sorted(out + extra, key=lambda c: c.start)
    return _settle_types(out)


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` ("NSC") can abbreviate ``name`` ("National Security Council"): capitals,
    its first letter is the name's, and its letters appear in the name in order."""
    letters = [c for c in short if c.isalpha()]
    if len(letters) < 2 or short.upper() != short or len(short) >= len(name) or len(name.split()) < 2:
        return False
    if letters[0] != re.sub(r"^(?:the|The|THE)\s+", "", name)[:1].upper():
        return False
    rest = iter(name.upper())
    return all(ch in rest for ch in letters)


def _settle_types(cands: list[_Candidate]) -> list[_Candidate]:
    """One type per discovered name in an article: the one with the strongest cue."""
    best: dict[str, tuple[int, str, str]] = {}
    for c in cands:
        if c.source == "discovered":
            if c.actor not in best or c.strength > best[c.actor][0]:
                best[c.actor] = (c.strength, c.type, c.subtype)
    for c in cands:
        if c.source == "discovered" and not c.demonym:
            _, c.type, c.subtype = best[c.actor]
    return cands


# --------------------------------------------------------------------------- report tables


def actor_table(
    mentions: pd.DataFrame,
    scored_sentences: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    *,
    types: Sequence[str] = (),
    min_mentions: int = 1,
    confidence: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
    score: str | None = None,
) -> pd.DataFrame:
    """One row per actor: mentions, documents, quotes and tone with a bootstrap interval.

    Tone is the mean sentence score of the sentences that mention the actor (each
    sentence once, however often the actor is named in it); the interval is the percentile
    bootstrap of that mean (NaN when fewer than two sentences). The score is the news tone
    (``tone``, when the sentences have it), in which the words of every actor mention carry
    no valence, so an actor's own name never scores itself ("Hope Solo", "United"), or stock
    VADER's ``compound`` (``score="compound"``, or sentences without ``tone``).

    Args:
        mentions: frame of shape "mentions".
        scored_sentences: sentences with a ``compound`` column (``analysis.sentiment``); optional.
        quotes: frame of shape "quotes"; optional.
        types: keep only these actor types (default all).
        min_mentions: drop actors mentioned fewer times.

    Returns:
        actor, actor_type, mentions, documents, quotes, tone, tone_ci_low, tone_ci_high,
        sorted by mentions (most first).

    Example:
        >>> m = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "actor": ["UN", "UN"], "actor_type": ["organization"] * 2})
        >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "compound": [0.5, -0.1]})
        >>> actor_table(m, s)[["actor", "mentions", "tone"]].values.tolist()
        [['UN', 2, 0.2]]
    """
    columns = ["actor", "actor_type", "mentions", "documents", "quotes", "tone", "tone_ci_low", "tone_ci_high"]
    for kind in types:
        check_choice("actor type", kind, TYPES)
    m, codes = _coded(mentions, types)
    if not len(m):
        return _typed(pd.DataFrame(columns=columns))
    counts = m.groupby("a", sort=True).agg(mentions=("d", "size"), documents=("d", "nunique"))
    counts = counts[counts["mentions"] >= min_mentions]
    table = pd.DataFrame(
        {
            "actor": codes.actors[counts.index.to_numpy()],
            "actor_type": codes.types[counts.index.to_numpy()],
            "mentions": counts["mentions"].to_numpy(),
            "documents": counts["documents"].to_numpy(),
        }
    ).astype({"actor": "string", "actor_type": "string"})
    if quotes is not None and len(quotes):
        quote_counts = quotes.groupby(quotes["speaker"].astype("string"), observed=True).size()
        table["quotes"] = table["actor"].map(quote_counts).fillna(0).astype("int64")
    else:
        table["quotes"] = 0
    tone = {}
    if scored_sentences is not None and len(scored_sentences) and len(table):
        # sentences as (document code, sent_id): integer keys, the documents' text ids held once
        docs = _doc_codes(scored_sentences["doc_id"], codes.docs)
        score = score or ("tone" if "tone" in scored_sentences else "compound")
        check_choice("score", score, ["tone", "compound"])
        scores = pd.DataFrame({"d": docs, "sent_id": scored_sentences["sent_id"].to_numpy(),
                               "compound": scored_sentences[score].to_numpy()})
        scores = scores[docs >= 0]
        pairs = m[np.isin(m["a"].to_numpy(), counts.index.to_numpy())].drop_duplicates(["d", "sent_id", "a"])
        joined = pairs[["d", "sent_id", "a"]].merge(scores, on=["d", "sent_id"], how="inner")
        rng = np.random.default_rng(seed)
        alpha = (1 - confidence) / 2
        for code, values in joined.groupby("a", sort=True)["compound"]:  # codes are in name order
            tone[codes.actors[code]] = _mean_ci(values.to_numpy(dtype=float), rng, n_boot, alpha)
    nan3 = (np.nan, np.nan, np.nan)
    table["tone"] = [tone.get(a, nan3)[0] for a in table["actor"]]
    table["tone_ci_low"] = [tone.get(a, nan3)[1] for a in table["actor"]]
    table["tone_ci_high"] = [tone.get(a, nan3)[2] for a in table["actor"]]
    table = table.sort_values(["mentions", "documents", "actor"], ascending=[False, False, True], kind="stable")
    return _typed(table[columns].reset_index(drop=True))


@dataclass(frozen=True)
class _Codes:
    actors: np.ndarray  # actor names, by code
    types: np.ndarray  # each actor's one type, by code
    docs: pd.Index  # document ids, by code


def _coded(mentions: pd.DataFrame, types: Sequence[str] = ()) -> tuple[pd.DataFrame, _Codes]:
    """Mentions as small integer codes: ``d`` (document), ``sent_id``, ``a`` (actor), one type per actor.

    Actor codes follow the names' sort order and document codes the ids' sort order, so
    grouping by codes gives the order grouping by names would; the ``_Codes`` returned beside
    hold the names, each actor's consolidated type and the document ids.
    Rows of actors outside ``types`` (or without a name or type) are left out. Works the
    same on a frame of strings or of categoricals (``compact_parts``): large corpora
    are counted without copying their text ids around.
    """
    actor_codes, actor_names = _sorted_codes(mentions["actor"])
    type_codes, type_names = _sorted_codes(mentions["actor_type"])
    # each actor's type: its most frequent one other than "other" (see consolidate_types)
    # "other" with no subtype (no cue) counts a quarter: a name typed by a cue in some articles takes
    # that type, but one named without a cue far more often ("Oscar", a film's title) stays "other";
    # "other" with a subtype (a work, product, event, award: typed by a cue) counts in full
    untyped = (type_names[np.maximum(type_codes, 0)] == "other") if len(type_names) else np.zeros(len(type_codes), bool)
    if "subtype" in mentions.columns:
        untyped = untyped & (mentions["subtype"].astype("string").fillna("") == "").to_numpy(dtype=bool)
    weights = np.where(untyped, _OTHER_WEIGHT, 1.0)
    type_counts = (
        pd.DataFrame({"a": actor_codes, "t": type_codes, "w": weights})
        .query("a >= 0 and t >= 0")
        .groupby(["a", "t"], sort=True)["w"].sum().reset_index(name="n")
    )
    type_counts["rank"] = (type_names[type_counts["t"].to_numpy()] == "other").astype(int)
    best = type_counts.sort_values(["a", "n", "rank"], ascending=[True, False, True], kind="stable").drop_duplicates("a")
    actor_types = np.full(len(actor_names), None, dtype=object)
    actor_types[best["a"].to_numpy()] = type_names[best["t"].to_numpy()]
    known = pd.notna(actor_types)
    if types:
        known &= np.isin(actor_types.astype(str), list(types))
    keep = actor_codes >= 0
    keep[keep] = known[actor_codes[keep]]
    doc_codes, doc_ids = pd.factorize(mentions["doc_id"])
    coded = pd.DataFrame({"d": doc_codes[keep], "sent_id": mentions["sent_id"].to_numpy()[keep], "a": actor_codes[keep]})
    return coded, _Codes(actor_names, actor_types, pd.Index(doc_ids).astype("string"))


def _doc_codes(doc_ids: pd.Series, docs: pd.Index) -> np.ndarray:
    """The position of each id in ``docs`` (-1 when absent); categoricals look up their categories only."""
    if isinstance(doc_ids.dtype, pd.CategoricalDtype):
        found = docs.get_indexer(doc_ids.cat.categories.astype("string"))
        codes = doc_ids.cat.codes.to_numpy()
        return np.where(codes >= 0, found[np.maximum(codes, 0)] if len(found) else -1, -1)
    return docs.get_indexer(doc_ids.astype("string"))


def _sorted_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for missing) numbered in the sort order of the values' text, and those texts."""
    codes, uniques = pd.factorize(values)
    names = np.asarray(pd.Index(uniques).astype("string").astype(object))
    order = np.argsort(names, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    codes = np.where(codes >= 0, rank[np.maximum(codes, 0)] if len(rank) else -1, -1)
    return codes, names[order]


def compact_parts(parts: pd.DataFrame | Iterable[pd.DataFrame], *, empty: str = "mentions") -> pd.DataFrame:
    """A table (a frame or its parts) with the repeated text columns as categoricals.

    The names, types and document ids of mentions (or sentences) repeat across millions of
    rows; as categoricals (categories in sort order, so grouping orders are unchanged) those
    of 100,000 articles take a fraction of the memory. Read only the columns you need, e.g.
    ``corpus.iter_parts("mentions", columns=["doc_id", "sent_id", "actor", "actor_type", "source"])``.

    Example:
        >>> compact_parts(pd.DataFrame({"actor": ["UN", "EU", "UN"]}))["actor"].cat.categories.tolist()
        ['EU', 'UN']
    """
    from pandas.api.types import union_categoricals

    frames = [parts] if isinstance(parts, pd.DataFrame) else list(_compact_parts(parts))
    if not frames:
        return _compact(schemas.empty(empty))  # no parts: the table's columns, no rows
    if len(frames) == 1:
        return _compact(frames[0], sort=True)
    columns = {}
    for col in frames[0].columns:
        values = [f[col] for f in frames]
        if isinstance(values[0].dtype, pd.CategoricalDtype):
            columns[col] = pd.Series(union_categoricals(values, sort_categories=True))
        else:
            columns[col] = pd.concat(values, ignore_index=True)
    return pd.DataFrame(columns)


def _compact(frame: pd.DataFrame, *, sort: bool = False) -> pd.DataFrame:
    out = frame.reset_index(drop=True).copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col].dtype) and not isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = pd.Categorical(out[col])
        elif sort and isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].cat.reorder_categories(sorted(out[col].cat.categories))
    return out


def _compact_parts(parts: Iterable[pd.DataFrame]) -> Iterable[pd.DataFrame]:
    for part in parts:
        yield _compact(part)


# --------------------------------------------------------------------------- corpus-level


def self_outlets(mentions: pd.DataFrame, *, min_share: float = 0.05, dominance: float = 3.0) -> list[str]:
    """The outlet that publishes the corpus, detected from how it names itself; [] when none stands out.

    Outlets named as a publisher names itself ("told BBC News", "BBC Sport", a byline) are
    flagged ``self_reference`` in mentions. An outlet is the corpus's own when it is named so
    in at least ``min_share`` of the documents and in ``dominance`` times as many documents as
    any other outlet (a BBC corpus also has "told Reuters", but in far fewer stories).

    Example:
        >>> m = pd.DataFrame({"doc_id": list("abcd"), "actor": ["BBC"] * 3 + ["Reuters"], "self_reference": [True] * 4})
        >>> self_outlets(m)
        ['BBC']
    """
    if not len(mentions) or "self_reference" not in mentions.columns:
        return []
    documents = mentions["doc_id"].nunique()
    flagged = mentions.loc[mentions["self_reference"].astype(bool).to_numpy(), ["doc_id", "actor"]]
    per_outlet = flagged.groupby("actor", observed=True)["doc_id"].nunique().sort_values(ascending=False)
    if not len(per_outlet):
        return []
    top = per_outlet.iloc[0]
    runner_up = per_outlet.iloc[1] if len(per_outlet) > 1 else 0
    if top >= min_share * documents and top >= dominance * runner_up:
        return [str(per_outlet.index[0])]
    return []


def counted_mentions(
    mentions: pd.DataFrame,
    *,
    self_outlets: Sequence[str] = (),
    self_outlet_rows: str = "all",
    demonyms: bool = False,
) -> pd.DataFrame:
    """The mentions the report tables count (a new frame; ``mentions`` keeps every row).

    Demonyms (subtype "nationality": "British", "Afghan") are mentions of a people, not of the
    country they link to: left out unless ``demonyms=True``, which counts them as the country.
    The corpus's own outlets (``self_outlets``) are left out everywhere (``self_outlet_rows="all"``,
    the default: in a BBC corpus "the BBC" is the publisher, not a subject, almost every time) or
    only where they name themselves ("self-references": "told BBC News", "BBC Sport").

    Example:
        >>> m = pd.DataFrame({"actor": ["France", "France", "BBC"], "actor_type": ["location", "other", "organization"],
        ...                   "subtype": ["country", "nationality", "media outlet"], "self_reference": [False, False, True]})
        >>> counted_mentions(m, self_outlets=["BBC"])["actor"].tolist()
        ['France']
    """
    check_choice("self_outlet_rows", self_outlet_rows, ["self-references", "all"])
    keep = np.ones(len(mentions), dtype=bool)
    out_types = None
    if "subtype" in mentions.columns:
        nationality = (mentions["subtype"].astype("string") == "nationality").fillna(False).to_numpy(dtype=bool)
        if demonyms:
            out_types = nationality  # counted as the country they link to
        else:
            keep &= ~nationality
    if self_outlets:
        own = mentions["actor"].astype("string").isin(list(self_outlets)).fillna(False).to_numpy(dtype=bool)
        if self_outlet_rows == "self-references" and "self_reference" in mentions.columns:
            own = own & mentions["self_reference"].astype(bool).to_numpy()
        keep &= ~own
    out = mentions.copy()
    if out_types is not None and out_types.any():
        out["actor_type"] = out["actor_type"].astype("string").where(~out_types, "location")
    return out[keep].reset_index(drop=True)


def variant_names(mentions: pd.DataFrame, *, share: float = 0.9) -> dict[str, str]:
    """Names of people that are unambiguous variants of another across the corpus -> that name.

    Full names that differ only in middle names or initials ("George Bush", "George W Bush",
    "George W. Bush") merge into the most mentioned of them; a lone surname ("Bush") merges
    into the full name that holds at least ``share`` of the mentions of full names with that
    surname (one Bush in the corpus: George W. Bush, not also Kate Bush).

    Example:
        >>> m = pd.DataFrame({"actor": ["George W. Bush"] * 3 + ["George Bush", "Bush"], "actor_type": ["person"] * 5})
        >>> variant_names(m)
        {'Bush': 'George W. Bush', 'George Bush': 'George W. Bush'}
    """
    if not len(mentions):
        return {}
    counts = mentions.groupby(["actor", "actor_type"], observed=True).size().reset_index(name="n")
    counts["w"] = counts["n"] * np.where(counts["actor_type"] == "other", _OTHER_WEIGHT, 1.0)
    best = counts.sort_values(["actor", "w"], ascending=[True, False]).drop_duplicates("actor")
    totals = counts.groupby("actor", observed=True)["n"].sum()
    given, common = _cues().given_names, _cues().common
    people: dict[str, int] = {}
    singles: set[str] = set()
    for actor, kind in zip(best["actor"].astype(str), best["actor_type"].astype(str)):
        if kind != "person":
            continue
        parts = actor.replace(".", ". ").split()
        if len(parts) >= 2 and parts[0] in given:  # a name's shape: a first name, then more
            people[actor] = int(totals[actor])
        elif len(parts) == 1 and actor[:1].isupper() and actor not in given and actor.lower() not in common:
            singles.add(actor)  # a lone first name ("Charles") or word is no surname to merge
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in people:
        parts = name.replace(".", ". ").split()
        # middle initials may come and go ("George W. Bush", "George Bush"); middle names may not
        middle = tuple(p for p in parts[1:-1] if len(p.rstrip(".")) > 1)
        groups[(parts[0], *middle, parts[-1])].append(name)
    mapping: dict[str, str] = {}
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, names in groups.items():
        last = key[-1]
        head = max(names, key=lambda x: (people[x], len(x)))
        for name in names:
            if name != head:
                mapping[name] = head
        by_surname[last].append((sum(people[x] for x in names), head))
    for single in singles:
        options = by_surname.get(single)
        if options:
            total = sum(n for n, _ in options)
            n, head = max(options)
            if n >= share * total:
                mapping[single] = head
    return dict(sorted(mapping.items()))


def merge_variants(mentions: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """A copy whose ``actor`` names one actor per referent across the corpus (``variant_names``);
    ``surface`` keeps the words as written. Works on string and categorical columns alike.

    Example:
        >>> m = pd.DataFrame({"actor": ["George W. Bush", "Bush"], "actor_type": ["person", "person"]})
        >>> merge_variants(m)["actor"].tolist()
        ['George W. Bush', 'George W. Bush']
    """
    names = variant_names(mentions) if names is None else names
    out = mentions.copy()
    if not names or not len(out):
        return out
    column = out["actor"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = np.array([names.get(str(c), str(c)) for c in column.cat.categories], dtype=object)
        codes = column.cat.codes.to_numpy()
        values = np.where(codes >= 0, categories[np.maximum(codes, 0)] if len(categories) else None, None)
        out["actor"] = pd.Categorical(values)
    else:
        out["actor"] = column.map(lambda a: names.get(a, a) if isinstance(a, str) else a).astype(column.dtype)
    return out


_OTHER_WEIGHT = 0.25  # an untyped mention's weight against typed ones when an actor's one type is chosen


def consolidate_types(mentions: pd.DataFrame) -> pd.DataFrame:
    """A copy where each actor has one type: its most frequent, "other" counting a quarter.

    Discovery types a name from the cues around each mention, so the same unknown name can
    be a "location" in one article and "other" in the next; the tables count it once.

    Example:
        >>> m = pd.DataFrame({"actor": ["Kestrel"] * 3, "actor_type": ["other", "location", "location"]})
        >>> consolidate_types(m)["actor_type"].tolist()
        ['location', 'location', 'location']
    """
    if not len(mentions):
        return mentions.copy()
    counts = mentions.groupby(["actor", "actor_type"], observed=True).size().reset_index(name="n")
    counts["rank"] = (counts["actor_type"] == "other").astype(int)
    counts["n"] = counts["n"] * np.where(counts["rank"] == 1, _OTHER_WEIGHT, 1.0)
    best = counts.sort_values(["actor", "n", "rank"], ascending=[True, False, True]).drop_duplicates("actor")
    out = mentions.copy()
    out["actor_type"] = out["actor"].map(dict(zip(best["actor"], best["actor_type"]))).astype("string")
    return out


def _mean_ci(values: np.ndarray, rng, n_boot: int, alpha: float) -> tuple[float, float, float]:
    mean = round(float(values.mean()), 4)
    if len(values) < 2 or n_boot < 1:
        return mean, np.nan, np.nan
    # bootstrap in blocks so a heavily mentioned actor does not need n_boot x n memory at once
    means = []
    block = max(1, 2_000_000 // len(values))
    for begin in range(0, n_boot, block):
        size = min(block, n_boot - begin)
        means.append(values[rng.integers(0, len(values), size=(size, len(values)))].mean(axis=1))
    boot = np.concatenate(means)
    return mean, round(float(np.quantile(boot, alpha)), 4), round(float(np.quantile(boot, 1 - alpha)), 4)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    dtypes = {
        "actor": "string", "actor_type": "string", "actor_a": "string", "actor_b": "string", "name": "string",
        "mentions": "int64", "documents": "int64", "quotes": "int64", "sentences": "int64",
        "tone": "float64", "tone_ci_low": "float64", "tone_ci_high": "float64", "speaker": "string",
        "speaker_type": "string", "period": "string",
    }
    return frame.astype({c: t for c, t in dtypes.items() if c in frame.columns})


_PAIR_SLICE_ROWS = 500_000  # mentions per slice of documents when pairing co-mentions


def comentions(mentions: pd.DataFrame, *, types: Sequence[str] = (), min_sentences: int = 1) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: actor_a, actor_b, sentences, documents.

    Each pair appears once (actor_a < actor_b); an actor named twice in a sentence counts once.

    Example:
        >>> m = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": [0, 0, 1], "actor": ["UN", "Iran", "UN"], "actor_type": ["organization", "location", "organization"]})
        >>> comentions(m).values.tolist()
        [['Iran', 'UN', 1, 1]]
    """
    columns = ["actor_a", "actor_b", "sentences", "documents"]
    m, codes = _coded(mentions, types)
    m = m.drop_duplicates(["d", "sent_id", "a"])
    # pairs are counted for a slice of the documents at a time (sentence and document
    # counts add up over slices of whole documents): the pairs of a large corpus stay small
    slices = max(1, len(m) // _PAIR_SLICE_ROWS)
    counted = []
    for part in range(slices):
        chunk = m[m["d"].to_numpy() % slices == part] if slices > 1 else m
        pairs = chunk.merge(chunk, on=["d", "sent_id"], suffixes=("_a", "_b"))
        pairs = pairs[pairs["a_a"] < pairs["a_b"]]  # codes are in name order
        counted.append(pairs.groupby(["a_a", "a_b"], sort=False).agg(sentences=("sent_id", "size"),
                                                                      documents=("d", "nunique")))
    table = pd.concat(counted).groupby(level=["a_a", "a_b"], sort=False).sum().reset_index()
    if not len(table):
        return _typed(pd.DataFrame(columns=columns))
    table = table[table["sentences"] >= min_sentences]
    names = codes.actors
    table = pd.DataFrame(
        {
            "actor_a": pd.array(names[table["a_a"].to_numpy()], dtype="string"),
            "actor_b": pd.array(names[table["a_b"].to_numpy()], dtype="string"),
            "sentences": table["sentences"].to_numpy(),
            "documents": table["documents"].to_numpy(),
        }
    )
    table = table.sort_values(["sentences", "documents", "actor_a", "actor_b"], ascending=[False, False, True, True])
    return _typed(table[columns].reset_index(drop=True))


def unmatched(mentions: pd.DataFrame, *, min_mentions: int = 1) -> pd.DataFrame:
    """Discovered names that are not in the dictionary, most mentioned first: name,
    actor_type, mentions, documents (candidates for extending the dictionary).

    Example:
        >>> m = pd.DataFrame({"doc_id": ["a", "b"], "actor": ["Ana Lopez"] * 2, "actor_type": ["person"] * 2, "source": ["discovered"] * 2})
        >>> unmatched(m).values.tolist()
        [['Ana Lopez', 'person', 2, 2]]
    """
    columns = ["name", "actor_type", "mentions", "documents"]
    m = consolidate_types(mentions[mentions["source"] == "discovered"])
    if not len(m):
        return _typed(pd.DataFrame(columns=columns))
    table = (
        m.astype({"actor": "string", "actor_type": "string"})
        .groupby(["actor", "actor_type"], observed=True)
        .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
        .reset_index()
        .rename(columns={"actor": "name"})
    )
    table = table[table["mentions"] >= min_mentions]
    table = table.sort_values(["mentions", "documents", "name"], ascending=[False, False, True], kind="stable")
    return _typed(table[columns].reset_index(drop=True))


def quoted(quotes: pd.DataFrame, *, by: str = "speaker") -> pd.DataFrame:
    """Who is quoted: quotes and documents per speaker (``by="speaker"``) or per speaker_type.

    Example:
        >>> q = pd.DataFrame({"doc_id": ["a"], "speaker": ["UN"], "speaker_type": ["organization"]})
        >>> quoted(q).values.tolist()
        [['UN', 'organization', 1, 1]]
    """
    check_choice("by", by, ["speaker", "speaker_type"])
    keys = ["speaker", "speaker_type"] if by == "speaker" else ["speaker_type"]
    columns = [*keys, "quotes", "documents"]
    q = quotes[quotes["speaker"] != "unknown"] if by == "speaker" else quotes
    if not len(q):
        return _typed(pd.DataFrame(columns=columns))
    table = (
        q.astype({k: "string" for k in keys})
        .groupby(keys, observed=True)
        .agg(quotes=("doc_id", "size"), documents=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["quotes", *keys], ascending=[False, *[True] * len(keys)], kind="stable")
    )
    return _typed(table[columns].reset_index(drop=True))


def actors_over_time(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    freq: str = "M",
    actors: Sequence[str] = (),
    top_n: int = 10,
) -> pd.DataFrame:
    """Mentions and documents per actor and period (by the articles' ``published`` date).

    Args:
        freq: "D", "W", "M", "Q" or "Y".
        actors: the actors to follow; default the ``top_n`` most mentioned with a date.

    Returns:
        period (start date, ISO), actor, mentions, documents; empty when no article has a date.

    Example:
        >>> m = pd.DataFrame({"doc_id": ["a"], "actor": ["UN"]})
        >>> a = pd.DataFrame({"doc_id": ["a"], "published": pd.to_datetime(["2024-05-03"])})
        >>> actors_over_time(m, a).values.tolist()
        [['2024-05-01', 'UN', 1, 1]]
    """
    check_choice("freq", freq, ["D", "W", "M", "Q", "Y"])
    columns = ["period", "actor", "mentions", "documents"]
    dates = articles[["doc_id", "published"]].astype({"doc_id": "string"}).dropna(subset=["published"])
    m = mentions[["doc_id", "actor"]].astype({"doc_id": "string", "actor": "string"}).merge(dates, on="doc_id")
    if not len(m):
        return _typed(pd.DataFrame(columns=columns))
    chosen = list(actors) or m["actor"].value_counts().head(top_n).index.tolist()
    m = m[m["actor"].isin(chosen)].copy()
    m["period"] = pd.to_datetime(m["published"]).dt.to_period(freq).dt.start_time.dt.strftime("%Y-%m-%d")
    table = (
        m.groupby(["period", "actor"], observed=True)
        .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["period", "mentions"], ascending=[True, False], kind="stable")
    )
    return _typed(table[columns].reset_index(drop=True))


# --------------------------------------------------------------------------- old chart names

# Old names of charts now in plots.py, for notebooks written against them: ``tone_figure`` is
# ``plots.actor_tone_chart``, ``network_figure`` is ``plots.network_chart`` (which draws people and
# organisations unless given ``types``). Resolved on first use, so finding mentions does not
# import matplotlib.
_OLD_CHART_NAMES = {"tone_figure": "actor_tone_chart", "network_figure": "network_chart"}


def __getattr__(name: str):
    if name in _OLD_CHART_NAMES:
        from . import plots

        return getattr(plots, _OLD_CHART_NAMES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

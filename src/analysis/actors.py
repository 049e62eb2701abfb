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

Demonyms ("French") are aliases of their country, type location, flagged in the dictionary;
``find_mentions(..., demonyms=False)`` leaves them out.

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
from .options import check_choice

TYPES = ("person", "organization", "location", "other")
CASE_RULES = ("default", "exact", "any")
BACKENDS = ("rules",)
DEFAULT_FILES = ("actors_countries.yaml", "actors_organizations.yaml", "actors_people.yaml")
CUES_FILE = "actors_cues.yaml"


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


def _longest_first(found: list[tuple]) -> list[tuple]:
    """Keep the longest of overlapping spans (then the leftmost); return them by start."""
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    starts: list[int] = []
    ends: list[int] = []
    kept = []
    for m in found:
        i = bisect.bisect_right(starts, m[0])
        if i > 0 and ends[i - 1] > m[0]:
            continue
        if i < len(starts) and starts[i] < m[1]:
            continue
        starts.insert(i, m[0])
        ends.insert(i, m[1])
        kept.insert(i, m)
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
        if isinstance(place, dict):
            place_name = str(place["name"])
            aliases = [_alias(a, place_name, where) for a in place.get("aliases") or []] + [
                _alias(a, place_name, where, demonym=True) for a in place.get("demonyms") or []
            ]
        else:
            place_name, aliases = str(place), []
        actors.append(Actor(place_name, "location", country=country, aliases=aliases))
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
    common: frozenset  # lower-case common words: stopwords and sentiment-lexicon words
    stop: frozenset  # lower-case stopwords: never the first word of a name ("The", "But")


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = yaml.safe_load((paths.RESOURCES / CUES_FILE).read_text(encoding="utf-8"))
    sets = {key: frozenset(str(w) for w in data.get(key, [])) for key in _Cues.__dataclass_fields__ if key not in ("common", "stop")}
    return _Cues(**sets, common=_common_words(), stop=_stopwords())


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


def find_mentions(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    dictionary: Dictionary | None = None,
    discover: bool = True,
    backend: str = "rules",
    demonyms: bool = True,
) -> pd.DataFrame:
    """Actor mentions in articles: dictionary matches, discovered names, resolved surnames.

    Args:
        articles: frame with doc_id and text (shape "articles").
        sentences: frame with doc_id, sent_id, start, end (shape "sentences"); each
            mention gets the sent_id of the sentence it starts in.
        dictionary: from ``load_dictionary``; default: the package's default dictionary.
        discover: also find names that are not in the dictionary (source "discovered").
        backend: "rules" (capitalisation and context cues; no model).
        demonyms: count demonyms ("French") as mentions of their country.

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
    starts_by_doc, ids_by_doc = _sentence_index(sentences)
    rows = []
    for doc_id, text in zip(articles["doc_id"].astype(str), articles["text"].astype(str)):
        starts = starts_by_doc.get(doc_id, [0])
        ids = ids_by_doc.get(doc_id, [0])
        sentence_ends = [*starts[1:], len(text)]
        for c in _article_mentions(text, starts, sentence_ends, dictionary, discover=discover, demonyms=demonyms):
            sent_id = ids[max(0, bisect.bisect_right(starts, c.start) - 1)]
            rows.append((doc_id, sent_id, c.start, c.end, text[c.start : c.end], c.actor, c.type, c.source, c.backend))
    frame = pd.DataFrame(rows, columns=schemas.columns("mentions"))
    return schemas.conform(frame, "mentions")


def _sentence_index(sentences):
    starts_by_doc, ids_by_doc = {}, {}
    for doc, rows in _by_doc(sentences, ["start", "sent_id"]).items():
        starts_by_doc[doc] = [r[0] for r in rows]
        ids_by_doc[doc] = [r[1] for r in rows]
    return starts_by_doc, ids_by_doc


def _by_doc(frame: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    """Rows of ``columns`` per doc_id, ordered by start (one pass over plain lists: fast)."""
    if not len(frame):
        return {}
    ordered = frame.sort_values(["doc_id", "start"], kind="stable")
    docs = ordered["doc_id"].astype(str).tolist()
    values = list(zip(*(ordered[c].tolist() for c in columns)))
    out: dict[str, list[tuple]] = {}
    for doc, row in zip(docs, values):
        out.setdefault(doc, []).append(row)
    return out


def _article_mentions(text, starts, ends, dictionary, *, discover, demonyms) -> list[_Candidate]:
    cues = _cues()
    found = [
        _Candidate(s, e, actor, dictionary.type_of(actor), "dictionary", "dictionary", 3, dem)
        for s, e, actor, dem in dictionary.match(text, demonyms=True)
    ]
    places = {}
    if discover:
        lowercase_seen = set(re.findall(r"\b[a-z][a-z'-]+\b", text))
        places = _demonym_stems(text, dictionary, cues, lowercase_seen)
        found = _discover(text, starts, ends, found, dictionary, cues, lowercase_seen, places)
    found = _resolve(text, starts, ends, found, dictionary, cues, places)
    if not demonyms:
        found = [c for c in found if not c.demonym]
    return found


_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
# a capitalised word (Latin, Greek, Cyrillic capitals; "3Com"), with inner hyphens,
# apostrophes, dots and ampersands, and an optional final dot
_CAP_WORD = re.compile(
    r"(?<![\w'’.&-])(?:[A-ZÀ-ÖØ-Þ\u0100-\u024f\u0386-\u03ab\u0400-\u042f]|\d(?=[A-Z]))(?:\w|[-'’.&](?=\w))*\.?"
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
        for run in _runs(text, words, cues):
            new.extend(_classify_run(text, run, s_begin, by_start, dictionary, cues, lowercase_seen))
    new = _longest_first_candidates(new)
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
    if (toks[-1] in cues.organization_suffixes or of_org) and len(toks) > 1:
        head = 0
        while head < len(toks) - 1 and (toks[head] in cues.person_titles and toks[head] not in ("Foreign", "Home", "State")):
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
    while toks and toks[-1] in cues.never_names:
        toks, spans = toks[:-1], spans[:-1]
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
    elif n == 1 and _sentence_initial(text, s_begin, start) and text[end : end + 2] not in ("'s", "’s"):
        return extra  # a lone first word of a sentence with no cue ("Meridia's" is a name: a possessive)
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
    return [*extra, _found(text, start, end, kind, strength)]


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
    before = text[s_begin:start]
    if before.strip(" \"'“‘(-—:") == "":
        return True
    before = before.rstrip(" ")
    return before[-1] in "\"“" and (len(before) == 1 or before[-2] in " :(\n—-")


def _found(text, start, end, kind, strength) -> _Candidate:
    return _Candidate(start, end, " ".join(text[start:end].split()), kind, "discovered", "rules", strength)


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
            c = _Candidate(c.start, c.end, target.actor, target.type, target.source, "rules", 3)
        out.append(c)
        taken.append((c.start, c.end))
    # 3. occurrences the first passes missed (sentence-initial surnames, capitals headlines)
    extra = []
    names = {**{k: v for k, v in surnames.items()}, **abbrev}
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
            extra.append(_Candidate(s, e, target.actor, target.type, target.source, "rules", 3, target.demonym))
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
    best: dict[str, tuple[int, str]] = {}
    for c in cands:
        if c.source == "discovered":
            if c.actor not in best or c.strength > best[c.actor][0]:
                best[c.actor] = (c.strength, c.type)
    for c in cands:
        if c.source == "discovered":
            c.type = best[c.actor][1]
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
    type_counts = (
        pd.DataFrame({"a": actor_codes, "t": type_codes})
        .query("a >= 0 and t >= 0")
        .groupby(["a", "t"], sort=True).size().reset_index(name="n")
    )
    type_counts["rank"] = (type_names[type_counts["t"].to_numpy()] == "other").astype(int)
    best = type_counts.sort_values(["a", "rank", "n"], ascending=[True, True, False], kind="stable").drop_duplicates("a")
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


def consolidate_types(mentions: pd.DataFrame) -> pd.DataFrame:
    """A copy where each actor has one type: its most frequent type other than "other".

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
    best = counts.sort_values(["actor", "rank", "n"], ascending=[True, True, False]).drop_duplicates("actor")
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


# --------------------------------------------------------------------------- charts


def network_figure(pairs: pd.DataFrame, table: pd.DataFrame, *, top_n: int = 25, title: str = "Who is named with whom"):
    """The co-mention network of the ``top_n`` most mentioned actors (matplotlib Figure).

    Nodes are sized by mentions and coloured by type; an edge joins two actors named in
    the same sentence, its width growing with the number of such sentences.

    Args:
        pairs: ``comentions(...)`` output.
        table: ``actor_table(...)`` output (for sizes and types), most mentioned first.

    Example:
        >>> fig = network_figure(comentions(m), actor_table(m), top_n=20)   # doctest: +SKIP
    """
    import networkx as nx
    from matplotlib.figure import Figure

    colours = {"person": "#2f6690", "organization": "#d1495b", "location": "#3a7d44", "other": "#8d6a9f"}
    top = table.head(top_n)
    keep = set(top["actor"])
    edges = pairs[pairs["actor_a"].isin(keep) & pairs["actor_b"].isin(keep)]
    graph = nx.Graph()
    for row in top.itertuples():
        graph.add_node(row.actor, mentions=int(row.mentions), kind=row.actor_type)
    for row in edges.itertuples():
        graph.add_edge(row.actor_a, row.actor_b, weight=int(row.sentences))
    fig = Figure(figsize=(9, 7.5), layout="constrained")
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    if graph.number_of_edges() == 0:
        ax.text(0.5, 0.5, "no two of these actors are named in the same sentence", ha="center", va="center",
                color="#777777", transform=ax.transAxes)
        return fig
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    position = nx.spring_layout(graph, seed=7, k=1.6 / max(1, graph.number_of_nodes()) ** 0.5, weight="weight")
    weights = np.array([graph.edges[e]["weight"] for e in graph.edges], dtype=float)
    widths = 0.6 + 5.0 * weights / weights.max()
    nx.draw_networkx_edges(graph, position, ax=ax, width=widths, edge_color="#9aa5b1", alpha=0.6)
    sizes = np.array([graph.nodes[n]["mentions"] for n in graph.nodes], dtype=float)
    nx.draw_networkx_nodes(
        graph, position, ax=ax, node_size=120 + 1400 * sizes / sizes.max(),
        node_color=[colours.get(graph.nodes[n]["kind"], "#6c757d") for n in graph.nodes], alpha=0.9,
    )
    for node, (x, y) in position.items():
        ax.text(x, y, node, fontsize=8.5, ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    handles = [
        __import__("matplotlib.lines", fromlist=["Line2D"]).Line2D([], [], marker="o", linestyle="", color=c, label=k)
        for k, c in colours.items() if k in {graph.nodes[n]["kind"] for n in graph.nodes}
    ]
    ax.legend(handles=handles, frameon=False, loc="lower left", fontsize=9)
    return fig


def tone_figure(table: pd.DataFrame, *, top_n: int = 20, title: str = "Tone of the sentences naming each actor"):
    """Mean compound score per actor with its confidence interval (dots and whiskers).

    Example:
        >>> fig = tone_figure(actor_table(m, scored), top_n=15)   # doctest: +SKIP
    """
    from matplotlib.figure import Figure

    data = table.dropna(subset=["tone"]).head(top_n)
    fig = Figure(figsize=(8, max(2.0, 0.6 + 0.28 * max(len(data), 1))), layout="constrained")
    ax = fig.subplots()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    if data.empty:
        ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center", color="#777777")
        return fig
    y = np.arange(len(data))
    low = (data["tone"] - data["tone_ci_low"]).fillna(0).clip(lower=0)
    high = (data["tone_ci_high"] - data["tone"]).fillna(0).clip(lower=0)
    colours = ["#2f6690" if t >= 0 else "#d1495b" for t in data["tone"]]
    ax.errorbar(data["tone"], y, xerr=[low, high], fmt="none", ecolor="#9aa5b1", elinewidth=1.5, capsize=3)
    ax.scatter(data["tone"], y, color=colours, zorder=3, s=30)
    ax.set_yticks(y, [f"{a} ({n})" for a, n in zip(data["actor"], data["mentions"])])
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel("mean compound score of the sentences (95% bootstrap interval); (mentions)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    return fig

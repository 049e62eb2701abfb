"""News tone: VADER's rules with actor names silenced and a news lexicon, and the words behind each score.

Stock VADER (``analysis.sentiment``) reads names and news vocabulary as opinions:
"Manchester United" adds "united" (+1.8), "Vice-President Dick Cheney" subtracts "dick",
"heart attack" counts "heart" (+3.2). The news tone (column ``tone`` of the prepared
sentences) is VADER's compound score with three changes, and nothing else changed:

1. Words inside actor mentions (any type: people, organisations, places, works, events)
   carry no valence and take no part in VADER's rules (they are neither boosters nor
   negations nor "but"); exclamation and question marks inside a mention ("Yahoo!") do
   not amplify the sentence. Negation, boosters, "but", capitals and punctuation work on
   the remaining words as before. Mentions come from the mentions frame, by their
   ``start``/``end`` offsets only.
2. The news lexicon (``resources/news_lexicon.yaml``): a short, argued list of news phrases
   in which a rated word is not evaluative ("interest rates", "crude oil", "heart disease").
3. The user's ``lexicon_overrides``, applied last (same meaning as the news lexicon entries).

Each sentence also gets ``tone_words``, the words that gave it valence with their final
contribution after VADER's word rules (booster, negation, capitals, "but"), in sentence order,
e.g. ``"best:+3.20 win:+2.80"`` (a news lexicon phrase as one word, ``heart_attack:-2.10``),
and ``tone_starts``, each word's offset in the article text. The sentence-level emphasis of "!" and "?" and VADER's normalisation to -1..+1 are
not shared out to words; the compound is a monotone function of the sum of the contributions.

Example:
    >>> tone_scores(["Manchester United were awful."], [[(0, 17)]])[0].round(4).tolist()
    [-0.4588]
"""

from __future__ import annotations

import csv
import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress, repeat
from operator import add, itemgetter
from pathlib import Path

import numpy as np
import pandas as pd
from nltk.sentiment.vader import VaderConstants

from . import schemas
from .errors import LexiconError
from .vader import BOOSTERS, TOKEN_CACHE_LIMIT, Scorer, TokenCache, combine, shared_lexicon, validation_summary
from .yaml_files import safe_load

Overrides = tuple[tuple[str, float], ...]
TONE_COLUMNS = list(schemas.SCHEMAS["sentence_tone"])
# a lower-case "word" no token can have: silenced words are neither rated, boosters, negations nor "but"
_SILENT = "\x00"
# lower-case words VADER's rules look at besides rated ones (boosters, negations, "but", "least", "kind of")
_RULE_WORDS = frozenset(BOOSTERS) | frozenset(VaderConstants.NEGATE) | {"but", "least", "at", "very", "kind", "of"}
_EMPTY = (0.0, 0.0, 0.0, 0.0)  # stock VADER on a text without words
_NEUTRAL = (0.0, 1.0, 0.0, 0.0)  # ... and on words none of which is rated
_HIT = itemgetter(2)  # of a TokenCache entry
_LOW = itemgetter(1)


# Pearson r of the news tone against the mean of 20 human ratings per sentence (mentions found
# in each text as in prepare), measured by `python benchmarks/sentiment_validation.py`; a test
# re-measures them. Stock VADER's figures are in analysis.sentiment.VALIDATION.
VALIDATION = {"tweets": 0.8740, "amazon reviews": 0.5698, "movie reviews": 0.4238}


def validation_table() -> pd.DataFrame:
    """How well each score agrees with people, per data set: stock VADER's r beside the news tone's.

    Example:
        >>> validation_table().to_dict("records")[0]["news tone"]
        0.874
    """
    table = validation_summary().assign(news_tone_r=lambda v: v["dataset"].map(VALIDATION))
    return table.rename(columns={"pearson_r": "correlation with people (r), stock", "news_tone_r": "news tone"})


# --------------------------------------------------------------------------- the lexicon layers


@lru_cache(maxsize=1)
def _news_entries() -> tuple[dict, ...]:
    text = resources.files("analysis").joinpath("resources/news_lexicon.yaml").read_text(encoding="utf-8")
    return tuple(safe_load(text))


def news_lexicon() -> pd.DataFrame:
    """The project's news lexicon corrections: term, valence, reason, example.

    Example:
        >>> float(news_lexicon().set_index("term").loc["interest rates", "valence"])
        0.0
    """
    frame = pd.DataFrame(list(_news_entries()), columns=["term", "valence", "reason", "example"])
    return frame.astype({"term": "string", "valence": "float64", "reason": "string", "example": "string"})


def read_overrides(source: object) -> Overrides:
    """Lexicon overrides as sorted ``((term, valence), ...)`` from a dict, a YAML or CSV file.

    A dict maps term -> valence. A YAML file holds such a mapping or a list of entries with
    ``term`` and ``valence`` (as ``resources/news_lexicon.yaml``); a CSV file has the columns
    ``term,valence``. Terms are matched in lower case; a phrase is several words separated
    by spaces. Valences are on VADER's scale, -4 to +4 (0: not evaluative). ``source`` is
    whatever a person gave (a ``-p`` value, a file name, None): any other type is a LexiconError.

    Example:
        >>> read_overrides({"Draw": 0, "bull market": "1.5"})
        (('bull market', 1.5), ('draw', 0.0))
    """
    if source is None or (isinstance(source, (str, Mapping, list, tuple)) and not source):
        return ()
    where = "lexicon_overrides"
    if isinstance(source, (str, Path)):
        where = str(source)
        source = _read_override_file(Path(source).expanduser())
    if isinstance(source, Mapping):
        pairs = list(source.items())
    elif isinstance(source, (list, tuple)):
        pairs = []
        for entry in source:
            if isinstance(entry, Mapping) and "term" in entry and "valence" in entry:
                pairs.append((entry["term"], entry["valence"]))
            elif isinstance(entry, (list, tuple)) and len(entry) == 2:
                pairs.append(tuple(entry))
            else:
                raise LexiconError(
                    f"{where}: entry {entry!r} has no term and valence; write e.g. {{term: draw, valence: 0}}"
                )
    else:
        raise LexiconError(
            f"{where}: {type(source).__name__} is not a lexicon override; give a dict {{term: valence}} or a .yaml/.csv file"
        )
    result: dict[str, float] = {}
    for term, valence in pairs:
        key = " ".join(str(term).lower().split())
        try:
            value = float(valence)
        except (TypeError, ValueError):
            value = math.nan
        if not key or not -4 <= value <= 4:
            raise LexiconError(
                f"{where}: {term!r}: {valence!r} is not a valence; give a number from -4 to 4 (0: not evaluative)"
            )
        result[key] = value
    return tuple(sorted(result.items()))


def _read_override_file(path: Path):
    if not path.is_file():
        raise LexiconError(f"lexicon overrides file {path} does not exist; give a .yaml or .csv file of term, valence")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise LexiconError(f"{path}: not valid YAML ({' '.join(str(error).split())}); fix the file") from None
        return data or {}
    if suffix == ".csv":
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        if rows and not {"term", "valence"} <= set(rows[0]):
            raise LexiconError(f"{path}: the CSV needs the columns term,valence (found {','.join(rows[0])})")
        return [{"term": r["term"], "valence": r["valence"]} for r in rows]
    raise LexiconError(f"lexicon overrides file {path} is not .yaml, .yml or .csv; write term, valence in one of those")


def overrides_table(overrides: Overrides) -> pd.DataFrame:
    """The user's overrides beside the rating they replace (for the report).

    Example:
        >>> overrides_table((("heart", 0.0),))[["term", "valence", "replaces"]].values.tolist()
        [['heart', 0.0, 3.2]]
    """
    stock = shared_lexicon("vadersentiment")
    news = {" ".join(str(e["term"]).lower().split()): float(e["valence"]) for e in _news_entries()}
    rows = [
        (t, v, news.get(t, stock.get(t, math.nan)), "news lexicon" if t in news else "VADER" if t in stock else "")
        for t, v in overrides
    ]
    frame = pd.DataFrame(rows, columns=["term", "valence", "replaces", "replaces_from"])
    return frame.astype({"term": "string", "valence": "float64", "replaces": "float64", "replaces_from": "string"})


# --------------------------------------------------------------------------- scoring


class _ToneScorer(Scorer):
    """NLTK's VADER rules over the news-adjusted lexicon, with words silenced by position."""

    def __init__(self, overrides: Overrides, news_lexicon: bool = True):
        news = [(str(e["term"]), float(e["valence"])) for e in _news_entries()] if news_lexicon else []
        lex = dict(shared_lexicon("vadersentiment"))
        phrases: dict[str, list[tuple[tuple[str, ...], float]]] = {}
        for term, valence in [*news, *overrides]:  # later entries win
            words = tuple(term.lower().split())
            if len(words) == 1:
                if valence == 0:
                    lex.pop(words[0], None)  # unrated, not "rated 0": boosters must not give it a valence
                else:
                    lex[words[0]] = valence
            else:
                entries = [e for e in phrases.get(words[0], []) if e[0] != words[1:]]
                phrases[words[0]] = [*entries, (words[1:], valence)]
        self.lex = lex
        # stock VADER, for the sentences the news changes touch: it scores the same words again
        self.stock = Scorer("vadersentiment")
        self.tokens = TokenCache(lex)
        # words rated otherwise than stock VADER: a sentence with one is scored again for the stock columns
        self.changed = frozenset(w for w in self.stock.lex.keys() | lex.keys() if self.stock.lex.get(w) != lex.get(w))
        # ... and those or a phrase's first word: a sentence with none is scored as stock VADER would
        self.news = self.changed | phrases.keys()
        # longest phrase first, so "heart attacks" wins over a shorter entry starting the same way
        self.phrases = {first: sorted(entries, key=lambda e: -len(e[0])) for first, entries in phrases.items()}

    def tone(
        self, text: str, spans: Sequence[tuple[int, int]] = (), *, stock: bool = True
    ) -> tuple[float, list, tuple | None]:
        """Compound score of ``text``, ``[(offset in text, word, contribution), ...]``, and stock
        VADER's (neg, neu, pos, compound) (None if ``stock`` is False and the news changes touched
        the sentence; an untouched sentence gets them from the same computation as its tone).

        ``spans`` are ``(start, end)`` offsets in ``text`` whose words carry no valence.
        """
        tokens = self.tokens
        if len(tokens) > TOKEN_CACHE_LIMIT:
            tokens.clear()
        raw = text.split()
        kept = list(filter(None, map(tokens.__getitem__, raw)))  # None: a one-character token, which NLTK drops
        if not kept:
            return 0.0, [], _EMPTY
        if not any(map(_HIT, kept)) and self.news.isdisjoint(map(_LOW, kept)):
            return 0.0, [], _NEUTRAL  # no rated word (by either lexicon: a stock-only one is news) nor phrase
        words, stock_lows, tone_hits, plain = zip(*kept)
        news = not self.news.isdisjoint(stock_lows)
        # the news changes silence and re-rate words in copies: stock VADER may need the words as they were
        lows, hits = list(stock_lows), list(tone_hits)
        touched = news and not self.changed.isdisjoint(stock_lows)
        phrases = self.phrases
        n = len(words)
        rating: dict[int, float] = {}  # position -> a phrase's rating at its first word
        label: dict[int, str] = {}  # position -> the phrase, words joined by "_" (how tone_words names it)
        if news and not phrases.keys().isdisjoint(lows):
            pos = 0
            while pos < n:
                for rest, valence in phrases.get(lows[pos], ()):
                    end = pos + 1 + len(rest)
                    if tuple(lows[pos + 1 : end]) == rest:
                        for k in range(pos + 1, end):
                            lows[k], hits[k] = _SILENT, False
                        if valence == 0:
                            lows[pos], hits[pos] = _SILENT, False
                        else:
                            rating[pos], hits[pos] = valence, True
                            label[pos] = "_".join((lows[pos], *rest))
                        touched = True
                        pos = end - 1
                        break
                pos += 1
        starts, lengths = _kept_offsets(text, raw, n)
        tone_text = text
        if spans:
            for s, e in spans:
                # tokens overlapping [s, e): those beginning before e, back to the one covering s
                k = bisect_left(starts, e) - 1
                while k >= 0 and starts[k] + lengths[k] > s:
                    low = lows[k]
                    # silencing an unrated word that no rule looks at changes nothing stock VADER computes
                    if hits[k] or k in rating or low in _RULE_WORDS or "n't" in low:
                        touched = True
                    lows[k], hits[k] = _SILENT, False
                    rating.pop(k, None)
                    k -= 1
            if "!" in text or "?" in text:  # "!" and "?" inside a name ("Yahoo!") are not the writer's emphasis
                for s, e in spans:
                    if "!" in text[s:e] or "?" in text[s:e]:
                        tone_text = tone_text[:s] + " " * (e - s) + tone_text[e:]
                        touched = True
        if any(hits):
            sentiments = self.sentiments(words, lows, hits, plain, rating)
            # untouched, the same operations as stock VADER on the same words: its four scores exactly
            scores = combine(sentiments, tone_text)
            compound = scores[3]
            # a word's offset: its token's, plus the leading punctuation VADER stripped (",cat" -> "cat")
            found = [
                (text.find(words[k], starts[k]), label.get(k, lows[k]), sentiments[k])
                for k in compress(range(n), sentiments)
            ]
        else:
            compound, found, scores = 0.0, [], _NEUTRAL
        if touched and stock:
            stock_hits = [low in self.stock.lex for low in stock_lows]
            scores = self.stock.score_words(text, words, stock_lows, stock_hits, plain)
        elif touched:
            scores = None
        return compound, found, scores


def _kept_offsets(text: str, raw: list[str], kept: int) -> tuple[list[int], list[int]]:
    """Start in ``text`` and length of each token NLTK keeps (it drops one-character tokens):
    ``raw`` are the whitespace tokens, ``kept`` how many are kept."""
    lengths = list(map(len, raw))
    if len(text) == sum(lengths) + len(raw) - 1:
        # one whitespace character between tokens and none around them, as in nearly every sentence:
        # each start is the one before plus that token's length and one
        starts = list(accumulate(map(add, lengths, repeat(1)), initial=0))
        starts.pop()
    else:
        starts, at = [], 0
        for token in raw:
            at = text.find(token, at)
            starts.append(at)
            at += len(token)
    if kept < len(raw):
        longer = [length > 1 for length in lengths]
        return list(compress(starts, longer)), list(compress(lengths, longer))
    return starts, lengths


@lru_cache(maxsize=8)
def _scorer(overrides: Overrides, news_lexicon: bool = True) -> _ToneScorer:
    return _ToneScorer(overrides, news_lexicon)


def tone_scores(
    texts: Iterable[str],
    spans: Iterable[Sequence[tuple[int, int]]] | None = None,
    *,
    lexicon_overrides=None,
    news_lexicon: bool = True,
) -> tuple[np.ndarray, list[list[tuple[int, str, float]]]]:
    """News tone (compound, -1..+1) of each text, and the words behind each score.

    Args:
        texts: sentences.
        spans: per text, ``(start, end)`` offsets in that text whose words carry no valence
            (actor mentions); None: nothing silenced.
        lexicon_overrides: a dict ``{term: valence}``, a YAML/CSV file (see ``read_overrides``).
        news_lexicon: apply the project's news lexicon; False with no spans and no overrides
            is stock VADER (the same compound as ``sentiment.vader_scores``, with its words).

    Returns:
        The scores as a float array, and per text a list of ``(offset in the text, word,
        contribution)`` for each word that gave the sentence valence.

    Example:
        >>> scores, words = tone_scores(["Heart disease is rising, sadly."])
        >>> scores.tolist(), words
        ([-0.4215], [[(25, 'sadly', -1.8)]])
    """
    score = _scorer(read_overrides(lexicon_overrides), bool(news_lexicon))
    texts = ["" if not isinstance(t, str) else t for t in texts]
    spans = [()] * len(texts) if spans is None else list(spans)
    if len(spans) != len(texts):
        raise ValueError(f"tone_scores got {len(texts)} texts but {len(spans)} lists of spans; give one list per text")
    results = [score.tone(t, s, stock=False) for t, s in zip(texts, spans)]
    return np.array([r[0] for r in results], dtype=np.float64), [r[1] for r in results]


def format_words(words: Sequence[tuple[int, str, float]], base: int = 0) -> tuple[str, str]:
    """``("best:+3.20 win:+2.80", "120 161")``: the stored form of one sentence's contributions."""
    if not words:  # a third of the sentences: no word gave them valence
        return "", ""
    return (" ".join([f"{w}:{v:+.2f}" for _, w, v in words]), " ".join([str(base + o) for o, _, _ in words]))


def word_span(text: str, offset: int, word: str) -> tuple[int, int] | None:
    """Where ``word`` (from ``tone_words``) stands in ``text`` at ``offset``, or None if it does not.

    Example:
        >>> word_span("A Heart  attack.", 2, "heart_attack")
        (2, 15)
    """
    if text[offset : offset + len(word)].lower() == word:
        return (offset, offset + len(word))
    if "_" in word:
        match = re.compile(r"\s+".join(map(re.escape, word.split("_"))), re.IGNORECASE).match(text, offset)
        if match:
            return match.span()
    return None


def parse_words(tone_words: str | None) -> list[tuple[str, float]]:
    """``"best:+3.20 win:+2.80"`` -> ``[("best", 3.2), ("win", 2.8)]`` (empty for none).

    A phrase of the news lexicon is one word with "_" between its words (``heart_attack``).

    Example:
        >>> parse_words("not:-0.5 good:+1.90")
        [('not', -0.5), ('good', 1.9)]
    """
    if not isinstance(tone_words, str) or not tone_words:
        return []
    return [(w, float(v)) for w, _, v in (item.rpartition(":") for item in tone_words.split(" "))]


def add_tone(
    scored_sentences: pd.DataFrame, mentions: pd.DataFrame | None = None, *, lexicon_overrides=None
) -> pd.DataFrame:
    """Scored sentences with the news tone added: ``tone``, ``tone_words``, ``tone_starts``.

    Args:
        scored_sentences: frame of shape "scored_sentences" (``sentiment.score_sentences``).
        mentions: actor mentions (``doc_id``, ``start``, ``end`` offsets into the article
            text); the words they cover carry no valence. None: nothing silenced.
        lexicon_overrides: a dict ``{term: valence}`` or a YAML/CSV file (``read_overrides``).

    Example:
        >>> toned = add_tone(score_sentences(sentences), mentions)   # doctest: +SKIP
        >>> toned[["text", "compound", "tone", "tone_words"]]        # doctest: +SKIP
    """
    frame, _ = _toned(scored_sentences, mentions, lexicon_overrides, stock=False)
    return schemas.conform(frame, "toned_sentences")


def score_sentences(
    sentences: pd.DataFrame, mentions: pd.DataFrame | None = None, *, lexicon_overrides=None
) -> pd.DataFrame:
    """Sentences with stock VADER's neg, neu, pos, compound and the news tone, in one pass.

    The stock columns equal ``sentiment.score_sentences`` (NLTK's VADER) exactly: a sentence
    the news changes do not touch (no mention, no news-lexicon phrase, no overridden word)
    gets them from the same computation as its tone; the others are scored by stock VADER
    again, from the same words. What ``prepare`` runs: about half the time of scoring both separately.

    Example:
        >>> score_sentences(sentences, mentions)[["compound", "tone"]]   # doctest: +SKIP
    """
    from .vader import SCORE_COLUMNS

    frame, stock = _toned(sentences, mentions, lexicon_overrides, stock=True)
    scores = np.array(stock, dtype=np.float64).reshape(len(stock), 4)
    frame = frame.assign(**{c: scores[:, k] for k, c in enumerate(SCORE_COLUMNS)})
    return schemas.conform(frame, "toned_sentences")


def texts_tone(texts: Sequence[str], *, lexicon_overrides=None) -> pd.DataFrame:
    """Stock compound and news tone of loose texts, each read as a one-sentence article.

    Actor mentions are found in each text as in ``prepare`` (the default dictionary and
    name discovery), so the tone silences the same kind of names as in a prepared corpus.
    Columns: text, compound, tone, tone_words, mentions (the surfaces silenced, " | "-joined).
    For validation and for trying the news tone on a few sentences.

    Example:
        >>> texts_tone(["Manchester United were awful."])[["compound", "tone"]].values.tolist()  # doctest: +SKIP
        [[-0.2263, -0.4588]]
    """
    from .actors import find_mentions

    texts = ["" if not isinstance(t, str) else t for t in texts]
    ids = [str(k) for k in range(len(texts))]
    articles = pd.DataFrame({"doc_id": ids, "text": texts})
    sentences = schemas.conform(
        pd.DataFrame(
            {"doc_id": ids, "sent_id": 0, "start": 0, "end": [len(t) for t in texts], "text": texts, "is_title": False}
        ),
        "sentences",
    )
    mentions = find_mentions(articles, sentences)
    scored = score_sentences(sentences, mentions, lexicon_overrides=lexicon_overrides)
    surfaces = mentions.groupby(mentions["doc_id"].astype(str))["surface"].agg(lambda s: " | ".join(map(str, s)))
    return pd.DataFrame(
        {
            "text": pd.array(texts, dtype="string"),
            "compound": scored["compound"],
            "tone": scored["tone"],
            "tone_words": scored["tone_words"],
            "mentions": pd.array([surfaces.get(i, "") for i in ids], dtype="string"),
        }
    )


def _toned(sentences: pd.DataFrame, mentions, lexicon_overrides, *, stock: bool) -> tuple[pd.DataFrame, list]:
    frame = sentences.reset_index(drop=True)
    texts = frame["text"].astype("string").fillna("").tolist()
    starts = frame["start"].to_numpy("int64").tolist()
    spans = _mention_spans(frame, silenced_mentions(mentions))
    score = _scorer(read_overrides(lexicon_overrides), True)
    tones, words, word_starts, stock_scores = [], [], [], []
    for text, text_spans, base in zip(texts, spans, starts):
        compound, found, scores = score.tone(text, text_spans, stock=stock)
        tones.append(compound)
        stock_scores.append(scores)
        if found:
            stored = format_words(found, base)
            words.append(stored[0])
            word_starts.append(stored[1])
        else:  # a third of the sentences
            words.append("")
            word_starts.append("")
    frame = frame.assign(tone=np.array(tones, dtype=np.float64), tone_words=words, tone_starts=word_starts)
    return frame, stock_scores


def silenced_mentions(mentions: pd.DataFrame | None) -> pd.DataFrame | None:
    """The mentions whose words the news tone silences: all, except shouting taken for a name.

    Name discovery (``source == "discovered"``, not the dictionary) takes capitalised words
    for names; in social text that includes emphasis ("LOVE", "AMAZING") and sentence-initial
    rule words ("Not", "Can't"). A discovered mention written entirely in capitals, or one word
    that VADER's rules use (a negation, a booster, "but"), keeps its words: VADER reads
    capitals as emphasis, and silencing them cost the tweets' correlation with people
    0.878 -> 0.841 (see docs/benchmarks.md). Frames without ``source``/``surface`` are used whole.
    """
    if mentions is None or not {"source", "surface"} <= set(mentions.columns) or not len(mentions):
        return mentions
    surface = mentions["surface"].astype("string").fillna("")
    discovered = (mentions["source"].astype("string") == "discovered").to_numpy(bool)
    shouted = surface.str.isupper().fillna(False).to_numpy(bool)
    lowered = surface.str.lower()
    rule_word = (lowered.isin(_RULE_WORDS) | lowered.str.contains("n't", regex=False)).fillna(False).to_numpy(bool)
    return mentions[~(discovered & (shouted | rule_word))]


def _mention_spans(sentences: pd.DataFrame, mentions: pd.DataFrame | None) -> list[list[tuple[int, int]]]:
    """Per sentence, the mentions that overlap it, as offsets into the sentence text.

    Found by offsets only (not by the mention's ``sent_id``): the sentence holding a
    mention's first character and the one holding its last (a name split by the sentence
    splitter is silenced on both sides).
    """
    spans: list[list[tuple[int, int]]] = [[] for _ in range(len(sentences))]
    if mentions is None or not len(mentions) or not len(sentences):
        return spans
    docs = pd.Index(sentences["doc_id"].astype("string").unique())
    sent_doc = docs.get_indexer(sentences["doc_id"].astype("string"))
    sent_start = sentences["start"].to_numpy("int64")
    sent_end = sentences["end"].to_numpy("int64")
    order = np.lexsort((sent_start, sent_doc))
    keys = sent_doc[order].astype("int64") * (1 << 40) + sent_start[order]
    mdoc = docs.get_indexer(mentions["doc_id"].astype("string")).astype("int64")
    ms = mentions["start"].to_numpy("int64")
    me = mentions["end"].to_numpy("int64")
    known = mdoc >= 0
    mdoc, ms, me = mdoc[known], ms[known], me[known]
    rows = []
    for offsets in (ms, np.maximum(me - 1, ms)):
        at = np.searchsorted(keys, mdoc * (1 << 40) + offsets, side="right") - 1
        row = order[np.maximum(at, 0)]
        row[(at < 0) | (sent_doc[row] != mdoc) | ~((ms < sent_end[row]) & (sent_start[row] < me))] = -1
        rows.append(row)
    first, last = rows
    for row, keep in ((first, first >= 0), (last, (last >= 0) & (last != first))):
        base = sent_start[row[keep]]
        begin = (np.maximum(ms[keep], base) - base).tolist()
        end = (np.minimum(me[keep], sent_end[row[keep]]) - base).tolist()
        for r, b, e in zip(row[keep].tolist(), begin, end):
            spans[r].append((b, e))
    return spans

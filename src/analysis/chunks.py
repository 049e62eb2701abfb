"""The per-chunk work of ``analysis prepare``: ``prepare_chunk``, the one function every engine runs.

A chunk of articles becomes sentences (scored), tokens, mentions and quotes, written as one part
file per table. ``warm_up`` builds the language resources a chunk needs ahead of time (in the
pool's forkserver), so workers start with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import collector, schemas
from .prepare_settings import Settings
from .report import atomic_write


def prepare_chunk(articles: pd.DataFrame, settings: Settings = Settings()) -> dict[str, pd.DataFrame]:
    """Sentences (scored), tokens, mentions and quotes for a frame of articles.

    The one function every engine runs; it holds no state between calls except the
    per-process caches of the language resources (built on first use). An article whose
    ``language`` is missing (NA, as ``prepare`` loads them) gets it detected first.

    Example:
        >>> from analysis.load import load_articles
        >>> arts, _ = load_articles("data/sample")                      # doctest: +SKIP
        >>> prepare_chunk(arts.head(2))["tokens"].shape[0] > 0          # doctest: +SKIP
        True
    """
    from . import actors, quotes, tokens, tone

    articles = with_languages(articles)  # the English-only steps below need each article's language
    sentences = tokens.split_sentences(articles)
    token_frame = tokens.tokenize(sentences)
    dictionary = _dictionary(settings.actor_files)
    english = _english(articles)
    if english.all():
        mentions = actors.find_mentions(articles, sentences, dictionary=dictionary)
    else:
        mentions = _english_only_mentions(articles, sentences, english, dictionary)
    # stock VADER columns and the news tone (which needs the mentions) in one pass
    scored = tone.score_sentences(sentences, mentions, lexicon_overrides=settings.lexicon_overrides)
    if not english.all():
        scored = _unscored_unless_english(scored, articles, english)
    quote_frame = quotes.find_quotes(articles, sentences, mentions)
    return {"sentences": scored, "tokens": token_frame, "mentions": mentions, "quotes": quote_frame}


def _english(articles: pd.DataFrame) -> pd.Series:
    from .language import is_english

    if "language" not in articles:  # a frame from before languages were known: all English, as then
        return pd.Series(True, index=articles.index)
    return is_english(articles["language"]).to_numpy()


def _english_only_mentions(articles, sentences, english, dictionary) -> pd.DataFrame:
    """Actors for a chunk with non-English articles (see ``analysis.language``): discovery runs on
    English articles only; other articles get only dictionary matches."""
    from . import actors, schemas

    english_ids = set(articles.loc[english, "doc_id"].astype(str))
    in_english = sentences["doc_id"].astype(str).isin(english_ids).to_numpy()
    found = [
        actors.find_mentions(articles[english], sentences[in_english], dictionary=dictionary),
        actors.find_mentions(articles[~english], sentences[~in_english], dictionary=dictionary, discover=False),
    ]
    position = {doc_id: k for k, doc_id in enumerate(articles["doc_id"].astype(str))}
    mentions = pd.concat(found, ignore_index=True)
    mentions = mentions.assign(_order=mentions["doc_id"].astype(str).map(position))
    mentions = mentions.sort_values(["_order", "start"], kind="stable")
    return schemas.conform(mentions, "mentions")


def _unscored_unless_english(scored: pd.DataFrame, articles: pd.DataFrame, english) -> pd.DataFrame:
    """VADER and the news tone are English word lists: other articles' sentences get NaN scores
    (and no tone words), so they never count as neutral English."""
    from .sentiment import SCORE_COLUMNS

    english_ids = set(articles.loc[english, "doc_id"].astype(str))
    other = ~scored["doc_id"].astype(str).isin(english_ids).to_numpy()
    scored = scored.copy()
    scored.loc[other, [*SCORE_COLUMNS, "tone"]] = float("nan")
    scored.loc[other, ["tone_words", "tone_starts"]] = ""
    return scored


_DICTIONARIES: dict[tuple[str, ...], object] = {}


def _dictionary(actor_files: tuple[str, ...]):
    """The actor dictionary, built once per process for a given set of files."""
    if actor_files not in _DICTIONARIES:
        from . import actors

        _DICTIONARIES[actor_files] = actors.load_dictionary(actor_files)
    return _DICTIONARIES[actor_files]


@dataclass
class Written:
    """What ``write_chunk`` wrote: the rows of each table, and the language of each article (in order)."""

    rows: dict[str, int]
    languages: list[str]


def write_chunk(part: int, articles: pd.DataFrame, out: str, settings: Settings) -> Written:
    """Prepare one chunk and write its part files (runs in workers); the languages it detected
    for articles the load left without one come back with the row counts."""
    with collector.paused():  # a chunk's millions of small objects: tokens, spans, rows
        articles = with_languages(articles)  # here too: the languages go back to prepare
        frames = prepare_chunk(articles, settings)
        for name, frame in frames.items():
            write_parquet(frame, Path(out) / f"{name}.parquet" / f"part-{part:05d}.parquet")
    languages = articles["language"].tolist() if "language" in articles else []
    return Written({name: len(frame) for name, frame in frames.items()}, languages)


def with_languages(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with the language of each article that has none yet (NA): ``prepare`` loads
    without detecting them (``load_corpus(defer_languages=True)``), so each worker detects its
    chunk's instead of the loading process detecting all of them before any chunk starts."""
    if "language" not in articles or not articles["language"].isna().any():
        return articles
    from .language import detect_languages

    missing = articles["language"].isna().to_numpy()
    articles = articles.copy()
    articles.loc[missing, "language"] = detect_languages(articles.loc[missing, "text"])
    return articles


# One short story that takes every path of prepare_chunk (sentences, tokens, a dictionary actor, a
# discovered person and company, quotes, a pronoun), so each resource those paths build lazily exists after ``warm_up``.
_WARM_UP_TEXT = (
    "Harbour deal agreed\n\n"
    "Prime Minister Tony Blair said on Monday the harbour deal was good news for Wales. "
    '"We will rebuild the old wall," said Jane Porter, a spokeswoman for Acme Holdings Ltd in Cardiff. '
    "Shares rose 3% in London, and analysts at the Bank of England were not surprised. "
    'Meridia agreed to buy Harlow Foods. "It is a fair price," said John Smith. He added: "We are happy."'
)


def warm_up() -> None:
    """Build the per-process resources ``write_chunk`` uses (language detector, actor dictionary, cue
    lists, gazetteers, VADER and news tone lexicons, sentence splitter, stemmer) by preparing one small
    article; then freeze them out of the garbage collector's scans.

    Run in the pool's forkserver (``analysis.worker_ready``), so every worker forked from it starts
    with them instead of building them in its first chunk.
    """
    import gc

    articles = pd.DataFrame(
        {
            "doc_id": ["warm-up"],
            "title": ["Harbour deal agreed"],
            "text": [_WARM_UP_TEXT],
            "published": [pd.NaT],
            "source": [""],
            "url": [""],
            "category": [""],
            "path": ["warm-up.txt"],
            "published_raw": [""],
            "language": [pd.NA],  # as prepare's load leaves it: detected here, which loads the detector
            "duplicate_of": [None],
        }
    )
    try:
        prepare_chunk(schemas.conform(articles, "articles"))
    except Exception:  # only a head start: a worker that needs a broken resource hits its real error itself
        return
    # objects that live as long as the worker: no collection needs to scan them (nor touch their pages)
    gc.freeze()


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` to ``path`` atomically, zstd-compressed, its string columns dictionary-encoded."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    # repeated strings (doc ids, norms, stems, actor names) compress to small dictionaries
    string_columns = [f.name for f in table.schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    atomic_write(
        path, lambda tmp: pq.write_table(table, tmp, use_dictionary=string_columns or False, compression="zstd")
    )

"""Word frequencies from a tokens frame: counts, n-grams, collocations, keyness, KWIC.

Every function takes the ``tokens`` frame of a prepared corpus (shape "tokens" in
``analysis.schemas``) and returns a new result frame; inputs are never modified.

Conventions shared by the functions:

* **Which tokens count.** ``words_only=True`` keeps alphabetic tokens (``is_word``),
  so punctuation and numbers are left out. ``stopwords=True`` drops tokens marked
  ``is_stop``; a collection of words drops those too (extra stopwords, compared with
  ``norm``); ``False`` keeps every word.
* **Rates.** ``per_10k`` is occurrences per 10,000 running words of the corpus (or of
  the group): the denominator counts every word token, stopwords included, so rates do
  not change when the stopword list does.
* **Groups.** ``by`` names a column of ``tokens``. ``with_groups(tokens, articles, by)``
  adds a ``group`` column (category, source or publication month of each article).
* **Sentences.** n-grams, collocations never cross a sentence boundary (``sent_id``);
  KWIC context does, because it is read back from the article text.

**Large corpora: count once, part by part.** Every ranking is scored from additive counts
(a ``WordCounts``): terms per group with their documents, word totals per group, n-grams,
collocation pairs. ``count_corpus`` gathers them from the parts of a prepared corpus (each
part holds whole articles, so counts and document counts simply add up), and
``term_counts``, ``ngram_counts``, ``collocations``, ``distinctive_terms``, ``keyness``,
``vocabulary`` and ``zipf_table`` accept either a tokens frame (counted on the spot, the
same code) or those counts. ``kwic`` and ``term_trends`` take a tokens frame or an
iterable of tokens parts; ``kwic`` reads the text of the articles it quotes from a frame
or from batches of articles. Memory then follows the part size and the vocabulary, not
the corpus, and the tables are identical to those computed from the whole frame.

Example:
    >>> from analysis import frequencies as fq
    >>> terms = fq.term_counts(corpus.tokens, min_count=5)   # doctest: +SKIP
    >>> counts = fq.count_corpus(corpus.iter_parts("tokens", columns=fq.COUNT_COLUMNS),
    ...                          corpus.read("articles", columns=fq.GROUP_COLUMNS), by="category")  # doctest: +SKIP
    >>> fq.term_counts(counts, by="group").head(3)           # doctest: +SKIP
"""

from __future__ import annotations

# The work lives in modules named for their job; this module keeps every name where notebooks and
# users import it from.
from .keyness import (  # noqa: F401
    FILLER_FILE,
    METHODS,
    SMOOTHING,
    TERM_COLUMNS,
    ZERO_CORRECTION,
    characteristic_terms,
    default_terms,
    distinctive_terms,
    g2_statistic,
    keyness,
    keyness_pair,
    keyness_sides,
    log_ratio,
    news_filler,
    ranking_stopwords,
    reference_keyness,
)
from .kwic_trends import (  # noqa: F401
    FREQUENCIES,
    KWIC_COLUMNS,
    TREND_COLUMNS,
    kwic,
    kwic_head,
    term_trends,
    terms_to_follow,
    trend_table,
)
from .term_tables import (  # noqa: F401
    SORTS,
    actor_phrases,
    collocations,
    group_sizes,
    merge_actor_phrases,
    ngram_counts,
    ngrams_by_size,
    pmi_ranking,
    term_counts,
    top_terms_wide,
    vocabulary,
    with_actor_terms,
    zipf_table,
)
from .word_counts import (  # noqa: F401
    CONTRACTIONS,
    COUNT_COLUMNS,
    FIELDS,
    GROUP_COLUMNS,
    GROUPINGS,
    UNDATED_GROUP,
    UNKNOWN_GROUP,
    Field,
    Stopwords,
    WordCounts,
    count_corpus,
    with_groups,
)

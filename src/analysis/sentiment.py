"""Sentence sentiment with VADER, and the article, group and term tone built from it.

Scores are those of NLTK's ``SentimentIntensityAnalyzer.polarity_scores`` (neg, neu,
pos, compound), computed by a re-implementation of the same rules that gives the same
numbers (checked on every BBC sentence and the VADER ground-truth sentences) several
times faster: NLTK builds a words x punctuation dictionary for every sentence, looks
each word up in lower case again and again, and scores repeated sentences anew. Here
each distinct whitespace token is analysed once per process, sentences without a single
lexicon word leave early, and a repeated sentence is scored once per call.

The lexicon is the file shipped in the ``vaderSentiment`` package, fed to NLTK's rules
(no NLTK data, no download): the default ``lexicon="vadersentiment"`` equals NLTK's
``SentimentIntensityAnalyzer`` loaded with that file. The file differs from NLTK's own
``vader_lexicon`` data in five entries (``:P`` for ``:p``, ``heart``, ``hearts`` and
``flawed`` added, ``badass`` rated 1.4 instead of -0.6), which changes 116 of the 44,054 BBC
sentences; ``lexicon="nltk"`` applies those five differences and equals NLTK with its
own data. The package file is the default because it is what VADER's authors maintain
and it meets the validation targets (see ``VALIDATION``); NLTK's data gives r = 0.420
instead of 0.422 on the movie-review snippets.

The news tone (``analysis.tone``: the same rules with actor names silenced and a news
lexicon) is stored beside these scores; the aggregates below read either (``score="tone"``
or ``"compound"``), and ``tone_drivers``/``extreme_words`` show the words behind them.

Why articles are scored from their sentences: VADER was built and validated on
sentences; on a whole article its compound score sums every sentiment word and
saturates near +1 or -1, so long articles all look extreme. The mean of the sentence
compound scores stays on the scale VADER was validated on and tracks human ratings of
whole texts better; the shares of positive and negative sentences (VADER's usual
+-0.05 thresholds) say whether a middling mean is calm or mixed.

Example:
    >>> vader_scores(["The talks were a great success.", "Nothing happened."]).tolist()
    [[0.0, 0.278, 0.722, 0.8316], [0.0, 1.0, 0.0, 0.0]]
"""

# The work lives in modules named for their job; this module keeps every name where notebooks and
# users import it from.
from .tone_parts import FREQS, GROUP_BY, SCORE_NAMES, SCORES, TIME_GROUPS, Freq, GroupBy, Score  # noqa: F401
from .tone_sentences import (  # noqa: F401
    DRIVER_COLUMNS,
    DRIVER_INPUT,
    EXTREME_WORDS_INPUT,
    drivers_summary,
    extreme_sentences,
    extreme_words,
    highlighted_extremes,
    missing_sides_note,
    sentence_words,
    tone_drivers,
)
from .tone_tables import (  # noqa: F401
    DOCUMENT_COLUMNS,
    GROUP_COLUMNS,
    charted_documents,
    charted_subtitle,
    corpus_term_tone,
    document_tone,
    group_tone,
    groups_to_compare,
    label_counts,
    left_out_note,
    not_found_note,
    over_time_lines,
    over_time_note,
    term_tone,
    tone_over_time,
    tone_overview,
)
from .vader import (  # noqa: F401
    LEXICONS,
    SCORE_COLUMNS,
    VALIDATION,
    Lexicon,
    lexicon,
    nltk_analyzer,
    score_sentences,
    vader_scores,
    validation_summary,
)

# --------------------------------------------------------------------------- old chart names

# Old names of charts now in plots.py, for notebooks written against them: ``tone_histogram`` is
# ``plots.tone_distribution_chart``, ``group_tone_chart`` is ``plots.group_tone_chart``. Resolved
# on first use, so scoring sentences (as prepare's workers do) does not import matplotlib.
_OLD_CHART_NAMES = {"tone_histogram": "tone_distribution_chart", "group_tone_chart": "group_tone_chart"}


def __getattr__(name: str):
    if name in _OLD_CHART_NAMES:
        from . import plots

        return getattr(plots, _OLD_CHART_NAMES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Agreement of analysis.tokens with NLTK's official data, and its speed, on the BBC corpus.

Usage (from the project root; needs ../shared/data):
    .venv/bin/python benchmarks/tokens_agreement.py [--corpus ../shared/data/bbc_news] [--repeat 3]

Prints:
  * sentence agreement with NLTK's official punkt_tab English model. Both splitters
    get the same input: every body paragraph (a body line that is not blank, stripped;
    titles are excluded since they are always one sentence here). Two figures:
      - boundary agreement: over the corpus, |ours ∩ official| / |ours ∪ official| of
        the sentence boundaries *inside* paragraphs (end offsets of every sentence but
        a paragraph's last, which both always put at the paragraph end);
      - paragraph agreement: share of paragraphs both split into identical spans.
  * token agreement with ``nltk.word_tokenize(sentence, preserve_line=True)`` on every
    sentence our splitter finds (titles included): share of tokens in sentences whose
    token sequences are identical, and the share of such sentences. Tokens are
    compared after mapping NLTK's `` and '' back to the quote in the text, since
    analysis.tokens keeps the original character (``token == text[start:end]``).
  * speed of word tokenising alone (``nltk.word_tokenize`` vs ``word_tokens`` on the
    same sentences), and of the whole job: the plain NLTK way (``nltk.sent_tokenize`` on each article text, then
    ``nltk.word_tokenize`` on each sentence) against ``split_sentences`` + ``tokenize``
    (frames included: stems, stopwords), median of ``--repeat`` runs, side by side.

tests/test_tokens.py imports the measuring functions below, so the figures the tests
assert are computed exactly as printed here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "bbc_news"
QUOTES = {'"', "``", "''"}


def read_bbc(corpus: Path) -> pd.DataFrame:
    """An "articles" frame from the BBC folder: title = line 1, body = the rest.

    Read directly (not with analysis.load) so the measure depends only on tokens.py.
    """
    from analysis import schemas

    rows = []
    for path in sorted(corpus.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:  # sport/199.txt holds one Latin-1 byte
            text = raw.decode("cp1252")
        title, _, body = text.replace("\r\n", "\n").partition("\n")
        title, body = title.strip(), body.strip()
        rows.append(
            {
                "doc_id": f"{path.parent.name}/{path.stem}",
                "title": title,
                "text": f"{title}\n\n{body}" if body else title,
                "published": None,
                "source": "BBC",
                "url": "",
                "category": path.parent.name,
                "path": str(path.relative_to(corpus)),
            }
        )
    return schemas.conform(pd.DataFrame(rows), "articles")


def official_punkt(nltk_data: Path):
    """NLTK's official English punkt_tab model, loaded from ``nltk_data`` only."""
    import nltk
    from nltk.tokenize.punkt import PunktTokenizer

    saved = list(nltk.data.path)
    nltk.data.path[:] = [str(nltk_data)]
    try:
        return PunktTokenizer("english")
    finally:
        nltk.data.path[:] = saved


def body_paragraphs(articles: pd.DataFrame) -> list[str]:
    """Every non-blank body line of every article, stripped (the title line skipped)."""
    paragraphs = []
    for text in articles["text"]:
        lines = [line.strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        paragraphs.extend(lines[1:])
    return paragraphs


def sentence_agreement(paragraphs: list[str], official) -> dict:
    """Boundary and paragraph agreement of our splitter with ``official`` (see module doc)."""
    from analysis.tokens import sentence_spans

    inside = union = same = 0
    differing = []
    for paragraph in paragraphs:
        theirs = list(official.span_tokenize(paragraph))
        # our splitter takes whole article texts: give it a dummy title line
        ours = [(a - 3, b - 3) for a, b, title in sentence_spans("T\n\n" + paragraph) if not title]
        ends_theirs = {end for _, end in theirs[:-1]}
        ends_ours = {end for _, end in ours[:-1]}
        inside += len(ends_theirs & ends_ours)
        union += len(ends_theirs | ends_ours)
        if theirs == ours:
            same += 1
        else:
            differing.append((paragraph, theirs, ours))
    return {
        "paragraphs": len(paragraphs),
        "boundaries": union,
        "boundary_agreement": inside / union if union else 1.0,
        "paragraph_agreement": same / len(paragraphs) if paragraphs else 1.0,
        "differing": differing,
    }


def same_tokens(nltk_tokens: list[str], ours: list[str]) -> bool:
    """Token sequences equal, NLTK's `` and '' counting as the quote we keep."""
    return len(nltk_tokens) == len(ours) and all(
        a == b or (a in ("``", "''") and b in QUOTES) for a, b in zip(nltk_tokens, ours)
    )


def token_agreement(sentences: list[str]) -> dict:
    """Share of tokens (and sentences) where ours equal ``nltk.word_tokenize``."""
    import nltk

    from analysis.tokens import word_tokens

    tokens = agreeing = same = 0
    differing = []
    for sentence in sentences:
        theirs = nltk.word_tokenize(sentence, preserve_line=True)
        ours = word_tokens(sentence)
        tokens += len(theirs)
        if same_tokens(theirs, ours):
            agreeing += len(theirs)
            same += 1
        else:
            differing.append((sentence, theirs, ours))
    return {
        "sentences": len(sentences),
        "tokens": tokens,
        "token_agreement": agreeing / tokens if tokens else 1.0,
        "sentence_agreement": same / len(sentences) if sentences else 1.0,
        "differing": differing,
    }


def plain_nltk(articles: pd.DataFrame) -> pd.DataFrame:
    """What an analyst writes first: sent_tokenize, then word_tokenize, rows into pandas."""
    import nltk

    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        for sent_id, sentence in enumerate(nltk.sent_tokenize(text)):
            for tok_id, token in enumerate(nltk.word_tokenize(sentence, preserve_line=True)):
                rows.append((doc_id, sent_id, tok_id, token))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "tok_id", "token"])


def ours(articles: pd.DataFrame) -> pd.DataFrame:
    from analysis.tokens import split_sentences, tokenize

    return tokenize(split_sentences(articles))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="BBC corpus folder")
    parser.add_argument(
        "--nltk-data", type=Path, default=None, help="NLTK data folder (default: ../data/nltk_data beside the corpus)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per approach (median reported)")
    parser.add_argument("--show", type=int, default=0, help="print this many differing paragraphs/sentences")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus folder {args.corpus} not found; pass --corpus", file=sys.stderr)
        return 2
    nltk_data = args.nltk_data or args.corpus.parent / "nltk_data"

    import nltk

    nltk.data.path[:] = [str(nltk_data)]  # the plain pipeline needs punkt_tab too
    from analysis.tokens import split_sentences

    articles = read_bbc(args.corpus)
    print(f"corpus: {args.corpus} ({len(articles):,} articles)")

    sents = sentence_agreement(body_paragraphs(articles), official_punkt(nltk_data))
    print(
        f"sentences vs official punkt_tab: boundary agreement {sents['boundary_agreement']:.4%} "
        f"({sents['boundaries']:,} boundaries inside {sents['paragraphs']:,} paragraphs), "
        f"paragraphs split identically {sents['paragraph_agreement']:.4%}"
    )
    for paragraph, theirs, mine in sents["differing"][: args.show]:
        print("  ", repr(paragraph[:200]), "\n     official", theirs, "\n     ours    ", mine)

    sentence_texts = split_sentences(articles)["text"].tolist()
    toks = token_agreement(sentence_texts)
    print(
        f"tokens vs nltk.word_tokenize: token agreement {toks['token_agreement']:.4%} "
        f"({toks['tokens']:,} tokens), sentences identical {toks['sentence_agreement']:.4%} "
        f"({toks['sentences']:,} sentences)"
    )
    for sentence, theirs, mine in toks["differing"][: args.show]:
        print("  ", repr(sentence[:200]), "\n     nltk", theirs, "\n     ours", mine)

    timings: dict[str, list[float]] = {"plain NLTK": [], "analysis.tokens": []}
    for _ in range(args.repeat):
        for name, run in (("plain NLTK", plain_nltk), ("analysis.tokens", ours)):
            started = time.perf_counter()
            frame = run(articles)
            timings[name].append(time.perf_counter() - started)
            rows = len(frame)
            del frame
            timings.setdefault(f"{name} rows", []).append(rows)
    words: dict[str, list[float]] = {"nltk.word_tokenize": [], "analysis.tokens.word_tokens": []}
    from analysis.tokens import word_tokens

    for _ in range(args.repeat):
        for name, run in (
            ("nltk.word_tokenize", lambda s: nltk.word_tokenize(s, preserve_line=True)),
            ("analysis.tokens.word_tokens", word_tokens),
        ):
            started = time.perf_counter()
            for sentence in sentence_texts:
                run(sentence)
            words[name].append(time.perf_counter() - started)
    nltk_words = statistics.median(words["nltk.word_tokenize"])
    our_words = statistics.median(words["analysis.tokens.word_tokens"])
    print(
        f"word tokenising only (same {len(sentence_texts):,} sentences, median of {args.repeat}): "
        f"nltk.word_tokenize {nltk_words:.2f} s, word_tokens {our_words:.2f} s, ratio {nltk_words / our_words:.1f}x"
    )
    plain = statistics.median(timings["plain NLTK"])
    mine = statistics.median(timings["analysis.tokens"])
    print(
        f"speed (median of {args.repeat}): plain NLTK sent_tokenize+word_tokenize {plain:.2f} s "
        f"({timings['plain NLTK rows'][0]:,} tokens); split_sentences+tokenize {mine:.2f} s "
        f"({timings['analysis.tokens rows'][0]:,} tokens, with norm/stem/stopword columns); "
        f"ratio {plain / mine:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

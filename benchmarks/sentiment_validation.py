"""How well our VADER compound score agrees with people, on the VADER paper's rated sentences.

Each sentence of ../shared/data/vader_groundtruth (tweets, Amazon review snippets, movie
review snippets) was rated by 20 people from -4 to +4; we correlate the mean rating with
our compound score (Pearson r, as the paper does, plus Spearman's rho) for both lexicons,
and check the scores equal stock NLTK VADER's on every sentence. Then the same for the news
tone (``analysis.tone``: actor mentions found in each text as in ``prepare`` and silenced, news
lexicon), with how many texts have a mention and how many scores it changes. Exits non-zero
when the default lexicon or the news tone misses a target.

    .venv/bin/python benchmarks/sentiment_validation.py [--data ../shared/data]

The figures go to docs/benchmarks.md and to ``analysis.sentiment.VALIDATION``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from scipy import stats

from analysis import sentiment, tone

DATASETS = {"tweets": "tweets", "amazonReviewSnippets": "amazon reviews", "movieReviewSnippets": "movie reviews"}
MINIMUM_R = {"tweets": 0.87, "amazon reviews": 0.56, "movie reviews": 0.42}
PAPER_R = {"tweets": 0.881, "amazon reviews": 0.565, "movie reviews": 0.451}


def ground_truth(folder: Path, name: str) -> tuple[list[str], np.ndarray]:
    rows = (folder / f"{name}_GroundTruth.txt").read_text(encoding="utf-8").splitlines()
    rows = [row.split("\t", 2) for row in rows if row.strip()]
    return [r[2] for r in rows], np.array([float(r[1]) for r in rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default, help="the shared data folder")
    args = parser.parse_args()
    folder = args.data / "vader_groundtruth"
    if not folder.is_dir():
        parser.error(f"no VADER ground truth at {folder}; pass --data pointing at ../shared/data")

    analyzers = {name: sentiment.nltk_analyzer(lexicon=name) for name in sentiment.LEXICONS}
    print(
        f"{'dataset':<15} {'lexicon':<15} {'n':>6} {'pearson_r':>9} {'95% CI':>15} {'spearman':>8} "
        f"{'paper':>6} {'min':>5} {'max|diff| vs NLTK':>18}"
    )
    ok = True
    for file_name, label in DATASETS.items():
        texts, human = ground_truth(folder, file_name)
        for lexicon, analyzer in analyzers.items():
            ours = sentiment.vader_scores(texts, lexicon=lexicon)
            theirs = np.array(
                [[analyzer.polarity_scores(t)[k] for k in ("neg", "neu", "pos", "compound")] for t in texts]
            )
            diff = float(np.abs(ours - theirs).max())
            result = stats.pearsonr(ours[:, 3], human)
            low, high = result.confidence_interval(0.95)
            rho = stats.spearmanr(ours[:, 3], human).statistic
            passed = result.statistic >= MINIMUM_R[label] and diff <= 1e-9
            if lexicon == sentiment.LEXICONS[0]:  # the targets are for the default lexicon
                ok &= passed
            print(
                f"{label:<15} {lexicon:<15} {len(texts):>6} {result.statistic:>9.4f} "
                f"{f'[{low:.3f}, {high:.3f}]':>15} {rho:>8.4f} {PAPER_R[label]:>6.3f} {MINIMUM_R[label]:>5.2f} "
                f"{diff:>18.1e}{'' if passed else '  below target'}"
            )
    print()
    print(
        f"{'dataset':<15} {'score':<8} {'n':>6} {'pearson_r':>9} {'95% CI':>15} {'spearman':>8} {'min':>5} "
        f"{'with mention':>12} {'tone changed':>12}"
    )
    for file_name, label in DATASETS.items():
        texts, human = ground_truth(folder, file_name)
        scored = tone.texts_tone(texts)
        changed = int((scored["tone"] != scored["compound"]).sum())
        mentioned = int((scored["mentions"] != "").sum())
        for column in ("compound", "tone"):
            result = stats.pearsonr(scored[column], human)
            low, high = result.confidence_interval(0.95)
            rho = stats.spearmanr(scored[column], human).statistic
            passed = result.statistic >= MINIMUM_R[label]
            ok &= passed
            print(
                f"{label:<15} {column:<8} {len(texts):>6} {result.statistic:>9.4f} {f'[{low:.3f}, {high:.3f}]':>15} "
                f"{rho:>8.4f} {MINIMUM_R[label]:>5.2f} {mentioned:>12} {changed:>12}{'' if passed else '  below target'}"
            )
        shown = scored[(scored["tone"] != scored["compound"]) & (scored["mentions"] != "")].head(5)
        for row in shown.itertuples():
            print(f"    {row.compound:+.3f} -> {row.tone:+.3f}  silenced: {row.mentions}  | {row.text[:90]}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""CPU seconds of load_articles on a corpus (median of 5 after a warm-up): steadier than wall time on a busy machine.

    python benchmarks/loader_load_cpu.py SRC [CORPUS]     # SRC: the src folder of the code version to time

Run it alternately for two code versions to compare them side by side.
"""

import statistics
import sys
import time

sys.path.insert(0, sys.argv[1])
from analysis.load import load_articles

corpus = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/bbc_news"
load_articles(corpus)
cpu = []
for _ in range(5):
    started = time.process_time()
    load_articles(corpus)
    cpu.append(time.process_time() - started)
print(f"{sys.argv[1]}: load_articles CPU median {statistics.median(cpu):.3f} s over 5 runs")

"""How fast is kmeans_steps, and how much memory does a whole trajectory take?

For each size, both sides start from the same k-means++ centroids (drawn once)
and use the same stopping rule (tol=1e-4, max_iter=300):

- ours: ``list(kmeans_steps(X, k, init=centroids))``, every Step kept;
- scikit-learn: ``KMeans(k, init=centroids, n_init=1, algorithm="lloyd").fit(X)``,
  measured in the same run, on the same machine, with its default threads.

Time is the best of several rounds (the least disturbed by other work), the
two sides taking turns within each round; the ratio is ours / scikit-learn's.
"Peak memory beyond the data" is the largest amount numpy allocated
(tracemalloc) while the trajectory was built, over and above X itself, and
includes the kept steps.

Labels are kept as int16 (up to k = 33; see ``_geometry.label_dtype``), and a step whose
labels are those of the step before shares that step's array; the last columns say how
many label arrays a trajectory keeps and what they take.

Usage::

    python benchmarks/bench_kmeans_steps.py            # the full table (a few minutes)
    python benchmarks/bench_kmeans_steps.py --quick    # small sizes only
    python benchmarks/bench_kmeans_steps.py --quick --memory
        # small sizes, and the memory (not the time) of the larger ones: one run each
"""

from __future__ import annotations

import argparse
import platform
import time
import tracemalloc

import numpy as np

from kmeans_teach import kmeans_steps
from kmeans_teach._geometry import label_dtype
from kmeans_teach.init import kmeans_plusplus

SIZES = [
    # (n, d, k)
    (1_000, 2, 8),
    (10_000, 2, 8),
    (100_000, 2, 8),
    (1_000_000, 2, 8),
    (100_000, 50, 16),
]
TARGETS = (
    "targets: ratio <= 1.5 up to 10,000 points, <= 3 at 1,000,000; memory <= 100 MB at 1,000,000"
)


def make_blobs(n, d, k, seed=0):
    """k Gaussian blobs in d dimensions, overlapping enough to need some iterations."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, size=(k, d))
    return centres[rng.integers(k, size=n)] + rng.normal(scale=2.5, size=(n, d))


def best_times(functions, repeats):
    """Best time of each function over repeats rounds, and each one's last result.

    The functions take turns within every round, so a slow spell of the
    machine falls on both sides alike instead of on whichever ran then.
    """
    times = [[] for _ in functions]
    results = [None] * len(functions)
    for _ in range(repeats):
        for i, function in enumerate(functions):
            start = time.perf_counter()
            results[i] = function()
            times[i].append(time.perf_counter() - start)
    return [min(t) for t in times], results


def peak_memory_beyond_data(function):
    tracemalloc.start()
    try:
        steps = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del steps
    return peak


def label_arrays(steps):
    """How many distinct label arrays a trajectory keeps, and their bytes."""
    # A step's labels are a read-only view: steps that share labels share the view's base.
    labels = [step.labels for step in steps if step.labels is not None]
    arrays = {id(a if a.base is None else a.base): a for a in labels}
    return len(arrays), sum(a.nbytes for a in arrays.values())


def measure(n, d, k, repeats, timed=True):
    """One row of the table; with timed=False only the memory (one run, no scikit-learn)."""
    X = make_blobs(n, d, k)
    init = kmeans_plusplus(X, k, np.random.default_rng(1), "euclidean")

    def ours():
        return list(kmeans_steps(X, k, init=init))

    row = {"n": n, "d": d, "k": k, "data_mb": X.nbytes / 1e6}
    if timed:
        from sklearn.cluster import KMeans

        def theirs():
            return KMeans(k, init=init, n_init=1, algorithm="lloyd").fit(X)

        (ours_time, theirs_time), (steps, model) = best_times([ours, theirs], repeats)
        row.update(
            sklearn_iterations=int(model.n_iter_),
            ours_s=ours_time,
            sklearn_s=theirs_time,
            ratio=ours_time / theirs_time,
        )
    else:
        steps = ours()
    n_arrays, label_bytes = label_arrays(steps)
    row.update(steps=len(steps), iterations=sum(step.phase == "update" for step in steps))
    del steps
    row.update(
        memory_mb=peak_memory_beyond_data(ours) / 1e6,
        label_arrays=n_arrays,
        labels_mb=label_bytes / 1e6,
    )
    return row


def format_table(rows):
    lines = [
        "| n | d | k | steps | iterations (ours / sklearn) | kmeans_steps | scikit-learn | ratio "
        "| peak memory beyond the data | data | label arrays kept |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        timed = "ours_s" in r
        lines.append(
            f"| {r['n']:,} | {r['d']} | {r['k']} | {r['steps']} | {r['iterations']} / "
            + (
                f"{r['sklearn_iterations']} | {r['ours_s'] * 1e3:,.1f} ms "
                f"| {r['sklearn_s'] * 1e3:,.1f} ms | {r['ratio']:.2f}x "
                if timed
                else "(not timed) | | | "
            )
            + f"| {r['memory_mb']:,.1f} MB | {r['data_mb']:,.1f} MB "
            f"| {r['label_arrays']} ({r['labels_mb']:,.1f} MB) |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only n <= 10,000 (a few seconds)")
    parser.add_argument(
        "--memory",
        action="store_true",
        help="with --quick: also the memory of the larger sizes, untimed (one run each)",
    )
    args = parser.parse_args(argv)

    import sklearn
    from threadpoolctl import threadpool_info

    rows = []
    for n, d, k in SIZES:
        timed = not args.quick or n <= 10_000
        if not (timed or args.memory):
            continue
        repeats = 15 if n <= 10_000 else 5 if n <= 100_000 else 2
        rows.append(measure(n, d, k, repeats, timed=timed))
        print(f"measured n={n:,} d={d} k={k}{'' if timed else ' (memory only)'}", flush=True)
    blas = ", ".join(
        sorted({f"{i['internal_api']} ({i.get('num_threads')} threads)" for i in threadpool_info()})
    )
    print()
    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"scikit-learn {sklearn.__version__}, "
        f"{platform.machine()}; thread pools: {blas}; labels {label_dtype(SIZES[0][2])}"
    )
    print()
    print(format_table(rows))
    print()
    print(TARGETS)


if __name__ == "__main__":
    main()

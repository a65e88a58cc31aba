"""How quickly does the explorer answer? First frame, a change of K, and scrubbing.

For each size of the course's "article" data (the explorer's default data set, at n = 300,
2,000 and 10,000 points), and for each way of drawing:

- image: the fallback without ipympl (and what tests use). A frame is done when its PNG is in
  the Image widget. Each frame draws only the artists a step changes over a kept background.
- ipympl: the live backend. A frame is done when the kernel has answered the front end's
  "draw" request (the answer to ``draw_idle``): the render plus ipympl's PNG of the changed
  pixels, handed to the widget's comm. No front end runs here, so the round trip to the
  browser and the time it takes to show the PNG are not included.

Measured:

- first frame: ``explore()`` on new data, until the first frame is drawn. It includes the
  elbow curve (K = 1..10, 5 starts each), the run, the layout and the first full render.
- K change: the K slider set to a K not seen before, until the new run's first frame is drawn.
- scrub: the step slider set to another step, until that frame is drawn.
- scrub, full: the same with ``quick_frames = False``: every frame a full render of the
  figure instead of only the artists a step changes (for comparison).

Times are medians of several repeats, in milliseconds. A first explore() in a fresh Python
process also pays for the imports (numpy, pandas, matplotlib, ipywidgets); that is measured
once, separately.

Usage::

    python benchmarks/bench_explorer.py            # the full table (about a minute)
    python benchmarks/bench_explorer.py --quick    # n = 300 and 2,000 only, fewer repeats
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import time

os.environ.setdefault("MPLBACKEND", "Agg")  # before pyplot is imported by anything

from kmeans_teach import datasets  # noqa: E402
from kmeans_teach.explorer import explore  # noqa: E402

SIZES = (300, 2_000, 10_000)
TARGET_N = 2_000
TARGETS_MS = {"first frame": 1000, "K change": 300, "scrub": 50}
K_START = 4
NEW_KS = (2, 3, 5, 6, 7, 8, 9, 10, 1)  # each one a run the explorer has not seen yet


def milliseconds(function):
    start = time.perf_counter()
    function()
    return 1000 * (time.perf_counter() - start)


def frame_done(explorer):
    """What finishes a frame on this backend (see the module's description)."""
    if explorer.backend == "ipympl":
        explorer.fig.canvas.handle_event({"type": "draw"})


def make(data, backend):
    widget = explore(data, k=K_START, seed=2021, backend=backend)
    explorer = widget.explorer
    if backend == "ipympl":
        # A live front end stops ipympl from also keeping a full PNG for the notebook file.
        explorer.fig.canvas.syncing_data_url = False
    frame_done(explorer)
    return explorer


def measure(n, backend, repeats):
    data = datasets.load("article", n=n, seed=0)
    first = []
    for _ in range(repeats):
        start = time.perf_counter()
        explorer = make(data, backend)
        first.append(1000 * (time.perf_counter() - start))
        explorer.widget.close()

    explorer = make(data, backend)
    k_change = []
    for k in NEW_KS[: max(repeats, 3)]:

        def change_k(k=k):
            explorer.k_slider.value = k
            frame_done(explorer)

        k_change.append(milliseconds(change_k))

    explorer.k_slider.value = K_START  # kept from before: no new run
    frame_done(explorer)
    last = explorer.step_slider.max
    scrub = {}
    for quick, name in ((True, "scrub"), (False, "scrub, full")):
        explorer.quick_frames = quick
        scrub[name] = []
        for index in [*range(1, last + 1), *range(last - 1, -1, -1)] * 2:

            def move(index=index):
                explorer.step_slider.value = index
                frame_done(explorer)

            scrub[name].append(milliseconds(move))
    explorer.widget.close()
    return {
        "first frame": statistics.median(first),
        "K change": statistics.median(k_change),
        "scrub": statistics.median(scrub["scrub"]),
        "scrub, full": statistics.median(scrub["scrub, full"]),
        "steps": last + 1,
    }


def cold_first_frame():
    """explore() with the default data in a fresh process, imports included."""
    code = (
        "import time; start = time.perf_counter(); import kmeans_teach; "
        "kmeans_teach.explore(backend='image'); print(time.perf_counter() - start)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    return 1000 * float(result.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="n = 300 and 2,000, fewer repeats")
    options = parser.parse_args(argv)
    sizes = SIZES[:2] if options.quick else SIZES
    repeats = 3 if options.quick else 5
    backends = ["image"]
    if importlib.util.find_spec("ipympl") is not None:
        backends.append("ipympl")

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"first explore() in a fresh process, imports included: {cold_first_frame():,.0f} ms")
    print()
    columns = (("first frame", 11), ("K change", 8), ("scrub", 6), ("scrub, full", 11))
    header = f"{'n':>7}  {'backend':<7} {'steps':>5}  " + "  ".join(
        f"{name:>{width}}" for name, width in columns
    )
    print(header + "   (ms, median)")
    print("-" * len(header))
    failures = []
    for n in sizes:
        for backend in backends:
            result = measure(n, backend, repeats)
            cells = []
            for name, width in columns:
                mark = ""
                if n == TARGET_N and result[name] > TARGETS_MS.get(name, float("inf")):
                    mark = "!"
                    failures.append(f"{name} with {backend} at n = {n:,}")
                cells.append(f"{result[name]:>{width - 1},.0f}{mark or ' '}")
            print(f"{n:>7,}  {backend:<7} {result['steps']:>5}  " + "  ".join(cells))
    print()
    targets = ", ".join(f"{name} < {ms} ms" for name, ms in TARGETS_MS.items())
    print(f"targets at n = {TARGET_N:,}: {targets}  (! marks a miss)")
    if failures:
        print("missed: " + "; ".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

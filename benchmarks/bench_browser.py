"""How quickly does the explorer answer in a real browser? From a key press to new pixels.

benchmarks/bench_explorer.py times the kernel's side alone. This times what a student
sees: JupyterLab in headless Chromium (both started here, as the browser tests start them),
a notebook that shows the explorer on 2,000 points::

    explore(kmeans_teach.datasets.load("blobs", n=2000, seed=0), k=4)

and the time from a key press on a slider's handle to the first animation frame whose pixels
differ from the frame before the press. That covers the front end sending the new value, the
kernel's run and render, the image coming back and the browser drawing it.

- K change: the K slider moved by one (ArrowRight/ArrowLeft), 4 -> 10 -> 1 -> 6: 20 moves.
  A K seen before is a run the explorer kept, so it is only redrawn; the table gives the
  new runs and the kept ones apart as well.
- step change: the step slider moved by one, back and forth over the run: 20 moves.

"On screen" is checked in the page on every animation frame (requestAnimationFrame): for
ipympl, the canvas's pixels compared with those before the press; for the image backend
(``backend="image"``), the <img> showing a new, decoded picture.

Usage::

    python benchmarks/bench_browser.py                    # both backends, 20 moves each
    python benchmarks/bench_browser.py --backend ipympl --moves 10

Needs Chromium (/usr/bin/chromium, or KMEANS_TEACH_CHROMIUM) and Playwright for Python.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import labdriver  # noqa: E402  (the browser tests' own driver)

N_POINTS = 2_000
K_START = 4
K_PATH = [5, 6, 7, 8, 9, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6]  # 20 moves from K = 4
TARGETS_MS = {"K change": 500, "step change": 150}
BACKENDS = ("ipympl", "image")

NOTEBOOK_CELLS = [
    "%matplotlib ipympl\n"
    "import kmeans_teach\n"
    "\n"
    f'data = kmeans_teach.datasets.load("blobs", n={N_POINTS}, seed=0)',
    f"kmeans_teach.explore(data, k={K_START})",
    f'image = kmeans_teach.explore(data, k={K_START}, backend="image")\n'
    "# ipywidgets 8.1's front end cannot show an Image that has a tooltip (it reads the\n"
    "# description the Image does not have); without it, the image backend shows.\n"
    "image.explorer.figure_widget.tooltip = None\n"
    "image",
]

#: Arms a watch on the picture (ipympl's canvas or the image backend's <img>): the time of
#: the next key press, and of the first animation frame after it with other pixels.
ARM_JS = """(picture) => {
  const watch = window.ktWatch = {pressed: null, shown: null};
  let before;
  const isCanvas = picture.tagName === 'CANVAS';
  const pixels = () => new Uint32Array(picture.getContext('2d')
      .getImageData(0, 0, picture.width, picture.height).data.buffer);
  if (isCanvas) before = pixels(); else before = picture.src;
  const changed = () => {
    if (!isCanvas) return picture.src !== before && picture.complete && picture.naturalWidth > 0;
    const now = pixels();
    if (now.length !== before.length) return true;
    for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) return true;
    return false;
  };
  window.addEventListener('keydown', () => { watch.pressed = performance.now(); },
                          {capture: true, once: true});
  const poll = () => {
    if (watch.pressed !== null && changed()) { watch.shown = performance.now(); return; }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}"""


class Explorer(labdriver.ExplorerView):
    """The explorer view, with its picture being either ipympl's canvas or an <img>."""

    @property
    def picture(self):
        canvas = self.root.locator(".jupyter-matplotlib-canvas-div canvas")
        return canvas.first if canvas.count() else self.root.locator("img.widget-image").first

    def timed_press(self, label: str, key: str) -> float:
        """Milliseconds from pressing `key` on slider `label` to new pixels on screen."""
        self.picture.evaluate(ARM_JS)
        self.press(label, key)
        self.page.wait_for_function("() => window.ktWatch.shown !== null", timeout=30_000)
        watch = self.page.evaluate("() => window.ktWatch")
        return watch["shown"] - watch["pressed"]

    def settle(self, label: str, value: int) -> None:
        from playwright.sync_api import expect

        expect(self.slider(label).locator(".widget-readout")).to_have_text(str(value))
        time.sleep(0.25)  # let any late redraw land before the next press


def explorers_in(page) -> dict[str, Explorer]:
    roots = page.locator(".jp-OutputArea-output > .widget-vbox").filter(
        has=page.locator(".jupyter-matplotlib-canvas-div canvas, img.widget-image")
    )
    found = {}
    for i in range(roots.count()):
        root = roots.nth(i)
        backend = "ipympl" if root.locator(".jupyter-matplotlib").count() else "image"
        found[backend] = Explorer(root)
    return found


def measure_k(explorer: Explorer, moves: int) -> tuple[list[float], list[bool]]:
    seen, times, new = {K_START}, [], []
    k = explorer.readout("Clusters K")
    for target in K_PATH[:moves]:
        key = "ArrowRight" if target > k else "ArrowLeft"
        times.append(explorer.timed_press("Clusters K", key))
        new.append(target not in seen)
        seen.add(target)
        explorer.settle("Clusters K", target)
        k = target
    return times, new


def measure_steps(explorer: Explorer, moves: int) -> list[float]:
    step, last, direction, times = explorer.readout("Step"), explorer.maximum("Step"), 1, []
    for _ in range(moves):
        if not 0 <= step + direction <= last:
            direction = -direction
        times.append(explorer.timed_press("Step", "ArrowRight" if direction > 0 else "ArrowLeft"))
        step += direction
        explorer.settle("Step", step)
    return times


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile, interpolated between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


HEADER = ("draws", "move", "moves", "median ms", "p90 ms", "target (median)", "met")


def row(backend: str, move: str, times: list[float], target: float | None = None) -> tuple:
    median = statistics.median(times)
    return (
        backend,
        move,
        str(len(times)),
        f"{median:.0f}",
        f"{percentile(times, 90):.0f}",
        "" if target is None else f"< {target} ms",
        "" if target is None else ("yes" if median < target else "NO"),
    )


def markdown_table(rows: list[tuple]) -> str:
    """The rows under HEADER as a Markdown table, numbers right-aligned."""
    widths = [max(len(str(cells[i])) for cells in [HEADER, *rows]) for i in range(len(HEADER))]
    right = [False, False, True, True, True, True, False]

    def line(cells):
        padded = [
            str(cell).rjust(width) if flush else str(cell).ljust(width)
            for cell, width, flush in zip(cells, widths, right)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (width - 1) + (":" if flush else "-") for width, flush in zip(widths, right)]
    return "\n".join([line(HEADER), line(rule), *(line(cells) for cells in rows)])


def version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=20, help="moves per kind (default 20)")
    parser.add_argument("--backend", choices=(*BACKENDS, "both"), default="both")
    options = parser.parse_args(argv)
    backends = BACKENDS if options.backend == "both" else (options.backend,)

    executable = labdriver.find_chromium()
    if executable is None:
        sys.exit(f"bench_browser.py: no Chromium found: {labdriver.INSTALL_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("bench_browser.py: needs Playwright for Python (pip install playwright)")
    import nbformat

    with tempfile.TemporaryDirectory(prefix="bench-browser-") as folder:
        root, home = Path(folder) / "root", Path(folder) / "home"
        root.mkdir()
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(source) for source in NOTEBOOK_CELLS]
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
        }
        nbformat.write(notebook, root / "bench.ipynb")
        lab = labdriver.Lab(root, home)
        results = []
        with sync_playwright() as playwright:
            browser = labdriver.launch_chromium(playwright, executable)
            try:
                lab.start()
                page = browser.new_page(viewport={"width": 1700, "height": 1100})
                labdriver.open_notebook(page, lab, "bench.ipynb")
                labdriver.run_all_cells(page)
                page.wait_for_function(
                    "() => !document.body.innerText.includes('Loading widget...')"
                )
                problems = labdriver.output_problems(page)
                if problems:
                    sys.exit("bench_browser.py: the notebook failed:\n" + "\n".join(problems))
                explorers = explorers_in(page)
                for backend in backends:
                    explorer = explorers[backend]
                    explorer.root.scroll_into_view_if_needed()
                    explorer.settle("Clusters K", K_START)
                    k_times, new = measure_k(explorer, options.moves)
                    # Back to K = 4 (a kept run) for the steps.
                    while explorer.readout("Clusters K") != K_START:
                        key = (
                            "ArrowLeft"
                            if explorer.readout("Clusters K") > K_START
                            else "ArrowRight"
                        )
                        explorer.press("Clusters K", key)
                        time.sleep(0.3)
                    explorer.settle("Step", 0)
                    step_times = measure_steps(explorer, options.moves)
                    results.append((backend, k_times, new, step_times))
            finally:
                browser.close()
                lab.stop()

    print(
        f"The explorer in headless Chromium {version_of_chromium(executable)}, "
        f"JupyterLab {version('jupyterlab')}, ipympl {version('ipympl')}, "
        f"ipywidgets {version('ipywidgets')}; {N_POINTS:,} points; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}; times in ms from the key press to new pixels on screen"
    )
    rows = []
    for backend, k_times, new, step_times in results:
        rows.append(row(backend, "K change", k_times, TARGETS_MS["K change"]))
        fresh = [t for t, is_new in zip(k_times, new) if is_new]
        kept = [t for t, is_new in zip(k_times, new) if not is_new]
        if fresh:
            rows.append(row(backend, "K change: a new run", fresh))
        if kept:
            rows.append(row(backend, "K change: a kept run", kept))
        rows.append(row(backend, "step change", step_times, TARGETS_MS["step change"]))
    print()
    print(markdown_table(rows))
    return 0


def version_of_chromium(executable: str) -> str:
    import subprocess

    try:
        printed = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    words = [word for word in printed.split() if word[:1].isdigit()]
    return words[0] if words else "?"


if __name__ == "__main__":
    sys.exit(main())

"""How quickly does the explorer answer in a real browser? From a key press to new pixels.

JupyterLab and headless Chromium are started here, as the browser tests start them, with a
notebook of explorers. Every time is measured in the page, from the key press (a listener that
sees the keydown first) to the first animation frame that shows the new picture: the explorer
signals each picture it draws (a ``kmeans-teach:drawn`` event), and the time is taken in the
next ``requestAnimationFrame`` callback, the start of the frame that paints it.

- step change, 2,000 points (``blobs``, n = 2,000, K = 4): → pressed 20 times, back and forth.
- K change, a new run, 2,000 points: the K slider moved by a key, 4 -> 10 -> 1 -> 6; a K seen
  before is a run the explorer kept, and is counted apart.
- data set change: the data set menu moved by a key, down and up through the registry (each
  data set at its own size, 150 to 500 points; the first visit to one also computes its elbow
  curve, counted apart).
- first picture: the cell ``kmeans_teach.explore(data, k=4)`` (2,000 points) run again with
  Shift+Enter, to the first picture of the new explorer.
- Play at 20,000 points (K = 8, 8 steps per second, each update step gliding): animation
  frames per second over 4 s, and the longest time the explorer took to draw a frame.
- the player of the article data (K = 1 to 10, 3 seeds): its size on disk.

Usage::

    python benchmarks/bench_browser.py             # 20 moves each
    python benchmarks/bench_browser.py --moves 10

Needs Chromium (/usr/bin/chromium, or KMEANS_TEACH_CHROMIUM) and Playwright for Python.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # as pytest does: the drivers import harness.py

from _tables import markdown_table  # noqa: E402  (benchmarks/_tables.py, beside this file)
from browser import labdriver  # noqa: E402  (the browser tests' own driver)

N_POINTS, N_PLAY = 2_000, 20_000
K_START = 4
K_PATH = [5, 6, 7, 8, 9, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6]  # 20 moves from K = 4
TARGETS = {
    "step change": "≤ 17 ms",
    "K change: a new run": "≤ 120 ms",
    "data set change": "≤ 300 ms",
    "first picture after the cell runs": "≤ 1,000 ms",
    "Play at 20,000 points": "≥ 50 frames/s",
    "player of the article data": "≤ 1 MB",
}

NOTEBOOK_CELLS = [
    "import kmeans_teach\n\n"
    f'data = kmeans_teach.datasets.load("blobs", n={N_POINTS}, seed=0)\n'
    f'big = kmeans_teach.datasets.load("blobs", n={N_PLAY}, seed=0)',
    f"kmeans_teach.explore(data, k={K_START})",
    'kmeans_teach.explore("blobs", k=4)',
    "kmeans_teach.explore(big, k=8, seed=3)",
]

#: Arms a measurement: the next keydown starts the clock; the first picture that `done(detail)`
#: accepts stops it at the start of the next animation frame. Resolves to milliseconds.
ARM_JS = """([root, done]) => {
  const accept = new Function('detail', `return ${done};`);
  window.ktMeasure = new Promise((resolve) => {
    let start = null;
    window.addEventListener('keydown', () => { start ??= performance.now(); }, {capture: true});
    const listener = (event) => {
      if (start === null || !accept(event.detail)) return;
      root.removeEventListener('kmeans-teach:drawn', listener);
      requestAnimationFrame(() => resolve(performance.now() - start));
    };
    root.addEventListener('kmeans-teach:drawn', listener);
  });
}"""


def measure(explorer, press, done: str) -> float:
    """Milliseconds from `press()` (a key press) to the frame of the picture `done` accepts."""
    explorer.page.evaluate(ARM_JS, [explorer.root.element_handle(), done])
    press()
    return explorer.page.evaluate("() => window.ktMeasure")


def measure_steps(explorer, moves):
    explorer.focus()
    explorer.page.keyboard.press("Home")
    explorer.wait_for_step(0)
    last = len(explorer.run()["steps"]) - 1
    times, index, direction = [], 0, 1
    for _ in range(moves):
        if not 0 <= index + direction <= last:
            direction = -direction
        index += direction
        key = "ArrowRight" if direction > 0 else "ArrowLeft"
        times.append(
            measure(
                explorer,
                lambda key=key: explorer.page.keyboard.press(key),
                f"detail.step === {index}",
            )
        )
        explorer.wait_for_step(index)
    return times


def measure_k(explorer, moves):
    slider = explorer.control("k")
    new, kept, seen, k = [], [], {K_START}, K_START
    for target in K_PATH[:moves]:
        key = "ArrowRight" if target > k else "ArrowLeft"
        old = explorer.state()["run"]
        elapsed = measure(explorer, lambda key=key: slider.press(key), f"detail.run !== '{old}'")
        (kept if target in seen else new).append(elapsed)
        seen.add(target)
        k = target
        explorer.wait_for(f"state.run !== '{old}' && state.message === ''")
    return new, kept


def measure_data_sets(explorer, moves):
    menu = explorer.control("data")
    names = [option.strip() for option in menu.locator("option").all_inner_texts()]
    index = names.index(explorer.run()["data"])
    first, again, seen = [], [], {names[index]}
    direction = 1
    for _ in range(moves):
        if not 0 <= index + direction < len(names):
            direction = -direction
        index += direction
        key = "ArrowDown" if direction > 0 else "ArrowUp"
        old = explorer.state()["run"]
        elapsed = measure(explorer, lambda key=key: menu.press(key), f"detail.run !== '{old}'")
        (again if names[index] in seen else first).append(elapsed)
        seen.add(names[index])
        explorer.wait_for(f"state.run !== '{old}'")
    return first, again


FIRST_PICTURE_JS = """(cell) => { window.ktMeasure = new Promise((resolve) => {
  const known = new Set(document.querySelectorAll('.kt-explorer'));
  let start = null;
  window.addEventListener('keydown', () => { start ??= performance.now(); }, {capture: true});
  const watch = () => {
    const fresh = [...cell.querySelectorAll('.kt-explorer[data-frame]')]
      .find((root) => !known.has(root));
    if (fresh && start !== null) resolve(performance.now() - start);
    else requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}); }"""


def measure_first_picture(page, cell_index, repeats):
    cell = page.locator(".jp-Notebook .jp-CodeCell").nth(cell_index)
    times = []
    for _ in range(repeats):
        cell.locator(".jp-InputArea-editor").click()  # into the cell, as a student does
        cell.evaluate(FIRST_PICTURE_JS)
        page.keyboard.press("Control+Enter")  # run it, staying on it
        times.append(page.evaluate("() => window.ktMeasure"))
        page.wait_for_function(labdriver.KERNEL_IDLE_JS)
    return times


PLAY_JS = """(root) => { window.ktMeasure = new Promise((resolve) => {
  const explorer = root.ktExplorer;
  const draw = explorer.draw.bind(explorer);
  const durations = [];
  explorer.draw = (now) => {
    const t = performance.now();
    draw(now);
    durations.push(performance.now() - t);
  };
  let frames = 0;
  const start = performance.now();
  const tick = () => {
    frames += 1;
    if (performance.now() - start < 4000) requestAnimationFrame(tick);
    else {
      explorer.draw = draw;
      resolve({fps: frames / ((performance.now() - start) / 1000), longest: Math.max(...durations),
               drawn: durations.length, steps: Number(root.dataset.step)});
    }
  };
  requestAnimationFrame(tick);
}); }"""


def measure_play(explorer):
    explorer.control("speed").select_option("8")
    explorer.focus()
    explorer.page.keyboard.press("Home")
    explorer.root.evaluate(PLAY_JS)
    explorer.page.keyboard.press(" ")
    return explorer.page.evaluate("() => window.ktMeasure")


def progress(what):
    print(f"bench_browser.py: measuring {what}...", file=sys.stderr, flush=True)


def player_size():
    from kmeans_teach.animation import save_html

    with tempfile.TemporaryDirectory() as folder:
        path = save_html(Path(folder) / "article.html", "article")
        return path.stat().st_size


# ------------------------------------------------------------------------------------ table

HEADER = ("move", "moves", "median", "p90", "target", "met")
RIGHT = (False, True, True, True, True, False)  # numbers aligned right


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_row(name, times, target=None):
    median = statistics.median(times)
    met = ""
    if target is not None:
        limit = float(target.split()[-2].replace(",", ""))
        met = "yes" if median <= limit else "no"
    return (
        name,
        len(times),
        f"{median:.0f} ms",
        f"{percentile(times, 0.9):.0f} ms",
        target or "",
        met,
    )


def version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def version_of_chromium(executable: str) -> str:
    try:
        printed = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    words = [word for word in printed.split() if word[:1].isdigit()]
    return words[0] if words else "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=20, help="moves per kind (default 20)")
    options = parser.parse_args(argv)

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
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(notebook, root / "bench.ipynb")
        lab = labdriver.Lab(root, home)
        with sync_playwright() as playwright:
            browser = labdriver.launch_chromium(playwright, executable)
            try:
                lab.start()
                page = browser.new_page(viewport={"width": 1280, "height": 720})
                page.set_default_timeout(60_000)
                labdriver.open_notebook(page, lab, "bench.ipynb")
                labdriver.run_all_cells(page)
                page.wait_for_function(
                    "() => document.querySelectorAll('.kt-explorer[data-frame]').length === 3"
                )
                problems = labdriver.output_problems(page)
                if problems:
                    sys.exit("bench_browser.py: the notebook failed:\n" + "\n".join(problems))
                small, registry, big = labdriver.ExplorerView.all_in(page)
                small.root.scroll_into_view_if_needed()
                progress("steps")
                steps = measure_steps(small, options.moves)
                progress("K")
                new_k, kept_k = measure_k(small, options.moves)
                registry.root.scroll_into_view_if_needed()
                progress("data sets")
                first_data, again_data = measure_data_sets(registry, options.moves)
                progress("first picture")
                first_picture = measure_first_picture(page, 1, min(options.moves, 10))
                progress("Play")
                big = labdriver.ExplorerView.all_in(page)[2]
                big.root.scroll_into_view_if_needed()
                play = measure_play(big)
            finally:
                browser.close()
                lab.stop()
    size = player_size()

    print(
        f"The explorer in headless Chromium {version_of_chromium(executable)}, JupyterLab "
        f"{version('jupyterlab')}, anywidget {version('anywidget')}, ipywidgets "
        f"{version('ipywidgets')}; {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}; from the key press to the "
        "first animation frame with the new picture"
    )
    rows = [
        time_row("step change (2,000 points)", steps, TARGETS["step change"]),
        time_row("K change: a new run (2,000 points)", new_k, TARGETS["K change: a new run"]),
    ]
    if kept_k:
        rows.append(time_row("K change: a kept run", kept_k))
    rows.append(time_row("data set change", first_data + again_data, TARGETS["data set change"]))
    if first_data:
        rows.append(time_row("data set change: first visit (its elbow too)", first_data))
    rows.append(
        time_row(
            "first picture after the cell runs",
            first_picture,
            TARGETS["first picture after the cell runs"],
        )
    )
    rows.append(
        (
            "Play at 20,000 points (frames/s over 4 s)",
            play["drawn"],
            f"{play['fps']:.0f} /s",
            f"longest draw {play['longest']:.1f} ms",
            TARGETS["Play at 20,000 points"],
            "yes" if play["fps"] >= 50 else "no",
        )
    )
    rows.append(
        (
            "player of the article data (size)",
            "",
            f"{size / 1e6:.2f} MB",
            "",
            TARGETS["player of the article data"],
            "yes" if size <= 1_000_000 else "no",
        )
    )
    print()
    print(markdown_table(HEADER, rows, RIGHT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

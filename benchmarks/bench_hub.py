"""How much memory and time does a student take on a JupyterHub? Measured on a real one.

A student release of the course is made in a temporary folder and served to a throw-away
JupyterHub on 127.0.0.1, started as the hub tests start it (``tests/hub/hubdriver.py``):
configurable-http-proxy, one local single-user server per student (JupyterLab, nbgitpuller),
the release's own wheel first on the servers' ``PYTHONPATH``. Students act over HTTP as a
browser does (``tests/hub/student.py``): the hub's login form, the course's nbgitpuller link
(which starts their server and pulls the release), and every code cell of a notebook run in a
kernel over the kernel's websocket (``tests/hub/kernels.py``).

- One student's footprint: one student opens the link, then runs lesson 3, the explorer
  notebook and the index, each in its own kernel, all three left open (as JupyterLab leaves
  them). Memory of the single-user server alone (just after the pull, and at the end), of
  each kernel, and of the whole process tree.
- N students at once (``--students N``, default 10): all log in, open the link and run
  lesson 3 at the same moment; memory per student (server + lesson 3's kernel), the time to
  get in (login, server start, pull), the time of the lesson, and failures.

Memory is read from ``/proc/<pid>/smaps_rollup``: PSS (each shared page divided among the
processes that map it, so the PSS of all processes adds up to the memory really used) and RSS
(every page a process maps counted whole: what it would hold alone). Linux only.

Usage::

    python benchmarks/bench_hub.py                 # 10 students at once
    python benchmarks/bench_hub.py --students 20

Needs jupyterhub and nbgitpuller (``pip install -e ".[test]"``), git, Node.js and
configurable-http-proxy (``npm ci`` in the repository).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib.metadata
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the drivers import tests/harness.py as pytest does

from _tables import markdown_table  # noqa: E402  (benchmarks/_tables.py, beside this file)
from harness import process_tree  # noqa: E402  (tests/harness.py)

from kmeans_teach.authoring.links import nbgitpuller_link  # noqa: E402
from tests.hub import hubdriver, kernels  # noqa: E402  (the hub tests' own harness)
from tests.hub.student import Student  # noqa: E402

TARGET = "kmeans-course"
LESSON = "notebooks/03_lloyds_algorithm.ipynb"
FOOTPRINT_NOTEBOOKS = (LESSON, "notebooks/explorer.ipynb", "notebooks/index.ipynb")
SAMPLE_EVERY = 2.0  # seconds between samples of the whole hub's memory during the class
MB = 1024 * 1024


# ------------------------------------------------------------------------------- memory


def memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in bytes, from /proc/<pid>/smaps_rollup; (0, 0) if gone."""
    values = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                key, _, rest = line.partition(":")
                if key in ("Pss", "Rss"):
                    values[key] = int(rest.split()[0]) * 1024  # the file says kB
    except (FileNotFoundError, ProcessLookupError):
        return 0, 0
    return values.get("Pss", 0), values.get("Rss", 0)


def tree_memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) summed over `pid` and every process under it."""
    totals = [memory(process.pid) for process in process_tree(pid)]
    return sum(pss for pss, _ in totals), sum(rss for _, rss in totals)


def kernel_pid(server_pid: int, kernel_id: str) -> int | None:
    """The process of a kernel: a child of the server started with ``kernel-<id>.json``."""
    for process in process_tree(server_pid)[1:]:
        try:
            if any(f"kernel-{kernel_id}.json" in part for part in process.cmdline()):
                return process.pid
        except Exception:  # psutil.Error: it ended meanwhile
            continue
    return None


def hub_only_memory(hub) -> tuple[int, int]:
    """(PSS, RSS) of the hub and its proxy: the hub's tree less every single-user server's."""
    processes = process_tree(hub.process.pid)
    servers = set()
    for process in processes:
        try:
            if any("jupyterhub-singleuser" in part for part in process.cmdline()):
                servers.update(p.pid for p in process_tree(process.pid))
        except Exception:
            continue
    totals = [memory(p.pid) for p in processes if p.pid not in servers]
    return sum(pss for pss, _ in totals), sum(rss for _, rss in totals)


class Sampler(threading.Thread):
    """Samples the PSS of the hub's whole process tree until stopped; keeps the largest."""

    def __init__(self, hub):
        super().__init__(daemon=True)
        self.hub, self.peak, self.stopped = hub, 0, threading.Event()

    def run(self):
        while not self.stopped.wait(SAMPLE_EVERY):
            self.peak = max(self.peak, tree_memory(self.hub.process.pid)[0])

    def stop(self) -> int:
        self.stopped.set()
        self.join()
        return self.peak


# ------------------------------------------------------------------------------- students


def course_link(hub, release_dir: Path) -> str:
    return nbgitpuller_link(hub.url, release_dir.as_uri(), branch="main", folder=TARGET)


def one_student(hub, release_dir: Path) -> dict:
    """One student: the server after the pull, then three notebooks run and left open."""
    student = Student(hub.url, "solo", hub.password)
    student.log_in()
    student.open(course_link(hub, release_dir))
    time.sleep(2)  # let the server settle after the pull before it is measured alone
    server = hub.server_pid(student.name)
    result = {"server_fresh": memory(server), "kernels": {}, "failures": []}
    for path in FOOTPRINT_NOTEBOOKS:
        progress(f"one student: running {path}")
        run = kernels.run_notebook(student, f"{TARGET}/{path}")
        if run.errors:
            result["failures"].append(f"{path}: {run.describe_errors()}")
        result["kernels"][path] = (kernel_pid(server, run.kernel_id), run.seconds)
    time.sleep(2)
    result["server_end"] = memory(server)
    result["kernel_memory"] = {
        path: memory(pid) if pid else (0, 0) for path, (pid, _) in result["kernels"].items()
    }
    result["tree"] = tree_memory(server)
    hub.api("DELETE", f"/users/{student.name}/server")  # out of the way of the class
    return result


def class_student(hub, link: str, name: str, barrier: threading.Barrier) -> dict:
    """One of N students: log in, open the link, run lesson 3; times and failures."""
    record = {"name": name, "failure": "", "enter": None, "lesson": None}
    try:
        student = Student(hub.url, name, hub.password)
        barrier.wait()
        start = time.monotonic()
        student.log_in()
        student.open(link)
        record["enter"] = time.monotonic() - start
        run = kernels.run_notebook(student, f"{TARGET}/{LESSON}")
        record["lesson"] = run.seconds
        if run.errors:
            record["failure"] = run.describe_errors().splitlines()[-1]
    except Exception as error:  # counted as a failure, the class goes on
        record["failure"] = f"{type(error).__name__}: {error}"[:300]
    return record


def class_at_once(hub, release_dir: Path, count: int) -> dict:
    link = course_link(hub, release_dir)
    names = [f"student{number:03d}" for number in range(1, count + 1)]
    barrier = threading.Barrier(count)
    sampler = Sampler(hub)
    sampler.start()
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
        records = list(pool.map(lambda name: class_student(hub, link, name, barrier), names))
    wall = time.monotonic() - start
    peak = sampler.stop()
    time.sleep(2)
    for record in records:
        pid = hub.server_pid(record["name"])
        record["memory"] = tree_memory(pid) if pid else (0, 0)
    return {"records": records, "wall": wall, "peak": peak, "hub": hub_only_memory(hub)}


# ------------------------------------------------------------------------------- tables


def progress(what: str) -> None:
    print(f"bench_hub.py: {what}...", file=sys.stderr, flush=True)


def mb(value: float) -> str:
    return f"{value / MB:,.1f} MiB"


def seconds(value: float) -> str:
    return f"{value:.1f} s"


def footprint_table(solo: dict) -> str:
    rows = [("single-user server alone, after the pull", "", *map(mb, solo["server_fresh"]))]
    for path, (pss, rss) in solo["kernel_memory"].items():
        run_time = solo["kernels"][path][1]
        rows.append((f"kernel of {path.split('/')[-1]}", seconds(run_time), mb(pss), mb(rss)))
    rows.append(("single-user server alone, at the end", "", *map(mb, solo["server_end"])))
    rows.append(("the student in all: server + 3 kernels", "", *map(mb, solo["tree"])))
    header = ("process", "run all cells", "PSS", "RSS")
    return markdown_table(header, rows, [False, True, True, True])


def class_table(result: dict, count: int) -> str:
    records = result["records"]
    good = [r for r in records if not r["failure"] and r["lesson"] is not None]
    pss = [r["memory"][0] for r in good]
    rss = [r["memory"][1] for r in good]
    enter = [r["enter"] for r in good]
    lesson = [r["lesson"] for r in good]
    rows = [("students", str(count), "", ""), ("failures", str(count - len(good)), "", "")]
    if good:
        rows += [
            ("memory per student, PSS (server + lesson 3's kernel)",
             mb(statistics.median(pss)), mb(max(pss)), mb(statistics.mean(pss))),
            ("memory per student, RSS (server + lesson 3's kernel)",
             mb(statistics.median(rss)), mb(max(rss)), mb(statistics.mean(rss))),
            ("time to get in: log in, server start, pull",
             seconds(statistics.median(enter)), seconds(max(enter)), ""),
            ("time of lesson 3 (every code cell, new kernel)",
             seconds(statistics.median(lesson)), seconds(max(lesson)), ""),
        ]  # fmt: skip
    rows += [
        ("hub and proxy (PSS), at the end", mb(result["hub"][0]), "", ""),
        ("everything on the hub (PSS), largest sample", "", mb(result["peak"]), ""),
        ("wall time, first login to last lesson done", seconds(result["wall"]), "", ""),
    ]
    header = ("measure", "median", "max", "mean")
    return markdown_table(header, rows, [False, True, True, True])


def sizing_line(solo: dict, result: dict, count: int, students: int = 100) -> str:
    good = [r for r in result["records"] if not r["failure"] and r["lesson"] is not None]
    hub_pss = result["hub"][0]
    heavy = solo["tree"][0]
    lines = [
        f"Sizing for {students} students, derived from these measurements: {students} x "
        f"{mb(heavy)} (one student with lesson 3, the explorer and the index open: PSS of "
        f"server + 3 kernels) + {mb(hub_pss)} (hub and proxy, PSS) = "
        f"{(students * heavy + hub_pss) / 1024**3:.1f} GiB."
    ]
    if good:
        mean = statistics.mean(r["memory"][0] for r in good)
        lines.append(
            f"With only lesson 3 open (mean PSS per student of the {count} at once, "
            f"{mb(mean)}): {students} x {mb(mean)} + {mb(hub_pss)} = "
            f"{(students * mean + hub_pss) / 1024**3:.1f} GiB."
        )
    lines.append(
        f"Counted as RSS (every page each process maps; a page two processes share counts "
        f"twice), one student with three notebooks open is {mb(solo['tree'][1])}."
    )
    return "\n".join(lines)


def version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--students", type=int, default=10, help="students at once (default 10, at least 1)"
    )
    options = parser.parse_args(argv)
    if options.students < 1:
        parser.error("--students must be at least 1")
    if not Path("/proc/self/smaps_rollup").exists():
        sys.exit("bench_hub.py: needs Linux's /proc/<pid>/smaps_rollup to measure memory")
    missing = hubdriver.missing_tools()
    if missing:
        sys.exit(f"bench_hub.py: {missing}")
    from kmeans_teach.authoring.release import release

    load = os.getloadavg()[0]  # other work on the machine slows the timed parts down
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as folder:
        folder = Path(folder)
        progress("making a release of the course")
        report = release(folder / "release", course=ROOT, check_answers=False)
        package = hubdriver.install_package(
            report.target / report.wheel, folder / "hub" / "package"
        )
        hub = hubdriver.Hub(folder / "hub", package_dir=package)
        try:
            progress("starting the hub")
            hub.start()
            progress("one student's footprint")
            solo = one_student(hub, report.target)
            progress(f"{options.students} students at once")
            result = class_at_once(hub, report.target, options.students)
        finally:
            hub.stop()

    cores = os.cpu_count()
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    print(
        f"The course on a JupyterHub {version('jupyterhub')} (configurable-http-proxy, local "
        f"single-user servers: JupyterLab {version('jupyterlab')}, nbgitpuller "
        f"{version('nbgitpuller')}), kmeans_teach {report.version}; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {cores} cores, {total / 1024**3:.0f} GiB; load average "
        f"{load:.1f} when it started"
    )
    print()
    print("One student (lesson 3, the explorer and the index run, each in its kernel, left open)")
    print()
    print(footprint_table(solo))
    for failure in solo["failures"]:
        print(f"failure: {failure}")
    print()
    print(f"{options.students} students at once (log in, open the link, run lesson 3)")
    print()
    print(class_table(result, options.students))
    for record in result["records"]:
        if record["failure"]:
            print(f"failure: {record['name']}: {record['failure']}")
    print()
    print(sizing_line(solo, result, options.students))
    return 0


if __name__ == "__main__":
    sys.exit(main())

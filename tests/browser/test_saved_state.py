"""A notebook saved with its widget state shows the explorer and its run after the kernel is gone.

A small notebook that shows an explorer is executed with nbclient (``store_widget_state=True``
writes the widget state, the run's buffers and the renderer included, into the notebook's
metadata) and trusted (``jupyter trust``). It is opened in JupyterLab, whose kernel is then shut
down (Kernel > Shut Down Kernel): the explorer must show the run it had, and the keys must still
step it, since stepping needs no kernel. Asking for another run must say that Python did not
answer, in words, and leave the run stepping.

(JupyterLab 4 makes its widget manager only for a notebook with a kernel, so a notebook opened
with "No Kernel" from the start shows no widgets at all: ipywidgets#3773, jupyterlab#15361. The
player written by ``save_html`` is the view for that case.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .labdriver import ExplorerView, Lab, log_entries, open_notebook, output_problems

pytestmark = pytest.mark.browser

SOURCE = 'import kmeans_teach\n\nkmeans_teach.explore("blobs", k=3, seed=4)\n'


@pytest.fixture(scope="module")
def saved_notebook(tmp_path_factory):
    """A notebook that shows an explorer, executed with its widget state saved in it."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    folder = tmp_path_factory.mktemp("saved_state")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(SOURCE)]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    state = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    explorers = [model for model in state.values() if model["model_name"] == "AnyModel"]
    assert len(explorers) == 1, sorted(model["model_name"] for model in state.values())
    saved = {tuple(buffer["path"]) for buffer in explorers[0].get("buffers", [])}
    assert ("run", "points") in saved and ("run", "label_rows") in saved, saved
    path = folder / "saved_explorer.ipynb"
    nbformat.write(notebook, path)
    return path


def trusted_copy(saved_notebook, lab: Lab) -> str:
    """Copy the notebook into the lab's root and sign it with that lab's key; its lab path."""
    target = lab.root / "saved_state" / saved_notebook.name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(saved_notebook, target)
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "trust", str(target)],
        env=lab.environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return target.relative_to(lab.root).as_posix()


def test_the_saved_explorer_shows_its_run_and_steps_after_the_kernel_is_shut_down(
    saved_notebook, lab, page
):
    path = trusted_copy(saved_notebook, lab)
    open_notebook(page, lab, path)  # the kernel starts, but runs nothing
    page.wait_for_selector(".kt-explorer[data-frame]", timeout=30_000)
    (session,) = lab.sessions(path)

    page.click(".lm-MenuBar-itemLabel:text-is('Kernel')")
    page.click(".lm-Menu-itemLabel:text-is('Shut Down Kernel')")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]"
        ".some(item => item.textContent.trim().startsWith('No Kernel'))",
        timeout=30_000,
    )
    assert lab.sessions(path) == [], "the notebook still has a session after the shutdown"
    running = [kernel["id"] for kernel in lab.api("GET", "/api/kernels")]
    assert session["kernel"]["id"] not in running, "the kernel still runs after the shutdown"

    (explorer,) = ExplorerView.all_in(page)
    assert explorer.state()["run"] == "blobs|3|4|k-means++|euclidean"
    assert explorer.fingerprint()["inked"] > 100, "the scatter is blank"
    explorer.focus()
    page.keyboard.press("ArrowRight")
    assert explorer.wait_for_step(1)["status"].startswith("Iteration 1 · assign · ")
    page.keyboard.press("End")
    explorer.wait_for_step(len(explorer.run()["steps"]) - 1)
    assert output_problems(page) == []
    assert log_entries(page) == 0


def test_the_jupyterlab_run_py_starts_saves_widget_state_and_fetches_no_news(tmp_path):
    """JupyterLab started with run.py's environment has the course's defaults (saved state)."""
    import importlib.util

    from .labdriver import ROOT

    spec = importlib.util.spec_from_file_location("run_py", ROOT / "run.py")
    run_py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_py)

    class CourseLab(Lab):
        @property
        def environ(self):
            return {**super().environ, **run_py.lab_environ()}

    root = tmp_path / "root"
    root.mkdir()
    server = CourseLab(root, tmp_path / "home")
    try:
        server.start()
        plugin = "@jupyter-widgets/jupyterlab-manager:plugin"
        widgets = server.api("GET", f"/lab/api/settings/{plugin}")
        news = server.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    finally:
        server.stop()
    # The course's values are the defaults JupyterLab gives (a user's own settings still win).
    assert widgets["schema"]["properties"]["saveState"]["default"] is True
    assert news["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert news["schema"]["properties"]["checkForUpdates"]["default"] is False

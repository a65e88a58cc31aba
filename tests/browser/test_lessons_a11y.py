"""Lessons rendered in JupyterLab, audited by axe-core: the course's content only.

Lessons 3, 5 and 11 (the explorer, the exercise figures, the digits and their tables) are
opened in headless Chromium and run with Run > Run All Cells; then axe-core audits the
notebook, WCAG 2.1 A and AA plus the best practices for headings and tables. Every violation
in the course's content (the rendered markdown and the cells' outputs: figures, tables,
printed text) fails the test; JupyterLab's own markup around it (editors, prompts, toolbars)
is the host's and is listed, not counted (see tests/browser/a11y.py).
"""

from __future__ import annotations

from collections import Counter

import pytest

from .a11y import audit

pytestmark = pytest.mark.browser

#: lesson -> how many figures it shows (each must be a <figure> with an alt text).
LESSONS = {
    "notebooks/03_lloyds_algorithm.ipynb": 2,
    "notebooks/05_choosing_k.ipynb": 9,
    "notebooks/11_real_data.ipynb": 5,
}
#: The course's content in a notebook: what its markdown and its outputs render.
CONTENT = ".jp-MarkdownOutput, .jp-OutputArea-output"
#: Rules outside the WCAG tags that a lesson must meet too: headings in order and not empty,
#: and no table header without text.
BEST_PRACTICES = ("heading-order", "empty-heading", "empty-table-header")
#: The rules this audit is about, named in the failure message.
ABOUT = "image-alt, headings, tables, contrast"
#: Every figure's picture in the outputs: its alt text and its width once drawn.
FIGURES_JS = """(notebook) => [...notebook.querySelectorAll('.jp-OutputArea-output figure img')]
    .map(img => [img.getAttribute('alt') || '', img.naturalWidth])"""


@pytest.mark.parametrize("path", list(LESSONS), ids=lambda path: path.split("/")[-1][:2])
def test_axe_core_finds_no_violation_in_a_lessons_content(run_notebook, path):
    page = run_notebook(path)
    notebook = page.locator(".jp-NotebookPanel .jp-Notebook").first
    figures = notebook.evaluate(FIGURES_JS)
    assert len(figures) >= LESSONS[path], f"{path} shows {len(figures)} figures"
    for alt, width in figures:
        assert width > 0 and len(alt) > 20, f"{path}: a figure {width} px wide with alt {alt!r}"
    findings = audit(page, notebook, own=CONTENT, extra_rules=BEST_PRACTICES)
    host = Counter(f"{finding.rule} ({finding.impact})" for finding in findings if not finding.own)
    for rule, count in sorted(host.items()):  # JupyterLab's editors, prompts and buttons
        print(f"[axe, JupyterLab, {path}] the host's, not counted: {rule} at {count} elements")
    ours = [finding for finding in findings if finding.own]
    assert not ours, f"axe-core finds in {path}'s content ({ABOUT} and WCAG 2.1 AA):\n" + "\n".join(
        f"- {finding}\n    {finding.summary}" for finding in ours
    )

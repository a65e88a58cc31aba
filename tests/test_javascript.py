"""The explorer's front end (kmeans_teach/static): its modules, their bundle, and their checks.

The modules in kmeans_teach/static/src/ are what people read and edit; esbuild (pinned in
package.json) bundles them into kmeans_teach/static/explorer.js, the one ES module that anywidget
loads and the HTML player inlines. The bundle is committed, so the package needs no build step
where it is installed; a test builds it afresh and compares. Biome (configured in biome.json)
lints and formats the modules and the CSS, not the bundle: esbuild writes that file, and Biome's
formatting would make it differ from a fresh build.

`python3 run.py test` installs both tools into node_modules with npm. Without npm these tests are
skipped with a message that says how to get them (under CI=true they fail instead).
"""

import shutil
import subprocess
from pathlib import Path

from tests.browser.labdriver import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "kmeans_teach" / "static"
BUNDLE = STATIC / "explorer.js"
BIOME = ROOT / "node_modules" / ".bin" / "biome"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
NODE_HINT = (
    "install Node.js with npm, then run `npm ci` in the repository "
    "(python3 run.py test does it when npm is there)"
)


def test_the_front_end_is_linted_and_formatted_by_biome():
    if not BIOME.exists():
        skip_or_fail(f"Biome is not installed: {NODE_HINT}")
    result = subprocess.run(
        [str(BIOME), "ci", "--colors=off", "kmeans_teach/static"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        "Biome found problems in kmeans_teach/static (fix them with "
        "`node_modules/.bin/biome check --write kmeans_teach/static`):\n"
        + result.stdout
        + result.stderr
    )


def test_the_committed_bundle_is_a_fresh_build_of_the_modules(tmp_path):
    npm = shutil.which("npm")
    if npm is None or not ESBUILD.exists():
        skip_or_fail(f"esbuild is not installed: {NODE_HINT}")
    fresh = tmp_path / "explorer.js"
    # The build of package.json ("npm run build"), written elsewhere: a later --outfile wins.
    result = subprocess.run(
        [npm, "run", "--silent", "build", "--", f"--outfile={fresh}", "--log-level=warning"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, "npm run build failed:\n" + result.stdout + result.stderr
    assert fresh.read_bytes() == BUNDLE.read_bytes(), (
        "kmeans_teach/static/explorer.js is not the bundle of kmeans_teach/static/src/: "
        "run `npm run build` (or `make bundle`) and commit the result"
    )


def test_the_bundle_offers_what_the_widget_and_the_player_use():
    text = BUNDLE.read_text(encoding="utf-8")
    # anywidget calls the default export's render; the player's page calls mountPlayer.
    assert "as default" in text and "function render(" in text
    assert "function mountPlayer(" in text
    # Inlined into the player's page, it must not end the script element early.
    assert "</script" not in text.lower()


def test_the_front_end_fetches_nothing_from_the_network():
    for path in sorted(STATIC.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for sign in ("http://", "https://", "import(", "fetch(", "XMLHttpRequest", "@import"):
            assert sign not in text, f"{path.name} holds {sign!r}: the page must work offline"

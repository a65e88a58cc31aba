"""The explorer's front end (kmeans_teach/static) is linted and formatted by Biome.

Biome is configured in biome.json and pinned in package.json; `python3 run.py test` installs it
into node_modules with npm. Without npm the test is skipped with a message that says how to get
it (under CI=true it fails instead).
"""

import subprocess
from pathlib import Path

from tests.browser.labdriver import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]
BIOME = ROOT / "node_modules" / ".bin" / "biome"


def test_the_front_end_is_linted_and_formatted_by_biome():
    if not BIOME.exists():
        skip_or_fail(
            "Biome is not installed: install Node.js with npm, then run `npm ci` in the "
            "repository (python3 run.py test does it when npm is there)"
        )
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


def test_the_front_end_fetches_nothing_from_the_network():
    for path in (ROOT / "kmeans_teach" / "static").iterdir():
        text = path.read_text(encoding="utf-8")
        for sign in ("http://", "https://", "import(", "fetch(", "XMLHttpRequest", "@import"):
            assert sign not in text, f"{path.name} holds {sign!r}: the page must work offline"

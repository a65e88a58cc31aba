"""The package as a wheel stamped with the exact version a release's notebooks need.

A release carries the package its notebooks were made with, so that an image built from the
release (Binder, or a hub's Dockerfile) installs exactly that package. The version names the
package's content: the version of ``pyproject.toml`` plus a local label made from a hash of
every file of the package and of its requirements (``0.1.0+3f2a9c1d0e4b``). The same package
always gives the same version and the same wheel, byte for byte; any change to it gives a new
version, which the released notebooks check for in their first cell.

The wheel is written here rather than by a build backend: a pure-Python wheel is a zip file
with three small text files of metadata (PEP 427, PEP 566), and writing it directly needs no
network, no build isolation and no clock, so it is reproducible.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

DIST_NAME = "kmeans_teach"
# The extra a student's environment needs on top of the package (the lab, scikit-learn, ...).
STUDENT_EXTRA = "lab"
# Every file in the wheel gets this date (the earliest a zip file can hold), so the bytes do
# not depend on when the release was made.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)


@dataclass(frozen=True)
class Wheel:
    """A built wheel, in memory.

    Attributes
    ----------
    version : str
        The stamped version, e.g. ``"0.1.0+3f2a9c1d0e4b"``.
    filename : str
        The wheel's file name, ``kmeans_teach-<version>-py3-none-any.whl``.
    data : bytes
        The wheel file.
    """

    version: str
    filename: str
    data: bytes


def package_folder() -> Path:
    """The folder of the running ``kmeans_teach`` package (the one a release carries)."""
    import kmeans_teach

    return Path(kmeans_teach.__file__).resolve().parent


def build_wheel(package: Path | None = None, pyproject: Path | None = None) -> Wheel:
    """Build the package's wheel, stamped with a version that names its content.

    Parameters
    ----------
    package : pathlib.Path, optional
        The package folder. Default: the running ``kmeans_teach``.
    pyproject : pathlib.Path, optional
        The ``pyproject.toml`` the requirements come from. Default: the one next to the
        package folder; when there is none (an installed package), the requirements of the
        installed distribution.

    Returns
    -------
    Wheel
        The same package and requirements always give the same wheel, byte for byte.

    Raises
    ------
    ValueError
        If the package's ``__init__.py`` has no ``__version__ = "..."`` line.
    """
    package = package_folder() if package is None else Path(package)
    if pyproject is None:
        candidate = package.parent / "pyproject.toml"
        pyproject = candidate if candidate.is_file() else None
    files = _package_files(package)
    init = files["__init__.py"].decode("utf-8")
    found = VERSION_LINE.search(init)
    if found is None:
        raise ValueError(
            f'{package / "__init__.py"} has no line __version__ = "...": the release cannot'
            " stamp the package's version"
        )
    summary, requires_python, requirements = _requirements(pyproject)
    fingerprint = hashlib.sha256()
    for name, data in sorted(files.items()):
        fingerprint.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    fingerprint.update("\n".join(requirements).encode("utf-8"))
    # The base version without any local label of its own, then the content's label.
    version = f"{found.group(1).split('+')[0]}+{fingerprint.hexdigest()[:12]}"
    files["__init__.py"] = VERSION_LINE.sub(f'__version__ = "{version}"', init, count=1).encode()

    dist_info = f"{DIST_NAME}-{version}.dist-info"
    metadata = [
        "Metadata-Version: 2.1",
        f"Name: {DIST_NAME}",
        f"Version: {version}",
        f"Summary: {summary}",
        f"Requires-Python: {requires_python}",
        # Without this line pip ignores the extra's requirements ("does not provide the extra").
        f"Provides-Extra: {STUDENT_EXTRA}",
        *(f"Requires-Dist: {requirement}" for requirement in requirements),
    ]
    members = {f"{DIST_NAME}/{name}": data for name, data in sorted(files.items())}
    members[f"{dist_info}/METADATA"] = ("\n".join(metadata) + "\n").encode("utf-8")
    members[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: kmeans_teach release\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n"
    )
    record = [f"{name},sha256={_digest(data)},{len(data)}" for name, data in members.items()]
    members[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return Wheel(version, f"{DIST_NAME}-{version}-py3-none-any.whl", buffer.getvalue())


def _package_files(package: Path) -> dict[str, bytes]:
    """Every file of the package (its relative POSIX path: bytes), without compiled caches."""
    files = {}
    for path in sorted(package.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
            continue
        files[path.relative_to(package).as_posix()] = path.read_bytes()
    return files


def _requirements(pyproject: Path | None) -> tuple[str, str, list[str]]:
    """(summary, Requires-Python, Requires-Dist lines) of the package and its student extra."""
    if pyproject is not None and sys.version_info >= (3, 11):
        import tomllib

        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        extra = project.get("optional-dependencies", {}).get(STUDENT_EXTRA, [])
        requirements = list(project.get("dependencies", []))
        requirements += [f'{item}; extra == "{STUDENT_EXTRA}"' for item in extra]
        return project.get("description", ""), project.get("requires-python", ""), requirements
    # No pyproject.toml beside the package (or no tomllib, Python 3.10): the installed
    # distribution's own record of the same fields.
    from importlib import metadata

    meta = metadata.metadata(DIST_NAME)
    requirements = [
        item
        for item in metadata.requires(DIST_NAME) or []
        if "extra ==" not in item or f'extra == "{STUDENT_EXTRA}"' in item
    ]
    return meta.get("Summary", ""), meta.get("Requires-Python", ""), requirements


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()

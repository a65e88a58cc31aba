"""docs/hub/config.yaml (Zero to JupyterHub) and docs/hub/Dockerfile say what a class needs.

Fast, and not marked `hub`: nothing is started. The chart itself (its
``values.yaml`` and ``values.schema.yaml``) is not part of the course, so the check of every
key against its schema runs only where ``KMEANS_TEACH_Z2JH_CHART`` names the chart's folder;
the other checks always run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "docs" / "hub" / "config.yaml"
DOCKERFILE = ROOT / "docs" / "hub" / "Dockerfile"
CHART_ENV = "KMEANS_TEACH_Z2JH_CHART"
#: Kubernetes memory quantities, as config.yaml may write them.
UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
ONE_GB = 10**9


def quantity(text) -> int:
    found = re.fullmatch(r"(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G|)", str(text))
    assert found, f"{text!r} is not a memory quantity Kubernetes reads"
    return int(float(found[1]) * UNITS[found[2]])


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server_config(config) -> dict:
    """The single-user server's configuration file that config.yaml mounts."""
    files = config["singleuser"]["extraFiles"]
    (entry,) = [f for f in files.values() if f["mountPath"].endswith("jupyter_server_config.json")]
    # Only jupyter_server_config.json itself is read for settings: a file in
    # jupyter_server_config.d/ counts only for which extensions are enabled.
    assert entry["mountPath"] in (
        "/etc/jupyter/jupyter_server_config.json",
        "/usr/local/etc/jupyter/jupyter_server_config.json",
    )
    return entry["data"]


def test_the_image_is_named_with_a_tag_docker_accepts(config):
    image = config["singleuser"]["image"]
    assert image["name"] and isinstance(image["name"], str)
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", str(image["tag"])), image["tag"]


def test_a_student_is_guaranteed_memory_and_kept_under_1_gb(config):
    memory = config["singleuser"]["memory"]
    guarantee, limit = quantity(memory["guarantee"]), quantity(memory["limit"])
    # A student with three notebooks open took 466.4 MiB (PSS; benchmarks/bench_hub.py).
    assert 466.4 * 2**20 <= guarantee <= limit <= ONE_GB


def test_students_land_in_jupyterlab(config):
    assert config["singleuser"]["defaultUrl"] == "/lab"


def test_idle_servers_and_kernels_are_culled(config, server_config):
    cull = config["cull"]
    assert cull["enabled"] is True
    assert isinstance(cull["timeout"], int) and isinstance(cull["every"], int)
    assert 0 < cull["every"] < cull["timeout"]
    kernels = server_config["MappingKernelManager"]
    assert kernels["cull_connected"] is True  # a tab left open must not keep a kernel alive
    assert 0 < kernels["cull_interval"] < kernels["cull_idle_timeout"]
    # Kernels go first: a running kernel makes a server look busy to the server culling.
    assert kernels["cull_idle_timeout"] < cull["timeout"]


def test_nbgitpuller_is_enabled(server_config):
    assert server_config["ServerApp"]["jpserver_extensions"]["nbgitpuller"] is True


def test_every_server_setting_is_a_setting_of_jupyter_server(server_config):
    from jupyter_server.serverapp import ServerApp
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from traitlets.config import Config

    classes = {"ServerApp": ServerApp, "MappingKernelManager": MappingKernelManager}
    for class_name, settings in server_config.items():
        configurable = classes[class_name].class_traits(config=True)
        for name in settings:
            assert name in configurable, f"{class_name}.{name} is not a setting"
        # Made with the file's settings (which raises for a value of the wrong kind), the
        # object holds them.
        made = classes[class_name](config=Config({class_name: settings}))
        for name, value in settings.items():
            assert getattr(made, name) == value, f"{class_name}.{name}"


def test_the_dockerfile_installs_the_release_and_nbgitpuller():
    from kmeans_teach.authoring.release import WHEELS

    text = DOCKERFILE.read_text(encoding="utf-8")
    instructions = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert instructions[0].startswith("FROM quay.io/jupyter/"), instructions[0]
    assert any(line.startswith("COPY") and f"{WHEELS}/" in line for line in instructions)
    assert "pip install --no-cache-dir -r requirements.txt" in text
    assert "nbgitpuller" in text


def _merged(defaults, values):
    """`values` over the chart's `defaults`, as Helm merges a config.yaml into values.yaml."""
    if isinstance(defaults, dict) and isinstance(values, dict):
        merged = dict(defaults)
        for key, value in values.items():
            merged[key] = _merged(defaults.get(key), value) if key in defaults else value
        return merged
    return values


def test_every_key_is_one_of_the_charts(config):
    chart = os.environ.get(CHART_ENV)
    if not chart:
        pytest.skip(
            f"set {CHART_ENV} to the Zero to JupyterHub chart's folder (jupyterhub/, with"
            " values.yaml and values.schema.yaml) to check docs/hub/config.yaml against it"
        )
    import jsonschema

    chart = Path(chart)
    schema = yaml.safe_load((chart / "values.schema.yaml").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((chart / "values.yaml").read_text(encoding="utf-8"))
    # Helm validates the merged values, so the chart's required keys come from its defaults.
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(_merged(defaults, config)))
    assert not errors, "\n".join(
        f"{'.'.join(map(str, error.absolute_path))}: {error.message}" for error in errors
    )

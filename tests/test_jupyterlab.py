"""The notebooks open in JupyterLab: start it headless on a loopback port, list them, stop it."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from analysis import paths
from analysis.run import discover_reports

pytestmark = pytest.mark.slow

READY_WITHIN = 60  # seconds


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_command() -> list[str]:
    """``jupyter lab`` from this interpreter's environment (the project's .venv)."""
    script = Path(sys.executable).with_name("jupyter")
    return [str(script), "lab"] if script.exists() else [sys.executable, "-m", "jupyterlab"]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def test_jupyterlab_lists_the_report_notebooks(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    command = [
        *jupyter_command(),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={paths.PROJECT_ROOT}",
        "--ServerApp.port_retries=0",
        # offline: no update check, no extension catalogue from PyPI
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
        command.append("--allow-root")
    log = tmp_path / "jupyter.log"
    with open(log, "wb") as log_file:
        server = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    url = f"http://127.0.0.1:{port}/api/contents/notebooks?token={token}"
    try:
        listing, deadline = None, time.monotonic() + READY_WITHIN
        while time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail(f"jupyter lab exited with {server.returncode}:\n{log.read_text()[-2000:]}")
            try:
                listing = get_json(url)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert listing is not None, f"jupyter lab not ready within {READY_WITHIN} s:\n{log.read_text()[-2000:]}"
        names = {item["name"] for item in listing["content"] if item["type"] == "notebook"}
        expected = {p.name for p in discover_reports().values()}
        assert expected <= names, f"missing {expected - names}"
        # the token is required: no one else on the machine can read the notebooks
        with pytest.raises(urllib.error.HTTPError) as refused:
            get_json(url.split("?")[0])
        assert refused.value.code == 403
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def test_make_lab_allows_root_only_when_run_as_root():
    """Jupyter refuses to start as root without --allow-root; nobody else should get the flag."""
    import shutil

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parent.parent
    dry_run = subprocess.run(["make", "-n", "lab"], cwd=root, capture_output=True, text=True, check=True).stdout
    command = next(line for line in dry_run.splitlines() if "jupyter lab" in line)
    assert ("--allow-root" in command) == (os.geteuid() == 0)

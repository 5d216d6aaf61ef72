"""Fixtures for the tests that run the demo (examples/worker) against the suite's server: the demo users (created
by examples/worker/demo_setup.py, as ./scripts/run does), the shipped processes deployed over REST, and the demo
worker running as a subprocess. Loaded by conftest.py (pytest_plugins)."""

import os
import pathlib
import queue
import signal
import subprocess
import sys
import threading

import pytest
import requests
from requests.auth import HTTPBasicAuth

from compat_support import HTTP_TIMEOUT, base_url, password

REPO = pathlib.Path(__file__).resolve().parents[2]
WORKER_DIR = REPO / "examples" / "worker"
PROCESSES = REPO / "processes"

# Every demo user gets this password (scripts/run uses a random one).
DEMO_PASSWORD = "demo-compat-pw"

sys.path.insert(0, str(WORKER_DIR))
import demo_setup  # noqa: E402


def demo_auth(user):
    return HTTPBasicAuth(user, DEMO_PASSWORD)


def call(method, path, user, expected=200, **kwargs):
    """A REST call as a demo user (compat_support.rest signs in as the suite's users)."""
    auth = HTTPBasicAuth("admin", password("admin")) if user == "admin" else demo_auth(user)
    response = requests.request(method, base_url() + path, auth=auth, timeout=HTTP_TIMEOUT, **kwargs)
    assert response.status_code == expected, (
        f"{method} {path} as {user}: expected {expected}, got {response.status_code}: {response.text[:500]}")
    if response.status_code == 204 or not response.content:
        return None
    return response.json()


@pytest.fixture(scope="session")
def demo_users(users):
    """The demo users and groups, created over REST as admin by the code scripts/run uses."""
    demo_setup.setup(base_url(), password("admin"), DEMO_PASSWORD)
    # A second run finds everything in place and changes nothing.
    assert demo_setup.setup(base_url(), password("admin"), DEMO_PASSWORD) == []
    return dict(demo_setup.USERS)


@pytest.fixture(scope="session")
def shipped_processes(demo_users):
    """processes/*.bpmn deployed over REST by the demo analyst (duplicate filtering: once per server)."""
    files = sorted(PROCESSES.glob("*.bpmn"))
    parts = [("deployment-name", (None, "processes")), ("enable-duplicate-filtering", (None, "true")),
             ("deployment-source", (None, "compat demo"))]
    parts += [(path.name, (path.name, path.read_bytes(), "application/xml")) for path in files]
    deployment = call("POST", "/deployment/create", "analyst", files=parts)
    return deployment


class DemoWorker:
    """The demo worker process: its reply endpoint and its log."""

    def __init__(self, process, reply_url, log_path):
        self.process = process
        self.reply_url = reply_url
        self.log_path = log_path

    def replies(self):
        response = requests.get(self.reply_url, timeout=HTTP_TIMEOUT)
        response.raise_for_status()
        return response.json()

    def log(self):
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="session")
def demo_worker(demo_users, tmp_path_factory):
    """examples/worker/worker.py as a subprocess, signed in as the demo user `worker`, with its reply endpoint on a
    free port. Stopped with SIGTERM at the end of the session; it must exit with status 0."""
    log_path = tmp_path_factory.mktemp("demo-worker") / "worker.log"
    env = dict(os.environ, BATON_URL=base_url(), BATON_WORKER_USER="worker", BATON_WORKER_PASSWORD=DEMO_PASSWORD,
               DEMO_REPLY_PORT="0", DEMO_POLL_MILLIS="1000", PYTHONUNBUFFERED="1")
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, str(WORKER_DIR / "worker.py")], cwd=WORKER_DIR, env=env,
                                   stdout=subprocess.PIPE, stderr=log, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        ready = lines.get(timeout=30)
    except queue.Empty:
        process.kill()
        raise AssertionError(f"the demo worker printed no ready line within 30 s; its log:\n{log_path.read_text()}")
    assert ready.startswith("demo worker ready:"), ready
    reply_url = ready.rsplit(" ", 1)[-1].strip()
    assert reply_url.startswith("http://127.0.0.1:") and reply_url.endswith("/replies"), ready
    worker = DemoWorker(process, reply_url, log_path)
    yield worker
    process.send_signal(signal.SIGTERM)
    try:
        status = process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError(f"the demo worker did not stop within 20 s of SIGTERM; its log:\n{worker.log()}")
    assert status == 0, f"the demo worker exited with status {status}; its log:\n{worker.log()}"

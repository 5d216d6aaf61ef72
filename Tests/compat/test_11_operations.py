"""The commands of docs/operations.md against the suite's server and its embedded cluster: `baton db status`, a
second node on the same database (`--database-url`, `--no-executor`) that serves the same data and stops cleanly,
and a backup with pg_dump restored with pg_restore into a new database, which `baton audit verify --all` and
`baton db status` accept. Runs after the demo tests, so there is history to verify."""

import os
import pathlib
import re
import shutil
import signal
import subprocess
import uuid

import pytest
import requests

from compat_support import HTTP_TIMEOUT, auth, rest, start_review

DATA_DIR = pathlib.Path(os.environ.get("BATON_COMPAT_DATA_DIR", "/nonexistent"))


def baton(*arguments, timeout=120):
    return subprocess.run([os.environ["BATON_COMPAT_BIN"], *arguments], capture_output=True, text=True,
                          timeout=timeout)


def database_url(database="baton"):
    """The suite's embedded cluster through its socket: lines 4 and 5 of postmaster.pid (port, socket directory)."""
    lines = (DATA_DIR / "pg" / "postmaster.pid").read_text().splitlines()
    return f"postgresql://baton@/{database}?host={lines[4]}&port={lines[3]}", lines[4], lines[3]


def test_db_status_lists_every_migration_applied():
    result = baton("db", "status", "--data-dir", str(DATA_DIR))
    assert result.returncode == 0, result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ applied, 0 pending", summary), result.stdout


def test_second_node_serves_the_same_database(deployment):
    url, _, _ = database_url()
    node = subprocess.Popen(
        [os.environ["BATON_COMPAT_BIN"], "serve", "--host", "127.0.0.1", "--port", "0", "--database-url", url,
         "--no-executor", "--connections", "4"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=dict(os.environ, BATON_LOG_LEVEL="warning"))
    try:
        ready = node.stdout.readline()
        match = re.fullmatch(r"Baton is serving (http://\S+)\n", ready)
        assert match, f"no ready line: {ready!r}"
        second = match.group(1)
        answer = requests.get(second + "/history/process-instance/count", timeout=HTTP_TIMEOUT,
                              auth=auth("audrey"))
        assert answer.status_code == 200
        assert answer.json() == rest("GET", "/history/process-instance/count", "audrey")
        deployments = requests.get(second + "/deployment", timeout=HTTP_TIMEOUT,
                                   auth=auth("admin"))
        assert {d["name"] for d in deployments.json()} >= {"compat"}
    finally:
        node.send_signal(signal.SIGTERM)
        status = node.wait(timeout=60)
    assert status == 0


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed")
def test_backup_restores_with_a_valid_audit_chain(deployment):
    start_review()  # at least one instance with history, whichever tests ran before
    _, socket, port = database_url()
    target = f"baton_restore_{uuid.uuid4().hex[:8]}"
    dump = DATA_DIR.parent / f"{target}.dump"
    common = ["-h", socket, "-p", port, "-U", "baton"]
    subprocess.run(["pg_dump", *common, "--format=custom", f"--file={dump}", "baton"], check=True, timeout=120)
    subprocess.run(["createdb", *common, target], check=True, timeout=60)
    restore = subprocess.run(["pg_restore", *common, "--no-owner", f"--dbname={target}", str(dump)],
                             capture_output=True, text=True, timeout=120)
    assert restore.returncode == 0, restore.stderr
    restored, _, _ = database_url(target)
    verify = baton("audit", "verify", "--all", "--database-url", restored)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    checked = re.search(r"(\d+) instances? checked, 0 broken", verify.stderr)
    assert checked and int(checked.group(1)) >= 1, verify.stderr
    status = baton("db", "status", "--database-url", restored)
    assert status.returncode == 0, status.stdout + status.stderr
    assert status.stdout.strip().endswith("0 pending")

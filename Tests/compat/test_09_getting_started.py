"""docs/getting-started.md is a script: its ```sh blocks run, in order, in one bash (`set -euo pipefail`) from the
repository's root against the suite's server, with the demo users and the demo worker of demo_fixtures.py. Any
failing command fails the test, so the walk-through stays true."""

import os
import re
import subprocess

from compat_support import base_url
from demo_fixtures import DEMO_PASSWORD, REPO

DOC = REPO / "docs" / "getting-started.md"


def sh_blocks(text):
    return [match.group(1) for match in re.finditer(r"^```sh\n(.*?)^```$", text, flags=re.M | re.S)]


def test_the_walk_through_has_the_promised_steps():
    blocks = sh_blocks(DOC.read_text())
    script = "\n".join(blocks)
    assert len(blocks) >= 8
    for step in ("/deployment/create", "/message", "/task?", "/complete", "/timeline", "/audit", "audit verify"):
        assert step in script, f"getting-started.md has no command with {step}"


def test_getting_started_runs(demo_worker, demo_users):
    blocks = sh_blocks(DOC.read_text())
    script = "set -euo pipefail\n" + "\n".join(
        f"echo '--- block {number}' >&2\n{block}" for number, block in enumerate(blocks, 1))
    env = dict(os.environ, BATON_URL=base_url(), DEMO_PASSWORD=DEMO_PASSWORD, REPLY_URL=demo_worker.reply_url,
               BATON=os.environ["BATON_COMPAT_BIN"], BATON_DATA_DIR=os.environ["BATON_COMPAT_DATA_DIR"])
    result = subprocess.run(["bash", "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (
        f"docs/getting-started.md failed (status {result.returncode})\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nworker log (end):\n{demo_worker.log()[-3000:]}")
    lines = result.stdout.splitlines()
    assert "COMPLETED" in lines
    assert "the chain holds" in lines
    assert "1 instance checked, 0 broken" in result.stderr
    assert "Charged twice for invoice 42" in lines

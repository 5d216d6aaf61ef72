"""Shared helpers of the compatibility suite: the server's address, the users, plain REST calls and waiting.

The suite runs against a live `baton serve` started by scripts/compat, which passes its address in
BATON_COMPAT_URL (http://127.0.0.1:PORT/engine-rest) and the admin password in BATON_COMPAT_ADMIN_PASSWORD.
"""

import os
import pathlib
import time
import uuid

import pycamunda.processdef
import pycamunda.task
import requests
from requests.auth import HTTPBasicAuth

HERE = pathlib.Path(__file__).resolve().parent
MODELS = HERE / "models"

# Every plain HTTP call of the suite gives up after this many seconds (pycamunda itself sets no timeout).
HTTP_TIMEOUT = 30


def base_url():
    url = os.environ.get("BATON_COMPAT_URL")
    if not url:
        raise RuntimeError("BATON_COMPAT_URL is not set: run the suite with scripts/compat")
    return url.rstrip("/")


# The users the suite creates (as admin) before any test: id -> (password, group). One per role, plus a second
# reviewer and a user with no group at all.
USERS = {
    "ana": ("ana-compat-pw", "analysts"),
    "walt": ("walt-compat-pw", "workers"),
    "rita": ("rita-compat-pw", "reviewers"),
    "rex": ("rex-compat-pw", "reviewers"),
    "audrey": ("audrey-compat-pw", "auditors"),
    "nora": ("nora-compat-pw", None),
}


def password(user):
    if user == "admin":
        return os.environ.get("BATON_COMPAT_ADMIN_PASSWORD", "")
    return USERS[user][0]


def auth(user):
    """HTTP Basic credentials of a suite user (`admin` included)."""
    return HTTPBasicAuth(user, password(user))


def as_user(request, user):
    """Sends a pycamunda request as `user` and returns what it returns."""
    request.auth = auth(user)
    return request()


def rest(method, path, user, expected=200, **kwargs):
    """A plain REST call (for what pycamunda does not cover, e.g. history). Checks the status; returns the JSON
    body (None for 204)."""
    response = requests.request(
        method, base_url() + path, auth=auth(user), timeout=HTTP_TIMEOUT, **kwargs)
    assert response.status_code == expected, (
        f"{method} {path} as {user}: expected {expected}, got {response.status_code}: {response.text[:500]}")
    if response.status_code == 204 or not response.content:
        return None
    return response.json()


def unique(prefix):
    """A business key nobody else uses in this run."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def wait_until(condition, what, timeout=30.0, interval=0.2):
    """Polls `condition` until it returns something truthy (returned) or fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what} (last: {last!r})")


def runtime_instance_ids(process_instance_id, user="admin"):
    """The ids `GET /process-instance?processInstanceIds=` still lists (an ended instance is not listed)."""
    listed = rest("GET", "/process-instance", user, params={"processInstanceIds": process_instance_id})
    return [item["id"] for item in listed]


def start_review(business_key=None):
    request = pycamunda.processdef.StartInstance(
        base_url(), key="compat-review", business_key=business_key or unique("review"))
    request.add_variable("amount", 250)
    return as_user(request, "ana")


def review_task(instance_id, user="rita"):
    tasks = wait_until(
        lambda: as_user(pycamunda.task.GetList(base_url(), process_instance_id=instance_id), user),
        f"the review task of {instance_id}")
    assert len(tasks) == 1
    return tasks[0]

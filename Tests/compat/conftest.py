"""Fixtures of the compatibility suite: the users (created over REST by admin) and the test models' deployment."""

import sys

import pycamunda
import pycamunda.deployment
import pycamunda.group
import pycamunda.user
import pytest

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))

from compat_support import MODELS, USERS, as_user, base_url  # noqa: E402

# The demo's fixtures (demo users, the shipped processes, the demo worker): demo_fixtures.py.
pytest_plugins = ["demo_fixtures"]


@pytest.fixture(scope="session", autouse=True)
def users():
    """Creates the suite's users with pycamunda (POST /user/create) and puts each in its role's group
    (PUT /group/{id}/members/{userId}), as admin."""
    url = base_url()
    for user, (secret, group) in USERS.items():
        try:
            as_user(pycamunda.user.Create(
                url, id_=user, first_name=user.capitalize(), last_name="Compat", email=f"{user}@compat.test",
                password=secret), "admin")
        except pycamunda.BadRequest as error:
            # Only when the suite runs again against the same server (scripts/compat always starts a fresh one).
            if "exist" not in str(error):
                raise
        if group is not None:
            as_user(pycamunda.group.MemberCreate(url, id_=group, user_id=user), "admin")
    return USERS


@pytest.fixture(scope="session")
def deployment(users):
    """Deploys every model of Tests/compat/models in one deployment named `compat`, as the analyst ana."""
    request = pycamunda.deployment.Create(
        base_url(), name="compat", source="baton compatibility suite", enable_duplicate_filtering=True)
    files = [open(path, "rb") for path in sorted(MODELS.glob("*.bpmn"))]
    try:
        for handle in files:
            request.add_resource(handle)
        return as_user(request, "ana")
    finally:
        for handle in files:
            handle.close()

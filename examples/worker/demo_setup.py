"""Creates the demo users and groups over REST as admin, when they are missing (scripts/run calls it).

    BATON_URL=http://127.0.0.1:8080/engine-rest BATON_ADMIN_PASSWORD=… DEMO_PASSWORD=… python demo_setup.py

Every demo user gets the password DEMO_PASSWORD; a user that exists with another password gets it set again, so
the printed password always works. Exit status 0 when everything is in place, 1 when admin cannot sign in or a
call fails (the reason is printed).
"""

import os
import sys

import requests

# The role groups (admins, analysts, reviewers, workers, auditors) exist from the start; these are the candidate
# groups the shipped processes use.
GROUPS = {
    "supervisors": "Supervisors (escalated support replies)",
    "support-agents": "Support agents (manual CRM logging)",
    "marketing": "Marketing (campaign approval)",
}

# user -> (first name, groups). Reviewers-role members list and complete the user tasks of their candidate groups.
USERS = {
    "analyst": ("Ana", ["analysts"]),
    "reviewer": ("Rita", ["reviewers"]),
    "supervisor": ("Sam", ["reviewers", "supervisors"]),
    "agent": ("Alex", ["reviewers", "support-agents"]),
    "marketer": ("Mia", ["reviewers", "marketing"]),
    "auditor": ("Audrey", ["auditors"]),
    "worker": ("Demo", ["workers"]),
}


class SetupError(Exception):
    pass


def call(session, method, url, expected, **kwargs):
    response = session.request(method, url, timeout=30, **kwargs)
    if response.status_code not in expected:
        raise SetupError(f"{method} {url} answered {response.status_code}: {response.text[:300]}")
    return response


def setup(base_url, admin_password, demo_password):
    admin = requests.Session()
    admin.auth = ("admin", admin_password)
    verify = call(admin, "POST", f"{base_url}/identity/verify", (200, 401),
                  json={"username": "admin", "password": admin_password})
    if verify.status_code == 401 or not verify.json().get("authenticated"):
        raise SetupError("admin cannot sign in with this password: the data directory was created with another one "
                         "(set BATON_ADMIN_PASSWORD to it, or delete .baton/ to start over)")
    created = []
    for group, name in GROUPS.items():
        if call(admin, "GET", f"{base_url}/group/{group}", (200, 404)).status_code == 404:
            call(admin, "POST", f"{base_url}/group/create", (204,),
                 json={"id": group, "name": name, "type": "WORKFLOW"})
    for user, (first, groups) in USERS.items():
        if call(admin, "GET", f"{base_url}/user/{user}/profile", (200, 404)).status_code == 404:
            call(admin, "POST", f"{base_url}/user/create", (204,), json={
                "profile": {"id": user, "firstName": first, "lastName": "Demo", "email": f"{user}@demo.example"},
                "credentials": {"password": demo_password}})
            created.append(user)
        else:
            check = call(admin, "POST", f"{base_url}/identity/verify", (200,),
                         json={"username": user, "password": demo_password})
            if not check.json().get("authenticated"):
                call(admin, "PUT", f"{base_url}/user/{user}/credentials", (204,),
                     json={"password": demo_password, "authenticatedUserPassword": admin_password})
        for group in groups:
            call(admin, "PUT", f"{base_url}/group/{group}/members/{user}", (204,))
    return created


def main():
    base_url = os.environ.get("BATON_URL", "http://127.0.0.1:8080/engine-rest").rstrip("/")
    admin_password = os.environ.get("BATON_ADMIN_PASSWORD")
    demo_password = os.environ.get("DEMO_PASSWORD")
    if not admin_password or not demo_password:
        print("demo setup: set BATON_ADMIN_PASSWORD and DEMO_PASSWORD", file=sys.stderr)
        return 1
    try:
        created = setup(base_url, admin_password, demo_password)
    except (SetupError, requests.RequestException) as error:
        print(f"demo setup: {error}", file=sys.stderr)
        return 1
    if created:
        print(f"demo setup: created the users {', '.join(created)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

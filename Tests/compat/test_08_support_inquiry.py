"""The shipped support-inquiry process end to end with the demo worker (examples/worker, the real
camunda-external-task-client-python3): started by message, triaged and drafted by the worker, rejected once with a
comment (the second draft uses it), approved, the reply POSTed by the HTTP connector to the worker's endpoint, the
CRM step failing with the BPMN error CRM_DOWN (the worker's documented condition: a customer at crm-down.example)
so that the manual fallback task appears, the survey timer shortened by the `surveyDelay` variable, and the end.
Then the audit of the instance: the hash chain (`/audit`) and the timeline (`/timeline`, issue 7)."""

import pathlib

import pytest
import requests

from compat_support import HTTP_TIMEOUT, auth, base_url, rest, runtime_instance_ids, unique, wait_until
from demo_fixtures import REPO, call

CUSTOMER = "dana@crm-down.example"
SUBJECT = "Charged twice for invoice 42"
BODY = "Hello, my card was charged twice for invoice 42. Can you refund the second payment?"
COMMENT = "Please add that the duplicate charge is refunded automatically within 5 business days."
REVIEWER_REJECTING = "rita"
REVIEWER_APPROVING = "rex"
WORKER_USER = "worker"


def requirement_pins(path):
    pins = {}
    for line in pathlib.Path(path).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_worker_pins_are_the_suites():
    # scripts/run installs examples/worker/requirements.txt; this suite runs the worker with its own environment.
    worker = requirement_pins(REPO / "examples/worker/requirements.txt")
    suite = requirement_pins(REPO / "Tests/compat/requirements.txt")
    assert worker["camunda-external-task-client-python3"] == "4.5.0"
    assert {name: suite.get(name) for name in worker} == worker


def approval_task(instance_id, user, other_than=None):
    def find():
        tasks = rest("GET", "/task", user, params={
            "processInstanceId": instance_id, "taskDefinitionKey": "Task_ApproveReply"})
        return [t for t in tasks if t["id"] != other_than]
    (task,) = wait_until(find, "the approval task", timeout=60)
    return task


def review(task, user, variables):
    rest("POST", f"/task/{task['id']}/claim", user, expected=204, json={"userId": user})
    rest("POST", f"/task/{task['id']}/complete", user, expected=204,
         json={"variables": {name: {"value": value} for name, value in variables.items()}})


def variables(instance_id):
    listed = rest("GET", f"/process-instance/{instance_id}/variables", "ana")
    return {name: item["value"] for name, item in listed.items()}


@pytest.fixture(scope="module")
def inquiry(shipped_processes, demo_worker):
    """Drives one inquiry from the message to the end; returns what was observed on the way."""
    seen = {"businessKey": unique("inquiry")}
    started = rest("POST", "/message", "ana", json={
        "messageName": "support-inquiry", "businessKey": seen["businessKey"], "resultEnabled": True,
        "processVariables": {
            "customerEmail": {"value": CUSTOMER}, "channel": {"value": "email"},
            "subject": {"value": SUBJECT}, "body": {"value": BODY},
            "surveyDelay": {"value": "PT2S"}, "replyUrl": {"value": demo_worker.reply_url},
        }})
    (result,) = started
    assert result["resultType"] == "ProcessDefinition"
    instance_id = result["processInstance"]["id"]
    seen["id"] = instance_id

    first = approval_task(instance_id, REVIEWER_REJECTING)
    seen["afterTriage"] = variables(instance_id)
    review(first, REVIEWER_REJECTING, {"approved": False, "reviewComment": COMMENT})

    second = approval_task(instance_id, REVIEWER_APPROVING, other_than=first["id"])
    seen["afterRedraft"] = variables(instance_id)
    review(second, REVIEWER_APPROVING, {"approved": True})

    def manual_crm_task():
        return call("GET", "/task", "agent", params={
            "processInstanceId": instance_id, "taskDefinitionKey": "Task_LogCrmManually"})
    (manual,) = wait_until(manual_crm_task, "the manual CRM task after CRM_DOWN", timeout=90)
    seen["afterCrmDown"] = variables(instance_id)
    seen["replies"] = demo_worker.replies()
    call("POST", f"/task/{manual['id']}/complete", "agent", expected=204,
         json={"variables": {"crmCaseId": {"value": "MANUAL-42"}}})

    wait_until(lambda: not runtime_instance_ids(instance_id), "the instance to end after the survey", timeout=90)
    return seen


def test_worker_triages_looks_up_and_drafts(inquiry):
    found = inquiry["afterTriage"]
    assert found["intent"] == "billing"  # "charged", "invoice", "refund", "payment"
    assert found["priority"] == "normal"
    assert found["knowledgeArticles"][0].startswith("KB-101")
    draft = found["replyText"]
    assert draft.startswith("Hello Dana,")
    assert SUBJECT in draft and "KB-101" in draft
    assert COMMENT not in draft


def test_second_draft_uses_the_reviewers_comment(inquiry):
    first = inquiry["afterTriage"]["replyText"]
    found = inquiry["afterRedraft"]
    assert found["rejectionCount"] == 1
    assert found["reviewComment"] == COMMENT
    assert COMMENT in found["replyText"]
    assert found["replyText"] != first


def test_approved_reply_is_sent_over_http(inquiry):
    (reply,) = inquiry["replies"]
    assert reply["payload"] == {"to": CUSTOMER, "channel": "email", "subject": SUBJECT,
                                "body": inquiry["afterRedraft"]["replyText"]}
    assert reply["idempotencyKey"]  # the connector's job id
    assert inquiry["afterCrmDown"]["replyStatus"] == 201


def test_crm_down_routes_to_the_manual_task(inquiry):
    assert "CRM is not reachable" in inquiry["afterCrmDown"]["crmError"]
    assert "crmCaseId" not in inquiry["afterCrmDown"]


def test_instance_ran_to_the_end(inquiry):
    item = rest("GET", f"/history/process-instance/{inquiry['id']}", "audrey")
    assert item["state"] == "COMPLETED"
    assert item["startUserId"] == "ana"
    activities = rest("GET", "/history/activity-instance", "audrey", params={"processInstanceId": inquiry["id"]})
    ids = [a["activityId"] for a in activities]
    assert ids.count("Task_AiDraft") == 2
    assert ids.count("Task_ApproveReply") == 2
    assert {"Task_AiTriage", "Task_KnowledgeLookup", "Task_CountRejection", "Task_SendReply", "Task_LogCrm",
            "BoundaryEvent_CrmDown", "Task_LogCrmManually", "Timer_SurveyDelay", "Task_SendSurvey",
            "EndEvent_InquiryClosed"} <= set(ids)
    assert "Task_AlertOnCall" not in ids and "Task_SupervisorReview" not in ids
    case = rest("GET", "/history/variable-instance", "audrey",
                params={"processInstanceId": inquiry["id"], "variableName": "crmCaseId"})
    assert [v["value"] for v in case] == ["MANUAL-42"]


def test_audit_chain_is_valid(inquiry):
    audit = rest("GET", f"/history/process-instance/{inquiry['id']}/audit", "audrey")
    assert audit["valid"] is True
    assert audit["firstBroken"] is None
    assert audit["events"] > 50
    assert len(audit["headHash"]) == 64


def plain(value):
    """A change's value, whether given as is or as a typed `{"value": …}` object."""
    return value["value"] if isinstance(value, dict) and "value" in value else value


def variable_changes(entries, actor, name):
    return [plain(change.get("new")) for entry in entries if entry.get("actor") == actor
            for change in entry.get("changes") or []
            if change.get("kind") == "variable" and change.get("name") == name]


def test_timeline_shows_reviewers_worker_and_crm_error(inquiry):
    path = f"/history/process-instance/{inquiry['id']}/timeline"
    response = requests.get(base_url() + path, auth=auth("audrey"), timeout=HTTP_TIMEOUT)
    assert response.status_code == 200, response.text[:500]
    entries = response.json()

    # Ordered by sequence, each entry chained to the one before.
    assert [e["sequence"] for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0]["previousHash"] is None
    assert all(later["previousHash"] == earlier["hash"] for earlier, later in zip(entries, entries[1:]))
    audit = rest("GET", f"/history/process-instance/{inquiry['id']}/audit", "audrey")
    assert entries[-1]["hash"] == audit["headHash"]

    def by(actor, element):
        return [e for e in entries if e.get("actor") == actor and (e.get("element") or {}).get("id") == element]

    # The rejection and the approval, each with its reviewer as actor.
    assert by(REVIEWER_REJECTING, "Task_ApproveReply")
    assert False in variable_changes(entries, REVIEWER_REJECTING, "approved")
    assert COMMENT in variable_changes(entries, REVIEWER_REJECTING, "reviewComment")
    assert by(REVIEWER_APPROVING, "Task_ApproveReply")
    assert True in variable_changes(entries, REVIEWER_APPROVING, "approved")
    assert not variable_changes(entries, REVIEWER_APPROVING, "reviewComment")

    # The worker's completions.
    def completions(element):
        return [e for e in by(WORKER_USER, element) if e["type"] == "externalTaskCompleted"]
    assert len(completions("Task_AiTriage")) == 1
    assert len(completions("Task_KnowledgeLookup")) == 1
    assert len(completions("Task_AiDraft")) == 2
    assert "billing" in variable_changes(entries, WORKER_USER, "intent")

    # The CRM error, reported by the worker.
    errors = [e for e in entries if ((e.get("reason") or {}).get("error") or {}).get("code") == "CRM_DOWN"]
    assert errors, "no timeline entry carries the error CRM_DOWN"
    assert all(e["actor"] == WORKER_USER for e in errors)
    assert "CRM is not reachable" in errors[0]["reason"]["error"].get("message", "")

"""External tasks with camunda-external-task-client-python3's ExternalTaskWorker (contract §2.6, traps §0.1–§0.5,
§0.10): complete, fail with retries until an incident appears, and a BPMN error caught by a boundary event.

Every instance of compat-charge carries a `mode` variable and one handler serves them all, so whichever test's
worker fetches a task, the task is handled as its instance asks."""

import time

import pycamunda
import pycamunda.externaltask
import pycamunda.incident
import pycamunda.processdef
import pycamunda.processinst
import pytest
from camunda.external_task.external_task_worker import ExternalTaskWorker, NoExternalTaskFound

import requests
from compat_support import USERS, as_user, auth, base_url, rest, runtime_instance_ids, unique, wait_until

TOPIC = "compat-charge"

# What the handler saw, per process instance id: a list of {"retries", "businessKey", "provider", ...}.
SEEN = {}


def worker(worker_id="compat-worker"):
    """An ExternalTaskWorker as walt (group workers), with short long-polling and sleep so the suite stays fast."""
    return ExternalTaskWorker(worker_id=worker_id, base_url=base_url(), config={
        "auth_basic": {"username": "walt", "password": USERS["walt"][0]},
        "maxTasks": 5,
        "lockDuration": 10000,
        "asyncResponseTimeout": 1000,
        "retries": 3,
        "retryTimeout": 0,
        "sleepSeconds": 1,
    })


def handle(task):
    """The worker's action: decided by the instance's `mode` variable."""
    SEEN.setdefault(task.get_process_instance_id(), []).append({
        "retries": task._context.get("retries"),
        "businessKey": task.get_business_key(),
        "provider": task.get_extension_property("provider"),
        "activityId": task.get_activity_id(),
        "workerId": task.get_worker_id(),
        "amount": task.get_variable("amount"),
        "taskId": task.get_task_id(),
    })
    mode = task.get_variable("mode")
    if mode == "complete":
        return task.complete({"charged": True, "receipt": {"number": "R-1", "amount": task.get_variable("amount")}})
    if mode == "decline":
        return task.bpmn_error("CARD_DECLINED", "the card was declined", {"declineReason": "insufficient funds"})
    return task.failure("bank unreachable", "connection refused by compat-bank", max_retries=3, retry_timeout=0)


def run_worker(until, what, timeout=60.0, worker_id="compat-worker"):
    """Runs the worker's fetch-and-execute cycle (what `subscribe` loops over) until `until()` holds."""
    w = worker(worker_id)
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; handled: {SEEN}")
        try:
            w.fetch_and_execute(TOPIC, handle)
        except NoExternalTaskFound:
            pass


def start(mode, amount=42):
    request = pycamunda.processdef.StartInstance(base_url(), key="compat-charge", business_key=unique(f"charge-{mode}"))
    request.add_variable("mode", mode)
    request.add_variable("amount", amount)
    return as_user(request, "ana")


def history_activities(instance_id):
    listed = rest("GET", "/history/activity-instance", "audrey", params={"processInstanceId": instance_id})
    return {item["activityId"] for item in listed}


def test_worker_completes_a_task(deployment):
    instance = start("complete", amount=99)
    run_worker(lambda: not runtime_instance_ids(instance.id_), "the completed instance to end")
    seen = SEEN[instance.id_]
    assert len(seen) == 1
    assert seen[0]["retries"] is None  # null until the first failure (§0.5)
    assert seen[0]["businessKey"] == instance.business_key
    assert seen[0]["activityId"] == "Task_Charge"
    assert seen[0]["workerId"] == "compat-worker"
    assert seen[0]["amount"] == 99
    assert history_activities(instance.id_) >= {"Task_Charge", "End_Charged"}
    receipt = rest("GET", "/history/variable-instance", "audrey",
                   params={"processInstanceId": instance.id_, "variableName": "receipt"})
    assert [v["value"] for v in receipt] == [{"number": "R-1", "amount": 99}]


def test_fetched_task_carries_extension_properties(deployment):
    # The client asks for them (includeExtensionProperties: true); they come from the activity's camunda:properties.
    instance = start("complete")
    run_worker(lambda: not runtime_instance_ids(instance.id_), "the instance to end")
    assert SEEN[instance.id_][0]["provider"] == "compat-bank"


def test_bpmn_error_is_caught_by_the_boundary_event(deployment):
    instance = start("decline")
    run_worker(lambda: not runtime_instance_ids(instance.id_), "the declined instance to end")
    assert len(SEEN[instance.id_]) == 1
    activities = history_activities(instance.id_)
    assert "End_Declined" in activities
    assert "End_Charged" not in activities
    reason = rest("GET", "/history/variable-instance", "audrey",
                  params={"processInstanceId": instance.id_, "variableName": "declineReason"})
    assert [v["value"] for v in reason] == ["insufficient funds"]


def test_failures_count_down_retries_until_an_incident(deployment):
    url = base_url()
    instance = start("fail")

    def incidents():
        return as_user(pycamunda.incident.GetList(url, process_instance_id=instance.id_), "admin")

    run_worker(lambda: incidents(), "a failedExternalTask incident")
    # The client computes retries itself: null -> its maximum (3), then retries - 1 down to 0 (§0.5).
    assert [seen["retries"] for seen in SEEN[instance.id_]] == [None, 3, 2, 1]
    task_id = SEEN[instance.id_][0]["taskId"]
    (incident,) = incidents()
    assert incident.incident_type == pycamunda.incident.IncidentType.failed_external_task
    assert incident.activity_id == "Task_Charge"
    assert incident.configuration == task_id
    assert incident.incident_message == "bank unreachable"
    assert incident.incident_timestamp is not None

    # pycamunda fetches error details with a second request that carries no credentials; ask for them ourselves.
    task = as_user(pycamunda.externaltask.Get(url, id_=task_id, request_error_details=False), "walt")
    assert task.retries == 0
    assert task.error_message == "bank unreachable"
    details = requests.get(base_url() + f"/external-task/{task_id}/errorDetails", auth=auth("walt"), timeout=30)
    assert details.status_code in (200, 204)
    # No retries left: the task is not fetched any more.
    fetched = worker("compat-idle").client.fetch_and_lock(TOPIC, process_variables={"mode": "fail"})
    assert task_id not in [item["id"] for item in fetched]

    # An operator fixes the cause and gives the task a retry: the incident is resolved and the worker completes it.
    as_user(pycamunda.processinst.VariablesUpdate(url, instance.id_, "mode", "complete", type_="String"), "admin")
    as_user(pycamunda.externaltask.SetRetries(url, id_=task_id, retries=1), "admin")
    assert incidents() == ()
    run_worker(lambda: not runtime_instance_ids(instance.id_), "the retried instance to end")
    assert SEEN[instance.id_][-1]["retries"] == 1
    assert "End_Charged" in history_activities(instance.id_)


def test_complete_by_another_worker_is_refused(deployment):
    holder_key = unique("holder")
    request = pycamunda.processdef.StartInstance(base_url(), key="compat-charge", business_key=holder_key)
    request.add_variable("mode", "complete")
    request.add_variable("holder", holder_key)
    instance = as_user(request, "ana")
    holder = worker("compat-holder")
    # fetchAndLock's processVariables filter (an equality on a process variable) picks this instance's task only.
    locked = wait_until(
        lambda: holder.client.fetch_and_lock(TOPIC, process_variables={"holder": holder_key}), "the task to be fetched")
    assert [task["processInstanceId"] for task in locked] == [instance.id_]
    task = locked[0]
    assert task["workerId"] == "compat-holder"
    intruder = worker("compat-intruder")
    with pytest.raises(Exception, match="received 400"):
        intruder.client.complete(task["id"], {"charged": True})
    assert holder.client.complete(task["id"], {"charged": True}) is True
    assert not runtime_instance_ids(instance.id_)

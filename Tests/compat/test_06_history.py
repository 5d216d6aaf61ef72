"""History queries as an auditor (contract §2.9): a review instance run from start to end, then read back.

pycamunda has no history module, so these are plain REST calls; dates are parsed with pycamunda's own parser."""

import pycamunda.base
import pycamunda.message
import pycamunda.processdef
import pycamunda.task
import pytest

from compat_support import as_user, base_url, rest, review_task, start_review, unique


@pytest.fixture(scope="module")
def finished(deployment):
    """A compat-review instance taken to its end: reviewed by rita, then shipped."""
    url = base_url()
    business_key = unique("history")
    instance = start_review(business_key)
    task = review_task(instance.id_)
    as_user(pycamunda.task.Claim(url, id_=task.id_, user_id="rita"), "rita")
    complete = pycamunda.task.Complete(url, id_=task.id_)
    complete.add_variable("approved", True)
    as_user(complete, "rita")
    correlate = pycamunda.message.CorrelateSingle(
        url, message_name="compat-shipped", business_key=business_key, result_enabled=True)
    correlate.add_process_variable("carrier", "DHL")
    as_user(correlate, "ana")
    return {"instance": instance, "task": task, "businessKey": business_key}


def test_historic_process_instance(finished):
    instance = finished["instance"]
    item = rest("GET", f"/history/process-instance/{instance.id_}", "audrey")
    assert item["id"] == instance.id_
    assert item["businessKey"] == finished["businessKey"]
    assert item["processDefinitionKey"] == "compat-review"
    assert item["processDefinitionId"] == instance.definition_id
    assert item["state"] == "COMPLETED"
    assert item["startUserId"] == "ana"
    assert item["startActivityId"] == "Start_Review"
    start = pycamunda.base.from_isoformat(item["startTime"])
    end = pycamunda.base.from_isoformat(item["endTime"])
    assert start <= end
    assert item["durationInMillis"] >= 0

    listed = rest("GET", "/history/process-instance", "audrey",
                  params={"processInstanceBusinessKey": finished["businessKey"]})
    assert [i["id"] for i in listed] == [instance.id_]
    completed = rest("GET", "/history/process-instance/count", "audrey",
                     params={"processDefinitionKey": "compat-review", "completed": "true"})
    assert completed["count"] >= 1
    queried = rest("POST", "/history/process-instance", "audrey",
                   json={"processInstanceIds": [instance.id_], "finished": True})
    assert [i["id"] for i in queried] == [instance.id_]


def test_historic_activity_instances(finished):
    instance = finished["instance"]
    listed = rest("GET", "/history/activity-instance", "audrey",
                  params={"processInstanceId": instance.id_, "sortBy": "startTime", "sortOrder": "asc"})
    # Activities of one transaction may share a start time, so the order is only checked between transactions.
    assert sorted((a["activityId"], a["activityType"]) for a in listed) == sorted([
        ("Start_Review", "startEvent"),
        ("Task_Review", "userTask"),
        ("Catch_Shipped", "intermediateMessageCatch"),
        ("End_Shipped", "noneEndEvent"),
    ])
    starts = [pycamunda.base.from_isoformat(a["startTime"]) for a in listed]
    assert starts == sorted(starts)
    by_id = {a["activityId"]: a for a in listed}
    parse = pycamunda.base.from_isoformat
    assert parse(by_id["Task_Review"]["startTime"]) < parse(by_id["Catch_Shipped"]["startTime"])
    review = by_id["Task_Review"]
    assert review["taskId"] == finished["task"].id_
    assert review["assignee"] == "rita"
    assert review["canceled"] is False
    for activity in listed:
        assert activity["endTime"] is not None
        assert activity["processInstanceId"] == instance.id_


def test_historic_task(finished):
    listed = rest("GET", "/history/task", "audrey", params={"processInstanceId": finished["instance"].id_})
    assert len(listed) == 1
    task = listed[0]
    assert task["id"] == finished["task"].id_
    assert task["taskDefinitionKey"] == "Task_Review"
    assert task["assignee"] == "rita"
    assert task["deleteReason"] == "completed"
    assert isinstance(task["duration"], int)
    assert task["priority"] == 60


def test_historic_variables(finished):
    listed = rest("GET", "/history/variable-instance", "audrey",
                  params={"processInstanceId": finished["instance"].id_})
    values = {v["name"]: (v["type"], v["value"]) for v in listed}
    assert values["amount"] == ("Integer", 250)
    assert values["approved"] == ("Boolean", True)
    assert values["carrier"] == ("String", "DHL")


def test_user_operation_log_names_the_reviewer(finished):
    listed = rest("GET", "/history/user-operation", "audrey", params={"taskId": finished["task"].id_})
    operations = {(entry["operationType"], entry["userId"]) for entry in listed}
    assert ("Claim", "rita") in operations
    assert ("Complete", "rita") in operations


def test_history_is_for_auditors(finished):
    rest("GET", "/history/process-instance", "ana", expected=403)

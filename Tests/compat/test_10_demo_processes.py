"""The demo worker serves the other two shipped processes too: order-fulfilment (happy path with a return, and a
declined payment) and marketing-program (approval by the marketing group, budget decision), each run to its end
through REST with shortened timers. And the worker has a stand-in for every external-task topic of processes/."""

import re

from compat_support import rest, runtime_instance_ids, unique, wait_until
from demo_fixtures import PROCESSES, call

import standins  # examples/worker (demo_fixtures puts it on the path)


def test_worker_serves_every_topic_of_the_shipped_processes():
    topics = set()
    for path in PROCESSES.glob("*.bpmn"):
        topics |= set(re.findall(r'camunda:topic="([^"]+)"', path.read_text()))
    assert topics == set(standins.HANDLERS)


def test_stand_ins_are_deterministic():
    inquiry = {"subject": "URGENT: login broken", "body": "I cannot log in, error 500", "customerEmail": "a@b.example"}
    assert standins.ai_triage(inquiry).variables == {"intent": "technical", "priority": "high"}
    assert standins.ai_triage({"subject": "A suggestion", "body": "thanks"}).variables == {
        "intent": "general", "priority": "low"}
    drafted = [standins.ai_draft(dict(inquiry, intent="technical")).variables["replyText"] for _ in range(2)]
    assert drafted[0] == drafted[1]
    assert standins.crm_log(inquiry).variables == standins.crm_log(dict(inquiry)).variables
    assert standins.crm_log(dict(inquiry, customerEmail="x@crm-down.example")).error_code == "CRM_DOWN"
    assert standins.payment({"orderId": "A-1", "total": 1000.5}).error_code == "PAYMENT_DECLINED"


def activity_ids(instance_id):
    listed = rest("GET", "/history/activity-instance", "audrey", params={"processInstanceId": instance_id})
    return [a["activityId"] for a in listed]


def start_order(total, **extra):
    order_id = unique("order")
    variables = {"orderId": order_id, "customerEmail": "olga@example.com", "total": total,
                 "items": [{"sku": "MUG-1", "quantity": 2}], "reviewDelay": "PT1S", "returnWindow": "PT30S", **extra}
    started = call("POST", "/process-definition/key/order-fulfilment/start", "analyst", json={
        "businessKey": order_id, "variables": {name: {"value": value} for name, value in variables.items()}})
    return started["id"], order_id


def test_order_is_shipped_and_returned(shipped_processes, demo_worker):
    instance_id, order_id = start_order(49.5)
    # The return window opens once the order has shipped; a return correlated then is handled by the worker.
    wait_until(lambda: "SubProcess_ReturnWindow" in activity_ids(instance_id), "the return window to open",
               timeout=60)
    call("POST", "/message", "analyst", expected=204, json={
        "messageName": "order-return", "businessKey": order_id,
        "processVariables": {"returnReason": {"value": "too small"}}})
    wait_until(lambda: not runtime_instance_ids(instance_id), "the returned order to end", timeout=60)
    ids = activity_ids(instance_id)
    assert {"Task_FraudCheck", "Task_StockCheck", "Task_Payment", "Task_Pick", "Task_Pack", "Task_Ship",
            "Task_HandleReturn", "EndEvent_OrderReturned", "Task_RequestReview"} <= set(ids)
    values = {v["name"]: v["value"] for v in rest("GET", "/history/variable-instance", "audrey",
                                                    params={"processInstanceId": instance_id})}
    assert values["paymentId"].startswith("PAY-")
    assert values["trackingNumber"].startswith("TRACK-")
    assert values["refundId"].startswith("REFUND-")
    assert values["inStock"] is True


def test_order_over_the_limit_is_declined(shipped_processes, demo_worker):
    instance_id, _ = start_order(4200)
    wait_until(lambda: not runtime_instance_ids(instance_id), "the declined order to end", timeout=60)
    ids = activity_ids(instance_id)
    assert {"BoundaryEvent_PaymentDeclined", "Task_NotifyDeclined", "EndEvent_OrderCancelled"} <= set(ids)
    assert "Task_Ship" not in ids


def test_marketing_cycle_is_approved_and_budget_increased(shipped_processes, demo_worker):
    started = call("POST", "/process-definition/key/marketing-program/start", "analyst", json={
        "variables": {"performanceWindow": {"value": "PT1S"}, "demoPerformanceIndex": {"value": 1.5}}})
    instance_id = started["id"]

    def approval():
        return call("GET", "/task", "marketer", params={
            "processInstanceId": instance_id, "taskDefinitionKey": "Task_ApproveCampaign"})
    (task,) = wait_until(approval, "the campaign approval", timeout=60)
    call("POST", f"/task/{task['id']}/complete", "marketer", expected=204,
         json={"variables": {"approved": {"value": True}}})
    wait_until(lambda: not runtime_instance_ids(instance_id), "the cycle to end", timeout=60)
    ids = activity_ids(instance_id)
    assert {"Task_SocialListening", "Task_IdeaBrief", "Task_GenerateAssets", "Task_ScheduleCampaign",
            "Timer_PerformanceWindow", "Task_AnalysePerformance", "Task_IncreaseBudget",
            "EndEvent_CycleDone"} <= set(ids)
    assert "Task_DecreaseBudget" not in ids

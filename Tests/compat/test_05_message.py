"""Message correlation with pycamunda and the external-task client's EngineClient (contract §2.7, trap §0.11)."""

import pycamunda
import pycamunda.message
import pycamunda.task
import pytest
from camunda.client.engine_client import EngineClient

from compat_support import USERS, as_user, base_url, rest, review_task, runtime_instance_ids, start_review, unique


def waiting_for_shipment(business_key):
    """An instance of compat-review whose review is done: it waits at the message catch event."""
    url = base_url()
    instance = start_review(business_key)
    task = review_task(instance.id_)
    as_user(pycamunda.task.Claim(url, id_=task.id_, user_id="rita"), "rita")
    as_user(pycamunda.task.Complete(url, id_=task.id_), "rita")
    return instance


def test_correlate_by_business_key_with_pycamunda(deployment):
    business_key = unique("ship-p")
    instance = waiting_for_shipment(business_key)
    # pycamunda parses the answer as a list, so it must ask for results (resultEnabled=false answers 204).
    request = pycamunda.message.CorrelateSingle(
        base_url(), message_name="compat-shipped", business_key=business_key, result_enabled=True)
    request.add_process_variable("carrier", "DHL")
    (result,) = as_user(request, "ana")
    assert result.result_type == pycamunda.message.ResultType.execution
    assert result.execution.process_instance_id == instance.id_
    assert result.process_instance is None
    assert not runtime_instance_ids(instance.id_)
    carrier = rest("GET", "/history/variable-instance", "audrey",
                   params={"processInstanceId": instance.id_, "variableName": "carrier"})
    assert [v["value"] for v in carrier] == ["DHL"]


def test_correlate_with_engine_client(deployment):
    business_key = unique("ship-e")
    instance = waiting_for_shipment(business_key)
    client = EngineClient(base_url(), config={"auth_basic": {"username": "walt", "password": USERS["walt"][0]}})
    # The client sends resultEnabled: true and withoutTenantId: true.
    results = client.correlate_message("compat-shipped", business_key=business_key,
                                       process_variables={"carrier": "UPS", "parcels": 2})
    assert len(results) == 1
    assert results[0]["resultType"] == "Execution"
    assert results[0]["execution"]["processInstanceId"] == instance.id_
    assert not runtime_instance_ids(instance.id_)


def test_correlate_to_a_process_instance_id(deployment):
    instance = waiting_for_shipment(unique("ship-id"))
    request = pycamunda.message.CorrelateSingle(
        base_url(), message_name="compat-shipped", process_instance_id=instance.id_, result_enabled=True)
    (result,) = as_user(request, "ana")
    assert result.execution.process_instance_id == instance.id_


def test_no_match_is_a_bad_request(deployment):
    request = pycamunda.message.CorrelateSingle(
        base_url(), message_name="compat-shipped", business_key=unique("nobody"), result_enabled=True)
    with pytest.raises(pycamunda.BadRequest, match="compat-shipped"):
        as_user(request, "ana")


def test_correlate_all_without_match_is_an_empty_list(deployment):
    request = pycamunda.message.CorrelateAll(
        base_url(), message_name="compat-no-such-message", result_enabled=True)
    assert as_user(request, "ana") == ()

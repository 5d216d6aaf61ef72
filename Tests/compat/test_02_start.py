"""Starting and reading process instances with pycamunda and the external-task client's EngineClient
(contract §2.3 start, §2.4, traps §0.4, §0.6)."""

import pycamunda
import pycamunda.processdef
import pycamunda.processinst
import pytest
from camunda.client.engine_client import EngineClient

from compat_support import USERS, as_user, base_url, rest, unique


def engine_client(user):
    return EngineClient(base_url(), config={"auth_basic": {"username": user, "password": USERS[user][0]}})


def test_start_with_pycamunda(deployment):
    url = base_url()
    business_key = unique("start-p")
    request = pycamunda.processdef.StartInstance(url, key="compat-review", business_key=business_key)
    request.add_variable("amount", 120)  # untyped: pycamunda sends "type": null, "valueInfo": null
    request.add_variable("customer", "ACME", type_="String")
    instance = as_user(request, "ana")
    assert instance.business_key == business_key
    assert instance.definition_id.startswith("compat-review:")
    assert instance.suspended is False
    assert instance.tenant_id is None
    assert [link.rel for link in instance.links] == ["self"]
    assert instance.links[0].href.endswith("/process-instance/" + instance.id_)

    fetched = as_user(pycamunda.processinst.Get(url, id_=instance.id_), "ana")
    assert fetched.id_ == instance.id_
    assert fetched.business_key == business_key

    amount = rest("GET", f"/process-instance/{instance.id_}/variables/amount", "admin")
    assert amount["value"] == 120
    assert amount["type"] == "Integer"


def test_start_with_variables_in_return(deployment):
    request = pycamunda.processdef.StartInstance(
        base_url(), key="compat-review", business_key=unique("start-v"), with_variables_in_return=True)
    request.add_variable("customer", "Initech")
    instance = as_user(request, "ana")
    assert instance.variables is not None
    assert instance.variables["customer"].value == "Initech"
    assert instance.variables["customer"].type_ == "String"


def test_start_with_engine_client(deployment):
    client = engine_client("ana")
    business_key = unique("start-e")
    started = client.start_process(
        "compat-review", {"amount": 7, "express": True, "items": ["a", "b"]}, business_key=business_key)
    assert started["businessKey"] == business_key
    assert started["ended"] is False
    assert started["definitionId"].startswith("compat-review:")
    listed = client.get_process_instance(process_key="compat-review")
    assert started["id"] in [item["id"] for item in listed]
    items = rest("GET", f"/process-instance/{started['id']}/variables/items", "admin")
    assert items["type"] == "Object"
    assert items["value"] == ["a", "b"]


def test_start_unknown_key_is_not_found(deployment):
    with pytest.raises(pycamunda.NotFound):
        as_user(pycamunda.processdef.StartInstance(base_url(), key="compat-no-such-process"), "ana")


def test_start_needs_a_starting_role(deployment):
    with pytest.raises(pycamunda.Forbidden):
        as_user(pycamunda.processdef.StartInstance(base_url(), key="compat-review"), "nora")


def test_unauthenticated_call_is_refused(deployment):
    request = pycamunda.processdef.StartInstance(base_url(), key="compat-review")
    with pytest.raises(pycamunda.Unauthorized):
        request()

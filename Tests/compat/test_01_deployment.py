"""Deployment and process definitions with pycamunda (contract §2.2, §2.3, traps §0.6–§0.9)."""

import pycamunda
import pycamunda.deployment
import pycamunda.processdef
import pytest

from compat_support import MODELS, as_user, base_url


def test_deploy_models_with_pycamunda(deployment):
    assert deployment.name == "compat"
    assert deployment.source == "baton compatibility suite"
    assert deployment.deployment_time is not None
    assert deployment.deployed_process_definitions is not None
    by_key = {d.key: d for d in deployment.deployed_process_definitions.values()}
    assert set(by_key) == {"compat-charge", "compat-notify", "compat-review"}
    charge = by_key["compat-charge"]
    assert charge.version == 1
    assert charge.resource == "compat-charge.bpmn"
    assert charge.deployment_id == deployment.id_
    assert charge.name == "Compat: charge"
    assert charge.category == "urn:baton:compat"
    assert charge.suspended is False
    assert charge.history_time_to_live == 30
    for definition_id, definition in deployment.deployed_process_definitions.items():
        assert definition.id_ == definition_id
        assert definition_id.startswith(definition.key + ":1:")
    assert [link.rel for link in deployment.links] == ["self"]


def test_unchanged_redeploy_returns_the_existing_deployment(deployment):
    request = pycamunda.deployment.Create(
        base_url(), name="compat", source="baton compatibility suite", enable_duplicate_filtering=True)
    files = [open(path, "rb") for path in sorted(MODELS.glob("*.bpmn"))]
    try:
        for handle in files:
            request.add_resource(handle)
        again = as_user(request, "ana")
    finally:
        for handle in files:
            handle.close()
    assert again.id_ == deployment.id_
    assert again.deployed_process_definitions is None


def test_raw_bytes_resource_is_recognised_as_bpmn(deployment):
    # pycamunda sends raw bytes with the part name as file name (`resource-0`, no .bpmn suffix).
    request = pycamunda.deployment.Create(base_url(), name="compat-raw")
    request.add_resource((MODELS.parent / "startup" / "compat-hello.bpmn").read_bytes())
    created = as_user(request, "ana")
    definitions = list(created.deployed_process_definitions.values())
    assert [d.key for d in definitions] == ["compat-hello"]
    assert definitions[0].resource == "resource-0"
    assert definitions[0].version >= 2  # version 1 came from `baton serve --deploy`


def test_invalid_model_is_a_bad_request():
    request = pycamunda.deployment.Create(base_url(), name="compat-broken")
    request.add_resource(("broken.bpmn", b"<bpmn:definitions xmlns:bpmn='http://www.omg.org/spec/BPMN/20100524/MODEL'>"
                                         b"<bpmn:process id='p' isExecutable='true'><bpmn:startEvent id='s'/>"))
    with pytest.raises(pycamunda.BadRequest):
        as_user(request, "ana")


def test_deploy_needs_the_analyst_role():
    request = pycamunda.deployment.Create(base_url(), name="compat-denied")
    request.add_resource(("denied.bpmn", (MODELS / "compat-charge.bpmn").read_bytes()))
    with pytest.raises(pycamunda.Forbidden):
        as_user(request, "rita")


def test_definitions_by_key_and_list(deployment):
    url = base_url()
    hello = as_user(pycamunda.processdef.Get(url, key="compat-hello"), "ana")
    assert hello.key == "compat-hello"
    charge = as_user(pycamunda.processdef.Get(url, key="compat-charge"), "ana")
    assert charge.deployment_id == deployment.id_
    assert charge.version == 1
    listed = as_user(pycamunda.processdef.GetList(url, key="compat-review", latest_version=True), "ana")
    assert [d.key for d in listed] == ["compat-review"]
    xml = as_user(pycamunda.processdef.GetXML(url, key="compat-review"), "ana")
    assert "Task_Review" in xml
    with pytest.raises(pycamunda.NotFound):
        as_user(pycamunda.processdef.Get(url, key="compat-no-such-process"), "ana")

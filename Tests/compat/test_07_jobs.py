"""Jobs and their incidents with the external-task client's EngineClient (contract §2.8, trap §0.1): an HTTP
connector job fails against a server that answers 503 until a failedJob incident appears; EngineClient.get_jobs
finds it and set_job_retry (which needs exactly 204) retries it once the server answers 200."""

import http.server
import threading

import pycamunda
import pycamunda.incident
import pycamunda.processdef
import pytest
from camunda.client.engine_client import EngineClient

from compat_support import as_user, base_url, password, rest, runtime_instance_ids, unique, wait_until


class Shop(http.server.ThreadingHTTPServer):
    """A local HTTP server answering `status` to every POST and counting the calls."""

    def __init__(self):
        self.status = 503
        self.calls = []
        super().__init__(("127.0.0.1", 0), ShopHandler)


class ShopHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.server.calls.append((self.headers.get("Idempotency-Key"), self.rfile.read(length).decode()))
        body = b'{"ok": true}'
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def shop():
    server = Shop()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_failed_job_incident_and_retry_with_engine_client(deployment, shop):
    url = base_url()
    request = pycamunda.processdef.StartInstance(url, key="compat-notify", business_key=unique("notify"))
    request.add_variable("notifyUrl", f"http://127.0.0.1:{shop.server_address[1]}/orders")
    request.add_variable("orderId", "order-17")
    instance = as_user(request, "ana")

    incidents = wait_until(
        lambda: as_user(pycamunda.incident.GetList(url, process_instance_id=instance.id_), "admin"),
        "a failedJob incident", timeout=90)
    (incident,) = incidents
    assert incident.incident_type == pycamunda.incident.IncidentType.failed_job
    assert incident.activity_id == "Task_Notify"
    tries = len(shop.calls)
    assert tries >= 1
    assert all(call == shop.calls[0] for call in shop.calls)  # the same Idempotency-Key (the job id) and payload
    assert shop.calls[0][1] == "order-17"

    client = EngineClient(url, config={"auth_basic": {"username": "admin", "password": password("admin")}})
    jobs = client.get_jobs(offset=0, limit=10, process_instance_id=instance.id_, with_failure=True)
    assert len(jobs) == 1
    job = jobs[0]
    assert job["retries"] == 0
    assert job["processInstanceId"] == instance.id_
    assert job["failedActivityId"] == "Task_Notify"
    assert "503" in job["exceptionMessage"]
    assert incident.configuration == job["id"]
    assert shop.calls[0][0] == job["id"]

    shop.status = 200
    assert client.set_job_retry(job["id"], retries=1) is True
    wait_until(lambda: not runtime_instance_ids(instance.id_), "the instance to end after the retry", timeout=60)
    assert len(shop.calls) == tries + 1
    status = rest("GET", "/history/variable-instance", "audrey",
                  params={"processInstanceId": instance.id_, "variableName": "notifyStatus"})
    assert [v["value"] for v in status] == [200]

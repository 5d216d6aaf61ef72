"""The demo worker: serves every external-task topic of processes/*.bpmn with deterministic stand-ins.

It uses the real Camunda 7 client (camunda-external-task-client-python3) against Baton's engine-rest API, and
also serves the small HTTP endpoint the support-inquiry process POSTs its reply to (the HTTP connector of
`Task_SendReply`). Configuration is by environment variable (see README.md):

    BATON_URL               engine-rest base URL           (default http://127.0.0.1:8080/engine-rest)
    BATON_WORKER_USER       user in the `workers` group    (default worker)
    BATON_WORKER_PASSWORD   its password                   (default: $DEMO_PASSWORD)
    BATON_WORKER_TOKEN      a bearer token instead of the password (POST /identity/token)
    DEMO_WORKER_ID          worker id sent to the engine   (default demo-worker)
    DEMO_REPLY_HOST         reply endpoint address         (default 127.0.0.1)
    DEMO_REPLY_PORT         reply endpoint port; 0 = any free port, `off` = no endpoint (default 8090)

Stops cleanly on SIGINT (Ctrl-C) or SIGTERM: a task being handled is finished and reported first.
"""

import http.server
import json
import logging
import os
import signal
import sys
import threading
import time

from camunda.external_task.external_task import ExternalTask
from camunda.external_task.external_task_worker import ExternalTaskWorker

import standins

log = logging.getLogger("demo-worker")


class Stop(Exception):
    """Raised by the signal handler to end a long poll early."""


class Replies(http.server.ThreadingHTTPServer):
    """The stand-in for the outbound mail/chat gateway: keeps every reply POSTed to /replies.

    Honours `Idempotency-Key` (the HTTP connector sends the job id): a repeated key answers the first response
    and stores nothing. `GET /replies` lists what was received, newest last.
    """

    daemon_threads = True

    def __init__(self, address):
        self.received = []
        self.by_key = {}
        self.lock = threading.Lock()
        super().__init__(address, ReplyHandler)


class ReplyHandler(http.server.BaseHTTPRequestHandler):
    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.split("?", 1)[0] != "/replies":
            return self._answer(404, {"error": "not found"})
        with self.server.lock:
            self._answer(200, list(self.server.received))

    def do_POST(self):
        if self.path.split("?", 1)[0] != "/replies":
            return self._answer(404, {"error": "not found"})
        length = int(self.headers.get("Content-Length") or 0)
        try:
            payload = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            return self._answer(400, {"error": "the body is not JSON"})
        key = self.headers.get("Idempotency-Key")
        with self.server.lock:
            if key and key in self.server.by_key:
                return self._answer(201, self.server.by_key[key])
            # REAL API CALL GOES HERE: hand the reply to the mail or chat gateway of payload["channel"].
            answer = {"id": f"reply-{len(self.server.received) + 1}", "status": "queued"}
            self.server.received.append({"id": answer["id"], "idempotencyKey": key, "payload": payload})
            if key:
                self.server.by_key[key] = answer
        log.info("reply %s to %s queued (%s)", answer["id"], (payload or {}).get("to"), (payload or {}).get("channel"))
        self._answer(201, answer)

    def log_message(self, *args):
        pass


def variables_of(task):
    """The task's variables as a plain dict (process variables and the activity's local inputs)."""
    return task.get_variables() or {}


def handle(task):
    """The client's action: run the topic's stand-in and turn its outcome into the client's task result."""
    topic = task.get_topic_name()
    handler = standins.HANDLERS.get(topic)
    if handler is None:
        return task.failure(f"the demo worker has no stand-in for topic '{topic}'", None, max_retries=0,
                            retry_timeout=0)
    try:
        outcome = handler(variables_of(task))
    except Exception as error:  # a stand-in bug: report it, the engine counts the retries down to an incident
        log.exception("stand-in for %s failed", topic)
        return task.failure(f"stand-in for '{topic}' failed: {error}", repr(error), max_retries=3, retry_timeout=5000)
    if outcome.error_code:
        log.info("%s %s: BPMN error %s (%s)", topic, task.get_business_key(), outcome.error_code,
                 outcome.error_message)
        return task.bpmn_error(outcome.error_code, outcome.error_message, outcome.variables)
    log.info("%s %s: completed with %s", topic, task.get_business_key(), sorted(outcome.variables))
    return task.complete(outcome.variables)


def configuration(env):
    user = env.get("BATON_WORKER_USER", "worker")
    token = env.get("BATON_WORKER_TOKEN")
    password = env.get("BATON_WORKER_PASSWORD") or env.get("DEMO_PASSWORD")
    config = {
        "maxTasks": 10,
        "lockDuration": 60000,
        # Long polling: the engine answers as soon as a task is there, else after this many milliseconds.
        "asyncResponseTimeout": int(env.get("DEMO_POLL_MILLIS", "10000")),
        "retries": 3,
        "retryTimeout": 5000,
        "sleepSeconds": 2,
    }
    if token:
        config["auth_bearer"] = {"access_token": token}
    elif password:
        config["auth_basic"] = {"username": user, "password": password}
    else:
        raise SystemExit("demo worker: set BATON_WORKER_PASSWORD (or DEMO_PASSWORD, or BATON_WORKER_TOKEN): "
                         f"the password of the user '{user}' (group workers)")
    return config


def start_replies(env):
    port = env.get("DEMO_REPLY_PORT", "8090")
    if port == "off":
        return None
    server = Replies((env.get("DEMO_REPLY_HOST", "127.0.0.1"), int(port)))
    threading.Thread(target=server.serve_forever, name="replies", daemon=True).start()
    return server


def main():
    level = os.environ.get("DEMO_LOG_LEVEL", "INFO").upper()
    # The client logs every poll and task on the root logger at INFO: keep its warnings and errors only, unless
    # DEMO_LOG_LEVEL=DEBUG.
    logging.basicConfig(level=logging.DEBUG if level == "DEBUG" else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s demo-worker %(levelname)s %(message)s")
    log.setLevel(level)
    env = os.environ
    url = env.get("BATON_URL", "http://127.0.0.1:8080/engine-rest").rstrip("/")
    worker = ExternalTaskWorker(worker_id=env.get("DEMO_WORKER_ID", "demo-worker"), base_url=url,
                                config=configuration(env))
    topics = sorted(standins.HANDLERS)

    state = {"stopping": False, "polling": False}

    def on_signal(signum, _frame):
        state["stopping"] = True
        if state["polling"]:
            raise Stop()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    replies = start_replies(env)
    where = f"http://{replies.server_address[0]}:{replies.server_address[1]}/replies" if replies else "off"
    print(f"demo worker ready: {len(topics)} topics at {url}; reply endpoint {where}", flush=True)

    failures = 0
    while not state["stopping"]:
        try:
            state["polling"] = True
            try:
                fetched = worker.client.fetch_and_lock(topics)
            finally:
                state["polling"] = False
            failures = 0
        except Stop:
            break
        except Exception as error:  # the engine is not up yet, restarts, or refused the credentials
            failures += 1
            log.warning("fetchAndLock failed (%s); retrying in %d s", error, min(failures, 5))
            try:
                state["polling"] = True
                time.sleep(min(failures, 5))
            except Stop:
                break
            finally:
                state["polling"] = False
            continue
        for context in fetched or []:
            try:
                worker.executor.execute_task(ExternalTask(context), handle)
            except Exception as error:  # e.g. the lock expired and another worker completed it
                log.warning("reporting task %s failed: %s", context.get("id"), error)
    if replies:
        replies.shutdown()
        replies.server_close()
    log.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())

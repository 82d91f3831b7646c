"""`make run` (bin/serve) as a subprocess: one Ctrl-C or one SIGTERM stops everything within a
few seconds (on SQLite and on PostgreSQL), and a worker that dies is started again while the
site keeps answering."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dearly.work.tests.helpers import ROOT, database_url, wait_for

STOP_WITHIN = 8  # seconds; bin/serve would kill what is left only after STOP_SECONDS=60


def answers(url) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def children_of(pid: int) -> dict[int, str]:
    """Processes whose parent is `pid`, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found[int(entry.name)] = cmdline
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def the_worker(serve) -> int | None:
    return next((pid for pid, cmd in children_of(serve.pid).items() if "manage.py work" in cmd), None)


@pytest.fixture
def serve(transactional_db):
    from conftest import free_port

    port = free_port()
    env = {**os.environ, "DEARLY_BIN": str(Path(sys.executable).parent), "PORT": str(port), "DEARLY_DEMO": "0",
           "DATABASE_URL": database_url(), "CACHE_URL": "locmem://", "STOP_SECONDS": "60", "WEB_WORKERS": "2",
           "LOG_LEVEL": "WARNING", "DESK_TWO_FACTOR": "1"}
    process = subprocess.Popen(["bin/serve"], cwd=ROOT, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process.url = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: answers(process.url + "/healthz") or process.poll() is not None, timeout=120)
        assert process.poll() is None, process.stderr.read().decode()[-3000:]
        assert wait_for(lambda: the_worker(process) is not None, timeout=30)
        yield process
    finally:
        everything = [process.pid, *children_of(process.pid)]
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        for pid in everything:  # each child runs in a group of its own
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        process.wait()


def exercise(serve):
    # Pages that use the database, so each web worker holds a connection.
    for _ in range(6):
        assert answers(serve.url + "/ask/")


def assert_everything_stops(serve, children):
    started = time.monotonic()
    serve.wait(STOP_WITHIN)
    assert wait_for(lambda: not any(running(pid) for pid in children), timeout=STOP_WITHIN - (time.monotonic() - started))
    assert not answers(serve.url + "/healthz")


def test_one_ctrl_c_stops_the_site_and_the_worker_within_seconds(serve):
    exercise(serve)
    children = list(children_of(serve.pid))
    assert len(children) == 2  # granian's master and the worker
    os.killpg(serve.pid, signal.SIGINT)  # what the terminal does on Ctrl-C: the whole foreground group
    assert_everything_stops(serve, children)


def test_one_sigterm_stops_everything_within_seconds(serve):
    exercise(serve)
    children = list(children_of(serve.pid))
    serve.send_signal(signal.SIGTERM)  # a service manager
    assert_everything_stops(serve, children)


def test_a_worker_that_dies_is_started_again_and_the_site_keeps_answering(serve):
    worker = the_worker(serve)
    os.kill(worker, signal.SIGKILL)
    assert answers(serve.url + "/healthz")
    assert wait_for(lambda: the_worker(serve) not in (None, worker), timeout=15)
    assert serve.poll() is None
    exercise(serve)
    children = list(children_of(serve.pid))
    serve.send_signal(signal.SIGTERM)
    assert_everything_stops(serve, children)

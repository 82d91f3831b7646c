"""Running real workers (`manage.py work` subprocesses) against the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(smtp_server=None, **extra) -> dict:
    # One process sends a newsletter unless a test asks for the worker's sender processes
    # (dearly/newsletter/senders.py): what a test counts is then one process's doing.
    env = {**os.environ, "DATABASE_URL": database_url(), "CACHE_URL": "locmem://", "LOG_LEVEL": "WARNING",
           "DEBUG": "0", "NEWSLETTER_PROCESSES": "1", **extra}
    if smtp_server is not None:
        env["EMAIL_URL"] = f"smtp://{smtp_server.host}:{smtp_server.port}"
    return env


def start_worker(*args, env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", "work", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(predicate, timeout=30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False

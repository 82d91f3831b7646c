"""The language models load and run with no network, and never try to reach one."""

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dearly.language import integrity

# Loads both models, uses them for several seconds (onnxruntime's telemetry waits a few seconds
# before it calls home), and reports every network call Python sees.
PROGRAM = textwrap.dedent("""
    import sys, time
    attempts = []
    def audit(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
            attempts.append((event, repr(args)[:200]))
    sys.addaudithook(audit)
    import os, socket
    if os.environ.get("DEARLY_TEST_CALL_HOME") == "1":  # what the check must catch
        try:
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        except OSError:
            pass
    from dearly.language import encoder, entities
    encoder.get_encoder()
    entities.get_pipeline()
    deadline = time.time() + 6
    while time.time() < deadline:
        encoder.encode(["my husband and I keep having the same fight"] * 4)
        entities.entities("Kyle and I moved from Provo to Leeds in 2019.")
    print("ATTEMPTS", attempts)
""")


def _run(tmp_path: Path, env_overrides: dict, strace: bool) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORT_", "HF_"))}
    env.update({"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / ".cache")}, **env_overrides)
    command = [sys.executable, "-c", PROGRAM]
    trace_file = tmp_path / "trace"
    if strace:
        command = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace_file), *command]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parents[3])
    assert result.returncode == 0, result.stderr[-2000:]
    trace = trace_file.read_text() if strace else ""
    return result.stdout, trace


def _network_calls(trace: str) -> list[str]:
    # Any connect or send to an IPv4/IPv6 address (a DNS query is a send to port 53).
    return [line for line in trace.splitlines() if re.search(r"AF_INET6?\b", line)]


@pytest.mark.slow
def test_the_models_load_and_run_without_any_network_call(tmp_path):
    stdout, trace = _run(tmp_path, {}, strace=shutil.which("strace") is not None)
    assert "ATTEMPTS []" in stdout
    assert _network_calls(trace) == []
    # onnxruntime's telemetry would also leave a device id under the home folder.
    assert not (tmp_path / ".cache" / "Microsoft").exists()


@pytest.mark.slow
def test_the_check_sees_a_connection_attempt(tmp_path):
    """The test above can fail: a program that tries to connect anywhere is caught."""
    stdout, trace = _run(tmp_path, {"DEARLY_TEST_CALL_HOME": "1"}, strace=shutil.which("strace") is not None)
    assert "ATTEMPTS []" not in stdout
    if shutil.which("strace"):
        assert _network_calls(trace)


def test_a_changed_model_file_is_refused(tmp_path):
    model = tmp_path / "model.onnx"
    model.write_bytes(b"not the model")
    with pytest.raises(integrity.ModelFileError, match="refusing to load"):
        integrity.checked(model, "0" * 64)


def test_a_missing_model_package_says_how_to_install_it():
    with pytest.raises(integrity.ModelFileError, match="make install"):
        integrity.package_dir("no_such_model_package_here")

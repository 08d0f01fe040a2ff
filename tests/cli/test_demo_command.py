"""`regie demo` brings up a working site on 127.0.0.1 with the embedded SQLite database."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port


@pytest.mark.slow
def test_regie_demo_serves_the_site_and_the_api(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["REGIE_VAR_DIR"] = str(tmp_path)
    regie = Path(sys.executable).with_name("regie")
    process = subprocess.Popen(
        [str(regie), "demo", "--port", str(port), "--no-cases"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = ""
    try:
        deadline = time.monotonic() + 120
        assert process.stdout is not None
        while "Demo-API-sleutel" not in output and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            output += line
        token = re.search(r"Demo-API-sleutel \(GM9901\): (\S+)", output)
        assert token, output
        assert f"http://127.0.0.1:{port}" in output
        assert "behandelaar" in output

        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                page = urllib.request.urlopen(f"{base}/melden", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        assert page.status == 200
        assert "Melden" in page.read().decode()

        body = json.dumps(
            {"municipality": "GM9901", "kind": "signaal", "channel": "api", "description": "Test"}
        ).encode()
        request = urllib.request.Request(
            f"{base}/api/v1/cases",
            data=body,
            headers={
                "Authorization": f"Token {token.group(1)}",
                "Content-Type": "application/json",
            },
        )
        created = urllib.request.urlopen(request, timeout=10)
        assert created.status == 201
        assert json.loads(created.read())["reference"].startswith("SG-")
        assert (tmp_path / "regie.sqlite3").exists()
    finally:
        process.terminate()
        process.wait(timeout=20)

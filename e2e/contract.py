"""The property-based contract test (R-SEC-1, R-API-1): schemathesis, from the committed
OpenAPI document, generates valid and invalid requests for every operation and sends them to a
release server signed in as the demo administrator. It fails on any 5xx, any dropped
connection, and any status or content type the contract does not document.

Run by `make contract` (part of `make test`) with SERVER_BIN pointing at the release binary.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("SERVER_BIN", str(ROOT / "target" / "release" / "bailleur"))
ST = str(ROOT / ".venv" / "bin" / "st")
# Operations that end the session the run is signed in with, or move it to another account:
# everything after them would only test the 401 answer.
SPARED = ["sign_out", "switch_account", "refresh"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(base: str, method: str, path: str, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def wait_ready(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("the server stopped before answering")
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("the server did not become ready")


def sign_in(base: str) -> str:
    """The demo administrator's access token, through the code read in the outbox."""
    outcome = call(base, "POST", "/api/v1/auth/sign-in",
                   {"login": "FLH0000001", "password": "Bailleur-Demo-2026!"})
    if "session" not in outcome:
        flow = outcome["flow"]
        code = None
        deadline = time.monotonic() + 20
        while code is None and time.monotonic() < deadline:
            for mail in call(base, "GET", "/api/v1/dev/outbox"):
                if mail["to"] == "admin@flh.example":
                    found = re.search(r"^\s*(\d{6})\s*$", mail["text"], re.MULTILINE)
                    if found:
                        code = found.group(1)
                        break
            else:
                time.sleep(0.05)
        if code is None:
            sys.exit("no code in the outbox")
        outcome = call(base, "POST", f"/api/v1/auth/flows/{flow['id']}/otp", {"code": code})
    return outcome["session"]["access_token"]


SOFTWARE_OPERATIONS = [
    "list_tenants", "get_tenant", "submit_declarations", "list_declarations", "get_declaration",
    "submit_batch", "get_batch", "list_declaration_changes", "list_payments", "get_partner",
    "oauth_token",
]


def client_token(base: str, admin_token: str) -> str:
    """A client-credentials token of an API client with every scope (R-API-2)."""
    issued = call(base, "POST", "/api/v1/partner/api-clients",
                  {"name": "Contrat", "scopes": ["tenants:read", "declarations:read",
                                                 "declarations:write", "payments:read",
                                                 "partner:read"]}, token=admin_token)
    import base64
    import urllib.parse
    basic = base64.b64encode(
        f"{issued['client']['client_id']}:{issued['client_secret']}".encode()).decode()
    request = urllib.request.Request(
        base + "/api/v1/oauth/token",
        data=urllib.parse.urlencode({"grant_type": "client_credentials"}).encode(),
        method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Authorization", f"Basic {basic}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["access_token"]


def schemathesis(base: str, token: str, extra: list) -> int:
    command = [
        ST, "run", str(ROOT / "openapi" / "openapi.json"), "--url", base,
        "--header", f"Authorization: Bearer {token}",
        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance",
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", os.environ.get("CONTRACT_EXAMPLES", "25"),
        "--workers", "2", "--seed", "11", "--no-color",
        "--suppress-health-check", "all",
    ] + extra
    return subprocess.run(command, env={**os.environ, "NO_COLOR": "1"}).returncode


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="bailleur-contract-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "BAILLEUR_ADDR": f"127.0.0.1:{port}", "BAILLEUR_DATA_DIR": str(data_dir),
           "BAILLEUR_MAIL_TRANSPORT": "outbox", "RUST_LOG": "error"}
    env.pop("BAILLEUR_DATABASE_URL", None)
    for command in ("migrate", "seed-demo"):
        subprocess.run([SERVER, command], env=env, check=True, capture_output=True)
    log = open(data_dir / "server.log", "w")
    server = subprocess.Popen([SERVER, "serve"], env=env, stdout=log, stderr=log)
    try:
        wait_ready(base, server)
        token = sign_in(base)
        excluded = []
        for operation in SPARED:
            excluded += ["--exclude-operation-id", operation]
        returncode = schemathesis(base, token, excluded)
        # The same operations again as software would call them, with its token: made after the
        # first run, which revokes clients with the ids it tries.
        software = client_token(base, token)
        included = []
        for operation in SOFTWARE_OPERATIONS:
            included += ["--include-operation-id", operation]
        software_returncode = schemathesis(base, software, included)
        if server.poll() is not None:
            print("the server stopped during the run", file=sys.stderr)
            return 1
        log.flush()
        panics = [line for line in (data_dir / "server.log").read_text().splitlines()
                  if "panicked" in line]
        if panics:
            print("the server panicked:\n" + "\n".join(panics[:10]), file=sys.stderr)
            return 1
        return returncode or software_returncode
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())

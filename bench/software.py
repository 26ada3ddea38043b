"""`make bench`, issue 13 (R-API-2): what software's access costs, each figure a ratio to a
baseline of the same run. Called by run.py's main() once the bare handler was measured; it runs
its own server, so that the thousands of grants and declarations it records touch no other
figure."""
import base64
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGIN = "FLH0000001"
PASSWORD = "Bailleur-Demo-2026!"
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
REPLAY_SECONDS = 5
TENANTS = 1_000
BATCHES = 5
# Found back through the tenant search (`q=`): no demo tenant's name or address holds it.
LAST_NAME = "Logiciel"
# Keycloak's sizing guide: one vCPU for each 120 client-credentials grants per second.
KEYCLOAK_GRANTS_PER_VCPU = 120
# Without it the one client of the benchmark would be held to 50 requests/s (R-API-2's
# default), and every figure would measure the limiter.
RATE_LIMIT_ENV = {"BAILLEUR_API_CLIENT_REQUESTS_PER_SECOND": "1000000"}


def call(base, path, body=None, token=None, headers=None):
    """(answer headers, parsed body, seconds spent up to the last byte). `body` is sent as
    given when bytes or text, as JSON otherwise. A non-2xx answer ends the run with its body."""
    headers = dict(headers or {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = body
    if body is not None and not isinstance(body, (bytes, str)):
        data = json.dumps(body)
        headers.setdefault("Content-Type", "application/json")
    if isinstance(data, str):
        data = data.encode()
    request = urllib.request.Request(base + path, data=data, headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            raw = response.read()
            seconds = time.perf_counter() - started
            return response.headers, json.loads(raw), seconds
    except urllib.error.HTTPError as error:
        sys.exit(f"{request.get_method()} {path} answered {error.code}: {error.read()[:2000]!r}")


def command(args, env):
    """A `bailleur` command's standard output; its error output ends the run if it fails."""
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{done.stderr}")
    return done.stdout


def scripted_wrk(base, path, script, connections, seconds, headers, extra_env=None):
    """wrk's output for a run driven by a bench/*.lua script (run.py's `wrk` only scripts the
    sign-in). Failed answers are left for `throughput` to count, not fatal: a refusal under
    load is a finding to report."""
    options = []
    for header in headers:
        options += ["-H", header]
    return subprocess.run(
        ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "30s",
         "-s", str(ROOT / "bench" / script), *options, base + path],
        env={**os.environ, **(extra_env or {})}, check=True, capture_output=True, text=True,
    ).stdout


def throughput(output):
    """(successful requests/s, failed answers): wrk's rate counts refusals too."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", output))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket:
        failed += sum(int(n) for n in socket.groups())
    return (rate * max(total - failed, 0) / total if total else 0.0), failed


def percentile_ms(output, percentile):
    """One line of wrk's "Latency Distribution" (`--latency`), in milliseconds."""
    value, unit = re.search(rf"\s{percentile}%\s+([\d.]+)(us|ms|s)\b", output).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def import_tenants(server_bin, env, siret, work):
    """TENANTS tenants of FLH, with `bailleur import tenants` as an operator would."""
    lines = ["bailleur;numero_allocataire;prenom;nom;adresse_1;code_postal;ville;surface_m2;meuble;"
             "decent;debut_bail;loyer;charges;colocataires;tiers_payant"]
    for i in range(TENANTS):
        number = f"{9_700_000 + i:07}"
        lines.append(f"{siret};{number};Lou;{LAST_NAME}{number};5 rue Kervegan;44000;Nantes;35;non;oui;"
                     "2025-01-01;480,00;40,00;1;oui")
    csv = work / "tenants.csv"
    csv.write_text("\n".join(lines) + "\n")
    command([server_bin, "import", "tenants", str(csv)], env)


def tenant_ids(base, token):
    """The imported tenants' ids, read back page by page as software would."""
    ids, page = [], 1
    while len(ids) < TENANTS:
        _, listed, _ = call(base, f"/api/v1/tenants?q={LAST_NAME}&page={page}", token=token)
        if not listed["items"]:
            sys.exit(f"found {len(ids)} imported tenants of {TENANTS}")
        ids += [tenant["id"] for tenant in listed["items"]]
        page += 1
    return ids


def post_batches(base, token, ids):
    """BATCHES batches of one moving out per tenant, each on another date so that each is a new
    request, each under its own key. Returns (seconds of each, the last body, its key)."""
    timings = []
    for n in range(1, BATCHES + 1):
        day = (date.today() + timedelta(days=n)).isoformat()
        body = json.dumps({"items": [{"tenant_id": tenant, "declarations": [{"kind": "moving_out", "date": day}]}
                                     for tenant in ids]}).encode()
        key = f"bench-batch-{n}-{uuid.uuid4()}"
        headers, batch, seconds = call(base, "/api/v1/declaration-batches", body, token,
                                       {"Content-Type": "application/json", "Idempotency-Key": key})
        recorded = sum(len(item["items"]) for item in batch["items"])
        assert recorded == len(ids) and headers.get("Idempotent-Replayed") is None, (recorded, dict(headers))
        timings.append(seconds)
    return timings, body, key


def software_report(server_bin, env, wrk, bare_rate_16, serve_signed_in):
    """The markdown section. `wrk` and `serve_signed_in` are run.py's (importing run.py from
    here would load it a second time, beside the running `__main__`)."""
    work = Path(tempfile.mkdtemp(prefix="bailleur-bench-software-"))
    # serve_signed_in picks its own data directory; naming the SQLite file lets the import
    # command below write into the database the server reads.
    env = {**env, **RATE_LIMIT_ENV, "BAILLEUR_DATABASE_URL": f"sqlite://{work / 'bailleur.db'}?mode=rwc"}
    server, base = serve_signed_in(server_bin, env)
    try:
        # The email was validated by serve_signed_in's code: this sign-in ends in a session.
        _, signed_in, _ = call(base, "/api/v1/auth/sign-in", {"login": LOGIN, "password": PASSWORD})
        assert signed_in["status"] == "signed_in", signed_in
        session = signed_in["session"]["access_token"]
        _, partner, _ = call(base, "/api/v1/partner", token=session)
        _, issued, _ = call(base, "/api/v1/partner/api-clients", {"name": "Banc d'essai", "scopes": [
            "tenants:read", "declarations:read", "declarations:write", "payments:read", "partner:read"]},
            session)
        basic = base64.b64encode(f"{issued['client']['client_id']}:{issued['client_secret']}".encode()).decode()

        output = scripted_wrk(base, "/api/v1/oauth/token", "token.lua", 16, DURATION,
                              [f"Authorization: Basic {basic}"])
        grants, refused_grants = throughput(output)

        # A token of 15 minutes, asked after the grants' run: it outlives the rest.
        _, granted, _ = call(base, "/api/v1/oauth/token", "grant_type=client_credentials", None,
                             {"Authorization": f"Basic {basic}",
                              "Content-Type": "application/x-www-form-urlencoded"})
        client = granted["access_token"]
        # Session, client, client, session, averaged: the shared machine's drift favours neither.
        lists = {"session": [], "client": []}
        for who in ("session", "client", "client", "session"):
            token = session if who == "session" else client
            lists[who].append(wrk(base, 16, "/api/v1/tenants?page=1", [f"Authorization: Bearer {token}"]))
        list_rate = {who: statistics.mean(rate for rate, _ in runs) for who, runs in lists.items()}
        list_p99 = {who: statistics.mean(p99 for _, p99 in runs) for who, runs in lists.items()}

        import_tenants(server_bin, env, partner["siret"], work)
        ids = tenant_ids(base, client)
        timings, body, key = post_batches(base, client, ids)

        body_file = work / "batch.json"
        body_file.write_bytes(body)
        headers, _, _ = call(base, "/api/v1/declaration-batches", body, client,
                             {"Content-Type": "application/json", "Idempotency-Key": key})
        assert headers.get("Idempotent-Replayed") == "true", dict(headers)
        output = scripted_wrk(base, "/api/v1/declaration-batches", "replay.lua", 1, REPLAY_SECONDS,
                              [f"Authorization: Bearer {client}"],
                              {"BENCH_BODY_FILE": str(body_file), "BENCH_IDEMPOTENCY_KEY": key})
        replays, refused_replays = throughput(output)
        p50, p90, p99 = (percentile_ms(output, p) for p in (50, 90, 99))
    finally:
        server.terminate()
        server.wait()
    # Measured once the server is down, so that it has the cores to itself as the server had.
    raw = json.loads(command([server_bin, "bench-raw-declarations", "--rows", str(TENANTS),
                              "--repeat", str(BATCHES)], env))

    cores = os.cpu_count() or 1
    per_core = grants / cores
    list_ratio = list_rate["client"] / list_rate["session"]
    median = statistics.median(timings)
    declarations = len(ids) / median
    batch_ratio = declarations / raw["rows_per_second"]
    if p99 <= 5:
        replay_met = "yes (p99 ≤ 5 ms)"
    elif p90 > 5:
        replay_met = "no (p90 > 5 ms)"
    else:
        replay_met = "undecided (p90 ≤ 5 ms < p99)"
    yes = {True: "yes", False: "no"}
    refusals = f", {refused_grants} refused" if refused_grants else ""
    return "\n".join([
        "",
        "## Software access (issue 13)",
        "",
        f"Measured by `{os.environ.get('BENCH_COMMAND', 'make bench')}` on {time.strftime('%Y-%m-%d')}, same run, on a "
        f"server of its own (release build, SQLite, the demo, {cores} cores shared with wrk, 1 thread),",
        "started with `BAILLEUR_API_CLIENT_REQUESTS_PER_SECOND=1000000`: the per-client rate limit",
        "(50 requests/s by default) would otherwise cap the benchmark's one API client. The client has",
        f"all five scopes. {DURATION} s per wrk run, {REPLAY_SECONDS} s for the replay.",
        "",
        "| measure | value | baseline, same run | ratio | goal | met |",
        "|---|---:|---:|---:|---:|---|",
        f"| client-credentials grants/s, c=16{refusals} | {grants:.0f} ({per_core:.0f} per core) | "
        f"bare handler, c=16: {bare_rate_16:.0f} req/s | **{grants / bare_rate_16:.2f}** | "
        f"> {KEYCLOAK_GRANTS_PER_VCPU} grants/s per core (Keycloak) | {yes[per_core > KEYCLOAK_GRANTS_PER_VCPU]} |",
        f"| `GET /api/v1/tenants?page=1`, client token, c=16 | {list_rate['client']:.0f} req/s "
        f"(p99 {list_p99['client']:.1f} ms) | admin's session token: {list_rate['session']:.0f} req/s "
        f"(p99 {list_p99['session']:.1f} ms) | **{list_ratio:.2f}** | ≥ 0.9 | {yes[list_ratio >= 0.9]} |",
        f"| batch of {len(ids):,} declarations over HTTP (median of {BATCHES}: {median * 1000:.0f} ms) | "
        f"{declarations:,.0f} declarations/s | raw batched insert: {raw['rows_per_second']:,.0f} rows/s | "
        f"**{batch_ratio:.2f}** | ≥ 0.2 | {yes[batch_ratio >= 0.2]} |",
        f"| replay of that batch under its `Idempotency-Key`, c=1 ({replays:.0f} replays/s"
        f"{f', {refused_replays} refused' if refused_replays else ''}) | p50 {p50:.2f} ms, p90 {p90:.2f} ms, "
        f"p99 {p99:.2f} ms | | | p95 ≤ 5 ms | {replay_met} |",
        "",
        "- A grant is a full `POST /api/v1/oauth/token` (HTTP Basic, `bench/token.lua`): the throttle",
        "  counter of the client and its address taken, the client and its administrator read, the",
        "  secret's hash compared, the JWT signed, then the client's last use and",
        "  the audit event written in one transaction. Per core counts every core of the machine,",
        "  wrk's share included. The bare handler (`bailleur bench-bare`) is run.py's, measured above.",
        "- The tenant list is the same request with either token, measured in the order session,",
        "  client, client, session and averaged.",
        f"- The batch: {TENANTS:,} tenants imported first with `bailleur import tenants`, then {BATCHES}",
        f"  `POST /api/v1/declaration-batches` of one `moving_out` each (dates today + 1 … + {BATCHES} days),",
        "  each under a new `Idempotency-Key`, timed from the request to the answer's last byte. The",
        f"  floor is `bailleur bench-raw-declarations --rows {TENANTS} --repeat {BATCHES}`: the same",
        "  rows (a declaration and its status change each) by `insert_many` in statements of 500 in",
        "  one transaction, on a fresh SQLite file with the demo, median of the repeats.",
        "- The replay sends the last batch again, byte for byte, with its key (`bench/replay.lua`):",
        "  each answer is the stored one (`Idempotent-Replayed: true`). wrk prints p90 and p99, not p95:",
        "  p95 lies between them.",
        "",
    ])

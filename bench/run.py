#!/usr/bin/env python3
"""`make bench`: measures the release server against baselines measured in the same run and
writes docs/benchmarks.md. Sign-in (R-AUTH-1, R-AUTH-7): requests per second at 2, 16 and 64
concurrent clients (wrk) against raw argon2 verifications per second on every core, and the p99
latency against one verification."""
import email
import email.policy
import json
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from software import software_report

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "target" / "release" / "bailleur"
LOGIN = "FLH0000001"
PASSWORD = "Bailleur-Demo-2026!"
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post(base, path, body):
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def newest_code(outbox):
    newest = max(outbox.glob("*.eml"), key=lambda path: path.stat().st_mtime_ns)
    message = email.message_from_bytes(newest.read_bytes(), policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",)).get_content()
    return next(line.strip() for line in text.splitlines() if re.fullmatch(r"\s*\d{6}\s*", line))


def wrk(base, connections, path="/api/v1/auth/sign-in", headers=()):
    """Requests/s and p99 (ms) of `path`; the sign-in path posts the demo credentials."""
    options = ["-s", str(ROOT / "bench" / "sign_in.lua")] if path.endswith("/sign-in") else []
    for header in headers:
        options += ["-H", header]
    output = subprocess.run(
        ["wrk", "-t", "1", "-c", str(connections), "-d", f"{DURATION}s", "--latency", "--timeout", "30s",
         *options, base + path],
        env={**os.environ, "BENCH_LOGIN": LOGIN, "BENCH_PASSWORD": PASSWORD},
        check=True, capture_output=True, text=True,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        sys.exit(f"wrk saw failed requests:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", output).groups()
    p99_ms = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rate, p99_ms


def serve_signed_in(server_bin, env):
    """Starts `server_bin serve` on a fresh SQLite file with the demo; signs in once through the
    code (the next sign-ins within 24 h need none). Returns (process, base URL)."""
    data_dir = Path(tempfile.mkdtemp(prefix="bailleur-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**env, "BAILLEUR_ADDR": f"127.0.0.1:{port}", "BAILLEUR_DATA_DIR": str(data_dir)}
    for command in ("migrate", "seed-demo"):
        subprocess.run([server_bin, command], env=env, check=True, capture_output=True)
    server = subprocess.Popen([server_bin, "serve"], env=env, stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/readyz")
            break
        except OSError:
            time.sleep(0.1)
    outcome = post(base, "/api/v1/auth/sign-in", {"login": LOGIN, "password": PASSWORD})
    if outcome["status"] == "step_due":
        flow = outcome["flow"]["id"]
        code = None
        for _ in range(200):  # the code may be written just after the answer
            try:
                code = newest_code(data_dir / "outbox")
                break
            except (ValueError, StopIteration):
                time.sleep(0.05)
        outcome = post(base, f"/api/v1/auth/flows/{flow}/otp", {"code": code})
    assert outcome["status"] == "signed_in", outcome
    return server, base


def sign_in_rows(base):
    wrk(base, 2)  # warm-up
    return [(c, *wrk(base, c)) for c in (2, 16, 64)]


def main():
    env = {**os.environ, "BAILLEUR_MAIL_TRANSPORT": "outbox", "RUST_LOG": "warn"}
    env.pop("BAILLEUR_DATABASE_URL", None)
    data_dir = Path(tempfile.mkdtemp(prefix="bailleur-bench-"))
    env["BAILLEUR_DATA_DIR"] = str(data_dir)
    for command in ("migrate", "seed-demo"):
        subprocess.run([SERVER, command], env=env, check=True, capture_output=True)

    def verify_baseline():
        return json.loads(subprocess.run(
            [SERVER, "bench-verify", "--seconds", str(DURATION)], env=env, check=True,
            capture_output=True, text=True).stdout)

    # The machine is shared: the baseline is taken before and after the load, and averaged.
    before = verify_baseline()
    # An earlier build (BENCH_BEFORE_SERVER, e.g. the commit before a change) measured in the
    # same run, so that a change's cost on sign-in is a ratio of one run, not of two days.
    # The two builds are measured in the order now, earlier, earlier, now and each averaged, so
    # that the shared machine's drift during the run favours neither.
    earlier = os.environ.get("BENCH_BEFORE_SERVER")
    earlier_rows = None

    def rows_of(server_bin):
        server, base = serve_signed_in(server_bin, env)
        try:
            return sign_in_rows(base)
        finally:
            server.terminate()
            server.wait()

    def averaged(first, second):
        return [(c, (r1 + r2) / 2, (p1 + p2) / 2) for (c, r1, p1), (_, r2, p2) in zip(first, second)]

    first_now = rows_of(SERVER) if earlier else None
    if earlier:
        earlier_rows = averaged(rows_of(earlier), rows_of(earlier))
    server, base = serve_signed_in(SERVER, env)
    try:
        rows = sign_in_rows(base)
        if first_now:
            rows = averaged(first_now, rows)
        # The landlord's tenant list (issue 6), authenticated, against a bare JSON handler.
        session = post(base, "/api/v1/auth/sign-in", {"login": LOGIN, "password": PASSWORD})
        assert session["status"] == "signed_in", session
        bearer = "Authorization: Bearer " + session["session"]["access_token"]
        tenant_rows = [(c, *wrk(base, c, "/api/v1/tenants?page=1", [bearer])) for c in (16, 64)]
    finally:
        server.terminate()
        server.wait()
    bare_port = free_port()
    bare_base = f"http://127.0.0.1:{bare_port}"
    bare = subprocess.Popen([SERVER, "bench-bare", "--addr", f"127.0.0.1:{bare_port}"], env=env,
                            stdout=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(bare_base + "/bare")
                break
            except OSError:
                time.sleep(0.1)
        bare_rows = {c: wrk(bare_base, c, "/bare") for c in (16, 64)}
    finally:
        bare.terminate()
        bare.wait()
    after = verify_baseline()

    baseline = before
    verify_rate = (before["verifies_per_second"] + after["verifies_per_second"]) / 2
    single = (before["single_verify_ms"] + after["single_verify_ms"]) / 2
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    lines = [
        "| concurrent clients | sign-ins/s | ratio to argon2 verifies/s (goal ≥ 0.9) | p99 | p99 ÷ one verify |",
        "|---:|---:|---:|---:|---:|",
    ]
    for connections, rate, p99 in rows:
        lines.append(f"| {connections} | {rate:.1f} | {rate / verify_rate:.2f} | {p99:.1f} ms | {p99 / single:.2f} |")
    if earlier_rows:
        lines += [
            "",
            f"The same sign-in, same run, with an earlier build (`{os.environ.get('BENCH_BEFORE_LABEL', earlier)}`);",
            "both builds measured twice, in the order now, earlier, earlier, now, and averaged:",
            "",
            "| concurrent clients | earlier sign-ins/s | earlier ratio | ratio now | now ÷ earlier | earlier p99 ÷ one verify |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for (connections, rate, p99), (_, now_rate, _) in zip(earlier_rows, rows):
            lines.append(f"| {connections} | {rate:.1f} | {rate / verify_rate:.2f} | {now_rate / verify_rate:.2f} | "
                         f"**{now_rate / rate:.2f}** | {p99 / single:.2f} |")
    report = "\n".join([
        "## Sign-in throughput (issue 4)",
        "",
        f"Measured by `{os.environ.get('BENCH_COMMAND', 'make bench')}` on {time.strftime('%Y-%m-%d')}: {baseline['threads']} cores ({cpu}), "
        f"release build, SQLite, {DURATION} s per run with wrk (1 thread).",
        "",
        f"Baseline in the same run, before and after the load (averaged): raw argon2id verification "
        f"(m=19456 KiB, t=2, p=1) on {baseline['threads']} threads: **{verify_rate:.1f} verifies/s** "
        f"({before['verifies_per_second']:.1f} before, {after['verifies_per_second']:.1f} after); one "
        f"verification alone: **{single:.1f} ms**.",
        "",
        *lines,
        "",
        "Each sign-in is a full `POST /api/v1/auth/sign-in` that ends in a session (the account's",
        "email was validated by a code just before, so no code is due): throttling checks, one argon2",
        "verification on the pool of one hashing thread per core, the session and refresh-token rows, the audit",
        "event, the JWT. Goal at c=2: p99 ≤ 2 × one verification.",
        "",
    ])
    linking = json.loads(subprocess.run(
        [SERVER, "bench-linking", "--accounts", "10000"], env=env, check=True,
        capture_output=True, text=True).stdout)
    ratio = linking["group_change_ms"] / linking["single_change_ms"]
    report += "\n".join([
        "",
        "## Linked accounts (issue 5)",
        "",
        f"Same run, same SQLite file: a group of {linking['group_size']:,} accounts sharing one email and",
        "one credential row (R-LINK-4), and a single account; median of 30 password changes each",
        "(the UPDATE of the credential and the revocation of the group's other sessions, committed).",
        "",
        "| measure | value | goal |",
        "|---|---:|---:|",
        f"| shared-password change, group of {linking['group_size']:,} | {linking['group_change_ms']:.2f} ms | |",
        f"| the same on a single account | {linking['single_change_ms']:.2f} ms | |",
        f"| ratio | **{ratio:.2f}** | ≤ 1.5 |",
        f"| `select_account` search in the group, p95 of {linking['searches']} (median {linking['select_search_median_ms']:.2f} ms) | **{linking['select_search_p95_ms']:.2f} ms** | ≤ 20 ms |",
        "",
    ])
    space_dir = Path(tempfile.mkdtemp(prefix="bailleur-bench-space-"))
    imported = json.loads(subprocess.run(
        [SERVER, "bench-import", "--rows", "100000", "--dir", str(space_dir)], env=env, check=True,
        capture_output=True, text=True).stdout)
    pages = json.loads(subprocess.run(
        [SERVER, "bench-pages", "--tenants", "1000000", "--runs", "200", "--dir", str(space_dir)], env=env,
        check=True, capture_output=True, text=True).stdout)
    list_lines = [
        "| concurrent clients | tenant list req/s | bare handler req/s | ratio (goal ≥ 0.25) | p99 list | p99 bare |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for connections, rate, p99 in tenant_rows:
        bare_rate, bare_p99 = bare_rows[connections]
        list_lines.append(f"| {connections} | {rate:.0f} | {bare_rate:.0f} | **{rate / bare_rate:.2f}** | {p99:.1f} ms | {bare_p99:.1f} ms |")
    import_ratio = imported["import_rows_per_second"] / imported["raw_rows_per_second"]
    page_ratio = pages["large_p95_ms"] / pages["small_p95_ms"]
    report += "\n".join([
        "",
        "## The landlord space (issue 6)",
        "",
        "Same run. `GET /api/v1/tenants?page=1` with a bearer token (JWT checked; the session and its",
        "partner read, then remembered for one second, so with wrk's single token the database is read",
        f"once a second for it; the partner's current leases joined: {LOGIN}'s first page, one statement)",
        "against an actix server",
        "with one handler returning a JSON page of the same shape, no database (`bailleur bench-bare`),",
        "with the same worker count; wrk, 1 thread, on the same two cores.",
        "",
        *list_lines,
        "",
        f"CSV import of {imported['rows']:,} tenant rows (tenant, dwelling and lease each; every value checked,",
        "then batches of 1,000 in one transaction) against the raw batched insert of the same rows",
        "(multi-row prepared INSERTs, nothing checked), each into its own fresh SQLite file:",
        "",
        "| measure | rows/s |",
        "|---|---:|",
        f"| `bailleur import tenants` | {imported['import_rows_per_second']:,.0f} |",
        f"| raw batched insert | {imported['raw_rows_per_second']:,.0f} |",
        f"| ratio (goal ≥ 0.2) | **{import_ratio:.2f}** |",
        "",
        f"Tenant pages of one landlord holding 1,000 tenants: p95 over {3 * 200} calls (the list at pages",
        "1–5, a name search, a tenant's detail) with those 1,000 tenants alone in the database, then",
        f"with {pages['large_tenants']:,} tenants in it (the others another landlord's, inserted in",
        f"{pages['fill_seconds']:.0f} s):",
        "",
        "| measure | p95 |",
        "|---|---:|",
        f"| 1,000 tenants in the database | {pages['small_p95_ms']:.2f} ms |",
        f"| {pages['large_tenants']:,} tenants in the database | {pages['large_p95_ms']:.2f} ms |",
        f"| ratio (goal ≤ 2) | **{page_ratio:.2f}** |",
        "",
    ])
    # Software's access (issue 13), on a server of its own, against the bare handler above.
    report += software_report(SERVER, env, wrk, bare_rows[16][0], serve_signed_in)
    target = ROOT / "docs" / "benchmarks.md"
    header = "# Benchmarks\n\nEvery figure here is produced by `make bench` (bench/run.py) and is a ratio to a baseline measured in the same run.\n\n"
    notes = ROOT / "bench" / "notes.md"
    target.write_text(header + report + ("\n" + notes.read_text() if notes.exists() else ""))
    print(report)


if __name__ == "__main__":
    main()

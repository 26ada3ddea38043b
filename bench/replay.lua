-- wrk script: a batch already recorded, sent again under the same Idempotency-Key, so that every
-- answer is the stored one (Idempotent-Replayed: true) and nothing is recorded again. The body
-- is read from the file named by BENCH_BODY_FILE, byte for byte what the first request sent;
-- the key comes from BENCH_IDEMPOTENCY_KEY, the bearer token from the driver's -H.
local file = assert(io.open(assert(os.getenv("BENCH_BODY_FILE"), "BENCH_BODY_FILE unset"), "rb"))
wrk.body = file:read("*a")
file:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Idempotency-Key"] = assert(os.getenv("BENCH_IDEMPOTENCY_KEY"), "BENCH_IDEMPOTENCY_KEY unset")

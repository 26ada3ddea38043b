-- wrk script: POST /api/v1/auth/sign-in with a JSON body. wrk reports non-2xx answers itself
-- ("Non-2xx or 3xx responses"), which the driver treats as a failed run.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"login":"' .. (os.getenv("BENCH_LOGIN") or "FLH0000001") ..
           '","password":"' .. (os.getenv("BENCH_PASSWORD") or "Bailleur-Demo-2026!") .. '"}'

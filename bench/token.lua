-- wrk script: the OAuth 2.0 client-credentials grant (POST /api/v1/oauth/token, RFC 6749 §4.4).
-- The client authenticates by HTTP Basic, passed by the driver with -H "Authorization: Basic …",
-- so that the secret never sits in a file. Non-2xx answers are counted by wrk and reported.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=client_credentials"

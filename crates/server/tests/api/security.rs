//! R-SEC-1, R-SEC-2: what the server refuses to do, whoever asks and however.
use crate::helpers::{Options, TestApp, spawn_app, spawn_app_with_options};
use bailleur_api_types::auth::SessionTokens;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Runs `bailleur serve` with `env` and no mail setting; its exit status and error output.
fn serve_with(env: &[(&str, &str)]) -> (bool, String) {
    let data = std::env::temp_dir().join(format!("bailleur-serve-{}", std::process::id()));
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_bailleur"));
    command
        .arg("serve")
        .env_remove("BAILLEUR_MAIL_TRANSPORT")
        .env_remove("BAILLEUR_SECRET")
        .env_remove("BAILLEUR_CONFIG")
        .env_remove("BAILLEUR_DATABASE_URL")
        .env("BAILLEUR_DATA_DIR", &data)
        .env("BAILLEUR_ADDR", "127.0.0.1:0");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("bailleur runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn r_sec_1_serve_refuses_to_start_without_a_real_mail_transport() {
    let (started, error) = serve_with(&[]);
    assert!(!started);
    assert!(error.contains("BAILLEUR_MAIL_TRANSPORT=smtp"), "{error}");
    assert!(error.contains("BAILLEUR_SMTP_HOST"), "{error}");
}

#[test]
fn r_sec_1_serve_refuses_a_short_secret() {
    let (started, error) = serve_with(&[
        ("BAILLEUR_MAIL_TRANSPORT", "smtp"),
        ("BAILLEUR_SECRET", "too short"),
    ]);
    assert!(!started);
    assert!(error.contains("at least 32"), "{error}");
}

async fn signed_in(app: &TestApp) -> SessionTokens {
    app.signed_in("FLH0000001", "admin@flh.example").await
}

/// A request that must be refused with a 4xx problem, never a dropped connection or a 5xx.
async fn refused(app: &TestApp, request: reqwest::RequestBuilder, what: &str) -> StatusCode {
    let response = request
        .send()
        .await
        .unwrap_or_else(|error| panic!("{what}: {error}"));
    let status = response.status();
    assert!(status.is_client_error(), "{what}: {status}");
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().expect("ascii").to_owned())
        .unwrap_or_default();
    assert_eq!(content_type, "application/problem+json", "{what}");
    let problem: Value = response
        .json()
        .await
        .unwrap_or_else(|_| panic!("{what}: a problem body"));
    assert_eq!(problem["status"], status.as_u16(), "{what}");
    // The server is still there.
    assert_eq!(
        app.http
            .get(app.url("/healthz"))
            .send()
            .await
            .expect("alive")
            .status(),
        StatusCode::OK,
        "{what}"
    );
    status
}

#[tokio::test]
async fn r_sec_1_hostile_input_gets_a_problem_and_never_a_panic() {
    let app = spawn_app().await;
    let tokens = signed_in(&app).await;
    let token = tokens.access_token.clone();
    let get = |path: &str| app.http.get(app.url(path)).bearer_auth(&token);
    for list in [
        "/api/v1/tenants",
        "/api/v1/declarations",
        "/api/v1/payments",
        "/api/v1/session/accounts",
        "/api/v1/me/linked-accounts",
    ] {
        for page in [
            "9223372036854775808",
            "18446744073709551616",
            "-1",
            "0",
            "100001",
            "1e3",
            "%00",
        ] {
            let status = refused(
                &app,
                get(&format!("{list}?page={page}")),
                &format!("{list} page {page}"),
            )
            .await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{list} page {page}"
            );
        }
    }
    for (method, path) in [
        (Method::PATCH, "/api/v1/me"),
        (Method::PATCH, "/api/v1/partner"),
        (Method::POST, "/api/v1/auth/sign-in"),
    ] {
        for body in [
            "[null, null]",
            "[\"FLH0000001\", \"x\"]",
            "null",
            "42",
            "\"text\"",
        ] {
            let request = app
                .http
                .request(method.clone(), app.url(path))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body(body);
            let status = refused(&app, request, &format!("{method} {path} {body}")).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path} {body}");
        }
    }
    let deep = format!(
        "{{\"first_name\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let huge = format!("{{\"first_name\": \"{}\"}}", "x".repeat(2_000_000));
    let cases: Vec<(&str, reqwest::RequestBuilder)> = vec![
        ("deep nesting", app.http.patch(app.url("/api/v1/me")).bearer_auth(&token).header("content-type", "application/json").body(deep)),
        ("oversized body", app.http.patch(app.url("/api/v1/me")).bearer_auth(&token).header("content-type", "application/json").body(huge)),
        ("invalid UTF-8", app.http.patch(app.url("/api/v1/me")).bearer_auth(&token).header("content-type", "application/json").body(vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'])),
        ("wrong content type", app.http.post(app.url("/api/v1/auth/sign-in")).header("content-type", "text/plain").body("login=a&password=b")),
        ("no body", app.http.post(app.url("/api/v1/auth/sign-in"))),
        ("huge id", get("/api/v1/tenants/99999999999999999999")),
        ("negative id", get("/api/v1/declarations/-5")),
        ("long flow id", app.http.get(app.url(&format!("/api/v1/auth/flows/{}", "a".repeat(8_000))))),
        ("bad query", get("/api/v1/payments?from=2026-13-45")),
        ("bad enum", get("/api/v1/declarations?kind=everything")),
        ("huge amount", app.http.post(app.url("/api/v1/declarations")).bearer_auth(&token).json(&json!({ "tenant_id": 1, "declarations": [{ "kind": "rent", "rent_cents": 9_223_372_036_854_775_807_i64, "charges_cents": -1 }] }))),
        ("huge switch id", app.http.post(app.url("/api/v1/session/switch")).bearer_auth(&token).json(&json!({ "account_id": 1e300 }))),
    ];
    for (what, request) in cases {
        refused(&app, request, what).await;
    }
}

#[tokio::test]
async fn r_sec_1_every_response_carries_the_security_headers() {
    let app = spawn_app_with_options(Options {
        hsts: true,
        ..Default::default()
    })
    .await;
    for path in [
        "/",
        "/connexion",
        "/api/v1/cafs/441",
        "/api/v1/nowhere",
        "/api/v1/session",
        "/swagger-ui/",
        "/api-docs/openapi.json",
        "/healthz",
    ] {
        let response = app.http.get(app.url(path)).send().await.expect("answered");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().expect("ascii").to_owned())
                .unwrap_or_else(|| panic!("{path}: no {name}"))
        };
        let policy = header("content-security-policy");
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(policy.contains("default-src 'self'"), "{path}: {policy}");
        assert!(
            !policy.contains("unsafe-eval'") || policy.contains("'wasm-unsafe-eval'"),
            "{path}"
        );
        if !path.starts_with("/swagger-ui") {
            assert!(
                policy.contains("script-src 'self' 'wasm-unsafe-eval';"),
                "{path}: {policy}"
            );
            assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        }
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(
            header("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(
            header("strict-transport-security").starts_with("max-age="),
            "{path}"
        );
    }
    let plain = spawn_app().await;
    let response = plain
        .http
        .get(plain.url("/"))
        .send()
        .await
        .expect("answered");
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .is_none(),
        "no HSTS over plain HTTP"
    );
}

#[tokio::test]
async fn r_sec_2_only_an_administrator_changes_the_partners_address_payment_and_bank_details() {
    let app = spawn_app().await;
    let agent = app.signed_in("FLH0000002", "agent@flh.example").await;
    let before: Value = app
        .call(Method::GET, "/api/v1/partner", &agent, json!(null))
        .await
        .json()
        .await
        .expect("partner");
    let change = json!({ "direct_payment": !before["direct_payment"].as_bool().expect("bool"),
        "address": { "line1": "1 rue Volée", "line2": null, "postal_code": "44000", "city": "Nantes" } });
    let patched = app
        .call(Method::PATCH, "/api/v1/partner", &agent, change.clone())
        .await;
    assert_eq!(patched.status(), StatusCode::FORBIDDEN);
    let bank = app
        .call(
            Method::POST,
            "/api/v1/partner/bank-details",
            &agent,
            json!({ "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP" }),
        )
        .await;
    assert_eq!(bank.status(), StatusCode::FORBIDDEN);
    let after: Value = app
        .call(Method::GET, "/api/v1/partner", &agent, json!(null))
        .await
        .json()
        .await
        .expect("partner");
    assert_eq!(before, after, "nothing changed");
    // The administrator may; every administrator is told.
    let admin = signed_in(&app).await;
    let notices_before = app.mail_count_to("admin@flh.example");
    let patched = app
        .call(Method::PATCH, "/api/v1/partner", &admin, change)
        .await;
    assert_eq!(patched.status(), StatusCode::OK);
    assert_eq!(app.mail_count_to("admin@flh.example"), notices_before + 1);
    let notice = app
        .mails
        .lock()
        .expect("mails")
        .last()
        .cloned()
        .expect("a notice");
    assert!(
        notice.subject.contains("ont été modifiées"),
        "{}",
        notice.subject
    );
    assert!(
        notice.text.contains("FLH0000001") && notice.text.contains("44000"),
        "{}",
        notice.text
    );
    assert_eq!(
        app.mail_count_to("agent@flh.example"),
        1,
        "only the sign-in code went to the agent"
    );
    // A physical landlord is his own administrator.
    let jeanne = app
        .signed_in("JMARTIN044", "jeanne.martin@perso.example")
        .await;
    let own = app
        .call(
            Method::PATCH,
            "/api/v1/partner",
            &jeanne,
            json!({ "direct_payment": true }),
        )
        .await;
    assert_eq!(own.status(), StatusCode::OK);
    assert!(
        app.mails
            .lock()
            .expect("mails")
            .iter()
            .any(|mail| mail.to == "jeanne.martin@perso.example"
                && mail.subject.contains("ont été modifiées"))
    );
}

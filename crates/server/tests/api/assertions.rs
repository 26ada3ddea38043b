//! R-API-2: `private_key_jwt` (RFC 7523): a client that registered a public key signs a short
//! JWT; its `jti` serves once, its audience is the token endpoint, it lives five minutes at
//! most; such a client has no use for a secret.
use crate::helpers::TestApp;
use crate::helpers::spawn_app;
use bailleur_api_types::software::IssuedApiClient;
use bailleur_core::Clock;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A P-256 key made for these tests (PKCS#8 DER) and its public coordinates.
const PRIVATE_KEY: &str = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgKl9fTJG0PI9bbp/J+Eyi4MSALTHVPUlRuAQVNHUTxFGhRANCAARVtJDZkD2BUXmDIvIUnIUrKzmWFbrQ6Nb8tuw9GZjSbqsUdmoRXTi8CAaHl9RrkDnVIjDNs5TJl0JnBK5OuxFX";
const X: &str = "VbSQ2ZA9gVF5gyLyFJyFKys5lhW60OjW_LbsPRmY0m4";
const Y: &str = "qxR2ahFdOLwIBoeX1GuQOdUiMM2zlMmXQmcErk67EVc";
const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

async fn key_client(app: &TestApp) -> IssuedApiClient {
    let admin = app.admin().await;
    let response = app
        .call(
            Method::POST,
            "/api/v1/partner/api-clients",
            &admin,
            json!({"name": "Signé", "scopes": ["tenants:read"],
                   "public_key": {"kty": "EC", "crv": "P-256", "x": X, "y": Y}}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let issued: IssuedApiClient = response.json().await.unwrap();
    assert_eq!(issued.client.public_key_algorithm.as_deref(), Some("ES256"));
    issued
}

fn assertion(app: &TestApp, client_id: &str, claims: Value) -> String {
    let now = app.clock.now().unix_timestamp();
    let mut body = json!({
        "iss": client_id, "sub": client_id, "aud": token_endpoint(),
        "exp": now + 120, "iat": now, "jti": format!("jti-{now}-{}", rand_suffix()),
    });
    for (name, value) in claims.as_object().unwrap() {
        body[name] = value.clone();
    }
    let der = base64::engine::general_purpose::STANDARD
        .decode(PRIVATE_KEY)
        .unwrap();
    jsonwebtoken::encode(
        &Header::new(Algorithm::ES256),
        &body,
        &EncodingKey::from_ec_der(&der),
    )
    .unwrap()
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn token_endpoint() -> String {
    format!("{}/api/v1/oauth/token", crate::helpers::PUBLIC_URL)
}

async fn grant(app: &TestApp, signed: &str) -> reqwest::Response {
    app.token_form(
        &[
            ("grant_type", "client_credentials"),
            ("client_assertion_type", JWT_BEARER),
            ("client_assertion", signed),
        ],
        None,
    )
    .await
}

#[tokio::test]
async fn r_api_2_a_client_gets_a_token_with_a_signed_jwt_once_per_jti() {
    let app = spawn_app().await;
    let issued = key_client(&app).await;
    let signed = assertion(&app, &issued.client.client_id, json!({}));
    let first = grant(&app, &signed).await;
    assert_eq!(first.status(), StatusCode::OK);
    let again = grant(&app, &signed).await;
    assert_eq!(
        again.status(),
        StatusCode::UNAUTHORIZED,
        "a jti serves once"
    );
    // Its secret is of no use.
    let secret = app
        .token_form(
            &[("grant_type", "client_credentials")],
            Some((&issued.client.client_id, &issued.client_secret)),
        )
        .await;
    assert_eq!(secret.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn r_api_2_a_jwt_assertion_must_name_the_client_the_endpoint_and_a_short_life() {
    let app = spawn_app().await;
    let issued = key_client(&app).await;
    let id = issued.client.client_id.as_str();
    for (what, claims) in [
        (
            "another audience",
            json!({"aud": "https://elsewhere.example/token"}),
        ),
        (
            "another subject",
            json!({"sub": "ebc_0000000000000000000000"}),
        ),
        (
            "expired",
            json!({"exp": app.clock.now().unix_timestamp() - 1}),
        ),
        (
            "ten minutes long",
            json!({"exp": app.clock.now().unix_timestamp() + 600}),
        ),
    ] {
        let response = grant(&app, &assertion(&app, id, claims)).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{what}");
        // Past the throttle's lock: each refusal is for its own reason.
        app.clock.advance(time::Duration::minutes(16));
    }
    // Signed by another key (a forged signature): refused.
    let signed = assertion(&app, id, json!({}));
    let (head, rest) = signed.rsplit_once('.').unwrap();
    let mut signature = rest.as_bytes().to_vec();
    signature[5] = if signature[5] == b'A' { b'B' } else { b'A' };
    let forged = format!("{head}.{}", String::from_utf8(signature).unwrap());
    assert_eq!(
        grant(&app, &forged).await.status(),
        StatusCode::UNAUTHORIZED
    );
    app.clock.advance(time::Duration::minutes(16));
    // HS256 with the public key as its secret (the algorithm-confusion attack): refused.
    let now = app.clock.now().unix_timestamp();
    let confused = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &json!({"iss": id, "sub": id, "aud": token_endpoint(), "exp": now + 60, "jti": "c"}),
        &EncodingKey::from_secret(X.as_bytes()),
    )
    .unwrap();
    assert_eq!(
        grant(&app, &confused).await.status(),
        StatusCode::UNAUTHORIZED
    );
    app.clock.advance(time::Duration::minutes(16));
    let fine = grant(&app, &assertion(&app, id, json!({}))).await;
    assert_eq!(fine.status(), StatusCode::OK);
}

#[tokio::test]
async fn r_api_2_only_p256_and_rsa_2048_keys_are_registered() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for key in [
        json!({"kty": "EC", "crv": "P-384", "x": X, "y": Y}),
        json!({"kty": "oct", "k": "c2VjcmV0"}),
        json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
        json!({"kty": "EC", "crv": "P-256", "x": "AAAA", "y": Y}),
    ] {
        let response = app
            .call(
                Method::POST,
                "/api/v1/partner/api-clients",
                &admin,
                json!({"name": "Clé", "scopes": ["tenants:read"], "public_key": key}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{key}");
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "public_key");
    }
}

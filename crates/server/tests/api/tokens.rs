//! R-API-2: the token endpoint: each way a client authenticates, RFC 6749's errors, the
//! throttle of failures and concurrent grants.
use crate::helpers::spawn_app;
use crate::software::oauth_error;
use bailleur_api_types::software::TokenResponse;
use bailleur_client::Credentials;
use reqwest::{Method, StatusCode};
use serde_json::json;
use time::Duration;

#[tokio::test]
async fn r_api_2_a_client_gets_a_token_by_basic_and_by_client_secret_post() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app
        .api_client(&admin, &["tenants:read", "partner:read"])
        .await;
    let basic = app
        .token_form(
            &[("grant_type", "client_credentials")],
            Some((&issued.client.client_id, &issued.client_secret)),
        )
        .await;
    assert_eq!(basic.status(), StatusCode::OK);
    assert_eq!(basic.headers()["Cache-Control"], "no-store");
    let token: TokenResponse = basic.json().await.unwrap();
    assert_eq!(token.token_type, "Bearer");
    assert_eq!(token.expires_in, 900);
    assert_eq!(token.scope, "tenants:read partner:read");

    let post = app
        .token_form(
            &[
                ("grant_type", "client_credentials"),
                ("scope", "tenants:read"),
                ("client_id", &issued.client.client_id),
                ("client_secret", &issued.client_secret),
            ],
            None,
        )
        .await;
    assert_eq!(post.status(), StatusCode::OK);
    let token: TokenResponse = post.json().await.unwrap();
    assert_eq!(token.scope, "tenants:read");
    assert_eq!(app.audit_count("api_token_issued").await, 2);

    // The typed client does the same, and renews by itself.
    let client = app.client.clone().credentials(Credentials::client_secret(
        &issued.client.client_id,
        &issued.client_secret,
    ));
    let page = client
        .list_tenants(&Default::default())
        .await
        .expect("tenants through the client");
    assert!(page.total > 0);
}

#[tokio::test]
async fn r_api_2_wrong_secret_unknown_client_and_revoked_client_are_invalid_client() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["tenants:read"]).await;
    let form = [("grant_type", "client_credentials")];
    for (id, secret) in [
        (issued.client.client_id.as_str(), "eb_live_wrong"),
        ("ebc_0000000000000000000000", issued.client_secret.as_str()),
        ("ebc_nobody", issued.client_secret.as_str()),
        (issued.client.client_id.as_str(), ""),
    ] {
        let (status, challenge, error) =
            oauth_error(app.token_form(&form, Some((id, secret))).await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(challenge.unwrap().starts_with("Basic"));
        assert_eq!(serde_json::to_value(error.error).unwrap(), "invalid_client");
    }
    let token = app.client_token(&issued).await;
    let ok = app
        .call(Method::GET, "/api/v1/tenants", &token, json!(null))
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    app.call(
        Method::DELETE,
        &format!("/api/v1/partner/api-clients/{}", issued.client.id),
        &admin,
        json!(null),
    )
    .await;
    // Refused the moment it is revoked (this process), its token too.
    let refused = app
        .call(Method::GET, "/api/v1/tenants", &token, json!(null))
        .await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let (status, _, _) = oauth_error(
        app.token_form(
            &form,
            Some((&issued.client.client_id, &issued.client_secret)),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(app.audit_count("api_token_refused").await >= 4);
}

#[tokio::test]
async fn r_api_2_the_token_endpoint_answers_rfc_6749_errors() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["tenants:read"]).await;
    let basic = Some((
        issued.client.client_id.as_str(),
        issued.client_secret.as_str(),
    ));
    for (form, status, code) in [
        (
            vec![("grant_type", "password")],
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
        ),
        (vec![], StatusCode::BAD_REQUEST, "invalid_request"),
        (
            vec![
                ("grant_type", "client_credentials"),
                ("scope", "payments:read"),
            ],
            StatusCode::BAD_REQUEST,
            "invalid_scope",
        ),
        (
            vec![("grant_type", "client_credentials"), ("scope", "admin")],
            StatusCode::BAD_REQUEST,
            "invalid_scope",
        ),
        (
            vec![
                ("grant_type", "client_credentials"),
                ("grant_type", "client_credentials"),
            ],
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            vec![
                ("grant_type", "client_credentials"),
                ("client_id", issued.client.client_id.as_str()),
                ("client_secret", issued.client_secret.as_str()),
            ],
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
    ] {
        let (got, _, error) = oauth_error(app.token_form(&form, basic).await).await;
        assert_eq!(got, status, "{form:?}");
        assert_eq!(serde_json::to_value(error.error).unwrap(), code, "{form:?}");
    }
    let json = app
        .http
        .post(app.url("/api/v1/oauth/token"))
        .basic_auth(&issued.client.client_id, Some(&issued.client_secret))
        .json(&json!({"grant_type": "client_credentials"}))
        .send()
        .await
        .unwrap();
    let (status, _, error) = oauth_error(json).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        serde_json::to_value(error.error).unwrap(),
        "invalid_request"
    );
}

#[tokio::test]
async fn r_api_2_failed_client_authentications_are_throttled_per_client_id() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["tenants:read"]).await;
    let form = [("grant_type", "client_credentials")];
    let id = issued.client.client_id.as_str();
    let mut throttled = None;
    for _ in 0..6 {
        let response = app.token_form(&form, Some((id, "eb_live_guess"))).await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            throttled = Some(response);
            break;
        }
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let throttled = throttled.expect("locked after the free failures");
    assert!(throttled.headers().contains_key("Retry-After"));
    // Even the right secret waits for the lock to pass.
    let right = app
        .token_form(&form, Some((id, &issued.client_secret)))
        .await;
    assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(Duration::minutes(1));
    let right = app
        .token_form(&form, Some((id, &issued.client_secret)))
        .await;
    assert_eq!(right.status(), StatusCode::OK);
}

/// Software that asks many tokens at once is served: proofs of 256 random bits are checked side
/// by side, only failures are counted.
#[tokio::test]
async fn r_api_2_thirty_two_simultaneous_grants_of_one_client_are_all_served() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["tenants:read"]).await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..32 {
        let (http, url) = (app.http.clone(), app.url("/api/v1/oauth/token"));
        let (id, secret) = (
            issued.client.client_id.clone(),
            issued.client_secret.clone(),
        );
        tasks.spawn(async move {
            http.post(url)
                .basic_auth(id, Some(secret))
                .form(&[("grant_type", "client_credentials")])
                .send()
                .await
                .expect("answered")
                .status()
        });
    }
    while let Some(status) = tasks.join_next().await {
        assert_eq!(status.unwrap(), StatusCode::OK);
    }
    assert_eq!(app.audit_count("api_token_issued").await, 32);
}

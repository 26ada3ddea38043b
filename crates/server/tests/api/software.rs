//! R-API-2: API clients, the client-credentials grant and what its tokens may call.
use crate::helpers::{TestApp, spawn_app};
use bailleur_api_types::auth::SessionTokens;
use bailleur_api_types::software::{ApiClientList, IssuedApiClient, OAuthError, TokenResponse};
use bailleur_client::{ClientError, Credentials};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use time::Duration;

pub const ADMIN: (&str, &str) = ("FLH0000001", "admin@flh.example");

impl TestApp {
    pub async fn admin(&self) -> SessionTokens {
        self.signed_in(ADMIN.0, ADMIN.1).await
    }

    /// A client of FLH with `scopes`, created by its administrator.
    pub async fn api_client(&self, admin: &SessionTokens, scopes: &[&str]) -> IssuedApiClient {
        let response = self
            .call(
                Method::POST,
                "/api/v1/partner/api-clients",
                admin,
                json!({"name": "Gestion 2000", "scopes": scopes}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.expect("issued client")
    }

    pub async fn token_form(
        &self,
        form: &[(&str, &str)],
        basic: Option<(&str, &str)>,
    ) -> reqwest::Response {
        let mut request = self.http.post(self.url("/api/v1/oauth/token")).form(form);
        if let Some((id, secret)) = basic {
            request = request.basic_auth(id, Some(secret));
        }
        request.send().await.expect("token request")
    }

    /// A token of `client` by HTTP Basic.
    pub async fn client_token(&self, client: &IssuedApiClient) -> SessionTokens {
        let response = self
            .token_form(
                &[("grant_type", "client_credentials")],
                Some((&client.client.client_id, &client.client_secret)),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let token: TokenResponse = response.json().await.expect("token");
        // `call` takes a session's tokens: the client's token in the same shape.
        SessionTokens {
            access_token: token.access_token,
            token_type: token.token_type,
            expires_in: token.expires_in,
            refresh_token: None,
            account: bailleur_api_types::auth::AccountSummary {
                id: bailleur_api_types::AccountId(0),
                identifier: String::new(),
                first_name: String::new(),
                last_name: String::new(),
                partner_name: String::new(),
                caf_number: String::new(),
                role: bailleur_api_types::AccountRole::User,
            },
        }
    }
}

pub async fn oauth_error(response: reqwest::Response) -> (StatusCode, Option<String>, OAuthError) {
    let status = response.status();
    let challenge = response
        .headers()
        .get("WWW-Authenticate")
        .map(|value| value.to_str().unwrap().to_owned());
    (
        status,
        challenge,
        response.json().await.expect("an RFC 6749 error"),
    )
}

#[tokio::test]
async fn r_api_2_an_administrator_creates_lists_rotates_and_revokes_api_clients() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app
        .api_client(&admin, &["tenants:read", "declarations:write"])
        .await;
    assert!(issued.client_secret.starts_with("eb_live_"));
    assert!(issued.client_secret.len() >= "eb_live_".len() + 43);
    assert!(issued.client.client_id.starts_with("ebc_"));
    assert!(
        issued
            .client_secret
            .ends_with(&issued.client.secret_last_four)
    );

    let list: ApiClientList = app
        .call(
            Method::GET,
            "/api/v1/partner/api-clients",
            &admin,
            json!(null),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.items.len(), 1);
    let listed = serde_json::to_string(&list).unwrap();
    assert!(
        !listed.contains(&issued.client_secret),
        "the secret is shown once"
    );
    let stored = bailleur_entity::api_client::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        stored
            .iter()
            .all(|row| row.secret_hash != issued.client_secret),
        "stored hashed"
    );

    let rotated: IssuedApiClient = app
        .call(
            Method::POST,
            &format!("/api/v1/partner/api-clients/{}/secret", issued.client.id),
            &admin,
            json!(null),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(rotated.client_secret, issued.client_secret);
    assert!(rotated.client.previous_secret_expires_at.is_some());

    let revoked = app
        .call(
            Method::DELETE,
            &format!("/api/v1/partner/api-clients/{}", issued.client.id),
            &admin,
            json!(null),
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    let list: ApiClientList = app
        .call(
            Method::GET,
            "/api/v1/partner/api-clients",
            &admin,
            json!(null),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(list.items.is_empty());
    for kind in [
        "api_client_created",
        "api_client_secret_rotated",
        "api_client_revoked",
    ] {
        assert_eq!(app.audit_count(kind).await, 1, "{kind}");
    }
}

use sea_orm::EntityTrait;

#[tokio::test]
async fn r_api_2_only_the_administrator_manages_api_clients() {
    let app = spawn_app().await;
    let agent = app.signed_in("FLH0000002", "agent@flh.example").await;
    for (method, path) in [
        (Method::GET, "/api/v1/partner/api-clients".to_owned()),
        (Method::POST, "/api/v1/partner/api-clients".to_owned()),
    ] {
        let response = app
            .call(
                method,
                &path,
                &agent,
                json!({"name": "x", "scopes": ["tenants:read"]}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    // Another partner's administrator cannot touch FLH's client.
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["tenants:read"]).await;
    let other = app
        .signed_in("JMARTIN044", "jeanne.martin@perso.example")
        .await;
    let response = app
        .call(
            Method::DELETE,
            &format!("/api/v1/partner/api-clients/{}", issued.client.id),
            &other,
            json!(null),
        )
        .await;
    assert!(
        matches!(
            response.status(),
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ),
        "{}",
        response.status()
    );
    app.client_token(&issued).await;
}

#[tokio::test]
async fn r_api_2_a_rotated_secret_works_24_hours_more_then_not() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["tenants:read"]).await;
    let rotated: IssuedApiClient = app
        .call(
            Method::POST,
            &format!("/api/v1/partner/api-clients/{}/secret", issued.client.id),
            &admin,
            json!(null),
        )
        .await
        .json()
        .await
        .unwrap();
    let form = [("grant_type", "client_credentials")];
    let with = |secret: &str| (issued.client.client_id.clone(), secret.to_owned());
    for secret in [&issued.client_secret, &rotated.client_secret] {
        let (id, secret) = with(secret);
        assert_eq!(
            app.token_form(&form, Some((&id, &secret))).await.status(),
            StatusCode::OK
        );
    }
    app.clock
        .advance(Duration::hours(24) + Duration::seconds(1));
    let (id, old) = with(&issued.client_secret);
    assert_eq!(
        app.token_form(&form, Some((&id, &old))).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let (id, new) = with(&rotated.client_secret);
    assert_eq!(
        app.token_form(&form, Some((&id, &new))).await.status(),
        StatusCode::OK
    );
}

/// Each endpoint group with the scope it needs; a token without it gets 403 with RFC 6750's
/// challenge.
#[tokio::test]
async fn r_api_2_scopes_are_enforced_on_every_endpoint_group() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let groups = [
        ("tenants:read", Method::GET, "/api/v1/tenants"),
        ("declarations:read", Method::GET, "/api/v1/declarations"),
        (
            "declarations:read",
            Method::GET,
            "/api/v1/declarations/changes",
        ),
        ("declarations:write", Method::POST, "/api/v1/declarations"),
        (
            "declarations:write",
            Method::POST,
            "/api/v1/declaration-batches",
        ),
        ("payments:read", Method::GET, "/api/v1/payments"),
        ("partner:read", Method::GET, "/api/v1/partner"),
    ];
    for (scope, method, path) in &groups {
        let others: Vec<&str> = bailleur_api_types::software::Scope::ALL
            .iter()
            .map(|scope| scope.as_str())
            .filter(|other| other != scope)
            .collect();
        let without = app.api_client(&admin, &others).await;
        let token = app.client_token(&without).await;
        let response = app.call(method.clone(), path, &token, json!({})).await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{path} without {scope}"
        );
        assert_eq!(
            response.headers()["WWW-Authenticate"],
            format!("Bearer error=\"insufficient_scope\", scope=\"{scope}\"").as_str()
        );
        let with = app.api_client(&admin, &[scope]).await;
        let token = app.client_token(&with).await;
        let response = app.call(method.clone(), path, &token, json!({})).await;
        assert_ne!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{path} with {scope}"
        );
        assert_ne!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{path} with {scope}"
        );
    }
}

#[tokio::test]
async fn r_api_2_software_is_refused_on_person_only_endpoints() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let all: Vec<&str> = bailleur_api_types::software::Scope::ALL
        .iter()
        .map(|scope| scope.as_str())
        .collect();
    let issued = app.api_client(&admin, &all).await;
    let token = app.client_token(&issued).await;
    for (method, path) in [
        (Method::GET, "/api/v1/me"),
        (Method::PATCH, "/api/v1/me"),
        (Method::POST, "/api/v1/me/password"),
        (Method::GET, "/api/v1/me/linked-accounts"),
        (Method::GET, "/api/v1/session"),
        (Method::GET, "/api/v1/session/accounts"),
        (Method::POST, "/api/v1/session/switch"),
        (Method::GET, "/api/v1/partner/users"),
        (Method::GET, "/api/v1/partner/api-clients"),
        (Method::POST, "/api/v1/partner/api-clients"),
        (Method::PATCH, "/api/v1/partner"),
    ] {
        let response = app.call(method, path, &token, json!({})).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["type"], "/problems/person-only", "{path}");
    }
}

#[tokio::test]
async fn r_api_2_each_client_is_held_to_its_rate() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["partner:read"]).await;
    let token = app.client_token(&issued).await;
    // The clock stands still: the bucket (twice the rate of 50/s) never refills.
    let mut limited = None;
    for sent in 1..=101 {
        let response = app
            .call(Method::GET, "/api/v1/partner", &token, json!(null))
            .await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some((sent, response));
            break;
        }
        assert_eq!(response.status(), StatusCode::OK);
    }
    let (sent, response) = limited.expect("limited");
    assert_eq!(sent, 101);
    assert!(response.headers().contains_key("Retry-After"));
    // A person's session is not metered.
    let person = app
        .call(Method::GET, "/api/v1/partner", &admin, json!(null))
        .await;
    assert_eq!(person.status(), StatusCode::OK);
    let error = app
        .client
        .clone()
        .credentials(Credentials::client_secret(
            &issued.client.client_id,
            &issued.client_secret,
        ))
        .retry_policy(bailleur_client::RetryPolicy::never())
        .get_partner()
        .await
        .expect_err("still limited");
    assert_eq!(error.status(), Some(429));
    assert!(matches!(
        error,
        ClientError::TryLater { .. } | ClientError::Problem(_)
    ));
}

/// A client acts for the administrator who created it: once that account is disabled, the
/// client gets no token and its tokens stop (within the second of the session rule).
#[tokio::test]
async fn r_api_2_a_client_stops_with_the_administrator_who_created_it() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["partner:read"]).await;
    let token = app.client_token(&issued).await;
    let creator = bailleur_entity::account::Entity::find_by_id(admin.account.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut disabled: bailleur_entity::account::ActiveModel = creator.into();
    disabled.status = Set(bailleur_api_types::UserStatus::Disabled);
    disabled.update(&app.db).await.unwrap();
    app.clock.advance(Duration::seconds(2));
    let refused = app
        .call(Method::GET, "/api/v1/partner", &token, json!(null))
        .await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let (status, _, _) = oauth_error(
        app.token_form(
            &[("grant_type", "client_credentials")],
            Some((&issued.client.client_id, &issued.client_secret)),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

//! R-AUTH-8: access tokens, refresh rotation, reuse detection, sign-out, lifetime.
use crate::helpers::spawn_app;
use bailleur_api_types::auth::SessionTokens;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

const LOGIN: &str = "FLH0000001";
const EMAIL: &str = "admin@flh.example";

#[tokio::test]
async fn r_auth_8_a_reused_refresh_token_revokes_the_session() {
    let app = spawn_app().await;
    let first = app.signed_in(LOGIN, EMAIL).await;
    let old_refresh = first
        .refresh_token
        .clone()
        .expect("refresh token in the body");
    let response = app.refresh(&old_refresh).await;
    assert_eq!(response.status(), StatusCode::OK);
    let second: SessionTokens = response.json().await.expect("tokens");
    assert_ne!(second.refresh_token.as_deref(), Some(old_refresh.as_str()));
    assert_eq!(
        app.get_session(&second.access_token).await.status(),
        StatusCode::OK
    );
    // Someone replays the old token: the whole session dies.
    assert_eq!(
        app.refresh(&old_refresh).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get_session(&second.access_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let newest = second.refresh_token.expect("refresh token");
    assert_eq!(
        app.refresh(&newest).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.audit_count("refresh_token_reused").await, 1);
}

#[tokio::test]
async fn r_auth_8_sign_out_revokes_the_session_before_the_token_expires() {
    let app = spawn_app().await;
    let tokens = app.signed_in(LOGIN, EMAIL).await;
    let response = app.sign_out(&tokens).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_session(&tokens.access_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let refresh = tokens.refresh_token.expect("refresh token");
    assert_eq!(
        app.refresh(&refresh).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.audit_count("signed_out").await, 1);
}

#[tokio::test]
async fn r_auth_8_sessions_end_after_twelve_hours_whatever_the_refreshes() {
    let app = spawn_app().await;
    let mut tokens = app.signed_in(LOGIN, EMAIL).await;
    for _ in 0..3 {
        app.clock.advance(Duration::hours(4) - Duration::minutes(1));
        let response = app
            .refresh(tokens.refresh_token.as_deref().expect("refresh"))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        tokens = response.json().await.expect("tokens");
        assert!(tokens.expires_in <= 15 * 60);
    }
    app.clock.advance(Duration::minutes(4));
    let response = app
        .refresh(tokens.refresh_token.as_deref().expect("refresh"))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

fn claims(app_token: &str) -> Value {
    let payload = app_token.split('.').nth(1).expect("a JWT has three parts");
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON claims")
}

fn forge(claims: &Value, key: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(key),
    )
    .expect("encode")
}

#[tokio::test]
async fn r_auth_8_forged_expired_and_misaddressed_tokens_get_401() {
    let app = spawn_app().await;
    let tokens = app.signed_in(LOGIN, EMAIL).await;
    let good = claims(&tokens.access_token);
    let key = app.auth.keys().jwt();
    // The forging works: the same claims re-signed with the right key are accepted.
    assert_eq!(
        app.get_session(&forge(&good, key)).await.status(),
        StatusCode::OK
    );

    let header = base64_json(&json!({ "alg": "none", "typ": "JWT" }));
    let alg_none = format!("{header}.{}.", base64_json(&good));
    let wrong_key = forge(&good, b"another key");
    let mut wrong_aud = good.clone();
    wrong_aud["aud"] = json!("another-api");
    let mut wrong_iss = good.clone();
    wrong_iss["iss"] = json!("someone-else");
    let mut wrong_type = good.clone();
    wrong_type["typ"] = json!("refresh");
    let mut other_account = good.clone();
    other_account["sub"] = json!("1");
    for (case, token) in [
        ("alg=none", alg_none),
        ("wrong key", wrong_key),
        ("wrong aud", forge(&wrong_aud, key)),
        ("wrong iss", forge(&wrong_iss, key)),
        ("wrong type", forge(&wrong_type, key)),
        (
            "another account in a valid session",
            forge(&other_account, key),
        ),
        ("garbage", "not.a.jwt".to_owned()),
    ] {
        let response = app.get_session(&token).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{case}");
        assert_eq!(
            response
                .headers()
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer"),
            "{case}"
        );
    }
    app.clock.advance(Duration::minutes(15));
    assert_eq!(
        app.get_session(&tokens.access_token).await.status(),
        StatusCode::UNAUTHORIZED,
        "expired"
    );
    let no_token = app
        .http
        .get(app.url("/api/v1/session"))
        .send()
        .await
        .expect("get");
    assert_eq!(no_token.status(), StatusCode::UNAUTHORIZED);
}

fn base64_json(value: &Value) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
}

#[tokio::test]
async fn r_auth_8_web_app_keeps_the_refresh_token_in_a_strict_http_only_cookie() {
    let app = spawn_app().await;
    app.signed_in(LOGIN, EMAIL).await;
    let response = app
        .http
        .post(app.url("/api/v1/auth/sign-in"))
        .header("Bailleur-Refresh-Transport", "cookie")
        .json(&json!({ "login": LOGIN, "password": crate::flows::DEMO_PASSWORD }))
        .send()
        .await
        .expect("sign in");
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a cookie")
        .to_owned();
    for attribute in [
        "bailleur_refresh=",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/api/v1/auth",
    ] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    let body: Value = response.json().await.expect("outcome");
    assert!(
        body["session"]["refresh_token"].is_null(),
        "not readable by scripts"
    );
    let pair = cookie.split(';').next().expect("name=value");
    let refreshed = app
        .http
        .post(app.url("/api/v1/auth/refresh"))
        .header("Cookie", pair)
        .header("Bailleur-Refresh-Transport", "cookie")
        .send()
        .await
        .expect("refresh");
    assert_eq!(refreshed.status(), StatusCode::OK);
    assert!(refreshed.headers().get("set-cookie").is_some());
    // Sign-out by cookie alone (a reloaded app has no access token yet) clears it.
    let new_pair = refreshed.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let out = app
        .http
        .post(app.url("/api/v1/auth/sign-out"))
        .header("Cookie", new_pair.clone())
        .send()
        .await
        .expect("sign out");
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let again = app
        .http
        .post(app.url("/api/v1/auth/refresh"))
        .header("Cookie", new_pair)
        .send()
        .await
        .expect("refresh");
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn r_auth_8_a_session_revoked_by_another_process_is_refused_within_a_second() {
    use bailleur_core::Clock;
    use bailleur_entity::auth_session;
    use sea_orm::{EntityTrait, sea_query::Expr};
    let app = spawn_app().await;
    let tokens = app.signed_in(LOGIN, EMAIL).await;
    assert_eq!(
        app.get_session(&tokens.access_token).await.status(),
        StatusCode::OK
    );
    // As the command line or another server would: straight in the database.
    auth_session::Entity::update_many()
        .col_expr(
            auth_session::Column::RevokedAt,
            Expr::value(app.clock.now()),
        )
        .exec(&app.db)
        .await
        .expect("revoke");
    app.clock
        .advance(bailleur_core::auth::recent_checks::RECHECK_AFTER);
    assert_eq!(
        app.get_session(&tokens.access_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn r_auth_8_a_password_change_ends_the_other_flows_of_its_accounts() {
    let app = spawn_app().await;
    let jeanne = app
        .signed_in("JMARTIN044", "jeanne.martin@perso.example")
        .await;
    // A recovery opened before the change (by her, or by someone else).
    let recovery: Value = crate::recovery::recover(&app, "JMARTIN044")
        .await
        .json()
        .await
        .expect("flow");
    let recovery_id = recovery["id"].as_str().expect("id").to_owned();
    let recovery_code = app.code_number_to("jeanne.martin@perso.example", 2).await;
    let change: bailleur_api_types::auth::Flow = app
        .call(
            reqwest::Method::POST,
            "/api/v1/me/password",
            &jeanne,
            json!({ "current_password": crate::flows::DEMO_PASSWORD }),
        )
        .await
        .json()
        .await
        .expect("flow");
    let code = app.last_code_to("jeanne.martin@perso.example");
    crate::flows::outcome(app.submit_code(&change, &code).await).await;
    let done = app.post_json(&format!("/api/v1/auth/flows/{}/password", change.id),
        &json!({ "new_password": "Nouveau-Jeanne-2026!", "confirmation": "Nouveau-Jeanne-2026!" })).await;
    assert_eq!(done.status(), StatusCode::OK);
    // The recovery flow ended with the change: its code, right a moment ago, leads nowhere;
    // the flow answers as before (as a decoy does, R-RESET-4), not "unknown".
    let late = app
        .post_json(
            &format!("/api/v1/auth/flows/{recovery_id}/otp"),
            &json!({ "code": recovery_code }),
        )
        .await;
    assert_eq!(
        crate::flows::field_error(late, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .1,
        "wrong"
    );
    let seen = app
        .http
        .get(app.url(&format!("/api/v1/auth/flows/{recovery_id}")))
        .send()
        .await
        .expect("get");
    assert_eq!(seen.status(), StatusCode::OK);
    assert_eq!(
        app.sign_in("JMARTIN044", "Nouveau-Jeanne-2026!")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn r_auth_5_a_user_disabled_during_the_sign_in_gets_no_session() {
    let app = spawn_app().await;
    let admin = app.signed_in("FLH0000001", "admin@flh.example").await;
    let flow = app
        .sign_in_to_step("FLH0000002", bailleur_api_types::auth::Step::Otp)
        .await;
    let users: Value = app
        .call(
            reqwest::Method::GET,
            "/api/v1/partner/users",
            &admin,
            json!(null),
        )
        .await
        .json()
        .await
        .expect("users");
    let agent = users
        .as_array()
        .expect("list")
        .iter()
        .find(|user| user["identifier"] == "FLH0000002")
        .expect("the agent")["id"]
        .clone();
    let disabled = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/partner/users/{agent}"),
            &admin,
            json!({ "disabled": true }),
        )
        .await;
    assert_eq!(disabled.status(), StatusCode::OK);
    let code = app.last_code_to("agent@flh.example");
    let refused = app.submit_code(&flow, &code).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let sessions = bailleur_entity::auth_session::Entity::find()
        .filter(
            bailleur_entity::auth_session::Column::AccountId.eq(agent.as_i64().expect("id") as i32),
        )
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(sessions, 0);
}

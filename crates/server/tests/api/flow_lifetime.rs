//! A change behind a code lives no longer than what allowed it: the session that asked for it
//! (R-AUTH-8: signed out, revoked) and the account itself (R-AUTH-5: disabled by its
//! administrator). Its code, entered after, is refused as that session would be, and changes
//! nothing.
use crate::helpers::{TestApp, spawn_app};
use crate::profile::{email_change, me};
use bailleur_api_types::auth::Flow;
use reqwest::{Method, StatusCode};
use serde_json::json;

const AGENT: (&str, &str) = ("FLH0000002", "agent@flh.example");
const NEW: &str = "agent.nouveau@flh-perso.example";

async fn code_is_refused(app: &TestApp, flow: &Flow) {
    let code = app.last_code_to(NEW);
    // Refused as the session behind it would be.
    assert_eq!(
        app.submit_code(flow, &code).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn email_is_unchanged(app: &TestApp) {
    let agent = app.signed_in(AGENT.0, AGENT.1).await;
    assert_eq!(me(app, &agent).await.email.as_deref(), Some(AGENT.1));
}

#[tokio::test]
async fn r_auth_8_a_change_ends_with_the_session_that_asked_for_it() {
    let app = spawn_app().await;
    let agent = app.signed_in(AGENT.0, AGENT.1).await;
    let flow = email_change(&app, &agent, NEW).await;
    assert_eq!(app.sign_out(&agent).await.status(), StatusCode::NO_CONTENT);
    code_is_refused(&app, &flow).await;
    email_is_unchanged(&app).await;
}

#[tokio::test]
async fn r_auth_5_a_disabled_users_change_in_progress_cannot_finish() {
    let app = spawn_app().await;
    let admin = app.signed_in("FLH0000001", "admin@flh.example").await;
    let agent = app.signed_in(AGENT.0, AGENT.1).await;
    let flow = email_change(&app, &agent, NEW).await;
    let path = format!("/api/v1/partner/users/{}", agent.account.id);
    let disabled = app
        .call(Method::PATCH, &path, &admin, json!({ "disabled": true }))
        .await;
    assert_eq!(disabled.status(), StatusCode::OK);
    code_is_refused(&app, &flow).await;
    let enabled = app
        .call(Method::PATCH, &path, &admin, json!({ "disabled": false }))
        .await;
    assert_eq!(enabled.status(), StatusCode::OK);
    // Enabled again, the flow stays gone: its code still changes nothing.
    code_is_refused(&app, &flow).await;
    email_is_unchanged(&app).await;
}

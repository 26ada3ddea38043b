//! R-AUTH-3: switching among the accounts sharing the email, without signing in again.
use crate::flows::{DEMO_PASSWORD, field_error, outcome};
use crate::helpers::{TestApp, spawn_app};
use crate::profile::{finish_with_code, set_password, start};
use bailleur_api_types::auth::{AccountPage, SessionTokens, SignInOutcome};
use reqwest::StatusCode;
use serde_json::{Value, json};

const EMAIL: &str = "gestion@sicgpi.example";

/// Signs in on the group by email and picks `identifier`.
pub async fn group_session(app: &TestApp, identifier: &str) -> SessionTokens {
    let SignInOutcome::StepDue { flow } = outcome(app.sign_in(EMAIL, DEMO_PASSWORD).await).await
    else {
        panic!("steps are due");
    };
    let flow = match flow.next_step {
        bailleur_api_types::auth::Step::Otp => {
            let code = app.last_code_to(EMAIL);
            match outcome(app.submit_code(&flow, &code).await).await {
                SignInOutcome::StepDue { flow } => flow,
                other => panic!("the selection follows, got {other:?}"),
            }
        }
        _ => flow,
    };
    let page: AccountPage = app
        .http
        .get(app.url(&format!(
            "/api/v1/auth/flows/{}/accounts?q={identifier}",
            flow.id
        )))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("page");
    match outcome(
        app.post_json(
            &format!("/api/v1/auth/flows/{}/accounts", flow.id),
            &json!({ "account_id": page.items[0].id }),
        )
        .await,
    )
    .await
    {
        SignInOutcome::SignedIn { session } => session,
        other => panic!("signed in, got {other:?}"),
    }
}

async fn switch(
    app: &TestApp,
    tokens: &SessionTokens,
    account_id: bailleur_api_types::AccountId,
) -> reqwest::Response {
    app.http
        .post(app.url("/api/v1/session/switch"))
        .bearer_auth(&tokens.access_token)
        .json(&json!({ "account_id": account_id }))
        .send()
        .await
        .expect("switch")
}

#[tokio::test]
async fn r_auth_3_switch_within_the_group_as_often_as_wished() {
    let app = spawn_app().await;
    let on_37 = group_session(&app, "A6D5AZT337").await;
    assert_eq!(on_37.account.identifier, "A6D5AZT337");
    let accounts: AccountPage = app
        .http
        .get(app.url("/api/v1/session/accounts?q=A6D5AZT420"))
        .bearer_auth(&on_37.access_token)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("page");
    let target = accounts.items[0].id;
    let response = switch(&app, &on_37, target).await;
    assert_eq!(response.status(), StatusCode::OK);
    let on_120: SessionTokens = response.json().await.expect("tokens");
    assert_eq!(on_120.account.identifier, "A6D5AZT420");
    // The old account's tokens are revoked; the new ones work.
    assert_eq!(
        app.get_session(&on_37.access_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get_session(&on_120.access_token).await.status(),
        StatusCode::OK
    );
    // And back again, as often as wished.
    let back = switch(&app, &on_120, on_37.account.id).await;
    assert_eq!(back.status(), StatusCode::OK);
    assert_eq!(app.audit_count("account_switched").await, 2);
}

#[tokio::test]
async fn r_auth_3_an_account_outside_the_group_is_refused() {
    let app = spawn_app().await;
    let on_37 = group_session(&app, "A6D5AZT337").await;
    let flh = app.signed_in("FLH0000001", "admin@flh.example").await;
    let refused = switch(&app, &on_37, flh.account.id).await;
    assert_eq!(
        field_error(refused, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("account_id".to_owned(), "not_in_group".to_owned())
    );
    // The refusal changed nothing: the session still works on its account.
    assert_eq!(
        app.get_session(&on_37.access_token).await.status(),
        StatusCode::OK
    );
    let alone: AccountPage = app
        .http
        .get(app.url("/api/v1/session/accounts"))
        .bearer_auth(&flh.access_token)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("page");
    assert_eq!(
        alone.total, 1,
        "an unshared email lists only its own account"
    );
}

#[tokio::test]
async fn r_link_4_demo_group_story_pick_37_switch_to_120_change_password_sign_in_on_1() {
    let app = spawn_app().await;
    let on_37 = group_session(&app, "A6D5AZT337").await;
    let target: Value = app
        .http
        .get(app.url("/api/v1/session/accounts?q=A6D5AZT420"))
        .bearer_auth(&on_37.access_token)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("page");
    let switched = app
        .call(
            reqwest::Method::POST,
            "/api/v1/session/switch",
            &on_37,
            json!({ "account_id": target["items"][0]["id"] }),
        )
        .await;
    assert_eq!(switched.status(), StatusCode::OK);
    let on_120: SessionTokens = switched.json().await.expect("tokens");
    assert_eq!(on_120.account.identifier, "A6D5AZT420");
    let flow = start(
        &app,
        &on_120,
        "/api/v1/me/password",
        json!({ "current_password": DEMO_PASSWORD }),
    )
    .await;
    finish_with_code(&app, &flow, EMAIL).await;
    assert_eq!(
        set_password(&app, &flow, "Histoire-Demo-2026!").await,
        SignInOutcome::Completed
    );
    let SignInOutcome::StepDue { flow } =
        outcome(app.sign_in("A6D5AZT301", "Histoire-Demo-2026!").await).await
    else {
        panic!("the selection is due");
    };
    let first: Value = app
        .http
        .get(app.url(&format!(
            "/api/v1/auth/flows/{}/accounts?q=A6D5AZT301",
            flow.id
        )))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("page");
    let SignInOutcome::SignedIn { session } = outcome(
        app.post_json(
            &format!("/api/v1/auth/flows/{}/accounts", flow.id),
            &json!({ "account_id": first["items"][0]["id"] }),
        )
        .await,
    )
    .await
    else {
        panic!("signed in");
    };
    assert_eq!(session.account.identifier, "A6D5AZT301");
}

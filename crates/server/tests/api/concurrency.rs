//! R-LINK-4, R-LINK-5 under concurrency: two password changes in one group at once, and a
//! password change racing a detachment, leave every account with a working password and no
//! credential row that nobody uses (run on SQLite and on PostgreSQL).
use crate::flows::{DEMO_PASSWORD, outcome};
use crate::helpers::TestApp;
use crate::helpers::spawn_app;
use crate::switching::group_session;
use bailleur_api_types::auth::{Flow, SessionTokens, SignInOutcome, Step};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

const GROUP: &str = "gestion@sicgpi.example";

async fn flow_at(
    app: &TestApp,
    tokens: &SessionTokens,
    path: &str,
    body: serde_json::Value,
) -> Flow {
    let response = app
        .http
        .post(app.url(path))
        .bearer_auth(&tokens.access_token)
        .json(&body)
        .send()
        .await
        .expect("start");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("flow")
}

/// A password-change flow of `tokens`'s account, its code entered: only the password is left.
async fn ready_password_change(app: &TestApp, tokens: &SessionTokens) -> Flow {
    let flow = flow_at(
        app,
        tokens,
        "/api/v1/me/password",
        json!({ "current_password": DEMO_PASSWORD }),
    )
    .await;
    let code = app.last_code_to(GROUP);
    let SignInOutcome::StepDue { flow: next } = outcome(app.submit_code(&flow, &code).await).await
    else {
        panic!("the password step follows");
    };
    assert_eq!(next.next_step, Step::NewPassword);
    flow
}

async fn post_password(app: &TestApp, flow: &Flow, password: &str) -> StatusCode {
    app.post_json(
        &format!("/api/v1/auth/flows/{}/password", flow.id),
        &json!({ "new_password": password, "confirmation": password }),
    )
    .await
    .status()
}

async fn orphan_credentials(app: &TestApp) -> i64 {
    let backend = app.db.get_database_backend();
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM credential WHERE id NOT IN (SELECT credential_id FROM account)",
        ))
        .await
        .expect("count")
        .expect("a row");
    row.try_get::<i64>("", "n").expect("n")
}

async fn works(app: &TestApp, login: &str, password: &str) -> bool {
    app.sign_in(login, password).await.status() == StatusCode::OK
}

#[tokio::test]
async fn r_link_4_two_simultaneous_password_changes_in_one_group() {
    let app = spawn_app().await;
    let on_37 = group_session(&app, "A6D5AZT337").await;
    let on_120 = group_session(&app, "A6D5AZT420").await;
    let first = ready_password_change(&app, &on_37).await;
    let second = ready_password_change(&app, &on_120).await;
    let (a, b) = tokio::join!(
        post_password(&app, &first, "Premier-Choix-2026!"),
        post_password(&app, &second, "Second-Choix-2026!"),
    );
    assert_eq!((a, b), (StatusCode::OK, StatusCode::OK));
    // One of the two won, for the whole group at once.
    let winner = if works(&app, "A6D5AZT301", "Premier-Choix-2026!").await {
        "Premier-Choix-2026!"
    } else {
        "Second-Choix-2026!"
    };
    for login in ["A6D5AZT301", "A6D5AZT337", "A6D5AZT420", "A6D5AZT438"] {
        assert!(works(&app, login, winner).await, "{login}");
    }
    assert_eq!(orphan_credentials(&app).await, 0);
}

#[tokio::test]
async fn r_link_5_a_password_change_racing_a_detachment() {
    let app = spawn_app().await;
    let on_37 = group_session(&app, "A6D5AZT337").await;
    let on_120 = group_session(&app, "A6D5AZT420").await;
    let detach = flow_at(&app, &on_37, "/api/v1/me/email",
        json!({ "email": "agence37@sicgpi.example", "email_confirmation": "agence37@sicgpi.example" })).await;
    let detach_code = app.last_code_to(GROUP);
    let change = ready_password_change(&app, &on_120).await;
    let (detached, changed) = tokio::join!(
        app.submit_code(&detach, &detach_code),
        post_password(&app, &change, "Course-2026-Gagnee!"),
    );
    assert_eq!(
        (detached.status(), changed),
        (StatusCode::OK, StatusCode::OK)
    );
    // The group has the new password; the detached account one of the two, on its own row.
    assert!(works(&app, "A6D5AZT301", "Course-2026-Gagnee!").await);
    assert!(works(&app, "A6D5AZT420", "Course-2026-Gagnee!").await);
    assert!(
        works(&app, "A6D5AZT337", DEMO_PASSWORD).await
            || works(&app, "A6D5AZT337", "Course-2026-Gagnee!").await
    );
    assert_eq!(orphan_credentials(&app).await, 0);
}

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
    let detach_code = app.last_code_to("agence37@sicgpi.example");
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

/// `count` copies of one request sent at once, each on its own task (on PostgreSQL their
/// statements really run side by side).
async fn at_once(
    app: &TestApp,
    count: usize,
    path: &str,
    body: serde_json::Value,
) -> Vec<(StatusCode, serde_json::Value)> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..count {
        let (http, url, body) = (app.http.clone(), app.url(path), body.clone());
        tasks.spawn(async move {
            let response = http.post(url).json(&body).send().await.expect("answered");
            let status = response.status();
            (
                status,
                response.json().await.unwrap_or(serde_json::Value::Null),
            )
        });
    }
    let mut answers = Vec::new();
    while let Some(answer) = tasks.join_next().await {
        answers.push(answer.expect("task"));
    }
    answers
}

#[tokio::test]
async fn r_otp_4_forty_simultaneous_wrong_codes_get_five_tries_at_most() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("JMARTIN044", Step::Otp).await;
    let code = app.last_code_to("jeanne.martin@perso.example");
    let wrong = crate::flows::wrong_code(&code);
    let answers = at_once(
        &app,
        40,
        &format!("/api/v1/auth/flows/{}/otp", flow.id),
        json!({ "code": wrong }),
    )
    .await;
    let compared = answers
        .iter()
        .filter(|(_, body)| {
            let code = body["errors"][0]["code"].as_str().unwrap_or_default();
            code == "wrong" || (code == "exhausted" && body["errors"][0]["message"].is_string())
        })
        .count();
    assert!(
        answers
            .iter()
            .all(|(status, _)| *status == StatusCode::UNPROCESSABLE_ENTITY)
    );
    // Each compared code leaves an `otp_failed` event; the rest were refused before comparing.
    assert_eq!(app.audit_count("otp_failed").await, 5);
    assert!(compared >= 5);
    let wrongs = answers
        .iter()
        .filter(|(_, body)| body["errors"][0]["code"] == "wrong")
        .count();
    assert_eq!(wrongs, 4, "four tries left told, then the code is dead");
    // The right code is now refused too.
    let dead = app.submit_code(&flow, &code).await;
    assert_eq!(
        crate::flows::field_error(dead, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .1,
        "exhausted"
    );
}

#[tokio::test]
async fn r_auth_7_forty_simultaneous_wrong_passwords_get_the_free_tries_plus_one_checked() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn_app().await;
    let answers = at_once(
        &app,
        40,
        "/api/v1/auth/sign-in",
        json!({ "login": "JMARTIN075", "password": "Devine-2026-Peut-Etre!" }),
    )
    .await;
    assert!(answers.iter().all(|(status, _)| {
        *status == StatusCode::UNAUTHORIZED || *status == StatusCode::TOO_MANY_REQUESTS
    }));
    let failures = bailleur_entity::audit_event::Entity::find()
        .filter(bailleur_entity::audit_event::Column::Kind.eq("sign_in_failed"))
        .all(&app.db)
        .await
        .expect("events");
    let checked = failures
        .iter()
        .filter(|event| event.detail.to_string().contains("\"checked\":true"))
        .count();
    let free = bailleur_core::auth::throttle::Softlock::CREDENTIAL.free_failures as usize;
    assert!(checked >= 1, "the burst was seen");
    assert!(checked <= free + 1, "{checked} passwords were compared");
    assert_eq!(app.audit_count("sign_in_locked").await, 1);
    // The right password is refused while the locks last (the account's, the address's).
    assert_ne!(
        app.sign_in("JMARTIN075", DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
    app.clock.advance(time::Duration::minutes(16));
    assert_eq!(
        app.sign_in("JMARTIN075", DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn r_auth_2_two_simultaneous_final_steps_open_one_session() {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let app = spawn_app().await;
    // The group's first sign-in: the code, then the account selection.
    let flow = app.sign_in_to_step(GROUP, Step::Otp).await;
    let code = app.last_code_to(GROUP);
    let SignInOutcome::StepDue { flow } = outcome(app.submit_code(&flow, &code).await).await else {
        panic!("the selection follows");
    };
    assert_eq!(flow.next_step, Step::SelectAccount);
    let page: serde_json::Value = app
        .http
        .get(app.url(&format!("/api/v1/auth/flows/{}/accounts", flow.id)))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("page");
    let account_id = page["items"][0]["id"].clone();
    let sessions_before = bailleur_entity::auth_session::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    let answers = at_once(
        &app,
        10,
        &format!("/api/v1/auth/flows/{}/accounts", flow.id),
        json!({ "account_id": account_id }),
    )
    .await;
    let signed_in = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::OK)
        .count();
    assert_eq!(signed_in, 1, "{answers:?}");
    let sessions_after = bailleur_entity::auth_session::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(sessions_after, sessions_before + 1);
}

#[tokio::test]
async fn r_auth_7_simultaneous_honest_sign_ins_on_one_shared_password_all_get_in() {
    let app = spawn_app().await;
    // The address proven today: no code is due (five codes an hour would answer 429).
    group_session(&app, "A6D5AZT301").await;
    // The 138 accounts of the group share one password: their users sign in at the same time.
    let answers = at_once(
        &app,
        24,
        "/api/v1/auth/sign-in",
        json!({ "login": GROUP, "password": DEMO_PASSWORD }),
    )
    .await;
    assert!(
        answers.iter().all(|(status, _)| *status == StatusCode::OK),
        "{:?}",
        answers
            .iter()
            .map(|(status, _)| *status)
            .collect::<Vec<_>>()
    );
    assert_eq!(app.audit_count("sign_in_failed").await, 0);
}

#[tokio::test]
async fn r_auth_7_a_full_hashing_queue_answers_503_with_retry_after_and_counts_nothing() {
    let app = crate::helpers::spawn_app_with_options(crate::helpers::Options {
        hash_workers: 1,
        hash_queue: 2,
        ..Default::default()
    })
    .await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..24 {
        let (http, url) = (app.http.clone(), app.url("/api/v1/auth/sign-in"));
        tasks.spawn(async move {
            let body = json!({ "login": format!("NOBODY{n:04}"), "password": "Wrong-Password-1" });
            let response = http.post(url).json(&body).send().await.expect("answered");
            let retry = response.headers().get("retry-after").cloned();
            (response.status(), retry)
        });
    }
    let mut busy = 0;
    let mut refused = 0;
    while let Some(answer) = tasks.join_next().await {
        match answer.expect("task") {
            (StatusCode::SERVICE_UNAVAILABLE, Some(retry)) => {
                assert_eq!(retry, "1");
                busy += 1;
            }
            (StatusCode::UNAUTHORIZED, _) => refused += 1,
            other => panic!("{other:?}"),
        }
    }
    assert!(busy > 0, "the queue of two was full");
    assert!(refused >= 2);
    // Only the attempts that were checked count as failures.
    assert_eq!(app.audit_count("sign_in_failed").await, refused as u64);
}

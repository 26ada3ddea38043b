//! Forgotten password (R-RESET-1 … R-RESET-4).
use crate::flows::{DEMO_PASSWORD, field_error, outcome};
use crate::helpers::{TestApp, spawn_app};
use bailleur_api_types::auth::{CaptchaChallenge, Flow, SignInOutcome, Step};
use bailleur_core::auth::captcha::solve;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn captcha(app: &TestApp) -> CaptchaChallenge {
    app.http
        .post(app.url("/api/v1/captcha"))
        .send()
        .await
        .expect("captcha")
        .json()
        .await
        .expect("challenge")
}

async fn solved(app: &TestApp) -> Value {
    let challenge = captcha(app).await;
    json!({ "token": challenge.token, "nonce": solve(&challenge.token, challenge.difficulty) })
}

pub async fn recover(app: &TestApp, login: &str) -> reqwest::Response {
    let captcha = solved(app).await;
    app.post_json(
        "/api/v1/auth/recovery",
        &json!({ "login": login, "captcha": captcha }),
    )
    .await
}

/// The parts of an answer that may differ between two flows: their ids.
fn without_id(mut value: Value) -> Value {
    value["id"] = json!("…");
    value
}

/// Everything a caller can see of one request: status, `Retry-After`, body (ids left out).
async fn seen(response: reqwest::Response) -> (StatusCode, Option<String>, Value) {
    let status = response.status();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|value| value.to_str().expect("ascii").to_owned());
    let body = response.json().await.unwrap_or(Value::Null);
    (status, retry, without_id(body))
}

/// Every endpoint of a flow, called on `id` in an order a careless or hostile client might.
async fn every_endpoint(app: &TestApp, id: &str) -> Vec<(StatusCode, Option<String>, Value)> {
    let path = |end: &str| format!("/api/v1/auth/flows/{id}{end}");
    let get = |end: &str| app.http.get(app.url(&path(end))).send();
    vec![
        seen(get("").await.expect("get")).await,
        seen(
            app.post_json(
                &path("/email"),
                &json!({ "email": "a@b.example", "email_confirmation": "a@b.example" }),
            )
            .await,
        )
        .await,
        seen(
            app.post_json(
                &path("/terms"),
                &json!({ "usage_rules": true, "terms_of_use": true }),
            )
            .await,
        )
        .await,
        seen(get("/accounts").await.expect("accounts")).await,
        seen(
            app.post_json(&path("/accounts"), &json!({ "account_id": 1 }))
                .await,
        )
        .await,
        seen(
            app.post_json(
                &path("/password"),
                &json!({ "new_password": "Abcdefgh-12!", "confirmation": "Abcdefgh-12!" }),
            )
            .await,
        )
        .await,
        seen(
            app.post_json(&path("/otp"), &json!({ "code": "12345" }))
                .await,
        )
        .await,
        seen(
            app.post_json(&path("/otp"), &json!({ "code": "000000" }))
                .await,
        )
        .await,
        seen(get("").await.expect("get")).await,
    ]
}

#[tokio::test]
async fn r_reset_4_known_and_unknown_logins_get_the_same_answers() {
    let app = spawn_app().await;
    let mut answers = Vec::new();
    for login in [
        "FLH0000001",
        "personne@nulle-part.example",
        "TILLEUL001",
        "NOBODY0001",
    ] {
        let response = recover(&app, login).await;
        assert_eq!(response.status(), StatusCode::OK, "{login}");
        let flow: Value = response.json().await.expect("flow");
        let id = flow["id"].as_str().expect("id").to_owned();
        answers.push((without_id(flow), every_endpoint(&app, &id).await));
    }
    for (other, login) in
        answers[1..]
            .iter()
            .zip(["an unknown email", "TILLEUL001", "an unknown identifier"])
    {
        assert_eq!(
            other, &answers[0],
            "{login} answers otherwise than FLH0000001"
        );
    }
    let statuses: Vec<StatusCode> = answers[0].1.iter().map(|seen| seen.0).collect();
    use StatusCode as S;
    assert_eq!(
        statuses,
        vec![
            S::OK,
            S::CONFLICT,
            S::CONFLICT,
            S::CONFLICT,
            S::CONFLICT,
            S::CONFLICT,
            S::UNPROCESSABLE_ENTITY,
            S::UNPROCESSABLE_ENTITY,
            S::OK
        ]
    );
    // The wrong code was counted, the malformed one not, on both.
    assert_eq!(answers[0].1[8].2["otp"]["attempts_left"], 4);
}

pub async fn resend(app: &TestApp, flow: &Value) -> (StatusCode, Option<String>, Value) {
    let id = flow["id"].as_str().expect("id");
    seen(
        app.post_json(&format!("/api/v1/auth/flows/{id}/otp/resend"), &json!({}))
            .await,
    )
    .await
}

#[tokio::test]
async fn r_reset_4_past_the_code_limit_a_known_login_answers_like_an_unknown_one() {
    let app = spawn_app().await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..6 {
        known.push(
            recover(&app, "FLH0000002")
                .await
                .json::<Value>()
                .await
                .expect("flow"),
        );
        unknown.push(
            recover(&app, "NOBODY0002")
                .await
                .json::<Value>()
                .await
                .expect("flow"),
        );
    }
    assert_eq!(app.code_number_to("agent@flh.example", 5).await.len(), 6);
    for (number, (known, unknown)) in known.iter().zip(&unknown).enumerate() {
        assert_eq!(
            without_id(known.clone()),
            without_id(unknown.clone()),
            "request {}",
            number + 1
        );
    }
    // The sixth has no code (5 an hour): its resend is refused alike, with the same wait.
    let (known_resend, unknown_resend) = (
        resend(&app, &known[5]).await,
        resend(&app, &unknown[5]).await,
    );
    assert_eq!(known_resend.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(known_resend, unknown_resend);
    let id = |flow: &Value| flow["id"].as_str().expect("id").to_owned();
    assert_eq!(
        every_endpoint(&app, &id(&known[5])).await,
        every_endpoint(&app, &id(&unknown[5])).await
    );
    assert_eq!(
        every_endpoint(&app, &id(&known[4])).await,
        every_endpoint(&app, &id(&unknown[4])).await
    );
    assert_eq!(app.mail_count_to("agent@flh.example"), 5);
}

#[tokio::test]
async fn r_reset_2_the_group_gets_a_new_shared_password_after_a_code() {
    let app = spawn_app().await;
    let response = recover(&app, "gestion@sicgpi.example").await;
    let flow: Flow = response.json().await.expect("flow");
    assert_eq!(flow.steps_due, vec![Step::Otp, Step::NewPassword]);
    let code = app.code_number_to("gestion@sicgpi.example", 1).await;
    let SignInOutcome::StepDue { flow: next } = outcome(app.submit_code(&flow, &code).await).await
    else {
        panic!("the password step follows");
    };
    assert_eq!(next.next_step, Step::NewPassword);
    let done = app.post_json(&format!("/api/v1/auth/flows/{}/password", flow.id),
        &json!({ "new_password": "Oubli-Retrouve-2026!", "confirmation": "Oubli-Retrouve-2026!" })).await;
    assert_eq!(outcome(done).await, SignInOutcome::Completed);
    assert_eq!(
        app.sign_in("A6D5AZT301", DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in("A6D5AZT438", "Oubli-Retrouve-2026!")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn r_reset_3_an_account_without_email_gets_a_letter_and_no_mail() {
    use sea_orm::EntityTrait;
    let app = spawn_app().await;
    let mails_before = app.mails.lock().expect("mails").len();
    assert_eq!(recover(&app, "tilleul001").await.status(), StatusCode::OK);
    // A stranger asking again within 7 days gets the same answer and no second letter.
    assert_eq!(recover(&app, "TILLEUL001").await.status(), StatusCode::OK);
    assert_eq!(
        app.mails.lock().expect("mails").len(),
        mails_before,
        "no mail"
    );
    let letters = bailleur_entity::postal_letter::Entity::find()
        .all(&app.db)
        .await
        .expect("letters");
    assert_eq!(letters.len(), 1);
    assert!(letters[0].recipient_address.contains("SCI Les Tilleuls"));
    assert!(letters[0].body.contains("Identifiant : TILLEUL001"));
    // Nothing is drawn before dispatch, and the current password keeps working meanwhile.
    assert_eq!(letters[0].password_hash, None);
    assert!(!letters[0].body.contains("Provisoire-2026!"));
    assert_eq!(
        app.sign_in("TILLEUL001", "Provisoire-2026!").await.status(),
        StatusCode::OK
    );
    let now = bailleur_core::Clock::now(app.clock.as_ref());
    let pending = bailleur_core::letters::pending(&app.db)
        .await
        .expect("pending");
    let printed = bailleur_core::letters::dispatch(&app.db, now, pending[0].clone())
        .await
        .expect("dispatch");
    let password = printed
        .lines()
        .find_map(|l| l.strip_prefix("Mot de passe provisoire : "))
        .expect("password")
        .to_owned();
    assert!(
        bailleur_core::letters::pending(&app.db)
            .await
            .expect("pending")
            .is_empty()
    );
    let kept = bailleur_entity::postal_letter::Entity::find()
        .all(&app.db)
        .await
        .expect("letters");
    assert!(
        !kept[0].body.contains(&password),
        "the password is on paper only"
    );
    assert!(
        kept[0]
            .password_hash
            .as_deref()
            .is_some_and(|hash| hash.starts_with("$argon2id$"))
    );
    // Both passwords open the account until the letter's is used; it must then be replaced.
    assert_eq!(
        app.sign_in("TILLEUL001", "Provisoire-2026!").await.status(),
        StatusCode::OK
    );
    let SignInOutcome::StepDue { flow } = outcome(app.sign_in("TILLEUL001", &password).await).await
    else {
        panic!("steps are due");
    };
    assert!(flow.steps_due.contains(&Step::NewPassword));
    assert_eq!(app.audit_count("letter_issued").await, 1);
    // A week later, a new letter may be asked for.
    app.clock.advance(time::Duration::days(8));
    assert_eq!(recover(&app, "TILLEUL001").await.status(), StatusCode::OK);
    assert_eq!(app.audit_count("letter_issued").await, 2);
}

#[tokio::test]
async fn r_reset_1_the_security_check_must_be_solved_genuine_and_fresh() {
    let app = spawn_app().await;
    let challenge = captcha(&app).await;
    let unsolved = app.post_json("/api/v1/auth/recovery", &json!({ "login": "FLH0000001",
        "captcha": { "token": challenge.token, "nonce": (0..).find(|n| bailleur_core::auth::captcha::work(&challenge.token, *n) < challenge.difficulty).expect("a bad nonce") } })).await;
    assert_eq!(
        field_error(unsolved, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("captcha".to_owned(), "not_solved".to_owned())
    );
    let answer =
        json!({ "token": challenge.token, "nonce": solve(&challenge.token, challenge.difficulty) });
    let first = app
        .post_json(
            "/api/v1/auth/recovery",
            &json!({ "login": "FLH0000001", "captcha": answer }),
        )
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    let replay = app
        .post_json(
            "/api/v1/auth/recovery",
            &json!({ "login": "FLH0000001", "captcha": answer }),
        )
        .await;
    assert_eq!(
        field_error(replay, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .1,
        "invalid"
    );
    let forged = app
        .post_json(
            "/api/v1/auth/recovery",
            &json!({ "login": "FLH0000001", "captcha": { "token": "AAAA", "nonce": 1 } }),
        )
        .await;
    assert_eq!(
        field_error(forged, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .1,
        "invalid"
    );
    let expired = captcha(&app).await;
    let late =
        json!({ "token": expired.token, "nonce": solve(&expired.token, expired.difficulty) });
    app.clock.advance(time::Duration::minutes(11));
    let too_late = app
        .post_json(
            "/api/v1/auth/recovery",
            &json!({ "login": "FLH0000001", "captcha": late }),
        )
        .await;
    assert_eq!(
        field_error(too_late, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .1,
        "invalid"
    );
}

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

async fn recover(app: &TestApp, login: &str) -> reqwest::Response {
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
        let got: Value = app
            .http
            .get(app.url(&format!("/api/v1/auth/flows/{id}")))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("flow");
        let wrong = app
            .post_json(
                &format!("/api/v1/auth/flows/{id}/otp"),
                &json!({ "code": "000000" }),
            )
            .await;
        let wrong_status = wrong.status();
        let wrong: Value = wrong.json().await.expect("problem");
        let early = app
            .post_json(
                &format!("/api/v1/auth/flows/{id}/password"),
                &json!({ "new_password": "Abcdefgh-12", "confirmation": "Abcdefgh-12" }),
            )
            .await
            .status();
        answers.push((
            without_id(flow),
            without_id(got),
            wrong_status,
            wrong,
            early,
        ));
    }
    for other in &answers[1..] {
        assert_eq!(other, &answers[0]);
    }
    assert_eq!(answers[0].2, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answers[0].4, StatusCode::CONFLICT);
}

#[tokio::test]
async fn r_reset_2_the_group_gets_a_new_shared_password_after_a_code() {
    let app = spawn_app().await;
    let response = recover(&app, "gestion@sicgpi.example").await;
    let flow: Flow = response.json().await.expect("flow");
    assert_eq!(flow.steps_due, vec![Step::Otp, Step::NewPassword]);
    let code = app.last_code_to("gestion@sicgpi.example");
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
    let app = spawn_app().await;
    let mails_before = app.mails.lock().expect("mails").len();
    assert_eq!(recover(&app, "tilleul001").await.status(), StatusCode::OK);
    assert_eq!(
        app.mails.lock().expect("mails").len(),
        mails_before,
        "no mail"
    );
    use sea_orm::EntityTrait;
    let letters = bailleur_entity::postal_letter::Entity::find()
        .all(&app.db)
        .await
        .expect("letters");
    assert_eq!(letters.len(), 1);
    let letter = &letters[0];
    assert!(letter.recipient_address.contains("SCI Les Tilleuls"));
    assert!(letter.body.contains("Identifiant : TILLEUL001"));
    let password = letter
        .body
        .lines()
        .find_map(|l| l.strip_prefix("Mot de passe provisoire : "))
        .expect("password")
        .to_owned();
    // The old provisional password is gone; the letter's one must be replaced at sign-in.
    assert_eq!(
        app.sign_in("TILLEUL001", "Provisoire-2026!").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let SignInOutcome::StepDue { flow } = outcome(app.sign_in("TILLEUL001", &password).await).await
    else {
        panic!("steps are due");
    };
    assert!(flow.steps_due.contains(&Step::NewPassword));
    assert_eq!(app.audit_count("letter_issued").await, 1);
    // Once printed and dispatched, the password leaves the database.
    let pending = bailleur_core::letters::pending(&app.db)
        .await
        .expect("pending");
    assert_eq!(pending.len(), 1);
    bailleur_core::letters::mark_dispatched(
        &app.db,
        bailleur_core::Clock::now(app.clock.as_ref()),
        pending[0].clone(),
    )
    .await
    .expect("dispatch");
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
    assert!(!kept[0].body.contains(&password));
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

#[tokio::test]
async fn r_reset_4_a_known_login_past_the_code_limit_still_answers_like_an_unknown_one() {
    let app = spawn_app().await;
    for _ in 0..5 {
        assert_eq!(recover(&app, "FLH0000002").await.status(), StatusCode::OK);
    }
    assert_eq!(app.mail_count_to("agent@flh.example"), 5);
    // The sixth request sends nothing (5 codes an hour) and answers exactly as a decoy does.
    let sixth: Value = recover(&app, "FLH0000002")
        .await
        .json()
        .await
        .expect("flow");
    let unknown: Value = recover(&app, "NOBODY0002")
        .await
        .json()
        .await
        .expect("flow");
    assert_eq!(app.mail_count_to("agent@flh.example"), 5);
    assert_eq!(without_id(sixth.clone()), without_id(unknown));
    let id = sixth["id"].as_str().expect("id");
    let wrong = app
        .post_json(
            &format!("/api/v1/auth/flows/{id}/otp"),
            &json!({ "code": "000000" }),
        )
        .await;
    assert_eq!(
        field_error(wrong, StatusCode::UNPROCESSABLE_ENTITY).await.1,
        "wrong"
    );
}

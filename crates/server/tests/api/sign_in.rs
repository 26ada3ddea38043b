//! R-AUTH-1, R-AUTH-4, R-OTP-2: signing in by identifier or email, the code window, the
//! email confirmation.
use crate::flows::{DEMO_PASSWORD, field_error, outcome, wrong_code};
use crate::helpers::spawn_app;
use bailleur_api_types::auth::{SignInOutcome, Step};
use reqwest::StatusCode;
use serde_json::json;
use time::Duration;

#[tokio::test]
async fn r_auth_1_sign_in_by_identifier_and_by_email_reach_the_same_account() {
    let app = spawn_app().await;
    let by_identifier = app.signed_in(" flh0000001 ", "admin@flh.example").await;
    assert_eq!(by_identifier.account.identifier, "FLH0000001");
    assert_eq!(by_identifier.account.partner_name, "Foncière Loire Habitat");
    // Same day: no code any more, and the email's case and spaces do not matter.
    let by_email = app
        .signed_in("  Admin@FLH.example", "admin@flh.example")
        .await;
    assert_eq!(by_email.account.id, by_identifier.account.id);
    let session = app.get_session(&by_email.access_token).await;
    assert_eq!(session.status(), StatusCode::OK);
    let body: serde_json::Value = session.json().await.expect("session");
    assert_eq!(body["account"]["identifier"], "FLH0000001");
    assert_eq!(body["accounts_sharing_email"], 1);
}

#[tokio::test]
async fn r_otp_2_code_on_first_sign_in_of_the_day_not_second_and_again_after_the_window() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("JMARTIN044", Step::Otp).await;
    let code = app.last_code_to("jeanne.martin@perso.example");
    assert!(matches!(
        outcome(app.submit_code(&flow, &code).await).await,
        SignInOutcome::SignedIn { .. }
    ));
    let mails_before = app.mail_count_to("jeanne.martin@perso.example");
    app.clock.advance(Duration::minutes(1439));
    assert!(matches!(
        outcome(app.sign_in("JMARTIN044", DEMO_PASSWORD).await).await,
        SignInOutcome::SignedIn { .. }
    ));
    assert_eq!(
        app.mail_count_to("jeanne.martin@perso.example"),
        mails_before
    );
    app.clock.advance(Duration::minutes(2));
    app.sign_in_to_step("JMARTIN044", Step::Otp).await;
    assert_eq!(
        app.mail_count_to("jeanne.martin@perso.example"),
        mails_before + 1
    );
}

#[tokio::test]
async fn r_auth_4_confirm_email_for_rdport0001() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("RDPORT0001", Step::ConfirmEmail).await;
    assert_eq!(flow.steps_due, vec![Step::ConfirmEmail, Step::Otp]);
    let path = format!("/api/v1/auth/flows/{}/email", flow.id);
    // The code step cannot be skipped.
    let skipped = app.submit_code(&flow, "123456").await;
    assert_eq!(skipped.status(), StatusCode::CONFLICT);
    let mismatch = app
        .post_json(&path, &json!({ "email": "contact@rdport.example", "email_confirmation": "contact@rdport.exemple" }))
        .await;
    assert_eq!(
        field_error(mismatch, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("email_confirmation".to_owned(), "mismatch".to_owned())
    );
    let invalid = app
        .post_json(
            &path,
            &json!({ "email": "contact@", "email_confirmation": "contact@" }),
        )
        .await;
    assert_eq!(
        field_error(invalid, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("email".to_owned(), "format".to_owned())
    );
    // An address other accounts use is answered like any other: only its code tells more
    // (R-LINK-3). Tried on a second sign-in flow.
    let other = app.sign_in_to_step("RDPORT0001", Step::ConfirmEmail).await;
    let used = app
        .post_json(
            &format!("/api/v1/auth/flows/{}/email", other.id),
            &json!({ "email": "admin@flh.example", "email_confirmation": "admin@flh.example" }),
        )
        .await;
    let SignInOutcome::StepDue { flow: used } = outcome(used).await else {
        panic!("the code step follows");
    };
    assert_eq!(
        (used.steps_due, used.linking_accounts),
        (vec![Step::Otp], None)
    );
    let SignInOutcome::StepDue { flow } = outcome(
        app.post_json(&path, &json!({ "email": " Contact@RDPORT.example", "email_confirmation": "contact@rdport.example" }))
            .await,
    )
    .await
    else {
        panic!("the code step follows");
    };
    assert_eq!(flow.next_step, Step::Otp);
    let otp = flow.otp.clone().expect("the code's status");
    assert_eq!(otp.sent_to, "c•••••@rdport.example");
    assert_eq!(otp.attempts_left, 5);
    let code = app.last_code_to("contact@rdport.example");
    let SignInOutcome::SignedIn { session } = outcome(app.submit_code(&flow, &code).await).await
    else {
        panic!("signed in after the code");
    };
    assert_eq!(session.account.identifier, "RDPORT0001");
    assert_eq!(app.audit_count("email_confirmed").await, 1);
    // The email is now validated: the next sign-in the same day goes straight in.
    assert!(matches!(
        outcome(app.sign_in("contact@rdport.example", DEMO_PASSWORD).await).await,
        SignInOutcome::SignedIn { .. }
    ));
}

#[tokio::test]
async fn r_auth_1_empty_fields_are_named() {
    let app = spawn_app().await;
    let response = app.sign_in(" ", "").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: serde_json::Value = response.json().await.expect("problem");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|error| error["field"].as_str())
        .collect();
    assert_eq!(fields, vec!["login", "password"]);
}

#[tokio::test]
async fn audit_events_for_sign_in_and_codes() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("FLH0000002", Step::Otp).await;
    let code = app.last_code_to("agent@flh.example");
    let wrong = app.submit_code(&flow, &wrong_code(&code)).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.audit_count("otp_failed").await, 1);
    outcome(app.submit_code(&flow, &code).await).await;
    assert_eq!(app.audit_count("otp_sent").await, 1);
    assert_eq!(app.audit_count("otp_validated").await, 1);
    assert_eq!(app.audit_count("sign_in_succeeded").await, 1);
    let _ = app.sign_in("FLH0000002", "wrong password").await;
    assert_eq!(app.audit_count("sign_in_failed").await, 1);
}

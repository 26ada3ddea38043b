//! R-OTP-4: codes are single use, expire, die after 5 wrong tries, belong to their flow, are
//! limited in number, and a new one kills the previous one.
use crate::flows::{field_error, outcome, wrong_code};
use crate::helpers::spawn_app;
use bailleur_api_types::auth::{SignInOutcome, Step};
use reqwest::StatusCode;
use time::Duration;

const EMAIL: &str = "admin@flh.example";

#[tokio::test]
async fn r_otp_4_a_used_code_cannot_serve_again() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("FLH0000001", Step::Otp).await;
    let code = app.last_code_to(EMAIL);
    outcome(app.submit_code(&flow, &code).await).await;
    let again = app.submit_code(&flow, &code).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "the flow is over");
}

#[tokio::test]
async fn r_otp_4_expired_code_is_refused() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("FLH0000001", Step::Otp).await;
    let code = app.last_code_to(EMAIL);
    app.clock.advance(Duration::minutes(10));
    assert_eq!(
        field_error(
            app.submit_code(&flow, &code).await,
            StatusCode::UNPROCESSABLE_ENTITY
        )
        .await,
        ("code".to_owned(), "expired".to_owned())
    );
}

#[tokio::test]
async fn r_otp_4_sixth_try_is_refused_even_with_the_right_code() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("FLH0000001", Step::Otp).await;
    let code = app.last_code_to(EMAIL);
    let wrong = wrong_code(&code);
    for _ in 0..4 {
        assert_eq!(
            field_error(
                app.submit_code(&flow, &wrong).await,
                StatusCode::UNPROCESSABLE_ENTITY
            )
            .await
            .1,
            "wrong"
        );
    }
    assert_eq!(
        field_error(
            app.submit_code(&flow, &wrong).await,
            StatusCode::UNPROCESSABLE_ENTITY
        )
        .await
        .1,
        "exhausted"
    );
    assert_eq!(
        field_error(
            app.submit_code(&flow, &code).await,
            StatusCode::UNPROCESSABLE_ENTITY
        )
        .await
        .1,
        "exhausted"
    );
}

#[tokio::test]
async fn r_otp_4_code_of_another_flow_is_refused() {
    let app = spawn_app().await;
    let first = app.sign_in_to_step("FLH0000001", Step::Otp).await;
    let first_code = app.last_code_to(EMAIL);
    let second = app.sign_in_to_step("FLH0000002", Step::Otp).await;
    let second_code = app.last_code_to("agent@flh.example");
    if first_code != second_code {
        assert_eq!(
            field_error(
                app.submit_code(&second, &first_code).await,
                StatusCode::UNPROCESSABLE_ENTITY
            )
            .await
            .1,
            "wrong"
        );
    }
    // Even the same digits would not match: codes are hashed with their flow.
    assert!(matches!(
        outcome(app.submit_code(&first, &first_code).await).await,
        SignInOutcome::SignedIn { .. }
    ));
}

#[tokio::test]
async fn r_otp_4_a_new_code_kills_the_previous_one() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("FLH0000001", Step::Otp).await;
    let old = app.last_code_to(EMAIL);
    let resend = app
        .http
        .post(app.url(&format!("/api/v1/auth/flows/{}/otp/resend", flow.id)))
        .send()
        .await
        .expect("resend");
    assert_eq!(resend.status(), StatusCode::OK);
    let new = app.last_code_to(EMAIL);
    if old != new {
        assert_eq!(
            field_error(
                app.submit_code(&flow, &old).await,
                StatusCode::UNPROCESSABLE_ENTITY
            )
            .await
            .1,
            "wrong"
        );
    }
    assert!(matches!(
        outcome(app.submit_code(&flow, &new).await).await,
        SignInOutcome::SignedIn { .. }
    ));
}

#[tokio::test]
async fn r_otp_4_at_most_five_codes_per_hour_per_email() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("FLH0000001", Step::Otp).await;
    let resend = format!("/api/v1/auth/flows/{}/otp/resend", flow.id);
    for _ in 0..4 {
        let response = app
            .http
            .post(app.url(&resend))
            .send()
            .await
            .expect("resend");
        assert_eq!(response.status(), StatusCode::OK);
    }
    let sixth = app
        .http
        .post(app.url(&resend))
        .send()
        .await
        .expect("resend");
    assert_eq!(sixth.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(sixth.headers().contains_key("retry-after"));
    assert_eq!(app.mail_count_to(EMAIL), 5);
    // The fifth code still works: the refusal changed nothing.
    let code = app.last_code_to(EMAIL);
    outcome(app.submit_code(&flow, &code).await).await;
}

#[tokio::test]
async fn r_otp_4_flows_expire_after_fifteen_minutes() {
    let app = spawn_app().await;
    let flow = app.sign_in_to_step("FLH0000001", Step::Otp).await;
    app.clock.advance(Duration::minutes(15));
    let response = app
        .http
        .get(app.url(&format!("/api/v1/auth/flows/{}", flow.id)))
        .send()
        .await
        .expect("get flow");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

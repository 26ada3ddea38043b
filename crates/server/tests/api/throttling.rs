//! R-AUTH-7: failures slow down then lock sign-in, per credential and per client address, and
//! nothing tells whether a login exists.
use crate::flows::{DEMO_PASSWORD, outcome};
use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::Value;
use time::Duration;

async fn answer(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.expect("problem+json"))
}

#[tokio::test]
async fn r_auth_7_unknown_login_wrong_password_and_locked_account_answer_the_same() {
    let app = spawn_app().await;
    let unknown = answer(app.sign_in("NOBODY0001", DEMO_PASSWORD).await).await;
    let unknown_email = answer(app.sign_in("nobody@nowhere.example", DEMO_PASSWORD).await).await;
    let malformed = answer(app.sign_in("???", DEMO_PASSWORD).await).await;
    let wrong = answer(app.sign_in("FLH0000001", "Wrong-Password-1").await).await;
    assert_eq!(unknown.0, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown, wrong);
    assert_eq!(unknown_email, wrong);
    assert_eq!(malformed, wrong);
    // Three more failures: the fourth on this credential closes sign-in for 2 s.
    for _ in 0..3 {
        assert_eq!(
            answer(app.sign_in("FLH0000001", "Wrong-Password-1").await).await,
            wrong
        );
    }
    assert_eq!(app.audit_count("sign_in_locked").await, 1);
    let locked_with_right_password = answer(app.sign_in("FLH0000001", DEMO_PASSWORD).await).await;
    assert_eq!(locked_with_right_password, wrong);
    app.clock.advance(Duration::seconds(2));
    outcome(app.sign_in("FLH0000001", DEMO_PASSWORD).await).await;
}

#[tokio::test]
async fn r_auth_7_one_counter_for_identifier_email_and_case_variants() {
    let app = spawn_app().await;
    for login in [
        "flh0000001",
        "ADMIN@flh.example",
        " FLH0000001",
        "admin@FLH.EXAMPLE",
    ] {
        let response = app.sign_in(login, "Wrong-Password-1").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let response = app.sign_in("admin@flh.example", DEMO_PASSWORD).await;
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "locked after 4 failures"
    );
    // Another credential is not affected.
    outcome(app.sign_in("FLH0000002", DEMO_PASSWORD).await).await;
}

#[tokio::test]
async fn r_auth_7_delays_grow_with_the_failures() {
    let app = spawn_app().await;
    for _ in 0..5 {
        app.sign_in("FLH0000001", "Wrong-Password-1").await;
        app.clock.advance(Duration::seconds(2));
    }
    // The 5th failure closed sign-in for 4 s: 2 s later it is still closed.
    let response = app.sign_in("FLH0000001", DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    app.clock.advance(Duration::seconds(2));
    outcome(app.sign_in("FLH0000001", DEMO_PASSWORD).await).await;
}

#[tokio::test]
async fn r_auth_7_one_client_address_is_limited_too() {
    let app = spawn_app().await;
    for n in 0..30 {
        let response = app
            .sign_in(&format!("UNKNOWN{n:03}"), "Wrong-Password-1")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let response = app.sign_in("UNKNOWN999", "Wrong-Password-1").await;
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "the 31st failure is counted"
    );
    let response = app.sign_in("FLH0000001", DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key("retry-after"));
    app.clock.advance(Duration::seconds(1));
    outcome(app.sign_in("FLH0000001", DEMO_PASSWORD).await).await;
}

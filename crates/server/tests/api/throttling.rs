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

/// A failed sign-in of `login` from `forwarded_for`, as a reverse proxy relays it.
async fn fail_from(app: &crate::helpers::TestApp, login: &str, forwarded_for: &str) -> StatusCode {
    app.http
        .post(app.url("/api/v1/auth/sign-in"))
        .header("X-Forwarded-For", forwarded_for)
        .json(&serde_json::json!({ "login": login, "password": "Wrong-Password-1" }))
        .send()
        .await
        .expect("answered")
        .status()
}

#[tokio::test]
async fn r_auth_7_behind_a_trusted_proxy_one_client_never_locks_another() {
    let app = crate::helpers::spawn_app_with_options(crate::helpers::Options {
        trusted_proxies: vec!["127.0.0.1/32".parse().expect("cidr")],
        ..Default::default()
    })
    .await;
    for n in 0..31 {
        assert_eq!(
            fail_from(&app, &format!("UNKNOWN{n:03}"), "203.0.113.7").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        fail_from(&app, "UNKNOWN999", "203.0.113.7").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // A client's own `Forwarded` header is not the one the proxy writes: it changes nothing.
    for n in 0..31 {
        let response = app
            .http
            .post(app.url("/api/v1/auth/sign-in"))
            .header("X-Forwarded-For", "203.0.113.99")
            .header("Forwarded", format!("for=198.51.100.{}", n + 1))
            .json(&serde_json::json!({ "login": format!("SPOOF{n:03}"), "password": "Wrong-Password-1" }))
            .send()
            .await
            .expect("answered");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        fail_from(&app, "SPOOF999", "203.0.113.99").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another landlord behind the same proxy signs in.
    let other = app
        .http
        .post(app.url("/api/v1/auth/sign-in"))
        .header("X-Forwarded-For", "198.51.100.20")
        .json(&serde_json::json!({ "login": "FLH0000001", "password": DEMO_PASSWORD }))
        .send()
        .await
        .expect("answered");
    outcome(other).await;
    // An IPv6 client is one client over its whole /64.
    for n in 0..31 {
        let address = format!("2001:db8:7:1::{:x}", n + 1);
        assert_eq!(
            fail_from(&app, &format!("V6UNKNOWN{n:03}"), &address).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        fail_from(&app, "V6UNKNOWN999", "2001:db8:7:1:ffff::1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        fail_from(&app, "V6UNKNOWN999", "2001:db8:7:2::1").await,
        StatusCode::UNAUTHORIZED
    );
    // The audit log has the client's address, not the proxy's.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let addresses: Vec<Option<String>> = bailleur_entity::audit_event::Entity::find()
        .filter(bailleur_entity::audit_event::Column::Kind.eq("sign_in_failed"))
        .all(&app.db)
        .await
        .expect("events")
        .into_iter()
        .map(|event| event.client_address)
        .collect();
    assert!(
        addresses
            .iter()
            .any(|a| a.as_deref() == Some("203.0.113.7"))
    );
    assert!(addresses.iter().all(|a| a.as_deref() != Some("127.0.0.1")));
}

#[tokio::test]
async fn r_auth_7_a_forwarded_header_from_an_untrusted_peer_is_ignored() {
    let app = spawn_app().await;
    // Each request claims another address: all are the peer's, and the peer is limited.
    for n in 0..31 {
        let claimed = format!("203.0.113.{}", n + 1);
        assert_eq!(
            fail_from(&app, &format!("UNKNOWN{n:03}"), &claimed).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        fail_from(&app, "UNKNOWN999", "198.51.100.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

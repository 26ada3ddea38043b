//! R-API-2: `Idempotency-Key` on POST: replays, refusals, races and expiry.
use crate::batches::{moving_out_batch, post_batch};
use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

#[tokio::test]
async fn r_api_2_a_replay_returns_the_first_answer_and_declares_once() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let tenants = app.flh_tenants(9_500_000, 2).await;
    let body = moving_out_batch(&app, &tenants);
    let before = app.declaration_count().await;
    let first = post_batch(&app, &admin, &body, Some("order-2026-07-0001")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("Idempotent-Replayed").is_none());
    let first: Value = first.json().await.unwrap();
    // Quoted as a structured-field string, it is the same key.
    let again = post_batch(&app, &admin, &body, Some("\"order-2026-07-0001\"")).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["Idempotent-Replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again, first, "status and body of the first answer");
    assert_eq!(app.declaration_count().await, before + 2);

    let mut other = body.clone();
    other["items"].as_array_mut().unwrap().pop();
    let reused = post_batch(&app, &admin, &other, Some("order-2026-07-0001")).await;
    assert_eq!(reused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = reused.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/idempotency-key-reused");
    assert_eq!(app.declaration_count().await, before + 2);

    for malformed in ["", "\"unclosed", &"k".repeat(256)] {
        let response = post_batch(&app, &admin, &body, Some(malformed)).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{malformed:?}"
        );
    }
    assert_eq!(app.declaration_count().await, before + 2);
}

#[tokio::test]
async fn r_api_2_a_refused_request_is_not_kept_and_may_be_fixed_under_its_key() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let tenants = app.flh_tenants(9_510_000, 1).await;
    let mut wrong = moving_out_batch(&app, &tenants);
    wrong["items"][0]["declarations"][0]["date"] = json!("2000-01-01");
    let refused = post_batch(&app, &admin, &wrong, Some("fix-me")).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fixed = post_batch(
        &app,
        &admin,
        &moving_out_batch(&app, &tenants),
        Some("fix-me"),
    )
    .await;
    assert_eq!(fixed.status(), StatusCode::CREATED);
    assert!(fixed.headers().get("Idempotent-Replayed").is_none());
}

#[tokio::test]
async fn r_api_2_keys_of_two_principals_never_collide_and_expire_after_24_hours() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["declarations:write"]).await;
    let software = app.client_token(&issued).await;
    let tenants = app.flh_tenants(9_520_000, 1).await;
    let body = moving_out_batch(&app, &tenants);
    let before = app.declaration_count().await;
    for tokens in [&admin, &software] {
        let response = post_batch(&app, tokens, &body, Some("same-key")).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        assert!(response.headers().get("Idempotent-Replayed").is_none());
    }
    assert_eq!(app.declaration_count().await, before + 2, "one each");
    app.clock
        .advance(Duration::hours(24) + Duration::seconds(1));
    let admin = app.admin().await;
    let response = post_batch(&app, &admin, &body, Some("same-key")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(
        response.headers().get("Idempotent-Replayed").is_none(),
        "expired: done again"
    );
}

/// Forty copies of one request at once: one does the work; each other one is told it is in
/// flight or gets the stored answer; the declarations are made once.
#[tokio::test]
async fn r_api_2_forty_identical_requests_at_once_declare_once() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let tenants = app.flh_tenants(9_530_000, 20).await;
    let body = moving_out_batch(&app, &tenants);
    let before = app.declaration_count().await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let (http, url, body) = (
            app.http.clone(),
            app.url("/api/v1/declaration-batches"),
            body.clone(),
        );
        let token = admin.access_token.clone();
        tasks.spawn(async move {
            let response = http
                .post(url)
                .bearer_auth(token)
                .header("Idempotency-Key", "burst-1")
                .json(&body)
                .send()
                .await
                .expect("answered");
            let replayed = response.headers().get("Idempotent-Replayed").is_some();
            let status = response.status();
            (
                status,
                replayed,
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        });
    }
    let mut created = 0;
    let mut replayed = 0;
    while let Some(answer) = tasks.join_next().await {
        match answer.expect("task") {
            (StatusCode::CREATED, true, _) => replayed += 1,
            (StatusCode::CREATED, false, _) => created += 1,
            (StatusCode::CONFLICT, _, problem) => {
                assert_eq!(problem["type"], "/problems/idempotency-key-in-flight");
            }
            (other, _, problem) => panic!("unexpected {other}: {problem}"),
        }
    }
    assert_eq!(created, 1, "done once ({replayed} replays)");
    assert_eq!(app.declaration_count().await, before + 20);
    let after = post_batch(&app, &admin, &body, Some("burst-1")).await;
    assert_eq!(after.headers()["Idempotent-Replayed"], "true");
}

#[tokio::test]
async fn r_api_2_a_declaration_submitted_twice_under_its_key_is_made_once() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let tenants = app.flh_tenants(9_540_000, 1).await;
    let body = json!({"tenant_id": tenants[0], "declarations": [{"kind": "moving_out", "date": crate::declaring::day(bailleur_core::Clock::now(app.clock.as_ref()), 5)}]});
    let before = app.declaration_count().await;
    let mut answers = Vec::new();
    for _ in 0..2 {
        let response = app
            .http
            .post(app.url("/api/v1/declarations"))
            .bearer_auth(&admin.access_token)
            .header("Idempotency-Key", "double-click")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        answers.push(response.json::<Value>().await.unwrap());
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(app.declaration_count().await, before + 1);
}

/// The administrator's retried creation of a user makes one account, mails it once.
#[tokio::test]
async fn r_api_2_a_user_created_twice_under_its_key_is_created_once() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let body =
        json!({"first_name": "Lina", "last_name": "Retry", "email": "lina.retry@flh.example"});
    let mut answers = Vec::new();
    for _ in 0..2 {
        let response = app
            .http
            .post(app.url("/api/v1/partner/users"))
            .bearer_auth(&admin.access_token)
            .header("Idempotency-Key", "new-user-lina")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let replayed = response.headers().get("Idempotent-Replayed").is_some();
        let location = response.headers()["Location"].to_str().unwrap().to_owned();
        answers.push((replayed, response.json::<Value>().await.unwrap(), location));
    }
    assert!(!answers[0].0 && answers[1].0);
    assert_eq!(answers[0].2, answers[1].2, "the same Location");
    assert_eq!(answers[0].1, answers[1].1);
    let mails = app
        .mails
        .lock()
        .unwrap()
        .iter()
        .filter(|mail| mail.to == "lina.retry@flh.example")
        .count();
    assert_eq!(
        mails, 2,
        "the identifier and the provisional password, once"
    );
}

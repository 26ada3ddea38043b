//! R-AUTH-5 and R-AUTH-2 at sign-in: the first connection of TILLEUL001 (email, code, personal
//! password, terms) and the account selection of the demo's 138-account group.
use crate::flows::{DEMO_PASSWORD, field_error, outcome};
use crate::helpers::spawn_app;
use bailleur_api_types::auth::{AccountPage, SignInOutcome, Step};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn r_auth_5_first_connection_of_tilleul001_makes_it_administrator() {
    let app = spawn_app().await;
    let response = app.sign_in("TILLEUL001", "Provisoire-2026!").await;
    let SignInOutcome::StepDue { flow } = outcome(response).await else {
        panic!("steps are due");
    };
    assert_eq!(
        flow.steps_due,
        vec![
            Step::ConfirmEmail,
            Step::Otp,
            Step::NewPassword,
            Step::AcceptTerms
        ]
    );
    let base = format!("/api/v1/auth/flows/{}", flow.id);
    outcome(
        app.post_json(
            &format!("{base}/email"),
            &json!({ "email": "gerance@tilleuls.example", "email_confirmation": "gerance@tilleuls.example" }),
        )
        .await,
    )
    .await;
    let code = app.last_code_to("gerance@tilleuls.example");
    let SignInOutcome::StepDue { flow: after_code } =
        outcome(app.submit_code(&flow, &code).await).await
    else {
        panic!("the password step follows");
    };
    assert_eq!(after_code.next_step, Step::NewPassword);

    let weak = app
        .post_json(
            &format!("{base}/password"),
            &json!({ "new_password": "tilleul", "confirmation": "tilleul" }),
        )
        .await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: serde_json::Value = weak.json().await.expect("problem");
    let codes: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        vec![
            "password_length",
            "password_uppercase",
            "password_digit",
            "password_special"
        ]
    );
    let mismatch = app
        .post_json(
            &format!("{base}/password"),
            &json!({ "new_password": "Tilleuls-2026!", "confirmation": "Tilleuls-2027!" }),
        )
        .await;
    assert_eq!(
        field_error(mismatch, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("confirmation".to_owned(), "mismatch".to_owned())
    );
    let SignInOutcome::StepDue { flow: terms } = outcome(
        app.post_json(
            &format!("{base}/password"),
            &json!({ "new_password": "Tilleuls-2026!", "confirmation": "Tilleuls-2026!" }),
        )
        .await,
    )
    .await
    else {
        panic!("the terms step follows");
    };
    assert_eq!(terms.next_step, Step::AcceptTerms);
    let refused = app
        .post_json(
            &format!("{base}/terms"),
            &json!({ "usage_rules": true, "terms_of_use": false }),
        )
        .await;
    assert_eq!(
        field_error(refused, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("terms_of_use".to_owned(), "required".to_owned())
    );
    let SignInOutcome::SignedIn { session } = outcome(
        app.post_json(
            &format!("{base}/terms"),
            &json!({ "usage_rules": true, "terms_of_use": true }),
        )
        .await,
    )
    .await
    else {
        panic!("signed in");
    };
    assert_eq!(session.account.identifier, "TILLEUL001");
    assert_eq!(app.audit_count("became_administrator").await, 1);
    // The provisional password is gone; the personal one signs in without any step today.
    assert_eq!(
        app.sign_in("TILLEUL001", "Provisoire-2026!").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert!(matches!(
        outcome(
            app.sign_in("gerance@tilleuls.example", "Tilleuls-2026!")
                .await
        )
        .await,
        SignInOutcome::SignedIn { .. }
    ));
}

#[tokio::test]
async fn r_auth_2_shared_email_selects_an_account_searchable_and_paginated() {
    let app = spawn_app().await;
    let email = "gestion@sicgpi.example";
    let SignInOutcome::StepDue { flow } = outcome(app.sign_in(email, DEMO_PASSWORD).await).await
    else {
        panic!("a code is due");
    };
    let code = app.last_code_to(email);
    let SignInOutcome::StepDue { flow } = outcome(app.submit_code(&flow, &code).await).await else {
        panic!("the selection follows");
    };
    assert_eq!(flow.next_step, Step::SelectAccount);
    let list = |query: &str| {
        let url = app.url(&format!("/api/v1/auth/flows/{}/accounts{query}", flow.id));
        let http = app.http.clone();
        async move {
            let response = http.get(url).send().await.expect("list");
            assert_eq!(response.status(), StatusCode::OK);
            response.json::<AccountPage>().await.expect("a page")
        }
    };
    let first = list("").await;
    assert_eq!((first.total, first.items.len(), first.page), (138, 20, 1));
    assert_eq!(first.items[0].identifier, "A6D5AZT301");
    let last = list("?page=7").await;
    assert_eq!(last.items.len(), 18);
    assert_eq!(
        list("?q=a6d5azt337").await.items[0].identifier,
        "A6D5AZT337"
    );
    let by_name = list("?q=Urbaines").await;
    assert_eq!(by_name.total, 1);
    assert_eq!(
        by_name.items[0].partner_name,
        "Solution Écologiques Urbaines"
    );
    let by_caf = list("?q=441").await;
    assert!(
        by_caf.total >= 23
            && by_caf
                .items
                .iter()
                .all(|a| a.caf_number == "441" || a.partner_number.contains("441"))
    );
    let wildcard = list("?q=%25").await;
    assert_eq!(wildcard.total, 0, "a % typed by the user is not a wildcard");

    let account_37 = list("?q=A6D5AZT337").await.items[0].id;
    let outside = app
        .post_json(
            &format!("/api/v1/auth/flows/{}/accounts", flow.id),
            &json!({ "account_id": 1_000_000 }),
        )
        .await;
    assert_eq!(
        field_error(outside, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("account_id".to_owned(), "not_in_group".to_owned())
    );
    let SignInOutcome::SignedIn { session } = outcome(
        app.post_json(
            &format!("/api/v1/auth/flows/{}/accounts", flow.id),
            &json!({ "account_id": account_37 }),
        )
        .await,
    )
    .await
    else {
        panic!("signed in on the chosen account");
    };
    assert_eq!(session.account.identifier, "A6D5AZT337");
    let info: serde_json::Value = app
        .get_session(&session.access_token)
        .await
        .json()
        .await
        .expect("session");
    assert_eq!(info["accounts_sharing_email"], 138);
}

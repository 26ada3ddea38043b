//! Mon profil (R-PROF-1, R-PROF-2, R-OTP-3) and what email and password changes do to linked
//! accounts (R-LINK-2 … R-LINK-5, R-REF-4).
use crate::flows::{DEMO_PASSWORD, field_error, outcome};
use crate::helpers::{TestApp, spawn_app};
use crate::switching::group_session;
use bailleur_api_types::auth::{Flow, SessionTokens, SignInOutcome, Step};
use bailleur_api_types::profile::Me;
use reqwest::StatusCode;
use serde_json::{Value, json};

const GROUP: &str = "gestion@sicgpi.example";

pub async fn me(app: &TestApp, tokens: &SessionTokens) -> Me {
    app.call(reqwest::Method::GET, "/api/v1/me", tokens, json!(null))
        .await
        .json()
        .await
        .expect("me")
}

pub async fn start(app: &TestApp, tokens: &SessionTokens, path: &str, body: Value) -> Flow {
    let response = app.call(reqwest::Method::POST, path, tokens, body).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.expect("a flow")
}

pub async fn finish_with_code(app: &TestApp, flow: &Flow, code_to: &str) -> SignInOutcome {
    let code = app.last_code_to(code_to);
    outcome(app.submit_code(flow, &code).await).await
}

pub async fn set_password(app: &TestApp, flow: &Flow, password: &str) -> SignInOutcome {
    outcome(
        app.post_json(
            &format!("/api/v1/auth/flows/{}/password", flow.id),
            &json!({ "new_password": password, "confirmation": password }),
        )
        .await,
    )
    .await
}

#[tokio::test]
async fn r_prof_1_name_and_phones_are_edited_and_bad_fields_change_nothing() {
    let app = spawn_app().await;
    let tokens = app.signed_in("FLH0000002", "agent@flh.example").await;
    let bad = app
        .call(
            reqwest::Method::PATCH,
            "/api/v1/me",
            &tokens,
            json!({ "first_name": " ", "phone": "02 40 AB", "mobile_phone": "06 12 34 56 78" }),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = bad.json().await.expect("problem");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, vec!["first_name", "phone"]);
    assert_eq!(
        me(&app, &tokens).await.mobile_phone,
        None,
        "nothing was written"
    );
    let good = app.call(
        reqwest::Method::PATCH,
        "/api/v1/me",
        &tokens,
        json!({ "last_name": "Benali-Roux", "mobile_phone": "+33 6 12 34 56 78", "phone": null }),
    )
    .await;
    assert_eq!(good.status(), StatusCode::OK);
    let updated: Me = good.json().await.expect("me");
    assert_eq!(updated.account.last_name, "Benali-Roux");
    assert_eq!(updated.account.first_name, "Karim");
    assert_eq!(updated.mobile_phone.as_deref(), Some("06 12 34 56 78"));
    assert_eq!(updated.phone, None);
}

#[tokio::test]
async fn r_otp_3_password_change_needs_the_current_password_then_a_code() {
    let app = spawn_app().await;
    let tokens = app.signed_in("FLH0000001", "admin@flh.example").await;
    let wrong = app
        .call(
            reqwest::Method::POST,
            "/api/v1/me/password",
            &tokens,
            json!({ "current_password": "nope" }),
        )
        .await;
    assert_eq!(
        field_error(wrong, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("current_password".to_owned(), "wrong".to_owned())
    );
    let flow = start(
        &app,
        &tokens,
        "/api/v1/me/password",
        json!({ "current_password": DEMO_PASSWORD }),
    )
    .await;
    assert_eq!(flow.steps_due, vec![Step::Otp, Step::NewPassword]);
    let early = app
        .post_json(
            &format!("/api/v1/auth/flows/{}/password", flow.id),
            &json!({ "new_password": "Nouveau-Mot2passe!", "confirmation": "Nouveau-Mot2passe!" }),
        )
        .await;
    assert_eq!(early.status(), StatusCode::CONFLICT, "the code comes first");
    let SignInOutcome::StepDue { flow: next } =
        finish_with_code(&app, &flow, "admin@flh.example").await
    else {
        panic!("the password step follows");
    };
    assert_eq!(next.next_step, Step::NewPassword);
    assert_eq!(
        set_password(&app, &flow, "Nouveau-Mot2passe!").await,
        SignInOutcome::Completed
    );
    assert_eq!(
        app.get_session(&tokens.access_token).await.status(),
        StatusCode::OK,
        "this session goes on"
    );
    assert_eq!(
        app.sign_in("FLH0000001", DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    outcome(app.sign_in("FLH0000001", "Nouveau-Mot2passe!").await).await;
}

#[tokio::test]
async fn r_link_4_one_password_for_the_group_and_other_sessions_revoked() {
    let app = spawn_app().await;
    let on_37 = group_session(&app, "A6D5AZT337").await;
    let on_120 = group_session(&app, "A6D5AZT420").await;
    let flow = start(
        &app,
        &on_37,
        "/api/v1/me/password",
        json!({ "current_password": DEMO_PASSWORD }),
    )
    .await;
    finish_with_code(&app, &flow, GROUP).await;
    assert_eq!(
        set_password(&app, &flow, "Groupe-Commun-2026!").await,
        SignInOutcome::Completed
    );
    assert_eq!(
        app.get_session(&on_37.access_token).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get_session(&on_120.access_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // Account 1 of the group signs in with the new password.
    let SignInOutcome::StepDue { flow } =
        outcome(app.sign_in("A6D5AZT301", "Groupe-Commun-2026!").await).await
    else {
        panic!("the selection is due");
    };
    assert_eq!(flow.next_step, Step::SelectAccount);
    assert_eq!(app.audit_count("password_changed").await, 1);
}

#[tokio::test]
async fn r_link_5_detachment_keeps_the_password_and_separates_later_changes() {
    let app = spawn_app().await;
    let on_37 = group_session(&app, "A6D5AZT337").await;
    let flow = start(&app, &on_37, "/api/v1/me/email",
        json!({ "email": "agence37@sicgpi.example", "email_confirmation": "agence37@sicgpi.example" })).await;
    assert_eq!(flow.steps_due, vec![Step::Otp]);
    assert_eq!(flow.linking_accounts, None);
    // The code goes to the new address (R-LINK-3).
    assert_eq!(
        finish_with_code(&app, &flow, "agence37@sicgpi.example").await,
        SignInOutcome::Completed
    );
    // Both addresses are told.
    let new_notices = app
        .mails
        .lock()
        .expect("mails")
        .iter()
        .filter(|mail| mail.to == "agence37@sicgpi.example" && mail.subject.contains("a changé"))
        .count();
    assert_eq!(new_notices, 1);
    let old_notices = app
        .mails
        .lock()
        .expect("mails")
        .iter()
        .filter(|mail| mail.to == GROUP && mail.subject.contains("a changé"))
        .count();
    assert_eq!(old_notices, 1);
    let detached = me(&app, &on_37).await;
    assert_eq!(detached.email.as_deref(), Some("agence37@sicgpi.example"));
    assert_eq!(detached.linked_accounts, 1);
    // Same password value on both sides …
    assert_eq!(
        app.sign_in("A6D5AZT337", DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
    // … but a change on the detached account no longer crosses.
    let change = start(
        &app,
        &on_37,
        "/api/v1/me/password",
        json!({ "current_password": DEMO_PASSWORD }),
    )
    .await;
    finish_with_code(&app, &change, "agence37@sicgpi.example").await;
    assert_eq!(
        set_password(&app, &change, "Detache-2026!").await,
        SignInOutcome::Completed
    );
    assert_eq!(
        app.sign_in("A6D5AZT301", DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.sign_in("A6D5AZT301", "Detache-2026!").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.audit_count("account_detached").await, 1);
    let group = app
        .http
        .get(app.url("/api/v1/session/accounts"))
        .bearer_auth(&group_session(&app, "A6D5AZT301").await.access_token)
        .send()
        .await
        .expect("list");
    let page: Value = group.json().await.expect("page");
    assert_eq!(page["total"], 137);
}

/// The flow an email change to `email` opens, as its caller sees it.
pub async fn email_change(app: &TestApp, tokens: &SessionTokens, email: &str) -> Flow {
    start(
        app,
        tokens,
        "/api/v1/me/email",
        json!({ "email": email, "email_confirmation": email.trim().to_lowercase() }),
    )
    .await
}

#[tokio::test]
async fn r_link_2_r_ref_4_physical_and_same_partner_emails_are_refused_once_proven() {
    let app = spawn_app().await;
    let jeanne = app
        .signed_in("JMARTIN044", "jeanne.martin@perso.example")
        .await;
    let admin = app.signed_in("FLH0000001", "admin@flh.example").await;
    let cases = [
        (&jeanne, "jeanne.martin.paris@perso.example"),
        (&jeanne, GROUP),
        (&admin, "agent@flh.example"),
        (&admin, "jeanne.martin@perso.example"),
    ];
    for (who, email) in cases {
        // Who uses an address is told only to whoever proves it (R-LINK-3): after its code.
        let flow = email_change(&app, who, email).await;
        assert_eq!(flow.steps_due, vec![Step::Otp], "{email}");
        let code = app
            .code_number_to(email, app.mail_count_to(email).max(1))
            .await;
        let refused = app.submit_code(&flow, &code).await;
        assert_eq!(
            field_error(refused, StatusCode::UNPROCESSABLE_ENTITY).await,
            ("email".to_owned(), "not_shareable".to_owned()),
            "{email}"
        );
    }
    assert_eq!(
        me(&app, &jeanne).await.email.as_deref(),
        Some("jeanne.martin@perso.example")
    );
    assert_eq!(
        me(&app, &admin).await.email.as_deref(),
        Some("admin@flh.example")
    );
    let same = app
        .call(
            reqwest::Method::POST,
            "/api/v1/me/email",
            &admin,
            json!({ "email": "admin@flh.example", "email_confirmation": "admin@flh.example" }),
        )
        .await;
    assert_eq!(
        field_error(same, StatusCode::UNPROCESSABLE_ENTITY).await.1,
        "unchanged"
    );
}

#[tokio::test]
async fn r_link_6_an_email_change_moves_only_the_account_that_asks() {
    let app = spawn_app().await;
    let on_37 = group_session(&app, "A6D5AZT337").await;
    let flow = start(
        &app,
        &on_37,
        "/api/v1/me/email",
        json!({ "email": "agence37@sicgpi.example", "email_confirmation": "agence37@sicgpi.example" }),
    )
    .await;
    finish_with_code(&app, &flow, "agence37@sicgpi.example").await;
    // The 137 others keep the shared address: there is no change for the whole group.
    let on_38 = group_session(&app, "A6D5AZT338").await;
    let others = me(&app, &on_38).await;
    assert_eq!(others.email.as_deref(), Some(GROUP));
    assert_eq!(others.linked_accounts, 137);
}

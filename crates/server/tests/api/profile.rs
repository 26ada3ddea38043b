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

async fn me(app: &TestApp, tokens: &SessionTokens) -> Me {
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
async fn email_change(app: &TestApp, tokens: &SessionTokens, email: &str) -> Flow {
    start(
        app,
        tokens,
        "/api/v1/me/email",
        json!({ "email": email, "email_confirmation": email.trim().to_lowercase() }),
    )
    .await
}

/// The attack found against the product: a user of one company enters another company's group
/// address. Every step of it must fail (R-LINK-3).
#[tokio::test]
async fn r_link_3_an_email_change_to_a_group_address_shows_nothing_and_sets_nothing_without_its_code()
 {
    let app = spawn_app().await;
    let agent = app.signed_in("FLH0000002", "agent@flh.example").await;
    let to_agent = app.mail_count_to("agent@flh.example");
    let flow = email_change(&app, &agent, " Gestion@SICGPI.example").await;
    let unused = email_change(&app, &agent, "personne@ailleurs.example").await;
    // Nothing tells a group address from an unused one before its code.
    assert_eq!(flow.steps_due, vec![Step::Otp]);
    assert_eq!(
        (flow.steps_due.clone(), flow.linking_accounts),
        (unused.steps_due, unused.linking_accounts)
    );
    assert_eq!(flow.linking_accounts, None);
    let fetched: Flow = app
        .http
        .get(app.url(&format!("/api/v1/auth/flows/{}", flow.id)))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("flow");
    assert_eq!(
        (fetched.next_step, fetched.linking_accounts),
        (Step::Otp, None)
    );
    let listed = app
        .http
        .get(app.url(&format!("/api/v1/auth/flows/{}/accounts?page=7", flow.id)))
        .send()
        .await
        .expect("list");
    assert_eq!(
        listed.status(),
        StatusCode::CONFLICT,
        "no list before the code"
    );
    let early = app
        .post_json(
            &format!("/api/v1/auth/flows/{}/password", flow.id),
            &json!({ "new_password": "Rapproche-2026!", "confirmation": "Rapproche-2026!" }),
        )
        .await;
    assert_eq!(
        early.status(),
        StatusCode::CONFLICT,
        "no password before the code"
    );
    // The code went to the address being joined, not to the one who asked.
    assert_eq!(app.mail_count_to("agent@flh.example"), to_agent);
    assert_eq!(app.mail_count_to(GROUP), 1);
    // Guessing it: five tries, then the code is dead, and a new one inherits the failures.
    let mut refusals = Vec::new();
    for code in ["000000", "111111", "222222", "333333", "444444", "555555"] {
        let refused = app.submit_code(&flow, code).await;
        refusals.push(
            field_error(refused, StatusCode::UNPROCESSABLE_ENTITY)
                .await
                .1,
        );
    }
    assert_eq!(
        refusals,
        ["wrong", "wrong", "wrong", "wrong", "exhausted", "exhausted"]
    );
    let resent = app
        .post_json(
            &format!("/api/v1/auth/flows/{}/otp/resend", flow.id),
            &json!({}),
        )
        .await;
    let resent: Flow = resent.json().await.expect("flow");
    assert_eq!(resent.otp.map(|otp| otp.attempts_left), Some(0));
    let real = app.code_number_to(GROUP, 2).await;
    let dead = app.submit_code(&flow, &real).await;
    assert_eq!(
        field_error(dead, StatusCode::UNPROCESSABLE_ENTITY).await.1,
        "exhausted"
    );
    // The group is untouched and out of reach.
    assert_eq!(
        app.sign_in("A6D5AZT301", DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
    let agent_now = me(&app, &agent).await;
    assert_eq!(
        (agent_now.email.as_deref(), agent_now.linked_accounts),
        (Some("agent@flh.example"), 1)
    );
    let group: Value = app
        .call(
            reqwest::Method::GET,
            "/api/v1/session/accounts",
            &agent,
            json!(null),
        )
        .await
        .json()
        .await
        .expect("page");
    assert_eq!(group["total"], 1);
    let target = group_session(&app, "A6D5AZT301").await.account.id;
    let switch = app
        .call(
            reqwest::Method::POST,
            "/api/v1/session/switch",
            &agent,
            json!({ "account_id": target }),
        )
        .await;
    assert_eq!(
        field_error(switch, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .1,
        "not_in_group"
    );
    assert_eq!(app.audit_count("account_linked").await, 0);
}

#[tokio::test]
async fn r_link_3_the_owner_of_a_group_address_links_the_account_after_its_code_and_a_common_password()
 {
    let app = spawn_app().await;
    let agent = app.signed_in("FLH0000002", "agent@flh.example").await;
    let flow = email_change(&app, &agent, GROUP).await;
    // The code read at the group's address proves it: the accounts concerned are shown then.
    let SignInOutcome::StepDue { flow: next } = finish_with_code(&app, &flow, GROUP).await else {
        panic!("the common password is asked");
    };
    assert_eq!(next.next_step, Step::NewPassword);
    assert_eq!(next.linking_accounts, Some(138));
    let listed: Value = app
        .http
        .get(app.url(&format!("/api/v1/auth/flows/{}/accounts?page=7", flow.id)))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("page");
    assert_eq!(listed["total"], 138);
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(18));
    assert_eq!(
        set_password(&app, &flow, "Rapproche-2026!").await,
        SignInOutcome::Completed
    );
    assert_eq!(me(&app, &agent).await.linked_accounts, 139);
    // The whole group now signs in with the common password.
    assert_eq!(
        app.sign_in("A6D5AZT301", DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in("FLH0000002", "Rapproche-2026!").await.status(),
        StatusCode::OK
    );
    assert_eq!(app.audit_count("account_linked").await, 1);
}

#[tokio::test]
async fn r_link_3_a_first_connection_joins_a_group_only_through_its_code() {
    let app = spawn_app().await;
    // RDPORT0001's email was never validated: the first step asks one.
    let flow = app.sign_in_to_step("RDPORT0001", Step::ConfirmEmail).await;
    let path = format!("/api/v1/auth/flows/{}/email", flow.id);
    let entered: SignInOutcome = outcome(
        app.post_json(
            &path,
            &json!({ "email": GROUP, "email_confirmation": GROUP }),
        )
        .await,
    )
    .await;
    let SignInOutcome::StepDue { flow: at_code } = entered else {
        panic!("the code step follows")
    };
    assert_eq!(
        at_code.steps_due,
        vec![Step::Otp],
        "nothing says the address is a group's"
    );
    assert_eq!(at_code.linking_accounts, None);
    let SignInOutcome::StepDue { flow: next } = finish_with_code(&app, &flow, GROUP).await else {
        panic!("the common password is asked");
    };
    assert_eq!(
        (next.next_step, next.linking_accounts),
        (Step::NewPassword, Some(138))
    );
    // Now one of the group: the account to work on is chosen, as at every sign-in.
    let SignInOutcome::StepDue { flow: choice } =
        set_password(&app, &flow, "Port-Rapproche-2026!").await
    else {
        panic!("the account selection follows");
    };
    assert_eq!(choice.next_step, Step::SelectAccount);
    assert_eq!(
        app.sign_in("A6D5AZT301", "Port-Rapproche-2026!")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn r_link_3_an_account_created_on_a_group_address_proves_it_at_its_first_connection() {
    let app = spawn_app().await;
    // The group signs in: its address was proven a minute ago.
    let group = group_session(&app, "A6D5AZT301").await;
    let admin = app.signed_in("FLH0000001", "admin@flh.example").await;
    let created = app
        .call(
            reqwest::Method::POST,
            "/api/v1/partner/users",
            &admin,
            json!({ "first_name": "Léa", "last_name": "Roux", "email": GROUP }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.expect("user");
    let identifier = created["identifier"]
        .as_str()
        .expect("identifier")
        .to_owned();
    // Not part of the group before its first connection: not listed, not selectable.
    let listed: Value = app
        .call(
            reqwest::Method::GET,
            "/api/v1/session/accounts",
            &group,
            json!(null),
        )
        .await
        .json()
        .await
        .expect("page");
    assert_eq!(listed["total"], 138);
    let id = created["id"].as_i64().expect("id");
    let switch = app
        .call(
            reqwest::Method::POST,
            "/api/v1/session/switch",
            &group,
            json!({ "account_id": id }),
        )
        .await;
    assert_eq!(
        field_error(switch, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .1,
        "not_in_group"
    );
    // Its first connection proves the address again, whenever others last did.
    let provisional = {
        let mails = app.mails.lock().expect("mails");
        let mail = mails
            .iter()
            .rev()
            .find(|mail| mail.to == GROUP && mail.subject.contains("(2/2)"))
            .expect("the second mail");
        mail.text
            .split(") :")
            .nth(1)
            .and_then(|rest| rest.lines().map(str::trim).find(|line| !line.is_empty()))
            .expect("the password")
            .to_owned()
    };
    let first = outcome(app.sign_in(&identifier, &provisional).await).await;
    let SignInOutcome::StepDue { flow } = first else {
        panic!("steps are due")
    };
    assert_eq!(flow.steps_due[0], Step::Otp);
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

//! R-LINK-3: an address enters an account only through the code sent to it; nothing about
//! the accounts using it shows before, nor is any password set. The attack found against the
//! product first, then the honest paths.
use crate::flows::{DEMO_PASSWORD, field_error, outcome};
use crate::helpers::spawn_app;
use crate::profile::{email_change, finish_with_code, me, set_password};
use crate::switching::group_session;
use bailleur_api_types::auth::{Flow, SignInOutcome, Step};
use reqwest::StatusCode;
use serde_json::{Value, json};

const GROUP: &str = "gestion@sicgpi.example";

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

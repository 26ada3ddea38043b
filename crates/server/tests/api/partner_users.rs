//! R-AUTH-5: the administrator lists, creates (personal email, two mails) and disables the
//! partner's users; R-LINK-2 refusals; a user created on a group's email joins the group at its
//! first connection (R-LINK-3).
use crate::flows::{DEMO_PASSWORD, field_error, outcome};
use crate::helpers::{TestApp, spawn_app};
use bailleur_api_types::UserStatus;
use bailleur_api_types::auth::{SessionTokens, SignInOutcome, Step};
use bailleur_api_types::partner::PartnerUser;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The provisional password of the second mail to `to`.
fn provisional_password(app: &TestApp, to: &str) -> (String, String) {
    let mails = app.mails.lock().expect("mails");
    let to_user: Vec<_> = mails.iter().filter(|mail| mail.to == to).collect();
    assert_eq!(to_user.len(), 2, "two separate mails");
    let line = |text: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.contains(' ') && l.len() >= 10)
            .unwrap_or_default()
            .to_owned()
    };
    let identifier = line(to_user[0].text.split("est :").nth(1).unwrap_or_default());
    let password = line(to_user[1].text.split(") :").nth(1).unwrap_or_default());
    assert!(
        !to_user[0].text.contains(&password),
        "the password is not in the identifier's mail"
    );
    (identifier, password)
}

/// The partner's users, as its administrator lists them.
async fn users(app: &TestApp, admin: &SessionTokens) -> Vec<PartnerUser> {
    app.call(Method::GET, "/api/v1/partner/users", admin, json!(null))
        .await
        .json()
        .await
        .expect("users")
}

#[tokio::test]
async fn r_auth_5_the_administrator_creates_lists_and_disables_users() {
    let app = spawn_app().await;
    let admin = app.signed_in("FLH0000001", "admin@flh.example").await;
    let agent = app.signed_in("FLH0000002", "agent@flh.example").await;
    let forbidden = app
        .call(Method::GET, "/api/v1/partner/users", &agent, json!(null))
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);

    let created = app.call( Method::POST, "/api/v1/partner/users", &admin,
        json!({ "first_name": "Lucie", "last_name": "Marchand", "email": "Lucie.Marchand@flh.example" })).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let lucie: PartnerUser = created.json().await.expect("user");
    assert_eq!(
        (lucie.status, lucie.role),
        (
            UserStatus::PendingFirstConnection,
            bailleur_api_types::AccountRole::User
        )
    );
    assert_eq!(lucie.email.as_deref(), Some("lucie.marchand@flh.example"));
    let (identifier, password) = provisional_password(&app, "lucie.marchand@flh.example");
    assert_eq!(identifier, lucie.identifier);
    let SignInOutcome::StepDue { flow } = outcome(app.sign_in(&identifier, &password).await).await
    else {
        panic!("the first connection's steps");
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

    let users = users(&app, &admin).await;
    assert_eq!(users.len(), 3);

    let disabled = app
        .call(
            Method::PATCH,
            &format!("/api/v1/partner/users/{}", agent.account.id),
            &admin,
            json!({ "disabled": true }),
        )
        .await;
    assert_eq!(disabled.status(), StatusCode::OK);
    assert_eq!(
        app.get_session(&agent.access_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in("FLH0000002", DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let enabled = app
        .call(
            Method::PATCH,
            &format!("/api/v1/partner/users/{}", agent.account.id),
            &admin,
            json!({ "disabled": false }),
        )
        .await;
    let enabled: PartnerUser = enabled.json().await.expect("user");
    assert_eq!(enabled.status, UserStatus::Active);
    assert_eq!(
        app.sign_in("FLH0000002", DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );

    let own = app
        .call(
            Method::PATCH,
            &format!("/api/v1/partner/users/{}", admin.account.id),
            &admin,
            json!({ "disabled": true }),
        )
        .await;
    assert_eq!(own.status(), StatusCode::CONFLICT);
    let other_partner = app
        .signed_in("JMARTIN044", "jeanne.martin@perso.example")
        .await;
    let outside = app
        .call(
            Method::PATCH,
            &format!("/api/v1/partner/users/{}", other_partner.account.id),
            &admin,
            json!({ "disabled": true }),
        )
        .await;
    assert_eq!(outside.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count("user_created").await, 1);
    assert_eq!(app.audit_count("user_disabled").await, 1);
}

#[tokio::test]
async fn r_link_2_a_new_user_cannot_take_a_colleague_or_physical_landlord_email() {
    let app = spawn_app().await;
    let admin = app.signed_in("FLH0000001", "admin@flh.example").await;
    for email in ["agent@flh.example", "jeanne.martin@perso.example"] {
        let refused = app
            .call(
                Method::POST,
                "/api/v1/partner/users",
                &admin,
                json!({ "first_name": "X", "last_name": "Y", "email": email }),
            )
            .await;
        assert_eq!(
            field_error(refused, StatusCode::UNPROCESSABLE_ENTITY).await,
            ("email".to_owned(), "not_shareable".to_owned()),
            "{email}"
        );
    }
    let invalid = app
        .call(
            Method::POST,
            "/api/v1/partner/users",
            &admin,
            json!({ "first_name": " ", "last_name": "Y", "email": "pas-une-adresse" }),
        )
        .await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = invalid.json().await.expect("problem");
    assert_eq!(problem["errors"].as_array().map(Vec::len), Some(2));
    let users = users(&app, &admin).await;
    assert_eq!(users.len(), 2, "nothing was created");
}

#[tokio::test]
async fn r_link_3_a_user_created_on_a_group_email_joins_it_at_first_connection() {
    let app = spawn_app().await;
    let admin = app.signed_in("FLH0000001", "admin@flh.example").await;
    let created = app.call(
        Method::POST,
        "/api/v1/partner/users",
        &admin,
        json!({ "first_name": "Claire", "last_name": "Moreau", "email": "gestion@sicgpi.example" }),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let (identifier, password) = provisional_password(&app, "gestion@sicgpi.example");
    let SignInOutcome::StepDue { flow } = outcome(app.sign_in(&identifier, &password).await).await
    else {
        panic!("steps");
    };
    let flow = if flow.next_step == Step::Otp {
        let code = app.last_code_to("gestion@sicgpi.example");
        match outcome(app.submit_code(&flow, &code).await).await {
            SignInOutcome::StepDue { flow } => flow,
            other => panic!("{other:?}"),
        }
    } else {
        flow
    };
    assert_eq!(flow.next_step, Step::NewPassword);
    assert_eq!(flow.linking_accounts, Some(138));
    let path = format!("/api/v1/auth/flows/{}", flow.id);
    outcome(app.post_json(&format!("{path}/password"), &json!({ "new_password": "Commun-Groupe-2026!", "confirmation": "Commun-Groupe-2026!" })).await).await;
    let SignInOutcome::StepDue { flow } = outcome(
        app.post_json(
            &format!("{path}/terms"),
            &json!({ "usage_rules": true, "terms_of_use": true }),
        )
        .await,
    )
    .await
    else {
        panic!("the account selection follows");
    };
    assert_eq!(flow.next_step, Step::SelectAccount);
    // The new account itself can be chosen: its first connection is over.
    let chosen = app
        .http
        .get(app.url(&format!("{path}/accounts?q={identifier}")))
        .send()
        .await
        .expect("list")
        .json::<Value>()
        .await
        .expect("page");
    assert_eq!(chosen["total"], 1, "{chosen}");
    let SignInOutcome::SignedIn { session } = outcome(
        app.post_json(
            &format!("{path}/accounts"),
            &json!({ "account_id": chosen["items"][0]["id"] }),
        )
        .await,
    )
    .await
    else {
        panic!("the session starts");
    };
    assert_eq!(session.account.identifier, identifier);
    // The 138 accounts now sign in with the common password.
    assert_eq!(
        app.sign_in("A6D5AZT301", "Commun-Groupe-2026!")
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.sign_in("A6D5AZT301", DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

/// R-LINK-2 under load: forty creations at once of a user on another company's group address.
/// One may take it; the others would make two colleagues share it, and must be refused even
/// when their checks run side by side (PostgreSQL).
#[tokio::test]
async fn r_link_2_forty_simultaneous_creations_on_one_group_email_give_the_partner_one_user_there()
{
    let app = spawn_app().await;
    let admin = app.signed_in("FLH0000001", "admin@flh.example").await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..40 {
        let (http, url, token) = (
            app.http.clone(),
            app.url("/api/v1/partner/users"),
            admin.access_token.clone(),
        );
        tasks.spawn(async move {
            http.post(url)
                .bearer_auth(token)
                .json(&json!({ "first_name": format!("Agent{n}"), "last_name": "Y", "email": "gestion@sicgpi.example" }))
                .send()
                .await
                .expect("answered")
                .status()
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = tasks.join_next().await {
        statuses.push(status.expect("task"));
    }
    let created = statuses
        .iter()
        .filter(|status| **status == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
    let users = users(&app, &admin).await;
    let on_group = users
        .iter()
        .filter(|user| user.email.as_deref() == Some("gestion@sicgpi.example"))
        .count();
    assert_eq!(on_group, 1);
}

/// A full hashing queue: a creation that gets no place answers 503 with `Retry-After`, as the
/// contract says, and creates nothing.
#[tokio::test]
async fn r_auth_7_a_full_hashing_queue_answers_503_to_a_user_creation_and_creates_nothing() {
    let app = crate::helpers::spawn_app_with_options(crate::helpers::Options {
        hash_workers: 1,
        hash_queue: 2,
        ..Default::default()
    })
    .await;
    let admin = app.signed_in("FLH0000001", "admin@flh.example").await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..24 {
        let (http, url, token) = (
            app.http.clone(),
            app.url("/api/v1/partner/users"),
            admin.access_token.clone(),
        );
        tasks.spawn(async move {
            let email = format!("agent{n}@flh-perso.example");
            let response = http
                .post(url)
                .bearer_auth(token)
                .json(&json!({ "first_name": "A", "last_name": "B", "email": email }))
                .send()
                .await
                .expect("answered");
            let retry = response.headers().get("retry-after").cloned();
            (response.status(), retry)
        });
    }
    let (mut busy, mut created) = (0, 0);
    while let Some(answer) = tasks.join_next().await {
        match answer.expect("task") {
            (StatusCode::SERVICE_UNAVAILABLE, Some(retry)) => {
                assert_eq!(retry, "1");
                busy += 1;
            }
            (StatusCode::CREATED, _) => created += 1,
            other => panic!("{other:?}"),
        }
    }
    assert!(busy > 0, "the queue of two was full");
    assert_eq!(users(&app, &admin).await.len(), 2 + created);
}

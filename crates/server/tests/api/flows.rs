//! Typed helpers to drive sign-in flows, read mailed codes and call protected endpoints.
use crate::helpers::TestApp;
use bailleur_api_types::auth::{Flow, SessionTokens, SignInOutcome, Step};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

pub const DEMO_PASSWORD: &str = "Bailleur-Demo-2026!";

/// The (field, code) pairs of a 422 problem: what a refused request names.
pub async fn refused_fields(response: Response) -> Vec<(String, String)> {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: bailleur_api_types::Problem = response.json().await.expect("problem");
    problem
        .errors
        .into_iter()
        .map(|error| (error.field, error.code))
        .collect()
}

impl TestApp {
    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.http
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// A request on behalf of a signed-in session.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        tokens: &SessionTokens,
        body: Value,
    ) -> Response {
        self.http
            .request(method, self.url(path))
            .bearer_auth(&tokens.access_token)
            .json(&body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn sign_out(&self, tokens: &SessionTokens) -> Response {
        self.http
            .post(self.url("/api/v1/auth/sign-out"))
            .bearer_auth(&tokens.access_token)
            .send()
            .await
            .expect("sign out")
    }

    pub async fn sign_in(&self, login: &str, password: &str) -> Response {
        self.post_json(
            "/api/v1/auth/sign-in",
            &json!({ "login": login, "password": password }),
        )
        .await
    }

    /// Signs in and expects the flow to stop at `step`.
    pub async fn sign_in_to_step(&self, login: &str, step: Step) -> Flow {
        let outcome = outcome(self.sign_in(login, DEMO_PASSWORD).await).await;
        match outcome {
            SignInOutcome::StepDue { flow } if flow.next_step == step => flow,
            other => panic!("expected the step {step:?}, got {other:?}"),
        }
    }

    pub async fn submit_code(&self, flow: &Flow, code: &str) -> Response {
        self.post_json(
            &format!("/api/v1/auth/flows/{}/otp", flow.id),
            &json!({ "code": code }),
        )
        .await
    }

    /// The code of the last mail sent to `to`.
    pub fn last_code_to(&self, to: &str) -> String {
        let mails = self.mails.lock().expect("mail store");
        let mail = mails
            .iter()
            .rev()
            .find(|mail| mail.to == to)
            .unwrap_or_else(|| panic!("no mail to {to}"));
        code_in(&mail.text)
    }

    /// The code of the `nth` mail (from 1) to `to`, once it has arrived: codes of recoveries go
    /// out after the answer (R-RESET-4). Polls the captured mails for at most ten seconds.
    pub async fn code_number_to(&self, to: &str, nth: usize) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if self.mail_count_to(to) >= nth {
                let mails = self.mails.lock().expect("mail store");
                let mail = mails
                    .iter()
                    .filter(|mail| mail.to == to)
                    .nth(nth - 1)
                    .expect("counted");
                return code_in(&mail.text);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no mail number {nth} to {to}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }

    pub fn mail_count_to(&self, to: &str) -> usize {
        self.mails
            .lock()
            .expect("mail store")
            .iter()
            .filter(|mail| mail.to == to)
            .count()
    }

    /// A full sign-in through the code step, for accounts whose next step is `otp` or none.
    pub async fn signed_in(&self, login: &str, email: &str) -> SessionTokens {
        match outcome(self.sign_in(login, DEMO_PASSWORD).await).await {
            SignInOutcome::SignedIn { session } => session,
            SignInOutcome::Completed => panic!("a sign-in ends with a session"),
            SignInOutcome::StepDue { flow } => {
                assert_eq!(flow.next_step, Step::Otp);
                let code = self.last_code_to(email);
                match outcome(self.submit_code(&flow, &code).await).await {
                    SignInOutcome::SignedIn { session } => session,
                    other => panic!("expected the session, got {other:?}"),
                }
            }
        }
    }

    pub async fn get_session(&self, access_token: &str) -> Response {
        self.http
            .get(self.url("/api/v1/session"))
            .bearer_auth(access_token)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn refresh(&self, refresh_token: &str) -> Response {
        self.post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": refresh_token }),
        )
        .await
    }

    pub async fn audit_count(&self, kind: &str) -> u64 {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        bailleur_entity::audit_event::Entity::find()
            .filter(bailleur_entity::audit_event::Column::Kind.eq(kind))
            .count(&self.db)
            .await
            .expect("count audit events")
    }
}

/// The 6-digit code on a line of its own in the mail's text.
pub fn code_in(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|line| line.len() == 6 && line.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no code in the mail: {text}"))
        .to_owned()
}

pub async fn outcome(response: Response) -> SignInOutcome {
    assert_eq!(response.status(), StatusCode::OK, "sign-in step refused");
    response.json().await.expect("a sign-in outcome")
}

/// The `code` of the first field error of a problem answer.
pub async fn field_error(response: Response, status: StatusCode) -> (String, String) {
    assert_eq!(response.status(), status);
    let problem: Value = response.json().await.expect("problem+json");
    let error = &problem["errors"][0];
    (
        error["field"].as_str().unwrap_or_default().to_owned(),
        error["code"].as_str().unwrap_or_default().to_owned(),
    )
}

/// A well-formed code that is surely not `code`.
pub fn wrong_code(code: &str) -> String {
    if code == "000000" { "111111" } else { "000000" }.to_owned()
}

impl TestApp {
    /// A page of the signed-in landlord's tenants: `GET /api/v1/tenants?{query}`.
    pub async fn tenants(
        &self,
        tokens: &SessionTokens,
        query: &str,
    ) -> bailleur_api_types::tenants::TenantPage {
        self.call(
            reqwest::Method::GET,
            &format!("/api/v1/tenants?{query}"),
            tokens,
            json!(null),
        )
        .await
        .json()
        .await
        .expect("a page of tenants")
    }

    /// The SIRET of the demo landlord FLH, for import rows about it.
    pub async fn flh_siret(&self) -> String {
        use bailleur_entity::partner;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        partner::Entity::find()
            .filter(partner::Column::Name.eq("Foncière Loire Habitat"))
            .one(&self.db)
            .await
            .expect("query")
            .and_then(|flh| flh.siret)
            .expect("FLH's SIRET")
    }
}

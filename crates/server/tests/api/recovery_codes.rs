//! R-OTP-4 on forgotten passwords: the flows of one login share one live code and its tries;
//! the logins of one address share its mails and its tries, unseen.
use crate::flows::{field_error, outcome};
use crate::helpers::spawn_app;
use crate::recovery::{recover, resend};
use bailleur_api_types::auth::{Flow, SignInOutcome, Step};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn r_otp_4_parallel_recovery_flows_share_one_live_code_and_its_five_tries() {
    let app = spawn_app().await;
    let mut flows = Vec::new();
    for _ in 0..5 {
        let flow: Flow = recover(&app, "FLH0000001")
            .await
            .json()
            .await
            .expect("flow");
        flows.push(flow);
    }
    let last_code = app.code_number_to("admin@flh.example", 5).await;
    let first_code = app.code_number_to("admin@flh.example", 1).await;
    // A new code killed the previous ones, whichever flow they belong to.
    let stale = app.submit_code(&flows[0], &first_code).await;
    assert_eq!(
        field_error(stale, StatusCode::UNPROCESSABLE_ENTITY).await.1,
        "expired"
    );
    // Five wrong tries in all, spread over the flows: the live code is then dead.
    let wrong = crate::flows::wrong_code(&last_code);
    let mut refusals = Vec::new();
    for flow in flows.iter().cycle().take(7) {
        refusals.push(
            field_error(
                app.submit_code(flow, &wrong).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
            .1,
        );
    }
    assert_eq!(
        refusals,
        [
            "expired", "expired", "expired", "expired", "wrong", "expired", "expired"
        ]
    );
    let mut last_tries = Vec::new();
    for _ in 0..4 {
        last_tries.push(
            field_error(
                app.submit_code(&flows[4], &wrong).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
            .1,
        );
    }
    assert_eq!(last_tries, ["wrong", "wrong", "wrong", "exhausted"]);
    // A new code inherits the failures: no fresh tries for the asking (R-OTP-4).
    assert_eq!(
        resend(&app, &serde_json::to_value(&flows[4]).expect("json"))
            .await
            .0,
        StatusCode::TOO_MANY_REQUESTS
    );
    let dead = app.submit_code(&flows[4], &last_code).await;
    assert_eq!(
        field_error(dead, StatusCode::UNPROCESSABLE_ENTITY).await.1,
        "exhausted"
    );
}

#[tokio::test]
async fn r_otp_4_the_logins_of_one_address_share_its_mails_and_its_tries() {
    let app = spawn_app().await;
    const GROUP: &str = "gestion@sicgpi.example";
    // Seven recoveries under seven logins of one address: each answers as usual, five mails go.
    let mut flows = Vec::new();
    for n in 301..308 {
        let flow: Flow = recover(&app, &format!("A6D5AZT{n}"))
            .await
            .json()
            .await
            .expect("flow");
        assert_eq!(flow.otp.as_ref().map(|otp| otp.attempts_left), Some(5));
        flows.push(flow);
    }
    let fifth = app.code_number_to(GROUP, 5).await;
    assert_eq!(app.mail_count_to(GROUP), 5);
    // Five wrong codes, under two logins: the address's tries are spent.
    for flow in [&flows[0], &flows[0], &flows[0], &flows[1], &flows[1]] {
        let wrong = app
            .submit_code(flow, &crate::flows::wrong_code(&fifth))
            .await;
        assert_eq!(
            field_error(wrong, StatusCode::UNPROCESSABLE_ENTITY).await.1,
            "wrong"
        );
    }
    // The right code of another login's flow is no longer compared; the answer stays the
    // login's own (one try gone, four left), as for a wrong one.
    let refused = app.submit_code(&flows[4], &fifth).await;
    let problem: Value = refused.json().await.expect("problem");
    assert_eq!(problem["errors"][0]["code"], "wrong", "{problem}");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .expect("message")
            .contains("4 essais")
    );
    // The owner's own sign-in codes are counted apart: they still work.
    let flow = app.sign_in_to_step(GROUP, Step::Otp).await;
    let own = app.code_number_to(GROUP, 6).await;
    let SignInOutcome::StepDue { flow } = outcome(app.submit_code(&flow, &own).await).await else {
        panic!("the account selection follows");
    };
    assert_eq!(flow.next_step, Step::SelectAccount);
}

//! R-SPACE-7: the housing aid paid to the landlord, by month and tenant.
use crate::declaring::coueron;
use crate::helpers::spawn_app;
use crate::switching::group_session;
use bailleur_api_types::payments::PaymentPage;
use bailleur_core::Clock;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn r_space_7_the_aid_paid_to_the_landlord_by_month_and_tenant() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &tokens).await.id;
    let page: PaymentPage = app
        .call(
            Method::GET,
            &format!("/api/v1/payments?tenant={tenant}"),
            &tokens,
            json!(null),
        )
        .await
        .json()
        .await
        .expect("payments");
    let coueron: Vec<_> = page
        .items
        .iter()
        .filter(|payment| payment.beneficiary_number == "1593739")
        .collect();
    assert_eq!(coueron.len(), 6, "six months paid to the landlord");
    assert!(coueron.iter().all(|payment| payment.amount_cents == 11_100));
    let months: Vec<_> = page.items.iter().map(|payment| payment.month).collect();
    assert!(
        months.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest month first"
    );
    assert_eq!(page.total, 6);
    assert_eq!(
        page.total_cents,
        page.items
            .iter()
            .map(|payment| payment.amount_cents)
            .sum::<i64>()
    );

    let today = app.clock.now().date();
    let since = coueron[1].month;
    let recent: PaymentPage = app
        .call(
            Method::GET,
            &format!("/api/v1/payments?from={since}&to={today}&tenant={tenant}"),
            &tokens,
            json!(null),
        )
        .await
        .json()
        .await
        .expect("payments");
    assert_eq!(recent.from, since);
    assert_eq!(
        recent
            .items
            .iter()
            .filter(|payment| payment.beneficiary_number == "1593739")
            .count(),
        2
    );

    let other = app.signed_in("FLH0000001", "admin@flh.example").await;
    let theirs: PaymentPage = app
        .call(Method::GET, "/api/v1/payments", &other, json!(null))
        .await
        .json()
        .await
        .expect("payments");
    assert!(
        theirs
            .items
            .iter()
            .all(|payment| payment.beneficiary_number != "1593739")
    );

    let malformed = app
        .call(
            Method::GET,
            "/api/v1/payments?from=2026-13-01",
            &tokens,
            json!(null),
        )
        .await;
    assert_eq!(malformed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        malformed.headers()["content-type"],
        "application/problem+json"
    );
}

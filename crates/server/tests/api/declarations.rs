//! R-SPACE-5 declarations, R-OPS-2 their processing, R-SPACE-6 the delays computed from it.
use crate::declaring::{accepted, coueron, day, listed, submit};
use crate::flows::refused_fields as refused;
use crate::helpers::spawn_app;
use crate::switching::group_session;
use bailleur_api_types::CafNumber;
use bailleur_api_types::declarations::{
    Declaration, DeclarationFields, DeclarationKind, DeclarationPage, DeclarationStatus,
};
use bailleur_core::Clock;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn r_space_5_each_kind_accepted_with_good_data_listed_and_viewable() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &tokens).await;
    let now = app.clock.now();
    let before = listed(&app, &tokens, tenant.id).await.total;
    let submitted = accepted(
        &app,
        &tokens,
        tenant.id,
        json!([
            {"kind": "rent", "rent_cents": 53_000, "charges_cents": 4_500},
            {"kind": "unpaid_rent", "debt_cents": 91_800, "reached_on": day(now, -3)},
            {"kind": "moving_out", "date": day(now, 20)},
            {"kind": "co_tenancy", "co_tenants": 2, "date": day(now, 0)},
            {"kind": "death", "date": day(now, -1)},
            {"kind": "end_of_management", "date": day(now, 10), "new_manager": "Agence du Port"},
        ]),
    )
    .await;
    let kinds: Vec<_> = submitted.items.iter().map(|item| item.kind).collect();
    assert_eq!(kinds, DeclarationKind::ALL);
    for item in &submitted.items {
        assert_eq!(item.status, DeclarationStatus::Submitted);
        assert_eq!(item.history.len(), 1);
        assert_eq!(item.beneficiary_number, "1593739");
        assert!(item.reference.starts_with("DB"), "{}", item.reference);
        assert!(!item.late);
    }
    let year = now.year();
    assert_eq!(submitted.items[0].campaign_year, Some(year));
    let page = listed(&app, &tokens, tenant.id).await;
    assert_eq!(page.total, before + 6);
    let one: Declaration = app
        .call(
            Method::GET,
            &format!("/api/v1/declarations/{}", submitted.items[3].id),
            &tokens,
            json!(null),
        )
        .await
        .json()
        .await
        .expect("declaration");
    assert_eq!(one, submitted.items[3]);
}

#[tokio::test]
async fn r_space_5_each_bad_field_is_refused_and_nothing_is_recorded() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &tokens).await;
    let now = app.clock.now();
    let after_next_month = day(now, 70);
    let before = listed(&app, &tokens, tenant.id).await.total;
    let cases = [
        (
            json!({"kind": "rent", "rent_cents": 0, "charges_cents": 0}),
            "rent_cents",
            "amount_out_of_range",
        ),
        (
            json!({"kind": "rent", "rent_cents": 50_000, "charges_cents": -1}),
            "charges_cents",
            "amount_out_of_range",
        ),
        (
            json!({"kind": "rent", "rent_cents": 10_000_001, "charges_cents": 0}),
            "rent_cents",
            "amount_out_of_range",
        ),
        (
            json!({"kind": "unpaid_rent", "debt_cents": 91_800, "reached_on": day(now, 1)}),
            "reached_on",
            "date_in_future",
        ),
        (
            json!({"kind": "unpaid_rent", "debt_cents": 91_800, "reached_on": "2020-01-01"}),
            "reached_on",
            "date_before_lease",
        ),
        (
            json!({"kind": "moving_out", "date": after_next_month}),
            "date",
            "date_too_late",
        ),
        (
            json!({"kind": "moving_out", "date": "2021-10-23"}),
            "date",
            "date_before_lease",
        ),
        (
            json!({"kind": "death", "date": after_next_month}),
            "date",
            "date_too_late",
        ),
        (
            json!({"kind": "co_tenancy", "co_tenants": 0, "date": day(now, 0)}),
            "co_tenants",
            "co_tenants_out_of_range",
        ),
        (
            json!({"kind": "co_tenancy", "co_tenants": 21, "date": day(now, 0)}),
            "co_tenants",
            "co_tenants_out_of_range",
        ),
        (
            json!({"kind": "co_tenancy", "co_tenants": 1, "date": day(now, 0)}),
            "co_tenants",
            "co_tenants_unchanged",
        ),
        (
            json!({"kind": "co_tenancy", "co_tenants": 3, "date": after_next_month}),
            "date",
            "date_too_late",
        ),
        (
            json!({"kind": "end_of_management", "date": after_next_month}),
            "date",
            "date_too_late",
        ),
        (
            json!({"kind": "end_of_management", "date": day(now, 0), "new_manager": "x".repeat(201)}),
            "new_manager",
            "too_long",
        ),
    ];
    for (declaration, field, code) in cases {
        let errors =
            refused(submit(&app, &tokens, tenant.id, json!([declaration.clone()])).await).await;
        assert_eq!(
            errors,
            [(format!("declarations[0].{field}"), code.to_owned())],
            "{declaration}"
        );
    }
    let errors = refused(submit(&app, &tokens, tenant.id, json!([])).await).await;
    assert_eq!(errors, [("declarations".to_owned(), "required".to_owned())]);
    let malformed = submit(
        &app,
        &tokens,
        tenant.id,
        json!([{"kind": "moving_out", "date": "31/12/2026"}]),
    )
    .await;
    assert!(malformed.status().is_client_error());
    assert_eq!(listed(&app, &tokens, tenant.id).await.total, before);
}

#[tokio::test]
async fn r_space_5_rent_refused_when_the_campaign_is_closed() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &tokens).await;
    let year = app.clock.now().year();
    assert_eq!(tenant.open_rent_campaign_year, Some(year));
    let caf = CafNumber::parse("441").expect("caf");
    assert!(
        bailleur_core::campaigns::close_campaign(&app.db, &caf, year, app.clock.now())
            .await
            .expect("close")
    );
    let errors = refused(
        submit(
            &app,
            &tokens,
            tenant.id,
            json!([{"kind": "rent", "rent_cents": 53_000, "charges_cents": 4_500}]),
        )
        .await,
    )
    .await;
    assert_eq!(
        errors,
        [(
            "declarations[0].kind".to_owned(),
            "campaign_closed".to_owned()
        )]
    );
    assert_eq!(coueron(&app, &tokens).await.open_rent_campaign_year, None);
}

#[tokio::test]
async fn r_space_5_unpaid_rent_below_the_threshold_refused_and_a_late_one_flagged() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &tokens).await;
    // 2 × (525 + 45 − 111) €: the aid is paid to the landlord.
    assert_eq!(tenant.unpaid_rent_threshold_cents, 91_800);
    let now = app.clock.now();
    let errors = refused(
        submit(
            &app,
            &tokens,
            tenant.id,
            json!([{"kind": "unpaid_rent", "debt_cents": 91_799, "reached_on": day(now, -1)}]),
        )
        .await,
    )
    .await;
    assert_eq!(
        errors,
        [(
            "declarations[0].debt_cents".to_owned(),
            "below_threshold".to_owned()
        )]
    );
    let submitted = accepted(
        &app,
        &tokens,
        tenant.id,
        json!([{"kind": "unpaid_rent", "debt_cents": 120_000, "reached_on": day(now, -70)}]),
    )
    .await;
    assert!(
        submitted.items[0].late,
        "more than two months after the threshold"
    );
}

#[tokio::test]
async fn r_space_5_a_multi_declaration_is_all_or_nothing() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &tokens).await;
    let now = app.clock.now();
    let before = listed(&app, &tokens, tenant.id).await.total;
    let errors = refused(
        submit(
            &app,
            &tokens,
            tenant.id,
            json!([
                {"kind": "rent", "rent_cents": 53_000, "charges_cents": 4_500},
                {"kind": "co_tenancy", "co_tenants": 42, "date": day(now, 0)},
                {"kind": "rent", "rent_cents": 53_000, "charges_cents": 4_500},
            ]),
        )
        .await,
    )
    .await;
    assert_eq!(
        errors,
        [
            (
                "declarations[1].co_tenants".to_owned(),
                "co_tenants_out_of_range".to_owned()
            ),
            (
                "declarations[2].kind".to_owned(),
                "duplicate_kind".to_owned()
            ),
        ]
    );
    assert_eq!(listed(&app, &tokens, tenant.id).await.total, before);
}

#[tokio::test]
async fn r_space_5_a_new_rent_replaces_the_previous_one_of_the_campaign() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &tokens).await;
    for rent in [53_000, 54_000] {
        accepted(
            &app,
            &tokens,
            tenant.id,
            json!([{"kind": "rent", "rent_cents": rent, "charges_cents": 4_500}]),
        )
        .await;
    }
    let page = listed(&app, &tokens, tenant.id).await;
    let rents: Vec<_> = page
        .items
        .iter()
        .filter(|item| item.kind == DeclarationKind::Rent)
        .map(|item| (item.status, item.fields.clone()))
        .collect();
    // Newest first: the second one stands; the first, and the seeded one, are replaced.
    assert!(rents.len() >= 2);
    assert_eq!(
        rents[0],
        (
            DeclarationStatus::Submitted,
            DeclarationFields::Rent {
                rent_cents: 54_000,
                charges_cents: 4_500
            }
        )
    );
    assert!(
        rents[1..]
            .iter()
            .all(|(status, _)| *status == DeclarationStatus::Replaced)
    );
}

#[tokio::test]
async fn r_space_5_declarations_of_another_landlord_are_not_found() {
    let app = spawn_app().await;
    let owner = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &owner).await;
    let now = app.clock.now();
    let submitted = accepted(
        &app,
        &owner,
        tenant.id,
        json!([{"kind": "death", "date": day(now, 0)}]),
    )
    .await;
    let other = app.signed_in("FLH0000001", "admin@flh.example").await;
    let response = submit(
        &app,
        &other,
        tenant.id,
        json!([{"kind": "death", "date": day(now, 0)}]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = app
        .call(
            Method::GET,
            &format!("/api/v1/declarations/{}", submitted.items[0].id),
            &other,
            json!(null),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let theirs: DeclarationPage = app
        .call(Method::GET, "/api/v1/declarations", &other, json!(null))
        .await
        .json()
        .await
        .expect("page");
    assert!(
        theirs
            .items
            .iter()
            .all(|item| item.reference != submitted.items[0].reference)
    );
    assert_eq!(listed(&app, &other, tenant.id).await.total, 0);
}

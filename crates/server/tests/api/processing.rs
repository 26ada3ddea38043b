//! R-OPS-2: the operator processes declarations; R-SPACE-6: the delays computed from it.
use crate::declaring::{accepted, coueron, day};
use crate::helpers::spawn_app;
use crate::switching::group_session;
use bailleur_api_types::caf::ProcessingDelays;
use bailleur_api_types::declarations::{Declaration, DeclarationKind, DeclarationStatus};
use bailleur_core::Clock;
use reqwest::Method;
use serde_json::json;
use time::Duration;

#[tokio::test]
async fn r_ops_2_the_operator_moves_a_declaration_through_its_statuses() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &tokens).await;
    let now = app.clock.now();
    let submitted = accepted(
        &app,
        &tokens,
        tenant.id,
        json!([{"kind": "moving_out", "date": day(now, 5)}]),
    )
    .await;
    let reference = &submitted.items[0].reference;
    for (status, hours) in [
        (DeclarationStatus::InProgress, 5),
        (DeclarationStatus::Processed, 30),
    ] {
        app.clock.advance(Duration::hours(hours));
        bailleur_core::declarations::advance(&app.db, reference, status, app.clock.now())
            .await
            .expect("advance");
    }
    let backwards = bailleur_core::declarations::advance(
        &app.db,
        reference,
        DeclarationStatus::InProgress,
        app.clock.now(),
    )
    .await;
    assert!(matches!(
        backwards,
        Err(bailleur_core::declarations::ProcessError::Transition { .. })
    ));
    let tokens = group_session(&app, "A6D5AZT301").await;
    let one: Declaration = app
        .call(
            Method::GET,
            &format!("/api/v1/declarations/{}", submitted.items[0].id),
            &tokens,
            json!(null),
        )
        .await
        .json()
        .await
        .expect("declaration");
    let history: Vec<_> = one.history.iter().map(|change| change.status).collect();
    assert_eq!(
        history,
        [
            DeclarationStatus::Submitted,
            DeclarationStatus::InProgress,
            DeclarationStatus::Processed
        ]
    );
    let processed_at = one.processed_at.expect("processed");
    // PostgreSQL keeps microseconds.
    assert!((processed_at - (now + Duration::hours(35))).abs() < Duration::milliseconds(1));
}

#[tokio::test]
async fn r_space_6_delays_are_averaged_from_the_processing_timestamps() {
    let app = spawn_app().await;
    // The seeded declarations leave the 30-day window.
    app.clock.advance(Duration::days(40));
    let tokens = group_session(&app, "A6D5AZT301").await;
    let tenant = coueron(&app, &tokens).await;
    // Death, moving out, death: processed 2 days, 1 day and 4 days after submission.
    let mut references = Vec::new();
    for kind in ["death", "moving_out", "death"] {
        let now = app.clock.now();
        let submitted = accepted(
            &app,
            &tokens,
            tenant.id,
            json!([{"kind": kind, "date": day(now, 0)}]),
        )
        .await;
        references.push(submitted.items[0].reference.clone());
    }
    for (reference, after) in [(1, 1), (0, 1), (2, 2)] {
        app.clock.advance(Duration::days(after));
        bailleur_core::declarations::advance(
            &app.db,
            &references[reference],
            DeclarationStatus::Processed,
            app.clock.now(),
        )
        .await
        .expect("process");
    }
    let delays: ProcessingDelays = app
        .http
        .get(app.url("/api/v1/cafs/441/delays"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("delays");
    assert_eq!(delays.window_days, 30);
    assert_eq!(delays.computed_at, app.clock.now());
    let by_kind: Vec<_> = delays
        .items
        .iter()
        .map(|item| (item.kind, item.average_minutes, item.samples))
        .collect();
    assert_eq!(
        by_kind,
        [
            (DeclarationKind::Rent, None, 0),
            (DeclarationKind::UnpaidRent, None, 0),
            (DeclarationKind::MovingOut, Some(24 * 60), 1),
            (DeclarationKind::CoTenancy, None, 0),
            (DeclarationKind::Death, Some(3 * 24 * 60), 2),
            (DeclarationKind::EndOfManagement, None, 0),
        ]
    );
}

//! The client against a scripted server on a loopback socket.
mod scripted;

use crate::{Client, ClientError, Credentials, OPERATIONS, Replayed, RetryPolicy};
use bailleur_api_types::TenantId;
use bailleur_api_types::batches::SubmitBatch;
use bailleur_api_types::declarations::{DeclarationFields, SubmitDeclarations};
use bailleur_api_types::software::{OAuthErrorCode, Scope};
use bailleur_api_types::tenants::TenantQuery;
use scripted::{Step, answer, json, problem, serve};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

fn quick() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        ..RetryPolicy::default()
    }
}

fn rent(tenant: i32) -> SubmitDeclarations {
    SubmitDeclarations {
        tenant_id: TenantId(tenant),
        declarations: vec![DeclarationFields::Rent {
            rent_cents: 52_500,
            charges_cents: 4_000,
        }],
    }
}

const BATCH: &str = r#"{"id":7,"created_at":"2026-07-01T10:00:00Z","items":[]}"#;
const TENANTS: &str = r#"{"items":[],"total":0,"page":1,"page_size":20}"#;

async fn within<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .unwrap()
}

#[tokio::test]
async fn r_api_4_a_retried_post_reuses_its_idempotency_key() {
    within(async {
        let (base, server) = serve(vec![Step::Drop, json("201 Created", r#"{"items":[]}"#)]).await;
        let client = Client::new(base).retry_policy(quick());
        let submitted = client.submit_declarations(&rent(3)).await.unwrap();
        assert!(submitted.items.is_empty());
        let seen = server.await.unwrap();
        assert_eq!(seen.len(), 2);
        let first = seen[0].header("idempotency-key").unwrap();
        assert!(!first.is_empty() && first.len() <= 255);
        assert_eq!(seen[1].header("idempotency-key"), Some(first));
        assert_eq!(seen[0].body, seen[1].body);
        assert_eq!(seen[1].request_line, "POST /api/v1/declarations HTTP/1.1");

        // Another call is another operation: another key.
        let (base, server) = serve(vec![json("201 Created", r#"{"items":[]}"#)]).await;
        let client = Client::new(base).retry_policy(quick());
        client.submit_declarations(&rent(3)).await.unwrap();
        let again = server.await.unwrap();
        assert_ne!(again[0].header("idempotency-key"), Some(first));
    })
    .await;
}

#[tokio::test]
async fn r_api_4_a_callers_key_is_sent_and_a_replay_is_told() {
    within(async {
        let replayed = answer(
            "201 Created",
            &[
                ("content-type", "application/json"),
                ("idempotent-replayed", "true"),
            ],
            BATCH,
        );
        let (base, server) = serve(vec![replayed, json("201 Created", BATCH)]).await;
        let client = Client::new(base).retry_policy(quick());
        let body = SubmitBatch {
            items: vec![rent(3), rent(4)],
        };
        let (batch, replay) = client
            .submit_batch_with_key("export-2026-07", &body)
            .await
            .unwrap();
        assert_eq!((batch.id.0, replay), (7, Replayed::Yes));
        let (_, replay) = client
            .submit_batch_with_key("export-2026-08", &body)
            .await
            .unwrap();
        assert_eq!(replay, Replayed::No);
        let seen = server.await.unwrap();
        assert_eq!(seen[0].header("idempotency-key"), Some("export-2026-07"));
        assert_eq!(
            seen[0].request_line,
            "POST /api/v1/declaration-batches HTTP/1.1"
        );

        let refused = client.submit_batch_with_key("", &body).await;
        assert!(matches!(
            refused,
            Err(ClientError::InvalidIdempotencyKey(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn r_api_4_a_key_still_in_flight_is_waited_for() {
    within(async {
        let in_flight = problem(409, "/problems/idempotency-key-in-flight", &[], "[]");
        let (base, server) = serve(vec![in_flight, json("201 Created", BATCH)]).await;
        let client = Client::new(base).retry_policy(quick());
        let body = SubmitBatch {
            items: vec![rent(3)],
        };
        client.submit_batch(&body).await.unwrap();
        let seen = server.await.unwrap();
        assert_eq!(
            seen[0].header("idempotency-key"),
            seen[1].header("idempotency-key")
        );
    })
    .await;
}

#[tokio::test]
async fn r_api_4_a_refusal_is_not_retried_and_names_the_field() {
    within(async {
        let errors = r#"[{"field":"items[3].declarations[0].date","code":"future","message":"…"}]"#;
        let (base, server) = serve(vec![problem(422, "/problems/validation", &[], errors)]).await;
        let client = Client::new(base).retry_policy(quick());
        let body = SubmitBatch {
            items: vec![rent(3)],
        };
        match client.submit_batch(&body).await {
            Err(ClientError::Problem(problem)) => {
                assert_eq!(problem.status, 422);
                assert_eq!(problem.errors[0].field, "items[3].declarations[0].date");
            }
            other => panic!("expected the 422, got {other:?}"),
        }
        assert_eq!(server.await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn r_api_4_a_rate_limit_tells_when_to_come_back() {
    within(async {
        let throttled = problem(
            429,
            "/problems/rate-limited",
            &[("retry-after", "30")],
            "[]",
        );
        let (base, server) = serve(vec![throttled]).await;
        let client = Client::new(base).retry_policy(quick());
        let error = client
            .list_tenants(&TenantQuery::default())
            .await
            .unwrap_err();
        assert!(matches!(error, ClientError::TryLater { .. }), "{error:?}");
        assert_eq!((error.status(), error.retry_after()), (Some(429), Some(30)));
        assert_eq!(server.await.unwrap().len(), 1);
    })
    .await;
}

fn token(access_token: &str) -> Step {
    json(
        "200 OK",
        &format!(
            r#"{{"access_token":"{access_token}","token_type":"Bearer","expires_in":900,"scope":"tenants:read"}}"#
        ),
    )
}

#[tokio::test]
async fn r_api_4_the_token_is_kept_then_renewed_after_a_401() {
    within(async {
        let script = vec![
            token("first"),
            json("200 OK", TENANTS),
            problem(401, "/problems/unauthenticated", &[], "[]"),
            token("second"),
            json("200 OK", TENANTS),
        ];
        let (base, server) = serve(script).await;
        let client = Client::with_credentials(base, Credentials::client_secret("ebc:1", "s é"))
            .scopes([Scope::TenantsRead].into_iter().collect())
            .retry_policy(quick());
        let query = TenantQuery {
            q: Some("Dupont".to_owned()),
            page: Some(2.try_into().unwrap()),
        };
        client.list_tenants(&query).await.unwrap();
        client.list_tenants(&query).await.unwrap();
        let seen = server.await.unwrap();

        assert_eq!(seen[0].request_line, "POST /api/v1/oauth/token HTTP/1.1");
        assert_eq!(
            seen[0].header("authorization"),
            Some("Basic ZWJjJTNBMTpzKyVDMyVBOQ==")
        );
        assert_eq!(
            seen[0].body,
            "grant_type=client_credentials&scope=tenants%3Aread"
        );
        assert_eq!(seen[0].header("idempotency-key"), None);
        assert_eq!(
            seen[1].request_line,
            "GET /api/v1/tenants?q=Dupont&page=2 HTTP/1.1"
        );
        let bearer = |at: usize| seen[at].header("authorization");
        assert_eq!(bearer(1), Some("Bearer first"));
        assert_eq!(bearer(2), Some("Bearer first"));
        assert_eq!(seen[3].request_line, seen[0].request_line);
        assert_eq!(bearer(4), Some("Bearer second"));
    })
    .await;
}

#[tokio::test]
async fn r_api_4_private_key_jwt_sends_a_fresh_assertion_and_reads_oauth_errors() {
    within(async {
        let refused = json(
            "401 Unauthorized",
            r#"{"error":"invalid_client","error_description":"jti already used"}"#,
        );
        let (base, server) = serve(vec![Step::Drop, refused]).await;
        let signed = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&signed);
        let credentials = Credentials::private_key_jwt("ebc_1", move || {
            format!("jwt-{}", counter.fetch_add(1, Ordering::SeqCst))
        });
        let client = Client::with_credentials(base, credentials).retry_policy(quick());
        match client.get_partner().await {
            Err(ClientError::OAuth { status, error, .. }) => {
                assert_eq!((status, error.error), (401, OAuthErrorCode::InvalidClient));
            }
            other => panic!("expected invalid_client, got {other:?}"),
        }
        let seen = server.await.unwrap();
        assert_eq!(signed.load(Ordering::SeqCst), 2);
        assert_eq!(seen[1].header("authorization"), None);
        assert_eq!(
            seen[1].body,
            "grant_type=client_credentials\
             &client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer\
             &client_assertion=jwt-1&client_id=ebc_1"
        );
    })
    .await;
}

#[tokio::test]
async fn r_api_4_no_token_without_credentials() {
    let client = Client::new("http://127.0.0.1:9");
    assert!(matches!(
        client.oauth_token().await,
        Err(ClientError::NoCredentials)
    ));
}

#[test]
fn r_api_4_operations_are_listed_once_each() {
    let unique: HashSet<_> = OPERATIONS.iter().collect();
    assert_eq!((OPERATIONS.len(), unique.len()), (14, 14));
}

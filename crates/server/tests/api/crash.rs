//! R-API-2: a server killed (`kill -9`) in the middle of a 1,000-item batch leaves none of it;
//! the same request sent again under its key declares the 1,000 exactly once. A real
//! `bailleur serve` process on the test database (SQLite or PostgreSQL).
use crate::batches::moving_out_batch;
use crate::helpers::{TestApp, spawn_app};
use bailleur_api_types::software::TokenResponse;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::io::Write;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn serve(database_url: &str) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let data = std::env::temp_dir().join(format!("bailleur-crash-{}-{port}", std::process::id()));
    let child = Command::new(env!("CARGO_BIN_EXE_bailleur"))
        .arg("serve")
        .env_remove("BAILLEUR_CONFIG")
        .env("BAILLEUR_DATABASE_URL", database_url)
        .env("BAILLEUR_ADDR", format!("127.0.0.1:{port}"))
        .env("BAILLEUR_DATA_DIR", &data)
        .env(
            "BAILLEUR_SECRET",
            "a crash test secret of at least thirty-two bytes",
        )
        .env("BAILLEUR_MAIL_TRANSPORT", "outbox")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("bailleur serve");
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    // Ready when it answers: polled, each try bounded by the connection itself.
    let http = reqwest::Client::new();
    for _ in 0..600 {
        let ready = http.get(format!("{}/readyz", server.url)).send().await;
        if ready.is_ok_and(|response| response.status() == StatusCode::OK) {
            return server;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

/// On PostgreSQL, waits (a few seconds at most) until another connection of the database is
/// inside a writing transaction: the batch's, then killed in its middle. SQLite shows nothing of
/// a transaction under way to another process: the kill comes as the request is sent.
async fn writing_transaction_seen(app: &TestApp) -> bool {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    if app.db.get_database_backend() != DbBackend::Postgres {
        return false;
    }
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(5) {
        let row = app
            .db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT count(*) AS writing FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid() \
                   AND backend_xid IS NOT NULL",
            ))
            .await
            .expect("pg_stat_activity");
        let writing: i64 = row.map_or(0, |row| row.try_get("", "writing").unwrap_or(0));
        if writing > 0 {
            return true;
        }
        tokio::task::yield_now().await;
    }
    false
}

async fn client_declarations(app: &TestApp, client: bailleur_api_types::ApiClientId) -> u64 {
    bailleur_entity::declaration::Entity::find()
        .filter(bailleur_entity::declaration::Column::ApiClientId.eq(client))
        .count(&app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn r_api_2_a_batch_cut_by_kill_9_then_retried_under_its_key_declares_1000_once() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app.api_client(&admin, &["declarations:write"]).await;
    let tenants = app.flh_tenants(9_600_000, 1_000).await;
    assert_eq!(tenants.len(), 1_000);
    let body = serde_json::to_vec(&moving_out_batch(&app, &tenants)).unwrap();
    let url = app.database_url.clone();

    let server = serve(&url).await;
    let http = reqwest::Client::new();
    let token: TokenResponse = http
        .post(format!("{}/api/v1/oauth/token", server.url))
        .basic_auth(&issued.client.client_id, Some(&issued.client_secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The request written whole on a socket, then the process killed without a word.
    let address = server.url.trim_start_matches("http://").to_owned();
    let mut socket = std::net::TcpStream::connect(&address).unwrap();
    write!(
        socket,
        "POST /api/v1/declaration-batches HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
         Idempotency-Key: crash-1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        token.access_token,
        body.len()
    )
    .unwrap();
    socket.write_all(&body).unwrap();
    socket.flush().unwrap();
    let mid_transaction = writing_transaction_seen(&app).await;
    drop(server);
    let after_crash = client_declarations(&app, issued.client.id).await;
    if app.db.get_database_backend() == sea_orm::DbBackend::Postgres {
        assert!(mid_transaction, "killed inside the batch's transaction");
        assert_eq!(after_crash, 0, "nothing of a transaction cut short");
    }
    assert!(
        after_crash == 0 || after_crash == 1_000,
        "never part of a batch: {after_crash}"
    );

    let server = serve(&url).await;
    let retry = |http: reqwest::Client, url: String| {
        let (token, body) = (token.access_token.clone(), body.clone());
        async move {
            http.post(format!("{url}/api/v1/declaration-batches"))
                .bearer_auth(token)
                .header("Idempotency-Key", "crash-1")
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let retried = retry(http.clone(), server.url.clone()).await;
    assert_eq!(retried.status(), StatusCode::CREATED);
    assert_eq!(client_declarations(&app, issued.client.id).await, 1_000);
    let replayed = retry(http.clone(), server.url.clone()).await;
    assert_eq!(replayed.status(), StatusCode::CREATED);
    assert_eq!(replayed.headers()["Idempotent-Replayed"], "true");
    assert_eq!(client_declarations(&app, issued.client.id).await, 1_000);
}

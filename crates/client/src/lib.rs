//! A typed client of the Espace Bailleur REST API for third-party landlord-management software
//! (R-API-4). Errors from the server arrive as the RFC 9457 problem they are.
use bailleur_api_types::caf::{CafOffice, NoticeList};
use bailleur_api_types::{CafNumber, Problem};
use serde::de::DeserializeOwned;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("the server refused the request: {} ({})", .0.title, .0.status)]
    Problem(Problem),
    #[error("the server answered {status} without a problem body")]
    Unexpected { status: u16 },
    #[error(transparent)]
    Transport(#[from] reqwest::Error),
}

#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
}

impl Client {
    /// `base` is the server's root, e.g. `https://bailleur.caf.example` (no trailing `/api/v1`).
    pub fn new(base: impl Into<String>) -> Self {
        Self::with_http(base, reqwest::Client::new())
    }

    pub fn with_http(base: impl Into<String>, http: reqwest::Client) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            http,
        }
    }

    pub async fn caf(&self, number: &CafNumber) -> Result<CafOffice, ClientError> {
        self.get(&format!("/api/v1/cafs/{number}")).await
    }

    pub async fn caf_notices(&self, number: &CafNumber) -> Result<NoticeList, ClientError> {
        self.get(&format!("/api/v1/cafs/{number}/notices")).await
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        let response = self.http.get(format!("{}{path}", self.base)).send().await?;
        decode(response).await
    }
}

async fn decode<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, ClientError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response.json().await?);
    }
    let is_problem = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with(Problem::CONTENT_TYPE));
    if is_problem {
        Ok(Err(ClientError::Problem(response.json().await?))?)
    } else {
        Err(ClientError::Unexpected {
            status: status.as_u16(),
        })
    }
}

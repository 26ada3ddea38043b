//! The typed client of the API used by every page. Non-2xx answers decode to the shared
//! problem+json body, so pages show the server's French message.
use bailleur_api_types::Problem;
use bailleur_api_types::caf::{CafOffice, NoticeList};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;

/// What a page can show when a call fails.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem.
    Problem(Problem),
    /// The server could not be reached or answered something unreadable.
    Network,
}

impl ApiError {
    pub fn message(&self) -> String {
        match self {
            Self::Problem(problem) => match &problem.detail {
                Some(detail) => format!("{} : {detail}", problem.title),
                None => problem.title.clone(),
            },
            Self::Network => {
                "Le service est momentanément indisponible. Vérifiez votre connexion et réessayez."
                    .to_owned()
            }
        }
    }
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        response.json::<T>().await.map_err(|_| ApiError::Network)
    } else {
        match response.json::<Problem>().await {
            Ok(problem) => Err(ApiError::Problem(problem)),
            Err(_) => Err(ApiError::Network),
        }
    }
}

/// Calls that need no session.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnauthorizedApi;

impl UnauthorizedApi {
    pub async fn caf(&self, number: &str) -> Result<CafOffice, ApiError> {
        get_json(&format!("/api/v1/cafs/{}", encode(number))).await
    }

    pub async fn notices(&self, number: &str) -> Result<NoticeList, ApiError> {
        get_json(&format!("/api/v1/cafs/{}/notices", encode(number))).await
    }
}

/// Path segments come from the address bar: keep them from changing the path's shape.
fn encode(segment: &str) -> String {
    segment
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

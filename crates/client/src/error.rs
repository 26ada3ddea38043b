//! What can go wrong, typed, and how an answer becomes one of these errors.
use crate::key::InvalidIdempotencyKey;
use crate::transport::Answer;
use bailleur_api_types::Problem;
use bailleur_api_types::software::OAuthError;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server refused the request (R-API-3); `problem.status` is the HTTP status,
    /// `problem.kind` the stable type to match on, `problem.errors` the refused fields.
    #[error("the server refused the request: {} ({})", .0.title, .0.status)]
    Problem(Problem),
    /// 429 (this client's rate limit) or 503 (overloaded), still standing after the retries
    /// the [`RetryPolicy`](crate::RetryPolicy) allows: call again after `retry_after` seconds.
    #[error("the server asks to try again later ({}), in {retry_after:?} s", .problem.status)]
    TryLater {
        problem: Problem,
        retry_after: Option<u64>,
    },
    /// The token endpoint refused (RFC 6749 §5.2): `invalid_client` (401) for a wrong,
    /// expired or revoked credential, `invalid_scope` (400) for a scope the client lacks,
    /// `slow_down` (429) with `retry_after`.
    #[error("the token endpoint refused: {:?} ({status})", .error.error)]
    OAuth {
        status: u16,
        error: OAuthError,
        retry_after: Option<u64>,
    },
    /// An operation that needs a token, on a client built without credentials.
    #[error("this client has no credentials: build it with `Client::with_credentials`")]
    NoCredentials,
    #[error(transparent)]
    InvalidIdempotencyKey(#[from] InvalidIdempotencyKey),
    /// An error status without a problem body (a proxy's page, say).
    #[error("the server answered {status} without a problem body")]
    Unexpected { status: u16 },
    /// A success whose body is not what the contract describes: client and server disagree
    /// on the contract's version.
    #[error("the server's {status} answer is not the JSON expected: {source}")]
    Decode {
        status: u16,
        source: serde_json::Error,
    },
    /// No answer: the connection failed or timed out, after the retries allowed.
    #[error(transparent)]
    Transport(#[from] reqwest::Error),
}

impl ClientError {
    /// The HTTP status of the answer behind the error, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Problem(problem) | Self::TryLater { problem, .. } => Some(problem.status),
            Self::OAuth { status, .. }
            | Self::Unexpected { status }
            | Self::Decode { status, .. } => Some(*status),
            Self::Transport(error) => error.status().map(|status| status.as_u16()),
            Self::NoCredentials | Self::InvalidIdempotencyKey(_) => None,
        }
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Self::Problem(problem) | Self::TryLater { problem, .. } => Some(problem),
            _ => None,
        }
    }

    /// The seconds the server asked to wait (`Retry-After`).
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::TryLater { retry_after, .. } | Self::OAuth { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// The body of a success, or the error an error answer stands for.
pub(crate) fn decode<T: DeserializeOwned>(answer: &Answer) -> Result<T, ClientError> {
    if !answer.status.is_success() {
        return Err(error_of(answer));
    }
    serde_json::from_slice(&answer.body).map_err(|source| ClientError::Decode {
        status: answer.status.as_u16(),
        source,
    })
}

/// The token endpoint speaks RFC 6749 §5.2, not problem+json; anything else it says (a 503
/// of the whole server) is read as any other answer.
pub(crate) fn decode_token<T: DeserializeOwned>(answer: &Answer) -> Result<T, ClientError> {
    if !answer.status.is_success()
        && let Ok(error) = serde_json::from_slice::<OAuthError>(&answer.body)
    {
        return Err(ClientError::OAuth {
            status: answer.status.as_u16(),
            error,
            retry_after: retry_after(&answer.headers),
        });
    }
    decode(answer)
}

pub(crate) fn error_of(answer: &Answer) -> ClientError {
    let status = answer.status.as_u16();
    let problem = if is_problem(&answer.headers) {
        serde_json::from_slice::<Problem>(&answer.body).ok()
    } else {
        None
    };
    match problem {
        Some(problem)
            if matches!(
                answer.status,
                StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
            ) =>
        {
            ClientError::TryLater {
                problem,
                retry_after: retry_after(&answer.headers),
            }
        }
        Some(problem) => ClientError::Problem(problem),
        None => ClientError::Unexpected { status },
    }
}

pub(crate) fn is_problem(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with(Problem::CONTENT_TYPE))
}

/// `Retry-After` in seconds. The server sends delta-seconds; an HTTP date (RFC 9110 allows
/// it, proxies seldom send it) reads as absent rather than as a guess.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()
}

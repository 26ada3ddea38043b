//! One call's exchanges with the server: when to try again, and how long to wait first.
use crate::error::{ClientError, retry_after};
use bailleur_api_types::Problem;
use reqwest::header::{ACCEPT, HeaderMap};
use reqwest::{RequestBuilder, StatusCode};
use std::time::Duration;

/// An answer read whole, so that a connection dropped in the middle of the body counts as a
/// failed exchange, to be tried again, and not as an answer.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// When a call is tried again. Never after a 4xx (the same request would be refused again),
/// except the 409 of a key whose first request is still running; after a failed connection
/// or a timeout; after a 503 whose `Retry-After` is short enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries of one call in all, the first included.
    pub max_attempts: u32,
    /// The wait after the first failed try, doubled after each one that follows.
    pub initial_backoff: Duration,
    /// The longest wait the client accepts on the server's word (`Retry-After`); an answer
    /// asking for more is returned as [`ClientError::TryLater`].
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_retry_after: Duration::from_secs(10),
        }
    }
}

const IN_FLIGHT: &str = "/problems/idempotency-key-in-flight";

impl RetryPolicy {
    /// One try per call: for a caller that has its own retry loop.
    pub fn never() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Sends what `request` builds until an answer is final or the tries are spent. `request`
    /// builds the same request every time (same `Idempotency-Key`), or, for the token
    /// endpoint, one with a fresh assertion.
    pub(crate) async fn run(
        &self,
        mut request: impl FnMut() -> RequestBuilder,
    ) -> Result<Answer, ClientError> {
        let mut attempt = 1;
        loop {
            let outcome = exchange(request()).await;
            let wait = match &outcome {
                Ok(answer) => self.wait_after_answer(answer, attempt),
                Err(error) if worth_retrying(error) => Some(self.backoff(attempt)),
                Err(_) => None,
            };
            match wait {
                Some(wait) if attempt < self.max_attempts => {
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => return outcome.map_err(ClientError::from),
            }
        }
    }

    /// The wait before trying again after `answer`, or `None` if it is final.
    fn wait_after_answer(&self, answer: &Answer, attempt: u32) -> Option<Duration> {
        let retryable = match answer.status {
            StatusCode::SERVICE_UNAVAILABLE => true,
            StatusCode::CONFLICT => is_in_flight(answer),
            _ => false,
        };
        if !retryable {
            return None;
        }
        let wait =
            retry_after(&answer.headers).map_or_else(|| self.backoff(attempt), Duration::from_secs);
        (wait <= self.max_retry_after).then_some(wait)
    }

    fn backoff(&self, failed_attempts: u32) -> Duration {
        let doublings = failed_attempts.saturating_sub(1).min(16);
        self.initial_backoff.saturating_mul(1 << doublings)
    }
}

/// Whether the first request with this key is still running: once it ends, the same request
/// gets its answer replayed.
fn is_in_flight(answer: &Answer) -> bool {
    crate::error::is_problem(&answer.headers)
        && serde_json::from_slice::<Problem>(&answer.body)
            .is_ok_and(|problem| problem.kind.ends_with(IN_FLIGHT))
}

/// Whether the request may have failed for a passing reason. A request that could not even be
/// built, or a redirect loop, would fail the same way again. Whether the server received a
/// POST that failed is unknowable here: its `Idempotency-Key` is what makes a second try safe.
fn worth_retrying(error: &reqwest::Error) -> bool {
    !(error.is_builder() || error.is_redirect())
}

async fn exchange(request: RequestBuilder) -> Result<Answer, reqwest::Error> {
    let response = request.send().await?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await?.to_vec();
    Ok(Answer {
        status,
        headers,
        body,
    })
}

/// What every try of an API request (not the token endpoint's) carries.
pub(crate) fn build(request: RequestBuilder, token: Option<&str>) -> RequestBuilder {
    let request = request.header(ACCEPT, "application/json");
    match token {
        Some(token) => request.bearer_auth(token),
        None => request,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};

    fn answer(status: u16, retry_after: Option<&str>, problem_type: Option<&str>) -> Answer {
        let mut headers = HeaderMap::new();
        if let Some(seconds) = retry_after {
            headers.insert(RETRY_AFTER, HeaderValue::from_str(seconds).unwrap());
        }
        let body = match problem_type {
            Some(kind) => {
                headers.insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static("application/problem+json"),
                );
                serde_json::to_vec(&serde_json::json!({
                    "type": kind, "title": "t", "status": status
                }))
                .unwrap()
            }
            None => Vec::new(),
        };
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            body,
        }
    }

    #[test]
    fn r_api_4_no_4xx_is_retried_but_a_key_still_in_flight() {
        let policy = RetryPolicy::default();
        for status in [400, 401, 403, 404, 422, 429] {
            let refused = answer(status, Some("1"), Some("/problems/validation"));
            assert_eq!(policy.wait_after_answer(&refused, 1), None, "{status}");
        }
        let other_conflict = answer(409, None, Some("/problems/email-taken"));
        assert_eq!(policy.wait_after_answer(&other_conflict, 1), None);
        let in_flight = answer(409, None, Some("/problems/idempotency-key-in-flight"));
        assert_eq!(
            policy.wait_after_answer(&in_flight, 2),
            Some(Duration::from_millis(500))
        );
    }

    #[test]
    fn r_api_4_a_503_is_retried_after_the_wait_it_asks_up_to_a_cap() {
        let policy = RetryPolicy::default();
        let soon = answer(503, Some("2"), Some("/problems/overloaded"));
        assert_eq!(
            policy.wait_after_answer(&soon, 1),
            Some(Duration::from_secs(2))
        );
        let later = answer(503, Some("3600"), Some("/problems/overloaded"));
        assert_eq!(policy.wait_after_answer(&later, 1), None);
        let unsaid = answer(503, None, None);
        assert_eq!(
            policy.wait_after_answer(&unsaid, 1),
            Some(Duration::from_millis(250))
        );
    }

    #[test]
    fn r_api_4_backoff_doubles_and_never_overflows() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(1), Duration::from_millis(250));
        assert_eq!(policy.backoff(3), Duration::from_secs(1));
        assert!(policy.backoff(u32::MAX) >= policy.backoff(17));
    }
}

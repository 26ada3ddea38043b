//! `/auth`: signing in step by step, refreshing and ending sessions (R-AUTH, R-OTP).
pub mod accept_terms;
pub mod captcha;
pub mod confirm_email;
pub mod get_flow;
pub mod list_flow_accounts;
pub mod recovery;
pub mod refresh;
pub mod resend_code;
pub mod select_account;
pub mod set_password;
pub mod sign_in;
pub mod sign_out;
pub mod submit_code;

use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse};
use bailleur_api_types::auth::{
    REFRESH_COOKIE, REFRESH_TRANSPORT_HEADER, SessionTokens, SignInOutcome,
};
use bailleur_core::auth::flow::{FlowError, Outcome, Progress};
use bailleur_core::auth::session::Issued;
use time::OffsetDateTime;

/// The web app asks for its refresh token in a cookie, out of reach of scripts.
fn wants_cookie(request: &HttpRequest) -> bool {
    request
        .headers()
        .get(REFRESH_TRANSPORT_HEADER)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.eq_ignore_ascii_case("cookie"))
}

fn refresh_cookie(state: &AppState, token: String, expires_at: OffsetDateTime) -> Cookie<'static> {
    let seconds = (expires_at - state.clock.now()).whole_seconds().max(0);
    Cookie::build(REFRESH_COOKIE, token)
        .path("/api/v1/auth")
        .http_only(true)
        .secure(state.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::seconds(seconds))
        .finish()
}

/// Clears the refresh cookie (sign-out, refused refresh).
pub(crate) fn expired_cookie(state: &AppState) -> Cookie<'static> {
    let mut cookie = refresh_cookie(state, String::new(), state.clock.now());
    cookie.make_removal();
    cookie
}

/// Tokens in the body, the refresh token in a cookie instead when the web app asks for it.
pub(crate) fn tokens_response(
    request: &HttpRequest,
    state: &AppState,
    issued: Issued,
) -> (SessionTokens, Option<Cookie<'static>>) {
    let cookie = wants_cookie(request).then(|| {
        refresh_cookie(
            state,
            issued.refresh_token.clone(),
            issued.session_expires_at,
        )
    });
    let tokens = SessionTokens {
        access_token: issued.access_token,
        token_type: "Bearer".to_owned(),
        expires_in: issued.expires_in,
        refresh_token: cookie.is_none().then_some(issued.refresh_token),
        account: issued.account,
    };
    (tokens, cookie)
}

/// The answer of every sign-in step: the next step, or the session.
/// Answers a flow step; a change it confirmed is applied by its owner first
/// (`changes::settle`), so no answer tells of a change that was not made.
pub(crate) async fn step_response(
    request: &HttpRequest,
    state: &AppState,
    client: &ClientAddress,
    outcome: Result<Outcome, FlowError>,
) -> Result<HttpResponse, ApiError> {
    let progress =
        bailleur_core::changes::settle(&state.auth, state.clock.now(), outcome, Some(&client.0))
            .await?;
    Ok(progress_response(request, state, progress))
}

pub(crate) fn progress_response(
    request: &HttpRequest,
    state: &AppState,
    progress: Progress,
) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    // Tokens and flow ids must not sit in any cache.
    response.insert_header(("Cache-Control", "no-store"));
    let body = match progress {
        Progress::StepDue(flow) => SignInOutcome::StepDue { flow },
        Progress::SignedIn(issued) => {
            let (session, cookie) = tokens_response(request, state, issued);
            if let Some(cookie) = cookie {
                response.cookie(cookie);
            }
            SignInOutcome::SignedIn { session }
        }
        Progress::Completed => SignInOutcome::Completed,
    };
    response.json(body)
}

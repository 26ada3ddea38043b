//! What every signed-in page is built on: back to the sign-in page when nobody is signed in,
//! and its data shown as loading, as a failure, or ready.
use crate::api::{ApiError, AuthorizedApi};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Sends a visitor nobody signed in as to the sign-in page.
#[component]
pub fn SignedInOnly() -> impl IntoView {
    let session = Session::get();
    move || {
        (session.checked.get() && session.api.get().is_none())
            .then(|| view! { <Redirect path="/connexion"/> })
    }
}

/// What a change behind a code says once the code page brings the user back
/// (`?modification=faite`).
pub fn change_done(text: &'static str) -> impl IntoView {
    let query = use_query_map();
    move || {
        query
            .read()
            .get("modification")
            .map(|_| view! { <p class="success wide" role="status">{text}</p> })
    }
}

/// The page's data once loaded, with the API to act on it: `loading` until then, and on a
/// failure its message (under `failure_title` when given).
pub fn loaded<T, V>(
    data: LocalResource<Option<Result<T, ApiError>>>,
    loading: &'static str,
    failure_title: Option<&'static str>,
    ready: impl Fn(T, AuthorizedApi) -> V + 'static,
) -> impl Fn() -> AnyView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let session = Session::get();
    move || match (data.get().flatten(), session.api.get()) {
        (Some(Ok(value)), Some(api)) => ready(value, api).into_any(),
        (Some(Err(failure)), _) => view! {
            <section class="card wide">
                {failure_title.map(|title| view! { <h1>{title}</h1> })}
                <p class="alert" role="alert">{failure.message()}</p>
            </section>
        }
        .into_any(),
        _ => view! {
            <section class="card wide"><p class="loading" role="status">{loading}</p></section>
        }
        .into_any(),
    }
}

/// The `:id` of the route, 0 when it is not a number (the API then answers "not found").
pub fn route_id() -> impl Fn() -> i32 + Copy {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    }
}

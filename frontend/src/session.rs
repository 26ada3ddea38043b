//! The signed-in account, shared by every page: `None` until sign-in or until the refresh
//! cookie gives the session back after a reload.
use crate::api::{ApiError, AuthorizedApi, UnauthorizedApi};
use crate::form::FormAction;
use bailleur_api_types::auth::{Flow, SessionTokens, SignInOutcome, Step};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::future::Future;

#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub api: RwSignal<Option<AuthorizedApi>>,
    /// True once the app has tried to resume a session from the cookie.
    pub checked: RwSignal<bool>,
    /// A forgotten-password flow is under way: its end leads to the sign-in page.
    pub recovering: RwSignal<bool>,
    /// Where a change behind a code leads once done: Mon profil, or the landlord's data.
    pub after_change: RwSignal<&'static str>,
}

/// Where a change from Mon profil ends.
pub const PROFILE_CHANGED: &str = "/profil?modification=faite";

impl Session {
    pub fn provide() -> Self {
        let session = Self {
            api: RwSignal::new(None),
            checked: RwSignal::new(false),
            recovering: RwSignal::new(false),
            after_change: RwSignal::new(PROFILE_CHANGED),
        };
        provide_context(session);
        if hint() {
            leptos::task::spawn_local(async move {
                match UnauthorizedApi.resume().await {
                    Ok(api) => session.api.set(Some(api)),
                    Err(_) => set_hint(false),
                }
                session.checked.set(true);
            });
        } else {
            session.checked.set(true);
        }
        session
    }

    pub fn end(&self) {
        set_hint(false);
        self.api.set(None);
    }

    pub fn get() -> Self {
        expect_context::<Session>()
    }

    pub fn start(&self, tokens: SessionTokens) {
        set_hint(true);
        self.api.set(Some(AuthorizedApi::from(tokens)));
        self.checked.set(true);
    }
}

/// The page of a flow's next step.
pub fn step_path(flow: &Flow) -> String {
    let page = match flow.next_step {
        Step::ConfirmEmail => "adresse-mail",
        Step::Otp => "code",
        Step::NewPassword => "mot-de-passe",
        Step::AcceptTerms => "conditions",
        Step::SelectAccount => "selection-de-comptes",
    };
    format!("/connexion/{page}/{}", flow.id)
}

/// Goes where a sign-in answer leads: the next step's page, or the home page. `navigate` comes
/// from `use_navigate()` in the page's body (hooks need the component's owner).
pub fn follow(session: Session, navigate: &impl Fn(&str, NavigateOptions), outcome: SignInOutcome) {
    let path = match outcome {
        SignInOutcome::StepDue { flow } => step_path(&flow),
        SignInOutcome::SignedIn { session: tokens } => {
            session.start(tokens);
            "/accueil".to_owned()
        }
        // A forgotten password ends on the sign-in page; a change, on the page it started from.
        SignInOutcome::Completed if session.recovering.get_untracked() => {
            session.recovering.set(false);
            "/connexion?mot-de-passe=modifie".to_owned()
        }
        SignInOutcome::Completed => session.after_change.get_untracked().to_owned(),
    };
    navigate(&path, NavigateOptions::default());
}

/// The `:flow` of a step's route.
pub fn route_flow_id() -> impl Fn() -> String + Copy {
    let params = use_params_map();
    move || params.read().get("flow").unwrap_or_default()
}

/// A form of the sign-in, whose accepted answer leads where `follow` says.
pub fn follow_form<I, Fu>(call: impl Fn(I) -> Fu + 'static) -> FormAction<I, SignInOutcome>
where
    I: Clone + 'static,
    Fu: Future<Output = Result<SignInOutcome, ApiError>> + 'static,
{
    let session = Session::get();
    let navigate = use_navigate();
    FormAction::new(call, move |outcome| follow(session, &navigate, outcome))
}

/// The form of a step of the flow in the route: `call` gets the flow's id with the request.
pub fn flow_step<I, Fu>(call: impl Fn(String, I) -> Fu + 'static) -> FormAction<I, SignInOutcome>
where
    I: Clone + 'static,
    Fu: Future<Output = Result<SignInOutcome, ApiError>> + 'static,
{
    let flow_id = route_flow_id();
    follow_form(move |request| call(flow_id(), request))
}

/// Whether a refresh cookie may exist. The cookie is HttpOnly, so scripts cannot see it: this
/// hint spares a refresh request (and its 401) to visitors who never signed in.
const HINT: &str = "bailleur.session";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn hint() -> bool {
    storage()
        .and_then(|storage| storage.get_item(HINT).ok().flatten())
        .is_some()
}

fn set_hint(on: bool) {
    if let Some(storage) = storage() {
        let _ = if on {
            storage.set_item(HINT, "1")
        } else {
            storage.remove_item(HINT)
        };
    }
}

/// Data loaded with the signed-in account's API: `None` while nobody is signed in. Signals read
/// inside `load` (a page number, an id from the route) reload it when they change.
pub fn signed_in_resource<T, F, Fut>(session: Session, load: F) -> LocalResource<Option<T>>
where
    T: 'static,
    F: Fn(crate::api::AuthorizedApi) -> Fut + 'static,
    Fut: std::future::Future<Output = T> + 'static,
{
    LocalResource::new(move || {
        let pending = session.api.get().map(&load);
        async move {
            match pending {
                Some(pending) => Some(pending.await),
                None => None,
            }
        }
    })
}

//! "Mot de passe oublié" (R-RESET-1): the identifier or the email, and the security check, which
//! the browser solves by itself (a proof of work: nothing to read, nothing to click). Then the
//! code page and the new password, as for any flow; unknown logins see exactly the same.
use crate::api::{ApiError, UnauthorizedApi};
use crate::components::FieldMessage;
use crate::form::FormAction;
use crate::session::{Session, step_path};
use bailleur_api_types::auth::{
    CaptchaAnswer, CaptchaChallenge, RecoveryRequest, captcha_work as work,
};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// Lets the browser paint between slices of work.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn solve(challenge: CaptchaChallenge, tried: RwSignal<u64>) -> CaptchaAnswer {
    let mut nonce = 0u64;
    loop {
        for _ in 0..4_000 {
            if work(&challenge.token, nonce) >= challenge.difficulty {
                return CaptchaAnswer {
                    token: challenge.token,
                    nonce,
                };
            }
            nonce += 1;
        }
        tried.set(nonce);
        next_task().await;
    }
}

#[derive(Debug, Clone)]
enum Check {
    Running,
    Solved(CaptchaAnswer),
    Failed(ApiError),
}

#[component]
pub fn ForgottenPassword() -> impl IntoView {
    let navigate = use_navigate();
    let session = Session::get();
    session.recovering.set(true);
    // A signed-out page: whoever was signed in on this browser is signed out first.
    if let Some(api) = session.api.get_untracked() {
        session.end();
        leptos::task::spawn_local(async move {
            let _ = api.sign_out().await;
        });
    }
    let login = RwSignal::new(String::new());
    let check = RwSignal::new(Check::Running);
    let tried = RwSignal::new(0u64);
    let start_check = move || {
        check.set(Check::Running);
        leptos::task::spawn_local(async move {
            match UnauthorizedApi.captcha().await {
                Ok(challenge) => check.set(Check::Solved(solve(challenge, tried).await)),
                Err(failure) => check.set(Check::Failed(failure)),
            }
        });
    };
    start_check();
    let submit = FormAction::with_failure(
        move |request: RecoveryRequest| async move { UnauthorizedApi.recovery(&request).await },
        move |flow| navigate(&step_path(&flow), NavigateOptions::default()),
        // A security check serves once: a new one for the next try.
        move |_| start_check(),
    );
    let on_submit = submit.on_submit(move || match check.get() {
        Check::Solved(captcha) => Some(RecoveryRequest {
            login: login.get(),
            captcha,
        }),
        _ => None,
    });
    let ready = move || matches!(check.get(), Check::Solved(_));
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Connexion / Mot de passe oublié"</nav>
        <main id="contenu">
            <section class="card" aria-labelledby="titre-oubli">
                <h1 id="titre-oubli">"Mot de passe oublié"</h1>
                <p>"Saisissez votre identifiant ou votre adresse mail. Si un compte correspond, un code vous est envoyé par mail pour choisir un nouveau mot de passe ; "
                   "un compte sans adresse mail reçoit un mot de passe provisoire par courrier."</p>
                <form on:submit=on_submit novalidate>
                    <label for="login">"Identifiant ou adresse mail"</label>
                    <input id="login" type="text" autocomplete="username" aria-describedby="login-erreur" bind:value=login/>
                    <FieldMessage id="login-erreur" message=submit.field("login")/>
                    <p id="verification" role="status">{move || match check.get() {
                        Check::Running => format!("Vérification de sécurité en cours… ({} essais)", tried.get()),
                        Check::Solved(_) => "Vérification de sécurité réussie.".to_owned(),
                        Check::Failed(failure) => format!("Vérification de sécurité impossible : {}", failure.message()),
                    }}</p>
                    {submit.alert(&["login"])}
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || !ready() || submit.pending.get()>"Valider"</button>
                    </div>
                </form>
            </section>
        </main>
    }
}

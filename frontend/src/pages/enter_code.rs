//! "Saisie du code" (R-OTP-1, R-OTP-4): the code mailed for this sign-in, with its remaining
//! validity, the tries left, and a button for a new code.
use crate::api::{ApiError, UnauthorizedApi};
use crate::components::FieldMessage;
use crate::form::FormAction;
use crate::session::{Session, follow, route_flow_id};
use bailleur_api_types::auth::{Flow, OtpRequest};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn EnterCode() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let flow_id = route_flow_id();
    let flow = RwSignal::new(None::<Flow>);
    let load_error = RwSignal::new(None::<ApiError>);
    let code = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<String>);
    let now = RwSignal::new(js_sys::Date::now());
    // The remaining validity is shown in minutes: refreshing it twice a minute is enough.
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
    let outbox_available = LocalResource::new(|| async { UnauthorizedApi.outbox().await.is_ok() });

    Effect::new(move || {
        let id = flow_id();
        leptos::task::spawn_local(async move {
            match UnauthorizedApi.flow(&id).await {
                Ok(current) => flow.set(Some(current)),
                Err(failure) => load_error.set(Some(failure)),
            }
        });
    });
    let submit = FormAction::with_failure(
        move |(id, request): (String, OtpRequest)| async move {
            UnauthorizedApi.submit_code(&id, &request).await
        },
        move |outcome| follow(session, &navigate, outcome),
        move |_| {
            // The tries left changed: read them again.
            let id = flow_id();
            leptos::task::spawn_local(async move {
                if let Ok(current) = UnauthorizedApi.flow(&id).await {
                    flow.set(Some(current));
                }
            });
        },
    );
    let error = submit.error;
    let resend = FormAction::with_error(
        error,
        move |id: String| async move { UnauthorizedApi.resend_code(&id).await },
        move |current| {
            flow.set(Some(current));
            error.set(None);
            code.set(String::new());
            notice.set(Some(
                "Un nouveau code vous a été envoyé. Le précédent n'est plus valable.".to_owned(),
            ));
        },
        move |_| notice.set(None),
    );
    let on_submit = submit.on_submit(move || {
        notice.set(None);
        Some((flow_id(), OtpRequest { code: code.get() }))
    });
    let status = move || {
        flow.get().map(|flow| match flow.otp {
            Some(otp) => {
                let minutes = ((otp.expires_at.unix_timestamp() as f64 * 1000.0 - now.get()) / 60_000.0).ceil().max(0.0);
                format!(
                    "Un code à 6 chiffres a été envoyé à {}. Il est valable jusqu'à {} (encore {} min). Essais restants : {}.",
                    otp.sent_to,
                    clock_time(otp.expires_at.unix_timestamp()),
                    minutes,
                    otp.attempts_left
                )
            }
            None => "Ce code n'est plus valable : demandez un nouveau code.".to_owned(),
        })
    };
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Connexion / Saisie du code"</nav>
        <main id="contenu">
            <section class="card" aria-labelledby="titre-code">
                <h1 id="titre-code">"Saisie du code"</h1>
                {move || load_error.get().map(|failure| view! {
                    <p class="alert" role="alert">{failure.message()}</p>
                    <p><A href="/connexion">"Revenir à la page de connexion"</A></p>
                })}
                <p id="code-statut">{status}</p>
                <form on:submit=on_submit novalidate>
                    <label for="code">"Code de vérification"</label>
                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                        maxlength="6" pattern="[0-9]{6}" required aria-describedby="code-statut code-erreur"
                        bind:value=code/>
                    <FieldMessage id="code-erreur" message=submit.field("code")/>
                    {submit.alert(&["code"])}
                    {move || notice.get().map(|text| view! { <p class="success" role="status">{text}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || submit.pending.get()>"Valider"</button>
                        <button type="button" class="secondary" disabled=move || resend.pending.get()
                            on:click=move |_| resend.send(flow_id())>"Recevoir un nouveau code"</button>
                    </div>
                </form>
                {move || outbox_available.get().unwrap_or(false).then(|| view! {
                    <p class="muted">"Démonstration : les mails sont conservés sur ce serveur. "
                        <A href="/boite-mail">"Lire le code dans la boîte mail de développement"</A></p>
                })}
            </section>
        </main>
    }
}

/// `10 h 42`, in the browser's time zone.
pub fn clock_time(unix_seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        unix_seconds as f64 * 1000.0,
    ));
    format!("{} h {:02}", date.get_hours(), date.get_minutes())
}

//! "Mon profil" (R-PROF-1, R-PROF-2): "Mes informations" (name, phones) and "Mes données de
//! connexion" (email, password), the latter each behind a code to the current email (R-OTP-3).
use crate::api::{ApiError, AuthorizedApi};
use crate::components::FieldMessage;
use crate::pages::shell::{SignedInOnly, loaded};
use crate::session::{Session, signed_in_resource, step_path};
use bailleur_api_types::profile::{Me, UpdateMeRequest};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn Profile() -> impl IntoView {
    let session = Session::get();
    // Reaching Mon profil means no forgotten-password flow is under way any more.
    session.recovering.set(false);
    session.after_change.set(crate::session::PROFILE_CHANGED);
    let query = use_query_map();
    let me = signed_in_resource(session, move |api| async move { api.me().await });
    let done = move || query.read().get("modification").is_some();
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Mon profil"</nav>
        <main id="contenu">
            <SignedInOnly/>
            {move || done().then(|| view! {
                <p class="success wide" role="status">"Vos données de connexion ont été modifiées."</p>
            })}
            {loaded(me, "Chargement de votre profil…", None, |me, api| view! {
                    <Informations me=me.clone() api=api.clone()/>
                    <ConnectionData me api/>
            })}
        </main>
    }
}

#[component]
fn Informations(me: Me, api: AuthorizedApi) -> impl IntoView {
    let first_name = RwSignal::new(me.account.first_name.clone());
    let last_name = RwSignal::new(me.account.last_name.clone());
    let phone = RwSignal::new(me.phone.clone().unwrap_or_default());
    let mobile = RwSignal::new(me.mobile_phone.clone().unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |request: &UpdateMeRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move { api.update_me(&request).await }
    });
    Effect::new(move || {
        if let Some(result) = save.value().get() {
            match result {
                Ok(updated) => {
                    phone.set(updated.phone.unwrap_or_default());
                    mobile.set(updated.mobile_phone.unwrap_or_default());
                    error.set(None);
                    saved.set(true);
                }
                Err(failure) => {
                    saved.set(false);
                    error.set(Some(failure));
                }
            }
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let optional = |value: String| Some(Some(value).filter(|v| !v.trim().is_empty()));
        save.dispatch(UpdateMeRequest {
            first_name: Some(first_name.get()),
            last_name: Some(last_name.get()),
            phone: optional(phone.get()),
            mobile_phone: optional(mobile.get()),
        });
    };
    let field =
        move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(name)));
    view! {
        <section class="card" aria-labelledby="titre-informations">
            <h1 id="titre-informations">"Mon profil"</h1>
            <h2>"Mes informations"</h2>
            <dl class="facts">
                <dt>"Identifiant"</dt><dd>{me.account.identifier.clone()}</dd>
                <dt>"Numéro utilisateur"</dt><dd>{me.user_number.clone()}</dd>
                <dt>"Bailleur"</dt><dd>{me.account.partner_name.clone()} " (Caf " {me.account.caf_number.clone()} ")"</dd>
            </dl>
            <form on:submit=on_submit novalidate>
                <label for="first-name">"Prénom"</label>
                <input id="first-name" type="text" autocomplete="given-name" aria-describedby="first-name-erreur" bind:value=first_name/>
                <FieldMessage id="first-name-erreur" message=field("first_name")/>
                <label for="last-name">"Nom"</label>
                <input id="last-name" type="text" autocomplete="family-name" aria-describedby="last-name-erreur" bind:value=last_name/>
                <FieldMessage id="last-name-erreur" message=field("last_name")/>
                <label for="phone">"Téléphone fixe"</label>
                <input id="phone" type="tel" autocomplete="tel" aria-describedby="phone-erreur" bind:value=phone/>
                <FieldMessage id="phone-erreur" message=field("phone")/>
                <label for="mobile">"Téléphone portable"</label>
                <input id="mobile" type="tel" autocomplete="tel" aria-describedby="mobile-erreur" bind:value=mobile/>
                <FieldMessage id="mobile-erreur" message=field("mobile_phone")/>
                {move || error.get().and_then(|e| e.general(&["first_name", "last_name", "phone", "mobile_phone"]))
                    .map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                {move || saved.get().then(|| view! { <p class="success" role="status">"Vos informations sont enregistrées."</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || save.pending().get()>"Enregistrer"</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn ConnectionData(me: Me, api: AuthorizedApi) -> impl IntoView {
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let current_password = RwSignal::new(String::new());
    let email_error = RwSignal::new(None::<ApiError>);
    let password_error = RwSignal::new(None::<ApiError>);
    let api_email = api.clone();
    let change_email = Action::new_local(move |(email, confirmation): &(String, String)| {
        let (api, email, confirmation) = (api_email.clone(), email.clone(), confirmation.clone());
        async move { api.change_email(email, confirmation).await }
    });
    let change_password = Action::new_local(move |current: &String| {
        let (api, current) = (api.clone(), current.clone());
        async move { api.change_password(current).await }
    });
    let go = navigate.clone();
    Effect::new(move || {
        if let Some(result) = change_email.value().get() {
            match result {
                Ok(flow) => go(&step_path(&flow), NavigateOptions::default()),
                Err(failure) => email_error.set(Some(failure)),
            }
        }
    });
    Effect::new(move || {
        if let Some(result) = change_password.value().get() {
            match result {
                Ok(flow) => navigate(&step_path(&flow), NavigateOptions::default()),
                Err(failure) => password_error.set(Some(failure)),
            }
        }
    });
    let shared = (me.linked_accounts > 1).then(|| format!(
        "Votre adresse mail et votre mot de passe sont partagés par {} comptes : un nouveau mot de passe vaudra pour tous ; une nouvelle adresse détachera ce compte des autres.",
        me.linked_accounts
    ));
    let email_field = move |name: &'static str| {
        Signal::derive(move || email_error.get().and_then(|e| e.field(name)))
    };
    view! {
        <section class="card" aria-labelledby="titre-connexion-donnees">
            <h2 id="titre-connexion-donnees">"Mes données de connexion"</h2>
            <p>"Adresse mail actuelle : " <strong>{me.email.clone().unwrap_or_else(|| "aucune".to_owned())}</strong></p>
            {shared.map(|text| view! { <p class="muted">{text}</p> })}
            <p class="muted">"Une nouvelle adresse mail est confirmée par un code envoyé à cette nouvelle adresse ; un nouveau mot de passe, par un code envoyé à votre adresse actuelle."</p>
            <form on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                email_error.set(None);
                change_email.dispatch((email.get(), confirmation.get()));
            } novalidate>
                <h3>"Modifier l'adresse mail"</h3>
                <label for="new-email">"Nouvelle adresse mail"</label>
                <input id="new-email" type="email" autocomplete="email" aria-describedby="new-email-erreur" bind:value=email/>
                <FieldMessage id="new-email-erreur" message=email_field("email")/>
                <label for="new-email-confirmation">"Confirmation de la nouvelle adresse mail"</label>
                <input id="new-email-confirmation" type="email" autocomplete="email" aria-describedby="new-email-confirmation-erreur" bind:value=confirmation/>
                <FieldMessage id="new-email-confirmation-erreur" message=email_field("email_confirmation")/>
                {move || email_error.get().and_then(|e| e.general(&["email", "email_confirmation"]))
                    .map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                <div class="actions"><button type="submit" class="secondary" disabled=move || change_email.pending().get()>"Modifier l'adresse mail"</button></div>
            </form>
            <form on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                password_error.set(None);
                change_password.dispatch(current_password.get());
            } novalidate>
                <h3>"Modifier le mot de passe"</h3>
                <label for="current-password">"Mot de passe actuel"</label>
                <input id="current-password" type="password" autocomplete="current-password" aria-describedby="current-password-erreur" bind:value=current_password/>
                <FieldMessage id="current-password-erreur" message=Signal::derive(move || password_error.get().and_then(|e| e.field("current_password")))/>
                {move || password_error.get().and_then(|e| e.general(&["current_password"]))
                    .map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                <div class="actions"><button type="submit" class="secondary" disabled=move || change_password.pending().get()>"Modifier le mot de passe"</button></div>
            </form>
        </section>
    }
}

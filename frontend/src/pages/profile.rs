//! "Mon profil" (R-PROF-1, R-PROF-2): "Mes informations" (name, phones) and "Mes données de
//! connexion" (email, password), the latter each behind a code to the current email (R-OTP-3).
use crate::api::AuthorizedApi;
use crate::components::FieldMessage;
use crate::form::FormAction;
use crate::pages::shell::{SignedInOnly, change_done, loaded};
use crate::session::{Session, signed_in_resource, step_path};
use bailleur_api_types::profile::{ChangeEmailRequest, ChangePasswordRequest, Me, UpdateMeRequest};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Profile() -> impl IntoView {
    let session = Session::get();
    // Reaching Mon profil means no forgotten-password flow is under way any more.
    session.recovering.set(false);
    session.after_change.set(crate::session::PROFILE_CHANGED);
    let me = signed_in_resource(session, move |api| async move { api.me().await });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Mon profil"</nav>
        <main id="contenu">
            <SignedInOnly/>
            {change_done("Vos données de connexion ont été modifiées.")}
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
    let saved = RwSignal::new(false);
    let save = FormAction::saving(
        saved,
        move |request: UpdateMeRequest| {
            let api = api.clone();
            async move { api.update_me(&request).await }
        },
        move |updated: Me| {
            phone.set(updated.phone.unwrap_or_default());
            mobile.set(updated.mobile_phone.unwrap_or_default());
        },
    );
    let on_submit = save.on_submit(move || {
        saved.set(false);
        let optional = |value: String| Some(Some(value).filter(|v| !v.trim().is_empty()));
        Some(UpdateMeRequest {
            first_name: Some(first_name.get()),
            last_name: Some(last_name.get()),
            phone: optional(phone.get()),
            mobile_phone: optional(mobile.get()),
        })
    });
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
                <FieldMessage id="first-name-erreur" message=save.field("first_name")/>
                <label for="last-name">"Nom"</label>
                <input id="last-name" type="text" autocomplete="family-name" aria-describedby="last-name-erreur" bind:value=last_name/>
                <FieldMessage id="last-name-erreur" message=save.field("last_name")/>
                <label for="phone">"Téléphone fixe"</label>
                <input id="phone" type="tel" autocomplete="tel" aria-describedby="phone-erreur" bind:value=phone/>
                <FieldMessage id="phone-erreur" message=save.field("phone")/>
                <label for="mobile">"Téléphone portable"</label>
                <input id="mobile" type="tel" autocomplete="tel" aria-describedby="mobile-erreur" bind:value=mobile/>
                <FieldMessage id="mobile-erreur" message=save.field("mobile_phone")/>
                {save.alert(&["first_name", "last_name", "phone", "mobile_phone"])}
                {move || saved.get().then(|| view! { <p class="success" role="status">"Vos informations sont enregistrées."</p> })}
                {save.send_button("primary", "Enregistrer")}
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
    let api_email = api.clone();
    let go = navigate.clone();
    let change_email = FormAction::new(
        move |request: ChangeEmailRequest| {
            let api = api_email.clone();
            async move { api.change_email(&request).await }
        },
        move |flow| go(&step_path(&flow), NavigateOptions::default()),
    );
    let change_password = FormAction::new(
        move |request: ChangePasswordRequest| {
            let api = api.clone();
            async move { api.change_password(&request).await }
        },
        move |flow| navigate(&step_path(&flow), NavigateOptions::default()),
    );
    let shared = (me.linked_accounts > 1).then(|| format!(
        "Votre adresse mail et votre mot de passe sont partagés par {} comptes : un nouveau mot de passe vaudra pour tous ; une nouvelle adresse détachera ce compte des autres.",
        me.linked_accounts
    ));
    view! {
        <section class="card" aria-labelledby="titre-connexion-donnees">
            <h2 id="titre-connexion-donnees">"Mes données de connexion"</h2>
            <p>"Adresse mail actuelle : " <strong>{me.email.clone().unwrap_or_else(|| "aucune".to_owned())}</strong></p>
            {shared.map(|text| view! { <p class="muted">{text}</p> })}
            <p class="muted">"Une nouvelle adresse mail est confirmée par un code envoyé à cette nouvelle adresse ; un nouveau mot de passe, par un code envoyé à votre adresse actuelle."</p>
            <form on:submit=change_email.on_submit(move || Some(ChangeEmailRequest {
                email: email.get(),
                email_confirmation: confirmation.get(),
            })) novalidate>
                <h3>"Modifier l'adresse mail"</h3>
                <label for="new-email">"Nouvelle adresse mail"</label>
                <input id="new-email" type="email" autocomplete="email" aria-describedby="new-email-erreur" bind:value=email/>
                <FieldMessage id="new-email-erreur" message=change_email.field("email")/>
                <label for="new-email-confirmation">"Confirmation de la nouvelle adresse mail"</label>
                <input id="new-email-confirmation" type="email" autocomplete="email" aria-describedby="new-email-confirmation-erreur" bind:value=confirmation/>
                <FieldMessage id="new-email-confirmation-erreur" message=change_email.field("email_confirmation")/>
                {change_email.alert(&["email", "email_confirmation"])}
                {change_email.send_button("secondary", "Modifier l'adresse mail")}
            </form>
            <form on:submit=change_password.on_submit(move || Some(ChangePasswordRequest {
                current_password: current_password.get(),
            })) novalidate>
                <h3>"Modifier le mot de passe"</h3>
                <label for="current-password">"Mot de passe actuel"</label>
                <input id="current-password" type="password" autocomplete="current-password" aria-describedby="current-password-erreur" bind:value=current_password/>
                <FieldMessage id="current-password-erreur" message=change_password.field("current_password")/>
                {change_password.alert(&["current_password"])}
                {change_password.send_button("secondary", "Modifier le mot de passe")}
            </form>
        </section>
    }
}

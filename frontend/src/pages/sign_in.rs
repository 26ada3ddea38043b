//! "Connexion": the identifier or the email, and the password (R-AUTH-1). Every refusal shows the
//! server's French message; unknown logins and wrong passwords read the same (R-AUTH-7).
use crate::api::UnauthorizedApi;
use crate::components::FieldMessage;
use crate::session::follow_form;
use bailleur_api_types::auth::SignInRequest;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SignIn() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let password_changed = move || query.read().get("mot-de-passe").is_some();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let local = RwSignal::new(None::<String>);
    let submit = follow_form(move |request: SignInRequest| async move {
        UnauthorizedApi.sign_in(&request).await
    });
    let on_submit = submit.on_submit(move || {
        if login.get().trim().is_empty() || password.get().is_empty() {
            local.set(Some(
                "Saisissez votre identifiant ou votre adresse mail, et votre mot de passe."
                    .to_owned(),
            ));
            return None;
        }
        local.set(None);
        Some(SignInRequest {
            login: login.get(),
            password: password.get(),
        })
    });
    let error = submit.error;
    let general = move || {
        local
            .get()
            .or_else(|| error.get().and_then(|e| e.general(&["login", "password"])))
    };
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Connexion"</nav>
        <main id="contenu">
            <section class="card" aria-labelledby="titre-connexion">
                <h1 id="titre-connexion">"Connexion"</h1>
                <p class="muted">"Connectez-vous avec votre identifiant ou votre adresse mail."</p>
                {move || password_changed().then(|| view! {
                    <p class="success" role="status">"Votre mot de passe a été modifié : connectez-vous avec le nouveau."</p>
                })}
                <form on:submit=on_submit novalidate>
                    <label for="login">"Identifiant ou adresse mail"</label>
                    <input id="login" name="login" type="text" autocomplete="username" required
                        aria-describedby="login-erreur" bind:value=login/>
                    <FieldMessage id="login-erreur" message=submit.field("login")/>
                    <label for="password">"Mot de passe"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required
                        aria-describedby="password-erreur" bind:value=password/>
                    <FieldMessage id="password-erreur" message=submit.field("password")/>
                    {move || general().map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || submit.pending.get()>
                            {move || if submit.pending.get() { "Connexion en cours…" } else { "Connexion" }}
                        </button>
                    </div>
                </form>
                <div class="links">
                    <A href="/mot-de-passe-oublie">"Mot de passe oublié"</A>
                    <A href="/probleme-de-connexion">"Problème de connexion"</A>
                </div>
            </section>
            <aside class="card" aria-labelledby="titre-a-savoir">
                <h2 id="titre-a-savoir">"À savoir"</h2>
                <p>"Vous êtes en échec sur cet écran et vous souhaitez utiliser le service Espace Bailleur ? Nous vous invitons à saisir votre identifiant de connexion."</p>
                <h2>"Sécurité"</h2>
                <ul>
                    <li>"Accès à Mon Compte Partenaire"</li>
                    <li>"Ne partagez jamais votre identifiant et votre mot de passe"</li>
                </ul>
            </aside>
        </main>
    }
}

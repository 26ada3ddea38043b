//! "Connexion": the identifier or the email, and the password (R-AUTH-1).
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SignIn() -> impl IntoView {
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let missing = login.get().trim().is_empty() || password.get().is_empty();
        message.set(missing.then(|| {
            "Saisissez votre identifiant ou votre adresse mail, et votre mot de passe.".to_owned()
        }));
    };
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Connexion"</nav>
        <main id="contenu">
            <section class="card" aria-labelledby="titre-connexion">
                <h1 id="titre-connexion">"Connexion"</h1>
                <p class="muted">"Connectez-vous avec votre identifiant ou votre adresse mail."</p>
                <form on:submit=submit novalidate>
                    <label for="login">"Identifiant ou adresse mail"</label>
                    <input id="login" name="login" type="text" autocomplete="username" required
                        bind:value=login/>
                    <label for="password">"Mot de passe"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required
                        bind:value=password/>
                    {move || message.get().map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary">"Connexion"</button>
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

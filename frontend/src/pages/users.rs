//! "Utilisateurs" (R-AUTH-5): the administrator lists the partner's users, creates one (with a
//! personal email; the identifier and a provisional password are mailed separately) and
//! disables or enables them.
use crate::api::AuthorizedApi;
use crate::components::FieldMessage;
use crate::form::FormAction;
use crate::pages::shell::SignedInOnly;
use crate::session::{Session, signed_in_resource};
use bailleur_api_types::partner::{CreateUserRequest, UpdateUserRequest};
use bailleur_api_types::{AccountId, AccountRole, UserStatus};
use leptos::prelude::*;

fn status_fr(status: UserStatus) -> &'static str {
    match status {
        UserStatus::PendingFirstConnection => "Première connexion à faire",
        UserStatus::Active => "Actif",
        UserStatus::Disabled => "Désactivé",
    }
}

#[component]
pub fn Users() -> impl IntoView {
    let session = Session::get();
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None);
    let notice = RwSignal::new(None::<String>);
    let users = signed_in_resource(session, move |api| async move { api.partner_users().await });
    let create = FormAction::with_error(
        error,
        move |(api, request): (AuthorizedApi, CreateUserRequest)| async move {
            api.create_user(&request).await
        },
        move |user| {
            error.set(None);
            first_name.set(String::new());
            last_name.set(String::new());
            email.set(String::new());
            notice.set(Some(format!(
                "Le compte {} a été créé : son identifiant et son mot de passe provisoire ont été envoyés à {} dans deux messages séparés.",
                user.identifier,
                user.email.unwrap_or_default()
            )));
            users.refetch();
        },
        move |_| notice.set(None),
    );
    let toggle = FormAction::with_error(
        error,
        move |(api, id, request): (AuthorizedApi, AccountId, UpdateUserRequest)| async move {
            api.set_user_disabled(id, &request).await
        },
        move |user| {
            notice.set(Some(format!(
                "Le compte {} est maintenant : {}.",
                user.identifier,
                status_fr(user.status).to_lowercase()
            )));
            users.refetch();
        },
        |_| {},
    );
    let on_submit = create.on_submit(move || {
        let request = CreateUserRequest {
            first_name: first_name.get(),
            last_name: last_name.get(),
            email: email.get(),
        };
        Some((session.api.get_untracked()?, request))
    });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Utilisateurs"</nav>
        <main id="contenu">
            <SignedInOnly/>
            <section class="card wide" aria-labelledby="titre-utilisateurs">
                <h1 id="titre-utilisateurs">"Utilisateurs"</h1>
                {move || notice.get().map(|text| view! { <p class="success" role="status">{text}</p> })}
                {move || match users.get().flatten() {
                    None => view! { <p class="loading" role="status">"Chargement des utilisateurs…"</p> }.into_any(),
                    Some(Err(failure)) => view! { <p class="alert" role="alert">{failure.message()}</p> }.into_any(),
                    Some(Ok(list)) => {
                        let me = session.api.get_untracked().map(|api| api.account.id);
                        view! {
                            <table>
                                <caption class="visually-hidden">"Utilisateurs de votre organisme"</caption>
                                <thead><tr>
                                    <th scope="col">"Identifiant"</th><th scope="col">"Nom"</th><th scope="col">"Adresse mail"</th>
                                    <th scope="col">"Rôle"</th><th scope="col">"État"</th><th scope="col"><span class="visually-hidden">"Action"</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|user| {
                                        let id = user.id;
                                        let disabled = user.status == UserStatus::Disabled;
                                        let label = format!("{} le compte {}", if disabled { "Réactiver" } else { "Désactiver" }, user.identifier);
                                        view! { <tr>
                                            <td>{user.identifier}</td>
                                            <td>{format!("{} {}", user.first_name, user.last_name)}</td>
                                            <td>{user.email.unwrap_or_default()}</td>
                                            <td>{if user.role == AccountRole::Administrator { "Administrateur" } else { "Utilisateur" }}</td>
                                            <td>{status_fr(user.status)}</td>
                                            <td>{(me != Some(id)).then(|| view! {
                                                <button type="button" class="secondary" aria-label=label.clone()
                                                    on:click=move |_| {
                                                        if let Some(api) = session.api.get_untracked() {
                                                            toggle.send((api, id, UpdateUserRequest { disabled: !disabled }));
                                                        }
                                                    }>
                                                    {if disabled { "Réactiver" } else { "Désactiver" }}
                                                </button>
                                            })}</td>
                                        </tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }
                }}
            </section>
            <section class="card" aria-labelledby="titre-nouvel-utilisateur">
                <h2 id="titre-nouvel-utilisateur">"Créer un utilisateur"</h2>
                <p class="muted">"Chaque utilisateur a sa propre adresse mail."</p>
                <form on:submit=on_submit novalidate>
                    <label for="user-first-name">"Prénom"</label>
                    <input id="user-first-name" type="text" aria-describedby="user-first-name-erreur" bind:value=first_name/>
                    <FieldMessage id="user-first-name-erreur" message=create.field("first_name")/>
                    <label for="user-last-name">"Nom"</label>
                    <input id="user-last-name" type="text" aria-describedby="user-last-name-erreur" bind:value=last_name/>
                    <FieldMessage id="user-last-name-erreur" message=create.field("last_name")/>
                    <label for="user-email">"Adresse mail personnelle"</label>
                    <input id="user-email" type="email" aria-describedby="user-email-erreur" bind:value=email/>
                    <FieldMessage id="user-email-erreur" message=create.field("email")/>
                    {create.alert(&["first_name", "last_name", "email"])}
                    {create.send_button("primary", "Créer le compte")}
                </form>
            </section>
        </main>
    }
}

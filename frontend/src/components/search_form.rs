use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// A list's search box. The list follows `query`, set when the form is sent (not at each
/// keystroke), and starts again from its first page.
#[component]
pub fn SearchForm(
    id: &'static str,
    label: &'static str,
    query: RwSignal<String>,
    page: RwSignal<u64>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let on_search = move |event: SubmitEvent| {
        event.prevent_default();
        page.set(1);
        query.set(search.get());
    };
    view! {
        <form class="search" role="search" on:submit=on_search>
            <label for=id>{label}</label>
            <input id=id type="search" bind:value=search/>
            <button type="submit" class="secondary">"Rechercher"</button>
        </form>
    }
}

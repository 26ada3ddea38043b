use leptos::prelude::*;

/// "Page précédente" / "Page suivante" under a list (the page count is in the list's status
/// line); `at` is the page shown (from 1), `total`
/// and `page_size` the list's.
#[component]
pub fn Pagination(
    page: RwSignal<u64>,
    at: u64,
    total: u64,
    page_size: u64,
    label: &'static str,
) -> impl IntoView {
    let pages = total.div_ceil(page_size.max(1)).max(1);
    view! {
        <nav class="pagination" aria-label=label>
            <button type="button" class="secondary" disabled=move || { at <= 1 }
                on:click=move |_| page.set(at - 1)>"Page précédente"</button>
            <button type="button" class="secondary" disabled=move || { at >= pages }
                on:click=move |_| page.set(at + 1)>"Page suivante"</button>
        </nav>
    }
}

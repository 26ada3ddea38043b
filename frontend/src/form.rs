//! The calls a form (or a button beside it) makes to the API. Every page had the same machinery
//! around them (the action, the effect reading its answer, the submit handler, the server's
//! messages on the form and under its fields): a page now only says what it sends and what an
//! accepted answer does. And the reading of the fields that are not plain text.
use crate::api::ApiError;
use bailleur_api_types::PageNumber;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::future::Future;
use time::Date;

/// One call to the API and what the page shows of it.
pub struct FormAction<I: 'static, T: 'static> {
    action: Action<I, Result<T, ApiError>>,
    /// True while the call is under way: the submit button waits.
    pub pending: Memo<bool>,
    /// The server's last refusal.
    pub error: RwSignal<Option<ApiError>>,
    clears_error: bool,
}

impl<I, T> Clone for FormAction<I, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, T> Copy for FormAction<I, T> {}

impl<I: Clone + 'static, T: Clone + 'static> FormAction<I, T> {
    /// `call` sends what the form read; `done` receives the answer when the server accepts it.
    pub fn new<Fu>(call: impl Fn(I) -> Fu + 'static, done: impl Fn(T) + 'static) -> Self
    where
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        Self::with_failure(call, done, |_| {})
    }

    /// The same, with `failed` run too when the server refuses (to start again what a refusal
    /// spends, or hide what the last success showed).
    pub fn with_failure<Fu>(
        call: impl Fn(I) -> Fu + 'static,
        done: impl Fn(T) + 'static,
        failed: impl Fn(&ApiError) + 'static,
    ) -> Self
    where
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        Self::with_error(RwSignal::new(None), call, done, failed)
    }

    /// The same, the refusal going to `error`: where the page created it before the call, to
    /// clear it on success or to share it between two calls of one form.
    pub fn with_error<Fu>(
        error: RwSignal<Option<ApiError>>,
        call: impl Fn(I) -> Fu + 'static,
        done: impl Fn(T) + 'static,
        failed: impl Fn(&ApiError) + 'static,
    ) -> Self
    where
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        let action = Action::new_local(move |input: &I| call(input.clone()));
        Effect::new(move || {
            if let Some(answer) = action.value().get() {
                // Once per answer: the signals the handlers read must not run them again.
                untrack(|| match answer {
                    Ok(accepted) => done(accepted),
                    Err(failure) => {
                        failed(&failure);
                        error.set(Some(failure));
                    }
                });
            }
        });
        Self {
            action,
            pending: action.pending(),
            error,
            clears_error: true,
        }
    }

    /// A form that saves in place: `saved` (its success message) holds from the server's
    /// acceptance to the next try, and the last refusal stays in view until the next answer.
    pub fn saving<Fu>(
        saved: RwSignal<bool>,
        call: impl Fn(I) -> Fu + 'static,
        done: impl Fn(T) + 'static,
    ) -> Self
    where
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        let error = RwSignal::new(None);
        let accepted = move |answer| {
            done(answer);
            error.set(None);
            saved.set(true);
        };
        Self::with_error(error, call, accepted, move |_| saved.set(false)).keeping_error()
    }

    /// A new try leaves the last refusal in view until its answer replaces it.
    pub fn keeping_error(self) -> Self {
        Self {
            clears_error: false,
            ..self
        }
    }

    /// Sends `input` (for a button: a click does not clear the last refusal).
    pub fn send(&self, input: I) {
        self.action.dispatch_local(input);
    }

    /// The form's submit handler: sends what `read` gives, or nothing when it gives `None` (the
    /// page then says why). `read` may also hide what the last answer showed.
    pub fn on_submit(self, read: impl Fn() -> Option<I> + 'static) -> impl Fn(SubmitEvent) {
        move |event: SubmitEvent| {
            event.prevent_default();
            if self.clears_error {
                self.error.set(None);
            }
            if let Some(input) = read() {
                self.send(input);
            }
        }
    }

    /// The server's message for the field `name` (its name in the request body).
    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.error.get().and_then(|e| e.field(name)))
    }

    /// The form's send button, which waits while the call is under way.
    pub fn send_button(self, class: &'static str, label: &'static str) -> impl IntoView {
        view! {
            <div class="actions">
                <button type="submit" class=class disabled=move || self.pending.get()>{label}</button>
            </div>
        }
    }

    /// The alert of the whole form, unless every message of the refusal is on one of `fields`.
    pub fn alert(self, fields: &'static [&'static str]) -> impl IntoView {
        move || {
            self.error
                .get()
                .and_then(|e| e.general(fields))
                .map(|text| view! { <p class="alert" role="alert">{text}</p> })
        }
    }
}

/// The value of a date field (`2026-07-01`), `None` when empty or unreadable.
pub fn date_input(text: &str) -> Option<Date> {
    Date::parse(
        text.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// The page asked of a list: `None` (the server's first page) for a number no list has.
pub fn page_number(page: u64) -> Option<PageNumber> {
    PageNumber::try_from(page).ok()
}

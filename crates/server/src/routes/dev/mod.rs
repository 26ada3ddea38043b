//! Development aids, answered only when mails go to the outbox (`make run`).
pub mod outbox;

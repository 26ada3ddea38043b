//! Reading the development outbox back, newest first, for the "boîte mail de développement".
use bailleur_api_types::auth::OutboxMail;
use mail_parser::MessageParser;
use std::path::Path;
use time::OffsetDateTime;

/// The mails of `dir`, newest first, at most `limit`. Unreadable files are skipped: the outbox
/// is a development aid, not a record.
pub fn read_outbox(dir: &Path, limit: usize) -> std::io::Result<Vec<OutboxMail>> {
    let mut mails = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|extension| extension != "eml") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Some(message) = MessageParser::default().parse(&bytes) else {
            continue;
        };
        // The file's time is precise to the nanosecond, the Date header only to the second.
        let sent_at = std::fs::metadata(&path)
            .and_then(|metadata| metadata.modified())
            .map(OffsetDateTime::from)
            .ok()
            .or_else(|| {
                message
                    .date()
                    .and_then(|date| OffsetDateTime::from_unix_timestamp(date.to_timestamp()).ok())
            })
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let to = message
            .to()
            .and_then(|to| to.first())
            .and_then(|address| address.address())
            .unwrap_or_default()
            .to_owned();
        mails.push(OutboxMail {
            id: path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default(),
            to,
            subject: message.subject().unwrap_or_default().to_owned(),
            sent_at,
            text: message
                .body_text(0)
                .map(|text| text.into_owned())
                .unwrap_or_default(),
        });
    }
    mails.sort_by(|a, b| b.sent_at.cmp(&a.sent_at).then_with(|| b.id.cmp(&a.id)));
    mails.truncate(limit);
    Ok(mails)
}

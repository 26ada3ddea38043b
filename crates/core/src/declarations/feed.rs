//! The change feed (R-API-2): the status changes of a partner's declarations, page after page
//! behind an opaque cursor. On PostgreSQL, changes are read in the order of their transaction
//! ids (`txid`, set by the database) and only below the oldest transaction still running: a
//! transaction that started earlier but commits later cannot slip behind a cursor already
//! given, which reading by row id alone would allow. SQLite has one writer: row order is commit
//! order.
use super::DeclarationError;
use crate::database::statement;
use bailleur_api_types::batches::{ChangePage, DeclarationChange, MAX_CHANGES_PER_PAGE};
use bailleur_api_types::declarations::DeclarationStatus;
use bailleur_api_types::{DeclarationId, PartnerId, TenantId};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{ConnectionTrait, DbBackend};
use time::OffsetDateTime;

pub const DEFAULT_LIMIT: u32 = 100;

/// Where a page ends: the last change given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    txid: i64,
    id: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this cursor was not given by the feed")]
pub struct BadCursor;

impl Cursor {
    pub fn parse(text: &str) -> Result<Self, BadCursor> {
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| BadCursor)?;
        let text = String::from_utf8(bytes).map_err(|_| BadCursor)?;
        let (txid, id) = text
            .strip_prefix("v1:")
            .and_then(|rest| rest.split_once(':'))
            .ok_or(BadCursor)?;
        Ok(Self {
            txid: txid.parse().map_err(|_| BadCursor)?,
            id: id.parse().map_err(|_| BadCursor)?,
        })
    }

    pub fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(format!("v1:{}:{}", self.txid, self.id))
    }
}

pub async fn changes(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
    after: Cursor,
    limit: u32,
) -> Result<ChangePage, DeclarationError> {
    let limit = limit.clamp(1, MAX_CHANGES_PER_PAGE);
    let backend = db.get_database_backend();
    let settled = match backend {
        DbBackend::Postgres => "AND c.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
        _ => "",
    };
    let sql = format!(
        "SELECT c.id, c.txid, c.status, c.at, d.id AS declaration_id, d.reference, \
                l.tenant_id \
         FROM declaration_status_change c \
         JOIN declaration d ON d.id = c.declaration_id \
         JOIN lease l ON l.id = d.lease_id \
         WHERE d.partner_id = $1 AND (c.txid > $2 OR (c.txid = $2 AND c.id > $3)) {settled} \
         ORDER BY c.txid, c.id LIMIT $4"
    );
    let rows = db
        .query_all_raw(statement(
            backend,
            &sql,
            [
                partner_id.0.into(),
                after.txid.into(),
                after.id.into(),
                i64::from(limit).into(),
            ],
        ))
        .await?;
    let mut last = after;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let status: String = row.try_get("", "status")?;
        last = Cursor {
            txid: row.try_get("", "txid")?,
            id: row.try_get("", "id")?,
        };
        items.push(DeclarationChange {
            declaration_id: DeclarationId(row.try_get("", "declaration_id")?),
            reference: row.try_get("", "reference")?,
            tenant_id: TenantId(row.try_get("", "tenant_id")?),
            status: DeclarationStatus::parse(&status)
                .ok_or_else(|| DeclarationError::Corrupt(format!("status {status}")))?,
            at: row.try_get::<OffsetDateTime>("", "at")?,
        });
    }
    Ok(ChangePage {
        items,
        next_cursor: last.encode(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_api_2_feed_cursors_read_back_and_refuse_forgeries() {
        let cursor = Cursor { txid: 812, id: 40 };
        assert_eq!(Cursor::parse(&cursor.encode()), Ok(cursor));
        for forged in ["", "x", "djE6MTI", &URL_SAFE_NO_PAD.encode("v2:1:2")] {
            assert_eq!(Cursor::parse(forged), Err(BadCursor), "{forged}");
        }
    }
}

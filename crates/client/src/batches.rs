//! Declarations in bulk, and the feed that tells what became of them (R-API-2).
use crate::client::{Access, Client};
use crate::error::ClientError;
use crate::key::{Replayed, new_idempotency_key};
use bailleur_api_types::BatchId;
use bailleur_api_types::batches::{Batch, ChangePage, ChangeQuery, SubmitBatch};

impl Client {
    /// `POST /declaration-batches`: up to
    /// [`MAX_BATCH_ITEMS`](bailleur_api_types::batches::MAX_BATCH_ITEMS) submissions across
    /// the partner's tenants, all recorded or none; a refused field is named by its item
    /// (`items[3].declarations[0].date`).
    pub async fn submit_batch(&self, body: &SubmitBatch) -> Result<Batch, ClientError> {
        let (batch, _) = self
            .submit_batch_with_key(&new_idempotency_key(), body)
            .await?;
        Ok(batch)
    }

    /// The same under the caller's `key`, to be sent again with it (same body, within 24 h)
    /// when the first call's outcome is unknown: the batch is recorded once, and the answer
    /// says [`Replayed::Yes`] if it was recorded before.
    pub async fn submit_batch_with_key(
        &self,
        key: &str,
        body: &SubmitBatch,
    ) -> Result<(Batch, Replayed), ClientError> {
        self.post("/declaration-batches", key, body).await
    }

    /// `GET /declaration-batches/{id}`: a recorded batch again, with each declaration.
    pub async fn get_batch(&self, id: BatchId) -> Result<Batch, ClientError> {
        self.get::<_, ()>(&format!("/declaration-batches/{id}"), None, Access::Token)
            .await
    }

    /// `GET /declarations/changes?after=&limit=`: status changes in the order they happened.
    /// Keep the page's `next_cursor` and ask again with it as `after` to get only what is
    /// new; an empty page means nothing new yet.
    pub async fn list_declaration_changes(
        &self,
        query: &ChangeQuery,
    ) -> Result<ChangePage, ClientError> {
        self.get("/declarations/changes", Some(query), Access::Token)
            .await
    }
}

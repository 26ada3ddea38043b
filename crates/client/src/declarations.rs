//! Declarations one tenant at a time (scopes `declarations:write` and `declarations:read`).
use crate::client::{Access, Client};
use crate::error::ClientError;
use crate::key::{Replayed, new_idempotency_key};
use bailleur_api_types::DeclarationId;
use bailleur_api_types::declarations::{
    Declaration, DeclarationPage, DeclarationQuery, SubmitDeclarations, SubmittedDeclarations,
};

impl Client {
    /// `POST /declarations`: one or several declarations about one tenant, all recorded or
    /// none (`422` names every refused field, `declarations[0].rent_cents`).
    pub async fn submit_declarations(
        &self,
        body: &SubmitDeclarations,
    ) -> Result<SubmittedDeclarations, ClientError> {
        let (submitted, _) = self
            .submit_declarations_with_key(&new_idempotency_key(), body)
            .await?;
        Ok(submitted)
    }

    /// The same under the caller's `key`: called again with the same key and body within
    /// 24 h (after a crash, say), it gets the first answer back, [`Replayed::Yes`], and
    /// nothing is recorded twice.
    pub async fn submit_declarations_with_key(
        &self,
        key: &str,
        body: &SubmitDeclarations,
    ) -> Result<(SubmittedDeclarations, Replayed), ClientError> {
        self.post("/declarations", key, body).await
    }

    /// `GET /declarations?tenant=&kind=&status=&page=`, newest first.
    pub async fn list_declarations(
        &self,
        query: &DeclarationQuery,
    ) -> Result<DeclarationPage, ClientError> {
        self.get("/declarations", Some(query), Access::Token).await
    }

    /// `GET /declarations/{id}`, with its status history.
    pub async fn get_declaration(&self, id: DeclarationId) -> Result<Declaration, ClientError> {
        self.get::<_, ()>(&format!("/declarations/{id}"), None, Access::Token)
            .await
    }
}

//! A Caf's public pages: no token needed.
use crate::client::{Access, Client};
use crate::error::ClientError;
use bailleur_api_types::CafNumber;
use bailleur_api_types::caf::{CafOffice, NoticeList, ProcessingDelays};

impl Client {
    /// `GET /cafs/{number}`: its name and contact addresses.
    pub async fn get_caf(&self, number: &CafNumber) -> Result<CafOffice, ClientError> {
        self.get::<_, ()>(&format!("/cafs/{number}"), None, Access::Public)
            .await
    }

    /// `GET /cafs/{number}/notices`: what it publishes for its landlords ("À savoir").
    pub async fn list_caf_notices(&self, number: &CafNumber) -> Result<NoticeList, ClientError> {
        self.get::<_, ()>(&format!("/cafs/{number}/notices"), None, Access::Public)
            .await
    }

    /// `GET /cafs/{number}/delays`: its processing delays by kind of declaration, averaged
    /// over the last 30 days.
    pub async fn get_caf_delays(
        &self,
        number: &CafNumber,
    ) -> Result<ProcessingDelays, ClientError> {
        self.get::<_, ()>(&format!("/cafs/{number}/delays"), None, Access::Public)
            .await
    }

    /// The name [`Client::get_caf`] had before the client covered the whole API; kept for
    /// the callers written then.
    pub async fn caf(&self, number: &CafNumber) -> Result<CafOffice, ClientError> {
        self.get_caf(number).await
    }

    /// See [`Client::caf`]: [`Client::list_caf_notices`] under its earlier name.
    pub async fn caf_notices(&self, number: &CafNumber) -> Result<NoticeList, ClientError> {
        self.list_caf_notices(number).await
    }
}

//! The partner's users, managed by its administrator (R-AUTH-5).
use serde::{Deserialize, Serialize};

/// Whether a user may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    /// Created, first connection not done yet.
    PendingFirstConnection,
    Active,
    Disabled,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::PendingFirstConnection => "pending_first_connection",
            UserStatus::Active => "active",
            UserStatus::Disabled => "disabled",
        }
    }

    pub fn parse(value: &str) -> Option<UserStatus> {
        [
            UserStatus::PendingFirstConnection,
            UserStatus::Active,
            UserStatus::Disabled,
        ]
        .into_iter()
        .find(|status| status.as_str() == value)
    }
}

/// A user (account) of the partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PartnerUser {
    pub id: i32,
    pub identifier: String,
    pub user_number: String,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    /// `administrator` or `user`.
    pub role: String,
    pub status: UserStatus,
}

/// `POST /partner/users`: a new user with a personal email; the identifier and a provisional
/// password are mailed to it in two separate mails.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateUserRequest {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// `PATCH /partner/users/{id}`: disable or enable a user.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateUserRequest {
    pub disabled: bool,
}

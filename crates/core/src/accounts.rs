//! Reading accounts: by login (R-AUTH-1), their summary for the header, who shares an email.
use bailleur_api_types::auth::{AccountChoice, AccountPage, AccountSummary};
use bailleur_api_types::{AccountId, AccountRole, Email, Identifier, UserStatus};
use bailleur_entity::{account, caf_office, email_address, partner};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Select,
};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("account {0} does not exist")]
    Missing(AccountId),
    #[error("account {0} refers to a missing partner or Caf")]
    Dangling(AccountId),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// What a person types in the login field: an email when it has an `@`, an identifier otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Login {
    Identifier(Identifier),
    Email(Email),
}

impl Login {
    /// `None` when the text is neither: it is then treated as an unknown login.
    pub fn parse(text: &str) -> Option<Login> {
        if text.contains('@') {
            Email::parse(text).ok().map(Login::Email)
        } else {
            Identifier::parse(text).ok().map(Login::Identifier)
        }
    }
}

/// The account a login designates. Accounts sharing an email share one password (R-LINK-4):
/// the first of them stands for the group until the user picks one (R-AUTH-2).
pub async fn find_by_login(
    db: &impl ConnectionTrait,
    login: &Login,
) -> Result<Option<account::Model>, DbErr> {
    match login {
        Login::Identifier(identifier) => {
            account::Entity::find()
                .filter(account::Column::Identifier.eq(identifier.as_str()))
                .one(db)
                .await
        }
        Login::Email(email) => {
            let Some(address) = email_address::Entity::find()
                .filter(email_address::Column::Address.eq(email.as_str()))
                .one(db)
                .await?
            else {
                return Ok(None);
            };
            // An account that uses the address without being through its first connection
            // does not stand for the group: the active ones come first.
            account::Entity::find()
                .filter(account::Column::EmailId.eq(address.id))
                .order_by_asc(Expr::expr(
                    Expr::case(account::Column::Status.eq(UserStatus::Active), 0).finally(1),
                ))
                .order_by_asc(account::Column::Id)
                .one(db)
                .await
        }
    }
}

/// For `EXISTS`: the account that `owner` (a column holding an account id: a session's, a
/// flow's, a letter's) names uses `credential_id`. Correlated on the owner's rows, so a query
/// over live sessions or flows costs what they are, not the size of a group (R-LINK-4).
pub(crate) fn of_credential(
    owner: impl sea_orm::sea_query::IntoColumnRef,
    credential_id: i32,
) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .expr(Expr::val(1))
        .from(account::Entity)
        .and_where(Expr::col((account::Entity, account::Column::Id)).equals(owner))
        .and_where(account::Column::CredentialId.eq(credential_id))
        .to_owned()
}

#[derive(Debug, FromQueryResult)]
struct SummaryRow {
    id: AccountId,
    identifier: String,
    first_name: String,
    last_name: String,
    partner_name: String,
    caf_number: String,
    role: AccountRole,
}

/// One query: the account, its partner's name and its Caf (read on every sign-in and switch).
pub async fn summary(
    db: &impl ConnectionTrait,
    account_id: AccountId,
) -> Result<AccountSummary, AccountError> {
    let row = account::Entity::find_by_id(account_id)
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::Identifier)
        .column(account::Column::FirstName)
        .column(account::Column::LastName)
        .column(account::Column::Role)
        .column_as(partner::Column::Name, "partner_name")
        .column_as(caf_office::Column::Number, "caf_number")
        .join(JoinType::InnerJoin, account::Relation::Partner.def())
        .join(JoinType::InnerJoin, partner::Relation::CafOffice.def())
        .into_model::<SummaryRow>()
        .one(db)
        .await?
        .ok_or(AccountError::Missing(account_id))?;
    Ok(AccountSummary {
        id: row.id,
        identifier: row.identifier,
        first_name: row.first_name,
        last_name: row.last_name,
        partner_name: row.partner_name,
        caf_number: row.caf_number,
        role: row.role,
    })
}

/// Accounts listed per page by the selection pages.
pub const PAGE_SIZE: u64 = 20;

#[derive(Debug, FromQueryResult)]
struct ChoiceRow {
    id: AccountId,
    identifier: String,
    siret: Option<String>,
    tiers_number: Option<String>,
    partner_name: String,
    caf_number: String,
}

/// `%text%` for LIKE, with the wildcards of the text itself escaped (both engines are told the
/// escape character: SQLite has none by default).
pub(crate) fn contains_pattern(text: &str) -> LikeExpr {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// The accounts using `email_id` (R-AUTH-2, R-LINK-3), searched by identifier, SIRET or Tiers
/// number, name or Caf, sorted by identifier, `page` from 1.
pub async fn group_page(
    db: &impl ConnectionTrait,
    members: Select<account::Entity>,
    query: Option<&str>,
    page: u64,
) -> Result<AccountPage, DbErr> {
    let page = Ord::max(page, 1);
    let mut select = members
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::Identifier)
        .column(partner::Column::Siret)
        .column(partner::Column::TiersNumber)
        .column_as(partner::Column::Name, "partner_name")
        .column_as(caf_office::Column::Number, "caf_number")
        .join(JoinType::InnerJoin, account::Relation::Partner.def())
        .join(JoinType::InnerJoin, partner::Relation::CafOffice.def());
    if let Some(text) = query.map(str::trim).filter(|text| !text.is_empty()) {
        let pattern = contains_pattern(&text.to_lowercase());
        let upper = contains_pattern(&text.to_uppercase());
        let compact = contains_pattern(&text.replace(' ', ""));
        select = select.filter(
            Condition::any()
                .add(account::Column::Identifier.like(upper))
                .add(partner::Column::Siret.like(compact.clone()))
                .add(partner::Column::TiersNumber.like(compact.clone()))
                .add(caf_office::Column::Number.like(compact))
                .add(
                    Expr::expr(Func::lower(Expr::col((
                        partner::Entity,
                        partner::Column::Name,
                    ))))
                    .like(pattern),
                ),
        );
    }
    let paginator = select
        .order_by_asc(account::Column::Identifier)
        .into_model::<ChoiceRow>()
        .paginate(db, PAGE_SIZE);
    let total = paginator.num_items().await?;
    let items = paginator
        .fetch_page(page - 1)
        .await?
        .into_iter()
        .map(|row| AccountChoice {
            id: row.id,
            identifier: row.identifier,
            partner_number: row.siret.or(row.tiers_number).unwrap_or_default(),
            partner_name: row.partner_name,
            caf_number: row.caf_number,
        })
        .collect();
    Ok(AccountPage {
        items,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

//! The decisions of linking (R-LINK-2, R-REF-4), pure: who may take an address given who already
//! uses it, and who may have one more account.
use bailleur_api_types::{PartnerId, PartnerKind};

/// An account's partner, as the rules look at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub partner: PartnerId,
    pub kind: PartnerKind,
}

/// R-LINK-2, R-REF-4: the address cannot be shared with this account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this email cannot be shared with this account")]
pub struct NotShareable;

/// R-REF-4: a physical landlord has one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a physical landlord has a single account")]
pub struct OneAccountOnly;

/// R-LINK-2, R-REF-4: may an account of `own` use an address that `holders` (the other accounts
/// using it) already use? Only accounts of legal persons share, never two of one partner.
pub fn may_share(own: Holder, holders: &[Holder]) -> Result<(), NotShareable> {
    if holders.is_empty() {
        return Ok(());
    }
    let refused = own.kind == PartnerKind::Physical
        || holders
            .iter()
            .any(|holder| holder.partner == own.partner || holder.kind != PartnerKind::Moral);
    if refused { Err(NotShareable) } else { Ok(()) }
}

/// R-REF-4: may a partner of `kind` that has `accounts` accounts get one more?
pub fn may_add_account(kind: PartnerKind, accounts: u64) -> Result<(), OneAccountOnly> {
    match kind {
        PartnerKind::Physical if accounts > 0 => Err(OneAccountOnly),
        PartnerKind::Physical | PartnerKind::Moral => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPANY: Holder = Holder {
        partner: PartnerId(1),
        kind: PartnerKind::Moral,
    };
    const OTHER_COMPANY: Holder = Holder {
        partner: PartnerId(2),
        kind: PartnerKind::Moral,
    };
    const PERSON: Holder = Holder {
        partner: PartnerId(3),
        kind: PartnerKind::Physical,
    };

    #[test]
    fn r_link_2_an_unused_address_may_be_taken_by_anyone() {
        assert_eq!(may_share(PERSON, &[]), Ok(()));
        assert_eq!(may_share(COMPANY, &[]), Ok(()));
    }

    #[test]
    fn r_link_2_accounts_of_different_companies_share_an_address() {
        assert_eq!(may_share(COMPANY, &[OTHER_COMPANY]), Ok(()));
        assert_eq!(may_share(OTHER_COMPANY, &[COMPANY, COMPANY]), Ok(()));
    }

    #[test]
    fn r_link_2_two_users_of_one_partner_never_share_an_address() {
        assert_eq!(may_share(COMPANY, &[COMPANY]), Err(NotShareable));
        assert_eq!(
            may_share(COMPANY, &[OTHER_COMPANY, COMPANY]),
            Err(NotShareable)
        );
    }

    #[test]
    fn r_ref_4_a_physical_landlords_address_is_never_shared() {
        assert_eq!(may_share(PERSON, &[COMPANY]), Err(NotShareable));
        assert_eq!(may_share(COMPANY, &[PERSON]), Err(NotShareable));
    }

    #[test]
    fn r_ref_4_a_physical_landlord_has_one_account() {
        assert_eq!(may_add_account(PartnerKind::Physical, 0), Ok(()));
        assert_eq!(
            may_add_account(PartnerKind::Physical, 1),
            Err(OneAccountOnly)
        );
        assert_eq!(may_add_account(PartnerKind::Moral, 50), Ok(()));
    }
}

//! The legal rules of each declaration (R-SPACE-5), as pure functions of what is declared, the
//! lease it is about and today's date.
use bailleur_api_types::declarations::DeclarationFields;
use bailleur_api_types::format_fr::{euros, french_date};
use time::{Date, Month};

/// 100 000 €: above any rent or debt a landlord declares; catches a misplaced decimal point.
pub const MAX_AMOUNT_CENTS: i64 = 10_000_000;
pub const MAX_CO_TENANTS: i32 = 20;
pub const MAX_NAME_CHARS: usize = 200;

/// What the rules need to know about the lease and the day.
#[derive(Debug, Clone)]
pub struct LeaseFacts {
    pub today: Date,
    pub started_on: Date,
    pub rent_cents: i64,
    pub charges_cents: i64,
    pub aid_paid_to_landlord: bool,
    pub last_aid_cents: Option<i64>,
    pub co_tenants: i32,
    /// The year of the landlord's Caf's rent campaign when it is open today.
    pub open_campaign_year: Option<i32>,
}

/// A broken rule, named after the field it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    AmountOutOfRange {
        field: &'static str,
        min: i64,
    },
    CampaignClosed,
    BelowThreshold {
        threshold_cents: i64,
    },
    DateInFuture {
        field: &'static str,
    },
    DateAfterEndOfNextMonth {
        field: &'static str,
        latest: Date,
    },
    DateBeforeLease {
        field: &'static str,
        started_on: Date,
    },
    CoTenantsOutOfRange,
    CoTenantsUnchanged,
    NameTooLong,
}

impl RuleError {
    pub fn field(&self) -> &'static str {
        match self {
            RuleError::AmountOutOfRange { field, .. }
            | RuleError::DateInFuture { field }
            | RuleError::DateAfterEndOfNextMonth { field, .. }
            | RuleError::DateBeforeLease { field, .. } => field,
            RuleError::CampaignClosed => "kind",
            RuleError::BelowThreshold { .. } => "debt_cents",
            RuleError::CoTenantsOutOfRange | RuleError::CoTenantsUnchanged => "co_tenants",
            RuleError::NameTooLong => "new_manager",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            RuleError::AmountOutOfRange { .. } => "amount_out_of_range",
            RuleError::CampaignClosed => "campaign_closed",
            RuleError::BelowThreshold { .. } => "below_threshold",
            RuleError::DateInFuture { .. } => "date_in_future",
            RuleError::DateAfterEndOfNextMonth { .. } => "date_too_late",
            RuleError::DateBeforeLease { .. } => "date_before_lease",
            RuleError::CoTenantsOutOfRange => "co_tenants_out_of_range",
            RuleError::CoTenantsUnchanged => "co_tenants_unchanged",
            RuleError::NameTooLong => "too_long",
        }
    }

    pub fn message_fr(&self) -> String {
        match self {
            RuleError::AmountOutOfRange { min, .. } => format!(
                "Saisissez un montant entre {} et {}.",
                euros(*min),
                euros(MAX_AMOUNT_CENTS)
            ),
            RuleError::CampaignClosed => "La campagne de déclaration des loyers de votre Caf \
                                          n'est pas ouverte : le loyer ne peut pas être déclaré."
                .to_owned(),
            RuleError::BelowThreshold { threshold_cents } => format!(
                "La dette n'atteint pas le seuil de l'impayé ({}, article R824-1 du code de la \
                 construction et de l'habitation) : elle ne peut pas encore être déclarée.",
                euros(*threshold_cents)
            ),
            RuleError::DateInFuture { .. } => {
                "La date ne peut pas être postérieure à aujourd'hui.".to_owned()
            }
            RuleError::DateAfterEndOfNextMonth { latest, .. } => format!(
                "La date ne peut pas être postérieure au {}.",
                french_date(*latest)
            ),
            RuleError::DateBeforeLease { started_on, .. } => format!(
                "La date ne peut pas précéder le début du bail ({}).",
                french_date(*started_on)
            ),
            RuleError::CoTenantsOutOfRange => {
                format!("Le nombre de colocataires doit être compris entre 1 et {MAX_CO_TENANTS}.")
            }
            RuleError::CoTenantsUnchanged => {
                "C'est déjà le nombre de colocataires connu de la Caf.".to_owned()
            }
            RuleError::NameTooLong => {
                format!("Saisissez {MAX_NAME_CHARS} caractères au plus.")
            }
        }
    }
}

/// What the rules decided for an accepted declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub late: bool,
    pub campaign_year: Option<i32>,
}

/// The debt from which an unpaid rent is declared (CCH art. R824-1): two months of rent and
/// charges, less the aid when the landlord receives it.
pub fn unpaid_threshold_cents(
    rent_cents: i64,
    charges_cents: i64,
    aid_paid_to_landlord: bool,
    last_aid_cents: Option<i64>,
) -> i64 {
    let aid = if aid_paid_to_landlord {
        last_aid_cents.unwrap_or(0)
    } else {
        0
    };
    (2 * (rent_cents + charges_cents - aid)).max(0)
}

/// The last day of the month after `today`'s.
pub fn end_of_next_month(today: Date) -> Date {
    let (year, month) = match today.month() {
        Month::December => (today.year() + 1, Month::January),
        month => (today.year(), month.next()),
    };
    Date::from_calendar_date(year, month, month.length(year)).unwrap_or(today)
}

/// `date` plus `months` calendar months, the day clamped to the month's length.
pub fn add_months(date: Date, months: u8) -> Date {
    let mut month = date.month();
    let mut year = date.year();
    for _ in 0..months {
        if month == Month::December {
            year += 1;
        }
        month = month.next();
    }
    Date::from_calendar_date(year, month, date.day().min(month.length(year))).unwrap_or(date)
}

fn amount(errors: &mut Vec<RuleError>, field: &'static str, cents: i64, min: i64) {
    if !(min..=MAX_AMOUNT_CENTS).contains(&cents) {
        errors.push(RuleError::AmountOutOfRange { field, min });
    }
}

/// Moving out, death, end of management, co-tenancy: a date within the lease and not beyond the
/// end of next month.
fn event_date(errors: &mut Vec<RuleError>, facts: &LeaseFacts, date: Date) {
    let latest = end_of_next_month(facts.today);
    if date > latest {
        errors.push(RuleError::DateAfterEndOfNextMonth {
            field: "date",
            latest,
        });
    } else if date < facts.started_on {
        errors.push(RuleError::DateBeforeLease {
            field: "date",
            started_on: facts.started_on,
        });
    }
}

/// Every rule `fields` breaks, or what the rules decided.
pub fn check(fields: &DeclarationFields, facts: &LeaseFacts) -> Result<Accepted, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut accepted = Accepted {
        late: false,
        campaign_year: None,
    };
    match fields {
        DeclarationFields::Rent {
            rent_cents,
            charges_cents,
        } => {
            amount(&mut errors, "rent_cents", *rent_cents, 1);
            amount(&mut errors, "charges_cents", *charges_cents, 0);
            match facts.open_campaign_year {
                Some(year) => accepted.campaign_year = Some(year),
                None => errors.push(RuleError::CampaignClosed),
            }
        }
        DeclarationFields::UnpaidRent {
            debt_cents,
            reached_on,
        } => {
            let threshold_cents = unpaid_threshold_cents(
                facts.rent_cents,
                facts.charges_cents,
                facts.aid_paid_to_landlord,
                facts.last_aid_cents,
            );
            if !(1..=MAX_AMOUNT_CENTS).contains(debt_cents) {
                errors.push(RuleError::AmountOutOfRange {
                    field: "debt_cents",
                    min: threshold_cents.max(1),
                });
            } else if *debt_cents < threshold_cents {
                errors.push(RuleError::BelowThreshold { threshold_cents });
            }
            if *reached_on > facts.today {
                errors.push(RuleError::DateInFuture {
                    field: "reached_on",
                });
            } else if *reached_on < facts.started_on {
                errors.push(RuleError::DateBeforeLease {
                    field: "reached_on",
                    started_on: facts.started_on,
                });
            }
            // R824-4 binds the landlord paid directly; a late declaration is still taken.
            accepted.late = facts.aid_paid_to_landlord && facts.today > add_months(*reached_on, 2);
        }
        DeclarationFields::MovingOut { date } | DeclarationFields::Death { date } => {
            event_date(&mut errors, facts, *date);
        }
        DeclarationFields::CoTenancy { co_tenants, date } => {
            if !(1..=MAX_CO_TENANTS).contains(co_tenants) {
                errors.push(RuleError::CoTenantsOutOfRange);
            } else if *co_tenants == facts.co_tenants {
                errors.push(RuleError::CoTenantsUnchanged);
            }
            event_date(&mut errors, facts, *date);
        }
        DeclarationFields::EndOfManagement { date, new_manager } => {
            event_date(&mut errors, facts, *date);
            if new_manager
                .as_deref()
                .is_some_and(|name| name.trim().chars().count() > MAX_NAME_CHARS)
            {
                errors.push(RuleError::NameTooLong);
            }
        }
    }
    if errors.is_empty() {
        Ok(accepted)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn facts() -> LeaseFacts {
        LeaseFacts {
            today: date!(2026 - 07 - 15),
            started_on: date!(2021 - 10 - 24),
            rent_cents: 52_500,
            charges_cents: 4_000,
            aid_paid_to_landlord: true,
            last_aid_cents: Some(11_100),
            co_tenants: 1,
            open_campaign_year: Some(2026),
        }
    }

    #[test]
    fn r_space_5_threshold_depends_on_who_receives_the_aid() {
        assert_eq!(
            unpaid_threshold_cents(52_500, 4_000, false, Some(11_100)),
            113_000
        );
        assert_eq!(
            unpaid_threshold_cents(52_500, 4_000, true, Some(11_100)),
            90_800
        );
    }

    #[test]
    fn r_space_5_dates_end_of_next_month_and_two_months_later() {
        assert_eq!(
            end_of_next_month(date!(2026 - 12 - 05)),
            date!(2027 - 01 - 31)
        );
        assert_eq!(
            end_of_next_month(date!(2028 - 01 - 31)),
            date!(2028 - 02 - 29)
        );
        assert_eq!(add_months(date!(2026 - 12 - 31), 2), date!(2027 - 02 - 28));
    }

    #[test]
    fn r_space_5_unpaid_rent_late_after_two_months_only_when_paid_directly() {
        let late = DeclarationFields::UnpaidRent {
            debt_cents: 100_000,
            reached_on: date!(2026 - 05 - 14),
        };
        assert_eq!(check(&late, &facts()).map(|a| a.late), Ok(true));
        let in_time = DeclarationFields::UnpaidRent {
            debt_cents: 100_000,
            reached_on: date!(2026 - 05 - 15),
        };
        assert_eq!(check(&in_time, &facts()).map(|a| a.late), Ok(false));
        let to_tenant = LeaseFacts {
            aid_paid_to_landlord: false,
            ..facts()
        };
        let big = DeclarationFields::UnpaidRent {
            debt_cents: 120_000,
            reached_on: date!(2026 - 01 - 01),
        };
        assert_eq!(check(&big, &to_tenant).map(|a| a.late), Ok(false));
    }

    #[test]
    fn r_space_5_every_broken_rule_is_reported() {
        let bad = DeclarationFields::Rent {
            rent_cents: 0,
            charges_cents: -1,
        };
        let closed = LeaseFacts {
            open_campaign_year: None,
            ..facts()
        };
        let errors = check(&bad, &closed).err().unwrap_or_default();
        let fields: Vec<_> = errors.iter().map(RuleError::field).collect();
        assert_eq!(fields, ["rent_cents", "charges_cents", "kind"]);
    }
}

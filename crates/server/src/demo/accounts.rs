//! The demo's partners and accounts, as DEMO.md fixes them.
use super::{Seeder, numbers};
use bailleur_api_types::{AccountId, PartnerId};
use bailleur_api_types::{AccountRole, PartnerKind, UserStatus};
use bailleur_entity::{account, credential, email_address, partner};
use sea_orm::{ActiveModelTrait, Set};
use time::Duration;

pub const DEMO_PASSWORD: &str = "Bailleur-Demo-2026!";
pub const PROVISIONAL_PASSWORD: &str = "Provisoire-2026!";

/// The first five names are those of the agency's screen; the others are composed.
const SEED_NAMES: [&str; 5] = [
    "Société Internationale de Conseil en Gestion de Projets, Innovation et Développement Durable pour l'Avenir",
    "Solution Écologiques Urbaines",
    "Nouvelle Génération Énergie",
    "Alimentation Durable France",
    "Technologies Avancées de Communication",
];
const NAME_HEADS: [&str; 8] = [
    "Habitat",
    "Logis",
    "Résidences",
    "Foncière",
    "Immobilière",
    "Patrimoine",
    "Gestion",
    "Cité",
];
const NAME_TAILS: [&str; 9] = [
    "de l'Ouest",
    "du Centre",
    "Atlantique",
    "des Deux Rives",
    "Méditerranée",
    "du Nord",
    "Occitane",
    "Rhodanienne",
    "Picarde",
];

/// Where a partner is and how it is identified.
pub struct PartnerSpec<'a> {
    pub kind: PartnerKind,
    pub name: String,
    pub caf: &'static str,
    pub siret: Option<String>,
    pub nir: Option<String>,
    pub tiers: Option<String>,
    pub street: String,
    pub postal_code: &'a str,
    pub city: &'a str,
    pub direct_payment: bool,
}

pub struct AccountSpec<'a> {
    pub identifier: String,
    pub email_id: Option<i32>,
    pub credential_id: i32,
    pub role: AccountRole,
    pub status: UserStatus,
    pub first_name: &'a str,
    pub last_name: &'a str,
}

impl Seeder<'_> {
    pub async fn partners_and_accounts(&mut self) -> anyhow::Result<()> {
        let demo_hash = bailleur_core::hashing::hash_password(DEMO_PASSWORD)?;
        let validated = Some(self.now - Duration::days(2));

        // 138 moral partners sharing gestion@sicgpi.example: one email row, one credential row.
        let shared_email = self.email("gestion@sicgpi.example", validated).await?;
        let shared_credential = self.credential(&demo_hash, false).await?;
        for n in 1..=138u32 {
            let index = usize::try_from(n - 1)?;
            let (caf, _, _, _, _) = super::cafs::CAFS[index % 6];
            let (postal_code, city) = super::tenants::city_of(caf, index);
            let name = SEED_NAMES
                .get(index)
                .map(|name| (*name).to_owned())
                .unwrap_or_else(|| {
                    format!("{} {}", NAME_HEADS[index % 8], NAME_TAILS[(index / 8) % 9])
                });
            let partner_id = self
                .partner(PartnerSpec {
                    kind: PartnerKind::Moral,
                    name,
                    caf,
                    siret: Some(numbers::siret(10_000_000 + n * 7919)?.into()),
                    nir: None,
                    tiers: None,
                    street: format!("{} avenue de la République", n + 2),
                    postal_code,
                    city,
                    direct_payment: n % 3 != 0,
                })
                .await?;
            self.account(
                partner_id,
                AccountSpec {
                    identifier: format!("A6D5AZT{}", 300 + n),
                    email_id: Some(shared_email),
                    credential_id: shared_credential,
                    role: AccountRole::Administrator,
                    status: UserStatus::Active,
                    first_name: "Claire",
                    last_name: "Moreau",
                },
            )
            .await?;
        }

        let flh = self
            .partner(PartnerSpec {
                kind: PartnerKind::Moral,
                name: "Foncière Loire Habitat".to_owned(),
                caf: "441",
                siret: Some(numbers::siret(44_123_456)?.into()),
                nir: None,
                tiers: None,
                street: "12 quai de la Fosse".to_owned(),
                postal_code: "44000",
                city: "NANTES",
                direct_payment: true,
            })
            .await?;
        for (identifier, email, role, first_name, last_name) in [
            (
                "FLH0000001",
                "admin@flh.example",
                AccountRole::Administrator,
                "Hélène",
                "Guérin",
            ),
            (
                "FLH0000002",
                "agent@flh.example",
                AccountRole::User,
                "Karim",
                "Benali",
            ),
        ] {
            let email_id = self.email(email, validated).await?;
            let credential_id = self.credential(&demo_hash, false).await?;
            self.account(
                flh,
                AccountSpec {
                    identifier: identifier.to_owned(),
                    email_id: Some(email_id),
                    credential_id,
                    role,
                    status: UserStatus::Active,
                    first_name,
                    last_name,
                },
            )
            .await?;
        }

        // One physical landlord, one account per département, one email per account (R-REF-4).
        let nir: String = numbers::nir("2750344109123")?.into();
        for (identifier, caf, email, street, postal_code, city) in [
            (
                "JMARTIN044",
                "441",
                "jeanne.martin@perso.example",
                "5 rue des Hauts-Pavés",
                "44000",
                "NANTES",
            ),
            (
                "JMARTIN075",
                "751",
                "jeanne.martin.paris@perso.example",
                "18 rue Oberkampf",
                "75011",
                "PARIS",
            ),
        ] {
            let partner_id = self
                .partner(PartnerSpec {
                    kind: PartnerKind::Physical,
                    name: "Jeanne Martin".to_owned(),
                    caf,
                    siret: None,
                    nir: Some(nir.clone()),
                    tiers: None,
                    street: street.to_owned(),
                    postal_code,
                    city,
                    direct_payment: false,
                })
                .await?;
            let email_id = self.email(email, validated).await?;
            let credential_id = self.credential(&demo_hash, false).await?;
            self.account(
                partner_id,
                AccountSpec {
                    identifier: identifier.to_owned(),
                    email_id: Some(email_id),
                    credential_id,
                    role: AccountRole::Administrator,
                    status: UserStatus::Active,
                    first_name: "Jeanne",
                    last_name: "Martin",
                },
            )
            .await?;
        }

        // No email known, first connection pending with a provisional password (R-AUTH-5).
        let tilleuls = self
            .partner(PartnerSpec {
                kind: PartnerKind::Moral,
                name: "SCI Les Tilleuls".to_owned(),
                caf: "021",
                siret: None,
                nir: None,
                tiers: Some("0210012345".to_owned()),
                street: "3 allée des Tilleuls".to_owned(),
                postal_code: "02100",
                city: "SAINT-QUENTIN",
                direct_payment: false,
            })
            .await?;
        let provisional_hash = bailleur_core::hashing::hash_password(PROVISIONAL_PASSWORD)?;
        let credential_id = self.credential(&provisional_hash, true).await?;
        self.account(
            tilleuls,
            AccountSpec {
                identifier: "TILLEUL001".to_owned(),
                email_id: None,
                credential_id,
                role: AccountRole::User,
                status: UserStatus::PendingFirstConnection,
                first_name: "Gérant",
                last_name: "SCI Les Tilleuls",
            },
        )
        .await?;

        // An email known to the agency but never validated by OTP (R-AUTH-4).
        let port = self
            .partner(PartnerSpec {
                kind: PartnerKind::Moral,
                name: "Résidences du Port".to_owned(),
                caf: "341",
                siret: Some(numbers::siret(34_200_100)?.into()),
                nir: None,
                tiers: None,
                street: "7 quai de la Consigne".to_owned(),
                postal_code: "34200",
                city: "SÈTE",
                direct_payment: true,
            })
            .await?;
        let email_id = self.email("contact@rdport.example", None).await?;
        let credential_id = self.credential(&demo_hash, false).await?;
        self.account(
            port,
            AccountSpec {
                identifier: "RDPORT0001".to_owned(),
                email_id: Some(email_id),
                credential_id,
                role: AccountRole::Administrator,
                status: UserStatus::Active,
                first_name: "Marc",
                last_name: "Olivier",
            },
        )
        .await?;
        Ok(())
    }

    async fn email(
        &mut self,
        address: &str,
        last_otp_validated_at: Option<time::OffsetDateTime>,
    ) -> anyhow::Result<i32> {
        let row = email_address::ActiveModel {
            address: Set(bailleur_api_types::Email::parse(address)?.into()),
            last_otp_validated_at: Set(last_otp_validated_at),
            created_at: Set(self.now - Duration::days(400)),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        Ok(row.id)
    }

    async fn credential(&mut self, hash: &str, provisional: bool) -> anyhow::Result<i32> {
        let row = credential::ActiveModel {
            password_hash: Set(hash.to_owned()),
            provisional: Set(provisional),
            version: Set(1),
            changed_at: Set(self.now - Duration::days(30)),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        Ok(row.id)
    }

    async fn partner(&mut self, spec: PartnerSpec<'_>) -> anyhow::Result<PartnerId> {
        self.serial += 1;
        let caf_id = self.caf_id(spec.caf)?;
        let iban = if spec.direct_payment {
            Some(
                numbers::french_iban(
                    30_004 + self.serial,
                    100 + self.serial,
                    10_000_000 + u64::from(self.serial) * 97,
                )?
                .into(),
            )
        } else {
            None
        };
        let row = partner::ActiveModel {
            kind: Set(spec.kind),
            name: Set(spec.name),
            siret: Set(spec.siret),
            nir: Set(spec.nir),
            tiers_number: Set(spec.tiers),
            caf_id: Set(caf_id),
            address_line1: Set(spec.street),
            address_line2: Set(None),
            postal_code: Set(bailleur_api_types::PostalCode::parse(spec.postal_code)?.into()),
            city: Set(spec.city.to_owned()),
            bic: Set(iban.as_ref().map(|_| "BNPAFRPPXXX".to_owned())),
            iban: Set(iban),
            direct_payment: Set(spec.direct_payment),
            created_at: Set(self.now - Duration::days(400)),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        self.partner_cafs.insert(row.id, spec.caf);
        self.direct_payment.insert(row.id, spec.direct_payment);
        Ok(row.id)
    }

    async fn account(
        &mut self,
        partner_id: PartnerId,
        spec: AccountSpec<'_>,
    ) -> anyhow::Result<AccountId> {
        self.serial += 1;
        let caf = self.partner_cafs.get(&partner_id).copied().unwrap_or("000");
        let row = account::ActiveModel {
            partner_id: Set(partner_id),
            identifier: Set(bailleur_api_types::Identifier::parse(&spec.identifier)?.into()),
            user_number: Set(format!("{caf}{:011}", 4_010_000 + self.serial)),
            email_id: Set(spec.email_id),
            credential_id: Set(spec.credential_id),
            role: Set(spec.role),
            status: Set(spec.status),
            first_name: Set(spec.first_name.to_owned()),
            last_name: Set(spec.last_name.to_owned()),
            phone: Set(Some("02 40 00 00 00".to_owned())),
            mobile_phone: Set(None),
            created_at: Set(self.now - Duration::days(400)),
            last_sign_in_at: Set(None),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        if spec.status == UserStatus::Active {
            // Active accounts went through their first connection long ago (R-AUTH-5).
            bailleur_core::auth::terms::accept_all(
                self.txn,
                row.id,
                self.now - Duration::days(399),
            )
            .await?;
        }
        self.accounts.insert(spec.identifier, (row.id, partner_id));
        Ok(row.id)
    }
}

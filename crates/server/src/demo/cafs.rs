//! The six demo Caf offices, their contacts, notice and open rent campaign.
use super::Seeder;
use bailleur_entity::{caf_contact, caf_notice, caf_office, rent_campaign};
use sea_orm::{ActiveModelTrait, Set};
use time::Duration;

/// (number, department, article, postal address, mail slug, postal-code prefix, city)
pub const CAFS: [(&str, &str, &str, &str, &str); 6] = [
    (
        "441",
        "Loire-Atlantique",
        "de",
        "22 rue de Malville, 44937 Nantes Cedex 9",
        "caf44",
    ),
    (
        "751",
        "Paris",
        "de",
        "50 rue du Docteur Finlay, 75750 Paris Cedex 15",
        "caf75",
    ),
    (
        "691",
        "Rhône",
        "du",
        "67 boulevard Vivier Merle, 69409 Lyon Cedex 03",
        "caf69",
    ),
    (
        "341",
        "Hérault",
        "de l'",
        "139 avenue de Lodève, 34943 Montpellier Cedex 9",
        "caf34",
    ),
    (
        "311",
        "Haute-Garonne",
        "de la",
        "24 rue Riquet, 31046 Toulouse Cedex 9",
        "caf31",
    ),
    (
        "021",
        "Aisne",
        "de l'",
        "9 rue Jean Macé, 02100 Saint-Quentin",
        "caf02",
    ),
];

impl Seeder<'_> {
    pub async fn cafs(&mut self) -> anyhow::Result<()> {
        let year = self.now.year();
        for (number, department, article, address, slug) in CAFS {
            let separator = if article.ends_with('\'') { "" } else { " " };
            let office = caf_office::ActiveModel {
                number: Set(number.to_owned()),
                name: Set(format!(
                    "Caisse d'allocations familiales {article}{separator}{department}"
                )),
                department_name: Set(department.to_owned()),
                postal_address: Set(address.to_owned()),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
            self.caf_ids.insert(number, office.id);
            let contacts = [
                (
                    "email",
                    "Bailleurs",
                    format!("bailleurs@{slug}.caf.example"),
                ),
                (
                    "email",
                    "Envoi de documents",
                    format!("partenaires.documents@{slug}.caf.example"),
                ),
                (
                    "web",
                    &format!("Bailleurs {article}{separator}{department}"),
                    format!("https://www.caf.example/{slug}/bailleurs"),
                ),
            ];
            for (position, (kind, label, value)) in contacts.into_iter().enumerate() {
                caf_contact::ActiveModel {
                    caf_id: Set(office.id),
                    kind: Set(kind.to_owned()),
                    label: Set(label.to_owned()),
                    value: Set(value),
                    position: Set(i32::try_from(position)?),
                    ..Default::default()
                }
                .insert(self.txn)
                .await?;
            }
            caf_notice::ActiveModel {
                caf_id: Set(office.id),
                title: Set(format!("Déclarations de loyer {year}")),
                body: Set(format!(
                    "Déclarations de loyer {year} : le service est actuellement ouvert et accessible via \
                     la rubrique « Consulter et déclarer ». Cette démarche est indispensable pour calculer \
                     l'aide au logement de vos locataires."
                )),
                published_at: Set(self.now - Duration::days(10)),
                expires_at: Set(None),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
            rent_campaign::ActiveModel {
                caf_id: Set(office.id),
                year: Set(year),
                opens_on: Set(self.now.date() - Duration::days(30)),
                closes_on: Set(self.now.date() + Duration::days(60)),
                closed_at: Set(None),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
        }
        Ok(())
    }
}

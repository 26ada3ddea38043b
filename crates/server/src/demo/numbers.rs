//! Valid reference numbers for the demo, checked by the same validated types as user input.
use anyhow::Context;
use bailleur_api_types::{Iban, Nir, Siret};

fn with_luhn_digit(prefix: &str) -> String {
    (0..10)
        .map(|digit| format!("{prefix}{digit}"))
        .find(|candidate| {
            let sum: u32 = candidate
                .chars()
                .rev()
                .enumerate()
                .filter_map(|(position, c)| c.to_digit(10).map(|d| (position, d)))
                .map(|(position, d)| {
                    if position % 2 == 1 {
                        if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
                    } else {
                        d
                    }
                })
                .sum();
            sum.is_multiple_of(10)
        })
        .unwrap_or_default()
}

/// A SIRET whose SIREN starts with the 8 digits of `seed` and whose NIC is `0001` + key.
pub fn siret(seed: u32) -> anyhow::Result<Siret> {
    let siren = with_luhn_digit(&format!("{:08}", seed % 100_000_000));
    let siret = with_luhn_digit(&format!("{siren}0001"));
    Siret::parse(&siret).with_context(|| format!("demo SIRET {siret}"))
}

/// A NIR from its 13-character body (digits only).
pub fn nir(body: &str) -> anyhow::Result<Nir> {
    let number: u64 = body.parse().context("NIR body")?;
    let nir = format!("{body}{:02}", 97 - number % 97);
    Nir::parse(&nir).with_context(|| format!("demo NIR {nir}"))
}

/// A French IBAN from a bank code, a branch code and an 11-digit account number.
pub fn french_iban(bank: u32, branch: u32, account: u64) -> anyhow::Result<Iban> {
    let rib_key =
        97 - (89 * u128::from(bank) + 15 * u128::from(branch) + 3 * u128::from(account)) % 97;
    let bban = format!("{bank:05}{branch:05}{account:011}{rib_key:02}");
    // "FR00" moved to the end, letters as numbers: F = 15, R = 27.
    let rest = format!("{bban}152700")
        .parse::<u128>()
        .context("BBAN digits")?
        % 97;
    let iban = format!("FR{:02}{bban}", 98 - rest);
    Iban::parse(&iban).with_context(|| format!("demo IBAN {iban}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_ref_2b_demo_numbers_are_valid() -> anyhow::Result<()> {
        for seed in 0..500 {
            siret(10_000_000 + seed * 7919)?;
            french_iban(30_000 + seed, 100 + seed, 1_000_000 + u64::from(seed) * 31)?;
        }
        nir("2750344109123")?;
        Ok(())
    }
}

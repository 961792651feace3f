//! Law as dated data: thresholds, triggers, VAT and exchange rates from `data/law.yaml`, the
//! social-services CPV list, and the one mechanism that compares a value with a threshold.
//!
//! Figures never live in Rust. A lookup is always for a date; a date outside every period of a
//! rule finds nothing, so an expired figure is never used silently.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::input::yaml::{self, Text};
use crate::input::{AuthorityKind, Currency, Date, Jurisdiction, Money, Source, Vat};

/// Which legal threshold a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    EuDirective,
    UkProcurementAct,
    ScotlandGpa,
    ScotlandRegulated,
    ScotlandCommunityBenefits,
    SeDirectAward,
}

/// The class of contract a threshold is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContractClass {
    Works,
    SuppliesServices,
    SocialServices,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthorityScope {
    Any,
    Central,
    SubCentral,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub id: Text,
    pub rule: Rule,
    pub contract: ContractClass,
    pub authority: AuthorityScope,
    pub amount: Money,
    /// Official figures in other currencies (the SEK thresholds).
    #[serde(default)]
    pub official: Vec<Money>,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub source: Text,
    pub verified: bool,
    #[serde(default)]
    pub note: Option<Text>,
}

impl Threshold {
    pub fn covers(&self, date: Date) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    pub id: Text,
    pub from: Currency,
    pub to: Currency,
    pub rate: f64,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub source: Text,
    pub verified: bool,
    #[serde(default)]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VatRate {
    pub jurisdiction: Jurisdiction,
    pub rate: f64,
    pub source: Text,
    pub verified: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LawData {
    thresholds: Vec<Threshold>,
    rates: Vec<Rate>,
    vat: Vec<VatRate>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CpvList {
    codes: Vec<CpvLabel>,
}

/// A CPV code with its labels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CpvLabel {
    pub code: Text,
    pub en: Text,
    pub sv: Text,
}

/// All legal data, loaded once.
#[derive(Debug)]
pub struct Law {
    data: LawData,
    social_services: BTreeMap<String, CpvLabel>,
}

impl Law {
    /// The law data compiled into the binary. Its validity is checked by the test suite.
    pub fn embedded() -> &'static Law {
        static LAW: OnceLock<Law> = OnceLock::new();
        LAW.get_or_init(|| {
            Law::parse(
                include_str!("../../data/law.yaml"),
                include_str!("../../data/cpv-social-services.yaml"),
            )
            .unwrap_or_else(|e| panic!("the embedded law data is broken: {e}"))
        })
    }

    fn parse(law: &str, social: &str) -> Result<Law, crate::error::Diagnostic> {
        let data: LawData = yaml::parse_one(&Source::from_text("<embedded>/data/law.yaml", law))?;
        let list: CpvList = yaml::parse_one(&Source::from_text(
            "<embedded>/data/cpv-social-services.yaml",
            social,
        ))?;
        let social_services = list
            .codes
            .into_iter()
            .map(|c| (c.code.to_string(), c))
            .collect();
        Ok(Law {
            data,
            social_services,
        })
    }

    pub fn thresholds(&self) -> &[Threshold] {
        &self.data.thresholds
    }

    /// The figure of `rule` for this contract class and authority on `date`.
    pub fn threshold(
        &self,
        rule: Rule,
        contract: ContractClass,
        authority: Option<AuthorityKind>,
        date: Date,
    ) -> Lookup<'_> {
        let candidates: Vec<&Threshold> = self
            .data
            .thresholds
            .iter()
            .filter(|t| {
                t.rule == rule && (t.contract == contract || t.contract == ContractClass::Any)
            })
            .collect();
        if candidates.is_empty() {
            return Lookup::NoRule;
        }
        let needs_authority = candidates
            .iter()
            .any(|t| t.authority != AuthorityScope::Any);
        let fits = |t: &&&Threshold| {
            matches!(
                (t.authority, authority),
                (AuthorityScope::Any, _)
                    | (AuthorityScope::Central, Some(AuthorityKind::Central))
                    | (AuthorityScope::SubCentral, Some(AuthorityKind::SubCentral))
            )
        };
        if needs_authority && authority.is_none() {
            return Lookup::NeedsAuthority;
        }
        match candidates.iter().filter(fits).find(|t| t.covers(date)) {
            Some(t) => Lookup::Found(t),
            None => {
                let fitting = || candidates.iter().filter(fits).copied();
                Lookup::NotForDate {
                    earliest: fitting().min_by_key(|t| t.valid_from),
                    latest: fitting().max_by_key(|t| t.valid_from),
                }
            }
        }
    }

    /// Whether a CPV code is on the social-services list (its eight digits, exactly).
    pub fn social_service(&self, code: &str) -> Option<&CpvLabel> {
        self.social_services.get(code)
    }

    pub fn vat_rate(&self, jurisdiction: Jurisdiction) -> Option<&VatRate> {
        self.data
            .vat
            .iter()
            .find(|v| v.jurisdiction == jurisdiction)
    }

    /// The rate from `from` to `to` on `date`; failing that, the latest one, marked expired.
    pub fn rate(&self, from: Currency, to: Currency, date: Date) -> Option<RateUse<'_>> {
        let matching = self.data.rates.iter().filter_map(|r| {
            if r.from == from && r.to == to {
                Some((r, r.rate))
            } else if r.from == to && r.to == from {
                Some((r, 1.0 / r.rate))
            } else {
                None
            }
        });
        let mut best: Option<RateUse> = None;
        for (rate, factor) in matching {
            let current = rate.valid_from <= date && rate.valid_to.is_none_or(|end| date <= end);
            let candidate = RateUse {
                rate,
                factor,
                expired: !current,
            };
            best = match best {
                Some(b) if !b.expired && candidate.expired => Some(b),
                Some(b)
                    if b.expired == candidate.expired && b.rate.valid_from > rate.valid_from =>
                {
                    Some(b)
                }
                _ => Some(candidate),
            };
        }
        best
    }

    /// Compares a procurement value with a threshold: in one currency (the official figure if
    /// there is one, else converted at a dated rate, labelled indicative) and on one VAT basis.
    pub fn compare(
        &self,
        value: Money,
        threshold: &Threshold,
        jurisdiction: Jurisdiction,
        date: Date,
    ) -> Result<Comparison, Missing> {
        let mut steps = Vec::new();
        let limit = if threshold.amount.currency == value.currency {
            threshold.amount
        } else if let Some(official) = threshold
            .official
            .iter()
            .find(|m| m.currency == value.currency)
        {
            steps.push(Step::Official {
                from: threshold.amount,
            });
            Money {
                vat: threshold.amount.vat,
                ..*official
            }
        } else {
            let Some(rate) = self.rate(threshold.amount.currency, value.currency, date) else {
                return Err(Missing::Rate {
                    from: threshold.amount.currency,
                    to: value.currency,
                });
            };
            steps.push(Step::Converted {
                from: threshold.amount,
                factor: rate.factor,
                rate_source: rate.rate.source.to_string(),
                expired: rate.expired,
                rate_period: (rate.rate.valid_from, rate.rate.valid_to),
            });
            Money {
                amount: (threshold.amount.amount * rate.factor).round(),
                currency: value.currency,
                vat: threshold.amount.vat,
            }
        };
        let compared = match (value.vat, limit.vat) {
            (Vat::Excluded, Vat::Excluded) | (Vat::Included, Vat::Included) => value,
            (Vat::Excluded, Vat::Included) | (Vat::Included, Vat::Excluded) => {
                let Some(vat) = self.vat_rate(jurisdiction) else {
                    return Err(Missing::VatRate);
                };
                let adjusted = if value.vat == Vat::Excluded {
                    value.amount * (1.0 + vat.rate)
                } else {
                    value.amount / (1.0 + vat.rate)
                };
                steps.push(Step::Vat {
                    from: value,
                    rate: vat.rate,
                });
                Money {
                    // To the cent, so that 173 100 × 1.2 is exactly 207 720.
                    amount: (adjusted * 100.0).round() / 100.0,
                    currency: value.currency,
                    vat: limit.vat,
                }
            }
        };
        Ok(Comparison {
            value: compared,
            threshold: limit,
            at_or_above: compared.amount >= limit.amount,
            steps,
        })
    }
}

/// The outcome of a threshold lookup.
#[derive(Debug, Clone, Copy)]
pub enum Lookup<'a> {
    Found(&'a Threshold),
    /// The rule has no figure for this kind of contract.
    NoRule,
    /// The figure depends on whether the authority is central or sub-central.
    NeedsAuthority,
    /// No figure covers the date; the oldest and newest there are.
    NotForDate {
        earliest: Option<&'a Threshold>,
        latest: Option<&'a Threshold>,
    },
}

/// A rate chosen for a conversion.
#[derive(Debug, Clone, Copy)]
pub struct RateUse<'a> {
    pub rate: &'a Rate,
    /// Multiply an amount in `from` by this to get `to`.
    pub factor: f64,
    /// The rate's period does not cover the date: the result is only indicative.
    pub expired: bool,
}

/// A value set against a threshold, with the steps that made them comparable.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub value: Money,
    pub threshold: Money,
    pub at_or_above: bool,
    pub steps: Vec<Step>,
}

/// One adjustment made before comparing.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// The threshold's official figure in the value's currency was used.
    Official { from: Money },
    /// The threshold was converted at a rate: an indicative figure.
    Converted {
        from: Money,
        factor: f64,
        rate_source: String,
        expired: bool,
        rate_period: (Date, Option<Date>),
    },
    /// VAT was added to or removed from the value at `rate`.
    Vat { from: Money, rate: f64 },
}

/// What a comparison lacked.
#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    Rate { from: Currency, to: Currency },
    VatRate,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn sek(amount: f64) -> Money {
        Money {
            amount,
            currency: Currency::SEK,
            vat: Vat::Excluded,
        }
    }

    #[test]
    fn the_embedded_data_loads_and_every_period_is_ordered() {
        let law = Law::embedded();
        assert!(law.thresholds().len() >= 20);
        for t in law.thresholds() {
            assert!(t.amount.is_positive(), "{}", t.id);
            assert!(t.valid_to.is_none_or(|end| t.valid_from <= end), "{}", t.id);
            assert!(!t.source.is_empty(), "{}", t.id);
        }
        assert!(law.social_service("85311000").is_some());
        assert!(law.social_service("77313000").is_none());
    }

    #[test]
    fn periods_of_one_rule_do_not_overlap() {
        let law = Law::embedded();
        for a in law.thresholds() {
            for b in law.thresholds() {
                let same = a.id != b.id
                    && a.rule == b.rule
                    && a.contract == b.contract
                    && a.authority == b.authority;
                if same {
                    let overlap = a.valid_from <= b.valid_to.unwrap_or(a.valid_from)
                        && b.valid_from <= a.valid_to.unwrap_or(b.valid_from);
                    assert!(!overlap, "{} and {} overlap", a.id, b.id);
                }
            }
        }
    }

    #[test]
    fn lookups_follow_the_date() {
        let law = Law::embedded();
        let find = |d| match law.threshold(
            Rule::EuDirective,
            ContractClass::SuppliesServices,
            Some(AuthorityKind::SubCentral),
            date(d),
        ) {
            Lookup::Found(t) => t.amount.amount,
            other => panic!("{other:?}"),
        };
        assert_eq!(find("2025-12-31"), 221_000.0);
        assert_eq!(find("2026-01-01"), 216_000.0);
        assert!(matches!(
            law.threshold(Rule::EuDirective, ContractClass::Works, None, date("2028-01-01")),
            Lookup::NotForDate { latest: Some(t), .. } if t.id == "eu-2026-works"
        ));
        assert!(matches!(
            law.threshold(
                Rule::EuDirective,
                ContractClass::SuppliesServices,
                None,
                date("2026-05-01")
            ),
            Lookup::NeedsAuthority
        ));
    }

    #[test]
    fn official_figures_win_over_conversion() {
        let law = Law::embedded();
        let Lookup::Found(t) = law.threshold(
            Rule::EuDirective,
            ContractClass::SuppliesServices,
            Some(AuthorityKind::SubCentral),
            date("2025-06-01"),
        ) else {
            panic!()
        };
        let c = law
            .compare(sek(2_389_585.0), t, Jurisdiction::Se, date("2025-06-01"))
            .unwrap();
        assert!(c.at_or_above);
        assert_eq!(c.threshold.amount, 2_389_585.0);
        let c = law
            .compare(sek(2_389_584.0), t, Jurisdiction::Se, date("2025-06-01"))
            .unwrap();
        assert!(!c.at_or_above);
    }

    #[test]
    fn a_missing_official_figure_is_converted_and_marked() {
        let law = Law::embedded();
        let Lookup::Found(t) = law.threshold(
            Rule::EuDirective,
            ContractClass::SuppliesServices,
            Some(AuthorityKind::SubCentral),
            date("2026-06-01"),
        ) else {
            panic!()
        };
        let c = law
            .compare(sek(3_000_000.0), t, Jurisdiction::Se, date("2026-06-01"))
            .unwrap();
        assert_eq!(c.threshold.amount, (216_000.0_f64 * 10.8126).round());
        assert!(matches!(c.steps[0], Step::Converted { expired: true, .. }));
    }

    #[test]
    fn uk_thresholds_compare_values_with_vat() {
        let law = Law::embedded();
        let Lookup::Found(t) = law.threshold(
            Rule::UkProcurementAct,
            ContractClass::SuppliesServices,
            Some(AuthorityKind::SubCentral),
            date("2026-06-01"),
        ) else {
            panic!()
        };
        let gbp = |amount, vat| Money {
            amount,
            currency: Currency::GBP,
            vat,
        };
        // 173 100 × 1.2 = 207 720: exactly at the threshold.
        let c = law
            .compare(
                gbp(173_100.0, Vat::Excluded),
                t,
                Jurisdiction::England,
                date("2026-06-01"),
            )
            .unwrap();
        assert!(c.at_or_above);
        assert!((c.value.amount - 207_720.0).abs() < 1e-6);
        let c = law
            .compare(
                gbp(207_719.0, Vat::Included),
                t,
                Jurisdiction::England,
                date("2026-06-01"),
            )
            .unwrap();
        assert!(!c.at_or_above);
        assert!(c.steps.is_empty());
    }
}

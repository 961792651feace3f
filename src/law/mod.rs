//! Law as dated data: thresholds, triggers, VAT and exchange rates from `data/law.yaml`, the two
//! CPV lists (the light regime's services, and the reservable ones among them), and the one
//! mechanism that compares a value with a threshold.
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
    UkKpis,
    UkBelowThreshold,
    WalesMajorConstruction,
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
    /// The rule turns on a value *over* the figure, not at or above it ("högst 700 000 kr",
    /// "over £5 million"): a value equal to the figure does not reach it.
    #[serde(default)]
    pub over: bool,
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

/// Services that may be bought under a regime of their own instead (the Provider Selection
/// Regime for English healthcare): the CPV prefixes that raise the question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarveOut {
    pub jurisdictions: Vec<Jurisdiction>,
    pub cpv: Vec<Text>,
    pub cite: Text,
    pub verified: bool,
}

impl CarveOut {
    /// Whether a main CPV code in this jurisdiction may fall under the carve-out.
    pub fn may_cover(&self, jurisdiction: Jurisdiction, code: &str) -> bool {
        self.jurisdictions.contains(&jurisdiction)
            && self.cpv.iter().any(|p| code.starts_with(&**p))
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

/// A provision that is made but usable only once commenced: `in_force` is its commencement
/// date, absent while no commencement is known.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commencement {
    pub id: Text,
    pub cite: Text,
    pub in_force: Option<Date>,
    pub source: Text,
    pub verified: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LawData {
    thresholds: Vec<Threshold>,
    provider_selection_regime: CarveOut,
    commencements: Vec<Commencement>,
    indicative_margin: f64,
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

/// The light regime's services (Directive Annex XIV, LOU bilaga 2): rows of CPV codes, and which
/// list each jurisdiction's light-touch rules use.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnexXiv {
    regimes: BTreeMap<Jurisdiction, LightRegimeBasis>,
    rows: Vec<LightRow>,
}

/// Which list a jurisdiction uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum LightList {
    AnnexXiv,
    Uk,
}

/// Where a jurisdiction's light-touch list is in law, and whether our list is confirmed for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LightRegimeBasis {
    list: LightList,
    pub cite: Text,
    pub verified: bool,
    #[serde(default)]
    pub note: Option<Text>,
}

/// One row of Annex XIV: a heading and its CPV codes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LightRow {
    pub row: Text,
    pub en: Text,
    pub sv: Text,
    #[serde(default = "yes")]
    pub verified: bool,
    #[serde(default)]
    pub note: Option<Text>,
    pub codes: Vec<Text>,
}

fn yes() -> bool {
    true
}

/// The Procurement Regulations 2024 Sch. 1 Table 1, in groups that follow Annex XIV's rows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct UkLightTouch {
    groups: Vec<UkGroup>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct UkGroup {
    row: Text,
    heading: Text,
    codes: Vec<UkService>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct UkService {
    code: Text,
    service: Text,
    #[serde(default)]
    reservable: bool,
}

/// A code found on a jurisdiction's light-touch list: the heading it is listed under, and the
/// jurisdiction's legal basis.
#[derive(Debug, Clone, Copy)]
pub struct LightService<'a> {
    pub heading_en: &'a str,
    pub heading_sv: &'a str,
    pub basis: &'a LightRegimeBasis,
    /// Whether the row is confirmed (the jurisdiction's use of the list is in `basis`).
    row_verified: bool,
    row_note: Option<&'a str>,
    /// The service's own name, where the list gives one (the UK list; English only).
    pub service: Option<&'a str>,
    /// UK only: a reservable light touch service (Procurement Act 2023 s.33).
    pub uk_reservable: bool,
}

impl LightService<'_> {
    /// Whether both the row and the jurisdiction's use of the list are confirmed.
    pub fn verified(&self) -> bool {
        self.row_verified && self.basis.verified
    }

    /// The note that says why it is not confirmed, if any.
    pub fn note(&self) -> Option<&str> {
        self.row_note.or(self.basis.note.as_deref())
    }
}

/// The light regime's lists, indexed by code.
#[derive(Debug)]
struct LightRegime {
    annex: AnnexXiv,
    uk: UkLightTouch,
    /// Code → index of its first row in `annex.rows`.
    annex_codes: BTreeMap<String, usize>,
    /// Code → (group, service) in `uk.groups`.
    uk_codes: BTreeMap<String, (usize, usize)>,
}

impl LightRegime {
    fn new(annex: AnnexXiv, uk: UkLightTouch) -> LightRegime {
        let mut annex_codes = BTreeMap::new();
        for (i, row) in annex.rows.iter().enumerate() {
            for code in &row.codes {
                annex_codes.entry(code.to_string()).or_insert(i);
            }
        }
        let mut uk_codes = BTreeMap::new();
        for (g, group) in uk.groups.iter().enumerate() {
            for (s, service) in group.codes.iter().enumerate() {
                uk_codes.entry(service.code.to_string()).or_insert((g, s));
            }
        }
        LightRegime {
            annex,
            uk,
            annex_codes,
            uk_codes,
        }
    }

    fn row(&self, id: &str) -> Option<&LightRow> {
        self.annex.rows.iter().find(|r| &*r.row == id)
    }

    fn lookup(&self, code: &str, jurisdiction: Jurisdiction) -> Option<LightService<'_>> {
        let basis = self.annex.regimes.get(&jurisdiction)?;
        match basis.list {
            LightList::AnnexXiv => {
                let row = &self.annex.rows[*self.annex_codes.get(code)?];
                Some(LightService {
                    heading_en: &row.en,
                    heading_sv: &row.sv,
                    basis,
                    row_verified: row.verified,
                    row_note: row.note.as_deref(),
                    service: None,
                    uk_reservable: false,
                })
            }
            LightList::Uk => {
                let &(g, s) = self.uk_codes.get(code)?;
                let group = &self.uk.groups[g];
                Some(LightService {
                    heading_en: &group.heading,
                    heading_sv: self.row(&group.row).map_or(&group.heading, |r| &r.sv),
                    basis,
                    row_verified: true,
                    row_note: None,
                    service: Some(&group.codes[s].service),
                    uk_reservable: group.codes[s].reservable,
                })
            }
        }
    }
}

/// All legal data, loaded once.
#[derive(Debug)]
pub struct Law {
    data: LawData,
    reservable: BTreeMap<String, CpvLabel>,
    light: LightRegime,
}

impl Law {
    /// The law data compiled into the binary. Its validity is checked by the test suite.
    pub fn embedded() -> &'static Law {
        static LAW: OnceLock<Law> = OnceLock::new();
        LAW.get_or_init(|| {
            Law::parse(
                include_str!("../../data/law.yaml"),
                include_str!("../../data/cpv-social-services.yaml"),
                include_str!("../../data/cpv-light-regime.yaml"),
                include_str!("../../data/cpv-uk-light-touch.yaml"),
            )
            .unwrap_or_else(|e| panic!("the embedded law data is broken: {e}"))
        })
    }

    fn parse(
        law: &str,
        social: &str,
        annex_xiv: &str,
        uk_light_touch: &str,
    ) -> Result<Law, crate::error::Diagnostic> {
        let data: LawData = yaml::parse_one(&Source::from_text("<embedded>/data/law.yaml", law))?;
        let list: CpvList = yaml::parse_one(&Source::from_text(
            "<embedded>/data/cpv-social-services.yaml",
            social,
        ))?;
        let reservable = list
            .codes
            .into_iter()
            .map(|c| (c.code.to_string(), c))
            .collect();
        let annex: AnnexXiv = yaml::parse_one(&Source::from_text(
            "<embedded>/data/cpv-light-regime.yaml",
            annex_xiv,
        ))?;
        let uk: UkLightTouch = yaml::parse_one(&Source::from_text(
            "<embedded>/data/cpv-uk-light-touch.yaml",
            uk_light_touch,
        ))?;
        Ok(Law {
            data,
            reservable,
            light: LightRegime::new(annex, uk),
        })
    }

    pub fn thresholds(&self) -> &[Threshold] {
        &self.data.thresholds
    }

    /// The Provider Selection Regime's healthcare carve-out from the Procurement Act 2023.
    pub fn provider_selection_regime(&self) -> &CarveOut {
        &self.data.provider_selection_regime
    }

    /// Whether the provision `id` is in force on `date`, as far as the law data knows: false
    /// for one whose commencement is not known, and for an id the data does not hold.
    pub fn in_force(&self, id: &str, date: Date) -> bool {
        self.data
            .commencements
            .iter()
            .find(|c| &*c.id == id)
            .and_then(|c| c.in_force)
            .is_some_and(|from| from <= date)
    }

    pub fn commencements(&self) -> &[Commencement] {
        &self.data.commencements
    }

    /// The share of an indicative threshold within which a value decides nothing.
    pub fn indicative_margin(&self) -> f64 {
        self.data.indicative_margin
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

    /// Whether a CPV code is on the list of services that may be reserved to organisations with
    /// a public-service mission in this jurisdiction: art. 77 / LOU 19 kap. 25 §, or under the
    /// Procurement Act 2023 s.33 the services marked R in PR 2024 Sch. 1. Its eight digits,
    /// exactly; the label in English and Swedish (the UK list has English names only).
    pub fn reservable_service(
        &self,
        code: &str,
        jurisdiction: Jurisdiction,
    ) -> Option<(&str, &str)> {
        if jurisdiction.procurement_act() {
            let light = self.light_service(code, jurisdiction)?;
            let name = light.service.filter(|_| light.uk_reservable)?;
            Some((name, name))
        } else {
            self.reservable.get(code).map(|l| (&*l.en, &*l.sv))
        }
    }

    /// Whether a CPV code is a light-regime service (social and other specific services) in
    /// this jurisdiction: its eight digits, exactly; a code under a listed one is not included.
    pub fn light_service(
        &self,
        code: &str,
        jurisdiction: Jurisdiction,
    ) -> Option<LightService<'_>> {
        self.light.lookup(code, jurisdiction)
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
            (Vat::Exempt, _) => {
                if limit.vat == Vat::Included {
                    steps.push(Step::VatExempt);
                }
                value
            }
            (Vat::Excluded | Vat::Included, _) => {
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
            at_or_above: if threshold.over {
                compared.amount > limit.amount
            } else {
                compared.amount >= limit.amount
            },
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
    /// Whether the value reaches the threshold: at or above it, or over it for a threshold
    /// marked `over`.
    pub at_or_above: bool,
    pub steps: Vec<Step>,
}

impl Comparison {
    /// Whether the threshold was converted at a rate from another period and the value lies
    /// within `margin` of it, so that the comparison decides nothing.
    pub fn too_close_to_tell(&self, margin: f64) -> bool {
        let indicative = self
            .steps
            .iter()
            .any(|s| matches!(s, Step::Converted { expired: true, .. }));
        indicative
            && (self.value.amount - self.threshold.amount).abs() < margin * self.threshold.amount
    }
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
    /// The value is exempt from VAT, so nothing was added to compare it with a VAT-inclusive
    /// threshold.
    VatExempt,
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
        assert!(
            law.reservable_service("85311000", Jurisdiction::Se)
                .is_some()
        );
        assert!(
            law.reservable_service("77313000", Jurisdiction::Se)
                .is_none()
        );
        // Under the Procurement Act 2023: the R services, a few more than art. 77's.
        assert!(
            law.reservable_service("80310000", Jurisdiction::England)
                .is_some()
        );
        assert!(
            law.reservable_service("80310000", Jurisdiction::Se)
                .is_none()
        );
        assert!(
            law.reservable_service("55524000", Jurisdiction::Wales)
                .is_none()
        );
    }

    #[test]
    fn the_light_regime_holds_the_reservable_services_and_covers_every_jurisdiction() {
        let law = Law::embedded();
        let light = &law.light;
        assert_eq!(
            light.annex_codes.len(),
            424,
            "Annex XIV as derived in the research"
        );
        assert_eq!(light.uk_codes.len(), 421, "PR 2024 Sch. 1 Table 1");
        for code in law.reservable.keys() {
            assert!(
                light.annex_codes.contains_key(code),
                "{code} reservable, not light"
            );
        }
        for code in light.annex_codes.keys().chain(light.uk_codes.keys()) {
            assert!(crate::input::Cpv::parse(code).is_ok(), "{code}");
        }
        for code in light.uk_codes.keys() {
            assert!(
                light.annex_codes.contains_key(code),
                "{code} is UK light touch only"
            );
        }
        for group in &light.uk.groups {
            assert!(
                light.row(&group.row).is_some(),
                "UK group row {}",
                group.row
            );
        }
        for j in Jurisdiction::ALL {
            assert!(
                light.annex.regimes.contains_key(&j),
                "no light-regime basis for {j}"
            );
        }
        let catering = law.light_service("55524000", Jurisdiction::Se).unwrap();
        assert_eq!(catering.heading_en, "Hotel and restaurant services");
        assert!(catering.verified());
        let uk = law
            .light_service("55524000", Jurisdiction::England)
            .unwrap();
        assert!(uk.verified() && !uk.uk_reservable);
        assert!(
            law.light_service("85310000", Jurisdiction::England)
                .unwrap()
                .uk_reservable
        );
        // In the Norwegian text only: kept, but not confirmed; not in the UK list.
        assert!(
            !law.light_service("79957000", Jurisdiction::Eu)
                .unwrap()
                .verified()
        );
        assert!(
            law.light_service("79957000", Jurisdiction::England)
                .is_none()
        );
        // Cleaning and grounds maintenance are ordinary services.
        assert!(law.light_service("90910000", Jurisdiction::Se).is_none());
        assert!(
            law.light_service("77313000", Jurisdiction::England)
                .is_none()
        );
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

//! Targets: a clause's figures computed for one contract (or lot), with their arithmetic in
//! words: scaled on the value, adjusted for the share of it that pays for labour, held within
//! the clause's floor and ceiling, and set per call-off for a framework agreement.

use serde::Serialize;
use serde_json::json;

use super::duties::Context;
use crate::input::yaml::name_of;
use crate::input::{Money, Vat};
use crate::library::clause::{Benefit, Param, ParamKind, Rounding};
use crate::messages::{Messages, decimal, money, number};

/// A computed target.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ParamValue {
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The arithmetic, in words: "12 000 000 SEK ÷ 5 000 000 SEK × 6 = 14.4, rounded up = 15".
    pub explain: String,
    /// What the target adds to in a briefing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit: Option<Benefit>,
    /// A figure that is not a target the supplier reaches (a vite per month).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub amount: bool,
    /// For a framework agreement, the rate each call-off contract is held to; `value` is then
    /// what the rate gives on the framework's estimated value, for the buyer's information.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_off: Option<CallOff>,
}

/// A target as a rate per call-off contract: `each` for every `per` of a call-off's value,
/// rounded as `round` says, at most `max` in one call-off.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CallOff {
    pub each: f64,
    pub per: Money,
    pub round: Rounding,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The noun in the form `each` takes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The noun in the form `max` takes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_unit: Option<String>,
}

impl ParamValue {
    /// The figure with its noun: "6 targeted opportunities".
    pub fn counted(&self, lang: crate::input::Language) -> String {
        crate::messages::one_space(&format!(
            "{} {}",
            number(self.value, lang),
            self.unit.as_deref().unwrap_or_default()
        ))
    }

    /// The target as the annex states it: the figure with its noun, or for a framework the
    /// rate each call-off is held to.
    pub fn stated(&self, lang: crate::input::Language) -> String {
        match &self.call_off {
            Some(c) => crate::messages::one_space(
                &c.phrase(lang, true)
                    .replace("{}", c.unit.as_deref().unwrap_or_default()),
            ),
            None => self.counted(lang),
        }
    }
}

impl CallOff {
    /// "1 {} for every full £1,000,000 of each call-off contract's value, at most 50 in one
    /// call-off contract": a phrase whose `{}` the `plural` helper fills with the noun in the
    /// form the leading figure takes.
    /// Within parentheses already (`inner`), the ceiling follows a comma rather than opening
    /// parentheses of its own.
    pub fn phrase(&self, lang: crate::input::Language, inner: bool) -> String {
        let m = Messages::embedded();
        let key = if inner {
            "target.call-off.max-inner"
        } else {
            "target.call-off.max"
        };
        let max = self
            .max
            .map(|max| {
                let max = format!(
                    "{} {}",
                    number(max, lang),
                    self.max_unit.as_deref().unwrap_or_default()
                );
                m.render(key, lang, &json!({ "most": max.trim() }))
            })
            .unwrap_or_default();
        m.render(
            &format!("target.call-off.{}", name_of(&self.round)),
            lang,
            &json!({
                "count": figure(self.each, lang),
                "per": money(&self.per, lang),
                "max": max,
            }),
        )
    }
}

/// `value` as an amount excluding VAT in `target`'s currency, with a note on any conversion;
/// `None` when no rate or VAT rate is known.
pub fn in_terms_of(cx: &Context, value: Money, target: &Money) -> Option<(f64, String)> {
    let mut notes = Vec::new();
    let mut amount = value.amount;
    if value.vat == Vat::Included {
        let vat = cx.law.vat_rate(cx.procurement.jurisdiction)?;
        amount /= 1.0 + vat.rate;
        notes.push(Messages::embedded().render(
            "rec.note.vat",
            cx.lang,
            &json!({ "percent": decimal(vat.rate * 100.0, cx.lang) }),
        ));
    }
    if value.currency != target.currency {
        let rate = cx.law.rate(value.currency, target.currency, cx.date)?;
        amount *= rate.factor;
        notes.push(Messages::embedded().render(
            "rec.note.converted",
            cx.lang,
            &json!({
                "factor": decimal(rate.factor, cx.lang),
                "pair": format!("{}/{}", target.currency, value.currency),
            }),
        ));
    }
    let note = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    Some(((amount * 100.0).round() / 100.0, note))
}

/// How the share of the value that pays for labour changes the value a target scales on.
struct Labour {
    /// The procurement's labour share over the one the ratio was set for, at most 1; 1 when
    /// either is not known.
    factor: f64,
    /// The adjustment in words, after the value: " × 30 % labour share ÷ the 40 % the ratio
    /// assumes = 4,500,000 GBP".
    step: String,
    /// Said at the end when the procurement gives no labour share but the ratio assumes one.
    assumed: String,
}

impl Labour {
    fn of(cx: &Context, param: &Param, amount: f64, per: &Money) -> Labour {
        let m = Messages::embedded();
        let lang = cx.lang;
        match (param.labour, cx.procurement.labour_share) {
            // A share at or above the one the ratio assumes does not raise the target: the one
            // published ratio (JRF, one targeted opportunity per £1m) is set on contract value.
            (Some(assumed), Some(share)) if share >= assumed => Labour {
                factor: 1.0,
                step: String::new(),
                assumed: m.render(
                    "target.labour.ceiling",
                    lang,
                    &json!({ "share": decimal(share, lang), "assumed": decimal(assumed, lang) }),
                ),
            },
            (Some(assumed), Some(share)) => {
                let factor = share / assumed;
                Labour {
                    factor,
                    step: m.render(
                        "target.labour",
                        lang,
                        &json!({
                            "share": decimal(share, lang),
                            "assumed": decimal(assumed, lang),
                            "adjusted": money(&Money { amount: (amount * factor).round(), ..*per }, lang),
                        }),
                    ),
                    assumed: String::new(),
                }
            }
            (Some(assumed), None) => Labour {
                factor: 1.0,
                step: String::new(),
                assumed: m.render(
                    "target.labour.assumed",
                    lang,
                    &json!({ "assumed": decimal(assumed, lang) }),
                ),
            },
            (None, _) => Labour {
                factor: 1.0,
                step: String::new(),
                assumed: String::new(),
            },
        }
    }
}

/// A whole figure grouped in thousands ("30 000"), else with its decimals ("1,5").
fn figure(x: f64, lang: crate::input::Language) -> String {
    if x.fract() == 0.0 {
        number(x, lang)
    } else {
        decimal(x, lang)
    }
}

/// `x` rounded up to two significant figures: 1 333 333 → 1 400 000, so that a rate written
/// as a round figure never asks for more than the ratio gives.
fn two_figures(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(x.log10().floor() as i32 - 1);
    (x / scale - 1e-9).ceil() * scale
}

fn round(x: f64, how: Rounding) -> f64 {
    match how {
        Rounding::Up => (x - 1e-9).ceil(),
        Rounding::Down => (x + 1e-9).floor(),
        Rounding::Nearest => x.round(),
    }
}

/// A clause's figure for a contract of `value`: fixed, or `value ÷ per × each` (on the
/// labour-adjusted value where the ratio assumes a labour share), rounded, held within `min`..
/// `max`; for a framework agreement, the same ratio as a rate per call-off contract.
pub fn compute(cx: &Context, param: &Param, value: Money) -> Option<ParamValue> {
    let m = Messages::embedded();
    let lang = cx.lang;
    let unit_for = |count: f64| param.unit.as_ref().map(|u| u.get(lang, count).to_string());
    if let Some(fixed) = param.fixed {
        let unit = unit_for(fixed);
        return Some(ParamValue {
            value: fixed,
            explain: m.render(
                "rec.param.fixed",
                lang,
                &json!({
                    "result": number(fixed, lang),
                    "unit": unit.clone().unwrap_or_default(),
                    "max": param.max.map(|m| number(m, lang)).unwrap_or_default(),
                }),
            ),
            unit,
            benefit: param.benefit,
            amount: param.kind == ParamKind::Amount,
            call_off: None,
        });
    }
    let (per, each) = (param.per?, param.each?);
    let (amount, note) = in_terms_of(cx, value, &per)?;
    let labour = Labour::of(cx, param, amount, &per);
    let raw = amount * labour.factor / per.amount * each;
    let rounded = round(raw, param.round);
    let mut result = rounded;
    let mut bound = String::new();
    if let Some(min) = param.min.filter(|&m| result < m) {
        result = min;
        bound = m.render("rec.param.min", lang, &json!({ "min": number(min, lang) }));
    }
    if let Some(max) = param.max.filter(|&m| result > m) {
        result = max;
        bound = m.render("rec.param.max", lang, &json!({ "max": number(max, lang) }));
    }
    let unit = unit_for(result);
    let explain = m.render(
        "rec.param",
        lang,
        &json!({
            "value": money(&Money { amount, ..per }, lang),
            "note": note,
            "labour": labour.step,
            "per": money(&per, lang),
            "times": decimal(each, lang),
            "quotient": decimal((raw * 100.0).round() / 100.0, lang),
            "rounding": m.text(&format!("rec.round.{}", name_of(&param.round)), lang),
            "rounded": number(rounded, lang),
            "bound": bound,
            "result": number(result, lang),
            "unit": unit.clone().unwrap_or_default(),
        }),
    );
    let mut target = ParamValue {
        value: result,
        unit,
        explain: format!("{}{}", explain.trim_end(), labour.assumed),
        benefit: param.benefit,
        amount: param.kind == ParamKind::Amount,
        call_off: None,
    };
    if cx.procurement.is_framework() && param.kind.is_target() {
        // The ratio holds for every call-off; its `per` absorbs the labour adjustment, rounded
        // to a figure a buyer would write.
        // The rate is stated in the procurement's own currency, never converted kronor in
        // euros.
        let currency = value.currency;
        let local = if currency == per.currency {
            per.amount
        } else {
            per.amount / cx.law.rate(currency, per.currency, cx.date)?.factor
        };
        let call_off = CallOff {
            each,
            per: Money {
                amount: two_figures(local / labour.factor),
                currency,
                vat: Vat::Excluded,
            },
            // Whole amounts only: "for every £1m or part of it" would put a target on the
            // smallest call-off.
            round: Rounding::Down,
            max: param.max,
            unit: unit_for(each),
            max_unit: param.max.and_then(unit_for),
        };
        target.call_off = Some(call_off);
        target.explain = m.render(
            "target.call-off.explain",
            lang,
            &json!({ "rate": target.stated(lang), "framework": target.explain }),
        );
        // What a framework may bring is not a promise any supplier makes.
        target.benefit = None;
    }
    Some(target)
}

#[cfg(test)]
#[path = "targets_tests.rs"]
mod tests;

//! Legal duties: for each rule of the procurement's jurisdiction, whether it applies (true,
//! false or unknown), with its citation and a reason naming the figures compared.
//!
//! Where a fact the rule needs is absent (the authority's kind, the CPV code), every possible
//! value is tried: if they all agree, that is the answer; if not, the duty is unknown and the
//! reason says which fact would settle it.

use serde::Serialize;
use serde_json::{Value, json};

use crate::input::{AuthorityKind, ContractType, Date, Jurisdiction, Language, Procurement};
use crate::law::{Comparison, ContractClass, Law, Lookup, Missing, Rule, Step, Threshold};
use crate::messages::{Messages, decimal, money};

/// Every duty id, in the order duties are listed.
pub const DUTY_IDS: [&str; 13] = [
    "above-threshold",
    "lots-reasons",
    "scotland-regulated-procurement",
    "scotland-community-benefits",
    "scotland-equality-duty",
    "se-labour-law-conditions",
    "se-direct-award",
    "england-social-value",
    "england-sme-barriers",
    "england-kpis",
    "implied-payment-terms",
    "wales-socially-responsible-procurement",
    "ni-social-value",
];

/// Every duty id (with `_` for `-`), true where that duty applies, for templates:
/// `{{#if duty.implied_payment_terms}}`.
pub fn template_flags(duties: &[Duty]) -> Value {
    DUTY_IDS
        .iter()
        .map(|id| {
            let applies = duties
                .iter()
                .any(|d| d.id == *id && d.applies == Applies::Yes);
            (id.replace('-', "_"), Value::Bool(applies))
        })
        .collect::<serde_json::Map<String, Value>>()
        .into()
}

/// Whether a duty applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    Yes,
    No,
    Unknown,
}

/// The opposite answer; unknown stays unknown.
impl std::ops::Not for Applies {
    type Output = Applies;

    fn not(self) -> Applies {
        match self {
            Applies::Yes => Applies::No,
            Applies::No => Applies::Yes,
            Applies::Unknown => Applies::Unknown,
        }
    }
}

impl Serialize for Applies {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Applies::Yes => s.serialize_bool(true),
            Applies::No => s.serialize_bool(false),
            Applies::Unknown => s.serialize_str("unknown"),
        }
    }
}

impl schemars::JsonSchema for Applies {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Applies".into()
    }

    /// `true`, `false`, or `"unknown"`, as [`Applies`] serialises.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "oneOf": [{ "type": "boolean" }, { "const": "unknown" }] })
    }
}

/// One duty rule, evaluated.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Duty {
    pub id: &'static str,
    pub title: String,
    pub applies: Applies,
    pub cite: String,
    pub reason: String,
    /// False where the citation or a figure used is not confirmed by our sources.
    pub verified: bool,
    /// The figures of the threshold comparison behind the answer, where one decided it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<Figures>,
}

/// What the duty rules share: the procurement, the date, the language.
pub struct Context<'a> {
    pub procurement: &'a Procurement,
    pub law: &'a Law,
    pub date: Date,
    pub lang: Language,
}

impl Context<'_> {
    pub(crate) fn say(&self, key: &str, args: Value) -> String {
        Messages::embedded().render(key, self.lang, &args)
    }

    fn word(&self, key: &str) -> String {
        Messages::embedded().text(key, self.lang)
    }
}

/// Every duty rule of the procurement's jurisdiction, in a fixed order.
pub fn evaluate(cx: &Context) -> Vec<Duty> {
    let above = above_threshold(cx);
    let mut duties = vec![lots_reasons(cx, &above)];
    match cx.procurement.jurisdiction {
        Jurisdiction::Scotland => {
            duties.push(threshold_duty(
                cx,
                "scotland-regulated-procurement",
                Rule::ScotlandRegulated,
            ));
            duties.push(threshold_duty(
                cx,
                "scotland-community-benefits",
                Rule::ScotlandCommunityBenefits,
            ));
            duties.push(scotland_equality_duty(cx, &above));
        }
        Jurisdiction::Se => {
            duties.push(se_labour_law_conditions(cx, &above));
            duties.push(se_direct_award(cx, &above));
        }
        Jurisdiction::England => {
            duties.push(england_social_value(cx, &above));
            duties.push(england_sme_barriers(cx, &above));
            duties.push(kpis(cx, &above));
            duties.push(implied_payment_terms(cx, &above));
        }
        Jurisdiction::Wales => {
            duties.push(wales_socially_responsible_procurement(cx, &above));
            duties.push(england_sme_barriers(cx, &above));
            duties.push(kpis(cx, &above));
            duties.push(implied_payment_terms(cx, &above));
        }
        Jurisdiction::NorthernIreland => {
            duties.push(ni_social_value(cx, &above));
            duties.push(england_sme_barriers(cx, &above));
            duties.push(kpis(cx, &above));
            duties.push(implied_payment_terms(cx, &above));
        }
        Jurisdiction::Eu => {}
    }
    duties.insert(0, above.duty);
    duties
}

/// The classes the contract may be in: works, supplies and services, or social and other
/// specific services (decided by the main CPV code against the light regime's list; both when
/// a services contract has none), with a note on how, and whether that list is confirmed.
struct Classes {
    classes: Vec<ContractClass>,
    note: String,
    verified: bool,
}

/// Whether the contract is one of social and other specific services: `None` where the
/// classes it may be in include both.
pub(crate) fn light_regime(cx: &Context) -> Option<bool> {
    let classes = classes(cx).classes;
    let light = classes.contains(&ContractClass::SocialServices);
    match (light, classes.len()) {
        (true, 1) => Some(true),
        (true, _) => None,
        (false, _) => Some(false),
    }
}

fn classes(cx: &Context) -> Classes {
    let p = cx.procurement;
    let known = |classes, note| Classes {
        classes,
        note,
        verified: true,
    };
    match p.kind {
        None => known(
            vec![
                ContractClass::Works,
                ContractClass::SuppliesServices,
                ContractClass::SocialServices,
            ],
            cx.word("class.unknown-type"),
        ),
        Some(ContractType::Works) => known(vec![ContractClass::Works], String::new()),
        Some(ContractType::Supplies) => known(vec![ContractClass::SuppliesServices], String::new()),
        Some(ContractType::Services) => match p.cpv.as_ref().and_then(|c| c.first()) {
            Some(main) => match cx.law.light_service(main.code(), p.jurisdiction) {
                Some(light) => Classes {
                    classes: vec![ContractClass::SocialServices],
                    note: cx.say(
                        "class.social-because",
                        json!({
                            "code": main.to_string(),
                            "service": light.service.map(|s| format!(" ({s})")).unwrap_or_default(),
                            "row": match cx.lang {
                                Language::Sv => light.heading_sv,
                                Language::En => light.heading_en,
                            },
                            "list": light.basis.cite.to_string(),
                            "unverified": unverified_note(cx, light.note(), light.verified()),
                        }),
                    ),
                    verified: light.verified(),
                },
                None => known(vec![ContractClass::SuppliesServices], String::new()),
            },
            None => known(
                vec![
                    ContractClass::SuppliesServices,
                    ContractClass::SocialServices,
                ],
                cx.word("class.unknown-cpv"),
            ),
        },
    }
}

/// " (not confirmed by our sources: NOTE)" where a fact is unconfirmed, else nothing.
fn unverified_note(cx: &Context, note: Option<&str>, verified: bool) -> String {
    match (verified, note) {
        (true, _) => String::new(),
        (false, Some(note)) => cx.say("unverified-because", json!({ "note": note })),
        (false, None) => format!(" {}", cx.word("unverified")),
    }
}

fn authorities(p: &Procurement) -> Vec<Option<AuthorityKind>> {
    match p.authority.as_ref().and_then(|a| a.kind) {
        Some(kind) => vec![Some(kind)],
        None => vec![
            Some(AuthorityKind::Central),
            Some(AuthorityKind::SubCentral),
        ],
    }
}

/// The result of comparing the value with a rule's threshold under every possible reading.
struct Outcome {
    applies: Applies,
    reason: String,
    verified: bool,
    /// The class the answer holds for, when there is one answer.
    class: Option<ContractClass>,
    /// The figures of the comparison that decided, when one did.
    figures: Option<Figures>,
}

/// The figures a threshold comparison used, as numbers beside the prose: the value as given
/// and as compared (in the threshold's currency and VAT treatment), the threshold and its
/// period, and the exchange rate where one was used.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Figures {
    pub given: crate::input::Money,
    pub value: crate::input::Money,
    pub threshold: crate::input::Money,
    pub threshold_from: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold_to: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateUsed>,
}

/// An exchange rate a comparison used: `factor` units of `to` per unit of `from`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RateUsed {
    pub from: crate::input::Currency,
    pub to: crate::input::Currency,
    pub factor: f64,
    pub source: String,
    pub valid_from: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
    /// The rate is from another period than the threshold's, so the figure is indicative.
    pub indicative: bool,
}

impl Figures {
    fn of(given: crate::input::Money, threshold: &Threshold, c: &Comparison) -> Figures {
        let rate = c.steps.iter().find_map(|s| match s {
            Step::Converted {
                from,
                factor,
                rate_source,
                expired,
                rate_period,
            } => Some(RateUsed {
                from: from.currency,
                to: c.threshold.currency,
                factor: *factor,
                source: rate_source.clone(),
                valid_from: rate_period.0,
                valid_to: rate_period.1,
                indicative: *expired,
            }),
            _ => None,
        });
        Figures {
            given,
            value: c.value,
            threshold: c.threshold,
            threshold_from: threshold.valid_from,
            threshold_to: threshold.valid_to,
            rate,
        }
    }
}

fn against_threshold(cx: &Context, rule: Rule) -> Outcome {
    let p = cx.procurement;
    let Some(value) = p.value else {
        return Outcome {
            applies: Applies::Unknown,
            reason: cx.word("threshold.no-value"),
            verified: true,
            class: None,
            figures: None,
        };
    };
    let Classes {
        classes,
        note: class_note,
        verified: class_verified,
    } = classes(cx);
    let mut results = Vec::new();
    for &class in &classes {
        for authority in authorities(p) {
            let threshold = match cx.law.threshold(rule, class, authority, cx.date) {
                Lookup::Found(t) => t,
                Lookup::NeedsAuthority => unreachable!("every authority kind is tried"),
                Lookup::NoRule => continue,
                Lookup::NotForDate { earliest, latest } => {
                    return Outcome {
                        applies: Applies::Unknown,
                        reason: no_figure(cx, earliest, latest),
                        verified: false,
                        class: None,
                        figures: None,
                    };
                }
            };
            match cx.law.compare(value, threshold, p.jurisdiction, cx.date) {
                Ok(c) if c.too_close_to_tell(cx.law.indicative_margin()) => {
                    return Outcome {
                        applies: Applies::Unknown,
                        reason: format!(
                            "{class_note}{}{} {}",
                            if class_note.is_empty() { "" } else { " " },
                            comparison_reason(cx, class, threshold, &c),
                            cx.say(
                                "threshold.too-close",
                                json!({
                                    "percent": decimal(cx.law.indicative_margin() * 100.0, cx.lang),
                                    "currency": value.currency.code(),
                                }),
                            )
                        ),
                        verified: false,
                        // The class is known even when the comparison decides nothing: a
                        // bilaga 2 service stays one.
                        class: (classes.len() == 1).then_some(classes[0]),
                        figures: Some(Figures::of(value, threshold, &c)),
                    };
                }
                Ok(c) => results.push((class, threshold, c)),
                Err(missing) => {
                    return Outcome {
                        applies: Applies::Unknown,
                        reason: missing_reason(cx, &missing),
                        verified: false,
                        class: None,
                        figures: None,
                    };
                }
            }
        }
    }
    // The same figure reached under several readings is one result.
    results.dedup_by(|a, b| std::ptr::eq(a.1, b.1));
    let Some(first) = results.first() else {
        return Outcome {
            applies: Applies::No,
            reason: cx.word("threshold.no-rule"),
            verified: true,
            class: None,
            figures: None,
        };
    };
    let agree = results
        .iter()
        .all(|r| r.2.at_or_above == first.2.at_or_above);
    if agree {
        // Report the figure that decides: the highest one passed, or the lowest one missed.
        let deciding = if first.2.at_or_above {
            results
                .iter()
                .max_by(|a, b| a.2.threshold.amount.total_cmp(&b.2.threshold.amount))
        } else {
            results
                .iter()
                .min_by(|a, b| a.2.threshold.amount.total_cmp(&b.2.threshold.amount))
        }
        .expect("results are not empty");
        let mut reason = comparison_reason(cx, deciding.0, deciding.1, &deciding.2);
        if results.len() > 1 {
            reason.push(' ');
            reason.push_str(&cx.word("threshold.whichever"));
        }
        if !class_note.is_empty() {
            reason = format!("{class_note} {reason}");
        }
        Outcome {
            applies: if first.2.at_or_above {
                Applies::Yes
            } else {
                Applies::No
            },
            reason,
            verified: class_verified && results.iter().all(|r| r.1.verified),
            class: (classes.len() == 1).then_some(classes[0]),
            figures: Some(Figures::of(value, deciding.1, &deciding.2)),
        }
    } else {
        let parts: Vec<String> = results
            .iter()
            .map(|r| comparison_reason(cx, r.0, r.1, &r.2))
            .collect();
        let settle = if p.kind.is_none() {
            cx.word("threshold.settle-type")
        } else if classes.len() > 1 {
            cx.word("threshold.settle-cpv")
        } else {
            cx.word("threshold.settle-authority")
        };
        Outcome {
            applies: Applies::Unknown,
            reason: format!("{} {settle}", parts.join(" ")),
            verified: class_verified && results.iter().all(|r| r.1.verified),
            class: None,
            figures: None,
        }
    }
}

fn comparison_reason(
    cx: &Context,
    class: ContractClass,
    threshold: &Threshold,
    c: &Comparison,
) -> String {
    let lang = cx.lang;
    // A figure for every kind of contract is described as such, whatever this one is.
    let class = if threshold.contract == ContractClass::Any {
        ContractClass::Any
    } else {
        class
    };
    let class_words = match (class, threshold.authority) {
        (ContractClass::SuppliesServices, crate::law::AuthorityScope::Central) => {
            cx.word("class.supplies-services-central")
        }
        (ContractClass::SuppliesServices, crate::law::AuthorityScope::SubCentral) => {
            cx.word("class.supplies-services-sub-central")
        }
        (ContractClass::SuppliesServices, _) => cx.word("class.supplies-services"),
        (ContractClass::Works, _) => cx.word("class.works"),
        (ContractClass::SocialServices, _) => cx.word("class.social-services"),
        (ContractClass::Any, _) => cx.word("class.any"),
    };
    let steps: Vec<String> = c
        .steps
        .iter()
        .map(|s| match s {
            Step::Official { from } => cx.say(
                "step.official",
                json!({ "from": money(from, lang), "currency": c.threshold.currency.code() }),
            ),
            Step::Converted {
                from,
                factor,
                rate_source,
                expired,
                rate_period,
            } => cx.say(
                if *expired {
                    "step.converted-expired"
                } else {
                    "step.converted"
                },
                json!({
                    "from": money(from, lang),
                    "factor": decimal(*factor, lang),
                    "pair": format!("{}/{}", c.threshold.currency, from.currency),
                    "source": rate_source,
                    "period": period(cx, rate_period.0, rate_period.1),
                }),
            ),
            Step::VatExempt => cx.word("step.vat-exempt"),
            Step::Vat { from, rate } => cx.say(
                if from.vat == crate::input::Vat::Excluded {
                    "step.vat-added"
                } else {
                    "step.vat-removed"
                },
                json!({
                    "from": money(from, lang),
                    "percent": decimal(rate * 100.0, lang),
                    "value": money(&c.value, lang),
                }),
            ),
        })
        .collect();
    cx.say(
        match (threshold.over, c.at_or_above) {
            (false, true) => "threshold.above",
            (false, false) => "threshold.below",
            (true, true) => "threshold.over",
            (true, false) => "threshold.not-over",
        },
        json!({
            "value": money(&c.value, lang),
            "threshold": money(&c.threshold, lang),
            "class": class_words,
            // Each step a sentence of its own after the comparison: no nested brackets.
            "steps": steps.iter().map(|s| format!(" {s}")).collect::<String>(),
            "period": period(cx, threshold.valid_from, threshold.valid_to),
            "source": threshold.source.to_string(),
            "unverified": if threshold.verified { String::new() } else { format!(" {}", cx.word("unverified")) },
        }),
    )
}

fn period(cx: &Context, from: Date, to: Option<Date>) -> String {
    match to {
        Some(to) => cx.say(
            "period.closed",
            json!({ "from": from.to_string(), "to": to.to_string() }),
        ),
        None => cx.say("period.open", json!({ "from": from.to_string() })),
    }
}

fn no_figure(cx: &Context, earliest: Option<&Threshold>, latest: Option<&Threshold>) -> String {
    match (earliest, latest) {
        (Some(first), _) if cx.date < first.valid_from => cx.say(
            "threshold.before-data",
            json!({ "date": cx.date.to_string(), "from": first.valid_from.to_string() }),
        ),
        (_, Some(t)) => cx.say(
            "threshold.no-figure-for-date",
            json!({
                "date": cx.date.to_string(),
                "latest": money(&t.amount, cx.lang),
                "period": period(cx, t.valid_from, t.valid_to),
            }),
        ),
        _ => cx.say("threshold.not-yet", json!({ "date": cx.date.to_string() })),
    }
}

fn missing_reason(cx: &Context, missing: &Missing) -> String {
    match missing {
        Missing::Rate { from, to } => cx.say(
            "threshold.no-rate",
            json!({ "from": from.code(), "to": to.code() }),
        ),
        Missing::VatRate => cx.word("threshold.no-vat-rate"),
    }
}

/// `above-threshold`, with the class it was decided for (used by later duties).
struct Above {
    duty: Duty,
    class: Option<ContractClass>,
}

fn above_threshold(cx: &Context) -> Above {
    let rule = match cx.procurement.jurisdiction {
        Jurisdiction::Se | Jurisdiction::Eu => Rule::EuDirective,
        Jurisdiction::Scotland => Rule::ScotlandGpa,
        Jurisdiction::England | Jurisdiction::Wales | Jurisdiction::NorthernIreland => {
            Rule::UkProcurementAct
        }
    };
    let mut outcome = against_threshold(cx, rule);
    // Healthcare an English authority may buy under the Provider Selection Regime is outside
    // the Act: whether it is depends on that regime, so the Act's duties are unknown.
    let psr = cx.law.provider_selection_regime();
    let p = cx.procurement;
    if p.kind == Some(ContractType::Services)
        && let Some(main) = p.cpv.as_ref().and_then(|c| c.first())
        && psr.may_cover(p.jurisdiction, main.code())
        && outcome.applies == Applies::Yes
    {
        outcome.applies = Applies::Unknown;
        outcome.verified = psr.verified;
        outcome.reason = format!(
            "{} {}",
            outcome.reason,
            cx.say(
                "duty.above-threshold.psr",
                json!({ "code": main.to_string(), "cite": psr.cite.to_string() }),
            )
        );
    }
    Above {
        class: outcome.class,
        duty: Duty {
            id: "above-threshold",
            title: cx.word("duty.above-threshold.title"),
            applies: outcome.applies,
            cite: cx.word(&format!(
                "duty.above-threshold.cite.{}",
                act(cx.procurement.jurisdiction)
            )),
            reason: outcome.reason,
            verified: outcome.verified,
            figures: outcome.figures,
        },
    }
}

fn lots_reasons(cx: &Context, above: &Above) -> Duty {
    let j = cx.procurement.jurisdiction;
    let light = above.class == Some(ContractClass::SocialServices);
    // England's s.18 is confirmed, but not whether it excepts light touch contracts; Scotland's
    // reg 47 is confirmed, but not whether it binds contracts under regs 74-76.
    let mut verified = !(light && (j.procurement_act() || j == Jurisdiction::Scotland));
    let (applies, reason) = match (above.duty.applies, cx.procurement.lots.as_deref()) {
        (Applies::No, _) => (Applies::No, cx.word("duty.lots-reasons.below")),
        (_, Some(lots)) if !lots.is_empty() => {
            verified = true;
            (
                Applies::No,
                cx.say("duty.lots-reasons.divided", json!({ "count": lots.len() })),
            )
        }
        _ if light && !j.procurement_act() => (
            Applies::No,
            cx.word(&format!("duty.lots-reasons.social-services.{j}")),
        ),
        (_, None) => (Applies::Unknown, cx.word("duty.lots-reasons.lots-unknown")),
        (Applies::Unknown, Some(_)) => (
            Applies::Unknown,
            cx.word("duty.lots-reasons.threshold-unknown"),
        ),
        (Applies::Yes, Some(_)) => {
            let mut reason = cx.word(&format!("duty.lots-reasons.applies.{}", act(j)));
            if light {
                reason.push(' ');
                reason.push_str(&cx.word("duty.lots-reasons.light-touch.england"));
            }
            (Applies::Yes, reason)
        }
    };
    Duty {
        id: "lots-reasons",
        title: cx.word("duty.lots-reasons.title"),
        applies,
        cite: cx.word(&format!("duty.lots-reasons.cite.{}", act(j))),
        reason,
        verified,
        figures: None,
    }
}

/// A duty that applies at or above (or over) a figure of its own, with what follows when it does.
fn threshold_duty(cx: &Context, id: &'static str, rule: Rule) -> Duty {
    let outcome = against_threshold(cx, rule);
    let consequence = match outcome.applies {
        Applies::Yes => format!(" {}", cx.word(&format!("duty.{id}.applies"))),
        _ => String::new(),
    };
    Duty {
        id,
        title: cx.word(&format!("duty.{id}.title")),
        applies: outcome.applies,
        cite: cx.word(&format!("duty.{id}.cite")),
        reason: format!("{}{consequence}", outcome.reason),
        verified: outcome.verified,
        figures: outcome.figures,
    }
}

fn se_labour_law_conditions(cx: &Context, above: &Above) -> Duty {
    // That 17 kap. 2–5 §§ do not reach bilaga 2 services is not confirmed by our sources.
    let social = above.class == Some(ContractClass::SocialServices);
    let (applies, reason) = if social {
        (
            Applies::No,
            cx.word("duty.se-labour-law-conditions.social-services"),
        )
    } else {
        match above.duty.applies {
            Applies::Yes => (
                Applies::Yes,
                cx.word("duty.se-labour-law-conditions.applies"),
            ),
            Applies::No => (Applies::No, cx.word("duty.se-labour-law-conditions.below")),
            Applies::Unknown => (
                Applies::Unknown,
                cx.word("duty.se-labour-law-conditions.unknown"),
            ),
        }
    };
    Duty {
        id: "se-labour-law-conditions",
        title: cx.word("duty.se-labour-law-conditions.title"),
        applies,
        cite: cx.word("duty.se-labour-law-conditions.cite"),
        reason,
        verified: !social,
        figures: None,
    }
}

fn england_social_value(cx: &Context, above: &Above) -> Duty {
    let (applies, reason) = match (cx.procurement.kind, above.duty.applies) {
        (None, _) => (
            Applies::Unknown,
            cx.word("duty.england-social-value.type-unknown"),
        ),
        (Some(ContractType::Works | ContractType::Supplies), _) => (
            Applies::No,
            cx.word("duty.england-social-value.not-services"),
        ),
        (Some(ContractType::Services), Applies::Yes) => {
            (Applies::Yes, cx.word("duty.england-social-value.applies"))
        }
        (Some(ContractType::Services), Applies::No) => {
            (Applies::No, cx.word("duty.england-social-value.below"))
        }
        (Some(ContractType::Services), Applies::Unknown) => (
            Applies::Unknown,
            cx.word("duty.england-social-value.unknown"),
        ),
    };
    Duty {
        id: "england-social-value",
        title: cx.word("duty.england-social-value.title"),
        applies,
        cite: cx.word("duty.england-social-value.cite"),
        reason,
        // Whether the amended Act reaches below-threshold contracts is not confirmed.
        verified: applies == Applies::Yes || cx.procurement.kind != Some(ContractType::Services),
        figures: None,
    }
}

/// `scotland-equality-duty`: a listed authority awarding a relevant agreement above the
/// thresholds on the most economically advantageous tender must have due regard to whether
/// award criteria and contract conditions should help it meet the equality duty (Equality Act
/// 2010 (Specific Duties) (Scotland) Regulations 2012 reg 9).
fn scotland_equality_duty(cx: &Context, above: &Above) -> Duty {
    // The regulation's text was not read by our sources.
    with_threshold(cx, "scotland-equality-duty", above, false)
}

/// A duty that applies exactly where the procurement is above the threshold, with its wording
/// under `duty.ID.applies`, `.below` and `.unknown`.
fn with_threshold(cx: &Context, id: &'static str, above: &Above, verified: bool) -> Duty {
    let key = match above.duty.applies {
        Applies::Yes => "applies",
        Applies::No => "below",
        Applies::Unknown => "unknown",
    };
    Duty {
        id,
        title: cx.word(&format!("duty.{id}.title")),
        applies: above.duty.applies,
        cite: cx.word(&format!("duty.{id}.cite")),
        reason: cx.word(&format!("duty.{id}.{key}")),
        verified,
        figures: None,
    }
}

/// `se-direct-award`: a contract worth at most the direct-award limit (for bilaga 2 services,
/// below their threshold) may be awarded directly, with a duty to document above 100 000 kr and
/// a value counted over all purchases of the same kind.
fn se_direct_award(cx: &Context, above: &Above) -> Duty {
    let outcome = if above.class == Some(ContractClass::SocialServices) {
        Outcome {
            applies: !above.duty.applies,
            reason: cx.word("duty.se-direct-award.social-services"),
            verified: above.duty.verified,
            class: above.class,
            figures: None,
        }
    } else {
        let mut outcome = against_threshold(cx, Rule::SeDirectAward);
        // The rule is "at most the limit": reaching it means direct award is not open.
        outcome.applies = !outcome.applies;
        outcome
    };
    let value = cx.procurement.value.map(|v| v.amount);
    let documentation = match value {
        Some(v) if v > 100_000.0 => cx.word("duty.se-direct-award.document"),
        Some(_) => cx.word("duty.se-direct-award.no-document"),
        None => String::new(),
    };
    let figures = outcome.figures.clone();
    let reason = match outcome.applies {
        Applies::Yes => format!(
            "{} {} {documentation} {}",
            outcome.reason,
            cx.word("duty.se-direct-award.applies"),
            cx.word("duty.se-direct-award.same-kind")
        ),
        _ => outcome.reason,
    };
    Duty {
        id: "se-direct-award",
        title: cx.word("duty.se-direct-award.title"),
        applies: outcome.applies,
        cite: cx.word("duty.se-direct-award.cite"),
        reason: reason.split_whitespace().collect::<Vec<_>>().join(" "),
        // The paragraphs within 19 a kap. are not confirmed by our sources.
        verified: false,
        figures,
    }
}

/// `england-sme-barriers`: have regard to the barriers SMEs face, s.12(4) for a covered
/// procurement and s.86 for a regulated below-threshold contract.
fn england_sme_barriers(cx: &Context, above: &Above) -> Duty {
    let (applies, key, reason, verified) = match above.duty.applies {
        Applies::Yes => (Applies::Yes, "covered", String::new(), true),
        Applies::Unknown => (Applies::Unknown, "unknown", String::new(), false),
        Applies::No => {
            let below = against_threshold(cx, Rule::UkBelowThreshold);
            let key = if below.applies == Applies::No {
                "small"
            } else {
                "below"
            };
            (below.applies, key, below.reason, below.verified)
        }
    };
    Duty {
        id: "england-sme-barriers",
        title: cx.word("duty.england-sme-barriers.title"),
        applies,
        cite: cx.word(&format!("duty.england-sme-barriers.cite.{key}")),
        reason: [reason, cx.word(&format!("duty.england-sme-barriers.{key}"))]
            .join(" ")
            .trim()
            .to_string(),
        verified,
        figures: None,
    }
}

/// The key under which a jurisdiction's wording is kept: the Procurement Act 2023's is shared by
/// England, Wales and Northern Ireland.
fn act(j: Jurisdiction) -> &'static str {
    if j.procurement_act() {
        "england"
    } else {
        j.code()
    }
}

/// `england-kpis`: s.52 KPIs for a public contract over £5m. In Wales and Northern Ireland
/// whether the section reaches devolved and transferred authorities is not confirmed; for a
/// framework agreement whether it applies to the framework itself is not confirmed either, so
/// what would apply is unknown.
fn kpis(cx: &Context, above: &Above) -> Duty {
    let mut duty = threshold_duty(cx, "england-kpis", Rule::UkKpis);
    let mut caveat = |key: &str| {
        duty.verified = false;
        duty.reason.push(' ');
        duty.reason.push_str(&cx.word(key));
    };
    if cx.procurement.jurisdiction != Jurisdiction::England {
        caveat("duty.england-kpis.devolved");
    }
    // Whether s.52 reaches a framework, or a light touch contract, is not confirmed.
    let doubtful = [
        (cx.procurement.is_framework(), "duty.england-kpis.framework"),
        (
            above.class == Some(ContractClass::SocialServices),
            "duty.england-kpis.light-touch",
        ),
    ];
    for (doubt, key) in doubtful {
        if doubt {
            caveat(key);
            if duty.applies == Applies::Yes {
                duty.applies = Applies::Unknown;
            }
        }
    }
    duty
}

/// `implied-payment-terms`: the 30-day payment term the Procurement Act 2023 implies into a
/// public contract (s.68) and its public sub-contracts (s.73), which does not reach a contract
/// awarded by a school.
fn implied_payment_terms(cx: &Context, above: &Above) -> Duty {
    let id = "implied-payment-terms";
    let mut duty = with_threshold(cx, id, above, true);
    if cx.procurement.authority.as_ref().is_some_and(|a| a.school) {
        duty.applies = Applies::No;
        duty.reason = cx.word(&format!("duty.{id}.school"));
    }
    duty
}

/// `wales-socially-responsible-procurement`: the Social Partnership and Public Procurement
/// (Wales) Act 2023 duties, in force from 25 March 2026 (the date the data's major
/// construction figure starts).
fn wales_socially_responsible_procurement(cx: &Context, above: &Above) -> Duty {
    let id = "wales-socially-responsible-procurement";
    let word = |key: &str| cx.word(&format!("duty.{id}.{key}"));
    let construction = against_threshold(cx, Rule::WalesMajorConstruction);
    let in_force = cx
        .law
        .thresholds()
        .iter()
        .filter(|t| t.rule == Rule::WalesMajorConstruction)
        .map(|t| t.valid_from)
        .min()
        .is_some_and(|from| from <= cx.date);
    // The s.24 objectives: "prescribed contracts" are above-threshold only in the draft
    // regulations, so whether they reach this contract is unknown either way.
    let objectives = word(match above.duty.applies {
        Applies::Yes => "above",
        Applies::No => "below",
        Applies::Unknown => "unknown",
    });
    let (applies, reason, verified) = if !in_force {
        (Applies::No, word("not-in-force"), true)
    } else if construction.applies == Applies::Yes
        && cx.procurement.kind == Some(ContractType::Works)
    {
        (
            Applies::Yes,
            format!(
                "{} {} {objectives}",
                construction.reason,
                word("major-construction")
            ),
            construction.verified,
        )
    } else {
        (Applies::Unknown, objectives, false)
    };
    // s.26 reaches a services contract that outsources what the authority did itself, which
    // no field of the procurement says.
    let reason = if in_force && matches!(cx.procurement.kind, Some(ContractType::Services) | None) {
        format!("{reason} {}", word("outsourcing"))
    } else {
        reason
    };
    Duty {
        id,
        title: word("title"),
        applies,
        cite: word("cite"),
        reason,
        verified,
        figures: None,
    }
}

/// `ni-social-value`: Northern Ireland's PPN 01/21, social value scored at no less than 10 % of
/// the award criteria at or above the thresholds.
fn ni_social_value(cx: &Context, above: &Above) -> Duty {
    // The planned rise to 20 % is not confirmed in force; the reason says so.
    let mut duty = with_threshold(cx, "ni-social-value", above, true);
    // Executive policy binds departments and their bodies; a council only if it adopted it.
    let central =
        cx.procurement.authority.as_ref().and_then(|a| a.kind) == Some(AuthorityKind::Central);
    if duty.applies == Applies::Yes && !central {
        duty.applies = Applies::Unknown;
    }
    if duty.applies != Applies::No
        && let Some(award) = &cx.procurement.award
    {
        duty.reason.push(' ');
        duty.reason.push_str(&cx.say(
            if award.social >= 10.0 {
                "duty.ni-social-value.weight-ok"
            } else {
                "duty.ni-social-value.weight-low"
            },
            json!({ "social": decimal(award.social, cx.lang) }),
        ));
    }
    duty
}

#[cfg(test)]
#[path = "duties_tests.rs"]
mod tests;

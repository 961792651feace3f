//! Checklist cases: each item's statuses, and `unknown` whenever its input is absent.

use super::*;
use crate::assess::{duties, recommend};
use crate::input::Date;
use crate::law::Law;
use crate::library::{Library, LibraryOptions};

const BASE: &str = "title: Städning\njurisdiction: se\ntype: services\ncpv: [\"90910000\"]\nvalue: { amount: 10000000, currency: SEK }\n";

fn items(yaml: &str, lang: Language) -> Vec<CheckItem> {
    let p = crate::assess::testing::procurement(yaml);
    let cx = Context {
        procurement: &p,
        law: Law::embedded(),
        date: Date::parse("2026-06-01").unwrap(),
        lang,
    };
    let library = Library::load(&LibraryOptions::default()).unwrap();
    let d = duties::evaluate(&cx);
    let r = recommend::recommend(&cx, &library, &d);
    let s = crate::assess::select::select(&cx, &library, &r, &Default::default()).unwrap();
    checklist(&cx, &d, &r, &s.selected)
}

fn status(yaml: &str, id: &str) -> CheckStatus {
    let all = items(yaml, Language::En);
    all.iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
        .status
}

#[test]
fn absent_inputs_are_unknown() {
    for id in [
        "market-engagement",
        "lots",
        "reservation",
        "tender-period",
        "turnover",
        "years-trading",
        "insurance",
        "price-only",
        "social-weighting",
        "subcontracting",
        "payment-days",
    ] {
        assert_eq!(status(BASE, id), CheckStatus::Unknown, "{id}");
    }
}

#[test]
fn each_item_decides_from_its_input() {
    use CheckStatus::{Fail, Pass, Warn};
    let cases: &[(&str, &str, CheckStatus)] = &[
        (
            "social: { market_engagement: true }\n",
            "market-engagement",
            Pass,
        ),
        (
            "social: { market_engagement: false }\n",
            "market-engagement",
            Fail,
        ),
        ("lots: []\n", "lots", Warn),
        ("lots: [{ title: A }, { title: B }]\n", "lots", Pass),
        ("social: { reserved: true }\n", "reservation", Pass),
        ("social: { reserved: false }\n", "reservation", Warn),
        ("tender_period_days: 30\n", "tender-period", Pass),
        ("tender_period_days: 25\n", "tender-period", Warn),
        ("tender_period_days: 15\n", "tender-period", Fail),
        (
            "qualification: { min_turnover: { amount: 20000000, currency: SEK } }\n",
            "turnover",
            Pass,
        ),
        (
            "qualification: { min_turnover: { amount: 20000001, currency: SEK } }\n",
            "turnover",
            Fail,
        ),
        (
            "qualification: { min_years_trading: 0 }\n",
            "years-trading",
            Pass,
        ),
        (
            "qualification: { min_years_trading: 2 }\n",
            "years-trading",
            Warn,
        ),
        (
            "qualification: { min_years_trading: 3 }\n",
            "years-trading",
            Fail,
        ),
        ("qualification: { insurance: [] }\n", "insurance", Pass),
        (
            "qualification: { insurance: [{ kind: public-liability, cover: { amount: 10000000, currency: SEK } }] }\n",
            "insurance",
            Warn,
        ),
        ("award: { price: 100 }\n", "price-only", Fail),
        ("award: { price: 70, quality: 30 }\n", "price-only", Pass),
        (
            "award: { price: 70, quality: 30 }\n",
            "social-weighting",
            Warn,
        ),
        // A weight with no criterion in the annex to score under it (see below).
        (
            "award: { price: 60, quality: 30, social: 10 }\n",
            "social-weighting",
            Warn,
        ),
        (
            "social: { subcontracting_allowed: false }\n",
            "subcontracting",
            Warn,
        ),
        (
            "social: { subcontracting_allowed: true }\n",
            "subcontracting",
            Pass,
        ),
        ("social: { payment_days: 30 }\n", "payment-days", Pass),
        ("social: { payment_days: 45 }\n", "payment-days", Fail),
    ];
    for (extra, id, expected) in cases {
        assert_eq!(
            status(&format!("{BASE}{extra}"), id),
            *expected,
            "{id} with {extra}"
        );
    }
}

#[test]
fn turnover_is_measured_against_the_smallest_lot() {
    let lots = "lots:\n  - { title: A, value: { amount: 8000000, currency: SEK } }\n  - { title: B, value: { amount: 2000000, currency: SEK } }\n";
    let demand = |n: u64| {
        format!("{BASE}{lots}qualification: {{ min_turnover: {{ amount: {n}, currency: SEK }} }}\n")
    };
    assert_eq!(status(&demand(4_000_000), "turnover"), CheckStatus::Pass);
    assert_eq!(status(&demand(4_000_001), "turnover"), CheckStatus::Fail);
    let item = items(&demand(5_000_000), Language::En)
        .into_iter()
        .find(|i| i.id == "turnover")
        .unwrap();
    assert_eq!(
        item.reason.replace('\u{a0}', " "),
        "The turnover demand of 5,000,000 SEK exceeds 2 × 2,000,000 SEK = 4,000,000 SEK."
    );
}

#[test]
fn england_warns_where_the_directive_would_fail() {
    let english = "title: Cleaning\njurisdiction: england\ntype: services\ncpv: [\"90910000\"]\nvalue: { amount: 1000000, currency: GBP }\nqualification: { min_turnover: { amount: 3000000, currency: GBP } }\n";
    assert_eq!(status(english, "turnover"), CheckStatus::Warn);
    let central = format!(
        "{english}authority: {{ name: Dept, kind: central }}\naward: {{ price: 60, quality: 35, social: 5 }}\n"
    );
    assert_eq!(status(&central, "social-weighting"), CheckStatus::Fail);
}

#[test]
fn northern_ireland_fails_a_social_weight_under_ten_per_cent_above_the_threshold() {
    let ni = |value: u32, social: u32| {
        format!(
            "title: Cleaning\njurisdiction: northern-ireland\ntype: services\ncpv: [\"90910000\"]\n\
             authority: {{ name: Department, kind: central }}\n\
             value: {{ amount: {value}, currency: GBP }}\n\
             award: {{ price: {}, quality: 40, social: {social} }}\n",
            60 - social
        )
    };
    assert_eq!(
        status(&ni(2_000_000, 5), "social-weighting"),
        CheckStatus::Fail
    );
    assert_ne!(
        status(&ni(2_000_000, 10), "social-weighting"),
        CheckStatus::Fail
    );
    // Below the threshold the policy's minimum does not apply.
    assert_ne!(
        status(&ni(100_000, 5), "social-weighting"),
        CheckStatus::Fail
    );
    // A district council is bound only if it adopted the policy: no fail.
    let council = ni(2_000_000, 5).replace(
        "name: Department, kind: central",
        "name: Council, kind: sub-central",
    );
    assert_ne!(status(&council, "social-weighting"), CheckStatus::Fail);
    // Wales has no such minimum.
    let wales = ni(2_000_000, 5).replace("northern-ireland", "wales");
    assert_ne!(status(&wales, "social-weighting"), CheckStatus::Fail);
}

#[test]
fn every_item_reads_in_both_languages() {
    let full = format!(
        "{BASE}lots: []\nsocial: {{ market_engagement: false, reserved: false, subcontracting_allowed: false, payment_days: 60 }}\n\
         tender_period_days: 10\naward: {{ price: 100 }}\nqualification: {{ min_turnover: {{ amount: 90000000, currency: SEK }}, min_years_trading: 5, insurance: [] }}\n"
    );
    let en = items(&full, Language::En);
    let sv = items(&full, Language::Sv);
    assert_eq!(en.len(), sv.len());
    assert!(en.len() >= 15);
    for (e, s) in en.iter().zip(&sv) {
        assert_eq!(e.status, s.status, "{}", e.id);
        assert!(!e.reason.is_empty() && !e.guidance.is_empty(), "{}", e.id);
        assert_ne!(
            e.reason, s.reason,
            "{}: the Swedish reason is the English one",
            e.id
        );
    }
}

/// A social weight with no award criterion in the annex to score under it is a point to
/// review, and says so.
#[test]
fn a_social_weight_without_a_criterion_is_flagged() {
    let with = format!(
        "{BASE}duration_months: 36\naward: {{ price: 60, quality: 30, social: 10 }}\npriorities: [long-term-unemployed]\n"
    );
    let item = |yaml: &str| {
        items(yaml, Language::En)
            .into_iter()
            .find(|i| i.id == "social-weighting")
            .unwrap()
    };
    assert_eq!(
        item(&with).status,
        CheckStatus::Pass,
        "{}",
        item(&with).reason
    );
    let without = format!("{with}clauses: {{ exclude: [se-award-employment-offer] }}\n");
    let flagged = item(&without);
    assert_eq!(flagged.status, CheckStatus::Warn);
    assert!(
        flagged.reason.contains("no award criterion"),
        "{}",
        flagged.reason
    );
}

#[test]
fn a_reservation_not_yet_commenced_is_not_offered_as_one() {
    // PCSR reg 76A is made (Care Reform (Scotland) Act 2025 s.16) but no commencement is known.
    let date = Date::parse("2026-06-01").unwrap();
    assert!(!Law::embedded().in_force("scot-reg-76a", date));
    let yaml = "title: Care at home\njurisdiction: scotland\ntype: services\ncpv: [\"85312000\"]\nvalue: { amount: 6000000, currency: GBP, vat: exempt }\n";
    let all = items(yaml, Language::En);
    let guidance = &all.iter().find(|i| i.id == "reservation").unwrap().guidance;
    assert!(
        guidance.contains("PCSR reg 76A (inserted by the Care Reform (Scotland) Act 2025 s.16) is, as far as is known, not in force on 2026-06-01"),
        "{guidance}"
    );
    assert!(guidance.contains("reg 21"), "{guidance}");
}

#[test]
fn below_the_threshold_a_scottish_checklist_cites_no_regulation_of_pcsr() {
    let care = |amount: &str| {
        let yaml = format!(
            "title: Care at home\njurisdiction: scotland\ntype: services\ncpv: [\"85312000\"]\nvalue: {{ amount: {amount}, currency: GBP, vat: exempt }}\naward: {{ price: 100 }}\nsocial: {{ subcontracting_allowed: true }}\n"
        );
        items(&yaml, Language::En)
            .iter()
            .map(|i| format!("{} {} {}", i.title, i.reason, i.guidance))
            .collect::<Vec<_>>()
            .join("\n")
    };
    // £600,000 is below the £663,540 light-touch threshold.
    let below = care("600000");
    assert!(
        !below.contains("reg 67") && !below.contains("reg 71"),
        "{below}"
    );
    let above = care("6000000");
    assert!(above.contains("reg 67(2)"), "{above}");
}

#[test]
fn an_iop_planned_for_works_is_a_barrier_not_a_pass() {
    let yaml = |title: &str| {
        format!(
            "title: {title}\njurisdiction: se\ntype: works\ncpv: [\"45214200\"]\nvalue: {{ amount: 3500000, currency: SEK }}\n"
        )
    };
    assert_eq!(
        status(
            &yaml("IOP om ombyggnad av fritidsgård"),
            "partnership-route"
        ),
        CheckStatus::Fail
    );
    assert_eq!(
        status(&yaml("Ombyggnad av fritidsgård"), "partnership-route"),
        CheckStatus::Pass
    );
}

#[test]
fn a_direct_award_checklist_presumes_no_notice() {
    let yaml = format!("{BASE}procedure: direct-award\n").replace("10000000", "600000");
    let all = items(&yaml, Language::Sv);
    let text: String = all
        .iter()
        .map(|i| format!("{} {}\n", i.reason, i.guidance))
        .collect();
    assert!(!text.contains("före annonseringen"), "{text}");
    assert!(!text.contains("Annonsen ska ange"), "{text}");
    assert!(text.contains("innan ni begär offerter"), "{text}");
    let period = all.iter().find(|i| i.id == "tender-period").unwrap();
    assert_eq!(period.status, CheckStatus::Pass);
    assert!(period.reason.contains("ingen lagstadgad anbudstid"));
}

/// A Welsh services contract may outsource what the authority did itself, which brings s.26
/// of the Social Partnership Act: something to decide, never a pass; works stay a pass.
#[test]
fn a_welsh_services_contract_raises_the_outsourcing_duty() {
    let services = "title: Leisure centres\njurisdiction: wales\ntype: services\ncpv: [\"92610000\"]\nvalue: { amount: 3000000, currency: GBP }\n";
    assert_eq!(status(services, "labour-conditions"), CheckStatus::Warn);
    let item = items(services, Language::En)
        .into_iter()
        .find(|i| i.id == "labour-conditions")
        .unwrap();
    assert!(item.guidance.contains("s.26"), "{}", item.guidance);
    let works = services
        .replace("type: services", "type: works")
        .replace("92610000", "45210000");
    assert_eq!(status(&works, "labour-conditions"), CheckStatus::Pass);
    let supplies = services
        .replace("type: services", "type: supplies")
        .replace("92610000", "39100000");
    assert_eq!(status(&supplies, "labour-conditions"), CheckStatus::Pass);
}

//! Target cases on the embedded library: the labour share, frameworks, and the caps on a large
//! build.

use crate::assess::{Assessment, DateSource, Flags, assess};
use crate::input::{Date, Language};
use crate::law::Law;
use crate::library::{Library, LibraryOptions};

fn assessed(yaml: &str) -> Assessment {
    let p = crate::assess::testing::procurement(yaml);
    let library = Library::load(&LibraryOptions::default()).unwrap();
    let date = (Date::parse("2026-06-01").unwrap(), DateSource::Option);
    let flags = Flags::default();
    assess(&p, &library, Law::embedded(), date, Language::En, &flags).unwrap()
}

/// A Scottish grounds contract at £6m, with `EXTRA` lines added.
fn grounds(extra: &str) -> String {
    format!(
        "title: Grounds maintenance\njurisdiction: scotland\ntype: services\ncpv: [\"77313000\"]\n\
         value: {{ amount: 6000000, currency: GBP }}\nduration_months: 48\n\
         priorities: [long-term-unemployed]\n{extra}"
    )
}

fn target(a: &Assessment, clause: &str, param: &str) -> crate::assess::ParamValue {
    a.recommendations
        .iter()
        .find(|r| r.clause == clause)
        .and_then(|r| r.params.get(param))
        .unwrap_or_else(|| panic!("{clause} has no target {param}"))
        .clone()
}

#[test]
fn a_labour_share_scales_employment_targets_down_and_not_others() {
    let jobs = |extra: &str| {
        let a = assessed(&grounds(extra));
        (
            target(&a, "scot-targeted-recruitment-training", "opportunities"),
            target(&a, "scot-school-college-engagement", "activities").value,
        )
    };
    // 1 per £1m on the value alone: 6.
    let (plain, activities) = jobs("");
    assert_eq!(plain.value, 6.0);
    assert!(
        plain.explain.contains("gives no labour share"),
        "{}",
        plain.explain
    );
    // Mostly labour: not raised above the ratio on the value, which is the published one.
    let (labour, same) = jobs("labour_share: 70\n");
    assert_eq!(labour.value, 6.0, "{}", labour.explain);
    let ceiling = "the labour share of 70 % is at least the 40 %";
    assert!(labour.explain.contains(ceiling), "{}", labour.explain);
    // Little labour: £6m × 20 / 40 = £3m, 3 opportunities.
    let (little, _) = jobs("labour_share: 20\n");
    assert_eq!(little.value, 3.0, "{}", little.explain);
    assert!(
        little.explain.contains("20 % labour share"),
        "{}",
        little.explain
    );
    assert!(little.explain.contains("3,000,000"), "{}", little.explain);
    // A target that does not scale on labour stays as it was.
    assert_eq!(activities, same);
}

#[test]
fn a_framework_sets_each_target_as_a_rate_per_call_off() {
    let a = assessed(&grounds("framework: true\nlabour_share: 30\n"));
    let t = target(&a, "scot-targeted-recruitment-training", "opportunities");
    let rate = t.call_off.as_ref().expect("a rate per call-off");
    // £1m of value at 40 % labour is £1,333,333 at 30 %, written as the round figure above it
    // so that the rate never asks for more than the ratio gives.
    assert_eq!((rate.each, rate.per.amount), (1.0, 1_400_000.0));
    assert_eq!(rate.max, Some(50.0));
    // Not a promise any supplier makes: left out of briefings' totals.
    assert_eq!(t.benefit, None);
    assert_eq!(
        t.stated(Language::En),
        "1 targeted opportunity for every full 1,400,000\u{a0}GBP of each call-off contract's value, at most 50 targeted opportunities per call-off contract"
    );
    // The annex's text states the rate, not a total for the framework.
    let s = a
        .selection
        .iter()
        .find(|s| s.clause == "scot-targeted-recruitment-training")
        .unwrap();
    let library = Library::load(&LibraryOptions::default()).unwrap();
    let text = crate::compose::annex::clause_text(&a, s, &library.get(&s.clause).unwrap().clause);
    assert!(
        text.contains("at least 1 targeted recruitment and training opportunity for every full 1,400,000\u{a0}GBP of each call-off contract's value (at most 50 targeted opportunities in any one call-off contract)"),
        "{text}"
    );
    // Without `framework`, the same procurement has a total: £6m × 30 / 40 = £4.5m, 4.
    let b = assessed(&grounds("labour_share: 30\n"));
    let total = target(&b, "scot-targeted-recruitment-training", "opportunities");
    assert_eq!((total.value, total.call_off), (4.0, None));
}

#[test]
fn a_swedish_framework_states_its_rate_in_kronor() {
    // The community-engagement clause's ratio is in euros; the rate a Swedish bidder reads is
    // in kronor.
    let yaml = "title: Parkskötsel\njurisdiction: se\ntype: services\ncpv: [\"77313000\"]\n\
                value: { amount: 12000000, currency: SEK }\nduration_months: 24\nframework: true\n\
                description: parkskötsel och skolgårdar\n";
    let a = assessed(yaml);
    for r in &a.recommendations {
        for t in r.params.values() {
            if let Some(rate) = &t.call_off {
                assert_eq!(
                    rate.per.currency,
                    crate::input::Currency::SEK,
                    "{}",
                    r.clause
                );
            }
        }
    }
    let activities = target(&a, "eu-community-engagement", "activities");
    assert!(activities.call_off.is_some());
}

#[test]
fn a_large_build_gets_capped_targets_and_one_employment_instrument() {
    // The 120 MSEK school build the Swedish review used, with labour at 30 % of the value.
    let yaml = "title: Nybyggnad av skola\njurisdiction: se\ntype: works\ncpv: [\"45214200\"]\n\
                value: { amount: 120000000, currency: SEK }\nlabour_share: 30\nduration_months: 30\n\
                description: Nybyggnad av skola med idrottshall\n\
                priorities: [long-term-unemployed]\naward: { price: 80, quality: 10, social: 10 }\n";
    let a = assessed(yaml);
    let library = Library::load(&LibraryOptions::default()).unwrap();
    for s in &a.selection {
        let clause = &library.get(&s.clause).unwrap().clause;
        for (name, t) in &s.params {
            let param = &clause.params[name];
            if let Some(max) = param.max {
                assert!(t.value <= max, "{} {name} = {}", s.clause, t.value);
            }
        }
    }
    // 120 MSEK × 30 / 40 = 90 MSEK ÷ 5 MSEK × 6 = 108 months, capped at 60.
    let months = target(&a, "se-employment-requirement", "months");
    assert_eq!(months.value, 60.0, "{}", months.explain);
    assert!(months.explain.contains("90,000,000"), "{}", months.explain);
    // One instrument of the employment group, not a requirement, a trainee post, placements
    // and training places on top of one another.
    let employment: Vec<&str> = a
        .selection
        .iter()
        .filter(|s| library.get(&s.clause).unwrap().clause.group.as_deref() == Some("employment"))
        .map(|s| s.clause.as_str())
        .collect();
    assert_eq!(employment, ["se-employment-requirement"]);
}

#[test]
fn the_fair_work_question_does_not_score_a_living_wage_the_contract_requires() {
    let library = Library::load(&LibraryOptions::default()).unwrap();
    let question = |choice: &str| {
        let yaml = format!(
            "{}award: {{ price: 60, quality: 40 }}\nclauses: {{ {choice} }}\n",
            grounds("")
        );
        let a = assessed(&yaml);
        let s = a
            .selection
            .iter()
            .find(|s| s.clause == "scot-fair-work-first")
            .expect("the Fair Work First question")
            .clone();
        let carried = a
            .selection
            .iter()
            .any(|s| s.clause == "scot-real-living-wage");
        let text =
            crate::compose::annex::clause_text(&a, &s, &library.get(&s.clause).unwrap().clause);
        (carried, text)
    };
    let (carried, text) = question("include: [scot-fair-work-first, scot-real-living-wage]");
    assert!(carried);
    assert!(
        text.contains("which this contract already requires"),
        "{text}"
    );
    let (carried, text) =
        question("include: [scot-fair-work-first], exclude: [scot-real-living-wage]");
    assert!(!carried);
    assert!(!text.contains("already requires"), "{text}");
    assert!(
        text.contains("(5) payment of at least the real Living Wage;"),
        "{text}"
    );
}

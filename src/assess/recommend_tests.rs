//! Recommendation cases: hard conditions, signals, scaled targets and lots.

use super::*;
use crate::assess::duties;
use crate::input::Date;
use crate::law::Law;
use crate::library::LibraryOptions;

const CLAUSE: &str = r#"
id: ID
title: { sv: Titel, en: Title }
category: targeted-recruitment
instrument: contract-condition
level: basic
jurisdictions: [JURISDICTIONS]
legal_basis: [{ jurisdiction: se, cite: "LOU (2016:1145) 17 kap. 1 §" }]
APPLIES
signals:
  cpv: ["77"]
  keywords: { sv: [park], en: [park, grounds] }
  priorities: [young-people]
  duties: [scotland-community-benefits]
params:
  months: { per: { amount: 5000000, currency: SEK }, each: 6, round: up, min: 6, unit: { sv: månader, en: months } }
text: { sv: "Minst {{months}} månader.", en: "At least {{months}} months." }
rationale: { sv: R, en: R }
verification: { sv: V, en: V }
kpis: [{ id: k, sv: K, en: K, unit: months }]
detect: { present: [x] }
examples: { present: [x], absent: [y] }
sources: [S]
"#;

fn library(clauses: &[(&str, &str, &str)]) -> (Library, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for (id, jurisdictions, applies) in clauses {
        let text = CLAUSE
            .replace("ID", id)
            .replace("JURISDICTIONS", jurisdictions)
            .replace("APPLIES", applies);
        std::fs::write(dir.path().join(format!("{id}.yaml")), text).unwrap();
    }
    let library = Library::load(&LibraryOptions {
        dirs: vec![dir.path().to_path_buf()],
        defaults: false,
    })
    .unwrap();
    (library, dir)
}

fn recommendations(yaml: &str, library: &Library, lang: Language) -> Vec<Recommendation> {
    let p = crate::assess::testing::procurement(yaml);
    let cx = Context {
        procurement: &p,
        law: Law::embedded(),
        date: Date::parse("2026-06-01").unwrap(),
        lang,
    };
    let d = duties::evaluate(&cx);
    recommend(&cx, library, &d)
}

const PARKS: &str = "title: Parkskötsel\njurisdiction: se\ntype: services\ncpv: [\"77313000\"]\nvalue: { amount: 12000000, currency: SEK }\nduration_months: 48\npriorities: [young-people]\n";

#[test]
fn targets_show_their_arithmetic() {
    let (lib, _dir) = library(&[("se-a", "se", "")]);
    let r = &recommendations(PARKS, &lib, Language::En)[0];
    let months = &r.params["months"];
    assert_eq!(months.value, 15.0);
    assert_eq!(
        months.explain.replace('\u{a0}', " "),
        "12,000,000 SEK ÷ 5,000,000 SEK × 6 = 14.4, rounded up = 15: 15 months"
    );
    let small = PARKS.replace("12000000", "2000000");
    let r = &recommendations(&small, &lib, Language::Sv)[0];
    assert_eq!(r.params["months"].value, 6.0);
    assert!(
        r.params["months"].explain.contains("höjt till minimum 6"),
        "{}",
        r.params["months"].explain
    );
}

#[test]
fn signals_raise_the_score_with_stated_reasons() {
    let (lib, _dir) = library(&[("se-a", "se", "")]);
    let r = &recommendations(PARKS, &lib, Language::En)[0];
    assert_eq!(r.status, Status::Recommended);
    // CPV 3 + keyword "park" inside "Parkskötsel" 2 + priority 2.
    assert_eq!(r.score, 7, "{:?}", r.reasons);
    assert!(
        r.reasons.iter().any(|x| x.contains("“park” appears")),
        "{:?}",
        r.reasons
    );
    let plain = "title: Kontorsmaterial\njurisdiction: se\ntype: supplies\nvalue: { amount: 1000000, currency: SEK }\n";
    let r = &recommendations(plain, &lib, Language::En)[0];
    assert_eq!((r.status, r.score), (Status::Optional, 0));
}

#[test]
fn hard_conditions_decide_whether_a_clause_can_be_used() {
    let (lib, _dir) = library(&[
        ("se-works", "se", "applies: { types: [works] }"),
        ("se-long", "se", "applies: { min_duration_months: 60 }"),
        (
            "se-big",
            "se",
            "applies: { min_value: { amount: 20000000, currency: SEK } }",
        ),
        (
            "se-euro",
            "se",
            "applies: { min_value: { amount: 1000000, currency: EUR } }",
        ),
        ("scot-only", "scotland", ""),
        ("eu-base", "eu", ""),
        ("se-social", "se", "applies: { social_services: true }"),
    ]);
    let all = recommendations(PARKS, &lib, Language::En);
    let status = |id: &str| all.iter().find(|r| r.clause == id).unwrap().status;
    assert_eq!(status("se-works"), Status::NotApplicable);
    assert_eq!(status("se-long"), Status::NotApplicable);
    assert_eq!(status("se-big"), Status::NotApplicable);
    assert_eq!(status("scot-only"), Status::NotApplicable);
    assert_eq!(status("eu-base"), Status::Recommended);
    assert_eq!(status("se-social"), Status::NotApplicable);
    // 12 000 000 SEK at the rate behind the 2024–25 figures is about 1.11 million euro.
    assert_eq!(status("se-euro"), Status::Recommended);
    let euro = all.iter().find(|r| r.clause == "se-euro").unwrap();
    assert!(
        euro.reasons.iter().any(|x| x.contains("indicative")),
        "{:?}",
        euro.reasons
    );

    let care = PARKS.replace("77313000", "85311000");
    let all = recommendations(&care, &lib, Language::En);
    assert_eq!(
        all.iter().find(|r| r.clause == "se-social").unwrap().status,
        Status::Recommended
    );

    let undated = PARKS.replace("duration_months: 48\n", "");
    let all = recommendations(&undated, &lib, Language::En);
    let long = all.iter().find(|r| r.clause == "se-long").unwrap();
    assert_eq!(long.status, Status::Optional);
    assert!(
        long.reasons
            .iter()
            .any(|x| x.contains("the duration is not given"))
    );
}

#[test]
fn the_eu_base_is_not_offered_in_scotland() {
    let (lib, _dir) = library(&[("eu-base", "eu", "")]);
    let scottish = PARKS
        .replace("jurisdiction: se", "jurisdiction: scotland")
        .replace("SEK", "GBP");
    let r = &recommendations(&scottish, &lib, Language::En)[0];
    assert_eq!(r.status, Status::NotApplicable);
}

#[test]
fn a_duty_that_applies_is_a_signal() {
    let (lib, _dir) = library(&[("scot-a", "scotland", "")]);
    let big = "title: School\njurisdiction: scotland\ntype: works\nvalue: { amount: 4000000, currency: GBP }\n";
    let r = &recommendations(big, &lib, Language::En)[0];
    assert!(
        r.reasons.iter().any(|x| x.contains("s.25")),
        "{:?}",
        r.reasons
    );
    assert_eq!(r.score, 3);
}

#[test]
fn lots_are_assessed_on_their_own_values() {
    let (lib, _dir) = library(&[(
        "se-a",
        "se",
        "applies: { min_value: { amount: 5000000, currency: SEK } }",
    )]);
    let lots = format!(
        "{PARKS}lots:\n  - {{ title: Norr, value: {{ amount: 9000000, currency: SEK }} }}\n  - {{ title: Söder, value: {{ amount: 3000000, currency: SEK }} }}\n"
    );
    let r = &recommendations(&lots, &lib, Language::Sv)[0];
    assert_eq!(r.status, Status::Recommended);
    assert_eq!(r.lots.len(), 2);
    assert_eq!(
        (r.lots[0].lot.as_str(), r.lots[0].status),
        ("Norr", Status::Recommended)
    );
    assert_eq!(r.lots[0].params["months"].value, 11.0);
    assert_eq!(
        (r.lots[1].lot.as_str(), r.lots[1].status),
        ("Söder", Status::NotApplicable)
    );
}

#[test]
fn default_library_signals_name_real_duties() {
    let lib = Library::load(&LibraryOptions::default()).unwrap();
    for c in lib.clauses() {
        for d in &c.signals.duties {
            assert!(
                duties::DUTY_IDS.contains(&d.as_str()),
                "{}: unknown duty {d}",
                c.id
            );
        }
        // A legal basis holds on a duty or on the light regime, never on an unknown id
        // (which would leave it cited everywhere).
        for b in &c.legal_basis {
            for d in b.when.iter().chain(&b.unless) {
                assert!(
                    duties::DUTY_IDS.contains(&d.as_str()) || d == crate::assess::LIGHT_REGIME,
                    "{}: unknown condition {d}",
                    c.id
                );
            }
        }
    }
}

#[test]
fn one_clause_of_a_group_is_recommended_and_the_national_one_first() {
    let (lib, _dir) = library(&[
        ("eu-base", "eu", "group: g"),
        ("se-national", "se", "group: g"),
        ("se-other", "se", "group: h"),
        (
            "se-other-strong",
            "se",
            "group: h\napplies: { types: [services] }",
        ),
    ]);
    let all = recommendations(PARKS, &lib, Language::En);
    let find = |id: &str| all.iter().find(|r| r.clause == id).unwrap();
    assert_eq!(find("se-national").status, Status::Recommended);
    assert_eq!(find("eu-base").status, Status::Optional);
    assert!(
        find("eu-base")
            .reasons
            .last()
            .unwrap()
            .contains("(se-national)"),
        "{:?}",
        find("eu-base").reasons
    );
    // Same jurisdiction and score: the lower id wins, so the choice is stable.
    assert_eq!(find("se-other").status, Status::Recommended);
    assert_eq!(find("se-other-strong").status, Status::Optional);
}

/// A reservation is suggested for a trade supported businesses and WISEs work in, not for
/// every regulated procurement: the duty alone (which every one has) leaves it optional, with
/// the reason (real notices: EVAR consumables, inter-island air services, both suggested
/// before because of the duty and the word "document" in "procurement documents").
#[test]
fn a_reservation_needs_a_trade_not_only_a_duty() {
    let library = Library::load(&LibraryOptions::default()).unwrap();
    let status = |cpv: &str, description: &str| {
        let yaml = format!(
            "title: Contract\njurisdiction: scotland\ntype: services\ncpv: [\"{cpv}\"]\n\
             value: {{ amount: 900000, currency: GBP }}\ndescription: {description}\n"
        );
        let recs = recommendations(&yaml, &library, Language::En);
        let r = recs
            .into_iter()
            .find(|r| r.clause == "scot-reserved-supported-businesses")
            .expect("the reservation is assessed");
        (r.status, r.reasons.join(" "))
    };
    let (stents, why) = status(
        "33184200",
        "Stent consumables; see the procurement documents.",
    );
    assert_eq!(stents, Status::Optional, "{why}");
    assert!(why.contains("not suggested"), "{why}");
    let (air, _) = status("60410000", "Scheduled air services to the islands.");
    assert_eq!(air, Status::Optional);
    let (cleaning, why) = status("90910000", "Cleaning of council offices.");
    assert_eq!(cleaning, Status::Recommended, "{why}");
    let (laundry, why) = status("98310000", "Laundry services.");
    assert_eq!(laundry, Status::Recommended, "{why}");
}

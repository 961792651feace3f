//! The selection rules, over every combination of the buyer's stated plans: reservation (whole,
//! a lot, none), award weights, sub-contracting, lots, every procedure, every jurisdiction and
//! both languages. Each rule is asserted on the selection and on the annex's text.

use super::*;
use crate::assess::{Assessment, DateSource, assess};
use crate::compose::annex::annex;
use crate::input::{Date, Jurisdiction, Language};
use crate::law::Law;
use crate::library::clause::AwardWeight;
use crate::library::{Library, LibraryOptions};
use crate::render::markdown;

const PROCEDURES: [Option<&str>; 11] = [
    None,
    Some("open"),
    Some("restricted"),
    Some("negotiated"),
    Some("competitive-dialogue"),
    Some("innovation-partnership"),
    Some("competitive-flexible"),
    Some("simplified"),
    Some("selective"),
    Some("direct-award"),
    Some("mini-competition"),
];

#[derive(Debug, Clone, Copy)]
enum Lots {
    None,
    Two,
    SecondReserved,
}

#[derive(Debug, Clone, Copy)]
enum AwardPlan {
    Absent,
    PriceOnly,
    Quality,
    Social,
}

#[derive(Debug, Clone, Copy)]
struct Case {
    jurisdiction: Jurisdiction,
    lang: Language,
    reserved: Option<bool>,
    lots: Lots,
    award: AwardPlan,
    subcontracting: Option<bool>,
    procedure: Option<&'static str>,
}

impl Case {
    /// A cleaning contract (CPV 90919200): every regime has a clause or reservation for it.
    fn yaml(&self) -> String {
        let (currency, amount) = match self.jurisdiction {
            Jurisdiction::Se => ("SEK", 12_000_000),
            Jurisdiction::Eu => ("EUR", 1_200_000),
            _ => ("GBP", 1_200_000),
        };
        let mut y = format!(
            "title: Cleaning of schools\njurisdiction: {}\nlanguage: {}\ntype: services\n\
             cpv: [\"90919200\"]\nvalue: {{ amount: {amount}, currency: {currency} }}\n\
             duration_months: 36\ndescription: Cleaning of schools and offices.\n\
             priorities: [long-term-unemployed, disabled-people]\n",
            self.jurisdiction.code(),
            self.lang.code(),
        );
        if let Some(p) = self.procedure {
            y.push_str(&format!("procedure: {p}\n"));
        }
        match self.lots {
            Lots::None => {}
            Lots::Two | Lots::SecondReserved => {
                let half = amount / 2;
                let reserved = matches!(self.lots, Lots::SecondReserved);
                y.push_str(&format!(
                    "lots:\n  - {{ title: North, value: {{ amount: {half}, currency: {currency} }} }}\n  \
                     - {{ title: South, value: {{ amount: {half}, currency: {currency} }}, reserved: {reserved} }}\n"
                ));
            }
        }
        match self.award {
            AwardPlan::Absent => {}
            AwardPlan::PriceOnly => y.push_str("award: { price: 100 }\n"),
            AwardPlan::Quality => y.push_str("award: { price: 60, quality: 40 }\n"),
            AwardPlan::Social => y.push_str("award: { price: 60, quality: 27, social: 13 }\n"),
        }
        let mut social = Vec::new();
        if let Some(r) = self.reserved {
            social.push(format!("reserved: {r}"));
        }
        if let Some(s) = self.subcontracting {
            social.push(format!("subcontracting_allowed: {s}"));
        }
        if !social.is_empty() {
            y.push_str(&format!("social: {{ {} }}\n", social.join(", ")));
        }
        y
    }

    fn reservation_asked(&self) -> bool {
        self.reserved == Some(true) || matches!(self.lots, Lots::SecondReserved)
    }
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for jurisdiction in Jurisdiction::ALL {
        for lang in [Language::Sv, Language::En] {
            for reserved in [None, Some(false), Some(true)] {
                for lots in [Lots::None, Lots::Two, Lots::SecondReserved] {
                    for award in [
                        AwardPlan::Absent,
                        AwardPlan::PriceOnly,
                        AwardPlan::Quality,
                        AwardPlan::Social,
                    ] {
                        for subcontracting in [None, Some(false), Some(true)] {
                            for procedure in PROCEDURES {
                                out.push(Case {
                                    jurisdiction,
                                    lang,
                                    reserved,
                                    lots,
                                    award,
                                    subcontracting,
                                    procedure,
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn run(case: &Case, library: &Library) -> Result<Assessment, Vec<Objection>> {
    let source = crate::input::Source::from_text("t.yaml", case.yaml());
    let p = match crate::input::load_source(&source) {
        Ok(mut loaded) => loaded.remove(0).procurement,
        Err(e) => {
            // The one plan the input itself refuses: the whole contract and a lot reserved.
            assert!(
                case.reserved == Some(true) && matches!(case.lots, Lots::SecondReserved),
                "{case:?}: {e}"
            );
            assert!(e.to_string().contains("is reserved as well"), "{e}");
            return Err(Vec::new());
        }
    };
    let date = (Date::parse("2026-06-01").unwrap(), DateSource::Option);
    assess(
        &p,
        library,
        Law::embedded(),
        date,
        case.lang,
        &Flags::default(),
    )
}

#[test]
fn every_rule_holds_over_every_combination_of_plans() {
    let library = Library::load(&LibraryOptions::default()).unwrap();
    let (mut ok, mut refused) = (0, 0);
    for case in cases() {
        let result = run(&case, &library);
        let a = match result {
            Ok(a) => a,
            Err(objections) => {
                // Only a reservation the buyer asked for, or a Swedish direct award above
                // the limit, can be refused here, and the objection says why.
                // (The cleaning contract is above the Swedish threshold, where neither a
                // direct award nor the former below-threshold procedures are open.)
                let swedish = case.jurisdiction == Jurisdiction::Se
                    && matches!(
                        case.procedure,
                        Some("direct-award" | "simplified" | "selective")
                    );
                assert!(
                    case.reservation_asked() || swedish,
                    "{case:?}: {objections:?}"
                );
                assert!(
                    objections.iter().all(|o| o.message.en.contains("reserv")
                        || o.message.en.contains("direct award")
                        || o.message.en.contains("not procedures above the thresholds")),
                    "{case:?}: {objections:?}"
                );
                refused += 1;
                continue;
            }
        };
        ok += 1;
        let clause = |id: &str| &library.get(id).unwrap().clause;
        let text = markdown::render(&annex(&a, &library));

        // Reservation: exactly when asked, one basis, naming the reserved lot.
        let reservations: Vec<&Selected> = a
            .selection
            .iter()
            .filter(|s| s.instrument == Instrument::Reservation)
            .collect();
        assert_eq!(
            reservations.len(),
            usize::from(case.reservation_asked()),
            "{case:?}"
        );
        if let Some(r) = reservations.first() {
            assert_eq!(r.why, Why::Reserved);
            if matches!(case.lots, Lots::SecondReserved) {
                assert_eq!(r.lots, ["South"], "{case:?}");
                let named = match case.lang {
                    Language::Sv => "delkontraktet South",
                    Language::En => "the lot South",
                };
                assert!(text.contains(named), "{case:?}");
            } else {
                assert!(r.lots.is_empty());
            }
            assert_ne!(case.procedure, Some("direct-award"));
        }

        // A reservation for suppliers that employ the target groups carries no target-group
        // hiring or WISE sub-contracting: none for a reserved contract, and the reserved lot
        // exempt where the rest of the contract has it.
        if let Some(r) = reservations.first()
            && clause(&r.clause).employs_target_groups
        {
            for s in a
                .selection
                .iter()
                .filter(|s| clause(&s.clause).needs.unreserved)
            {
                assert!(!r.lots.is_empty(), "{case:?}: {}", s.clause);
                assert_eq!(s.exempt_lots, r.lots, "{case:?}: {}", s.clause);
            }
        }

        // Award criteria only with a weight for them, giving the procurement's figure.
        for s in a
            .selection
            .iter()
            .filter(|s| s.instrument == Instrument::AwardCriterion)
        {
            let needs = clause(&s.clause).needs.award_weight;
            match case.award {
                AwardPlan::Absent | AwardPlan::PriceOnly => panic!("{case:?}: {}", s.clause),
                AwardPlan::Quality => assert_ne!(needs, Some(AwardWeight::Social), "{case:?}"),
                AwardPlan::Social => {}
            }
        }
        for s in a
            .selection
            .iter()
            .filter(|s| s.instrument == Instrument::AwardCriterion)
        {
            let award = a.procurement.award.expect("a weight, checked above");
            let weight = AwardWeight::of(clause(&s.clause).needs.award_weight, &award)
                .expect("a weight for it");
            let stated = match case.lang {
                Language::Sv => format!("{weight} procent"),
                Language::En => format!("{weight} per cent"),
            };
            assert!(text.contains(&stated), "{case:?}: {}: {stated}", s.clause);
        }
        assert!(!text.contains("10 per cent of the total"), "{case:?}");
        // A social weight always has a criterion to score under it: the annex never leaves
        // the weight in the evaluation criteria without one.
        // (Not in a contract wholly reserved for suppliers that employ the target groups,
        // where the employment criteria have no place; the checklist then flags the weight.)
        let wise_reserved_whole = reservations
            .first()
            .is_some_and(|r| r.lots.is_empty() && clause(&r.clause).employs_target_groups);
        if matches!(case.award, AwardPlan::Social) && !wise_reserved_whole {
            assert!(
                a.selection
                    .iter()
                    .any(|s| s.scored_under == Some(AwardWeight::Social)),
                "{case:?}: {:?}",
                ids(&a)
            );
        }

        // Priority groups: only those the buyer chose (long-term unemployed and disabled
        // people) are named, never a list of examples it did not choose.
        for other in [
            "care leavers",
            "people with convictions",
            "not in education, employment or training",
            "samhällsvård",
            "dömts för brott",
        ] {
            assert!(!text.contains(other), "{case:?}: {other}");
        }

        // Qualification demands are never chosen for the buyer.
        assert!(
            a.selection
                .iter()
                .all(|s| s.instrument != Instrument::Selection),
            "{case:?}"
        );

        // Sub-contracting clauses only where sub-contracting is allowed.
        if case.subcontracting == Some(false) {
            for s in &a.selection {
                assert!(
                    !clause(&s.clause).needs.subcontracting,
                    "{case:?}: {}",
                    s.clause
                );
            }
        }

        // No text names a procedure the procurement does not use.
        if case.procedure != Some("competitive-flexible") && case.procedure.is_some() {
            assert!(!text.contains("competitive flexible procedure"), "{case:?}");
            assert!(!text.contains("flexibla förfarandet"), "{case:?}");
        }

        // Lots: targets only for lots that exist, each named once.
        let titles = ["North", "South"];
        for s in &a.selection {
            assert!(s.lots.iter().all(|l| titles.contains(&l.as_str())));
        }
        assert!(!text.contains("Lot Lot"), "{case:?}");

        // Every left-out clause was recommended, and says which rule left it out.
        for l in &a.left_out {
            assert!(!l.reason.is_empty());
            assert!(a.selection.iter().all(|s| s.clause != l.clause), "{case:?}");
        }
    }
    // The combinations reach both outcomes.
    assert!(
        ok > 1000 && refused > 100,
        "{ok} assessed, {refused} refused"
    );
}

fn library() -> Library {
    Library::load(&LibraryOptions::default()).unwrap()
}

fn assessed(yaml: &str, flags: &Flags) -> Result<Assessment, Vec<Objection>> {
    let p = crate::assess::testing::procurement(yaml);
    let date = (Date::parse("2026-06-01").unwrap(), DateSource::Option);
    assess(&p, &library(), Law::embedded(), date, Language::En, flags)
}

/// The park example, whose annex carries an employment requirement.
const PARKS: &str = include_str!("../../examples/se-parkskotsel.yaml");

fn ids(a: &Assessment) -> Vec<&str> {
    a.selection.iter().map(|s| s.clause.as_str()).collect()
}

#[test]
fn exclude_and_include_change_the_selection() {
    let a = assessed(PARKS, &Flags::default()).unwrap();
    assert!(ids(&a).contains(&"se-employment-requirement"));
    assert!(!ids(&a).contains(&"eu-equality-non-discrimination"));
    let flags = Flags {
        include: vec!["eu-equality-non-discrimination".into()],
        exclude: vec!["se-employment-requirement".into()],
    };
    let b = assessed(PARKS, &flags).unwrap();
    assert!(!ids(&b).contains(&"se-employment-requirement"));
    let included = b
        .selection
        .iter()
        .find(|s| s.clause == "eu-equality-non-discrimination")
        .unwrap();
    assert_eq!(included.why, Why::Included);
    let left = b
        .left_out
        .iter()
        .find(|l| l.clause == "se-employment-requirement")
        .unwrap();
    assert_eq!(left.rule, Rule::Excluded);
}

#[test]
fn the_buyers_choice_is_checked() {
    let refused = |yaml: &str, flags: &Flags| -> Vec<Objection> {
        assessed(yaml, flags).expect_err("refused")
    };
    // An unknown id gets a suggestion.
    let o = refused(
        &format!("{PARKS}clauses: {{ exclude: [se-employment-requirment] }}\n"),
        &Flags::default(),
    );
    assert_eq!(
        o[0].message.en,
        "there is no clause `se-employment-requirment`"
    );
    assert_eq!(
        o[0].help.as_ref().map(|h| h.en.as_str()),
        Some("did you mean `se-employment-requirement`?")
    );
    assert_eq!(
        o[0].origin,
        Origin::Field(vec![
            crate::input::yaml::Step::Key("clauses"),
            crate::input::yaml::Step::Key("exclude"),
            crate::input::yaml::Step::Index(0)
        ])
    );
    // The same id in both lists.
    let o = refused(
        PARKS,
        &Flags {
            include: vec!["se-employment-requirement".into()],
            exclude: vec!["se-employment-requirement".into()],
        },
    );
    assert!(
        o[0].message.en.contains("both included and excluded"),
        "{o:?}"
    );
    assert_eq!(o[0].origin, Origin::Flag("--include"));
    // A clause of another jurisdiction says why.
    let o = refused(
        PARKS,
        &Flags {
            include: vec!["scot-work-placements".into()],
            ..Flags::default()
        },
    );
    assert!(o[0].message.en.contains("does not fit"), "{o:?}");
    // Two reservation bases.
    let o = refused(
        "title: Cleaning\njurisdiction: se\ntype: services\ncpv: [\"90919200\"]\n\
         value: { amount: 3000000, currency: SEK }\nsocial: { reserved: true }\n\
         clauses: { include: [se-reserved-integration, se-reserved-sheltered-programme] }\n",
        &Flags::default(),
    );
    assert!(o[0].message.en.contains("cannot be combined"), "{o:?}");
    // A target outside its bounds.
    let o = refused(
        &format!(
            "{PARKS}clauses: {{ params: {{ se-employment-requirement: {{ months: 2 }} }} }}\n"
        ),
        &Flags::default(),
    );
    assert_eq!(
        o[0].message.en,
        "`months` is 2; the target must be from 6 to 60"
    );
    // A target for a clause not in the annex.
    let o = refused(
        &format!(
            "{PARKS}clauses: {{ exclude: [se-employment-requirement], params: {{ se-employment-requirement: {{ months: 12 }} }} }}\n"
        ),
        &Flags::default(),
    );
    assert!(o[0].message.en.contains("not in the annex"), "{o:?}");
    // A reservation that fails its own condition names it: s.32 needs the competitive
    // flexible procedure.
    let o = refused(
        "title: Cleaning\njurisdiction: england\ntype: services\ncpv: [\"90919200\"]\n\
         value: { amount: 900000, currency: GBP }\nduration_months: 36\nprocedure: open\n\
         social: { reserved: true }\nclauses: { include: [eng-reserved-supported-employment] }\n",
        &Flags::default(),
    );
    assert!(
        o[0].message.en.contains("competitive flexible procedure"),
        "{o:?}"
    );
}

#[test]
fn a_target_set_by_hand_replaces_the_computed_one() {
    let a = assessed(
        &format!(
            "{PARKS}clauses: {{ params: {{ se-employment-requirement: {{ months: 12 }} }} }}\n"
        ),
        &Flags::default(),
    )
    .unwrap();
    let s = a
        .selection
        .iter()
        .find(|s| s.clause == "se-employment-requirement")
        .unwrap();
    assert_eq!(s.params["months"].value, 12.0);
    assert!(
        s.params["months"]
            .explain
            .starts_with("set by the contracting authority")
    );
}

/// `reserved: true` without a named basis means the regime's default (LOU 4 kap. 18 §) only
/// where no other basis fits: a different basis lets other suppliers in, so where several fit
/// it is the buyer's to name. A named basis that does not fit is refused with its condition.
#[test]
fn an_unnamed_reservation_takes_the_default_basis_only_when_no_other_fits() {
    let cleaning = "title: Städning\njurisdiction: se\ntype: services\n\
        cpv: [\"90919200\"]\nvalue: { amount: 3000000, currency: SEK }\nduration_months: 48\n\
        social: { reserved: true }\n";
    let a = assessed(cleaning, &Flags::default()).unwrap();
    let r = a
        .selection
        .iter()
        .find(|s| s.instrument == Instrument::Reservation)
        .unwrap();
    assert_eq!(r.clause, "se-reserved-integration");
    assert_eq!(r.why, Why::Reserved);
    let care = "title: Arbetsträning och daglig verksamhet\njurisdiction: se\ntype: services\n\
        cpv: [\"85312320\"]\nvalue: { amount: 8000000, currency: SEK }\nduration_months: 48\n\
        description: Stöd och omsorg i daglig verksamhet.\npriorities: [disabled-people]\n\
        social: { reserved: true }\n";
    let o = assessed(care, &Flags::default()).expect_err("19 kap. 25 a § fits as well");
    assert!(
        o[0].message
            .en
            .contains("several bases fit: `se-reserved-integration`, `se-reserved-ideburna`"),
        "{o:?}"
    );
    let named = assessed(
        &format!("{care}clauses: {{ include: [se-reserved-integration] }}\n"),
        &Flags::default(),
    )
    .unwrap();
    assert!(
        named
            .selection
            .iter()
            .any(|s| s.clause == "se-reserved-integration")
    );
    let o = assessed(
        &format!("{care}clauses: {{ include: [se-reserved-social-services] }}\n"),
        &Flags::default(),
    )
    .expect_err("48 months is beyond 19 kap. 25 §'s three years");
    assert!(o[0].message.en.contains("36 months"), "{o:?}");
    // Only the condition that failed, not those that held.
    assert!(!o[0].message.en.contains("Fits services"), "{o:?}");
}

/// A vite or a reporting duty has nothing to attach to in an annex without targets: a small
/// direct award of cleaning keeps neither.
#[test]
fn follow_up_clauses_go_only_beside_a_target() {
    let cleaning = "title: Lokalvård\njurisdiction: se\ntype: services\ncpv: [\"90910000\"]\n\
        value: { amount: 600000, currency: SEK }\nduration_months: 36\nprocedure: direct-award\n\
        priorities: [long-term-unemployed]\n";
    let a = assessed(cleaning, &Flags::default()).unwrap();
    let ids: Vec<&str> = a.selection.iter().map(|s| s.clause.as_str()).collect();
    assert!(!ids.contains(&"se-shortfall-handling"), "{ids:?}");
    assert!(!ids.contains(&"se-follow-up-reporting"), "{ids:?}");
    assert!(
        a.left_out
            .iter()
            .any(|l| l.clause == "se-shortfall-handling" && l.rule == Rule::Targets),
        "{:?}",
        a.left_out
    );
    // Asked for by name, it is refused with the reason.
    let o = assessed(
        &format!("{cleaning}clauses: {{ include: [se-shortfall-handling] }}\n"),
        &Flags::default(),
    )
    .expect_err("no targets to follow up");
    assert!(o[0].message.en.contains("no targets"), "{o:?}");
}

#[test]
fn a_direct_award_above_the_limit_is_refused_and_one_below_it_is_served() {
    let yaml = |amount: u32| {
        format!(
            "title: Lokalvård\njurisdiction: se\ntype: services\ncpv: [\"90910000\"]\nvalue: {{ amount: {amount}, currency: SEK }}\nduration_months: 24\nprocedure: direct-award\n"
        )
    };
    let refused = assessed(&yaml(750_000), &Flags::default()).unwrap_err();
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0]
            .message
            .en
            .contains("direct award (direktupphandling) is not allowed")
            && refused[0].message.en.contains("700"),
        "{}",
        refused[0].message
    );
    let help = refused[0].help.as_ref().map(|h| h.en.as_str()).unwrap();
    assert!(
        help.contains("LOU 6 kap.") && help.contains("19 kap."),
        "{help}"
    );
    assert!(!help.contains("simplified"), "{help}");
    assert!(assessed(&yaml(600_000), &Flags::default()).is_ok());
}

/// Förenklat förfarande and urvalsförfarande are not procedures above the thresholds (and the
/// law has not named them since February 2022): refused there, allowed below.
#[test]
fn the_former_below_threshold_procedures_are_refused_above_the_threshold() {
    let yaml = |amount: u32, procedure: &str| {
        format!(
            "title: Lokalvård\njurisdiction: se\ntype: services\ncpv: [\"90910000\"]\nvalue: {{ amount: {amount}, currency: SEK }}\nduration_months: 24\nprocedure: {procedure}\n"
        )
    };
    for procedure in ["simplified", "selective"] {
        let refused = assessed(&yaml(18_000_000, procedure), &Flags::default()).unwrap_err();
        assert_eq!(refused.len(), 1);
        assert!(
            refused[0]
                .message
                .en
                .contains("not procedures above the thresholds"),
            "{}",
            refused[0].message
        );
        assert!(assessed(&yaml(1_500_000, procedure), &Flags::default()).is_ok());
    }
    assert!(assessed(&yaml(18_000_000, "open"), &Flags::default()).is_ok());
    // Bilaga 2 services are bought under 19 kap. at any value: the name only describes the
    // procedure the buyer designs.
    let care = yaml(14_000_000, "simplified").replace("90910000", "85312000");
    assert!(assessed(&care, &Flags::default()).is_ok());
}

/// The social value criterion follows the buyer: PPN 002's Social Value Model for English
/// central government, the plain criterion for any other English, Welsh or Northern Irish
/// buyer that gives social value a weight.
#[test]
fn a_social_weight_gets_the_criterion_of_the_buyers_regime() {
    let yaml = |jurisdiction: &str, kind: &str| {
        format!(
            "title: Grounds maintenance\njurisdiction: {jurisdiction}\ntype: services\n\
             cpv: [\"77313000\"]\nvalue: {{ amount: 1500000, currency: GBP }}\n\
             duration_months: 36\nauthority: {{ name: Buyer, kind: {kind} }}\n\
             award: {{ price: 50, quality: 35, social: 15 }}\n"
        )
    };
    let criterion = |jurisdiction: &str, kind: &str| -> Vec<String> {
        let a = assessed(&yaml(jurisdiction, kind), &Flags::default()).unwrap();
        a.selection
            .iter()
            .filter(|s| s.instrument == Instrument::AwardCriterion)
            .map(|s| s.clause.clone())
            .collect()
    };
    assert_eq!(
        criterion("england", "central"),
        ["eng-social-value-model-award"]
    );
    for (jurisdiction, kind) in [
        ("england", "sub-central"),
        ("wales", "sub-central"),
        ("northern-ireland", "sub-central"),
        ("northern-ireland", "central"),
    ] {
        assert_eq!(
            criterion(jurisdiction, kind),
            ["eng-social-value-award"],
            "{jurisdiction} {kind}"
        );
    }
    // Without a social weight there is nothing to score, so no criterion.
    let quality =
        yaml("northern-ireland", "sub-central").replace("quality: 35, social: 15", "quality: 50");
    let a = assessed(&quality, &Flags::default()).unwrap();
    assert!(
        !ids(&a).contains(&"eng-social-value-award"),
        "{:?}",
        ids(&a)
    );
}

/// A duty the buyer has regard to (PA 2023 s.12(1)) is never the annex's legal basis; the
/// buyer's notes name it as the duty the clause serves.
#[test]
fn a_duty_to_have_regard_to_is_not_given_as_the_legal_basis() {
    let yaml = "title: Office cleaning\njurisdiction: england\ntype: services\n\
                cpv: [\"90919200\"]\nvalue: { amount: 3000000, currency: GBP }\n\
                duration_months: 36\nauthority: { name: Buyer, kind: sub-central }\n\
                description: Cleaning of offices.\npriorities: [long-term-unemployed]\n";
    let a = assessed(yaml, &Flags::default()).unwrap();
    assert!(
        ids(&a).contains(&"eng-targeted-recruitment"),
        "{:?}",
        ids(&a)
    );
    let library = library();
    let annex = markdown::render(&annex(&a, &library));
    assert!(!annex.contains("s.12(1)"), "{annex}");
    assert!(annex.contains("set by the Authority (long-term unemployed people)"));
    let notes = markdown::render(&crate::compose::checklist::checklist(&a, &library, false));
    assert!(
        notes.contains("its duty under Procurement Act 2023 s.12(1)"),
        "{notes}"
    );
}

/// A school's contract has no payment term implied by the Procurement Act 2023 (s.68): its
/// annex writes the 30 days as a term of its own and cites neither s.68 nor s.73.
#[test]
fn a_schools_annex_does_not_say_the_act_implies_the_payment_term() {
    let yaml = |school: bool| {
        format!(
            "title: Catering\njurisdiction: england\ntype: services\ncpv: [\"55524000\"]\n\
             value: {{ amount: 900000, currency: GBP }}\nduration_months: 36\n\
             authority: {{ name: Trust, kind: sub-central, school: {school} }}\n\
             description: Catering.\n"
        )
    };
    let library = library();
    let text = |school: bool| {
        let a = assessed(&yaml(school), &Flags::default()).unwrap();
        assert!(ids(&a).contains(&"eng-prompt-payment-supply-chain"));
        markdown::render(&annex(&a, &library))
    };
    let council = text(false);
    assert!(council.contains("Under section 68 of the Procurement Act 2023"));
    assert!(council.contains("Procurement Act 2023 s.73(1)"));
    let school = text(true);
    assert!(!school.contains("section 68"), "{school}");
    assert!(!school.contains("s.68"), "{school}");
    assert!(!school.contains("s.73"), "{school}");
    assert!(
        school.contains("The Authority shall pay any sum due to the Contractor within 30 days")
    );
}

/// Northern Ireland's PPN 01/21 makes the Living Wage a contract condition for departments:
/// their annex carries it; a council's, which follows the policy only if it adopted it, is
/// offered it as optional.
#[test]
fn a_northern_irish_department_gets_the_living_wage_condition() {
    let yaml = |kind: &str| {
        format!(
            "title: Office cleaning\njurisdiction: northern-ireland\ntype: services\n\
             cpv: [\"90919200\"]\nvalue: {{ amount: 1500000, currency: GBP }}\n\
             duration_months: 36\nauthority: {{ name: Buyer, kind: {kind} }}\n"
        )
    };
    let department = assessed(&yaml("central"), &Flags::default()).unwrap();
    assert!(
        ids(&department).contains(&"ni-real-living-wage"),
        "{:?}",
        ids(&department)
    );
    let library = library();
    let text = markdown::render(&annex(&department, &library));
    assert!(text.contains("at least the real Living Wage"), "{text}");
    assert!(
        !text.contains("s.12(1)"),
        "a duty to have regard to is no legal basis"
    );
    let council = assessed(&yaml("sub-central"), &Flags::default()).unwrap();
    let r = council
        .recommendations
        .iter()
        .find(|r| r.clause == "ni-real-living-wage")
        .unwrap();
    assert_ne!(r.status, Status::NotApplicable);
}

/// Social and other specific services (PCSR Schedule 3) are awarded under regs 74 to 76: the
/// annex does not cite reg 67 or reg 70 for them, as it does for an ordinary services contract.
#[test]
fn a_scottish_light_touch_annex_cites_no_regulation_67_or_70() {
    let yaml = |cpv: &str| {
        format!(
            "title: Services\njurisdiction: scotland\ntype: services\ncpv: [\"{cpv}\"]\n\
             value: {{ amount: 2500000, currency: GBP, vat: exempt }}\nduration_months: 36\n\
             authority: {{ name: Council, kind: sub-central }}\n\
             award: {{ price: 40, quality: 50, social: 10 }}\ndescription: Care and cleaning.\n"
        )
    };
    let library = library();
    let text = |cpv: &str| {
        let a = assessed(&yaml(cpv), &Flags::default()).unwrap();
        markdown::render(&annex(&a, &library))
    };
    let care = text("85312000");
    assert!(
        !care.contains("reg 67") && !care.contains("reg 70"),
        "{care}"
    );
    let cleaning = text("90919200");
    assert!(
        cleaning.contains("reg 67") || cleaning.contains("reg 70"),
        "{cleaning}"
    );
}

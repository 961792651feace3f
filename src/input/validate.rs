//! Checks a procurement makes sense once its types are right: positive finite amounts, lots
//! that fit in the total, weights that sum to 100.
//!
//! Each problem carries the path of the field it is about, so the loader can point at its line.

use super::money::Money;
use super::procurement::{PROCUREMENT_SCHEMA, Procurement};
use super::yaml::Step;
use crate::said::{Said, say};

/// A problem with one field.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: Vec<Step>,
    pub message: Said,
    pub help: Option<Said>,
}

fn problem(path: Vec<Step>, message: Said, help: Option<Said>) -> Problem {
    Problem {
        path,
        message,
        help,
    }
}

/// Every problem found, in the order of the fields.
pub fn validate(p: &Procurement) -> Vec<Problem> {
    use Step::{Index, Key};
    let mut problems = Vec::new();

    if let Some(schema) = &p.schema
        && schema != PROCUREMENT_SCHEMA
    {
        problems.push(problem(
            vec![Key("schema")],
            say("check.unknown-schema", &[("schema", schema)]),
            Some(say("check.unknown-schema.help", &[])),
        ));
    }
    if p.title.trim().is_empty() {
        problems.push(problem(
            vec![Key("title")],
            say("check.empty-title", &[]),
            Some(say("check.empty-title.help", &[])),
        ));
    }
    for (key, present) in [("type", p.kind.is_some()), ("value", p.value.is_some())] {
        if !present {
            problems.push(problem(
                vec![],
                say("yaml.missing-key", &[("key", key)]),
                Some(match key {
                    "type" => say("check.missing-type.help", &[]),
                    _ => say("check.missing-value.help", &[]),
                }),
            ));
        }
    }
    if let Some(share) = p.labour_share
        && !(share > 0.0 && share <= 100.0)
    {
        problems.push(problem(
            vec![Key("labour_share")],
            say("check.labour-share", &[("share", &trim(share))]),
            Some(say("check.labour-share.help", &[])),
        ));
    }
    for (key, len) in [
        ("cpv", p.cpv.as_ref().map_or(0, Vec::len)),
        ("lots", p.lots.as_ref().map_or(0, Vec::len)),
        ("priorities", p.priorities.as_ref().map_or(0, Vec::len)),
        (
            "award_criteria",
            p.award_criteria.as_ref().map_or(0, Vec::len),
        ),
    ] {
        check_length(&mut problems, vec![Key(key)], len);
    }
    for (i, lot) in p.lots.iter().flatten().enumerate() {
        let len = lot.cpv.as_ref().map_or(0, Vec::len);
        check_length(&mut problems, vec![Key("lots"), Index(i), Key("cpv")], len);
    }
    if let Some(q) = &p.qualification {
        let len = q.insurance.as_ref().map_or(0, Vec::len);
        check_length(
            &mut problems,
            vec![Key("qualification"), Key("insurance")],
            len,
        );
    }
    if let Some(value) = &p.value {
        check_amount(&mut problems, vec![Key("value")], value, false);
    }
    check_positive(
        &mut problems,
        vec![Key("duration_months")],
        p.duration_months,
    );
    check_positive(
        &mut problems,
        vec![Key("tender_period_days")],
        p.tender_period_days,
    );

    if let Some(lots) = &p.lots {
        let mut sum = 0.0;
        for (i, lot) in lots.iter().enumerate() {
            let at = |k| vec![Key("lots"), Index(i), Key(k)];
            if lot.title.trim().is_empty() {
                problems.push(problem(
                    at("title"),
                    say("check.empty-lot-title", &[]),
                    None,
                ));
            }
            check_positive(&mut problems, at("duration_months"), lot.duration_months);
            let Some(value) = &lot.value else { continue };
            if check_amount(&mut problems, at("value"), value, false) {
                continue;
            }
            let Some(total) = &p.value else { continue };
            if value.currency != total.currency || !value.vat.same_basis(total.vat) {
                problems.push(problem(
                    at("value"),
                    say(
                        "check.lot-basis",
                        &[("lot", &basis(value)), ("total", &basis(total))],
                    ),
                    Some(say("check.lot-basis.help", &[])),
                ));
                continue;
            }
            sum += value.amount;
        }
        // Cents of rounding in lot values must not fail a real procurement.
        let total = p.value.filter(Money::is_positive);
        if let Some(total) = total.filter(|t| sum > t.amount * (1.0 + 1e-9) + 0.5) {
            problems.push(problem(
                vec![Key("lots")],
                say(
                    "check.lots-exceed",
                    &[
                        (
                            "sum",
                            &Money {
                                amount: sum,
                                ..total
                            }
                            .to_string(),
                        ),
                        ("total", &total.to_string()),
                    ],
                ),
                Some(say("check.lots-exceed.help", &[])),
            ));
        }
    }

    if let Some(q) = &p.qualification {
        if let Some(t) = &q.min_turnover {
            check_amount(
                &mut problems,
                vec![Key("qualification"), Key("min_turnover")],
                t,
                true,
            );
        }
        for (i, ins) in q.insurance.iter().flatten().enumerate() {
            check_amount(
                &mut problems,
                vec![
                    Key("qualification"),
                    Key("insurance"),
                    Index(i),
                    Key("cover"),
                ],
                &ins.cover,
                false,
            );
        }
    }

    // `social.reserved` reserves the whole contract; a lot's own reservation beside it says
    // two different things.
    if p.social.as_ref().and_then(|s| s.reserved) == Some(true) {
        for (i, lot) in p.lots.iter().flatten().enumerate() {
            if lot.reserved == Some(true) {
                problems.push(problem(
                    vec![Key("lots"), Index(i), Key("reserved")],
                    say("check.reserved-twice", &[("lot", &lot.title)]),
                    Some(say("check.reserved-twice.help", &[])),
                ));
            }
        }
    }

    if let Some(a) = &p.award {
        let weights = [
            ("price", a.price),
            ("quality", a.quality),
            ("social", a.social),
        ];
        let mut valid = true;
        for (name, w) in weights {
            if !w.is_finite() || !(0.0..=100.0).contains(&w) {
                valid = false;
                problems.push(problem(
                    vec![Key("award"), Key(name)],
                    say(
                        "check.weight",
                        &[("name", name), ("weight", &w.to_string())],
                    ),
                    None,
                ));
            }
        }
        let total: f64 = weights.iter().map(|(_, w)| w).sum();
        if valid && (total - 100.0).abs() > 0.01 {
            problems.push(problem(
                vec![Key("award")],
                say(
                    "check.weights-sum",
                    &[
                        ("total", &trim(total)),
                        ("price", &trim(a.price)),
                        ("quality", &trim(a.quality)),
                        ("social", &trim(a.social)),
                    ],
                ),
                Some(say("check.weights-sum.help", &[])),
            ));
        }
    }
    problems
}

/// A list longer than this is refused: no procurement has a thousand CPV codes or lots, and a
/// list of a million would make every later step slow for nothing.
pub const MAX_LIST: usize = 1000;

/// An amount above this is refused as a mistake: ten trillion is more than any public
/// contract, and figures near the limits of floating point cannot be computed with.
pub const MAX_AMOUNT: f64 = 1e13;

fn check_length(problems: &mut Vec<Problem>, path: Vec<Step>, len: usize) {
    if len > MAX_LIST {
        problems.push(problem(
            path,
            say(
                "check.list-too-long",
                &[("count", &len.to_string()), ("max", &MAX_LIST.to_string())],
            ),
            Some(say("check.list-too-long.help", &[])),
        ));
    }
}

/// Pushes a problem unless `money` is a finite amount above zero (or zero, if allowed).
/// Returns whether a problem was pushed.
fn check_amount(
    problems: &mut Vec<Problem>,
    path: Vec<Step>,
    money: &Money,
    zero_ok: bool,
) -> bool {
    let amount = money.amount;
    let message = if !amount.is_finite() {
        say("check.amount-unusable", &[("amount", &amount.to_string())])
    } else if amount < 0.0 || (!zero_ok && amount == 0.0) || amount.is_sign_negative() {
        say("check.amount-not-positive", &[("amount", &trim(amount))])
    } else if amount > MAX_AMOUNT {
        say(
            "check.amount-too-large",
            &[
                ("amount", &format!("{amount:e}")),
                ("max", &format!("{MAX_AMOUNT:e}")),
            ],
        )
    } else {
        return false;
    };
    let mut at = path;
    at.push(Step::Key("amount"));
    problems.push(problem(at, message, Some(say("check.amount.help", &[]))));
    true
}

fn check_positive(problems: &mut Vec<Problem>, path: Vec<Step>, value: Option<u32>) {
    if value == Some(0) {
        problems.push(problem(path, say("check.zero", &[]), None));
    }
}

fn basis(m: &Money) -> String {
    format!("{}{}", m.currency, m.vat.suffix())
}

/// `100` rather than `100.0`, but `33.3` kept.
pub fn trim(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

//! `socialclause briefing`: totals against sums worked out by hand, every format, and bad
//! input.

use crate::util::{Env, repo};

/// The parks example at another value and title.
fn parks(title: &str, value: u64) -> String {
    let text = std::fs::read_to_string(repo().join("examples/se-parkskotsel.yaml")).unwrap();
    let text = text.replace("amount: 12000000", &format!("amount: {value}"));
    let first = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .expect("a title line")
        .to_string();
    text.replace(&first, &format!("title: {title}"))
        .replace("id: KS-2026/0142", &format!("id: {title}"))
}

#[test]
fn totals_are_the_sums_worked_out_by_hand() {
    let env = Env::new();
    env.write("portfolio/a.yaml", parks("Parks A", 12_000_000));
    env.write("portfolio/b.yaml", parks("Parks B", 20_000_000));
    let run = env.run(&[
        "briefing",
        "portfolio",
        "-o",
        "-",
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    run.expect_code(0);
    let md = &run.stdout;
    // 12 000 000 + 20 000 000 SEK.
    assert!(
        md.contains("total estimated value of 32,000,000\u{a0}SEK"),
        "{md}"
    );
    // se-employment-requirement: 6 months per 5 000 000 SEK, rounded up:
    // 12 000 000 → 14.4 → 15; 20 000 000 → 24.
    assert!(
        md.contains("| Months of employment | 39 | 15 (Parks A) + 24 (Parks B) = 39 |"),
        "{md}"
    );
    // Both are above the EU threshold for services.
    assert!(md.contains("- Above the threshold: 2 of 2"), "{md}");
    assert!(md.contains("| Above the threshold | 2 | 0 | 0 |"), "{md}");
    // One row per procurement.
    assert!(md.contains("| **Parks A** | 12,000,000\u{a0}SEK |"), "{md}");
    assert!(md.contains("| **Parks B** | 20,000,000\u{a0}SEK |"), "{md}");
}

#[test]
fn every_format_and_swedish_by_default() {
    let env = Env::new();
    env.write("p/a.yaml", parks("Park A", 12_000_000));
    env.run(&["briefing", "p", "-o", "b.html"]).expect_code(0);
    let html = env.read("b.html");
    assert!(
        html.contains("<html lang=\"sv\""),
        "Swedish when every procurement is"
    );
    assert!(html.contains("<svg role=\"img\" aria-labelledby=\"duties-chart-title\""));
    assert!(html.contains("Månader av anställning"));
    env.run(&["briefing", "p", "-o", "b.pdf"]).expect_code(0);
    let pdf = std::fs::read(env.path().join("b.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // An existing file is kept unless --force.
    let run = env.run(&["briefing", "p", "-o", "b.pdf"]);
    run.expect_code(2);
    run.expect_stderr("exists already");
    env.run(&["briefing", "p", "-o", "b.pdf", "--force"])
        .expect_code(0);
}

#[test]
fn a_bad_procurement_stops_the_briefing_and_names_itself() {
    let env = Env::new();
    env.write("p/a.yaml", parks("Park A", 12_000_000));
    env.write("p/b.yaml", "title: Broken\njurisdiction: sweden\n");
    let run = env.run(&["briefing", "p", "-o", "b.html"]);
    run.expect_code(2);
    run.expect_stderr("p/b.yaml:2:15");
    assert!(!env.path().join("b.html").exists());
}

/// A briefing over part of a portfolio would mislead: every procurement whose choice of
/// clauses cannot be carried out is listed, and nothing is written.
#[test]
fn every_bad_choice_of_clauses_is_listed_and_nothing_is_written() {
    let env = Env::new();
    for name in ["a", "b"] {
        env.write(
            &format!("in/{name}.yaml"),
            format!(
                "title: {name}\njurisdiction: se\ntype: services\nvalue: {{ amount: 1000000, currency: SEK }}\nclauses: {{ exclude: [no-such-clause-{name}] }}\n"
            ),
        );
    }
    let run = env.run(&["briefing", "in", "-o", "b.html"]);
    run.expect_code(2);
    run.expect_stderr("there is no clause `no-such-clause-a`");
    run.expect_stderr("there is no clause `no-such-clause-b`");
    run.expect_stderr("2 problems");
    assert!(!env.path().join("b.html").exists());
}

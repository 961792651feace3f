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
    // The chart is HTML whose labels wrap; every bar is a share of one scale.
    assert!(html.contains("<figure class=\"chart\" id=\"duties-chart\">"));
    assert!(html.contains(
        "<span style=\"width: 100.0%\"></span></span><span class=\"value\">1 av 1</span>"
    ));
    // Tables scroll in a box of their own, which the keyboard reaches.
    assert!(html.contains("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label="));
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

/// Every fixture notice (15 real notices from Scotland, England and Wales).
fn fixture_notices() -> Vec<String> {
    let mut out = Vec::new();
    for region in ["england", "scotland", "wales"] {
        let dir = repo().join("tests/fixtures/ocds").join(region);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push(path.display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// Over the fixture notices, the briefing says how many carry, decline and leave out social
/// clauses (as labelled by hand in `tests/fixtures/ocds/labels.yaml`: asked for in 530300,
/// 567519, 578499, 578867, 580868, 581263 and the Welsh 147810; declined in 577171; not
/// mentioned in the five English, the Welsh 145986 and 561475), in every format, with the
/// words that say so.
#[test]
fn the_briefing_over_notices_tallies_their_social_clauses_in_every_format() {
    let env = Env::new();
    let notices = fixture_notices();
    assert_eq!(notices.len(), 15);
    let tally = "Community benefits or other social clauses are asked for in 7 of 15 notices, \
                 declined in 1 and not mentioned in 7.";
    for file in ["b.md", "b.html", "b.json", "b.pdf"] {
        let mut args = vec!["briefing", "--lang", "en", "-o", file];
        args.extend(notices.iter().map(String::as_str));
        env.run(&args).expect_code(0);
    }
    let md = env.read("b.md");
    assert!(md.contains(tally), "{md}");
    assert!(md.contains(
        "| **Tender for the Supply of School Transport Services 2019** | declined (Monitoring and reporting of community benefits) | “does not intend to include any community benefit” (description:1) |"
    ), "{md}");
    assert!(md.contains("| Not divided into lots | 5 of 15 |"), "{md}");
    assert!(env.read("b.html").contains(tally));
    let json: serde_json::Value = serde_json::from_str(&env.read("b.json")).unwrap();
    let said: Vec<&str> = json["document"]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "paragraph")
        .filter_map(|b| b["text"][0]["content"].as_str())
        .collect();
    assert!(said.contains(&tally), "{said:?}");
    // The PDF's text, as the checker reads PDFs.
    let pdf = socialclause::scan::extract(
        &env.path().join("b.pdf"),
        &socialclause::scan::ExtractOptions::default(),
    )
    .unwrap();
    let words = pdf
        .text
        .original()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains(tally), "{words}");
}

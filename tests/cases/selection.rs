//! The annex follows the buyer's decisions: `clauses:` and `--include`/`--exclude` in every
//! format, their errors, and nothing meant for the buyer in what bidders read.

use serde_json::Value;
use socialclause::scan::extract::{ExtractOptions, extract_bytes};

use crate::util::{Env, repo};

/// The text of an output file as a reader gets it (a PDF's extracted text).
fn read_text(env: &Env, name: &str) -> String {
    let bytes = std::fs::read(env.path().join(name)).unwrap();
    if name.ends_with(".pdf") {
        let doc = extract_bytes(name.to_string(), bytes, &ExtractOptions::default()).unwrap();
        doc.text.original().to_string()
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

fn selection(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["annex"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json", "-o", "-"]);
    let run = env.run(&all);
    run.expect_code(0);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    json["selection"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["clause"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn exclude_removes_a_clause_from_every_format_and_include_adds_one() {
    let env = Env::new();
    let park = repo().join("examples/se-parkskotsel.yaml");
    let park = park.to_str().unwrap();
    let before = selection(&env, &[park]);
    assert!(before.contains(&"se-employment-requirement".to_string()));
    assert!(!before.contains(&"eu-equality-non-discrimination".to_string()));
    let choice = [
        park,
        "--exclude",
        "se-employment-requirement",
        "--include",
        "eu-equality-non-discrimination",
    ];
    let after = selection(&env, &choice);
    assert!(!after.contains(&"se-employment-requirement".to_string()));
    assert!(after.contains(&"eu-equality-non-discrimination".to_string()));
    assert_eq!(after.len(), before.len());

    let mut args = vec!["annex"];
    args.extend_from_slice(&choice);
    args.extend_from_slice(&["--format", "html,md,pdf", "-o", "out/"]);
    env.run(&args).expect_code(0);
    for format in ["html", "md", "pdf"] {
        let text = read_text(&env, &format!("out/ks-2026-0142-annex.{format}"));
        assert!(!text.contains("Sysselsättningskrav –"), "{format}");
        assert!(
            text.contains("Likabehandling och icke-diskriminering"),
            "{format}"
        );
    }

    // The same choice written in the procurement gives the same annex.
    let yaml = std::fs::read_to_string(repo().join("examples/se-parkskotsel.yaml")).unwrap();
    env.write(
        "p.yaml",
        format!(
            "{yaml}clauses:\n  exclude: [se-employment-requirement]\n  include: [eu-equality-non-discrimination]\n"
        ),
    );
    assert_eq!(selection(&env, &["p.yaml"]), after);
}

#[test]
fn a_bad_choice_is_an_error_at_its_line_and_nothing_is_written() {
    let env = Env::new();
    let yaml = std::fs::read_to_string(repo().join("examples/se-parkskotsel.yaml")).unwrap();
    let lines = yaml.lines().count();
    env.write(
        "p.yaml",
        format!(
            "{yaml}clauses:\n  exclude: [se-employment-requirment]\n  params:\n    se-subcontracting-wise: {{ wise_spend: 10 }}\n"
        ),
    );
    // `--lang en` asks for English messages (the file says `language: sv`).
    let run = env.run(&["annex", "p.yaml", "--lang", "en", "-o", "annex.html"]);
    run.expect_code(2);
    run.expect_stderr(&format!(
        "p.yaml:{}:13: there is no clause `se-employment-requirment`\n  help: did you mean `se-employment-requirement`?",
        lines + 2
    ));
    run.expect_stderr(&format!(
        "p.yaml:{}:43: `wise_spend` is 10; the target must be from 50000 to 2000000",
        lines + 4
    ));
    run.expect_stderr("2 problems");
    assert!(!env.path().join("annex.html").exists());

    // An option names itself.
    let park = repo().join("examples/se-parkskotsel.yaml");
    let run = env.run(&[
        "annex",
        park.to_str().unwrap(),
        "--include",
        "scot-work-placements",
    ]);
    run.expect_code(2);
    // The procurement is Swedish, and so is the objection to an option about it.
    run.expect_stderr("fel: --include: `scot-work-placements` kan inte tas med i bilagan: den passar inte upphandlingen");
}

#[test]
fn a_reserved_lot_is_reserved_and_named_and_nothing_else_is() {
    let env = Env::new();
    let input = repo().join("examples/se-lokalvard-reserverat-delkontrakt.yaml");
    let run = env.run(&["annex", input.to_str().unwrap(), "--format", "json"]);
    run.expect_code(0);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let reservations: Vec<&Value> = json["selection"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["instrument"] == "reservation")
        .collect();
    assert_eq!(reservations.len(), 1, "{reservations:?}");
    assert_eq!(reservations[0]["clause"], "se-reserved-integration");
    assert_eq!(
        reservations[0]["lots"],
        serde_json::json!(["Förskolor i södra området"])
    );
    let md = env.run(&["annex", input.to_str().unwrap(), "--format", "md"]);
    assert!(
        md.stdout.contains(
            "Deltagandet i upphandlingen av delkontraktet Förskolor i södra området är reserverat"
        ),
        "{}",
        md.stdout
    );
    let checklist = env.run(&["checklist", input.to_str().unwrap(), "--format", "md"]);
    assert!(
        checklist
            .stdout
            .contains("Kontraktet eller ett delkontrakt är reserverat."),
        "{}",
        checklist.stdout
    );
}

/// What bidders read holds nothing meant for the buyer: not the tool's name or version, the
/// assessment date, a list of what our sources do not confirm, the sources, nor the
/// indicators the buyer counts itself. And no example that says `reserved: false` is reserved.
#[test]
fn no_bidder_document_carries_buyer_material() {
    let env = Env::new();
    let buyer_only = [
        "socialclause",
        "Bedömningsdatum",
        "Assessment date",
        "inte bekräftade av våra källor",
        "not confirmed by our sources",
        "## Källor",
        "## Sources",
        ">Källor<",
        ">Sources<",
        "Mottagna anbud",
        "Tenders received",
        "Kvartalsrapporter som lämnats i tid",
        "Quarterly reports delivered on time",
        "Vägledning för den upphandlande myndigheten",
        "Guidance for the contracting authority",
    ];
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let yaml = std::fs::read_to_string(&path).unwrap();
        for lang in ["sv", "en"] {
            let dir = format!("{stem}-{lang}/");
            env.run(&[
                "annex",
                path.to_str().unwrap(),
                "--lang",
                lang,
                "--format",
                "html,md,pdf",
                "-o",
                &dir,
            ])
            .expect_code(0);
            for file in std::fs::read_dir(env.path().join(&dir)).unwrap() {
                let name = format!("{dir}{}", file.unwrap().file_name().to_str().unwrap());
                let text = read_text(&env, &name);
                for phrase in buyer_only {
                    assert!(!text.contains(phrase), "{name}: {phrase}");
                }
                if yaml.contains("reserved: false") && !yaml.contains("reserved: true") {
                    for phrase in ["är reserverat", "is reserved", "are reserved"] {
                        assert!(!text.contains(phrase), "{name}: {phrase}");
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 36, "{checked} files");
}

/// The starter file's commented `clauses:` block works once uncommented: its ids exist and fit
/// the starter procurement, and its exclusion takes the clause out.
#[test]
fn the_starter_files_clauses_block_works_uncommented() {
    let env = Env::new();
    for jurisdiction in ["se", "scotland", "england", "eu"] {
        let file = format!("{jurisdiction}.yaml");
        env.run(&["init", "--jurisdiction", jurisdiction, "-o", &file])
            .expect_code(0);
        let text = env.read(&file);
        assert!(text.contains("# clauses:"), "{jurisdiction}");
        let before = selection(&env, &[&file]);
        let uncommented: String = text
            .lines()
            .map(|l| {
                l.strip_prefix("# clauses:")
                    .map(|rest| format!("clauses:{rest}"))
                    .or_else(|| l.strip_prefix("#   ").map(|rest| format!("  {rest}")))
                    .unwrap_or_else(|| l.to_string())
            })
            .collect::<Vec<_>>()
            .join("\n");
        let excluded = uncommented
            .lines()
            .find_map(|l| l.trim().strip_prefix("exclude: ["))
            .and_then(|rest| rest.split(']').next())
            .unwrap()
            .to_string();
        env.write(&file, uncommented);
        let chosen = selection(&env, &[&file]);
        assert!(before.contains(&excluded), "{jurisdiction}: {before:?}");
        assert!(!chosen.contains(&excluded), "{jurisdiction}: {chosen:?}");
    }
}

#[test]
fn the_award_notice_draft_states_the_benefits_by_their_targets() {
    let env = Env::new();
    let example = repo().join("examples/scotland-school-refurbishment.yaml");
    let run = env.run(&[
        "checklist",
        example.to_str().unwrap(),
        "--format",
        "md",
        "-o",
        "-",
    ]);
    run.expect_code(0);
    let draft = run
        .stdout
        .split("bring at least: ")
        .nth(1)
        .expect("an award-notice draft");
    let first = draft.split(';').next().unwrap();
    // "3 Modern Apprentices (Modern Apprenticeships created through the contract)": the
    // benefit and its figure first, the requirement it comes from after.
    assert!(
        first.starts_with(|c: char| c.is_ascii_digit()) && first.ends_with(')'),
        "{first}"
    );
}

#[test]
fn a_reservation_names_the_one_basis_that_holds_at_the_procurements_value() {
    let env = Env::new();
    let yaml = |amount: u32| {
        format!(
            "title: Office furniture\njurisdiction: scotland\ndate: 2026-11-26\n\
             authority: {{ name: Example Council, kind: sub-central }}\ntype: supplies\n\
             cpv: [\"39130000\"]\nvalue: {{ amount: {amount}, currency: GBP }}\n\
             duration_months: 24\nprocedure: open\nsocial: {{ reserved: true }}\n"
        )
    };
    for (amount, holds, not) in [
        (
            150_000,
            "section 11 of the Procurement Reform",
            "regulation 21",
        ),
        (900_000, "regulation 21 of the Public", "section 11"),
    ] {
        env.write("p.yaml", yaml(amount));
        let run = env.run(&["annex", "p.yaml", "--format", "md", "-o", "-"]);
        run.expect_code(0);
        assert!(run.stdout.contains(holds), "{amount}: {}", run.stdout);
        assert!(!run.stdout.contains(not), "{amount}: {}", run.stdout);
    }
}

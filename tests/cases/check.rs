//! `socialclause check`: the fixtures in every format, the real notices, round trips through
//! our own annexes, gaps, `--fail-on` and bad documents.

use serde_json::Value;

use crate::util::{Env, repo};

fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/check")
        .join(name)
        .display()
        .to_string()
}

fn json(run: &crate::util::Run) -> Value {
    serde_json::from_str(&run.stdout).expect("check prints JSON")
}

/// The finding `id` of the first document `check ARGS --format json` reports, if any.
fn finding(env: &Env, args: &[&str], id: &str) -> Option<Value> {
    let mut args = [&["check"], args, &["--format", "json"]].concat();
    args.retain(|a| !a.is_empty());
    let run = env.run(&args);
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
    json(&run)["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["id"] == id)
        .cloned()
}

/// `clause id → status` of one document of a JSON report.
fn statuses(doc: &Value) -> std::collections::BTreeMap<String, String> {
    doc["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .map(|c| {
            (
                c["clause"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `check DOC --procurement P --format json` (plus `extra`), as JSON.
fn check_against(
    env: &Env,
    doc: &std::path::Path,
    procurement: &std::path::Path,
    extra: &[&str],
) -> Value {
    let mut args = vec![
        "check",
        doc.to_str().unwrap(),
        "--procurement",
        procurement.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend(extra);
    let run = env.run(&args);
    run.expect_code(0);
    json(&run)
}

fn findings(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_format_of_the_tender_gives_the_same_result() {
    let env = Env::new();
    let names = [
        "tender.txt",
        "tender.md",
        "tender.html",
        "tender.docx",
        "tender.pdf",
    ];
    let paths: Vec<String> = names.iter().map(|n| fixture(n)).collect();
    let mut args = vec!["check", "--jurisdiction", "scotland", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let run = env.run(&args);
    run.expect_code(0);
    let report = json(&run);
    let documents = report["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 5);
    for (doc, path) in documents.iter().zip(&paths) {
        assert_eq!(doc["path"], path.as_str(), "results come in input order");
        assert_eq!(doc["jurisdiction"], "scotland");
        let s = statuses(doc);
        let present: Vec<&str> = s
            .iter()
            .filter(|(_, v)| *v == "present")
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(
            present,
            [
                "scot-community-benefits-notice",
                "scot-fair-work-fair-pay",
                "scot-fair-work-first",
                "scot-modern-apprenticeships",
                "scot-targeted-recruitment-training",
            ],
            "{path}"
        );
        assert_eq!(
            s["scot-subcontracting-sme-third-sector"], "declined",
            "{path}"
        );
        assert_eq!(s["scot-supply-chain-pcs"], "declined", "{path}");
        assert_eq!(s["scot-real-living-wage"], "absent", "{path}");
        assert_eq!(
            findings(doc),
            [
                "price-only-award",
                "turnover-demand",
                "years-trading-demand",
                "insurance-demand"
            ],
            "{path}"
        );
        let clause = doc["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["clause"] == "scot-community-benefits-notice")
            .unwrap();
        let evidence = &clause["evidence"][0];
        assert!(evidence["line"].as_u64().unwrap() >= 1);
        assert!(evidence["column"].as_u64().unwrap() >= 1);
        assert!(
            evidence["location"]
                .as_str()
                .unwrap()
                .starts_with(path.as_str()),
            "{evidence}"
        );
        assert_eq!(
            evidence["excerpt"], "Community benefits are included",
            "{path}"
        );
    }
    // Where each format points.
    let place = |i: usize| documents[i]["findings"][0]["evidence"][0].clone();
    assert_eq!(
        (place(0)["line"].as_u64(), place(0)["column"].as_u64()),
        (Some(30), Some(50))
    );
    assert_eq!(place(0)["location"], format!("{}:30:50", paths[0]));
    assert_eq!(place(3)["paragraph"], 19);
    assert_eq!(place(4)["page"], 1);
}

#[test]
fn the_terminal_report_groups_by_status_with_file_line_column() {
    let env = Env::new();
    let txt = fixture("tender.txt");
    let run = env.run(&["check", &txt, "--jurisdiction", "scotland"]);
    run.expect_code(0);
    let out = &run.stdout;
    let present = out.find("\n  Present\n").expect("a Present group");
    let declined = out.find("\n  Declined\n").expect("a Declined group");
    let absent = out.find("\n  Absent\n").expect("an Absent group");
    let barriers = out.find("\n  Barriers\n").expect("a Barriers group");
    assert!(present < declined && declined < absent && absent < barriers);
    assert!(
        out.contains(&format!("{txt}:7:1: “Community benefits are included”")),
        "{out}"
    );
    assert!(out.contains("[high] price-only-award"), "{out}");
    assert!(out.contains("(2,000,000\u{a0}GBP)"), "{out}");
}

#[test]
fn swedish_reports_in_swedish() {
    let env = Env::new();
    let doc = env.write(
        "anbud.txt",
        "Sysselsättningskrav ställs inte i denna upphandling.\nUtvärderingsgrund: lägsta pris.\n",
    );
    let run = env.run(&["check", doc.to_str().unwrap(), "--jurisdiction", "se"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Granskning av upphandlingsdokument"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Tilldelning enbart på pris"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Avböjs"), "{}", run.stdout);
}

/// The real notices: Public Contracts Scotland's standard sentences on community benefits
/// and the sub-contract clause, included or declined.
#[test]
fn real_notices_are_classified_as_they_read() {
    // (notice, community-benefit notice, PCS sub-contract clause, barriers)
    let cases: &[(&str, &str, &str, &[&str])] = &[
        // "Community benefits are included" + "A sub-contract clause has been included".
        (
            "ocds-r6ebe6-0000530300",
            "present",
            "present",
            // Cover is to be held "or can commit to obtain prior to the start date": a
            // commitment, not cover held at bidding.
            &[],
        ),
        // A notice that says nothing about either.
        (
            "ocds-r6ebe6-0000561475",
            "absent",
            "absent",
            &["no-social-criteria"],
        ),
        // Community benefits included; the sub-contract clause declined ("Not required").
        (
            "ocds-r6ebe6-0000567519",
            "present",
            "declined",
            &["years-trading-demand"],
        ),
        // Both declined, with reasons; the notice also says a sub-contract clause has been
        // included, and a declining statement wins (both are given as evidence).
        (
            "ocds-r6ebe6-0000577171",
            "declined",
            "declined",
            &["no-social-criteria"],
        ),
        (
            "ocds-r6ebe6-0000578499",
            "present",
            "absent",
            // "a minimum 'general' yearly turnover of 300,000 GBP for the last 3 years"; its
            // insurance may be committed to before the contract starts.
            &["turnover-demand", "no-lots"],
        ),
        ("ocds-r6ebe6-0000578867", "present", "absent", &["no-lots"]),
        (
            "ocds-r6ebe6-0000580868",
            "present",
            "absent",
            // Insurance evidenced before award; its two years of audited accounts are no
            // demand, as a new business may give a banker's letter instead.
            &["insurance-demand", "no-lots"],
        ),
        // Sub-contract clause declined, though opportunities for SMEs are listed as a benefit.
        (
            "ocds-r6ebe6-0000581263",
            "present",
            "declined",
            &["no-lots"],
        ),
    ];
    let env = Env::new();
    for (notice, benefits, subcontract, barriers) in cases {
        let path = repo().join(format!("tests/fixtures/ocds/scotland/{notice}.json"));
        let run = env.run(&["check", path.to_str().unwrap(), "--format", "json"]);
        run.expect_code(0);
        let report = json(&run);
        let doc = &report["documents"][0];
        assert_eq!(doc["jurisdiction"], "scotland", "{notice}: from the ocid");
        let s = statuses(doc);
        assert_eq!(s["scot-community-benefits-notice"], *benefits, "{notice}");
        assert_eq!(s["scot-supply-chain-pcs"], *subcontract, "{notice}");
        assert_eq!(findings(doc), *barriers, "{notice}");
    }
    // The evidence of 577171 holds both the inclusion and the declining statement, located by
    // JSON path.
    let path = repo().join("tests/fixtures/ocds/scotland/ocds-r6ebe6-0000577171.json");
    let report = json(&env.run(&["check", path.to_str().unwrap(), "--format", "json"]));
    let clause = report["documents"][0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["clause"] == "scot-supply-chain-pcs")
        .unwrap()
        .clone();
    let kinds: Vec<&str> = clause["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"present") && kinds.contains(&"declined"),
        "{clause}"
    );
    assert_eq!(clause["evidence"][0]["json_path"], "description");
}

#[test]
fn price_only_award_in_contracts_finder_and_sell2wales_notices() {
    let env = Env::new();
    for (notice, jurisdiction) in [
        (
            "england/ocds-b5fd17-b066d98f-cf7c-4581-a4c4-a97e41ce6911.json",
            "england",
        ),
        ("wales/ocds-kuma6s-145986.json", "wales"),
    ] {
        let path = repo().join("tests/fixtures/ocds").join(notice);
        let report = json(&env.run(&["check", path.to_str().unwrap(), "--format", "json"]));
        let doc = &report["documents"][0];
        assert_eq!(doc["jurisdiction"], jurisdiction);
        assert!(
            findings(doc).contains(&"price-only-award".to_string()),
            "{notice}"
        );
    }
}

/// An annex this tool wrote, checked by this tool, carries every clause it selected.
#[test]
fn our_own_annexes_check_as_present_in_every_format() {
    let env = Env::new();
    for example in [
        "se-parkskotsel",
        "scotland-school-refurbishment",
        "england-cleaning",
        "eu-catering",
    ] {
        let input = repo().join(format!("examples/{example}.yaml"));
        let input = input.to_str().unwrap();
        let matched = env.run(&["match", input, "--format", "json"]);
        matched.expect_code(0);
        let assessment: Value = serde_json::from_str(&matched.stdout).unwrap();
        let expected: Vec<String> = assessment["selection"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["clause"].as_str().unwrap().to_string())
            .collect();
        assert!(expected.len() >= 5, "{example}: {expected:?}");
        env.run(&[
            "annex",
            input,
            "--format",
            "html,md,pdf",
            "-o",
            &format!("{example}/"),
        ])
        .expect_code(0);
        for entry in std::fs::read_dir(env.path().join(example)).unwrap() {
            let path = entry.unwrap().path();
            let run = env.run(&["check", path.to_str().unwrap(), "--format", "json"]);
            run.expect_code(0);
            let s = statuses(&json(&run)["documents"][0]);
            for clause in &expected {
                assert_eq!(s[clause], "present", "{}: {clause}", path.display());
            }
        }
    }
}

#[test]
fn gaps_against_a_procurement() {
    let env = Env::new();
    let procurement = env.write(
        "p.yaml",
        "title: School refurbishment\njurisdiction: scotland\ntype: works\n\
         value: { amount: 6000000, currency: GBP }\ncpv: ['45214200']\n\
         tender_period_days: 14\nduration_months: 18\n",
    );
    let bare = env.write(
        "bare.txt",
        "The works comprise the refurbishment of a school.\n",
    );
    let report = check_against(&env, &bare, &procurement, &["--date", "2026-06-01"]);
    let gaps = report["gaps"].as_array().unwrap();
    let annex = report["procurement"]["annex"].as_array().unwrap();
    assert!(!annex.is_empty());
    // Every clause of the procurement's annex is a gap, and the s.25 duty (over £4m) is
    // unanswered.
    let clause_gaps = gaps.iter().filter(|g| g["kind"] == "clause").count();
    assert_eq!(clause_gaps, annex.len());
    assert!(
        gaps.iter()
            .any(|g| g["kind"] == "duty" && g["id"] == "scotland-community-benefits"),
        "{gaps:?}"
    );
    // The tender period comes from the procurement.
    let f = findings(&report["documents"][0]);
    assert!(f.contains(&"short-tender-period".to_string()), "{f:?}");

    // Declining community benefits with reasons answers the s.25 duty.
    let declining = env.write(
        "declining.txt",
        "The Contracting Authority does not intend to include any community benefit \
         requirements in this contract for the following reason: none are proportionate.\n",
    );
    let report = check_against(&env, &declining, &procurement, &["--date", "2026-06-01"]);
    let gaps = report["gaps"].as_array().unwrap();
    assert!(!gaps.iter().any(|g| g["kind"] == "duty"), "{gaps:?}");
    assert!(gaps.iter().any(|g| g["status"] == "declined"), "{gaps:?}");
}

#[test]
fn turnover_is_compared_with_twice_the_value() {
    let env = Env::new();
    let procurement = env.write(
        "p.yaml",
        "title: Parks\njurisdiction: scotland\ntype: services\nvalue: { amount: 500000, currency: GBP }\n",
    );
    let doc = env.write(
        "t.txt",
        "Bidders must have a minimum annual turnover of £2,000,000.\n",
    );
    let report = check_against(&env, &doc, &procurement, &[]);
    let finding = &report["documents"][0]["findings"][0];
    assert_eq!(finding["id"], "turnover-demand");
    assert_eq!(finding["severity"], "high");
    assert!(
        finding["message"].as_str().unwrap().contains("4 times"),
        "{finding}"
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    let env = Env::new();
    let tender = fixture("tender.txt");
    let empty = env.write("empty.txt", "Grounds maintenance of parks.\n");
    let run = |args: &[&str]| env.run(args).code;
    // Found nothing asked for: 0. Found what --fail-on names: 1.
    assert_eq!(run(&["check", &tender, "--jurisdiction", "scotland"]), 0);
    assert_eq!(
        run(&[
            "check",
            &tender,
            "--jurisdiction",
            "scotland",
            "--fail-on",
            "barrier"
        ]),
        1
    );
    assert_eq!(
        run(&[
            "check",
            &tender,
            "--jurisdiction",
            "scotland",
            "--fail-on",
            "declined"
        ]),
        1
    );
    assert_eq!(
        run(&[
            "check",
            &tender,
            "--jurisdiction",
            "scotland",
            "--fail-on",
            "missing"
        ]),
        0
    );
    let empty = empty.to_str().unwrap();
    assert_eq!(
        run(&[
            "check",
            empty,
            "--jurisdiction",
            "scotland",
            "--fail-on",
            "declined"
        ]),
        0
    );
    assert_eq!(
        run(&[
            "check",
            empty,
            "--jurisdiction",
            "scotland",
            "--fail-on",
            "missing"
        ]),
        1
    );
    assert_eq!(
        run(&["check", empty, "--fail-on", "missing,declined,barrier"]),
        1
    );
}

#[test]
fn bad_documents_exit_2_and_name_every_one() {
    let env = Env::new();
    let odt = env.write("tender.odt", "zip bytes");
    let fake = env.write("tender.pdf", "not a pdf at all");
    let good = fixture("tender.txt");
    let run = env.run(&[
        "check",
        odt.to_str().unwrap(),
        &good,
        fake.to_str().unwrap(),
    ]);
    run.expect_code(2);
    // The readable document is still reported (issue 20: scripts need not loop file by file).
    assert!(run.stdout.contains("tender.txt"), "{}", run.stdout);
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count(),
        2
    );
    run.expect_stderr("tender.odt");
    run.expect_stderr("`.odt` cannot be checked");
    run.expect_stderr("tender.pdf");
    run.expect_stderr("help:");
    let missing = env.run(&["check", "nowhere.txt"]);
    missing.expect_code(2);
    missing.expect_stderr("nowhere.txt");
}

#[test]
fn markdown_and_html_reports_come_from_the_document_model() {
    let env = Env::new();
    let tender = fixture("tender.txt");
    let md = env.run(&[
        "check",
        &tender,
        "--jurisdiction",
        "scotland",
        "--format",
        "md",
    ]);
    md.expect_code(0);
    assert!(
        md.stdout.starts_with("# Tender document check"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("| **Community benefit statement"),
        "{}",
        md.stdout
    );
    let html = env.run(&[
        "check",
        &tender,
        "--jurisdiction",
        "scotland",
        "--format",
        "html",
    ]);
    html.expect_code(0);
    assert!(
        html.stdout.starts_with("<!DOCTYPE html>"),
        "{}",
        html.stdout
    );
    assert!(
        html.stdout
            .contains("<h3 id=\"document-1-barriers\">Barriers</h3>")
    );
}

/// A finding carries its figures as numbers beside the prose: the sum demanded, its currency,
/// the contract value it is judged against and the ratio of the two (real notice: Public
/// Contracts Scotland, ocds-r6ebe6-0000580868, £5m insurance on a £2.8m contract).
#[test]
fn a_finding_carries_its_figures_as_numbers() {
    let env = Env::new();
    let notice = repo().join("tests/fixtures/ocds/scotland/ocds-r6ebe6-0000580868.json");
    let run = env.run(&["check", notice.to_str().unwrap(), "--format", "json"]);
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
    let report = json(&run);
    let insurance = report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "insurance-demand")
        .expect("the insurance demand is found")
        .clone();
    let figures = &insurance["figures"];
    assert_eq!(figures["demanded"], 5_000_000.0);
    assert_eq!(figures["currency"], "GBP");
    assert_eq!(figures["contract_value"]["amount"], 2_800_000.0);
    assert_eq!(figures["contract_value"]["currency"], "GBP");
    let ratio = figures["ratio"].as_f64().unwrap();
    assert!((ratio - 5.0 / 2.8).abs() < 1e-9, "{ratio}");
    // A finding with nothing to count has no figures.
    let lots = report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "no-lots");
    if let Some(lots) = lots {
        assert!(lots.get("figures").is_none(), "{lots}");
    }
}

/// A file that cannot be read does not stop the others: each readable document is reported,
/// the unreadable one gets one line on standard error and an `errors` entry, and the exit
/// status is 2. With no readable document at all, it is an error as before.
#[test]
fn check_goes_on_past_an_unreadable_file() {
    let env = Env::new();
    let tender = fixture("tender.txt");
    let run = env.run(&["check", &tender, "missing.txt", "--format", "json"]);
    run.expect_code(2);
    let report = json(&run);
    let documents = report["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 1);
    assert!(
        documents[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("tender.txt")
    );
    let errors = report["errors"].as_array().expect("an errors entry");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "missing.txt");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    run.expect_stderr("error: cannot read missing.txt: no such file or folder");

    // The text and HTML reports too, naming it after the documents read, with the same line on
    // standard error.
    let run = env.run(&["check", "missing.txt", &tender]);
    run.expect_code(2);
    assert!(run.stdout.contains("tender.txt"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "Documents that could not be read\n  - cannot read missing.txt: no such file or folder\n"
        ),
        "{}",
        run.stdout
    );
    run.expect_stderr("missing.txt");
    let run = env.run(&["check", "missing.txt", &tender, "--format", "html"]);
    run.expect_code(2);
    assert!(run.stdout.contains("Documents that could not be read"));
    assert!(
        run.stdout
            .contains("<li>cannot read missing.txt: no such file or folder</li>"),
        "{}",
        run.stdout
    );

    // Nothing readable: an error, and no report.
    let run = env.run(&["check", "missing.txt", "gone.pdf", "--format", "json"]);
    run.expect_code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    run.expect_stderr("missing.txt");
    run.expect_stderr("gone.pdf");
}

/// The same insurance demand weighs by the contract it is for: £10m cover on a £25,000
/// contract is a high barrier, on a £50m one over four years a low one, with the rule and the
/// figures in the finding; `--fail-on barrier:high` fails the first only.
#[test]
fn insurance_severity_follows_the_contract_value_per_year() {
    let env = Env::new();
    let tender = env.write(
        "tender.txt",
        "Tender for grounds maintenance.\n\nThe contractor shall deliver community benefits, \
         including targeted recruitment and training of people who are long-term unemployed.\n\n\
         Public liability insurance of £10,000,000 is required.\n",
    );
    let procurement = |name: &str, amount: u64, months: u32| {
        env.write(
            name,
            format!(
                "title: Grounds maintenance\njurisdiction: scotland\ntype: services\n\
                 value: {{ amount: {amount}, currency: GBP }}\nduration_months: {months}\n"
            ),
        )
    };
    let small = procurement("small.yaml", 25_000, 12);
    let large = procurement("large.yaml", 50_000_000, 48);
    let finding = |p: &std::path::Path| -> Value {
        let args = [
            tender.to_str().unwrap(),
            "--procurement",
            p.to_str().unwrap(),
        ];
        finding(&env, &args, "insurance-demand").expect("the insurance demand is found")
    };
    let high = finding(&small);
    assert_eq!(high["severity"], "high", "{high}");
    assert_eq!(high["figures"]["yearly_value"], 25_000.0);
    assert_eq!(high["figures"]["ratio_to_yearly_value"], 400.0);
    assert!(
        high["message"].as_str().unwrap().contains("400 times"),
        "{high}"
    );
    let low = finding(&large);
    assert_eq!(low["severity"], "low", "{low}");
    assert_eq!(low["figures"]["yearly_value"], 12_500_000.0);
    assert_eq!(low["figures"]["ratio_to_yearly_value"], 0.8);

    let code = |p: &std::path::Path, level: &str| {
        env.run(&[
            "check",
            tender.to_str().unwrap(),
            "--procurement",
            p.to_str().unwrap(),
            "--fail-on",
            level,
        ])
        .code
    };
    assert_eq!(code(&small, "barrier:high"), 1);
    assert_eq!(code(&large, "barrier:high"), 0);
    assert_eq!(code(&large, "barrier"), 1);
}

/// The checklist item `id` of `checklist FILE --format json`.
fn checklist_item(env: &Env, file: &std::path::Path, id: &str) -> Value {
    let run = env.run(&["checklist", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)["assessment"]["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
        .clone()
}

/// The checklist of a published notice uses what its text says where its fields are silent:
/// the insurance cover, the years of trading and the lots are known, each with the words and
/// the field they were read from.
#[test]
fn the_checklist_of_a_notice_reports_what_its_text_demands_with_the_evidence() {
    let env = Env::new();
    let notice = env.write(
        "notice.json",
        r#"{"ocid": "ocds-r6ebe6-0000000001", "tag": ["tender"],
            "tender": {"title": "Grounds maintenance", "value": {"amount": 400000, "currency": "GBP"},
              "description": "The contract will not be divided into lots because the service must be delivered by one team.",
              "eligibilityCriteria": "Bidders must have been trading for at least 3 years. Public liability insurance of £10,000,000 is required."}}"#,
    );
    let lots = checklist_item(&env, &notice, "lots");
    assert_eq!(lots["status"], "warn", "{lots}");
    assert_eq!(lots["read"]["json_path"], "tender.description");
    assert_eq!(
        lots["read"]["excerpt"],
        "The contract will not be divided into lots because the service must be delivered by one team"
    );
    let years = checklist_item(&env, &notice, "years-trading");
    assert_eq!(years["status"], "fail", "{years}");
    assert!(
        years["reason"].as_str().unwrap().starts_with(
            "The demand is 3 years of trading, which excludes newly started organisations. Read from the notice's text: “Bidders must have been trading for at least 3 years” (tender.eligibilityCriteria, line 1)."
        ),
        "{years}"
    );
    let insurance = checklist_item(&env, &notice, "insurance");
    assert_eq!(insurance["status"], "warn", "{insurance}");
    assert_eq!(insurance["read"]["json_path"], "tender.eligibilityCriteria");

    // A real notice: three covers read from one field, in words.
    let real = repo().join("tests/fixtures/ocds/scotland/ocds-r6ebe6-0000580868.json");
    let insurance = checklist_item(&env, &real, "insurance");
    assert_eq!(insurance["status"], "warn", "{insurance}");
    // Amounts keep their currency with a non-breaking space.
    let reason = insurance["reason"].as_str().unwrap().replace('\u{a0}', " ");
    assert!(
        reason.starts_with("Insurance is demanded: employer's liability 5,000,000 GBP, public liability 5,000,000 GBP, professional indemnity 1,500,000 GBP."),
        "{reason}"
    );
    assert!(
        reason.contains("Read from the notice's text: “…"),
        "{reason}"
    );
    assert_eq!(
        insurance["read"]["json_path"],
        "tender.selectionCriteria.criteria[0].description"
    );
    // Its two years of audited accounts are no demand (a new business may give a banker's
    // letter instead), so that stays unknown; its lots are in its structured data, so the
    // checklist knows them without reading the text.
    let years = checklist_item(&env, &real, "years-trading");
    assert_eq!(years["status"], "unknown", "{years}");
    let lots = checklist_item(&env, &real, "lots");
    assert_eq!(lots["status"], "warn", "{lots}");
    assert!(lots.get("read").is_none(), "{lots}");
}

/// Years of trading are judged against the library's figures and the contract's length: more
/// years than the contract lasts is high; two years of a four-year contract is medium.
#[test]
fn years_of_trading_are_judged_against_the_contract_length() {
    let env = Env::new();
    let finding = |name: &str, demand: &str, months: u32| -> Value {
        let tender = env.write(&format!("{name}.txt"), demand);
        let procurement = env.write(
            &format!("{name}.yaml"),
            format!(
                "title: Cleaning\njurisdiction: scotland\ntype: services\n\
                 value: {{ amount: 400000, currency: GBP }}\nduration_months: {months}\n"
            ),
        );
        let args = [
            tender.to_str().unwrap(),
            "--procurement",
            procurement.to_str().unwrap(),
        ];
        finding(&env, &args, "years-trading-demand").expect("the years-of-trading demand is found")
    };
    let longer = finding(
        "short",
        "Bidders must have been trading for at least 2 years.",
        12,
    );
    assert_eq!(longer["severity"], "high", "{longer}");
    assert_eq!(longer["figures"]["years"], 2);
    assert_eq!(longer["figures"]["contract_months"], 12);
    assert!(
        longer["message"]
            .as_str()
            .unwrap()
            .ends_with("The demand is 2 years of trading for a contract of 12 months: a longer history than the contract itself lasts, which counts it a high barrier."),
        "{longer}"
    );
    let within = finding(
        "long",
        "Anbudsgivaren ska ha bedrivit verksamhet i minst två år.",
        48,
    );
    assert_eq!(within["severity"], "medium", "{within}");
    assert_eq!(within["figures"]["years"], 2);
    let three = finding(
        "three",
        "Tenderers must submit three years of audited accounts.",
        48,
    );
    assert_eq!(three["severity"], "high", "{three}");
}

/// On a contract under the library's small-contract figure, price alone and no social clause
/// are low barriers, with the rule and the value in the finding (the Truro planters, £25,000).
#[test]
fn price_alone_on_a_small_contract_is_a_low_barrier() {
    let env = Env::new();
    let notice = repo()
        .join("tests/fixtures/ocds/england/ocds-b5fd17-b066d98f-cf7c-4581-a4c4-a97e41ce6911.json");
    for id in ["price-only-award", "no-social-criteria"] {
        let f = finding(&env, &[notice.to_str().unwrap()], id)
            .unwrap_or_else(|| panic!("{id} is found"));
        assert_eq!(f["severity"], "low", "{f}");
        assert_eq!(f["figures"]["contract_value"]["amount"], 25_000.0);
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .replace('\u{a0}', " ")
                .contains("The contract is worth 25,000 GBP, under 30,000 GBP"),
            "{f}"
        );
    }
    // A larger contract keeps the barrier's own level.
    let large = repo().join("tests/fixtures/ocds/wales/ocds-kuma6s-145986.json");
    let price = finding(&env, &[large.to_str().unwrap()], "price-only-award")
        .expect("price alone is found");
    assert_eq!(price["severity"], "high", "{price}");
}

/// `checklist --document` reads a tender document into what the procurement leaves open, and
/// says where; what the procurement gives wins; the annex refuses it.
#[test]
fn the_checklist_reads_tender_documents_into_what_the_procurement_leaves_open() {
    let env = Env::new();
    let tender = fixture("tender.txt");
    let parks = repo().join("examples/se-parkskotsel.yaml");
    let run = env.run(&[
        "checklist",
        parks.to_str().unwrap(),
        "--document",
        &tender,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let items = json(&run)["assessment"]["checklist"].clone();
    let insurance = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "insurance")
        .unwrap()
        .clone();
    assert_eq!(insurance["status"], "warn", "{insurance}");
    assert_eq!(
        insurance["reason"].as_str().unwrap().replace('\u{a0}', " "),
        format!(
            "Försäkring krävs: ansvarsförsäkring 10 000 000 GBP. Läst ur upphandlingsdokumenten: \
             ”Public liability insurance of £10,000,000 is required” ({tender}:25:31)."
        )
    );
    assert!(insurance["read"].get("json_path").is_none(), "{insurance}");

    // The Scottish example gives its own insurance, turnover and years: nothing is read.
    let school = repo().join("examples/scotland-school-refurbishment.yaml");
    let run = env.run(&[
        "checklist",
        school.to_str().unwrap(),
        "--document",
        &tender,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run);
    assert!(
        report["assessment"]["procurement"].get("read").is_none(),
        "{}",
        report["assessment"]["procurement"]
    );

    // The annex holds the buyer's decisions only: refused, and nothing written.
    let run = env.run(&[
        "annex",
        parks.to_str().unwrap(),
        "--document",
        &tender,
        "-o",
        "annex.html",
    ]);
    run.expect_code(2);
    run.expect_stderr("--document is for the checklist");
    assert!(!env.path().join("annex.html").exists());
}

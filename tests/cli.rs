//! Command-line tests: the built binary, run in a temporary directory.

mod util;

#[path = "cases/check.rs"]
mod check;

#[path = "cases/batch.rs"]
mod batch;

#[path = "cases/briefing.rs"]
mod briefing;

#[path = "cases/hostile.rs"]
mod hostile;

#[path = "cases/selection.rs"]
mod selection;

#[path = "cases/serve.rs"]
mod serve;

#[path = "cases/web.rs"]
mod web;

use util::{Env, Run, repo};

const GOOD: &str = "\
title: Skötsel av parker
jurisdiction: se
type: services
value: { amount: 12000000, currency: SEK }
duration_months: 48
";

// ---------------------------------------------------------------------------------------
// Procurement input: every example and every starter file loads.

#[test]
fn every_example_loads() {
    let env = Env::new();
    let mut files: Vec<_> = ["examples", "examples/batch"]
        .iter()
        .flat_map(|d| std::fs::read_dir(repo().join(d)).expect("examples folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for file in files {
        let run = env.run(&["validate", file.to_str().unwrap()]);
        run.expect_code(0);
        assert!(run.stdout.starts_with("ok "), "{}", run.stdout);
    }
}

#[test]
fn every_starter_file_loads_back_unchanged() {
    for j in ["se", "scotland", "england", "eu"] {
        let env = Env::new();
        env.run(&["init", "--jurisdiction", j, "-o", "p.yaml"])
            .expect_code(0);
        let run = env.run(&["validate", "p.yaml"]);
        run.expect_code(0);
        // What init writes is what a load reads: serialising the loaded procurement and
        // loading that again gives the same procurement.
        let text = env.read("p.yaml");
        let first = load(&text);
        let again = load(&socialclause::input::yaml::to_string(&first));
        assert_eq!(first, again, "{j}");
        // And stdout carries the same file.
        let printed = env.run(&["init", "--jurisdiction", j]);
        assert_eq!(printed.stdout, text, "{j}");
    }
}

fn load(text: &str) -> socialclause::input::Procurement {
    let source = socialclause::input::Source::from_text("t.yaml", text);
    let mut loaded = socialclause::input::load_source(&source).expect("loads");
    assert_eq!(loaded.len(), 1);
    loaded.remove(0).procurement
}

#[test]
fn init_never_overwrites_without_force() {
    let env = Env::new();
    env.write("p.yaml", "mine\n");
    let run = env.run(&["init", "-o", "p.yaml"]);
    run.expect_code(2);
    run.expect_stderr("p.yaml exists already");
    run.expect_stderr("--force");
    assert_eq!(env.read("p.yaml"), "mine\n");
    // In a Swedish locale, the refusal and its help are Swedish (LC_ALL before LANG).
    let run = env.run_with_env(
        &["init", "-o", "p.yaml"],
        &[("LANG", "en_GB.UTF-8"), ("LC_ALL", "sv_SE.UTF-8")],
    );
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        "fel: p.yaml finns redan\n  hjälp: välj ett annat namn, eller lägg till --force för att ersätta filen\n"
    );
    assert_eq!(env.read("p.yaml"), "mine\n");
    env.run(&["init", "-o", "p.yaml", "--force"]).expect_code(0);
    assert!(env.read("p.yaml").contains("jurisdiction: se"));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let env = Env::new();
    let run = env.run_with_stdin(&["validate", "-"], GOOD);
    run.expect_code(0);
    assert!(
        run.stdout.contains("ok -: Skötsel av parker"),
        "{}",
        run.stdout
    );
    let run = env.run_with_stdin(&["validate", "-"], "title: x\njurisdiction: sverige\n");
    run.expect_code(2);
    run.expect_stderr("error: -:2:15: unknown value `sverige`");
}

// ---------------------------------------------------------------------------------------
// Bad input: each case gives exit 2, the place, the problem, and no panic.

struct Case {
    name: &'static str,
    input: Vec<u8>,
    /// `file:line:` (or `file:` when no line can be given) is checked for.
    line: Option<u32>,
    message: &'static str,
}

fn case(
    name: &'static str,
    input: impl Into<Vec<u8>>,
    line: Option<u32>,
    message: &'static str,
) -> Case {
    Case {
        name,
        input: input.into(),
        line,
        message,
    }
}

/// The classic "billion laughs" file: nine levels of nine aliases each.
fn alias_bomb() -> String {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    text
}

fn string_alias_bomb() -> String {
    let mut text = format!(
        "- {{ title: &t \"{}\", jurisdiction: se, type: works, value: {{ amount: 1, currency: SEK }} }}\n",
        "x".repeat(100_000)
    );
    for _ in 0..2_000 {
        text.push_str(
            "- { title: *t, jurisdiction: se, type: works, value: { amount: 1, currency: SEK } }\n",
        );
    }
    text
}

#[test]
fn bad_input_is_refused_with_place_and_reason() {
    let cases = vec![
        case(
            "unknown key",
            format!("{GOOD}duraton_months: 12\n"),
            Some(6),
            "unknown key `duraton_months`",
        ),
        case(
            "misspelt key gets a suggestion",
            format!("{GOOD}duraton_months: 12\n"),
            Some(6),
            "did you mean `duration_months`?",
        ),
        case(
            "misspelt enum",
            GOOD.replace("jurisdiction: se", "jurisdiction: scotlnd"),
            Some(2),
            "did you mean `scotland`?",
        ),
        case(
            "wrong type",
            GOOD.replace("duration_months: 48", "duration_months: forty-eight"),
            Some(5),
            "wrong kind of value",
        ),
        case(
            "negative value",
            GOOD.replace("12000000", "-5"),
            Some(4),
            "the amount is -5; it must be more than zero",
        ),
        case(
            "zero value",
            GOOD.replace("12000000", "0"),
            Some(4),
            "it must be more than zero",
        ),
        case(
            "non-finite amount",
            GOOD.replace("12000000", ".inf"),
            Some(4),
            "not a number that can be used",
        ),
        case(
            "NaN amount",
            GOOD.replace("12000000", ".nan"),
            Some(4),
            "not a number that can be used",
        ),
        case(
            "unknown currency",
            GOOD.replace("SEK", "USD"),
            Some(4),
            "unknown value `USD`",
        ),
        case(
            "bad CPV",
            format!("{GOOD}cpv: [\"7731300\"]\n"),
            Some(6),
            "`7731300` is not a CPV code",
        ),
        case(
            "CPV that lost its leading zero",
            format!("{GOOD}cpv: [3000000]\n"),
            Some(6),
            "write it in quotes",
        ),
        case(
            "weights not summing to 100",
            format!("{GOOD}award: {{ price: 60, quality: 30 }}\n"),
            Some(6),
            "the award weights add up to 90, not 100",
        ),
        case(
            "labour share above 100",
            format!("{GOOD}labour_share: 150\n"),
            Some(6),
            "the labour share is 150; it is a percentage above 0 and at most 100",
        ),
        case(
            "labour share of zero",
            format!("{GOOD}labour_share: 0\n"),
            Some(6),
            "the labour share is 0",
        ),
        case(
            "lots worth more than the total",
            format!(
                "{GOOD}lots:\n  - {{ title: A, value: {{ amount: 9000000, currency: SEK }} }}\n  - {{ title: B, value: {{ amount: 9000000, currency: SEK }} }}\n"
            ),
            Some(7),
            "the lot values add up to 18",
        ),
        case(
            "lot in another currency",
            format!("{GOOD}lots:\n  - {{ title: A, value: {{ amount: 9000, currency: EUR }} }}\n"),
            Some(7),
            "the lot's value is in EUR but the total value is in SEK",
        ),
        case(
            "missing required key",
            GOOD.replace("title: Skötsel av parker\n", ""),
            Some(1),
            "the required key `title` is missing",
        ),
        case(
            "duplicate key",
            format!("{GOOD}title: Again\n"),
            Some(6),
            "the key `title` appears twice",
        ),
        case(
            "impossible date",
            format!("{GOOD}date: 2026-02-30\n"),
            Some(6),
            "`2026-02-30` is not a date in the calendar",
        ),
        case("empty file", "", None, "the file holds nothing to read"),
        case(
            "comments only",
            "# nothing yet\n",
            None,
            "the file holds nothing to read",
        ),
        case(
            "binary garbage",
            b"\x7fELF\x02\x01\x01\x00\x00\x00garbage".to_vec(),
            Some(1),
            "this looks like a binary file",
        ),
        case(
            "invalid UTF-8",
            b"title: ok\ndescription: caf\xe9\n".to_vec(),
            Some(2),
            "not valid UTF-8",
        ),
        case(
            "YAML syntax error",
            "title: \"unclosed\njurisdiction: se\n",
            // At the quote that opened it, not where the file ends.
            Some(1),
            "a quote is opened and not closed",
        ),
        case(
            "deeply nested YAML",
            format!("title: {}x{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            Some(1),
            "nested too deeply",
        ),
        case("alias bomb", alias_bomb(), Some(1), "unknown key `a`"),
        case(
            "string alias bomb",
            string_alias_bomb(),
            Some(1),
            "alias bomb",
        ),
        case(
            "one bad item among good ones",
            format!(
                "- {}\n- title: B\n  jurisdiction: se\n  type: services\n  value: {{ amount: -1, currency: SEK }}\n- {}\n",
                GOOD.trim_end().replace('\n', "\n  "),
                GOOD.trim_end().replace('\n', "\n  ")
            ),
            Some(9),
            "the amount is -1",
        ),
        case(
            "a bad second document",
            format!("{GOOD}---\n{}", GOOD.replace("services", "servises")),
            Some(9),
            "did you mean `services`?",
        ),
    ];
    assert!(cases.len() >= 15);
    let env = Env::new();
    for (i, c) in cases.iter().enumerate() {
        let file = format!("case{i}.yaml");
        env.write(&file, &c.input);
        let run = env.run(&["validate", &file]);
        assert_eq!(
            run.code, 2,
            "{}: exit code\n{}{}",
            c.name, run.stdout, run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "{}: {}",
            c.name,
            run.stderr
        );
        let place = match c.line {
            Some(line) => format!("error: {file}:{line}:"),
            None => file.clone(),
        };
        assert!(
            run.stderr.contains(&place),
            "{}: expected `{place}` in\n{}",
            c.name,
            run.stderr
        );
        assert!(
            run.stderr.contains(c.message),
            "{}: expected `{}` in\n{}",
            c.name,
            c.message,
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{}: {}", c.name, run.stdout);
    }
}

#[test]
fn files_over_the_size_limit_are_refused_without_reading_them() {
    let env = Env::new();
    // 200 MiB, as sparse files: nothing is written to disk, and nothing may be read.
    for (name, args) in [
        ("huge.yaml", vec!["validate", "huge.yaml"]),
        ("huge.txt", vec!["check", "huge.txt"]),
        (
            "huge.yaml",
            vec!["batch", "huge.yaml", "--out", "out", "--quiet"],
        ),
    ] {
        let file = std::fs::File::create(env.path().join(name)).unwrap();
        file.set_len(200 * 1024 * 1024).unwrap();
        let run = env.run(&args);
        run.expect_code(if args[0] == "batch" { 1 } else { 2 });
        let said = format!("{}{}", run.stdout, run.stderr);
        assert!(
            said.contains(&format!(
                "{name}: the file is larger than the limit of 50 MiB"
            )),
            "{said}"
        );
    }
}

#[test]
fn a_missing_file_is_named() {
    let env = Env::new();
    let run = env.run(&["validate", "nowhere.yaml"]);
    run.expect_code(2);
    run.expect_stderr("cannot read nowhere.yaml");
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    env.run(&["frobnicate"]).expect_code(2);
    env.run(&["init", "--jurisdiction", "sweden"])
        .expect_code(2);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::new();
    let many: String = (0..3000)
        .map(|i| format!("---\n{}", GOOD.replace("parker", &format!("parker {i}"))))
        .collect();
    env.write("many.yaml", many);
    let bin = assert_cmd::cargo::cargo_bin("socialclause");
    let status = std::process::Command::new("bash")
        .current_dir(env.path())
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' validate many.yaml 2>err.txt | head -n 1 >/dev/null",
            bin.display()
        ))
        .status()
        .unwrap();
    assert!(status.success(), "{:?}: {}", status, env.read("err.txt"));
    assert_eq!(env.read("err.txt"), "");
}

// ---------------------------------------------------------------------------------------
// The clause library.

#[test]
fn clauses_list_works_from_any_directory() {
    let env = Env::new();
    let run = env.run(&["clauses", "list"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("se-employment-requirement"),
        "{}",
        run.stdout
    );
    let json = env.run(&["clauses", "list", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(items.as_array().unwrap().len() >= 3);
}

#[test]
fn a_user_clause_replaces_the_default_with_the_same_id() {
    let env = Env::new();
    let original =
        std::fs::read_to_string(repo().join("clauses/se/se-employment-requirement.yaml")).unwrap();
    env.write(
        "mine/employment.yaml",
        original.replace(
            "Sysselsättningskrav – anställning",
            "Vårt sysselsättningskrav – anställning",
        ),
    );
    let run = env.run(&["--clauses", "mine", "clauses", "list", "--lang", "sv"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Vårt sysselsättningskrav"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("se-employment-requirement").count(), 1);
    let shown = env.run(&[
        "--clauses",
        "mine",
        "clauses",
        "show",
        "se-employment-requirement",
    ]);
    assert!(
        shown.stdout.starts_with("# mine/employment.yaml\n"),
        "{}",
        shown.stdout
    );

    let only = env.run(&[
        "--no-default-clauses",
        "--clauses",
        "mine",
        "clauses",
        "list",
    ]);
    assert!(only.stdout.ends_with("\n1 clause\n"), "{}", only.stdout);
}

#[test]
fn a_missing_clause_directory_is_an_error() {
    let env = Env::new();
    let run = env.run(&["--clauses", "nowhere", "clauses", "list"]);
    run.expect_code(2);
    run.expect_stderr("the clause directory nowhere does not exist");
}

#[test]
fn clauses_show_suggests_close_ids() {
    let env = Env::new();
    let run = env.run(&["clauses", "show", "se-employment-requirment"]);
    run.expect_code(2);
    run.expect_stderr("did you mean `se-employment-requirement`?");
    let json = env.run(&[
        "clauses",
        "show",
        "se-employment-requirement",
        "--format",
        "json",
    ]);
    json.expect_code(0);
    let clause: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(clause["category"], "targeted-recruitment");
}

#[test]
fn the_default_library_lints_clean() {
    let env = Env::new();
    let run = env.run(&["clauses", "lint"]);
    run.expect_code(0);
    assert!(
        run.stdout.ends_with("clauses, no problems\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn lint_names_every_problem_in_a_broken_library() {
    let env = Env::new();
    let good =
        std::fs::read_to_string(repo().join("tests/fixtures/clauses/scot-fixture.yaml")).unwrap();
    env.write("broken/ok.yaml", &good);
    env.write("broken/duplicate.yaml", &good);
    env.write(
        "broken/bad-regex.yaml",
        good.replace("id: scot-fixture", "id: bad-regex").replace(
            "'targeted (recruitment|training)'",
            "'targeted (recruitment'",
        ),
    );
    env.write(
        "broken/bad-var.yaml",
        good.replace("id: scot-fixture", "id: bad-var").replace(
            "shall fill at least {{places}} places",
            "shall fill at least {{placse}} places",
        ),
    );
    env.write(
        "broken/bad-example.yaml",
        good.replace("id: scot-fixture", "id: bad-example").replace(
            "Tenders are scored on price alone.",
            "Targeted recruitment is required.",
        ),
    );
    env.write(
        "broken/no-english.yaml",
        good.replace("id: scot-fixture", "id: no-english")
            .replace("  en: Targeted recruitment fixture\n", "  en: \"\"\n"),
    );
    env.write(
        "broken/unknown-key.yaml",
        good.replace("id: scot-fixture", "id: unknown-key")
            .replace("level: basic", "levle: basic"),
    );
    env.write(
        "broken/bad-template.yaml",
        good.replace("id: scot-fixture", "id: bad-template")
            .replace("{{places}} places", "{{#if places}} places"),
    );
    env.write(
        "broken/boundary.yaml",
        good.replace("id: scot-fixture", "id: boundary").replace(
            "'targeted (recruitment|training)'",
            "'targeted (recruitment|training)', '\\bårsarbete'",
        ),
    );
    env.write(
        "broken/s24.yaml",
        good.replace("id: scot-fixture", "id: s24")
            .replace("(asp 12), s.24\"", "(asp 12), s.24(1)(a)(i)\""),
    );
    env.write(
        "broken/eng-directive.yaml",
        good.replace("id: scot-fixture", "id: eng-directive")
            .replace("jurisdictions: [scotland]", "jurisdictions: [england]")
            .replace(
                "{ jurisdiction: scotland, cite: \"Procurement Reform (Scotland) Act 2014 (asp 12), s.24\" }",
                "{ jurisdiction: england, cite: \"Directive 2014/24/EU art. 70\" }",
            ),
    );
    env.write(
        "broken/se-award-17.yaml",
        good.replace("id: scot-fixture", "id: se-award-17")
            .replace("jurisdictions: [scotland]", "jurisdictions: [se]")
            .replace("instrument: contract-condition", "instrument: award-criterion")
            .replace(
                "{ jurisdiction: scotland, cite: \"Procurement Reform (Scotland) Act 2014 (asp 12), s.24\" }",
                "{ jurisdiction: se, cite: \"LOU (2016:1145) 17 kap. 1 §\" }",
            )
            .replace("  sv: En testfil.", "  sv: Enligt ch. 16 s. 3 får sociala aspekter vägas in."),
    );
    env.write(
        "broken/with-unknown.yaml",
        good.replace("id: scot-fixture", "id: with-unknown").replace(
            "shall fill at least {{places}} places",
            "shall fill at least {{places}} places{{#if annex.with.scot_nothing}}, and more{{/if}}",
        ),
    );
    env.write(
        "broken/english-notes.yaml",
        good.replace("id: scot-fixture", "id: english-notes")
            .replace("jurisdictions: [scotland]", "jurisdictions: [se]")
            .replace(
                "sources: [\"Test fixture\"]",
                "notes: Only in English.\nsources: [\"Test fixture\"]",
            ),
    );
    env.write("broken/binary.yaml", b"id: x\x00\n");
    env.write(
        "broken/bad-helper.yaml",
        good.replace("id: scot-fixture", "id: bad-helper").replace(
            "shall fill at least {{places}} places",
            "shall fill at least {{shout places}} places",
        ),
    );

    let run = env.run(&[
        "--no-default-clauses",
        "--clauses",
        "broken",
        "clauses",
        "lint",
    ]);
    run.expect_code(1);
    let out = &run.stdout;
    for expected in [
        "broken/ok.yaml:2:5: the id `scot-fixture` is used twice",
        "broken/bad-regex.yaml:",
        "`detect.present[0]` is not a valid pattern",
        "broken/bad-var.yaml:",
        "uses the unknown variable `placse`; did you mean `places`?",
        "broken/bad-example.yaml:",
        "the absent example 1 is classified as present, not absent",
        "broken/no-english.yaml:",
        "`title.en` is empty",
        "broken/unknown-key.yaml:",
        "unknown key `levle`",
        "broken/bad-template.yaml:",
        "the `en` text is not a valid template: a `{{…}}` expression is incomplete at line 1, column",
        "broken/binary.yaml:1:6: the file holds a NUL byte",
        "broken/boundary.yaml:",
        "`detect.present[1]` puts `\\b` beside a letter outside ASCII",
        "broken/bad-helper.yaml:",
        "the `en` text does not render: Helper not found shout",
        "the scaled target `places` needs both `min` and `max`",
        "broken/s24.yaml:11:",
        "section 24 of the Procurement Reform (Scotland) Act 2014 has no subsections",
        "broken/eng-directive.yaml:11:",
        "not Directive 2014/24/EU: cite the Act's section",
        "broken/se-award-17.yaml:11:",
        "award criteria are LOU 16 kap. (1 and 3 §§)",
        "`ch. 16 s. 3`: a Swedish citation is written the Swedish way",
        "broken/with-unknown.yaml: clause `with-unknown`: the text asks whether the annex carries `scot-nothing`, which is not a clause of the library",
        "broken/english-notes.yaml:",
        "the clause is usable in Sweden, so its notes need a Swedish version",
    ] {
        assert!(out.contains(expected), "expected `{expected}` in\n{out}");
    }
    assert!(out.contains("problems in a library of"), "{out}");
}

// ---------------------------------------------------------------------------------------
// Snapshots over a small fixed library, so that editing the real one does not churn them.

#[test]
fn clauses_list_formats() {
    let env = Env::new();
    let fixtures = repo().join("tests/fixtures/clauses");
    let dir = fixtures.to_str().unwrap();
    let table = env.run(&["--no-default-clauses", "--clauses", dir, "clauses", "list"]);
    table.expect_code(0);
    insta::assert_snapshot!("list_table", table.stdout);
    let swedish = env.run(&[
        "--no-default-clauses",
        "--clauses",
        dir,
        "clauses",
        "list",
        "--lang",
        "sv",
    ]);
    swedish.expect_code(0);
    insta::assert_snapshot!("list_table_sv", swedish.stdout);
    let md = env.run(&[
        "--no-default-clauses",
        "--clauses",
        dir,
        "clauses",
        "list",
        "--format",
        "md",
        "--lang",
        "sv",
    ]);
    insta::assert_snapshot!("list_md", md.stdout);
}

// ---------------------------------------------------------------------------------------
// JSON Schema for editors.

#[test]
fn schemas_are_json_schema_that_refuse_unknown_keys() {
    let env = Env::new();
    for (kind, required) in [
        (
            "procurement",
            vec!["title", "jurisdiction", "type", "value"],
        ),
        ("clause", vec!["id", "title", "category", "text"]),
    ] {
        let run = env.run(&["schema", kind]);
        run.expect_code(0);
        let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(schema["additionalProperties"], false, "{kind}");
        let listed: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for key in required {
            assert!(listed.contains(&key), "{kind}: {key} in {listed:?}");
        }
    }
    let procurement = env.run(&["schema", "procurement"]).stdout;
    assert!(procurement.contains("\"scotland\""));
    assert!(procurement.contains("^[0-9]{8}(-[0-9])?$"));
}

// ---------------------------------------------------------------------------------------
// `match`: duties with reasons.

#[test]
fn match_reports_duties_in_the_procurements_language() {
    let env = Env::new();
    let example = repo().join("examples/se-parkskotsel.yaml");
    let sv = env.run(&["match", example.to_str().unwrap()]);
    sv.expect_code(0);
    assert!(
        sv.stdout
            .contains("[gäller]          Över tröskelvärdet (above-threshold)"),
        "{}",
        sv.stdout
    );
    assert!(
        sv.stdout
            .contains("Rättslig grund: LOU (2016:1145) 17 kap. 2–5 §§"),
        "{}",
        sv.stdout
    );
    assert!(
        sv.stdout
            .contains("Detta är vägledning, inte juridisk rådgivning.")
    );
    let en = env.run(&["match", example.to_str().unwrap(), "--lang", "en"]);
    assert!(
        en.stdout
            .contains("[applies]         Above the threshold (above-threshold)"),
        "{}",
        en.stdout
    );
}

#[test]
fn match_json_has_the_documented_shape() {
    let env = Env::new();
    let example = repo().join("examples/scotland-school-refurbishment.yaml");
    let run = env.run(&["match", example.to_str().unwrap(), "--format", "json"]);
    run.expect_code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["date"], "2026-11-26");
    assert_eq!(
        json["procurement"]["title"],
        "Refurbishment of Riverside Primary School"
    );
    let duties = json["duties"].as_array().unwrap();
    let cb = duties
        .iter()
        .find(|d| d["id"] == "scotland-community-benefits")
        .unwrap();
    assert_eq!(cb["applies"], true);
    assert!(cb["cite"].as_str().unwrap().contains("s.25"));
    assert!(cb["reason"].as_str().unwrap().contains("4,000,000"));
    let lots = duties.iter().find(|d| d["id"] == "lots-reasons").unwrap();
    assert_eq!(lots["applies"], "unknown");

    let recommendation = json["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["clause"] == "scot-targeted-recruitment-training")
        .unwrap();
    assert_eq!(recommendation["status"], "recommended");
    assert_eq!(recommendation["category"], "targeted-recruitment");
    assert!(recommendation["score"].as_u64().unwrap() >= 3);
    assert!(recommendation["reasons"].as_array().unwrap().len() >= 3);
    assert_eq!(recommendation["params"]["opportunities"]["value"], 6.0);
    assert!(
        recommendation["params"]["opportunities"]["explain"]
            .as_str()
            .unwrap()
            .contains("rounded down")
    );
    assert!(
        recommendation["cites"][0]
            .as_str()
            .unwrap()
            .contains("Procurement Reform (Scotland) Act 2014")
    );
    assert!(recommendation["lots"].as_array().unwrap().is_empty());

    let checklist = json["checklist"].as_array().unwrap();
    assert!(checklist.len() >= 15);
    for item in checklist {
        for key in ["id", "status", "reason", "guidance"] {
            assert!(item[key].is_string(), "{key} in {item}");
        }
    }
    let years = checklist
        .iter()
        .find(|c| c["id"] == "years-trading")
        .unwrap();
    assert_eq!(years["status"], "fail");
}

#[test]
fn the_assessment_date_follows_option_then_file_then_epoch() {
    let env = Env::new();
    env.write(
        "p.yaml",
        "title: T\njurisdiction: eu\ntype: works\nvalue: { amount: 5404000, currency: EUR }\n",
    );
    env.write("dated.yaml", "title: T\njurisdiction: eu\ntype: works\ndate: 2025-12-31\nvalue: { amount: 5404000, currency: EUR }\n");
    let date_of = |run: util::Run| {
        run.expect_code(0);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        (
            json["date"].as_str().unwrap().to_string(),
            json["duties"][0]["applies"].clone(),
        )
    };
    let epoch = [("SOURCE_DATE_EPOCH", "1767225600")]; // 2026-01-01
    assert_eq!(
        date_of(env.run_with_env(&["match", "p.yaml", "--format", "json"], &epoch)),
        ("2026-01-01".into(), true.into())
    );
    assert_eq!(
        date_of(env.run_with_env(&["match", "dated.yaml", "--format", "json"], &epoch)),
        ("2025-12-31".into(), false.into())
    );
    assert_eq!(
        date_of(env.run_with_env(
            &[
                "match",
                "dated.yaml",
                "--format",
                "json",
                "--date",
                "2026-01-01"
            ],
            &epoch
        )),
        ("2026-01-01".into(), true.into())
    );
    let bad = env.run_with_env(&["match", "p.yaml"], &[("SOURCE_DATE_EPOCH", "yesterday")]);
    bad.expect_code(2);
    bad.expect_stderr("SOURCE_DATE_EPOCH is `yesterday`");
    env.run(&["match", "p.yaml", "--date", "2026-13-01"])
        .expect_code(2);
}

// ---------------------------------------------------------------------------------------
// Published notices (OCDS) as input. Expectations written by reading each file.

struct NoticeCase {
    file: &'static str,
    title: &'static str,
    buyer: &'static str,
    value: Option<f64>,
    cpv: &'static [&'static str],
    /// `None`: the notice has no lots; `Some(0)`: one lot, so not divided.
    lots: Option<usize>,
    jurisdiction: &'static str,
}

#[test]
fn every_real_notice_loads_with_what_it_says() {
    #[rustfmt::skip]
    let cases = [
        NoticeCase { file: "england/ocds-b5fd17-2fa4ddab-49ee-4631-a5eb-549c9d75fcda.json", title: "Martock Recreation Ground Maintenance Contract", buyer: "Martock Parish Council", value: Some(10_000.0), cpv: &["92000000"], lots: None, jurisdiction: "england" },
        NoticeCase { file: "england/ocds-b5fd17-3acef0bd-20d7-4df8-bbd7-01a3540dc2d6.json", title: "Placements Award Notice's", buyer: "Cambridgeshire County Council", value: None, cpv: &["85000000"], lots: None, jurisdiction: "england" },
        NoticeCase { file: "england/ocds-b5fd17-5eb34cca-1ce6-4e36-9061-2a1f984fbd05.json", title: "Lancashire Victim Services - Domestic Abuse", buyer: "Lancashire Constabulary", value: Some(8_000_000.0), cpv: &["85000000"], lots: None, jurisdiction: "england" },
        NoticeCase { file: "england/ocds-b5fd17-722f1926-a09e-4962-a7bb-b149a46b19b7.json", title: "1 Year Roof Replacement Programme", buyer: "LONDON BOROUGH OF HAVERING", value: Some(4_000_000.0), cpv: &["45261900"], lots: None, jurisdiction: "england" },
        NoticeCase { file: "england/ocds-b5fd17-b066d98f-cf7c-4581-a4c4-a97e41ce6911.json", title: "Truro Town Deal - Lemon Quay Supply & Install Raised Planters", buyer: "Corserv Solutions Ltd", value: Some(25_000.0), cpv: &["45000000", "71420000"], lots: None, jurisdiction: "england" },
        NoticeCase { file: "scotland/ocds-r6ebe6-0000530300.json", title: "Security Services and Cash Collection 0719", buyer: "Scotland Excel", value: Some(50_000_000.0), cpv: &["79710000", "79713000", "79715000", "79952000"], lots: Some(4), jurisdiction: "scotland" },
        NoticeCase { file: "scotland/ocds-r6ebe6-0000561475.json", title: "EVAR and FEVAR Consumables", buyer: "NHS Lanarkshire", value: Some(3_600_000.0), cpv: &["33184200"], lots: Some(2), jurisdiction: "scotland" },
        NoticeCase { file: "scotland/ocds-r6ebe6-0000567519.json", title: "Glasgow Residential Recovery Services", buyer: "Glasgow City Council", value: Some(7_500_000.0), cpv: &["85000000"], lots: Some(2), jurisdiction: "scotland" },
        NoticeCase { file: "scotland/ocds-r6ebe6-0000577171.json", title: "Tender for the Supply of School Transport Services 2019", buyer: "Angus Council", value: Some(12_500_000.0), cpv: &["60100000", "60112000", "60170000"], lots: Some(83), jurisdiction: "scotland" },
        NoticeCase { file: "scotland/ocds-r6ebe6-0000578499.json", title: "Early Prevention and Intervention Support Service for North Ayrshire Alcohol and Drug Partnership", buyer: "North Ayrshire Council", value: Some(900_000.0), cpv: &["85300000", "85000000"], lots: Some(0), jurisdiction: "scotland" },
        NoticeCase { file: "scotland/ocds-r6ebe6-0000578867.json", title: "Oral Nutrional Products", buyer: "The Common Services Agency (more commonly known as NHS National Services Scotland) ('NHS')", value: Some(2_668_000.0), cpv: &["33692300"], lots: Some(0), jurisdiction: "scotland" },
        NoticeCase { file: "scotland/ocds-r6ebe6-0000580868.json", title: "Condition Surveys and Associated Services", buyer: "APUC Limited", value: Some(2_800_000.0), cpv: &["71315300", "71315100", "71315200", "71621000", "79421000"], lots: Some(0), jurisdiction: "scotland" },
        NoticeCase { file: "scotland/ocds-r6ebe6-0000581263.json", title: "The Provision of Air Services between Glasgow Airport and Campbeltown, Tiree and Barra", buyer: "Transport Scotland", value: Some(20_000_000.0), cpv: &["60400000", "60410000", "60420000"], lots: Some(0), jurisdiction: "scotland" },
        NoticeCase { file: "wales/ocds-kuma6s-145986.json", title: "Highway Verge & Hedge Cutting with Tractor and Flail", buyer: "Carmarthenshire County Council", value: None, cpv: &["77111000", "77000000", "77100000", "77110000", "77112000", "77310000", "77313000", "77314000", "77314100", "45233139", "77300000", "77340000", "77342000"], lots: Some(20), jurisdiction: "wales" },
        NoticeCase { file: "wales/ocds-kuma6s-147810.json", title: "Cleaning of Educational and Other Establishments within Rhondda Cynon Taf CBC - Framework", buyer: "Rhondda Cynon Taf CBC", value: Some(16_800_000.0), cpv: &["90910000"], lots: Some(0), jurisdiction: "wales" },
    ];
    let env = Env::new();
    for c in &cases {
        let path = repo().join("tests/fixtures/ocds").join(c.file);
        let run = env.run(&["match", path.to_str().unwrap(), "--format", "json"]);
        run.expect_code(0);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let p = &json["procurement"];
        assert_eq!(p["title"], c.title, "{}", c.file);
        assert_eq!(p["authority"]["name"], c.buyer, "{}", c.file);
        assert_eq!(p["value"]["amount"].as_f64(), c.value, "{}", c.file);
        let cpv: Vec<&str> = p["cpv"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(cpv, c.cpv, "{}", c.file);
        assert_eq!(p["lots"].as_array().map(Vec::len), c.lots, "{}", c.file);
        assert_eq!(p["jurisdiction"], c.jurisdiction, "{}", c.file);
        // `techniques.hasFrameworkAgreement`, which these notices set to true.
        let framework = [
            "scotland/ocds-r6ebe6-0000530300.json",
            "scotland/ocds-r6ebe6-0000561475.json",
            "scotland/ocds-r6ebe6-0000578867.json",
            "scotland/ocds-r6ebe6-0000580868.json",
            "wales/ocds-kuma6s-145986.json",
            "wales/ocds-kuma6s-147810.json",
        ]
        .contains(&c.file);
        assert_eq!(
            p["framework"].as_bool(),
            framework.then_some(true),
            "{}",
            c.file
        );
        assert_eq!(
            p["notice"]["jurisdiction_from"]["ocid-prefix"]["prefix"]
                .as_str()
                .unwrap(),
            &p["id"].as_str().unwrap()[..11],
            "{}",
            c.file
        );
        // Without a value the threshold duty cannot be decided, and says so.
        if c.value.is_none() {
            assert_eq!(json["duties"][0]["applies"], "unknown", "{}", c.file);
        }
    }
}

#[test]
fn notices_carry_suitability_weights_and_dates() {
    let env = Env::new();
    let cf = repo()
        .join("tests/fixtures/ocds/england/ocds-b5fd17-2fa4ddab-49ee-4631-a5eb-549c9d75fcda.json");
    let json: serde_json::Value = serde_json::from_str(
        &env.run(&["match", cf.to_str().unwrap(), "--format", "json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(json["procurement"]["suitability"]["vcse"], true);
    assert_eq!(json["procurement"]["date"], "2025-03-11");
    assert_eq!(json["procurement"]["duration_months"], 36);
    let wales = repo().join("tests/fixtures/ocds/wales/ocds-kuma6s-145986.json");
    let json: serde_json::Value = serde_json::from_str(
        &env.run(&["match", wales.to_str().unwrap(), "--format", "json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(json["procurement"]["award"]["price"], 100.0);
    let price_only = json["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "price-only")
        .unwrap();
    assert_eq!(price_only["status"], "fail");
    let text = env.run(&["match", wales.to_str().unwrap()]);
    assert!(
        text.stdout
            .contains("from the ocid prefix ocds-kuma6s, Sell2Wales"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_release_package_gives_one_procurement_per_release() {
    let env = Env::new();
    let read =
        |f: &str| std::fs::read_to_string(repo().join("tests/fixtures/ocds").join(f)).unwrap();
    let package = format!(
        "{{\"uri\": \"test\", \"releases\": [{}, {}]}}",
        read("scotland/ocds-r6ebe6-0000561475.json"),
        read("england/ocds-b5fd17-722f1926-a09e-4962-a7bb-b149a46b19b7.json")
    );
    env.write("package.json", package);
    let run = env.run(&["validate", "package.json"]);
    run.expect_code(0);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("item 1: EVAR and FEVAR Consumables (scotland")
    );
    assert!(
        run.stdout
            .contains("item 2: 1 Year Roof Replacement Programme (england")
    );
}

#[test]
fn broken_and_foreign_json_are_refused_with_a_place() {
    let env = Env::new();
    env.write(
        "broken.json",
        "{\n  \"ocid\": \"ocds-r6ebe6-1\",\n  \"tender\": { \"title\": \"x\" \n}\n",
    );
    let run = env.run(&["match", "broken.json"]);
    run.expect_code(2);
    run.expect_stderr("error: broken.json:5:");
    run.expect_stderr("the JSON cannot be read");
    env.write("other.json", "{\"name\": \"a shopping list\"}");
    let run = env.run(&["match", "other.json"]);
    run.expect_code(2);
    run.expect_stderr("error: other.json:1:1: this JSON is not an OCDS notice");
    env.write(
        "unknown.json",
        "{\"ocid\": \"ocds-abcdef-1\", \"tender\": {\"title\": \"T\"}}",
    );
    let run = env.run(&["match", "unknown.json"]);
    run.expect_code(2);
    run.expect_stderr("--jurisdiction");
    env.run(&["match", "unknown.json", "--jurisdiction", "se"])
        .expect_code(0);
}

#[test]
fn the_clause_coverage_table_is_current() {
    let env = Env::new();
    let run = env.run(&["clauses", "list", "--format", "md"]);
    run.expect_code(0);
    let readme = std::fs::read_to_string(repo().join("clauses/README.md")).unwrap();
    let marker = "<!-- generated: socialclause clauses list --format md -->\n";
    let table = readme
        .split_once(marker)
        .expect("the README has the marker")
        .1;
    assert_eq!(
        table, run.stdout,
        "clauses/README.md is stale: regenerate its table"
    );
}

#[test]
fn the_library_covers_every_jurisdiction_and_category() {
    let env = Env::new();
    let run = env.run(&["clauses", "list", "--format", "json"]);
    run.expect_code(0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(items.len() >= 48, "{} clauses", items.len());
    let count = |j: &str| {
        items
            .iter()
            .filter(|c| {
                c["jurisdictions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x == j)
            })
            .count()
    };
    assert!(count("se") >= 14, "se: {}", count("se"));
    assert!(count("eu") >= 12, "eu: {}", count("eu"));
    assert!(count("scotland") >= 14, "scotland: {}", count("scotland"));
    assert!(count("england") >= 8, "england: {}", count("england"));
    for category in [
        "targeted-recruitment",
        "apprenticeships",
        "work-placements",
        "skills",
        "education-engagement",
        "supply-chain",
        "third-sector",
        "reserved-contract",
        "fair-work",
        "labour-conditions",
        "community",
        "equality-accessibility",
        "partnership",
        "monitoring",
    ] {
        assert!(
            items.iter().any(|c| c["category"] == category),
            "no clause in {category}"
        );
    }
    // Scotland did not adopt an Article 77-type reservation.
    let scottish_reservations: Vec<_> = items
        .iter()
        .filter(|c| {
            c["instrument"] == "reservation"
                && c["jurisdictions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x == "scotland")
        })
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        scottish_reservations,
        ["scot-reserved-supported-businesses"]
    );
}

// ---------------------------------------------------------------------------------------
// Documents: the annex and the checklist.

fn fixture_library() -> String {
    repo()
        .join("tests/fixtures/clauses")
        .to_str()
        .unwrap()
        .to_string()
}

fn document(env: &Env, kind: &str, example: &str, format: &str) -> String {
    let input = repo().join("examples").join(example);
    let lib = fixture_library();
    let run = env.run(&[
        "--no-default-clauses",
        "--clauses",
        &lib,
        kind,
        input.to_str().unwrap(),
        "--format",
        format,
    ]);
    run.expect_code(0);
    run.stdout
}

#[test]
fn annex_and_checklist_snapshots() {
    let env = Env::new();
    for (example, name) in [
        ("se-parkskotsel.yaml", "sv"),
        ("scotland-school-refurbishment.yaml", "en"),
    ] {
        for kind in ["annex", "checklist"] {
            insta::assert_snapshot!(
                format!("{kind}_{name}_md"),
                document(&env, kind, example, "md")
            );
            insta::assert_snapshot!(
                format!("{kind}_{name}_html"),
                document(&env, kind, example, "html")
            );
        }
    }
}

#[test]
fn documents_are_deterministic() {
    let env = Env::new();
    for format in ["html", "md", "json"] {
        let first = document(&env, "annex", "se-parkskotsel.yaml", format);
        let again = document(&env, "annex", "se-parkskotsel.yaml", format);
        assert_eq!(first, again, "{format}");
    }
}

#[test]
fn user_text_comes_out_literally() {
    let env = Env::new();
    let hostile = "<script>alert(1)</script> **bold** # {{title}} & \"q\"";
    env.write(
        "p.yaml",
        format!(
            "title: '{hostile}'\nid: '../../etc'\njurisdiction: scotland\ntype: works\nvalue: {{ amount: 5000000, currency: GBP }}\nauthority: {{ name: 'A & B <Council>' }}\npriorities: [young-people]\n"
        ),
    );
    let lib = fixture_library();
    let html = env.run(&["--no-default-clauses", "--clauses", &lib, "annex", "p.yaml"]);
    html.expect_code(0);
    assert!(!html.stdout.contains("<script>"), "{}", html.stdout);
    assert!(html.stdout.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; **bold** # {{title}} &amp; &quot;q&quot;"
    ));
    assert!(html.stdout.contains("A &amp; B &lt;Council&gt;"));
    let md = env.run(&[
        "--no-default-clauses",
        "--clauses",
        &lib,
        "annex",
        "p.yaml",
        "--format",
        "md",
    ]);
    assert!(md.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*bold\\*\\* \\# \\{\\{title\\}\\} &amp; \"q\""), "{}", md.stdout);
    // The file name comes from the id, made safe.
    env.run(&[
        "--no-default-clauses",
        "--clauses",
        &lib,
        "annex",
        "p.yaml",
        "-o",
        "out/",
    ])
    .expect_code(0);
    assert!(env.path().join("out/etc-annex.html").exists());
}

#[test]
fn the_section_25_texts_appear_exactly_when_the_duty_applies() {
    let env = Env::new();
    let lib = fixture_library();
    for (amount, expected) in [(4_000_000, true), (3_999_999, false)] {
        env.write(
            "p.yaml",
            format!("title: T\njurisdiction: scotland\ntype: works\ndate: 2026-06-01\nvalue: {{ amount: {amount}, currency: GBP }}\npriorities: [young-people]\n"),
        );
        let run = |kind: &str| {
            let md = env.run(&[
                "--no-default-clauses",
                "--clauses",
                &lib,
                kind,
                "p.yaml",
                "--format",
                "md",
            ]);
            md.expect_code(0);
            md.stdout
        };
        // The notice texts are for the buyer: in the checklist's drafting notes, never in the
        // bidders' annex.
        let (checklist, annex) = (run("checklist"), run("annex"));
        for label in [
            "For the contract notice (s.25(3))",
            "Draft for the award notice (s.25(4))",
        ] {
            assert_eq!(checklist.contains(label), expected, "{amount}: {label}");
            assert!(!annex.contains(label), "{amount}: {label}");
        }
    }
}

#[test]
fn document_outputs_follow_the_o_rules() {
    let env = Env::new();
    let example = repo().join("examples/eu-catering.yaml");
    let input = example.to_str().unwrap();
    // Several formats need a directory; a directory gets one file per format.
    env.run(&["annex", input, "--format", "html,md"])
        .expect_code(2);
    env.run(&["annex", input, "--format", "html,md,json", "-o", "docs/"])
        .expect_code(0);
    for ext in ["html", "md", "json"] {
        assert!(
            env.path()
                .join(format!("docs/mun-2026-031-annex.{ext}"))
                .exists(),
            "{ext}"
        );
    }
    // Existing files are kept unless --force.
    let again = env.run(&["annex", input, "-o", "docs/"]);
    again.expect_code(2);
    again.expect_stderr("exists already");
    env.run(&["annex", input, "-o", "docs/", "--force"])
        .expect_code(0);
    // One format to a file; never over the input.
    env.run(&["checklist", input, "-o", "list.md", "--format", "md"])
        .expect_code(0);
    assert!(
        env.read("list.md")
            .starts_with("# Checklist: work-integrating social enterprises")
    );
    env.write("p.yaml", std::fs::read_to_string(&example).unwrap());
    let over = env.run(&["annex", "p.yaml", "-o", "p.yaml", "--force"]);
    over.expect_code(2);
    over.expect_stderr("is the input");
    // Several procurements need a directory, and get distinct names.
    let batch = repo().join("examples/batch/municipal-services.yaml");
    env.run(&["annex", batch.to_str().unwrap()]).expect_code(2);
    env.run(&["annex", batch.to_str().unwrap(), "-o", "many/"])
        .expect_code(0);
    assert_eq!(
        std::fs::read_dir(env.path().join("many")).unwrap().count(),
        3
    );
}

#[test]
fn templates_can_be_overridden_file_by_file() {
    let env = Env::new();
    let example = repo().join("examples/eu-catering.yaml");
    let input = example.to_str().unwrap();
    env.write(
        "theme/style.css",
        "body { color: #000; } /* council theme */\n",
    );
    let run = env.run(&["--templates", "theme", "annex", input]);
    run.expect_code(0);
    assert!(run.stdout.contains("/* council theme */"));
    assert!(
        run.stdout.contains("<h1 id=\"annex\">"),
        "the page shell stays the built-in one"
    );

    let strings = std::fs::read_to_string(repo().join("templates/checklist/strings.yaml")).unwrap();
    env.write(
        "own/checklist/strings.yaml",
        strings.replace("Checklist: {{who}}", "WISE checklist"),
    );
    let run = env.run(&["--templates", "own", "checklist", input, "--format", "md"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .starts_with("# WISE checklist – School catering services"),
        "{}",
        run.stdout
    );

    env.write(
        "broken/checklist/strings.yaml",
        strings.replace("{{pass}} pass", "{{passes}} pass"),
    );
    env.write("broken/page.hbs", "<html>{{{body}}}{{footer}}</html>");
    let run = env.run(&["--templates", "broken", "checklist", input]);
    run.expect_code(2);
    run.expect_stderr("the page template uses the unknown variable `footer`");
    std::fs::remove_file(env.path().join("broken/page.hbs")).unwrap();
    let run = env.run(&["--templates", "broken", "checklist", input]);
    run.expect_code(2);
    run.expect_stderr("`checklist.summary.en` uses the unknown variable `passes`");

    let run = env.run(&["--templates", "nowhere", "checklist", input]);
    run.expect_code(2);
    run.expect_stderr("the template directory nowhere does not exist");
}

#[test]
fn annex_and_checklist_as_pdf() {
    let env = Env::new();
    let example = repo().join("examples/se-parkskotsel.yaml");
    env.run(&[
        "annex",
        example.to_str().unwrap(),
        "--format",
        "pdf,html",
        "-o",
        "out/",
    ])
    .expect_code(0);
    let pdf = std::fs::read(env.path().join("out/ks-2026-0142-annex.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    assert!(doc.get_pages().len() >= 5);
    let text = doc.extract_text(&[1]).unwrap();
    assert!(text.contains("Skötsel av parker och grönytor"), "{text}");
    // Standard output takes a PDF too, byte for byte the same.
    let run = assert_cmd::Command::cargo_bin("socialclause")
        .unwrap()
        .args(["annex", example.to_str().unwrap(), "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(run.stdout, pdf);
}

/// Each file written is named on standard error, with its pages and size, in the document's
/// language; `--quiet` says nothing. Output to a pipe is the document alone.
#[test]
fn written_files_are_named_unless_quiet() {
    let env = Env::new();
    let park = repo().join("examples/se-parkskotsel.yaml");
    let park = park.to_str().unwrap();
    let run = env.run(&["annex", park, "--format", "html,pdf", "-o", "out/"]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("skrev out/ks-2026-0142-annex.html ("),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with(" kB)"), "{}", lines[0]);
    let pdf = std::fs::read(env.path().join("out/ks-2026-0142-annex.pdf")).unwrap();
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    let kb = pdf.len().div_ceil(1024);
    assert_eq!(
        lines[1],
        format!("skrev out/ks-2026-0142-annex.pdf ({pages} sidor, {kb} kB)")
    );
    let quiet = env.run(&["annex", park, "-o", "q.html", "--quiet"]);
    quiet.expect_code(0);
    assert_eq!(quiet.stderr, "");
    let piped = env.run(&["annex", park, "--format", "pdf"]);
    piped.expect_code(0);
    assert!(piped.stdout.starts_with("%PDF-"));
    assert_eq!(piped.stderr, "");
}

/// PDF and Word bytes are refused on a terminal (run under `script`, which gives the command
/// one), with the `-o` to use instead.
#[test]
fn a_pdf_or_docx_is_not_written_to_a_terminal() {
    let env = Env::new();
    let park = repo().join("examples/se-parkskotsel.yaml");
    let bin = assert_cmd::cargo::cargo_bin("socialclause");
    for (command, refusal, magic) in [
        (
            format!("{} annex {} --format pdf", bin.display(), park.display()),
            "a PDF is not written to the terminal",
            "%PDF",
        ),
        (
            format!(
                "{} briefing {} -o - --format pdf",
                bin.display(),
                repo().join("examples").display()
            ),
            "a PDF is not written to the terminal",
            "%PDF",
        ),
        (
            format!(
                "{} checklist {} --format docx",
                bin.display(),
                park.display()
            ),
            "a DOCX is not written to the terminal",
            "PK",
        ),
    ] {
        let output = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(env.path())
            .env_remove("LC_ALL")
            .env("LANG", "C")
            .output()
            .expect("`script` (util-linux) runs");
        let text = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert!(text.contains(refusal), "{text}");
        assert!(text.contains("-o"), "{text}");
        assert!(!text.contains(magic), "{text}");
    }
}

#[test]
fn an_amount_written_as_people_write_it_gets_the_number_to_write() {
    let env = Env::new();
    let park = std::fs::read_to_string(repo().join("examples/se-parkskotsel.yaml")).unwrap();
    let value_line = park.lines().find(|l| l.starts_with("value:")).unwrap();
    env.write(
        "block.yaml",
        park.replace(value_line, "value:\n  amount: 1,5 MSEK\n  currency: SEK"),
    );
    // The file says `language: sv`, so the messages are Swedish.
    let run = env.run(&["validate", "block.yaml"]);
    run.expect_code(2);
    run.expect_stderr("fel sorts värde: hittade texten \"1,5 MSEK\"");
    run.expect_stderr("hjälp: skriv bara talet, i hela enheter: `1500000` för ”1,5 MSEK”");

    env.write(
        "flow.yaml",
        park.replace(value_line, "value: { amount: 1,5 MSEK, currency: SEK }"),
    );
    let run = env.run(&["validate", "flow.yaml"]);
    run.expect_code(2);
    run.expect_stderr("okänd nyckel `5 MSEK`");
    run.expect_stderr("”1,5 MSEK” delades i två: skriv `amount: 1500000`");

    env.write(
        "pounds.yaml",
        park.replace(value_line, "value: { amount: \"£1.2m\", currency: GBP }"),
    );
    let run = env.run(&["validate", "pounds.yaml"]);
    run.expect_code(2);
    run.expect_stderr("`1200000` för ”£1.2m”");
}

/// Four mistakes in one file are reported in one run, each at its line with its help, then
/// the count: a user fixes them all at once.
#[test]
fn every_mistake_in_a_file_is_reported_in_one_run() {
    let env = Env::new();
    env.write(
        "four.yaml",
        "title: Städning av skolor\njurisdiction: se\ntyp: services\ncpv: [\"9091000\"]\n\
         date: 05/12/2026\nvalue:\n  amount: 1,5 MSEK\n  currency: SEK\nduration_months: 36\n",
    );
    let run = env.run(&["validate", "four.yaml"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        "error: four.yaml:3:1: unknown key `typ`\n  \
         expected: one of `schema`, `id`, `title`, `jurisdiction`, `language`, `date`, \
         `authority`, `type`, `cpv`, `value`, `labour_share`, `framework`, `duration_months`, \
         `procedure`, `lots`, `description`, `priorities`, `tender_period_days`, \
         `qualification`, `award`, `social`, `award_criteria`, `suitability`, `annex`, \
         `clauses`\n  \
         help: did you mean `type`?\n\
         four.yaml:4:7: `9091000` is not a CPV code: a CPV code has 8 digits, such as \
         \"77310000\" or \"77310000-6\" (at `cpv[0]`)\n\
         four.yaml:5:7: `05/12/2026` is not a date; write it as YYYY-MM-DD, such as \
         2026-11-26 (at `date`)\n\
         four.yaml:7:11: wrong kind of value: found the text \"1,5 MSEK\" (at `value.amount`)\n  \
         expected: a number\n  \
         help: write the number alone, in whole units: `1500000` for \"1,5 MSEK\"; the \
         currency goes in `currency:`\n\
         4 problems\n"
    );
    // A Swedish locale gives the same report in Swedish, word for word.
    let run = env.run_with_env(&["validate", "four.yaml"], &[("LANG", "sv_SE.UTF-8")]);
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        "fel: four.yaml:3:1: okänd nyckel `typ`\n  \
         förväntat: ett av `schema`, `id`, `title`, `jurisdiction`, `language`, `date`, \
         `authority`, `type`, `cpv`, `value`, `labour_share`, `framework`, `duration_months`, \
         `procedure`, `lots`, `description`, `priorities`, `tender_period_days`, \
         `qualification`, `award`, `social`, `award_criteria`, `suitability`, `annex`, \
         `clauses`\n  \
         hjälp: menade du `type`?\n\
         four.yaml:4:7: `9091000` är inte en CPV-kod: en CPV-kod har 8 siffror, till exempel \
         \"77310000\" eller \"77310000-6\" (vid `cpv[0]`)\n\
         four.yaml:5:7: `05/12/2026` är inte ett datum; skriv det som ÅÅÅÅ-MM-DD, till exempel \
         2026-11-26 (vid `date`)\n\
         four.yaml:7:11: fel sorts värde: hittade texten \"1,5 MSEK\" (vid `value.amount`)\n  \
         förväntat: ett tal\n  \
         hjälp: skriv bara talet, i hela enheter: `1500000` för ”1,5 MSEK”; valutan anges i \
         `currency:`\n\
         4 fel\n"
    );
    // `language: sv` in the file does the same without the locale; `--lang en` overrides both.
    env.write(
        "fyra.yaml",
        format!(
            "language: sv\n{}",
            std::fs::read_to_string(env.path().join("four.yaml")).unwrap()
        ),
    );
    let run = env.run(&["match", "fyra.yaml"]);
    run.expect_code(2);
    run.expect_stderr("fel: fyra.yaml:4:1: okänd nyckel `typ`");
    run.expect_stderr("4 fel");
    let run = env.run_with_env(
        &["match", "fyra.yaml", "--lang", "en"],
        &[("LANG", "sv_SE.UTF-8")],
    );
    run.expect_stderr("error: fyra.yaml:4:1: unknown key `typ`");

    // Nothing was written for a bad input.
    let run = env.run(&["annex", "four.yaml", "-o", "annex.html"]);
    run.expect_code(2);
    assert!(!env.path().join("annex.html").exists());

    // A problem in a list item sets that item aside, and the next item is still read.
    env.write(
        "lots.yaml",
        "title: x\njurisdiction: se\ntype: services\nlots:\n  - title: A\n    valeu: 3\n  - titel: B\n",
    );
    let run = env.run(&["validate", "lots.yaml"]);
    run.expect_code(2);
    run.expect_stderr("lots.yaml:6:5: unknown key `valeu` (at `lots[0]`)");
    run.expect_stderr("lots.yaml:7:5: unknown key `titel` (at `lots[1]`)");
    run.expect_stderr("2 problems");

    // A syntax error stops the reading: one problem, where it stands.
    env.write("syntax.yaml", "title: a: b\njurisdiction: se\ntyp: y\n");
    let run = env.run(&["validate", "syntax.yaml"]);
    run.expect_code(2);
    assert!(!run.stderr.contains("problems"), "{}", run.stderr);
    assert!(!run.stderr.contains("`typ`"), "{}", run.stderr);
}

/// `match` opens with a summary a buyer can read at a glance; `--brief` prints only that; a
/// file of several procurements gives a JSON array, one assessment each.
#[test]
fn match_opens_with_a_summary_and_gives_an_array_for_several() {
    let env = Env::new();
    let park = repo().join("examples/se-parkskotsel.yaml");
    let park = park.to_str().unwrap();
    let full = env.run(&["match", park]);
    full.expect_code(0);
    let brief = env.run(&["match", park, "--brief"]);
    brief.expect_code(0);
    // The brief is the full report's beginning, with the closing disclaimer.
    let (opening, _disclaimer) = brief.stdout.trim_end().rsplit_once('\n').unwrap();
    assert!(
        full.stdout.starts_with(opening),
        "the full report starts with the summary"
    );
    let summary: Vec<&str> = brief
        .stdout
        .lines()
        .skip_while(|l| *l != "Sammanfattning")
        .take_while(|l| !l.is_empty())
        .collect();
    assert!((4..=15).contains(&summary.len()), "{}", summary.join("\n"));
    let summary = summary.join("\n");
    assert!(summary.contains("Gäller: Över tröskelvärdet; Arbetsrättsliga villkor."));
    assert!(summary.contains("Bilagan har 10 krav: se-award-employment-offer,"));
    assert!(summary.contains("Checklistan visar 3 hinder (Marknadsdialog med sociala företag;"));
    assert!(brief.stdout.lines().count() < 20, "{}", brief.stdout);
    assert!(full.stdout.lines().count() > 200);

    let text = std::fs::read_to_string(park).unwrap();
    env.write("two.yaml", format!("{text}---\n{text}"));
    let run = env.run(&["match", "two.yaml", "--format", "json"]);
    run.expect_code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let all = json.as_array().expect("an array for two procurements");
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .all(|a| a["procurement"]["title"] == "Skötsel av parker och grönytor")
    );
    let one = env.run(&["match", park, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    assert!(json.is_object(), "one procurement stays one object");
}

/// `schema assessment` describes what `match --format json` prints: every example's
/// assessment validates against it, and a broken one does not.
#[test]
fn every_assessment_validates_against_its_schema() {
    let env = Env::new();
    let schema = env.run(&["schema", "assessment"]);
    schema.expect_code(0);
    let schema: serde_json::Value = serde_json::from_str(&schema.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let run = env.run(&["match", path.to_str().unwrap(), "--format", "json"]);
        run.expect_code(0);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        checked += 1;

        let mut broken = json.clone();
        broken["duties"][0]["applies"] = serde_json::json!("perhaps");
        assert!(!validator.is_valid(&broken), "{}", path.display());
    }
    assert!(checked >= 8, "{checked} examples");
}

/// Every JSON output has a schema (`socialclause schema KIND`) that what the program writes
/// meets, and that a broken output fails. (The harness also checks every JSON output of every
/// test against its schema; this test makes sure each kind is produced at least once.)
#[test]
fn every_json_output_has_a_schema_it_meets() {
    use socialclause::cli::SchemaKind;
    let env = Env::new();
    for kind in ["annex", "checklist", "check", "batch", "briefing"] {
        let run = env.run(&["schema", kind]);
        run.expect_code(0);
        let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert!(jsonschema::validator_for(&schema).is_ok(), "{kind}");
    }
    let park = repo().join("examples/se-parkskotsel.yaml");
    let park = park.to_str().unwrap();
    let parse = |run: &Run| -> serde_json::Value {
        run.expect_code(0);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let broken = |kind: SchemaKind, mut json: serde_json::Value, pointer: &str| {
        assert!(util::schema_errors(kind, &json).is_empty(), "{kind:?}");
        *json
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{kind:?}: {pointer}")) =
            serde_json::json!({ "not": "this" });
        assert!(
            !util::schema_errors(kind, &json).is_empty(),
            "{kind:?} {pointer}"
        );
    };

    let annex = parse(&env.run(&["annex", park, "--format", "json", "-o", "-"]));
    broken(SchemaKind::Annex, annex, "/selection/0/params");
    let checklist = parse(&env.run(&["checklist", park, "--format", "json", "-o", "-"]));
    broken(
        SchemaKind::Checklist,
        checklist,
        "/assessment/duties/0/applies",
    );
    let tender = repo().join("tests/fixtures/check/tender.txt");
    let check = env.run(&["check", tender.to_str().unwrap(), "--format", "json"]);
    assert!(matches!(check.code, 0 | 1), "{}", check.stderr);
    let check: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    broken(SchemaKind::Check, check, "/documents/0/clauses/0/status");
    env.run(&["batch", park, "--out", "out", "--format", "json", "--quiet"])
        .expect_code(0);
    let summary: serde_json::Value = serde_json::from_str(&env.read("out/summary.json")).unwrap();
    broken(SchemaKind::Batch, summary, "/0/duties");
    let briefing = parse(&env.run(&["briefing", park, "-o", "-", "--format", "json"]));
    broken(SchemaKind::Briefing, briefing, "/document/blocks/0");
}

/// Every example's annex and checklist, and a briefing, as Word: sound packages (the harness
/// checks each file written), the same bytes on a second run, and a DOCX refused on a
/// terminal like a PDF.
#[test]
fn every_example_is_written_as_word_the_same_each_time() {
    let env = Env::new();
    let mut count = 0;
    for entry in std::fs::read_dir(repo().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        for kind in ["annex", "checklist"] {
            let first = format!("{name}-{kind}.docx");
            let again = format!("{name}-{kind}-again.docx");
            for out in [&first, &again] {
                env.run(&[kind, path.to_str().unwrap(), "--format", "docx", "-o", out])
                    .expect_code(0);
            }
            let a = std::fs::read(env.path().join(&first)).unwrap();
            assert_eq!(
                a,
                std::fs::read(env.path().join(&again)).unwrap(),
                "{first}"
            );
            assert!(a.starts_with(b"PK"), "{first}");
            count += 1;
        }
    }
    assert!(count >= 16, "{count} documents");
    env.run(&[
        "briefing",
        "--quiet",
        repo().join("examples").to_str().unwrap(),
        "-o",
        "b.docx",
    ])
    .expect_code(0);
    assert!(
        std::fs::read(env.path().join("b.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
    // Several formats to a folder, DOCX among them.
    let park = repo().join("examples/se-parkskotsel.yaml");
    env.run(&[
        "annex",
        park.to_str().unwrap(),
        "--format",
        "html,docx",
        "-o",
        "both/",
    ])
    .expect_code(0);
    assert!(env.path().join("both/ks-2026-0142-annex.docx").exists());
}

/// The annex JSON states the figures the annex text states: per lot where the text points to
/// a table (a reserved lot it does not apply to is `null`), a rate per call-off for a
/// framework, and never a whole-contract figure no supplier is bound by.
#[test]
fn the_annex_json_gives_the_figures_the_annex_states() {
    let env = Env::new();
    let clause = |json: &serde_json::Value, id: &str| -> serde_json::Value {
        json["selection"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["clause"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id}"))
    };
    let annex = |path: &str| -> serde_json::Value {
        let run = env.run(&["annex", path, "--format", "json", "-o", "-"]);
        run.expect_code(0);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let lots = repo().join("examples/se-lokalvard-reserverat-delkontrakt.yaml");
    let json = annex(lots.to_str().unwrap());
    assert!(
        json.get("assessment").is_none(),
        "nothing for the buyer alone"
    );
    let wise = clause(&json, "se-subcontracting-wise");
    assert!(wise["params"].get("wise_spend").is_none(), "{wise}");
    assert_eq!(
        wise["params_per_lot"]["Förskolor i norra området"]["wise_spend"],
        180000.0
    );
    assert!(wise["params_per_lot"]["Förskolor i södra området"].is_null());

    let park = std::fs::read_to_string(repo().join("examples/se-parkskotsel.yaml")).unwrap();
    env.write(
        "framework.yaml",
        park.replace("procedure: open", "procedure: open\nframework: true"),
    );
    let json = annex("framework.yaml");
    let text = serde_json::to_string(&json["document"]).unwrap();
    assert!(
        text.contains("Ramavtalets löptid"),
        "the framework's own term"
    );
    let employment = clause(&json, "se-employment-requirement");
    assert!(employment["params"].get("months").is_none(), "{employment}");
    assert_eq!(employment["call_off"]["months"]["each"], 6.0);
    assert_eq!(employment["call_off"]["months"]["per"]["amount"], 5000000.0);
}

/// A framework agreement longer than four years is a point for the buyer to check, with the
/// provision named and marked unconfirmed.
#[test]
fn a_long_framework_is_a_point_to_check() {
    let env = Env::new();
    let park = std::fs::read_to_string(repo().join("examples/se-parkskotsel.yaml")).unwrap();
    let framework = park.replace("procedure: open", "procedure: open\nframework: true");
    env.write("four.yaml", &framework);
    env.write(
        "six.yaml",
        framework.replace("duration_months: 48", "duration_months: 72"),
    );
    let notes = |file: &str| {
        let run = env.run(&["checklist", file, "--format", "md", "-o", "-"]);
        run.expect_code(0);
        run.stdout
    };
    assert!(!notes("four.yaml").contains("Ramavtalets löptid"));
    let six = notes("six.yaml");
    assert!(
        six.contains("Löptiden 72 månader är längre än de fyra år")
            && six.contains("7 kap. 2 § LOU")
            && six.contains("inte bekräftat av våra källor"),
        "{six}"
    );
}

//! `socialclause batch`: many procurements, failures isolated, safe and distinct folder names,
//! the same bytes as single runs.

use serde_json::Value;

use crate::util::{Env, repo};

fn procurement(i: usize) -> String {
    format!(
        "id: P-{i:03}\ntitle: Grounds maintenance {i}\njurisdiction: se\ntype: services\n\
         value: {{ amount: {}, currency: SEK }}\nduration_months: 24\n",
        1_000_000 + i * 100_000
    )
}

fn summary(env: &Env, out: &str) -> Vec<Value> {
    let text = env.read(&format!("{out}/summary.json"));
    serde_json::from_str::<Value>(&text)
        .expect("summary.json is JSON")
        .as_array()
        .expect("a list of rows")
        .clone()
}

#[test]
fn three_broken_of_300_are_named_and_the_rest_written() {
    let env = Env::new();
    let broken = [17, 150, 299];
    for i in 0..300 {
        let text = if broken.contains(&i) {
            // A misspelt key, a wrong value, and a YAML syntax error.
            match i {
                17 => procurement(i).replace("duration_months", "duraton_months"),
                150 => procurement(i).replace("jurisdiction: se", "jurisdiction: sverige"),
                _ => procurement(i).replace("type: services", "type: [services"),
            }
        } else {
            procurement(i)
        };
        env.write(&format!("in/p{i:03}.yaml"), text);
    }
    let run = env.run(&["batch", "in", "--out", "out", "--what", "annex", "--quiet"]);
    run.expect_code(1);
    assert!(
        run.stdout.starts_with("297 written, 3 failed"),
        "{}",
        run.stdout
    );
    let rows = summary(&env, "out");
    assert_eq!(rows.len(), 300);
    let failed: Vec<&Value> = rows.iter().filter(|r| r.get("error").is_some()).collect();
    let files: Vec<&str> = failed.iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["in/p017.yaml", "in/p150.yaml", "in/p299.yaml"]);
    assert!(
        failed[0]["error"]
            .as_str()
            .unwrap()
            .contains("duraton_months")
    );
    assert!(
        failed.iter().all(|r| r["line"].as_u64().is_some()),
        "{failed:?}"
    );
    for (i, row) in rows.iter().enumerate() {
        if broken.contains(&i) {
            assert!(row["outputs"].as_array().unwrap().is_empty());
            continue;
        }
        let written = row["outputs"][0].as_str().unwrap();
        assert_eq!(written, format!("p-{i:03}/annex.html"));
        assert!(env.path().join("out").join(written).is_file());
    }
    let csv = env.read("out/summary.csv");
    assert_eq!(csv.lines().count(), 301);
    assert!(csv.starts_with("file,document,item,id,title,jurisdiction,value"));
    // The progress bar is only for a terminal: nothing on stderr here.
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn one_bad_item_or_document_does_not_stop_its_file() {
    let env = Env::new();
    env.write(
        "in/many.yaml",
        format!(
            "{}---\ntitle: bad\njurisdiction: sweden\n---\n- {}\n- title: list bad\n  typo: 1\n- {}",
            procurement(1),
            procurement(2).replace('\n', "\n  ").trim_end(),
            procurement(3).replace('\n', "\n  ").trim_end(),
        ) + "\n",
    );
    let run = env.run(&["batch", "in/many.yaml", "--out", "out", "--quiet"]);
    run.expect_code(1);
    let rows = summary(&env, "out");
    let places: Vec<(u64, Option<u64>, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["document"].as_u64().unwrap(),
                r["item"].as_u64(),
                r.get("error").is_some(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (1, None, false),
            (2, None, true),
            (3, Some(1), false),
            (3, Some(2), true),
            (3, Some(3), false),
        ]
    );
    assert!(
        run.stdout
            .contains("in/many.yaml, document 3, item 2, line"),
        "{}",
        run.stdout
    );
}

#[test]
fn names_are_safe_and_distinct() {
    let env = Env::new();
    env.write("in/a.yaml", procurement(1).replace("P-001", "../../etc/x"));
    env.write("in/b.yaml", procurement(2).replace("P-002", "../../etc/x"));
    env.write("in/c.yaml", procurement(3).replace("P-003", "/"));
    let run = env.run(&[
        "batch",
        "in",
        "--out",
        "out",
        "--what",
        "checklist",
        "--quiet",
    ]);
    run.expect_code(0);
    let mut names: Vec<String> = std::fs::read_dir(env.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "etc-x",
            "etc-x-2",
            "procurement",
            "summary.csv",
            "summary.json"
        ]
    );
    assert!(!env.path().join("etc").exists());
    assert!(env.path().join("out/etc-x-2/checklist.html").is_file());
}

#[test]
fn batch_writes_the_bytes_a_single_run_writes() {
    let env = Env::new();
    let example = repo().join("examples/scotland-school-refurbishment.yaml");
    let example = example.to_str().unwrap();
    env.run(&[
        "batch",
        example,
        "--out",
        "out",
        "--format",
        "html,pdf,md,json",
        "--quiet",
    ])
    .expect_code(0);
    for kind in ["annex", "checklist"] {
        for format in ["html", "pdf", "md", "json"] {
            env.run(&[
                kind,
                example,
                "--format",
                format,
                "-o",
                &format!("single.{format}"),
                "--force",
            ])
            .expect_code(0);
            let single = std::fs::read(env.path().join(format!("single.{format}"))).unwrap();
            let batch =
                std::fs::read(env.path().join(format!("out/ec-2026-117/{kind}.{format}"))).unwrap();
            assert!(single == batch, "{kind}.{format} differs from a single run");
        }
    }
    // A second run replaces the files cleanly.
    env.run(&["batch", example, "--out", "out", "--quiet"])
        .expect_code(0);
}

#[test]
fn a_run_that_cannot_start_exits_2() {
    let env = Env::new();
    let run = env.run(&["batch", "nowhere", "--out", "out"]);
    run.expect_code(2);
    run.expect_stderr("nowhere");
    env.write("empty/readme.txt", "nothing here");
    let run = env.run(&["batch", "empty", "--out", "out"]);
    run.expect_code(2);
    run.expect_stderr("no .yaml, .yml or .json files");
    env.write("in/p.yaml", procurement(1));
    env.write("taken", "a file, not a folder");
    let run = env.run(&["batch", "in", "--out", "taken"]);
    run.expect_code(2);
}

/// Written files get the permissions of any new file (0666 less the umask), not the
/// owner-only ones of a temporary file.
#[cfg(unix)]
#[test]
fn written_files_are_as_readable_as_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let example = repo().join("examples/se-parkskotsel.yaml");
    env.run(&["annex", example.to_str().unwrap(), "-o", "annex.html"])
        .expect_code(0);
    let plain = env.write("plain.txt", "x");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.path().join("annex.html")), mode(&plain));
    env.run(&[
        "batch",
        example.to_str().unwrap(),
        "--out",
        "out",
        "--quiet",
    ])
    .expect_code(0);
    assert_eq!(mode(&env.path().join("out/summary.json")), mode(&plain));
    assert_eq!(
        mode(&env.path().join("out/ks-2026-0142/annex.html")),
        mode(&plain)
    );
}

/// A run killed halfway leaves whole files or none (each is written to a hidden temporary
/// file and renamed), and running again finishes the job.
#[cfg(unix)]
#[test]
fn a_killed_run_leaves_no_half_file() {
    let env = Env::new();
    for i in 0..200 {
        env.write(&format!("in/p{i:03}.yaml"), procurement(i));
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("socialclause"))
        .current_dir(env.path())
        .args([
            "batch", "in", "--out", "out", "--format", "html,md", "--quiet", "--jobs", "2",
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("the binary starts");
    // Kill it (SIGKILL) once some folders exist, well before the end.
    let started = std::time::Instant::now();
    while std::fs::read_dir(env.path().join("out")).map_or(0, |d| d.count()) < 20
        && started.elapsed() < std::time::Duration::from_secs(30)
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().expect("the run is killed");
    child.wait().expect("the run ends");
    let mut whole = 0;
    for entry in walk(&env.path().join("out")) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(".socialclause-") {
            continue; // a temporary file, never a result
        }
        let text = std::fs::read_to_string(&entry).unwrap();
        match entry.extension().and_then(|e| e.to_str()) {
            Some("html") => assert!(text.trim_end().ends_with("</html>"), "{}", entry.display()),
            Some("md") => assert!(!text.is_empty(), "{}", entry.display()),
            _ => {}
        }
        whole += 1;
    }
    assert!(whole > 0, "the run was killed before it wrote anything");
    assert!(
        !env.path().join("out/summary.json").exists(),
        "the summary appears only when a run ends"
    );
    env.run(&[
        "batch", "in", "--out", "out", "--format", "html,md", "--quiet",
    ])
    .expect_code(0);
    assert_eq!(summary(&env, "out").len(), 200);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

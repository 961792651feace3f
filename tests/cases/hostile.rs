//! Hostile input, generated at test time: every case ends in a clear error (exit 2, the place,
//! nothing written) or a correct result, never a panic, a hang or a partial file.

use std::io::Write;

use crate::util::{Env, repo};

const HEAD: &str = "title: T\njurisdiction: se\ntype: services\n";

#[test]
fn a_million_cpv_codes_are_refused_at_their_place() {
    let env = Env::new();
    let mut text = format!("{HEAD}value: {{ amount: 5000000, currency: SEK }}\ncpv:\n");
    for _ in 0..1_000_000 {
        text.push_str("  - '77313000'\n");
    }
    env.write("p.yaml", text);
    let run = env.run(&["annex", "p.yaml", "-o", "annex.html"]);
    run.expect_code(2);
    run.expect_stderr("p.yaml:6:3: the list has 1000000 entries; at most 1000 are read");
    assert!(!env.path().join("annex.html").exists());
}

#[test]
fn absurd_and_negative_zero_amounts_are_refused() {
    let env = Env::new();
    for (amount, message) in [
        (
            "1e300",
            "the amount 1e300 is larger than any public contract",
        ),
        ("-0", "the amount is -0; it must be more than zero"),
        ("-0.0", "the amount is -0; it must be more than zero"),
    ] {
        env.write(
            "p.yaml",
            format!("{HEAD}value: {{ amount: {amount}, currency: SEK }}\n"),
        );
        let run = env.run(&["annex", "p.yaml", "-o", "annex.html"]);
        run.expect_code(2);
        assert!(run.stderr.contains(message), "{amount}: {}", run.stderr);
        assert!(
            run.stderr.contains("p.yaml:4:18"),
            "{amount}: {}",
            run.stderr
        );
        assert!(!env.path().join("annex.html").exists());
    }
}

#[test]
fn right_to_left_and_combining_titles_render_in_every_format() {
    let env = Env::new();
    // Arabic and Hebrew (right to left), a right-to-left override, and combining marks.
    let title = "مناقصة تنظيف עבודות ניקיון \u{202E}reversed\u{202C} Ska\u{0308}rgård e\u{0301}\u{0301}\u{0301}";
    env.write(
        "p.yaml",
        format!(
            "title: \"{title}\"\njurisdiction: se\ntype: services\nvalue: {{ amount: 12000000, currency: SEK }}\n"
        ),
    );
    env.run(&[
        "annex",
        "p.yaml",
        "-o",
        "out/",
        "--format",
        "html,md,pdf,json",
    ])
    .expect_code(0);
    let names: Vec<String> = std::fs::read_dir(env.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    for name in &names {
        assert!(
            std::fs::metadata(env.path().join("out").join(name))
                .unwrap()
                .len()
                > 500,
            "{name}"
        );
        // No direction override in a file name.
        assert!(!name.contains('\u{202E}'), "{name}");
    }
    let html = names.iter().find(|n| n.ends_with(".html")).unwrap();
    let text = env.read(&format!("out/{html}"));
    assert!(text.contains(title), "the title comes out as written");
    env.run(&["check", &format!("out/{html}"), "--format", "json"])
        .expect_code(0);
}

#[test]
fn user_text_comes_out_literally_from_every_field() {
    let env = Env::new();
    let hostile = "<script>alert(1)</script> **b** [x](javascript:alert(1)) {{procurement.title}} {{> page}} &amp;";
    env.write(
        "p.yaml",
        format!(
            "id: '{hostile}'\ntitle: '{hostile}'\njurisdiction: se\ntype: services\n\
             value: {{ amount: 12000000, currency: SEK }}\ndescription: '{hostile}'\n\
             authority: {{ name: '{hostile}', region: '{hostile}' }}\n\
             lots:\n  - {{ title: '{hostile}', value: {{ amount: 6000000, currency: SEK }} }}\n  - {{ title: 'B', value: {{ amount: 6000000, currency: SEK }} }}\n"
        ),
    );
    let html = env.run(&["annex", "p.yaml", "-o", "-"]);
    html.expect_code(0);
    assert!(
        !html.stdout.contains("<script>alert"),
        "no markup gets through"
    );
    assert!(
        !html.stdout.contains("href=\"javascript"),
        "no link gets made"
    );
    assert!(
        html.stdout
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    // Handlebars in user text is text, not a template.
    assert!(
        html.stdout.contains("{{procurement.title}} {{&gt; page}}"),
        "{}",
        html.stdout
    );
    assert!(html.stdout.contains("&amp;amp;"));
    let md = env.run(&["annex", "p.yaml", "-o", "-", "--format", "md"]);
    md.expect_code(0);
    assert!(!md.stdout.contains("<script>"));
    assert!(
        md.stdout.contains("\\[x\\](javascript:alert(1))"),
        "brackets are escaped, so no link"
    );
    let pdf = env.run(&["annex", "p.yaml", "-o", "a.pdf", "--format", "pdf"]);
    pdf.expect_code(0);
}

#[test]
fn template_overrides_that_loop_or_name_a_missing_partial_are_refused() {
    let env = Env::new();
    let input = repo().join("examples/se-parkskotsel.yaml");
    let input = input.to_str().unwrap();
    for (page, expected) in [
        ("<html>{{> missing}}{{{body}}}</html>", "page.hbs"),
        ("<html>{{> page}}{{{body}}}</html>", "page.hbs"),
        ("<html>{{#each body}}{{this}}{{/each}}", "page.hbs"),
    ] {
        env.write("theme/page.hbs", page);
        let run = env.run(&["--templates", "theme", "annex", input, "-o", "annex.html"]);
        run.expect_code(2);
        assert!(run.stderr.contains(expected), "{page}: {}", run.stderr);
        assert!(!env.path().join("annex.html").exists(), "{page}");
    }
}

#[cfg(unix)]
#[test]
fn outputs_through_symlinks_and_dot_dot() {
    use std::os::unix::fs::symlink;
    let env = Env::new();
    let input = repo().join("examples/se-parkskotsel.yaml");
    let input = input.to_str().unwrap();
    // `..` in a path is the user's to choose, and it lands where it says.
    std::fs::create_dir_all(env.path().join("a/b")).unwrap();
    env.run(&["annex", input, "-o", "a/b/../annex.html"])
        .expect_code(0);
    assert!(env.path().join("a/annex.html").is_file());
    // A symlink to a file is not written through: refused without --force, replaced with it,
    // and the file it pointed to is left as it was.
    env.write("precious.txt", "keep me");
    symlink(
        env.path().join("precious.txt"),
        env.path().join("link.html"),
    )
    .unwrap();
    let run = env.run(&["annex", input, "-o", "link.html"]);
    run.expect_code(2);
    run.expect_stderr("exists already");
    env.run(&["annex", input, "-o", "link.html", "--force"])
        .expect_code(0);
    assert_eq!(env.read("precious.txt"), "keep me");
    assert!(
        !std::fs::symlink_metadata(env.path().join("link.html"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A symlinked folder is a folder.
    std::fs::create_dir(env.path().join("real")).unwrap();
    symlink(env.path().join("real"), env.path().join("dir")).unwrap();
    env.run(&["annex", input, "-o", "dir/", "--format", "md"])
        .expect_code(0);
    assert!(env.path().join("real/ks-2026-0142-annex.md").is_file());
    // Batch names stay inside --out whatever the id says.
    env.write(
        "p.yaml",
        format!("id: '../../../x'\n{HEAD}value: {{ amount: 5000000, currency: SEK }}\n"),
    );
    env.run(&["batch", "p.yaml", "--out", "dir/batch", "--quiet"])
        .expect_code(0);
    assert!(env.path().join("real/batch/x/annex.html").is_file());
}

#[test]
fn a_docx_that_unpacks_beyond_the_limit_is_refused() {
    let env = Env::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..60 {
        zip.write_all(&chunk).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
    env.write("bomb.docx", bytes);
    let run = env.run(&["check", "bomb.docx"]);
    run.expect_code(2);
    run.expect_stderr("unpacks to more than 50 MiB");
}

#[test]
fn deeply_nested_html_and_unclosed_markup_are_read() {
    let env = Env::new();
    let mut html = "<div>".repeat(100_000);
    html.push_str("Community benefits are included in this requirement.");
    html.push_str(&"<b".repeat(10_000));
    env.write("deep.html", html);
    let run = env.run(&[
        "check",
        "deep.html",
        "--jurisdiction",
        "scotland",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains("\"scot-community-benefits-notice\""));
    assert!(run.stdout.contains("\"present\""));
}

/// An alias bomb in a batch fails once and ends its file, instead of failing every later
/// item over again (which took minutes).
#[test]
fn an_alias_bomb_in_a_batch_ends_its_file() {
    let env = Env::new();
    let mut text = format!(
        "- {{ title: &t \"{}\", jurisdiction: se, type: works, value: {{ amount: 1, currency: SEK }} }}\n",
        "x".repeat(1_000_000)
    );
    for _ in 0..20_000 {
        text.push_str(
            "- { title: *t, jurisdiction: se, type: works, value: { amount: 1, currency: SEK } }\n",
        );
    }
    env.write("bomb.yaml", text);
    let run = env.run(&[
        "batch",
        "bomb.yaml",
        "--out",
        "out",
        "--what",
        "checklist",
        "--quiet",
    ]);
    run.expect_code(1);
    assert!(run.stdout.contains("1 failed"), "{}", run.stdout);
    assert!(run.stdout.contains("alias bomb"), "{}", run.stdout);
}

/// Thousands of bad items in one file: the first 100 are reported and the rest of the file
/// is not read, so the run stays fast.
#[test]
fn a_file_of_thousands_of_bad_items_stops_after_100() {
    let env = Env::new();
    let text: String = (0..20_000)
        .map(|i| format!("- {{ title: T{i}, jurisdiction: se, typo: 1 }}\n"))
        .collect();
    env.write("bad.yaml", text);
    let run = env.run(&["batch", "bad.yaml", "--out", "out", "--quiet"]);
    run.expect_code(1);
    assert!(
        run.stdout.starts_with("0 written, 101 failed"),
        "{}",
        &run.stdout[..200]
    );
    assert!(
        run.stdout.contains(
            "100 procurements of this file could not be read; the rest of it is not read"
        ),
        "{}",
        run.stdout
    );
}

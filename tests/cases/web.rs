//! The web page of `socialclause serve`, as a browser without JavaScript speaks to it: forms
//! sent as `application/x-www-form-urlencoded` or `multipart/form-data`, pages and files back.
//! (CI's `.ci/web.js` walks the same page in Chromium, with axe at every state.)

use regex::Regex;

use crate::serve::{Answer, Server, example};
use crate::util::{Env, repo};

/// The fields of the page's procurement form as a browser sends them, buttons left out.
fn form_pairs(html: &str) -> Vec<(String, String)> {
    let start = html
        .find("<form method=\"post\" action=\"/#result-heading\"")
        .expect("the form");
    let end = start + html[start..].find("</form>").expect("the form's end");
    let form = &html[start..end];
    let tag = Regex::new(r#"(?s)<(input|select|textarea)\b([^>]*)>"#).unwrap();
    let attr = |attrs: &str, name: &str| {
        Regex::new(&format!(r#"\b{name}="([^"]*)""#))
            .unwrap()
            .captures(attrs)
            .map(|c| unescape(&c[1]))
    };
    let selected = Regex::new(r#"<option value="([^"]*)" selected>"#).unwrap();
    let mut pairs = Vec::new();
    for m in tag.captures_iter(form) {
        let (kind, attrs) = (&m[1], &m[2]);
        let Some(name) = attr(attrs, "name") else {
            continue;
        };
        let after = &form[m.get(0).unwrap().end()..];
        match kind {
            "input" => {
                let kind = attr(attrs, "type").unwrap_or_default();
                if kind == "checkbox" && !attrs.contains(" checked") {
                    continue;
                }
                pairs.push((name, attr(attrs, "value").unwrap_or_default()));
            }
            "textarea" => {
                let text = &after[..after.find("</textarea>").unwrap()];
                pairs.push((name, unescape(text)));
            }
            _ => {
                let options = &after[..after.find("</select>").unwrap()];
                let chosen = selected
                    .captures(options)
                    .map(|c| unescape(&c[1]))
                    .unwrap_or_default();
                pairs.push((name, chosen));
            }
        }
    }
    pairs
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn set(pairs: &mut Vec<(String, String)>, name: &str, value: &str) {
    pairs.retain(|(n, _)| n != name);
    pairs.push((name.to_string(), value.to_string()));
}

fn encode(pairs: &[(String, String)]) -> Vec<u8> {
    let part = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(n, v)| format!("{}={}", part(n), part(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

const FORM: &str = "application/x-www-form-urlencoded";

fn send(server: &Server, path: &str, pairs: &[(String, String)]) -> Answer {
    server.post(path, FORM, &encode(pairs))
}

/// A `multipart/form-data` body: text fields, then a file.
fn multipart(fields: &[(&str, &str)], file: (&str, &[u8])) -> (String, Vec<u8>) {
    let boundary = "----socialclause-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
            file.0
        )
        .as_bytes(),
    );
    body.extend_from_slice(file.1);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn text(answer: &Answer) -> String {
    String::from_utf8(answer.body.clone()).expect("a UTF-8 page")
}

/// The annex page filled from an uploaded file, assessed.
fn uploaded(server: &Server, name: &str, bytes: &[u8], ui: &str) -> String {
    let (content_type, body) = multipart(&[("ui", ui)], (name, bytes));
    let answer = server.post("/upload", &content_type, &body);
    let page = text(&answer);
    assert_eq!(answer.status, 200, "{page}");
    page
}

#[test]
fn the_page_speaks_the_browser_s_language_and_loads_nothing_inline() {
    let server = Server::start(&[]);
    let get = |path: &str, accept: &str| {
        let answer = server.request_with("GET", path, &[("Accept-Language", accept)], b"");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.header("content-type"), "text/html; charset=utf-8");
        text(&answer)
    };
    let swedish = get("/", "sv-SE,sv;q=0.9,en;q=0.8");
    assert!(swedish.contains("<html lang=\"sv\">"));
    assert!(swedish.contains("<h1>Bilaga med sociala krav</h1>"));
    assert!(get("/", "en-GB,en;q=0.9").contains("<h1>Social clauses annex</h1>"));
    assert!(get("/", "de-DE").contains("<html lang=\"en\">"));
    assert!(get("/", "de, en;q=0.5, sv;q=0.7").contains("<html lang=\"sv\">"));
    assert!(get("/?lang=sv", "en").contains("<html lang=\"sv\">"));
    // Enter in any field presses the form's first button: a hidden one that assesses, before
    // the language switch and the row buttons.
    let first = &swedish[swedish.find("<button").unwrap()..];
    assert!(
        first.starts_with(
            "<button type=\"submit\" form=\"procurement\" name=\"action\" value=\"assess\""
        ),
        "{}",
        &first[..120]
    );
    assert!(get("/check?lang=sv", "en").contains("<h1>Granska ett förfrågningsunderlag</h1>"));
    // Scripts and styles only from the server, never inline: the policy forbids inline ones.
    let inline = Regex::new(r"<script>|<style").unwrap();
    for page in [&swedish, &get("/check", "en")] {
        assert!(!page.contains("style=\""), "an inline style");
        assert!(!inline.is_match(page), "an inline script or style");
    }
    let answer = server.request("GET", "/", None, b"");
    let policy = answer.header("content-security-policy");
    assert!(
        policy.contains("script-src 'self'") && policy.contains("form-action 'self'"),
        "{policy}"
    );
    for (path, kind) in [
        ("/static/web.css", "text/css"),
        ("/static/web.js", "text/javascript"),
    ] {
        let answer = server.request("GET", path, None, b"");
        assert_eq!(answer.status, 200);
        assert!(answer.header("content-type").starts_with(kind));
    }
}

#[test]
fn the_page_saves_the_file_that_makes_the_same_documents_with_the_buyer_s_ticks() {
    let server = Server::start(&[]);
    let env = Env::new();
    let page = uploaded(
        &server,
        "se-parkskotsel.yaml",
        &example("se-parkskotsel.yaml"),
        "sv",
    );
    assert!(page.contains("id=\"result-heading\""), "no assessment");
    assert!(page.contains("Formuläret är ifyllt från se-parkskotsel.yaml."));
    let mut pairs = form_pairs(&page);
    assert_eq!(
        pairs
            .iter()
            .find(|(n, _)| n == "title")
            .map(|(_, v)| v.as_str()),
        Some("Skötsel av parker och grönytor")
    );
    // The buyer unticks the first clause the annex carries and sets one target by hand.
    let ticked: Vec<String> = pairs
        .iter()
        .filter(|(n, _)| n == "tick")
        .map(|(_, v)| v.clone())
        .collect();
    assert!(ticked.len() >= 2, "{ticked:?}");
    let dropped = ticked[0].clone();
    pairs.retain(|(n, v)| !(n == "tick" && *v == dropped));
    let (param, _) = pairs
        .iter()
        .find(|(n, _)| n.starts_with("param/") && !n.contains(&format!("/{dropped}/")))
        .cloned()
        .expect("a target to set");
    set(&mut pairs, &param, "7");
    // A target changed on the clause that is then unticked goes with it, with no error.
    let dropped_param = pairs
        .iter()
        .find(|(n, _)| n.starts_with(&format!("param/{dropped}/")))
        .map(|(n, _)| n.clone())
        .expect("the dropped clause has a target");
    set(&mut pairs, &dropped_param, "3");

    pairs.push(("get".into(), "procurement.yaml".into()));
    let saved = send(&server, "/download", &pairs);
    assert_eq!(saved.status, 200, "{}", text(&saved));
    assert_eq!(
        saved.header("content-type"),
        "application/yaml; charset=utf-8"
    );
    assert!(saved.header("content-disposition").ends_with(".yaml\""));
    let yaml = text(&saved);
    assert!(
        yaml.contains(&format!("  exclude:\n    - \"{dropped}\"")),
        "{yaml}"
    );
    assert!(!yaml.contains(&format!("    \"{dropped}\":")), "{yaml}");
    let (_, clause, name) = {
        let mut parts = param.splitn(3, '/');
        (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        )
    };
    assert!(
        yaml.contains(&format!("    \"{clause}\":\n      \"{name}\": 7")),
        "{yaml}"
    );

    set(&mut pairs, "get", "annex.pdf");
    let pdf = send(&server, "/download", &pairs);
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    // The command line makes the same bytes from the saved file.
    let file = env.write("saved.yaml", &yaml);
    env.run(&[
        "annex",
        file.to_str().unwrap(),
        "--format",
        "pdf",
        "-o",
        "cli.pdf",
        "-q",
    ])
    .expect_code(0);
    let cli = std::fs::read(env.path().join("cli.pdf")).unwrap();
    assert!(
        cli == pdf.body,
        "the page's PDF differs from the command line's"
    );

    for get in [
        "annex.docx",
        "annex.html",
        "annex.md",
        "checklist.pdf",
        "checklist.md",
    ] {
        set(&mut pairs, "get", get);
        let answer = send(&server, "/download", &pairs);
        assert_eq!(answer.status, 200, "{get}");
        assert!(
            answer
                .header("content-disposition")
                .ends_with(&format!("-{get}\"")),
            "{get}"
        );
    }
    // The page after updating keeps the ticks as the buyer left them.
    set(&mut pairs, "action", "assess");
    pairs.retain(|(n, _)| n != "get");
    let again = text(&send(&server, "/", &pairs));
    assert!(
        again.contains(&format!("name=\"tick\" value=\"{dropped}\">")),
        "{dropped} is ticked again"
    );
    assert!(again.contains(&format!("name=\"{param}\" value=\"7\"")));
}

#[test]
fn a_field_s_error_is_beside_it_worded_as_the_command_line_words_it() {
    let server = Server::start(&[]);
    let env = Env::new();
    let page = uploaded(
        &server,
        "se-parkskotsel.yaml",
        &example("se-parkskotsel.yaml"),
        "sv",
    );
    let mut pairs = form_pairs(&page);
    // The buyer unticks a clause, then makes a mistake: the tick is not lost.
    let dropped = pairs
        .iter()
        .find(|(n, _)| n == "tick")
        .map(|(_, v)| v.clone())
        .unwrap();
    pairs.retain(|(n, v)| !(n == "tick" && *v == dropped));
    set(&mut pairs, "amount", "tolv miljoner");
    let answer = send(&server, "/", &pairs);
    assert_eq!(answer.status, 400);
    let page = text(&answer);
    let mut again = form_pairs(&page);
    assert!(again.contains(&("shown".to_string(), dropped.clone())));
    assert!(
        !again.contains(&("tick".to_string(), dropped.clone())),
        "{dropped} ticked again"
    );
    set(&mut again, "amount", "12000000");
    let fixed = text(&send(&server, "/", &again));
    assert!(
        fixed.contains(&format!("name=\"tick\" value=\"{dropped}\">")),
        "{dropped} is ticked again after the mistake is put right"
    );
    assert!(
        page.contains("<a href=\"#f-amount\">"),
        "the summary links to the field"
    );
    let field = Regex::new(r#"(?s)<div class="field has-error">\n<label for="f-amount">.*?<p class="error" id="e-f-amount-0"><span class="visually-hidden">Fel: </span>([^<]*)</p>"#)
        .unwrap()
        .captures(&page)
        .map(|c| unescape(&c[1]))
        .expect("the error beside the value field");
    // The same text the command line gives for the same file.
    let file = env.write("bad.yaml", "title: x\njurisdiction: se\ntype: services\nvalue:\n  amount: \"tolv miljoner\"\n  currency: SEK\n");
    let run = env.run(&["validate", file.to_str().unwrap(), "--lang", "sv"]);
    run.expect_code(2);
    let cli = run.stderr.clone();
    let message = cli.lines().next().unwrap().splitn(3, ": ").nth(2).unwrap();
    assert!(field.starts_with(message), "page: {field}\ncli: {cli}");
    assert!(field.contains("Förväntat: ett tal"), "{field}");
    // An empty form names every required field at once, as the loader names each.
    let empty = vec![
        ("ui".to_string(), "en".to_string()),
        ("action".to_string(), "assess".to_string()),
    ];
    let answer = send(&server, "/", &empty);
    assert_eq!(answer.status, 400);
    let page = text(&answer);
    for (field, key) in [
        ("title", "title"),
        ("jurisdiction", "jurisdiction"),
        ("type", "type"),
        ("amount", "value"),
    ] {
        assert!(
            page.contains(&format!(
                "<a href=\"#f-{field}\">the required key `{key}` is missing</a>"
            )),
            "{field}"
        );
    }
    // Nothing to download from a form with an error: the page comes back with it.
    pairs.push(("get".into(), "annex.pdf".into()));
    let answer = send(&server, "/download", &pairs);
    assert_eq!(answer.status, 400);
    assert_eq!(answer.header("content-type"), "text/html; charset=utf-8");
}

#[test]
fn the_form_s_buttons_add_rows_and_find_cpv_codes_without_a_script() {
    let server = Server::start(&[]);
    let fresh = vec![("ui".to_string(), "en".to_string())];
    let mut pairs = fresh.clone();
    set(&mut pairs, "action", "add-lot");
    let page = text(&send(&server, "/", &pairs));
    assert!(page.contains("name=\"lot-0-title\""));
    assert!(
        !page.contains("error-summary"),
        "a row button on an empty form shows no errors"
    );
    let mut pairs = form_pairs(&page);
    set(&mut pairs, "lot-0-title", "North");
    set(&mut pairs, "action", "add-lot");
    let page = text(&send(&server, "/", &pairs));
    assert!(page.contains("name=\"lot-1-title\"") && page.contains("value=\"North\""));
    let mut pairs = form_pairs(&page);
    set(&mut pairs, "action", "remove-lot-0");
    let page = text(&send(&server, "/", &pairs));
    assert!(!page.contains("name=\"lot-1-title\"") && !page.contains("value=\"North\""));

    // Switching the language sends the form: nothing typed is lost.
    set(&mut pairs, "action", "switch-sv");
    let page = text(&send(&server, "/", &pairs));
    assert!(page.contains("<html lang=\"sv\">") && page.contains("Delkontrakt 1"));
    assert!(page.contains("value=\"switch-en\""));

    let mut pairs = fresh.clone();
    set(&mut pairs, "cpv_query", "parks maintenance");
    set(&mut pairs, "action", "find-cpv");
    let page = text(&send(&server, "/", &pairs));
    assert!(page.contains("value=\"add-cpv-77313000\""), "{page}");
    let mut pairs = form_pairs(&page);
    set(&mut pairs, "action", "add-cpv-77313000");
    let page = text(&send(&server, "/", &pairs));
    assert!(
        Regex::new(r#"name="cpv"[^>]* value="77313000""#)
            .unwrap()
            .is_match(&page)
    );
    assert!(page.contains("<li>77313000 Parks maintenance services</li>"));

    let answer = server.request("GET", "/api/cpv?q=parksk%C3%B6tsel&lang=sv", None, b"");
    let found: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(found[0]["code"], "77313000");
    assert_eq!(found[0]["name"], "Parkskötsel");
}

#[test]
fn a_notice_fills_the_form_and_a_bad_file_is_named() {
    let server = Server::start(&[]);
    let notice =
        std::fs::read(repo().join("tests/fixtures/ocds/scotland/ocds-r6ebe6-0000567519.json"))
            .unwrap();
    let page = uploaded(&server, "notice.json", &notice, "en");
    let pairs = form_pairs(&page);
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(value("jurisdiction"), "scotland");
    assert!(!value("title").is_empty());
    assert!(page.contains("The form is filled from notice.json."));

    let (content_type, body) = multipart(&[("ui", "en")], ("broken.yaml", b"title: [unclosed\n"));
    let answer = server.post("/upload", &content_type, &body);
    assert_eq!(answer.status, 400);
    let page = text(&answer);
    assert!(
        page.contains("<a href=\"#f-upload\">broken.yaml:"),
        "{page}"
    );
    let (content_type, body) = multipart(&[("ui", "en")], ("", b""));
    assert_eq!(server.post("/upload", &content_type, &body).status, 400);
}

#[test]
fn the_check_page_reports_a_document_s_clauses_and_barriers() {
    let server = Server::start(&[]);
    let form = server.request("GET", "/check", None, b"");
    assert_eq!(form.status, 200);
    let tender = std::fs::read(repo().join("tests/fixtures/check/tender.docx")).unwrap();
    let (content_type, body) = multipart(
        &[("ui", "en"), ("jurisdiction", "")],
        ("tender.docx", &tender),
    );
    let answer = server.post("/check", &content_type, &body);
    let page = text(&answer);
    assert_eq!(answer.status, 200, "{page}");
    assert!(page.contains("id=\"check-result\""));
    assert!(page.contains("tender.docx"));
    let (content_type, body) = multipart(
        &[("ui", "en"), ("jurisdiction", "narnia")],
        ("tender.docx", &tender),
    );
    assert_eq!(server.post("/check", &content_type, &body).status, 400);
    let (content_type, body) = multipart(&[("ui", "en")], ("", b""));
    let answer = server.post("/check", &content_type, &body);
    assert_eq!(answer.status, 400);
    assert!(text(&answer).contains("<a href=\"#f-file\">"));
}

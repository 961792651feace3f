//! `socialclause serve`: the server started on a free loopback port, every endpoint, every
//! error status and the body limit, spoken to over plain HTTP/1.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

use crate::util::{Env, assert_valid, repo};
use socialclause::cli::SchemaKind;

/// A running server, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    address: String,
}

impl Server {
    pub(crate) fn start(extra: &[&str]) -> Server {
        let mut child = Command::cargo_bin("socialclause")
            .expect("the binary is built")
            .args(["serve", "--port", "0"])
            .args(extra)
            .env_remove("SOURCE_DATE_EPOCH")
            .env("LANG", "C")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("its output"))
            .read_line(&mut line)
            .expect("the server says where it listens");
        let address = line
            .trim()
            .strip_prefix("socialclause serving on http://")
            .and_then(|a| a.strip_suffix('/'))
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .to_string();
        Server { child, address }
    }

    /// One request: method, path with query, content type and body.
    pub(crate) fn request(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Answer {
        let headers: Vec<(&str, &str)> = content_type
            .map(|t| ("Content-Type", t))
            .into_iter()
            .collect();
        self.request_with(method, path, &headers, body)
    }

    /// One request with the headers given.
    pub(crate) fn request_with(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Answer {
        let mut stream = TcpStream::connect(&self.address).expect("the server accepts");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        // The server may refuse an oversized body before reading it all.
        let _ = stream.write_all(body);
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("an answer");
        Answer::parse(&raw)
    }

    pub(crate) fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Answer {
        self.request("POST", path, Some(content_type), body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) struct Answer {
    pub(crate) status: u16,
    headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    fn parse(raw: &[u8]) -> Answer {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a head and a body");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Answer {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }

    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }

    /// The JSON of a successful answer.
    fn ok(&self) -> Value {
        assert_eq!(self.status, 200, "{}", String::from_utf8_lossy(&self.body));
        self.json()
    }

    /// The error of an error answer, after checking its shape.
    fn error(&self, status: u16) -> Value {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(self.header("content-type"), "application/json");
        let error = self.json()["error"].clone();
        for key in ["message", "line", "column", "help"] {
            assert!(error.get(key).is_some(), "{key} in {error}");
        }
        error
    }
}

pub(crate) fn example(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("examples").join(name)).expect("an example")
}

#[test]
fn health_and_the_headers_every_answer_carries() {
    let server = Server::start(&[]);
    let answer = server.request("GET", "/healthz", None, b"");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["status"], "ok");
    assert_eq!(answer.header("x-content-type-options"), "nosniff");
    assert!(
        answer
            .header("content-security-policy")
            .starts_with("default-src 'none'")
    );
    // The OpenAPI description names every path the server answers.
    let answer = server.request("GET", "/api/openapi.json", None, b"");
    assert_eq!(answer.status, 200);
    let paths = answer.json()["paths"].clone();
    for path in [
        "/healthz",
        "/api/assess",
        "/api/annex",
        "/api/checklist",
        "/api/check",
        "/api/cpv",
    ] {
        assert!(paths.get(path).is_some(), "{path}");
    }
}

#[test]
fn an_assessment_is_what_match_gives_and_documents_are_the_cli_s_bytes() {
    let server = Server::start(&[]);
    let parks = example("se-parkskotsel.yaml");
    let assessment = server
        .post("/api/assess?date=2026-06-01", "application/yaml", &parks)
        .ok();
    assert_valid(SchemaKind::Assessment, &assessment, "/api/assess");
    assert_eq!(assessment["date"], "2026-06-01");
    assert_eq!(assessment["language"], "sv");

    // The annex PDF is byte for byte the one the command line writes for the same date.
    let env = Env::new();
    let input = env.write("p.yaml", &parks);
    env.run(&[
        "annex",
        input.to_str().unwrap(),
        "--date",
        "2026-06-01",
        "--format",
        "pdf",
        "-o",
        "annex.pdf",
    ])
    .expect_code(0);
    let cli = std::fs::read(env.path().join("annex.pdf")).unwrap();
    let answer = server.post(
        "/api/annex?format=pdf&date=2026-06-01",
        "application/yaml",
        &parks,
    );
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), "application/pdf");
    assert_eq!(
        answer.header("content-disposition"),
        "attachment; filename=\"ks-2026-0142-annex.pdf\""
    );
    assert!(answer.body == cli, "the API's PDF differs from the CLI's");

    // The checklist as Markdown and as Word, and in English when asked.
    let answer = server.post(
        "/api/checklist?format=md&lang=en",
        "application/yaml",
        &parks,
    );
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.header("content-type"),
        "text/markdown; charset=utf-8"
    );
    assert!(String::from_utf8_lossy(&answer.body).starts_with("# Checklist: "));
    let answer = server.post("/api/annex?format=docx", "application/yaml", &parks);
    assert_eq!(answer.status, 200);
    assert!(answer.body.starts_with(b"PK"));

    // A published notice, as JSON.
    let notice =
        std::fs::read(repo().join("tests/fixtures/ocds/wales/ocds-kuma6s-147810.json")).unwrap();
    let answer = server.post("/api/assess", "application/json", &notice);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["procurement"]["jurisdiction"], "wales");
}

#[test]
fn a_document_is_checked_as_check_does() {
    let server = Server::start(&[]);
    let notice =
        std::fs::read(repo().join("tests/fixtures/ocds/wales/ocds-kuma6s-147810.json")).unwrap();
    let answer = server.post(
        "/api/check?name=notice.json",
        "application/octet-stream",
        &notice,
    );
    let report = answer.ok();
    assert_valid(SchemaKind::Check, &report, "/api/check");
    let clauses = report["documents"][0]["clauses"].as_array().unwrap();
    assert!(
        clauses
            .iter()
            .any(|c| c["clause"] == "wal-community-benefits" && c["status"] == "present"),
        "{report}"
    );
}

#[test]
fn every_error_has_its_status_and_says_where() {
    let server = Server::start(&["--max-body", "4096"]);
    // Bad input: the line and column of the mistake, and help.
    let error = server
        .post(
            "/api/assess",
            "application/yaml",
            b"title: x\njurisdiction: sweden\n",
        )
        .error(400);
    assert_eq!(error["line"], 2);
    assert_eq!(error["column"], 15);
    assert_eq!(
        error["message"],
        "unknown value `sweden` (at `jurisdiction`)"
    );
    // A Swedish file is answered in Swedish.
    let error = server
        .post(
            "/api/assess",
            "application/yaml",
            b"language: sv\ntitle: x\njurisdiction: sverige\n",
        )
        .error(400);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("okänt värde"),
        "{error}"
    );
    // A bad query value.
    let error = server
        .post(
            "/api/annex?format=xls",
            "application/yaml",
            &example("se-parkskotsel.yaml"),
        )
        .error(400);
    assert_eq!(error["message"], "format: unknown value `xls`");
    server
        .post(
            "/api/assess?date=2026-13-01",
            "application/yaml",
            b"title: x\n",
        )
        .error(400);
    // Unknown path, wrong method, unknown content type, a body over the limit.
    server.request("GET", "/nowhere", None, b"").error(404);
    server.request("GET", "/api/assess", None, b"").error(405);
    server
        .post("/api/assess", "text/plain", b"title: x")
        .error(415);
    server
        .request("POST", "/api/assess", None, b"title: x")
        .error(415);
    let big = vec![b'#'; 10_000];
    server
        .post("/api/assess", "application/yaml", &big)
        .error(413);
    // Several procurements make no single document.
    let two = b"- title: A\n  jurisdiction: se\n- title: B\n  jurisdiction: se\n";
    server
        .post("/api/annex", "application/yaml", two)
        .error(400);
    // And the server still answers.
    assert_eq!(server.request("GET", "/healthz", None, b"").status, 200);
}

//! `socialclause serve`: the HTTP API on this machine, for other systems — assessments,
//! annexes, checklists and checks, answered from the same library and renderers as the
//! command line. Built on axum and tokio (see GUIDE.md). The library and the checker's
//! patterns are loaded once; each request's work runs on a blocking thread, at most a few at a
//! time, within a time limit. Nothing is read from or written to the file system on a
//! request's behalf.

mod api;
mod form;
mod reply;
mod view;
mod vocabulary;
mod web;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::{get, post};
use tokio::sync::Semaphore;

use crate::cli::ServeArgs;
use crate::cmd::Outcome;
use crate::cmd::assess::Assessor;
use crate::error::{Error, Result};
use crate::library::{Library, LibraryOptions};
use crate::scan::Scanner;

/// How long a request's work may take before it is answered with 503.
const WORK_TIME: Duration = Duration::from_secs(30);
/// How long a request waits for a free worker before it is answered with 503.
const QUEUE_TIME: Duration = Duration::from_secs(10);

/// What every request shares: the library (with the assessing setup), the checker's patterns
/// and the cap on work running at once.
#[derive(Clone)]
pub struct Shared {
    assessor: &'static Assessor,
    scanner: &'static Scanner<'static>,
    workers: Arc<Semaphore>,
}

/// Starts the server and answers until the process is stopped.
pub fn run(args: &ServeArgs, options: &LibraryOptions) -> Result<Outcome> {
    let host: IpAddr = args.host.parse().map_err(|_| {
        Error::usage_with_help(
            format!("--host {}: not an IP address", args.host),
            "give an address such as 127.0.0.1 (this machine only) or 0.0.0.0 (every network)",
        )
    })?;
    let shared = Shared::load(options)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::usage(format!("cannot start the server: {e}")))?;
    runtime.block_on(async {
        let address = SocketAddr::new(host, args.port);
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| Error::usage(format!("cannot listen on {address}: {e}")))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::usage(format!("cannot listen on {address}: {e}")))?;
        if !host.is_loopback() {
            eprintln!("warning: the server has no login, and {host} lets other machines reach it");
        }
        // The one line a script waits for, on standard output.
        println!("socialclause serving on http://{bound}/");
        if args.open {
            open_browser(&format!("http://{bound}/"));
        }
        axum::serve(listener, app(shared, args.max_body))
            .await
            .map_err(|e| Error::usage(format!("the server stopped: {e}")))
    })?;
    Ok(Outcome::Success)
}

/// Opens `url` in the default browser, or says why not; the server runs either way.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        eprintln!("warning: cannot open a browser ({e}); open {url} yourself");
    }
}

impl Shared {
    /// Loads the library and compiles the checker's patterns, for the life of the process.
    pub fn load(options: &LibraryOptions) -> Result<Shared> {
        let assessor: &'static Assessor =
            Box::leak(Box::new(Assessor::with_library(Library::load(options)?)?));
        let scanner: &'static Scanner<'static> =
            Box::leak(Box::new(crate::cmd::check::scanner(&assessor.library)?));
        // One piece of work per core: more only share the cores and lengthen the tail (with 8
        // clients on 2 cores, p99 52 ms at two per core, 44 ms at one; benches/serve.py).
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Shared {
            assessor,
            scanner,
            workers: Arc::new(Semaphore::new(cores)),
        })
    }
}

/// The routes, the body limit and the headers every answer carries.
pub fn app(shared: Shared, max_body: usize) -> Router {
    Router::new()
        .route("/", get(web::index).post(web::submit))
        .route("/download", post(web::download))
        .route("/upload", post(web::upload))
        .route("/check", get(web::check_form).post(web::check_submit))
        .route("/api/cpv", get(web::cpv))
        .route("/static/web.css", get(web::web_css))
        .route("/static/web.js", get(web::web_js))
        .route("/healthz", get(api::healthz))
        .route("/api/assess", post(api::assess))
        .route("/api/annex", post(api::annex))
        .route("/api/checklist", post(api::checklist))
        .route("/api/check", post(api::check))
        .route("/api/openapi.json", get(api::openapi))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::wrong_method)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::map_response(secured))
        .with_state(shared)
}

/// Headers on every answer: scripts, styles and requests from this server only and no inline
/// ones, forms sent only here, no frames, no content sniffing, no referrer.
async fn secured(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

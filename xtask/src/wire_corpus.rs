//! The wire corpus, the last step of `cargo xtask test`: published API descriptions, each
//! generated into a client crate whose own usage examples are then run against a Prism mock of
//! the same document.
//!
//! For each document of [`DOCUMENTS`] (pinned npm packages, installed into [`CORPUS_DIR`] like
//! Prism and GitHub's description):
//!
//! 1. the generator writes the client crate `wire-{name}` into `target/wire-corpus/{name}/client`;
//! 2. the `no_run` usage example in the docs of each client method is read back from the
//!    generated source ([`operations`]), and up to [`SAMPLE`] operations are taken, the same
//!    on every run ([`sample`]);
//! 3. a driver crate, `target/wire-corpus/{name}/driver`, holds those examples word for word
//!    (each `async fn example(client: ...)` renamed `example_N`) and a `main` that builds one
//!    client with `Client::builder().base_url(..)` and a dummy value for every credential setter
//!    of the crate ([`credential_setters`]), then runs each example in turn;
//! 4. all the drivers are built at once (`target/wire-corpus` is a workspace of its own, with a
//!    copy of the project's `Cargo.lock`, built with `CARGO_TARGET_DIR=target`);
//! 5. each driver runs against `prism mock` of its document (static mode: responses from the
//!    document's examples), started for it and stopped afterwards whatever happens. The driver
//!    talks to Prism through a relay of its own that notes each request line, status line and
//!    `sl-violations` header. A request that crashes Prism fails, and the examples after it run
//!    against a new Prism.
//!
//! An operation is *accepted and decoded* when its example returns `Ok` and Prism reported no
//! violation of the request (an operation whose document gives it no success response passes
//! when the client returns the documented error Prism answers with). The step prints `wire: {name}: n/m` for each document with the
//! operations that were not, and why (the error's `Display`, the exchanges, Prism's body), and
//! `wire: N/M operations accepted and decoded` in total. It fails when a document cannot be
//! generated, a driver does not compile or cannot run, or a document's count falls below its
//! [`Document::floor`]: the count measured when the floor was last raised.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::codegen::project_root;
use crate::npm;
use crate::prism::{self, Mode, PrismServer};

/// One published API description of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document {
    /// Short name: the crate is `wire-{name}`, its files are under `target/wire-corpus/{name}/`.
    pub name: &'static str,
    /// The npm package that publishes it, and the exact version.
    pub package: &'static str,
    pub version: &'static str,
    /// The document's path inside the package.
    pub file: &'static str,
    /// Operations of the sample accepted and decoded when the floor was last measured: fewer
    /// fails the step. Raise it when the generator gets better.
    pub floor: usize,
}

/// ReadMe's collection of example descriptions (Swagger's petstore, STAPI's Star Trek API,
/// Bump.sh's Train Travel API, security schemes and discriminators exercised against httpbin).
const OAS_EXAMPLES: &str = "@readme/oas-examples";
const OAS_EXAMPLES_VERSION: &str = "8.2.2";

/// The documents, each with what it brings to the corpus. The floors are the counts measured
/// on 2026-12-05 with the generator of this commit (124 of 132 operations: the 8 left are
/// discriminators' overlapping alternatives, which Prism checks as `oneOf` without the tag, and
/// blockfrost's example that breaks its own schema).
pub const DOCUMENTS: &[Document] = &[
    // OpenAPI 3.0: an OAuth 2.0 implicit flow and an `api_key` header, XML beside JSON, a form
    // body, a multipart upload, arrays in the query.
    Document {
        name: "petstore",
        package: OAS_EXAMPLES,
        version: OAS_EXAMPLES_VERSION,
        file: "3.0/json/petstore.json",
        floor: 20,
    },
    // OpenAPI 3.1: every kind of security scheme (API keys in a header, a query parameter and a
    // cookie, basic, bearer, every OAuth 2.0 flow, OpenID Connect, mutual TLS), alone and
    // combined.
    Document {
        name: "security",
        package: OAS_EXAMPLES,
        version: OAS_EXAMPLES_VERSION,
        file: "3.1/json/security.json",
        floor: 15,
    },
    // OpenAPI 3.1: Bump.sh's Train Travel API: OAuth 2.0, cursor pages with links, problem+json
    // errors, webhooks.
    Document {
        name: "train-travel",
        package: OAS_EXAMPLES,
        version: OAS_EXAMPLES_VERSION,
        file: "3.1/json/train-travel.json",
        floor: 7,
    },
    // OpenAPI 3.0: `oneOf` and `anyOf` with discriminators, mappings and without.
    Document {
        name: "discriminators",
        package: OAS_EXAMPLES,
        version: OAS_EXAMPLES_VERSION,
        file: "3.0/json/discriminators.json",
        floor: 3,
    },
    // OpenAPI 3.0, 120 operations: STAPI, a public Star Trek database: searches posted as
    // form bodies, page numbers and sizes in the query.
    Document {
        name: "star-trek",
        package: OAS_EXAMPLES,
        version: OAS_EXAMPLES_VERSION,
        file: "3.0/json/star-trek.json",
        floor: 20,
    },
    // OpenAPI 3.0, 129 operations: Blockfrost's Cardano API: a `project_id` header key,
    // `count`/`page`/`order` pages, many path parameters.
    Document {
        name: "blockfrost",
        package: "@blockfrost/openapi",
        version: "0.1.93",
        file: "openapi.yaml",
        floor: 19,
    },
    // OpenAPI 3.0, 136 operations: Directus's data platform: a key in the `Authorization`
    // header or the `access_token` query parameter, filters and pages in the query.
    Document {
        name: "directus",
        package: "@directus/specs",
        version: "15.2.0",
        file: "dist/openapi.json",
        floor: 20,
    },
    // OpenAPI 3.0, 31 operations: Ideal Postcodes' UK address API: the key as a documented
    // `api_key` query parameter, many optional query parameters with examples, `oneOf` results.
    Document {
        name: "ideal-postcodes",
        package: "@ideal-postcodes/openapi",
        version: "4.21.0",
        file: "dist/openapi.json",
        floor: 20,
    },
];

/// Where the documents' packages are installed, relative to the workspace root (ignored by
/// git).
pub const CORPUS_DIR: &str = ".wire-corpus";
/// Where the crates are written and built, relative to the workspace root.
const WORK_DIR: &str = "target/wire-corpus";
/// The most operations run per document.
pub const SAMPLE: usize = 20;
/// Overrides [`SAMPLE`] (a number, or `all`); the floors are not checked then.
pub const SAMPLE_ENV: &str = "WIRE_SAMPLE";

/// The sample size: [`SAMPLE_ENV`] when it is set, else [`SAMPLE`]; and whether it is the
/// default one (the floors hold for that one only).
fn sample_size() -> Result<(usize, bool), String> {
    match std::env::var(SAMPLE_ENV) {
        Err(_) => Ok((SAMPLE, true)),
        Ok(value) if value == "all" => Ok((usize::MAX, false)),
        Ok(value) => match value.parse::<usize>() {
            Ok(n) if n > 0 => Ok((n, n == SAMPLE)),
            _ => Err(format!(
                "{SAMPLE_ENV}={value:?}: give a number of operations or `all`"
            )),
        },
    }
}

/// An operation of a generated crate, read from the docs of its client method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// `GET /pets/{id}`.
    pub request: String,
    /// The document's `operationId` (or the name the generator gave it).
    pub operation_id: String,
    /// The client method.
    pub method: String,
    /// Where the method is, for messages (`src/operations/pet.rs:313`).
    pub location: String,
    /// Its usage example as rustdoc compiles it (the hidden `# ` lines shown), when its docs
    /// have one.
    pub example: Option<String>,
}

impl Operation {
    /// `GET /pets/{id} (getPet)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.request, self.operation_id)
    }
}

/// The operations of a generated crate (`files`, path → text), in path order then method: each
/// client method whose docs name its request (`` `GET /path` (operation `id`). ``), with the
/// `no_run` example of those docs that takes a `client`.
pub fn operations(files: &BTreeMap<String, String>) -> Vec<Operation> {
    let mut found = Vec::new();
    for (path, text) in files {
        if !(path.starts_with("src/") && path.ends_with(".rs")) {
            continue;
        }
        let mut docs: Vec<&str> = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if let Some(doc) = trimmed.strip_prefix("///") {
                docs.push(doc.strip_prefix(' ').unwrap_or(doc));
                continue;
            }
            if trimmed.starts_with("#[") {
                continue;
            }
            if let Some(rest) = trimmed.strip_prefix("pub fn ") {
                let method = rest.split('(').next().unwrap_or_default();
                if let Some((request, operation_id)) = docs.iter().find_map(|d| request_line(d)) {
                    found.push(Operation {
                        request,
                        operation_id,
                        method: method.to_owned(),
                        location: format!("{path}:{}", number + 1),
                        example: example_in(&docs),
                    });
                }
            }
            docs.clear();
        }
    }
    found.sort_by(|a, b| {
        let key = |op: &Operation| {
            let (verb, path) = op.request.split_once(' ').unwrap_or_default();
            (path.to_owned(), verb.to_owned())
        };
        key(a).cmp(&key(b))
    });
    found
}

/// `` `GET /path` (operation `id`). `` → (`GET /path`, `id`).
fn request_line(doc: &str) -> Option<(String, String)> {
    let rest = doc.strip_prefix('`')?;
    let (request, rest) = rest.split_once("` (operation `")?;
    let operation_id = rest.strip_suffix("`).")?;
    let (verb, path) = request.split_once(' ')?;
    let is_verb = !verb.is_empty() && verb.chars().all(|c| c.is_ascii_uppercase());
    (is_verb && path.starts_with('/')).then(|| (request.to_owned(), operation_id.to_owned()))
}

/// The first `no_run` block of `docs` that defines `async fn example(client: ...)`, as rustdoc
/// compiles it: hidden lines (`# ...`) shown.
fn example_in(docs: &[&str]) -> Option<String> {
    let start = docs.iter().position(|d| d.trim() == "```no_run")?;
    let body: Vec<&str> = docs[start + 1..]
        .iter()
        .take_while(|d| d.trim() != "```")
        .copied()
        .collect();
    let code: Vec<String> = body
        .iter()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed == "#" {
                String::new()
            } else if let Some(shown) = trimmed.strip_prefix("# ") {
                shown.to_owned()
            } else {
                (*line).to_owned()
            }
        })
        .collect();
    code.first()
        .is_some_and(|first| first.starts_with("async fn example(client: "))
        .then(|| code.join("\n"))
}

/// Up to `limit` of `operations`, their places ascending: all of them when there are no more,
/// else those whose request (`GET /path`) hashes lowest. A sample that follows no pattern of
/// the document (every third operation of a document that repeats three operations per
/// resource would be one kind only), the same on every run, and that keeps its operations
/// when the document gains others (each of those only takes the place of one that hashes
/// higher).
pub fn sample(operations: &[Operation], limit: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..operations.len()).collect();
    order.sort_by_key(|&i| (fnv1a(operations[i].request.as_bytes()), i));
    order.truncate(limit);
    order.sort_unstable();
    order
}

/// The 64-bit FNV-1a hash: stable across Rust releases, unlike the standard library's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A credential setter of a generated `ClientBuilder`, given a dummy value by the driver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setter {
    /// `fn name(self, value: impl Into<String>)`: an API key, a token.
    Secret(String),
    /// `fn name(self, username: impl Into<String>, password: impl Into<String>)`: `http`
    /// `basic`.
    Basic(String),
}

/// The credential setters that `src/api.rs` of a generated crate gives its `ClientBuilder`:
/// those that take the credential itself (the `…_provider` setters, which take a
/// `TokenProvider`, and the `…_client_credentials` ones, which would ask a token URL, are
/// left out).
pub fn credential_setters(api_rs: &str) -> Vec<Setter> {
    let Some(start) = api_rs.find("impl crate::ClientBuilder {") else {
        return Vec::new();
    };
    // One line of single spaces: a long signature is split over lines.
    let text = api_rs[start..]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut setters = Vec::new();
    for item in text.split("pub fn ").skip(1) {
        let Some((name, rest)) = item.split_once('(') else {
            continue;
        };
        let Some((params, _)) = rest.split_once(')') else {
            continue;
        };
        let params: Vec<&str> = params
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        match params.as_slice() {
            ["self", "value: impl Into<String>"] => setters.push(Setter::Secret(name.to_owned())),
            ["self", "username: impl Into<String>", "password: impl Into<String>"] => {
                setters.push(Setter::Basic(name.to_owned()))
            }
            _ => {}
        }
    }
    setters
}

/// The driver's `src/main.rs`: the template with the crate, its setters and the examples of
/// `sampled` filled in, but for those of `left_out` (by their place in `sampled`).
pub fn driver_source(
    crate_name: &str,
    setters: &[Setter],
    sampled: &[&Operation],
    left_out: &BTreeMap<usize, String>,
) -> String {
    let krate = crate_name.replace('-', "_");
    let mut setter_lines = String::new();
    for setter in setters {
        match setter {
            Setter::Secret(name) => {
                let _ = writeln!(setter_lines, "        .{name}(\"wire-dummy-{name}\")");
            }
            Setter::Basic(name) => {
                let _ = writeln!(
                    setter_lines,
                    "        .{name}(\"wire-dummy-user\", \"wire-dummy-password\")"
                );
            }
        }
    }
    let mut calls = String::new();
    let mut examples = String::new();
    for (index, op) in sampled.iter().enumerate() {
        let Some(example) = op
            .example
            .as_ref()
            .filter(|_| !left_out.contains_key(&index))
        else {
            continue;
        };
        let _ = writeln!(
            calls,
            "    if wanted({index}) {{\n        \
             results.push(run({index}, &seen, example_{index}(client.clone())).await);\n    }}"
        );
        let renamed = example.replacen(
            "async fn example(client: ",
            &format!("async fn example_{index}(client: "),
            1,
        );
        let _ = writeln!(
            examples,
            "// {} ({}): the example of `Client::{}`, {}.\n{renamed}\n",
            op.request, op.operation_id, op.method, op.location
        );
    }
    include_str!("wire_driver.rs.in")
        .replace("__CRATE_NAME__", crate_name)
        .replace("__CRATE__", &krate)
        .replace("__SETTERS__\n", &setter_lines)
        .replace("__CALLS__\n", &calls)
        .replace("__EXAMPLES__\n", &examples)
}

/// The example (its place in the sample) that line `line` (1-based) of a driver's source
/// belongs to: the last `async fn example_N` that starts at or before it.
pub fn example_at(source: &str, line: usize) -> Option<usize> {
    source
        .lines()
        .take(line)
        .filter_map(|l| l.strip_prefix("async fn example_"))
        .filter_map(|rest| rest.split('(').next()?.parse().ok())
        .last()
}

/// The driver crate's `Cargo.toml`.
fn driver_manifest(crate_name: &str) -> String {
    format!(
        "# @generated by `cargo xtask test` (xtask/src/wire_corpus.rs).\n\n\
         [package]\n\
         name = \"{crate_name}-driver\"\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\n\
         [dependencies]\n\
         {crate_name} = {{ path = \"../client\" }}\n\
         # The examples write JSON values with `serde_json::json!`, as a user of the crate would.\n\
         serde_json = \"1\"\n\
         tokio = {{ version = \"1\", features = [\"io-util\", \"macros\", \"net\", \"rt\", \"time\"] }}\n"
    )
}

/// The workspace of all the drivers (`target/wire-corpus/Cargo.toml`).
fn workspace_manifest(names: &[&str]) -> String {
    let members: Vec<String> = names
        .iter()
        .flat_map(|name| [format!("\"{name}/client\""), format!("\"{name}/driver\"")])
        .collect();
    format!(
        "# @generated by `cargo xtask test` (xtask/src/wire_corpus.rs): the wire corpus's \
         client crates and their drivers.\n\n\
         [workspace]\n\
         resolver = \"2\"\n\
         members = [{}]\n",
        members.join(", ")
    )
}

/// What happened to one operation of the sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Accepted and decoded: the example returned `Ok` and Prism reported no violation of the
    /// request of severity `Error` (or, for an operation that documents no success response,
    /// the client returned the documented error Prism answered with).
    pub passed: bool,
    /// Why not, or what is worth knowing about a pass; one line each.
    pub reasons: Vec<String>,
}

/// The longest stretch of a body or a header shown in the report.
const SHOWN: usize = 600;

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SHOWN {
        return text;
    }
    let cut: String = text.chars().take(SHOWN).collect();
    format!("{cut}…")
}

/// Whether an `sl-violations` header value holds a violation of the request of severity
/// `Error`: the mock did not accept the request. Violations of the response Prism made (the
/// document's example does not fit its own schema) are the document's, not the client's: they
/// are shown, not counted. A value that cannot be read counts as a violation of the request.
fn refuses_request(value: &str) -> bool {
    // Prism writes `Too many violations! [...]` when there are many, and cuts the list short
    // (about 8 KB): each violation is then read from its `location` on.
    let list = value.find('[').map_or(value, |start| &value[start..]);
    match serde_json::from_str::<serde_json::Value>(list) {
        Ok(serde_json::Value::Array(violations)) => violations.iter().any(|v| {
            v["severity"].as_str().is_none_or(|s| s == "Error")
                && v["location"][0].as_str().is_none_or(|l| l == "request")
        }),
        _ => {
            let mut violations = list.split("\"location\":").skip(1).peekable();
            violations.peek().is_none()
                || violations.any(|v| {
                    v.starts_with("[\"request\"")
                        && (!v.contains("\"severity\":") || v.contains("\"severity\":\"Error\""))
                })
        }
    }
}

/// Whether `status` (`405`) is one of the `documented` response keys (`405`, `4XX`,
/// `default`).
fn is_documented(status: &str, documented: &[String]) -> bool {
    documented.iter().any(|key| {
        key == status
            || key == "default"
            || (key.len() == 3
                && key[1..].eq_ignore_ascii_case("XX")
                && status.starts_with(&key[..1]))
    })
}

/// The response keys the document gives `request` (`GET /pets/{id}`), when it can be found.
pub fn documented_statuses(document: &serde_json::Value, request: &str) -> Option<Vec<String>> {
    let (verb, path) = request.split_once(' ')?;
    let responses = document["paths"][path][verb.to_ascii_lowercase()]["responses"].as_object()?;
    Some(responses.keys().cloned().collect())
}

/// Reads one result the driver wrote (or why there is none) into an [`Outcome`]. `documented`
/// are the response keys of the operation in the document.
pub fn outcome(
    op: &Operation,
    result: Result<&serde_json::Value, &str>,
    documented: Option<&[String]>,
) -> Outcome {
    let result = match (&op.example, result) {
        (None, _) => {
            return Outcome {
                passed: false,
                reasons: vec!["its docs have no usage example to run".to_owned()],
            }
        }
        (Some(_), Err(why)) => {
            return Outcome {
                passed: false,
                reasons: vec![why.to_owned()],
            }
        }
        (Some(_), Ok(result)) => result,
    };
    let ok = result["ok"].as_bool() == Some(true);
    let mut reasons = Vec::new();
    if let Some(error) = result["error"].as_str() {
        reasons.push(format!("error: {}", shorten(error)));
    }
    let mut violated = false;
    let mut last_status = None;
    for exchange in result["exchanges"].as_array().into_iter().flatten() {
        let request = exchange["request"].as_str().unwrap_or_default();
        let request = request.strip_suffix(" HTTP/1.1").unwrap_or(request);
        let status = exchange["status"].as_str().unwrap_or_default();
        let status = status.strip_prefix("HTTP/1.1 ").unwrap_or(status);
        last_status = status.split(' ').next().filter(|s| !s.is_empty());
        let mut line = format!("sent {request}");
        if let Some(body) = exchange["request_body"].as_str().filter(|b| !b.is_empty()) {
            let _ = write!(line, " {}", shorten(body));
        }
        let _ = write!(line, " -> {status}");
        for violation in exchange["violations"].as_array().into_iter().flatten() {
            let violation = violation.as_str().unwrap_or_default();
            violated |= refuses_request(violation);
            let _ = write!(line, "; sl-violations: {}", shorten(violation));
        }
        reasons.push(line);
    }
    if let Some(body) = result["body"].as_str().filter(|b| !b.trim().is_empty()) {
        reasons.push(format!("body: {}", shorten(body)));
    }
    if violated {
        return Outcome {
            passed: false,
            reasons,
        };
    }
    if ok {
        // Warnings only (or nothing): worth showing, not a failure.
        let warned = reasons.iter().any(|r| r.contains("sl-violations"));
        if !warned {
            reasons.clear();
        }
        return Outcome {
            passed: true,
            reasons,
        };
    }
    // An error. When the operation documents no success response, Prism can only answer with
    // one of its documented errors: the client returning it is the right result.
    let api_error = result["error"]
        .as_str()
        .zip(last_status)
        .is_some_and(|(error, status)| error.starts_with(status));
    if let (Some(documented), Some(status), true) = (documented, last_status, api_error) {
        let success = documented.iter().any(|key| key.starts_with('2'));
        if !success && is_documented(status, documented) {
            reasons.insert(
                0,
                format!(
                    "the document gives it no success response (only {}): the client returned \
                     the documented {status} Prism answered with",
                    documented.join(", ")
                ),
            );
            return Outcome {
                passed: true,
                reasons,
            };
        }
    }
    Outcome {
        passed: false,
        reasons,
    }
}

/// A document's crate, generated and read back.
struct Prepared {
    doc: &'static Document,
    spec: PathBuf,
    /// The document, to look up what each operation documents.
    document: serde_json::Value,
    crate_name: String,
    operations: Vec<Operation>,
    setters: Vec<Setter>,
    /// The places in `operations` of the sample.
    sampled: Vec<usize>,
    /// Examples (by their place in the sample) left out of the driver, with the compiler's
    /// error.
    left_out: BTreeMap<usize, String>,
    /// The driver's source as last written.
    driver: String,
    dir: PathBuf,
}

impl Prepared {
    fn driver_name(&self) -> String {
        format!("{}-driver", self.crate_name)
    }

    /// Writes the driver crate, without the examples of `left_out`.
    fn write_driver(&mut self) -> Result<(), String> {
        let chosen: Vec<&Operation> = self.sampled.iter().map(|&i| &self.operations[i]).collect();
        self.driver = driver_source(&self.crate_name, &self.setters, &chosen, &self.left_out);
        let mut files = BTreeMap::new();
        files.insert("Cargo.toml".to_owned(), driver_manifest(&self.crate_name));
        files.insert("src/main.rs".to_owned(), self.driver.clone());
        write_files(&self.dir.join("driver"), &files)
    }
}

/// Installs the documents' packages unless they are there; returns each package's folder.
fn install(root: &Path) -> Result<BTreeMap<&'static str, PathBuf>, String> {
    let mut folders = BTreeMap::new();
    for doc in DOCUMENTS {
        if folders.contains_key(doc.package) {
            continue;
        }
        let folder = npm::install(
            root,
            CORPUS_DIR,
            doc.package,
            doc.version,
            "the wire corpus",
        )?;
        folders.insert(doc.package, folder);
    }
    Ok(folders)
}

/// Reads a document, JSON or YAML, as a JSON value.
fn read_document(path: &Path) -> Result<serde_json::Value, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let value = if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str(&text).map_err(|e| e.to_string())
    };
    value.map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Generates `doc` into `work/{name}/client` and writes its driver into `work/{name}/driver`.
fn prepare(
    doc: &'static Document,
    spec: PathBuf,
    work: &Path,
    size: usize,
) -> Result<Prepared, String> {
    let crate_name = format!("wire-{}", doc.name);
    let config = generator::Config {
        spec_path: spec.clone(),
        spec_display: format!("{}@{}/{}", doc.package, doc.version, doc.file),
        crate_name: crate_name.clone(),
        crate_version: generator::cli::CRATE_VERSION.to_owned(),
        env_prefix: crate_name.replace('-', "_").to_ascii_uppercase(),
        command: "cargo xtask test".to_owned(),
        examples_dir: None,
        jobs: None,
    };
    let output = generator::generate(&config)
        .map_err(|e| format!("{}: the generator failed: {e}", doc.name))?;
    let dir = work.join(doc.name);
    write_files(&dir.join("client"), &output.files)?;

    let operations = operations(&output.files);
    let sampled = sample(&operations, size);
    let setters = output
        .files
        .get("src/api.rs")
        .map(|api| credential_setters(api))
        .unwrap_or_default();
    let mut prepared = Prepared {
        doc,
        document: read_document(&spec)?,
        spec,
        crate_name,
        operations,
        setters,
        sampled,
        left_out: BTreeMap::new(),
        driver: String::new(),
        dir,
    };
    prepared.write_driver()?;
    eprintln!(
        "wire: {}: {} operations, {} sampled, {} credential setter(s), {} generator warning(s)",
        doc.name,
        prepared.operations.len(),
        prepared.sampled.len(),
        prepared.setters.len(),
        output.warnings.len()
    );
    Ok(prepared)
}

/// Makes `dir` hold `files` and nothing else. A file whose contents are already right is not
/// written again, so that cargo finds an unchanged crate fresh.
fn write_files(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    for stale in files_under(dir, dir) {
        if !files.contains_key(&stale) {
            let path = dir.join(&stale);
            fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    for (path, text) in files {
        let path = dir.join(path);
        if fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The files under `dir`, as paths relative to `root` with `/` separators.
fn files_under(root: &Path, dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(root, &path));
        } else if let Ok(relative) = path.strip_prefix(root) {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            found.push(parts.join("/"));
        }
    }
    found
}

/// A compiler error, as cargo reported it.
#[derive(Debug, Clone)]
struct CompileError {
    /// The package's target that failed (`wire-petstore-driver`).
    target: String,
    /// The file and line of its primary span, relative to the workspace.
    file: String,
    line: usize,
    /// `error[E0061]: this function takes 0 arguments but 1 argument was supplied`.
    headline: String,
}

/// What a build gave.
#[derive(Debug, Default)]
struct Built {
    /// The executable of each driver that built, by target name.
    executables: BTreeMap<String, PathBuf>,
    errors: Vec<CompileError>,
}

/// Builds every driver of the workspace `work` with `cargo build --keep-going`, printing the
/// compiler's errors.
fn build(cargo: &OsStr, work: &Path, target_dir: &Path) -> Result<Built, String> {
    eprintln!(
        "$ CARGO_TARGET_DIR={} cargo build --workspace --keep-going (in {})",
        target_dir.display(),
        work.display()
    );
    let mut child = Command::new(cargo)
        .args([
            "build",
            "--workspace",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(work)
        .env("CARGO_TARGET_DIR", target_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("failed to start cargo: {e}"))?;
    let mut built = Built::default();
    let mut warnings = 0;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| format!("cannot read cargo's output: {e}"))?;
            let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let target = message["target"]["name"].as_str().unwrap_or_default();
            match message["reason"].as_str() {
                Some("compiler-artifact") => {
                    if let Some(executable) = message["executable"].as_str() {
                        built
                            .executables
                            .insert(target.to_owned(), PathBuf::from(executable));
                    }
                }
                Some("compiler-message") => {
                    let diagnostic = &message["message"];
                    if diagnostic["level"] != "error" {
                        warnings += 1;
                        continue;
                    }
                    eprintln!(
                        "{}",
                        diagnostic["rendered"]
                            .as_str()
                            .unwrap_or_default()
                            .trim_end()
                    );
                    let primary = diagnostic["spans"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|span| span["is_primary"] == true);
                    let headline = match diagnostic["code"]["code"].as_str() {
                        Some(code) => format!(
                            "error[{code}]: {}",
                            diagnostic["message"].as_str().unwrap_or_default()
                        ),
                        None => format!(
                            "error: {}",
                            diagnostic["message"].as_str().unwrap_or_default()
                        ),
                    };
                    built.errors.push(CompileError {
                        target: target.to_owned(),
                        file: primary
                            .and_then(|s| s["file_name"].as_str())
                            .unwrap_or_default()
                            .to_owned(),
                        line: primary
                            .and_then(|s| s["line_start"].as_u64())
                            .unwrap_or_default() as usize,
                        headline,
                    });
                }
                _ => {}
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for cargo: {e}"))?;
    eprintln!(
        "cargo build: {status}, {} error(s), {warnings} warning(s)",
        built.errors.len()
    );
    Ok(built)
}

/// What one document gave.
struct Tally {
    name: &'static str,
    passed: usize,
    sampled: usize,
    floor: usize,
}

/// How many times Prism is started for one document: a request that crashes it is noted, and
/// the examples after it run against a new one.
const PRISM_STARTS: usize = 4;

/// The first line of a Node.js error in Prism's log, and where it was thrown.
fn crash_in(log: &Path) -> String {
    let text = fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let Some(at) = lines.iter().rposition(|l| l.contains("Error: ")) else {
        return "no error in its log".to_owned();
    };
    let mut found = lines[at].trim().to_owned();
    if let Some(place) = lines[at + 1..]
        .iter()
        .find(|l| l.trim_start().starts_with("at "))
    {
        found.push(' ');
        found.push_str(place.trim());
    }
    found
}

/// The first example of a run that got no response (the request Prism crashed on).
fn unanswered(results: &[serde_json::Value]) -> Option<u64> {
    results
        .iter()
        .find(|r| {
            r["ok"] != true
                && r["exchanges"].as_array().is_none_or(|exchanges| {
                    exchanges.is_empty() || exchanges.iter().any(|e| e["status"] == "")
                })
        })
        .and_then(|r| r["index"].as_u64())
}

/// Starts Prism on the document, runs its driver, stops Prism (and starts it again after a
/// request that crashed it, for the examples after that one); prints and returns the tally.
fn run_driver(
    script: &Path,
    root: &Path,
    prepared: &Prepared,
    driver: &Path,
) -> Result<Tally, String> {
    let doc = prepared.doc;
    let results_path = prepared.dir.join("results.json");
    let driver_log = prepared.dir.join("driver.log");
    let started = Instant::now();
    let mut by_index: BTreeMap<u64, serde_json::Value> = BTreeMap::new();
    let mut crashes: BTreeMap<u64, String> = BTreeMap::new();
    let mut pending: Vec<usize> = (0..prepared.sampled.len()).collect();
    let mut logs = Vec::new();
    for start in 1..=PRISM_STARTS {
        let log = match start {
            1 => prepared.dir.join("prism.log"),
            n => prepared.dir.join(format!("prism-{n}.log")),
        };
        let _ = fs::remove_file(&results_path);
        let mut prism =
            PrismServer::start_logged(script, root, &prepared.spec, Mode::Static, log.clone())?;
        logs.push(log.display().to_string());
        let upstream = prism
            .url
            .strip_prefix("http://")
            .unwrap_or(&prism.url)
            .to_owned();
        let output = File::options()
            .create(true)
            .append(start > 1)
            .write(true)
            .truncate(start == 1)
            .open(&driver_log)
            .map_err(|e| format!("cannot create {}: {e}", driver_log.display()))?;
        let errors = output
            .try_clone()
            .map_err(|e| format!("cannot share {}: {e}", driver_log.display()))?;
        let only: Vec<String> = pending.iter().map(usize::to_string).collect();
        let status = Command::new(driver)
            .arg(&upstream)
            .arg(&results_path)
            .arg(only.join(","))
            .stdin(Stdio::null())
            .stdout(output)
            .stderr(errors)
            .status()
            .map_err(|e| format!("cannot run {}: {e}", driver.display()))?;
        let crashed = prism.has_exited();
        // Prism is stopped here, whatever the driver did.
        drop(prism);
        if !status.success() {
            return Err(format!(
                "{}: the driver failed ({status}); its output: {}; Prism's log: {}",
                doc.name,
                driver_log.display(),
                log.display()
            ));
        }
        let text = fs::read_to_string(&results_path)
            .map_err(|e| format!("cannot read {}: {e}", results_path.display()))?;
        let results: Vec<serde_json::Value> = serde_json::from_str(&text)
            .map_err(|e| format!("cannot read {}: {e}", results_path.display()))?;
        let crash_at = unanswered(&results).filter(|_| crashed);
        for result in results {
            if let Some(index) = result["index"].as_u64() {
                by_index.insert(index, result);
            }
        }
        let Some(at) = crash_at else {
            if crashed {
                eprintln!(
                    "wire: {}: Prism exited during the run: {}",
                    doc.name,
                    crash_in(&log)
                );
            }
            break;
        };
        crashes.insert(
            at,
            format!(
                "Prism {} crashed on this request ({}; its log {}): the examples after it ran \
                 against a new one",
                prism::PRISM_VERSION,
                crash_in(&log),
                log.display()
            ),
        );
        pending.retain(|&i| i as u64 > at);
        if pending.is_empty() {
            break;
        }
    }
    let results = serde_json::Value::Array(by_index.values().cloned().collect());
    fs::write(
        &results_path,
        serde_json::to_string_pretty(&results).unwrap_or_default(),
    )
    .map_err(|e| format!("cannot write {}: {e}", results_path.display()))?;
    let prism_log = logs.join(", ");
    let mut passed = 0;
    let mut failures = String::new();
    let mut notes = String::new();
    for (index, &op) in prepared.sampled.iter().enumerate() {
        let op = &prepared.operations[op];
        let result = match (prepared.left_out.get(&index), by_index.get(&(index as u64))) {
            (Some(error), _) => Err(error.as_str()),
            (None, Some(result)) => Ok(result),
            (None, None) => Err("the driver wrote no result for it"),
        };
        let documented = documented_statuses(&prepared.document, &op.request);
        let mut outcome = outcome(op, result, documented.as_deref());
        if let Some(crash) = crashes.get(&(index as u64)) {
            outcome.passed = false;
            outcome.reasons.insert(0, crash.clone());
        }
        let list = if outcome.passed {
            passed += 1;
            &mut notes
        } else {
            &mut failures
        };
        if outcome.reasons.is_empty() {
            continue;
        }
        let _ = writeln!(list, "  {} `{}`:", op.label(), op.method);
        for reason in &outcome.reasons {
            let _ = writeln!(list, "      {reason}");
        }
    }
    eprintln!(
        "wire: {}: {passed}/{} ({} operations in the document; {:.1}s with Prism's start; \
         Prism's log {prism_log})",
        doc.name,
        prepared.sampled.len(),
        prepared.operations.len(),
        started.elapsed().as_secs_f64(),
    );
    if !failures.is_empty() {
        eprint!(" not accepted and decoded:\n{failures}");
    }
    if !notes.is_empty() {
        eprint!(" accepted and decoded, with a note:\n{notes}");
    }
    Ok(Tally {
        name: doc.name,
        passed,
        sampled: prepared.sampled.len(),
        floor: doc.floor,
    })
}

/// How many times the drivers are built: after the first build, the examples that do not
/// compile are left out and the drivers built again.
const BUILDS: usize = 2;

/// The whole step: install, generate, build, run, count.
pub fn run(cargo: &OsStr) -> Result<(), String> {
    let root = project_root();
    let work = root.join(WORK_DIR);
    let target_dir = root.join("target");
    let (size, default_size) = sample_size()?;
    let folders = install(&root)?;
    let script = prism::ensure_installed(&root)?;

    let started = Instant::now();
    let mut prepared = Vec::new();
    for doc in DOCUMENTS {
        let spec = folders[doc.package].join(doc.file);
        prepared.push(prepare(doc, spec, &work, size)?);
    }
    let names: Vec<&str> = DOCUMENTS.iter().map(|d| d.name).collect();
    fs::write(work.join("Cargo.toml"), workspace_manifest(&names))
        .map_err(|e| format!("cannot write {}: {e}", work.join("Cargo.toml").display()))?;
    fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy the workspace's Cargo.lock: {e}"))?;
    eprintln!(
        "wire: {} crates and their drivers written in {:.1}s",
        prepared.len(),
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let mut problems = Vec::new();
    let mut built = Built::default();
    for attempt in 1..=BUILDS {
        built = build(cargo, &work, &target_dir)?;
        if built.errors.is_empty() || attempt == BUILDS {
            break;
        }
        // Leave out the examples the errors are in, when every error of a driver is in one.
        let mut again = false;
        for prepared in &mut prepared {
            let driver = prepared.driver_name();
            let errors: Vec<&CompileError> =
                built.errors.iter().filter(|e| e.target == driver).collect();
            let located: Vec<(usize, &CompileError)> = errors
                .iter()
                .filter(|e| e.file.ends_with("driver/src/main.rs"))
                .filter_map(|e| Some((example_at(&prepared.driver, e.line)?, *e)))
                .collect();
            if errors.is_empty() || located.len() != errors.len() {
                continue;
            }
            for (index, error) in located {
                prepared.left_out.entry(index).or_insert_with(|| {
                    format!(
                        "its usage example does not compile: {} (driver/src/main.rs:{})",
                        error.headline, error.line
                    )
                });
            }
            eprintln!(
                "wire: {}: the error(s) above are in the usage examples of {}: those examples \
                 are left out and count as failed operations",
                prepared.doc.name,
                prepared
                    .left_out
                    .keys()
                    .map(|&i| format!("`{}`", prepared.operations[prepared.sampled[i]].method))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            prepared.write_driver()?;
            again = true;
        }
        if !again {
            break;
        }
        eprintln!("wire: building again without the examples that do not compile");
    }
    eprintln!("wire: built in {:.1}s", started.elapsed().as_secs_f64());

    let mut tallies = Vec::new();
    for prepared in &prepared {
        let Some(driver) = built.executables.get(&prepared.driver_name()) else {
            let errors: Vec<String> = built
                .errors
                .iter()
                .filter(|e| e.target == prepared.crate_name.replace('-', "_"))
                .chain(
                    built
                        .errors
                        .iter()
                        .filter(|e| e.target == prepared.driver_name()),
                )
                .map(|e| format!("{}:{}: {}", e.file, e.line, e.headline))
                .collect();
            problems.push(format!(
                "{}: does not compile: {}",
                prepared.doc.name,
                if errors.is_empty() {
                    "cargo built no driver (its output is above)".to_owned()
                } else {
                    errors.join("; ")
                }
            ));
            continue;
        };
        match run_driver(&script, &root, prepared, driver) {
            Ok(tally) => tallies.push(tally),
            Err(e) => problems.push(e),
        }
    }

    let passed: usize = tallies.iter().map(|t| t.passed).sum();
    let sampled: usize = tallies.iter().map(|t| t.sampled).sum();
    eprintln!("wire: {passed}/{sampled} operations accepted and decoded");
    let counted: BTreeSet<&str> = tallies.iter().map(|t| t.name).collect();
    for tally in tallies.iter().filter(|_| default_size) {
        if tally.passed > tally.floor {
            eprintln!(
                "wire: {}: {} accepted and decoded, above its floor of {}: raise the floor in \
                 xtask/src/wire_corpus.rs",
                tally.name, tally.passed, tally.floor
            );
        }
        if tally.passed < tally.floor {
            problems.push(format!(
                "{}: {}/{} operations accepted and decoded, below the floor of {} \
                 (xtask/src/wire_corpus.rs)",
                tally.name, tally.passed, tally.sampled, tally.floor
            ));
        }
    }
    for doc in DOCUMENTS {
        if !counted.contains(doc.name) && !problems.iter().any(|p| p.starts_with(doc.name)) {
            problems.push(format!("{}: not run", doc.name));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The crate the generator makes of `generator/tests/fixtures/security.yaml`.
    fn security_fixture() -> generator::Output {
        let spec = project_root().join("generator/tests/fixtures/security.yaml");
        generator::generate(&generator::Config {
            spec_path: spec.clone(),
            spec_display: "security.yaml".to_owned(),
            crate_name: "vault".to_owned(),
            crate_version: "0.1.0".to_owned(),
            env_prefix: "VAULT".to_owned(),
            command: "test".to_owned(),
            examples_dir: None,
            jobs: None,
        })
        .unwrap()
    }

    fn op(request: &str, example: Option<&str>) -> Operation {
        Operation {
            request: request.to_owned(),
            operation_id: "op".to_owned(),
            method: "op".to_owned(),
            location: "src/operations/mod.rs:1".to_owned(),
            example: example.map(str::to_owned),
        }
    }

    #[test]
    fn the_documents_are_pinned_and_named_once() {
        let mut names = BTreeSet::new();
        for doc in DOCUMENTS {
            assert!(names.insert(doc.name), "{} twice", doc.name);
            assert!(doc.version.split('.').count() == 3, "{}", doc.version);
            assert!(
                doc.version.chars().all(|c| c.is_ascii_digit() || c == '.'),
                "{} is not an exact version",
                doc.version
            );
            assert!(
                doc.floor <= SAMPLE,
                "{}: the floor is above the sample",
                doc.name
            );
        }
        assert!(!DOCUMENTS.is_empty());
    }

    #[test]
    fn reads_every_operation_and_its_example_from_a_generated_crate() {
        let output = security_fixture();
        let ops = operations(&output.files);
        let fixture =
            fs::read_to_string(project_root().join("generator/tests/fixtures/security.yaml"))
                .unwrap();
        assert_eq!(
            ops.len(),
            fixture.matches("operationId:").count(),
            "{ops:#?}"
        );
        assert!(ops.iter().all(|o| o.example.is_some()), "{ops:#?}");
        let get_items = ops.iter().find(|o| o.request == "GET /items").unwrap();
        assert_eq!(get_items.operation_id, "listItems");
        assert_eq!(get_items.method, "list_items");
        assert_eq!(get_items.label(), "GET /items (listItems)");
        assert!(get_items.location.starts_with("src/operations/"));
        let example = get_items.example.as_deref().unwrap();
        assert!(
            example.starts_with(
                "async fn example(client: vault::Client) -> Result<(), vault::Error> {\n"
            ),
            "{example}"
        );
        assert!(
            example.contains("client.list_items().send().await?"),
            "{example}"
        );
        assert!(example.ends_with("\nOk(())\n}"), "{example}");
        // In path order, then method.
        let paths: Vec<&str> = ops
            .iter()
            .map(|o| o.request.split_once(' ').unwrap().1)
            .collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
    }

    #[test]
    fn reads_the_request_line_of_the_docs_only() {
        assert_eq!(
            request_line("`GET /pets/{id}` (operation `getPet`)."),
            Some(("GET /pets/{id}".to_owned(), "getPet".to_owned()))
        );
        assert_eq!(
            request_line("`post /x` (operation `x`)."),
            None,
            "a verb is upper case"
        );
        assert_eq!(request_line("`GET x` (operation `x`)."), None);
        assert_eq!(request_line("Returns a [`GetPet`] request."), None);
    }

    #[test]
    fn an_example_is_what_rustdoc_compiles() {
        let docs = [
            "Something.",
            "```no_run",
            "# async fn example(client: a::Client) -> Result<(), a::Error> {",
            "let response = client.x().send().await?;",
            "#",
            "    #[allow(unused)]",
            "# Ok(())",
            "# }",
            "```",
            "```no_run",
            "# fn other() {}",
            "```",
        ];
        assert_eq!(
            example_in(&docs).unwrap(),
            "async fn example(client: a::Client) -> Result<(), a::Error> {\n\
             let response = client.x().send().await?;\n\n    #[allow(unused)]\nOk(())\n}"
        );
        assert_eq!(example_in(&["```no_run", "# fn other() {}", "```"]), None);
        assert_eq!(example_in(&["no example"]), None);
    }

    #[test]
    fn the_sample_is_stable_and_keeps_its_operations_when_others_come() {
        let ops: Vec<Operation> = (0..60)
            .map(|i| op(&format!("GET /r{i}"), Some("x")))
            .collect();
        let first = sample(&ops, 20);
        assert_eq!(first.len(), 20);
        assert_eq!(first, sample(&ops, 20));
        assert!(first.windows(2).all(|w| w[0] < w[1]));
        // Not every third one, nor the first twenty.
        assert_ne!(first, (0..20).collect::<Vec<_>>());
        // A document with more operations keeps those of the old sample that still hash lowest.
        let mut more = ops.clone();
        more.extend((60..66).map(|i| op(&format!("GET /r{i}"), Some("x"))));
        let second: BTreeSet<String> = sample(&more, 20)
            .into_iter()
            .map(|i| more[i].request.clone())
            .collect();
        let kept = first
            .iter()
            .filter(|&&i| second.contains(&ops[i].request))
            .count();
        let added = second
            .iter()
            .filter(|r| r["GET /r".len()..].parse::<usize>().unwrap() >= 60)
            .count();
        assert_eq!(kept + added, 20);
        // Fewer operations than the limit: all of them.
        assert_eq!(sample(&ops[..5], 20), vec![0, 1, 2, 3, 4]);
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn finds_the_credential_setters_of_every_kind_of_scheme() {
        let output = security_fixture();
        let setters = credential_setters(&output.files["src/api.rs"]);
        assert!(
            setters.contains(&Setter::Basic("basic_auth".to_owned())),
            "{setters:?}"
        );
        assert!(
            setters.contains(&Setter::Secret("header_key".to_owned())),
            "{setters:?}"
        );
        assert!(
            setters.contains(&Setter::Secret("query_key".to_owned())),
            "{setters:?}"
        );
        assert!(
            setters.contains(&Setter::Secret("cookie_key".to_owned())),
            "{setters:?}"
        );
        // OAuth 2.0: the token as it is, never the provider nor the client credentials.
        let names: Vec<&str> = setters
            .iter()
            .map(|s| match s {
                Setter::Secret(n) | Setter::Basic(n) => n.as_str(),
            })
            .collect();
        assert!(names.iter().any(|n| n.ends_with("_token")), "{names:?}");
        assert!(!names.iter().any(|n| n.ends_with("_provider")), "{names:?}");
        assert!(
            !names.iter().any(|n| n.ends_with("_client_credentials")),
            "{names:?}"
        );
        assert!(credential_setters("no builder here").is_empty());
    }

    #[test]
    fn the_driver_holds_each_example_renamed_and_every_setter() {
        let a = op(
            "GET /a",
            Some(
                "async fn example(client: vault::Client) -> Result<(), vault::Error> {\nOk(())\n}",
            ),
        );
        let b = op("GET /b", None);
        let c = op(
            "GET /c",
            Some(
                "async fn example(client: vault::Client) -> Result<(), vault::Error> {\nbroken\n}",
            ),
        );
        let setters = [
            Setter::Secret("header_key".to_owned()),
            Setter::Basic("basic_auth".to_owned()),
        ];
        let left_out = BTreeMap::from([(2, "does not compile".to_owned())]);
        let source = driver_source("vault", &setters, &[&a, &b, &c], &left_out);
        assert!(source.contains("async fn example_0(client: vault::Client)"));
        assert!(source.contains(
            "    if wanted(0) {\n        results.push(run(0, &seen, example_0(client.clone())).await);\n    }"
        ));
        assert!(!source.contains("example_1"), "no example, no call");
        assert!(!source.contains("example_2"), "left out");
        assert!(source.contains(".header_key(\"wire-dummy-header_key\")"));
        assert!(source.contains(".basic_auth(\"wire-dummy-user\", \"wire-dummy-password\")"));
        assert!(source.contains("vault::Client::builder()"));
        assert!(!source.contains("__"), "a placeholder is left");
        let line = source
            .lines()
            .position(|l| l == "Ok(())")
            .map(|i| i + 1)
            .unwrap();
        assert_eq!(example_at(&source, line), Some(0));
        assert_eq!(example_at(&source, 1), None);
    }

    fn result(
        ok: bool,
        error: Option<&str>,
        status: &str,
        violations: &[&str],
    ) -> serde_json::Value {
        serde_json::json!({
            "index": 0,
            "ok": ok,
            "error": error,
            "body": null,
            "exchanges": [{
                "request": "GET /a HTTP/1.1",
                "request_body": "",
                "status": format!("HTTP/1.1 {status}"),
                "violations": violations,
            }],
        })
    }

    #[test]
    fn an_ok_without_violation_of_the_request_passes() {
        let a = op("GET /a", Some("x"));
        let documented = vec!["200".to_owned()];
        let clean = outcome(
            &a,
            Ok(&result(true, None, "200 OK", &[])),
            Some(&documented),
        );
        assert_eq!(
            clean,
            Outcome {
                passed: true,
                reasons: Vec::new()
            }
        );
        let warned = result(
            true,
            None,
            "200 OK",
            &[r#"[{"location":["request"],"severity":"Warning","message":"mutualTLS"}]"#],
        );
        let warned = outcome(&a, Ok(&warned), Some(&documented));
        assert!(warned.passed);
        assert!(warned.reasons[0].contains("mutualTLS"), "{warned:?}");
        let response_only = result(
            true,
            None,
            "200 OK",
            &[r#"[{"location":["response","body"],"severity":"Error","message":"bad example"}]"#],
        );
        assert!(outcome(&a, Ok(&response_only), Some(&documented)).passed);
        let refused = result(
            true,
            None,
            "200 OK",
            &[r#"[{"location":["request","query"],"severity":"Error","message":"required"}]"#],
        );
        let refused = outcome(&a, Ok(&refused), Some(&documented));
        assert!(!refused.passed);
        assert!(
            refused.reasons[0].starts_with("sent GET /a -> 200 OK; sl-violations: "),
            "{refused:?}"
        );
    }

    #[test]
    fn a_documented_error_passes_only_when_nothing_else_is_documented() {
        let a = op("DELETE /a", Some("x"));
        let error = result(false, Some("400 Bad Request"), "400 Bad Request", &[]);
        let only_errors = vec!["400".to_owned(), "404".to_owned()];
        let passed = outcome(&a, Ok(&error), Some(&only_errors));
        assert!(passed.passed, "{passed:?}");
        assert!(passed.reasons[0].contains("no success response (only 400, 404)"));
        let with_success = vec!["204".to_owned(), "400".to_owned()];
        assert!(!outcome(&a, Ok(&error), Some(&with_success)).passed);
        assert!(!outcome(&a, Ok(&error), None).passed);
        let undocumented = vec!["404".to_owned()];
        assert!(!outcome(&a, Ok(&error), Some(&undocumented)).passed);
        let range = vec!["4XX".to_owned()];
        assert!(outcome(&a, Ok(&error), Some(&range)).passed);
        // A client-side error is no documented response.
        let decode = result(false, Some("cannot decode X"), "400 Bad Request", &[]);
        assert!(!outcome(&a, Ok(&decode), Some(&only_errors)).passed);
    }

    #[test]
    fn no_example_or_no_result_fails() {
        let none = outcome(&op("GET /a", None), Err("unused"), None);
        assert!(!none.passed);
        assert_eq!(none.reasons, ["its docs have no usage example to run"]);
        let broken = outcome(&op("GET /a", Some("x")), Err("does not compile"), None);
        assert_eq!(broken.reasons, ["does not compile"]);
    }

    #[test]
    fn finds_the_request_prism_crashed_on() {
        let answered = result(true, None, "200 OK", &[]);
        let mut cut = result(false, Some("connection failed"), "", &[]);
        cut["index"] = 3.into();
        // The request went out; no status line came back.
        cut["exchanges"][0]["status"] = "".into();
        let mut refused = result(false, Some("connection failed"), "", &[]);
        refused["index"] = 4.into();
        refused["exchanges"] = serde_json::json!([]);
        assert_eq!(
            unanswered(&[answered.clone(), cut, refused.clone()]),
            Some(3)
        );
        assert_eq!(unanswered(&[answered.clone(), refused]), Some(4));
        assert_eq!(unanswered(&[answered]), None);

        let log = std::env::temp_dir().join(format!("xtask-wire-crash-{}.log", std::process::id()));
        fs::write(
            &log,
            "[HTTP SERVER] post /upload info Request received\n\n/x/multipart.ts:182\n    \
             const a = b.split(':')[1].trim()\nTypeError: Cannot read properties of undefined \
             (reading 'trim')\n    at process (/x/multipart.ts:182:61)\n    at Object.parse (/x)\n",
        )
        .unwrap();
        assert_eq!(
            crash_in(&log),
            "TypeError: Cannot read properties of undefined (reading 'trim') at process \
             (/x/multipart.ts:182:61)"
        );
        fs::remove_file(&log).unwrap();
        assert_eq!(crash_in(&log), "no error in its log");
    }

    #[test]
    fn reads_violations_cut_short() {
        let cut = r#"Too many violations! [{"location":["response","body"],"severity":"Error","message":"a"},{"location":["response","body","x"],"severity":"Er"#;
        assert!(!refuses_request(cut));
        let cut = r#"Too many violations! [{"location":["response"],"severity":"Error"},{"location":["request","body"],"severity":"Error","mess"#;
        assert!(refuses_request(cut));
        assert!(refuses_request("unreadable"));
    }

    #[test]
    fn finds_the_documented_statuses() {
        let document = serde_json::json!({
            "paths": {"/a/{id}": {"delete": {"responses": {"400": {}, "404": {}}}}}
        });
        assert_eq!(
            documented_statuses(&document, "DELETE /a/{id}"),
            Some(vec!["400".to_owned(), "404".to_owned()])
        );
        assert_eq!(documented_statuses(&document, "GET /a/{id}"), None);
        assert!(is_documented("404", &["4XX".to_owned()]));
        assert!(is_documented("500", &["default".to_owned()]));
        assert!(!is_documented("500", &["4XX".to_owned()]));
    }

    #[test]
    fn writes_only_what_changed_and_removes_what_is_gone() {
        let dir = std::env::temp_dir().join(format!("xtask-wire-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let files = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
                .collect()
        };
        write_files(&dir, &files(&[("a.rs", "a"), ("src/b.rs", "b")])).unwrap();
        let written = fs::metadata(dir.join("a.rs")).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_files(&dir, &files(&[("a.rs", "a"), ("src/c.rs", "c")])).unwrap();
        assert_eq!(
            fs::metadata(dir.join("a.rs")).unwrap().modified().unwrap(),
            written,
            "an unchanged file was written again"
        );
        assert!(!dir.join("src/b.rs").exists());
        assert_eq!(fs::read_to_string(dir.join("src/c.rs")).unwrap(), "c");
        let mut found = files_under(&dir, &dir);
        found.sort();
        assert_eq!(found, ["a.rs", "src/c.rs"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_workspace_lists_each_client_and_driver() {
        let manifest = workspace_manifest(&["a", "b-c"]);
        assert!(manifest
            .contains("members = [\"a/client\", \"a/driver\", \"b-c/client\", \"b-c/driver\"]"));
        let driver = driver_manifest("wire-a");
        assert!(driver.contains("name = \"wire-a-driver\""));
        assert!(driver.contains("wire-a = { path = \"../client\" }"));
    }
}

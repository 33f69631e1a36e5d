//! Contract tests: every operation of the generated `telnyx-orders` client against Prism, a mock
//! server that reads `spec/telnyx-number-orders.yaml` and validates requests against it.
//!
//! The tests need two running Prism instances and are `#[ignore]`d so that a plain
//! `cargo test --workspace` does not run them. `cargo xtask test` starts Prism (static mode at
//! [`STATIC_URL_ENV`], dynamic mode `-d` at [`DYNAMIC_URL_ENV`]) and runs
//! `cargo test -p generator --test contract -- --ignored`. Run with `--ignored` but without the
//! variables, the tests fail: they never skip.
//!
//! Every operation is described once, as data: a [`Case`] in the table of `contract/cases.rs`
//! (the journey's operations in `contract/journey.rs`), which says how to add one. One runner,
//! [`run`], makes the same checks for every description in static mode:
//! - the inputs of the valid call set every property the spec declares;
//! - the valid call, every optional parameter set, gets the documented success status and media
//!   type without `sl-violations`, and what the client returns is what Prism sent (a JSON body
//!   decoded strictly too, and re-encoded exactly; bytes as sent);
//! - its query on the wire is the deepObject form described, where there is a deepObject
//!   parameter;
//! - an invalid call gets the documented 422 with the violation at the location described, and
//!   the client's typed API error with Telnyx `errors[]`; an operation with no constrained input
//!   gets its 422 forced with `Prefer: code=422`, for the reason its description gives;
//! - `Prefer: code=404` gets the typed not-found error, for every operation documenting a 404;
//! - plus the assertion of an operation's own where it has one (the CSV download's bytes are the
//!   spec's example, the form-style queries).
//!
//! In dynamic mode every GET's call without optional query parameters decodes
//! [`DYNAMIC_RUNS`] random responses with the same checks as the valid call. An operation of the
//! spec without a description, or a description of an operation the spec does not have, fails
//! the tests, the plain `cargo test` one included.
//!
//! Every call goes through a small recording proxy ([`Recorder`]) placed between the client and
//! Prism, which keeps the raw request line and the raw response (status, headers, body). That is
//! how the tests see Prism's `sl-violations` header (its verdict on the request), the response
//! media type, and the query string on the wire (Prism accepts `?status=x` where the spec says
//! `?filter[status]=x`, so the deepObject form is checked on the recorded request).
//!
//! What is checked is driven by the spec: the operations, their documented success status and
//! media type, which ones document a 404, which parameters are deepObject and which properties
//! the request parameters and bodies have are all read from the YAML.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::future::Future;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use futures_util::future::BoxFuture;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use telnyx_orders::{Client, Error};

/// Base URL of the static-mode Prism (responses from the spec's examples).
const STATIC_URL_ENV: &str = "CONTRACT_PRISM_URL";
/// Base URL of the dynamic-mode Prism (responses generated at random from the schemas).
const DYNAMIC_URL_ENV: &str = "CONTRACT_PRISM_DYNAMIC_URL";
/// How many random responses each GET gets decoded in dynamic mode.
const DYNAMIC_RUNS: usize = 20;

const SPEC: &str = "spec/telnyx-number-orders.yaml";

fn env_url(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| {
        panic!(
            "{var} is not set: the contract tests need a running Prism. Run them with \
             `cargo xtask test`, which starts Prism and sets {STATIC_URL_ENV} and {DYNAMIC_URL_ENV}"
        )
    })
}

// ---------------------------------------------------------------------------------------------
// The spec
// ---------------------------------------------------------------------------------------------

/// The spec as JSON, with `$ref`s left in place (see [`Spec::resolve`]).
struct Spec {
    doc: Value,
    operations: BTreeMap<String, SpecOp>,
}

/// What the tests need to know about one operation.
#[derive(Debug, Clone)]
struct SpecOp {
    id: String,
    /// Upper case (`GET`).
    method: String,
    /// The path template (`/comments/{id}`).
    path: String,
    /// The documented 2xx status.
    success_status: u16,
    /// The media type of the success response (`application/json`, `text/csv`).
    success_media: String,
    /// The status codes of all documented responses.
    documented: BTreeSet<u16>,
    /// Resolved parameter objects, by name.
    params: BTreeMap<String, Value>,
    /// The resolved JSON request body schema, if any.
    body_schema: Option<Value>,
}

impl SpecOp {
    fn deep_object_params(&self) -> BTreeMap<&str, &Value> {
        self.params
            .iter()
            .filter(|(_, p)| p["in"] == "query" && p["style"] == "deepObject")
            .map(|(name, p)| (name.as_str(), p))
            .collect()
    }

    fn param_schema(&self, name: &str) -> &Value {
        &self
            .params
            .get(name)
            .unwrap_or_else(|| panic!("{}: the spec has no parameter `{name}`", self.id))["schema"]
    }
}

impl Spec {
    fn load() -> Spec {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(SPEC);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("the spec is YAML");
        let doc = serde_json::to_value(yaml).expect("the spec converts to JSON");
        let mut spec = Spec {
            doc,
            operations: BTreeMap::new(),
        };
        spec.operations = spec.read_operations();
        spec
    }

    /// Follows local `$ref`s until a node that is not one.
    fn resolve<'a>(&'a self, mut node: &'a Value) -> &'a Value {
        while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("non-local $ref {reference}"));
            node = self
                .doc
                .pointer(pointer)
                .unwrap_or_else(|| panic!("dangling $ref {reference}"));
        }
        node
    }

    fn read_operations(&self) -> BTreeMap<String, SpecOp> {
        const METHODS: [&str; 8] = [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ];
        let mut operations = BTreeMap::new();
        for (path, item) in self.doc["paths"].as_object().expect("paths") {
            for method in METHODS {
                let Some(op) = item.get(method) else {
                    continue;
                };
                let id = op["operationId"].as_str().expect("operationId").to_owned();
                let mut params = BTreeMap::new();
                let path_params = item.get("parameters").and_then(Value::as_array);
                let op_params = op.get("parameters").and_then(Value::as_array);
                for param in path_params.into_iter().chain(op_params).flatten() {
                    let param = self.resolve(param).clone();
                    let name = param["name"].as_str().expect("parameter name").to_owned();
                    params.insert(name, param);
                }
                let mut documented = BTreeSet::new();
                let mut success = None;
                for (code, response) in op["responses"].as_object().expect("responses") {
                    let Ok(code) = code.parse::<u16>() else {
                        continue;
                    };
                    documented.insert(code);
                    if (200..300).contains(&code) && success.is_none() {
                        let response = self.resolve(response);
                        let media = response["content"]
                            .as_object()
                            .and_then(|c| c.keys().next().cloned())
                            .unwrap_or_default();
                        success = Some((code, media));
                    }
                }
                let (success_status, success_media) =
                    success.unwrap_or_else(|| panic!("{id}: no documented success"));
                let body_schema = op.get("requestBody").map(|body| {
                    self.resolve(&self.resolve(body)["content"]["application/json"]["schema"])
                        .clone()
                });
                operations.insert(
                    id.clone(),
                    SpecOp {
                        id,
                        method: method.to_uppercase(),
                        path: path.clone(),
                        success_status,
                        success_media,
                        documented,
                        params,
                        body_schema,
                    },
                );
            }
        }
        operations
    }

    fn op(&self, id: &str) -> &SpecOp {
        self.operations
            .get(id)
            .unwrap_or_else(|| panic!("the spec has no operation {id}"))
    }

    /// Asserts that `value` sets every property `schema` declares, recursively (read-only
    /// properties excepted when `for_request`): "all optional parameters set".
    fn assert_sets_every_property(&self, what: &str, schema: &Value, value: &Value) {
        let schema = self.resolve(schema);
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            let object = value
                .as_object()
                .unwrap_or_else(|| panic!("{what}: expected an object, sent {value}"));
            for (name, property) in properties {
                if self.resolve(property)["readOnly"] == true {
                    continue;
                }
                let inner = object.get(name).unwrap_or_else(|| {
                    panic!("{what}: property `{name}` of the spec is not set in {value}")
                });
                self.assert_sets_every_property(&format!("{what}.{name}"), property, inner);
            }
        }
        if let Some(items) = schema.get("items") {
            let array = value
                .as_array()
                .unwrap_or_else(|| panic!("{what}: expected an array, sent {value}"));
            assert!(!array.is_empty(), "{what}: the array is empty");
            for (i, item) in array.iter().enumerate() {
                self.assert_sets_every_property(&format!("{what}[{i}]"), items, item);
            }
        }
    }

    /// The property schema at `name[a][b]` of a deepObject parameter of `op`, if declared.
    fn deep_object_property<'a>(
        &'a self,
        op: &'a SpecOp,
        name: &str,
        path: &[String],
    ) -> Option<&'a Value> {
        let param = op.deep_object_params().get(name).copied()?;
        let mut schema = self.resolve(&param["schema"]);
        for segment in path {
            schema = self.resolve(schema.get("properties")?.get(segment)?);
        }
        Some(schema)
    }
}

// ---------------------------------------------------------------------------------------------
// The recording proxy
// ---------------------------------------------------------------------------------------------

/// One request that went through the [`Recorder`] and Prism's answer to it.
#[derive(Debug, Clone)]
struct Exchange {
    method: String,
    /// The raw request target: path and query as sent.
    target: String,
    status: u16,
    /// Response headers, names in lower case.
    response_headers: Vec<(String, String)>,
    response_body: Vec<u8>,
}

impl Exchange {
    fn header(&self, name: &str) -> Option<&str> {
        self.response_headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, q)| q)
    }

    fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.response_body).into_owned()
    }

    /// Prism's request violations (its `sl-violations` header), if any.
    fn violations(&self) -> Option<Vec<Value>> {
        let header = self.header("sl-violations")?;
        Some(serde_json::from_str(header).unwrap_or_else(|e| {
            panic!("sl-violations is not a JSON array ({e}): {header}");
        }))
    }

    fn assert_no_violations(&self, op: &SpecOp) {
        if let Some(violations) = self.violations() {
            panic!(
                "{}: Prism rejected {} {}: sl-violations {violations:?}",
                op.id, self.method, self.target
            );
        }
    }
}

/// An HTTP/1.1 proxy in front of Prism that records every exchange. One connection carries one
/// exchange (`Connection: close` both ways), which keeps the parsing trivial.
struct Recorder {
    url: String,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

impl Recorder {
    fn start(upstream_url: &str) -> Recorder {
        let upstream: SocketAddr = upstream_url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|e| panic!("Prism URL {upstream_url:?} is not http://ip:port: {e}"));
        let listener = TcpListener::bind("127.0.0.1:0").expect("recorder binds");
        let url = format!(
            "http://{}",
            listener.local_addr().expect("recorder address")
        );
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&exchanges);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let log = Arc::clone(&log);
                thread::spawn(move || {
                    if let Err(e) = proxy(stream, upstream, &log) {
                        eprintln!("recorder: {e}");
                    }
                });
            }
        });
        Recorder { url, exchanges }
    }

    /// A client of the API pointed at this recorder.
    fn client(&self) -> Client {
        Client::builder()
            .api_key("contract-test-key")
            .base_url(&self.url)
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client builds")
    }

    /// The exchanges since the last call.
    fn take(&self) -> Vec<Exchange> {
        std::mem::take(&mut *self.exchanges.lock().unwrap())
    }

    /// The one exchange since the last call.
    fn take_one(&self, op: &SpecOp) -> Exchange {
        let mut exchanges = self.take();
        assert_eq!(
            exchanges.len(),
            1,
            "{}: expected exactly one request, recorded {exchanges:#?}",
            op.id
        );
        exchanges.pop().unwrap()
    }
}

/// Reads one request from `client`, forwards it to `upstream`, records the exchange and writes
/// the response back.
fn proxy(
    mut client: TcpStream,
    upstream: SocketAddr,
    log: &Mutex<Vec<Exchange>>,
) -> io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    let (head, body) = read_message(&mut client, true)?;
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();

    let mut forwarded = format!("{request_line}\r\nhost: {upstream}\r\nconnection: close\r\n");
    for line in lines.filter(|l| !l.is_empty()) {
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !matches!(name.as_str(), "host" | "connection" | "keep-alive") {
            forwarded.push_str(line);
            forwarded.push_str("\r\n");
        }
    }
    forwarded.push_str("\r\n");
    let mut prism = TcpStream::connect(upstream)?;
    prism.set_read_timeout(Some(Duration::from_secs(30)))?;
    prism.write_all(forwarded.as_bytes())?;
    prism.write_all(&body)?;
    let (response_head, response_body) = read_message(&mut prism, false)?;

    let mut lines = response_head.split("\r\n");
    let status_line = lines.next().unwrap_or_default().to_owned();
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| io::Error::other(format!("bad status line {status_line:?}")))?;
    let mut headers = Vec::new();
    let mut reply = format!("{status_line}\r\n");
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let name = name.trim().to_ascii_lowercase();
        if !matches!(
            name.as_str(),
            "connection" | "keep-alive" | "content-length" | "transfer-encoding"
        ) {
            reply.push_str(line);
            reply.push_str("\r\n");
        }
        headers.push((name, value.trim().to_owned()));
    }
    reply.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        response_body.len()
    ));
    log.lock().unwrap().push(Exchange {
        method,
        target,
        status,
        response_headers: headers,
        response_body: response_body.clone(),
    });
    client.write_all(reply.as_bytes())?;
    client.write_all(&response_body)?;
    client.flush()?;
    let _ = client.shutdown(Shutdown::Both);
    Ok(())
}

/// Reads an HTTP/1.1 message: its head (up to the blank line) and its body, delimited by
/// `content-length`, `transfer-encoding: chunked`, or (responses only) the end of the stream.
fn read_message(stream: &mut TcpStream, is_request: bool) -> io::Result<(String, Vec<u8>)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(io::Error::other(
                "connection closed inside the message head",
            ));
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut body = buffer[head_end + 4..].to_vec();
    let header = |wanted: &str| {
        head.split("\r\n").skip(1).find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case(wanted)
                .then(|| value.trim().to_ascii_lowercase())
        })
    };
    if let Some(length) = header("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| io::Error::other(format!("bad content-length {length:?}")))?;
        while body.len() < length {
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Err(io::Error::other("connection closed inside the body"));
            }
            body.extend_from_slice(&chunk[..n]);
        }
        body.truncate(length);
    } else if header("transfer-encoding").is_some_and(|te| te.contains("chunked")) {
        stream.read_to_end(&mut body)?;
        body = dechunk(&body)?;
    } else if !is_request {
        stream.read_to_end(&mut body)?;
    }
    Ok((head, body))
}

fn dechunk(mut data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| io::Error::other("truncated chunk size"))?;
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| io::Error::other(format!("bad chunk size {size_text:?}")))?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err(io::Error::other("truncated chunk"));
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

// ---------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------

/// Whether a concrete request path matches the operation's path template.
fn path_matches(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    template.len() == path.len()
        && template
            .iter()
            .zip(&path)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}') && !p.is_empty()) || t == p)
}

/// Decodes `%XX` escapes (query keys and values).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(byte) = u8::from_str_radix(hex, 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("query is UTF-8")
}

/// The request and response of a call that must succeed: the operation's method and path, the
/// documented success status and media type, and no violation reported by Prism.
fn assert_success_exchange(op: &SpecOp, exchange: &Exchange) {
    assert_eq!(exchange.method, op.method, "{}: method", op.id);
    assert!(
        path_matches(&op.path, exchange.path()),
        "{}: sent {} which does not match {}",
        op.id,
        exchange.path(),
        op.path
    );
    exchange.assert_no_violations(op);
    assert_eq!(
        exchange.status,
        op.success_status,
        "{}: expected the documented {}, Prism answered {}: {}",
        op.id,
        op.success_status,
        exchange.status,
        exchange.body_text()
    );
    let media = exchange.header("content-type").unwrap_or_default();
    assert!(
        media.starts_with(&op.success_media),
        "{}: content-type {media:?}, the spec documents {}",
        op.id,
        op.success_media
    );
}

/// A valid call: it succeeded (see [`assert_success_exchange`]), and what the client returned is
/// what Prism sent. A JSON response decoded by the client re-encodes to the body Prism sent (no
/// field lost or altered on the way into the generated types); bytes are the body as sent.
///
/// The client decodes leniently (a value that does not fit its documented type is moved into
/// the object's `extra` map rather than failing the call), so the body is also decoded
/// strictly here, which must succeed (a documented property of the wrong type fails it) and
/// give the same value. Members the spec does not list (dynamic Prism adds some where the
/// schema allows additional properties) are kept in `extra`; the re-encoding shows them kept.
fn assert_success(op: &SpecOp, recorder: &Recorder, outcome: Outcome) -> Exchange {
    let exchange = recorder.take_one(op);
    let reply = outcome.unwrap_or_else(|e| {
        panic!(
            "{}: the call failed: {e}; Prism answered {}: {}",
            op.id,
            exchange.status,
            exchange.body_text()
        )
    });
    assert_success_exchange(op, &exchange);
    match reply {
        Reply::Json(decoded) => {
            let raw: Value = serde_json::from_slice(&exchange.response_body)
                .unwrap_or_else(|e| panic!("{}: the body is not JSON ({e})", op.id));
            (decoded.strict)(&exchange.response_body).unwrap_or_else(|e| {
                panic!("{}: {e}\nbody: {}", op.id, exchange.body_text());
            });
            // Exactly, nulls included: a nullable property keeps `null` apart from absent.
            assert_eq!(
                decoded.reencoded, raw,
                "{}: the decoded response does not re-encode to what Prism sent",
                op.id
            );
        }
        Reply::Bytes(bytes) => {
            assert_eq!(bytes, exchange.response_body, "{}: bytes as sent", op.id);
        }
    }
    exchange
}

/// The query string on the wire is the deepObject form of the parameters set, exactly: every
/// key is `param[property]` (or `param[property][nested]`) for a deepObject parameter and
/// property the spec declares, or the bare name of a query parameter the spec declares in
/// another style (`sort=a&sort=b`, `version=2` beside `filter[...]`), and the pairs are
/// `expected` (order aside).
fn assert_deep_object_wire_form(
    spec: &Spec,
    op: &SpecOp,
    exchange: &Exchange,
    expected: &[(&str, &str)],
) {
    let mut sent: Vec<(String, String)> = exchange
        .query()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect();
    for (key, _) in &sent {
        let Some((name, rest)) = key.split_once('[') else {
            let param = op.params.get(key.as_str()).unwrap_or_else(|| {
                panic!(
                    "{}: query key `{key}` is neither in deepObject form nor a parameter of \
                     the spec: {}",
                    op.id, exchange.target
                )
            });
            assert!(
                param["in"] == "query" && param["style"] != "deepObject",
                "{}: `{key}` is sent bare but is not a query parameter outside deepObject \
                 style: {param}",
                op.id
            );
            continue;
        };
        let path: Vec<String> = rest
            .strip_suffix(']')
            .unwrap_or_else(|| panic!("{}: malformed deepObject key `{key}`", op.id))
            .split("][")
            .map(str::to_owned)
            .collect();
        let property = spec.deep_object_property(op, name, &path);
        assert!(
            property.is_some(),
            "{}: `{key}` is not a property of a deepObject parameter in the spec",
            op.id
        );
    }
    let mut expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    sent.sort();
    expected.sort();
    assert_eq!(sent, expected, "{}: query on the wire", op.id);
}

/// Where an invalid call is invalid, as Prism reports it in `sl-violations` (`location` after
/// `request`).
type Location = &'static [&'static str];

/// A deliberately invalid call: Prism answers the documented 422 with a violation at
/// `location`, and the client decodes it into its typed API error with Telnyx `errors[]`.
fn assert_invalid<T: Debug>(
    op: &SpecOp,
    recorder: &Recorder,
    result: Result<T, Error>,
    location: Location,
) {
    let exchange = recorder.take_one(op);
    assert!(
        op.documented.contains(&422),
        "{}: the spec documents no 422",
        op.id
    );
    let violations = exchange.violations().unwrap_or_else(|| {
        panic!(
            "{}: Prism accepted the invalid request {} {}",
            op.id, exchange.method, exchange.target
        )
    });
    let mut wanted = vec!["request"];
    wanted.extend_from_slice(location);
    assert!(
        violations.iter().any(|v| v["location"] == json!(wanted)),
        "{}: expected a violation at {wanted:?}, got {violations:?}",
        op.id
    );
    assert_eq!(exchange.status, 422, "{}: status", op.id);
    assert_typed_api_error(op, result, 422);
}

/// The client's typed API error for `status`, with the `errors[]` of the body decoded.
fn assert_typed_api_error<T: Debug>(op: &SpecOp, result: Result<T, Error>, status: u16) {
    let error = result.expect_err(&format!("{}: expected a {status}", op.id));
    let Error::Api(api) = &error else {
        panic!("{}: expected Error::Api, got {error:?}", op.id);
    };
    assert_eq!(api.status, status, "{}: {error}", op.id);
    assert_eq!(error.status(), Some(status));
    assert!(
        !api.errors.is_empty(),
        "{}: errors[] not decoded from {}",
        op.id,
        api.body
    );
    let first = api.first().expect("first error");
    assert!(
        first.code.is_some() && first.title.is_some() && first.detail.is_some(),
        "{}: incomplete error object {first:?}",
        op.id
    );
}

/// `Prefer: code=<status>` forces Prism to answer that documented status to a valid request.
fn assert_forced<T: Debug>(
    op: &SpecOp,
    recorder: &Recorder,
    result: Result<T, Error>,
    status: u16,
) {
    let exchange = recorder.take_one(op);
    assert!(
        op.documented.contains(&status),
        "{}: the spec documents no {status}",
        op.id
    );
    exchange.assert_no_violations(op);
    assert_eq!(
        exchange.status,
        status,
        "{}: {}",
        op.id,
        exchange.body_text()
    );
    let not_found = status == 404;
    let result_is_not_found = result.as_ref().err().map(Error::is_not_found);
    assert_eq!(
        result_is_not_found,
        Some(not_found),
        "{}: {result:?}",
        op.id
    );
    assert_typed_api_error(op, result, status);
}

// ---------------------------------------------------------------------------------------------
// The descriptions and their runner
// ---------------------------------------------------------------------------------------------

/// What a call returned, its type erased so that one runner takes every operation.
type Outcome = Result<Reply, Error>;

/// A call in flight.
type Pending = BoxFuture<'static, Outcome>;

/// A call of an operation: the request built from the client and sent, with
/// `Prefer: code=<status>` when given a status. Made by [`call!`]; a plain function, so a
/// description captures nothing.
type Call = fn(&Client, Option<u16>) -> Pending;

/// An assertion of one operation's own on the exchange of its valid call.
type Extra = fn(&Spec, &SpecOp, &Exchange);

/// A successful response as the client returned it.
#[derive(Debug)]
enum Reply {
    /// A JSON response decoded into its generated type.
    Json(Decoded),
    /// The bytes of a response that is not JSON (the CSV download).
    Bytes(Vec<u8>),
}

/// A value the client decoded from JSON, kept as what [`assert_success`] compares.
struct Decoded {
    /// The value re-encoded.
    reencoded: Value,
    /// Decodes a body strictly into the value's type and compares the result with the value;
    /// the error says what failed.
    strict: StrictCheck,
}

type StrictCheck = Box<dyn FnOnce(&[u8]) -> Result<(), String> + Send>;

impl Debug for Decoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Decoded({})", self.reencoded)
    }
}

/// The [`Outcome`] of a call with a JSON response.
fn json_reply<T>(result: Result<T, Error>) -> Outcome
where
    T: Serialize + DeserializeOwned + PartialEq + Debug + Send + 'static,
{
    let decoded = result?;
    let reencoded = serde_json::to_value(&decoded).expect("decoded value encodes");
    let strict = move |body: &[u8]| match serde_json::from_slice::<T>(body) {
        Err(e) => Err(format!(
            "the body does not decode strictly into the generated type {}: {e}",
            std::any::type_name::<T>()
        )),
        Ok(strict) if strict != decoded => Err(format!(
            "strict and client decoding differ:\n strict: {strict:?}\n client: {decoded:?}"
        )),
        Ok(_) => Ok(()),
    };
    Ok(Reply::Json(Decoded {
        reencoded,
        strict: Box::new(strict),
    }))
}

/// The [`Outcome`] of a call whose response the client returns as bytes.
fn bytes_reply<B: AsRef<[u8]>>(result: Result<B, Error>) -> Outcome {
    result.map(|bytes| Reply::Bytes(bytes.as_ref().to_vec()))
}

/// A [`Call`] from the expression that builds the request from the client `c`:
/// `call!(|c| c.retrieve_comment(COMMENT_ID))` for a JSON response, `call!(bytes, |c| ...)` for
/// one the client returns as bytes. A forced status goes through the request's own
/// `extra_header`.
macro_rules! call {
    (bytes, |$c:ident| $request:expr) => {
        call!(@bytes_reply, |$c| $request)
    };
    (|$c:ident| $request:expr) => {
        call!(@json_reply, |$c| $request)
    };
    (@$reply:ident, |$c:ident| $request:expr) => {{
        fn call($c: &telnyx_orders::Client, prefer: Option<u16>) -> $crate::Pending {
            let mut request = $request;
            if let Some(status) = prefer {
                request = request.extra_header("Prefer", format!("code={status}"));
            }
            let response = request.send();
            Box::pin(async move { $crate::$reply(response.await) })
        }
        call as $crate::Call
    }};
}

/// The table: every operation described (declared after [`call!`], which it uses).
#[path = "contract/cases.rs"]
mod cases;

/// The descriptions of the operations of the ordering journey beyond the original eighteen.
#[path = "contract/journey.rs"]
mod journey;

/// How an operation's documented 422 is obtained.
enum Invalid {
    /// A request the spec forbids, and where Prism must report the violation.
    Request(Location, Call),
    /// No request can be invalid, for the reason given (the operation has no input the spec
    /// constrains): the 422 is forced with `Prefer: code=422`.
    Forced(&'static str),
}

/// One operation, described as data: what [`run`] calls and expects. Made by [`Case::new`] and
/// the methods that follow it.
struct Case {
    /// The operationId.
    id: &'static str,
    /// A valid call, with every optional parameter set.
    valid: Call,
    /// The typed inputs of `valid` that must set every property the spec declares: a parameter
    /// name or `body`, and the value as JSON.
    all_set: Vec<(&'static str, Value)>,
    /// `valid` without its optional query parameters, where it has some: the forced responses
    /// and dynamic mode send this call (`valid` otherwise).
    bare: Option<Call>,
    /// The query pairs `valid` sends (see [`assert_deep_object_wire_form`]), for an operation
    /// with deepObject parameters.
    wire: Option<&'static [(&'static str, &'static str)]>,
    /// How the documented 422 is obtained.
    invalid: Option<Invalid>,
    /// Whether `Prefer: code=404` is checked: for every operation that documents a 404.
    not_found: bool,
    /// An assertion of this operation's own on the exchange of `valid`.
    extra: Option<Extra>,
}

impl Case {
    /// An operation and its valid call; a 404 is forced unless [`Case::no_404`] says otherwise.
    fn new(id: &'static str, valid: Call) -> Case {
        Case {
            id,
            valid,
            all_set: Vec::new(),
            bare: None,
            wire: None,
            invalid: None,
            not_found: true,
            extra: None,
        }
    }

    /// `value`, the input `name` (a parameter, or `body`) of the valid call, sets every property.
    fn all_set(mut self, name: &'static str, value: impl Serialize) -> Case {
        let value = serde_json::to_value(value).expect("encodes");
        self.all_set.push((name, value));
        self
    }

    fn bare(mut self, call: Call) -> Case {
        self.bare = Some(call);
        self
    }

    fn wire(mut self, pairs: &'static [(&'static str, &'static str)]) -> Case {
        self.wire = Some(pairs);
        self
    }

    /// `call` is invalid: Prism must report a violation at `at`.
    fn invalid(mut self, at: Location, call: Call) -> Case {
        self.invalid = Some(Invalid::Request(at, call));
        self
    }

    /// No request can be invalid, because `why`: the 422 is forced.
    fn forced_422(mut self, why: &'static str) -> Case {
        self.invalid = Some(Invalid::Forced(why));
        self
    }

    /// The spec documents no 404.
    fn no_404(mut self) -> Case {
        self.not_found = false;
        self
    }

    fn extra(mut self, check: Extra) -> Case {
        self.extra = Some(check);
        self
    }

    /// The call the forced responses and dynamic mode send.
    fn bare_call(&self) -> Call {
        self.bare.unwrap_or(self.valid)
    }
}

/// The descriptions by operationId, checked against the spec: one for each operation of the
/// spec, and none for an operation it does not have.
fn described(spec: &Spec) -> BTreeMap<&'static str, Case> {
    let mut table = BTreeMap::new();
    for case in cases::cases() {
        let id = case.id;
        assert!(
            table.insert(id, case).is_none(),
            "operation {id} is described twice"
        );
    }
    let missing: Vec<&str> = spec
        .operations
        .keys()
        .map(String::as_str)
        .filter(|id| !table.contains_key(id))
        .collect();
    let unknown: Vec<&str> = table
        .keys()
        .copied()
        .filter(|id| !spec.operations.contains_key(*id))
        .collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "operations of the spec without a description in contract/cases.rs (add one): \
         {missing:?}; descriptions of operations the spec does not have: {unknown:?}"
    );
    table
}

/// What a run covered, for the cross-checks against the spec.
#[derive(Debug)]
struct Exercised {
    id: &'static str,
    /// Where the invalid request's violation was reported, or why the 422 was forced.
    invalid: Result<Location, &'static str>,
    not_found: bool,
    wire_form: bool,
}

/// A run's context: the spec and a recorder of its own in front of static Prism.
struct Cx {
    spec: Arc<Spec>,
    recorder: Recorder,
    client: Client,
}

impl Cx {
    fn new(spec: Arc<Spec>, prism: &str) -> Cx {
        let recorder = Recorder::start(prism);
        let client = recorder.client();
        Cx {
            spec,
            recorder,
            client,
        }
    }
}

/// Runs one description against static Prism and makes the checks every operation gets.
async fn run(case: Case, cx: Cx) -> Exercised {
    let op = cx.spec.op(case.id).clone();
    for (name, value) in &case.all_set {
        let schema = match *name {
            "body" => op
                .body_schema
                .as_ref()
                .unwrap_or_else(|| panic!("{}: the spec documents no request body", op.id)),
            parameter => op.param_schema(parameter),
        };
        cx.spec
            .assert_sets_every_property(&format!("{} {name}", op.id), schema, value);
    }
    let outcome = (case.valid)(&cx.client, None).await;
    let exchange = assert_success(&op, &cx.recorder, outcome);
    if let Some(pairs) = case.wire {
        assert_deep_object_wire_form(&cx.spec, &op, &exchange, pairs);
    }
    if let Some(extra) = case.extra {
        extra(&cx.spec, &op, &exchange);
    }
    let bare = case.bare_call();
    let invalid = match case.invalid {
        Some(Invalid::Request(at, call)) => {
            assert_invalid(&op, &cx.recorder, call(&cx.client, None).await, at);
            Ok(at)
        }
        Some(Invalid::Forced(why)) => {
            assert_forced(&op, &cx.recorder, bare(&cx.client, Some(422)).await, 422);
            Err(why)
        }
        None => panic!(
            "{}: the description has neither an invalid call nor a reason for forcing the 422",
            op.id
        ),
    };
    if case.not_found {
        assert_forced(&op, &cx.recorder, bare(&cx.client, Some(404)).await, 404);
    }
    Exercised {
        id: case.id,
        invalid,
        not_found: case.not_found,
        wire_form: case.wire.is_some(),
    }
}

/// Runs `run(id)` for every id concurrently and returns the results, or panics listing every
/// failure (not just the first).
async fn for_each_operation<F, Fut, R>(ids: Vec<String>, mut run: F) -> Vec<R>
where
    F: FnMut(String) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    let tasks: Vec<_> = ids
        .into_iter()
        .map(|id| (id.clone(), tokio::spawn(run(id))))
        .collect();
    let mut results = Vec::new();
    let mut failures = Vec::new();
    for (id, task) in tasks {
        match task.await {
            Ok(result) => results.push(result),
            Err(error) => {
                let message = match error.try_into_panic() {
                    Ok(payload) => payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                        .unwrap_or_else(|| "panicked".to_owned()),
                    Err(error) => error.to_string(),
                };
                failures.push(format!("{id}: {message}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} operation(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    results
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Prism: run by cargo xtask test"]
async fn every_operation_against_prism() {
    let prism = env_url(STATIC_URL_ENV);
    let spec = Arc::new(Spec::load());
    let ids: Vec<String> = spec.operations.keys().cloned().collect();
    let mut table = described(&spec);
    let exercised = {
        let spec = Arc::clone(&spec);
        for_each_operation(ids, move |id| {
            let cx = Cx::new(Arc::clone(&spec), &prism);
            let case = table.remove(id.as_str()).expect("described");
            run(case, cx)
        })
        .await
    };

    let names: BTreeSet<&str> = exercised.iter().map(|e| e.id).collect();
    let in_spec: BTreeSet<&str> = spec.operations.keys().map(String::as_str).collect();
    assert_eq!(names, in_spec, "every operation of the spec, each once");
    assert_eq!(exercised.len(), spec.operations.len());

    let with_404: BTreeSet<&str> = spec
        .operations
        .values()
        .filter(|op| op.documented.contains(&404))
        .map(|op| op.id.as_str())
        .collect();
    let checked_404: BTreeSet<&str> = exercised
        .iter()
        .filter(|e| e.not_found)
        .map(|e| e.id)
        .collect();
    assert_eq!(
        checked_404, with_404,
        "Prefer: code=404 for every operation documenting a 404"
    );
    let with_deep_object: BTreeSet<&str> = spec
        .operations
        .values()
        .filter(|op| !op.deep_object_params().is_empty())
        .map(|op| op.id.as_str())
        .collect();
    let checked_wire: BTreeSet<&str> = exercised
        .iter()
        .filter(|e| e.wire_form)
        .map(|e| e.id)
        .collect();
    assert_eq!(
        checked_wire, with_deep_object,
        "deepObject wire form checked for every operation with deepObject parameters"
    );
    let invalid: Vec<String> = exercised
        .iter()
        .filter_map(|e| Some(format!("{} ({})", e.id, e.invalid.ok()?.join("."))))
        .collect();
    let forced: Vec<String> = exercised
        .iter()
        .filter_map(|e| Some(format!("{} ({})", e.id, e.invalid.err()?)))
        .collect();
    println!(
        "contract: exercised {} operations against Prism (the spec has {}): valid call with \
         every optional parameter, decoded and re-encoded, no sl-violations",
        exercised.len(),
        spec.operations.len()
    );
    println!(
        "contract: invalid request -> 422 with errors[] for {}: {}",
        invalid.len(),
        invalid.join(", ")
    );
    println!(
        "contract: no constrained input, 422 forced with Prefer for {}: {}",
        forced.len(),
        forced.join(", ")
    );
    println!(
        "contract: Prefer: code=404 -> typed not-found for {} operations; deepObject wire form \
         checked for {}: {}",
        checked_404.len(),
        checked_wire.len(),
        checked_wire.iter().copied().collect::<Vec<_>>().join(", ")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Prism: run by cargo xtask test"]
async fn every_get_decodes_random_responses() {
    let prism = env_url(DYNAMIC_URL_ENV);
    let spec = Arc::new(Spec::load());
    let gets: Vec<String> = spec
        .operations
        .values()
        .filter(|op| op.method == "GET")
        .map(|op| op.id.clone())
        .collect();
    assert!(!gets.is_empty());
    let count = gets.len();
    let table = described(&spec);
    let spec_for_tasks = Arc::clone(&spec);
    let decoded = for_each_operation(gets, move |id| {
        let spec = Arc::clone(&spec_for_tasks);
        let recorder = Recorder::start(&prism);
        // The description's call without optional query parameters, with the assertions of
        // `assert_success`.
        let call = table[id.as_str()].bare_call();
        async move {
            let op = spec.op(&id).clone();
            let client = recorder.client();
            let mut distinct = BTreeSet::new();
            for _ in 0..DYNAMIC_RUNS {
                let outcome = call(&client, None).await;
                distinct.insert(assert_success(&op, &recorder, outcome).response_body);
            }
            // Dynamic mode really is random: the runs are not all the same body.
            assert!(
                distinct.len() > 1,
                "{id}: {DYNAMIC_RUNS} identical responses; is Prism in dynamic mode?"
            );
            distinct.len()
        }
    })
    .await;
    assert_eq!(decoded.len(), count);
    println!(
        "contract: dynamic mode: {count} GET operations x {DYNAMIC_RUNS} random responses, all \
         decoded (strictly too) and re-encoded ({} distinct bodies)",
        decoded.iter().sum::<usize>()
    );
}

#[test]
fn the_spec_model_reads_every_operation() {
    // Runs in the plain `cargo test` step too: the spec model the contract tests rely on.
    let spec = Spec::load();
    let count = spec.doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().keys())
        .filter(|k| {
            matches!(
                k.as_str(),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
            )
        })
        .count();
    assert_eq!(spec.operations.len(), count);
    let list = spec.op("ListNumberOrders");
    assert_eq!(
        list.deep_object_params()
            .keys()
            .copied()
            .collect::<Vec<_>>(),
        ["filter", "page"]
    );
    assert!(spec
        .deep_object_property(list, "filter", &["created_at".into(), "gt".into()])
        .is_some());
    assert!(spec
        .deep_object_property(list, "filter", &["nope".into()])
        .is_none());
    // Form-style query parameters beside deepObject ones (the wire-form check takes both).
    let requirements = spec.op("ListRequirements");
    assert_eq!(
        requirements
            .deep_object_params()
            .keys()
            .copied()
            .collect::<Vec<_>>(),
        ["filter", "page"]
    );
    for name in ["sort", "version"] {
        let param = &requirements.params[name];
        assert!(
            param["in"] == "query" && param["style"].is_null(),
            "{param}"
        );
    }
    assert!(spec
        .deep_object_property(
            spec.op("ListNumberBlockOrders"),
            "filter",
            &["phone_numbers.starting_number".into()]
        )
        .is_some());
    assert_eq!(spec.op("CreateSubNumberOrdersReport").success_status, 202);
    assert_eq!(spec.op("CreateRequirementVersion").success_status, 201);
    // The documents API documents `default` instead of 404 on most operations.
    assert!(!spec.op("ListRequirementTypes").documented.contains(&404));
    assert!(spec
        .op("CancelPendingRequirementVersion")
        .documented
        .contains(&404));
    assert_eq!(
        spec.op("DownloadSubNumberOrdersReport").success_media,
        "text/csv"
    );
    assert!(path_matches("/comments/{id}/read", "/comments/abc/read"));
    assert!(!path_matches("/comments/{id}/read", "/comments/abc"));
    assert_eq!(percent_decode("filter%5Bstatus%5D"), "filter[status]");
}

#[test]
fn the_table_describes_every_operation_of_the_spec() {
    // Runs in the plain `cargo test` step too: a missing, unknown or duplicate description, or
    // one that does not say how its 422 is obtained, fails without Prism.
    let spec = Spec::load();
    let table = described(&spec);
    assert_eq!(table.len(), spec.operations.len());
    for case in table.values() {
        assert!(
            case.invalid.is_some(),
            "{}: neither an invalid call nor a reason for forcing the 422",
            case.id
        );
    }
}

#[test]
fn strict_decoding_rejects_what_the_client_keeps_leniently() {
    // The premise of the strict decoding in `assert_success`: outside the client, a
    // documented property of the wrong type fails decoding (the client would move it into
    // `extra`), while an undocumented property is kept in `extra`.
    use telnyx_orders::types::RetrieveCommentResponse;
    let wrong = br#"{"data": {"id": 5}}"#;
    assert!(serde_json::from_slice::<RetrieveCommentResponse>(wrong).is_err());
    let unknown = br#"{"data": {"id": "x"}, "other": 5}"#;
    let decoded: RetrieveCommentResponse = serde_json::from_slice(unknown).unwrap();
    assert_eq!(
        serde_json::to_value(decoded).unwrap(),
        json!({"data": {"id": "x"}, "other": 5})
    );
}

//! Helpers for the client operation tests: an in-process recording HTTP server
//! (`wiremock`) and assertions on the one request a test sent to it.

use serde_json::Value;
use telnyx_orders::Client;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The API key every test client uses.
pub const API_KEY: &str = "test-key";

/// Starts a recording server and a client pointed at it. Retries are off, so each call is
/// exactly one request; the retry tests build their own clients.
pub async fn start() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds");
    (server, client)
}

/// Answers every request with `status` and the JSON `body`.
pub async fn respond_json(server: &MockServer, status: u16, body: &Value) {
    respond(
        server,
        ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json"),
    )
    .await;
}

/// Answers every request with `response`.
pub async fn respond(server: &MockServer, response: ResponseTemplate) {
    Mock::given(any())
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
}

/// The one request the server received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is enabled");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// What a test expects on the wire.
pub struct Expected<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub accept: &'a str,
    /// The exact JSON body, or `None` when no body must be sent.
    pub body: Option<Value>,
}

/// All values of header `name`, as strings.
pub fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().expect("header is ASCII").to_owned())
        .collect()
}

/// Asserts method, raw path, raw query, the auth / accept / user-agent / content-type
/// headers and the body of `request`.
pub fn assert_request(request: &Request, expected: &Expected<'_>) {
    assert_eq!(request.method.as_str(), expected.method, "HTTP method");
    assert_eq!(request.url.path(), expected.path, "raw path");
    assert_eq!(request.url.query(), expected.query, "raw query string");
    assert_eq!(
        header_values(request, "authorization"),
        vec![format!("Bearer {API_KEY}")],
        "authorization header"
    );
    assert_eq!(
        header_values(request, "accept"),
        vec![expected.accept.to_owned()],
        "accept header"
    );
    let agents = header_values(request, "user-agent");
    assert_eq!(agents.len(), 1, "one user-agent header: {agents:?}");
    assert!(
        agents[0].starts_with("telnyx-orders/"),
        "user-agent {:?} starts with telnyx-orders/",
        agents[0]
    );
    match &expected.body {
        Some(body) => {
            assert_eq!(
                header_values(request, "content-type"),
                vec!["application/json".to_owned()],
                "content-type header"
            );
            let sent: Value = serde_json::from_slice(&request.body).unwrap_or_else(|e| {
                panic!(
                    "body is not JSON ({e}): {:?}",
                    String::from_utf8_lossy(&request.body)
                )
            });
            assert_eq!(&sent, body, "JSON body");
        }
        None => {
            assert!(
                request.body.is_empty(),
                "no body expected, got {:?}",
                String::from_utf8_lossy(&request.body)
            );
            assert!(
                header_values(request, "content-type").is_empty(),
                "no content-type expected without a body"
            );
        }
    }
}

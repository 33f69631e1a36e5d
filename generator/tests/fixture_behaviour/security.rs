//! Runs inside the crate generated from `fixtures/security.yaml` (copied there as
//! `tests/behaviour.rs` by `tests/security.rs`): every kind of security scheme, given its
//! credential through the generated setter, travels as the scheme says, and every shape of
//! requirement (none, the document's default, alternatives, a combination, optional, one that
//! names an undeclared scheme) is met as the description says, through the public API.

use security_client::{Client, ClientBuilder, Error, TokenFuture, TokenProvider};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The requests a server was sent, as text (request line, headers, body).
type Seen = Arc<Mutex<Vec<String>>>;

/// A server on loopback that records every request and answers each with what `answer` gives
/// for its text (a status and a JSON body).
fn recording(answer: impl Fn(&str) -> (u16, String) + Send + Sync + 'static) -> (String, Seen) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Seen = Arc::default();
    let record = seen.clone();
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for socket in listener.incoming() {
            let Ok(mut socket) = socket else { return };
            let (record, answer) = (record.clone(), answer.clone());
            std::thread::spawn(move || {
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                loop {
                    let text = String::from_utf8_lossy(&request).to_string();
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text[..end]
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap())
                            })
                            .unwrap_or(0);
                        if request.len() >= end + 4 + length {
                            break;
                        }
                    }
                    match socket.read(&mut buffer) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&request).to_string();
                record.lock().unwrap().push(text.clone());
                let (status, body) = answer(&text);
                let response = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(response.as_bytes());
            });
        }
    });
    (url, seen)
}

fn ok(_: &str) -> (u16, String) {
    (200, r#"{"ok": true}"#.into())
}

fn client(url: &str, builder: ClientBuilder) -> Client {
    builder.base_url(url).max_retries(0).build().unwrap()
}

/// The value of header `name` in a recorded request.
fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
    request.lines().find_map(|line| {
        let (key, value) = line.split_once(": ")?;
        key.eq_ignore_ascii_case(name).then_some(value)
    })
}

fn last(seen: &Seen) -> String {
    seen.lock().unwrap().last().cloned().expect("a request was sent")
}

#[tokio::test]
async fn each_scheme_travels_as_it_says() {
    let (url, seen) = recording(ok);
    let client = client(
        &url,
        Client::builder()
            .header_key("hk")
            .query_key("q&k")
            .cookie_key("ck")
            .basic_auth("ann", "secret")
            .bearer_auth("eyJ.jwt")
            .hoba_auth("hoba-value")
            .oauth_token("at")
            .open_id_token("id-token"),
    );
    client.list_items().send().await.unwrap();
    assert_eq!(header(&last(&seen), "x-vault-key"), Some("hk"));
    client.search().q("cats").send().await.unwrap();
    assert!(last(&seen).starts_with("GET /search?q=cats&key=q%26k "), "{}", last(&seen));
    client.get_session().theme("dark").send().await.unwrap();
    assert_eq!(
        header(&last(&seen), "cookie"),
        Some("theme=dark; vault_session=ck")
    );
    client.get_admin().send().await.unwrap();
    // "ann:secret" in base64.
    assert_eq!(
        header(&last(&seen), "authorization"),
        Some("Basic YW5uOnNlY3JldA==")
    );
    client.get_me().send().await.unwrap();
    assert_eq!(header(&last(&seen), "authorization"), Some("Bearer eyJ.jwt"));
    client.get_hoba().send().await.unwrap();
    assert_eq!(header(&last(&seen), "authorization"), Some("HOBA hoba-value"));
    client.list_reports().send().await.unwrap();
    assert_eq!(header(&last(&seen), "authorization"), Some("Bearer at"));
    client.get_profile().send().await.unwrap();
    assert_eq!(header(&last(&seen), "authorization"), Some("Bearer id-token"));
    // Each request carries what its operation accepts, nothing else.
    let seen = seen.lock().unwrap();
    assert_eq!(header(&seen[0], "authorization"), None);
    assert_eq!(header(&seen[4], "x-vault-key"), None);
    assert!(!seen[1].contains("vault_session"));
}

#[tokio::test]
async fn each_shape_of_requirement_is_met_as_described() {
    let (url, seen) = recording(ok);
    let key_only = client(&url, Client::builder().header_key("hk"));
    let everything = client(
        &url,
        Client::builder()
            .header_key("hk")
            .bearer_auth("tok")
            .basic_auth("u", "p"),
    );
    // `security: []`: nothing, whatever the client has.
    everything.get_public().send().await.unwrap();
    let request = last(&seen);
    assert_eq!(header(&request, "x-vault-key"), None);
    assert_eq!(header(&request, "authorization"), None);
    // Alternatives: the first the client can meet, in the description's order.
    key_only.get_either().send().await.unwrap();
    assert_eq!(header(&last(&seen), "x-vault-key"), Some("hk"));
    everything.get_either().send().await.unwrap();
    assert_eq!(header(&last(&seen), "authorization"), Some("Bearer tok"));
    assert_eq!(header(&last(&seen), "x-vault-key"), None);
    // Together: both.
    everything.get_both().send().await.unwrap();
    assert_eq!(header(&last(&seen), "x-vault-key"), Some("hk"));
    assert_eq!(header(&last(&seen), "authorization"), Some("Basic dTpw"));
    // Optional: the key when the client has it, nothing when it has not.
    key_only.get_maybe().send().await.unwrap();
    assert_eq!(header(&last(&seen), "x-vault-key"), Some("hk"));
    let anonymous = client(&url, Client::builder());
    anonymous.get_maybe().send().await.unwrap();
    assert_eq!(header(&last(&seen), "x-vault-key"), None);
    // A requirement naming an undeclared scheme was left out (a warning at generation): the
    // bearer token meets the other.
    everything.get_ghost().send().await.unwrap();
    assert_eq!(header(&last(&seen), "authorization"), Some("Bearer tok"));
}

#[tokio::test]
async fn a_requirement_the_client_cannot_meet_fails_before_anything_is_sent() {
    let (url, seen) = recording(ok);
    let key_only = client(&url, Client::builder().header_key("hk"));
    let error = key_only.get_both().send().await.unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "credentials: `getBoth` needs credentials the client was not given: \
         `ClientBuilder::header_key` (security scheme `headerKey`) and \
         `ClientBuilder::basic_auth` (security scheme `basicAuth`); nothing was sent"
    );
    let error = client(&url, Client::builder())
        .list_reports()
        .send()
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`ClientBuilder::oauth_…` (security scheme `oauth`)"),
        "{error}"
    );
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn credentials_never_show() {
    let builder = Client::builder()
        .header_key("SECRET-1")
        .basic_auth("user", "SECRET-2")
        .query_key("SECRET-3")
        .oauth_client_credentials("app", "SECRET-4");
    assert!(!format!("{builder:?}").contains("SECRET"));
    // Nothing listens on port 9: the error says so without the URL, which holds the key.
    let client = builder
        .base_url("http://127.0.0.1:9")
        .max_retries(0)
        .build()
        .unwrap();
    assert!(!format!("{client:?}").contains("SECRET"));
    let error = client.search().send().await.unwrap_err();
    assert!(!format!("{error} {error:?}").contains("SECRET"), "{error:?}");
}

/// The vault's token endpoint and API for the client-credentials flow: `POST /oauth/token`
/// gives `token-N`; the API refuses `token-1` once it is revoked.
static TOKENS: AtomicUsize = AtomicUsize::new(0);
static REVOKED: AtomicUsize = AtomicUsize::new(0);

fn vault(request: &str) -> (u16, String) {
    if request.starts_with("POST /oauth/token ") {
        let n = TOKENS.fetch_add(1, Ordering::SeqCst) + 1;
        return (
            200,
            format!(r#"{{"access_token": "token-{n}", "token_type": "Bearer", "expires_in": 3600}}"#),
        );
    }
    let revoked = REVOKED.load(Ordering::SeqCst);
    if revoked > 0 && header(request, "authorization") == Some(&format!("Bearer token-{revoked}"))
    {
        return (401, r#"{"message": "token revoked"}"#.into());
    }
    ok(request)
}

#[tokio::test]
async fn the_client_credentials_flow_is_run_by_the_client() {
    let (url, seen) = recording(vault);
    let client = client(
        &url,
        Client::builder().oauth_client_credentials("app", "s3cret"),
    );
    // Concurrent calls share one token request.
    let calls: Vec<_> = (0..6)
        .map(|_| tokio::spawn(client.list_reports().send()))
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    {
        let seen = seen.lock().unwrap();
        let asked: Vec<&String> = seen
            .iter()
            .filter(|r| r.starts_with("POST /oauth/token "))
            .collect();
        assert_eq!(asked.len(), 1, "{seen:#?}");
        // The token URL is relative: read from the base URL. The client authenticates with
        // its id and secret ("app:s3cret") and asks for the operation's scopes.
        assert_eq!(
            header(asked[0], "authorization"),
            Some("Basic YXBwOnMzY3JldA==")
        );
        assert!(
            asked[0].ends_with("grant_type=client_credentials&scope=reports%3Aread+reports%3Alist"),
            "{}",
            asked[0]
        );
        let api: Vec<&String> = seen.iter().filter(|r| r.starts_with("GET ")).collect();
        assert_eq!(api.len(), 6);
        assert!(api
            .iter()
            .all(|r| header(r, "authorization") == Some("Bearer token-1")));
    }
    // Revoked: the 401 renews the token once, and the call succeeds with the new one.
    REVOKED.store(1, Ordering::SeqCst);
    client.list_reports().send().await.unwrap();
    assert_eq!(TOKENS.load(Ordering::SeqCst), 2);
    assert_eq!(header(&last(&seen), "authorization"), Some("Bearer token-2"));
}

/// A provider of the caller's (an authorization-code flow, say), which hands out one token.
#[derive(Default)]
struct SignedIn {
    asked: Mutex<Vec<(Vec<&'static str>, Option<String>)>>,
}

impl TokenProvider for SignedIn {
    fn token<'a>(&'a self, scopes: &'a [&'static str], rejected: Option<&'a str>) -> TokenFuture<'a> {
        Box::pin(async move {
            self.asked
                .lock()
                .unwrap()
                .push((scopes.to_vec(), rejected.map(str::to_owned)));
            match rejected {
                None => Ok("user-token".to_owned()),
                Some(_) => Err(Error::Credentials("the user must sign in again".into())),
            }
        })
    }
}

#[tokio::test]
async fn a_token_provider_gives_the_tokens_of_the_other_flows() {
    let (url, seen) = recording(|request: &str| {
        if header(request, "authorization") == Some("Bearer user-token") {
            (401, "{}".into())
        } else {
            ok(request)
        }
    });
    let provider = Arc::new(SignedIn::default());
    let client = client(&url, Client::builder().open_id_provider(provider.clone()));
    let error = client.get_profile().send().await.unwrap_err();
    assert_eq!(error.to_string(), "credentials: the user must sign in again");
    assert_eq!(
        *provider.asked.lock().unwrap(),
        [
            (vec!["openid", "profile"], None),
            (vec!["openid", "profile"], Some("user-token".to_owned())),
        ]
    );
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn from_env_reads_a_variable_per_credential() {
    // The only test of this crate that touches the environment.
    std::env::set_var("SECURITY_HEADER_KEY", "env-key");
    std::env::set_var("SECURITY_BASIC_AUTH_USERNAME", "env-user");
    std::env::set_var("SECURITY_BASIC_AUTH_PASSWORD", "env-pass");
    let (url, seen) = recording(ok);
    std::env::set_var("SECURITY_BASE_URL", &url);
    let client = Client::from_env().unwrap();
    client.get_both().send().await.unwrap();
    let request = last(&seen);
    assert_eq!(header(&request, "x-vault-key"), Some("env-key"));
    // "env-user:env-pass" in base64.
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic ZW52LXVzZXI6ZW52LXBhc3M=")
    );
    for var in [
        "SECURITY_HEADER_KEY",
        "SECURITY_BASIC_AUTH_USERNAME",
        "SECURITY_BASIC_AUTH_PASSWORD",
    ] {
        std::env::remove_var(var);
    }
    let error = Client::from_env().unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("client configuration: no credential in the environment: set SECURITY_HEADER_KEY"),
        "{error}"
    );
}

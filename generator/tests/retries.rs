//! The generated client's retry policy, through its public API: which failures are retried,
//! how long it waits (Retry-After in all its forms, backoff), the attempt header, the POST
//! safety rules, and the traces it leaves. The clock is injected, so no test sleeps.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::json;
use telnyx_orders::types::{CreateNumberOrderRequest, ListNumberOrdersResponse};
use telnyx_orders::{Client, Clock, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "KEY-retries-secret";

/// A clock that records the sleeps asked of it and returns at once.
#[derive(Debug, Clone)]
struct TestClock {
    now: SystemTime,
    sleeps: Arc<Mutex<Vec<Duration>>>,
}

impl TestClock {
    fn new() -> Self {
        TestClock {
            // 2026-11-27T00:00:00Z
            now: SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_737_600),
            sleeps: Arc::default(),
        }
    }

    fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }
}

impl Clock for TestClock {
    fn now(&self) -> SystemTime {
        self.now
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.sleeps.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

async fn setup() -> (MockServer, Client, TestClock) {
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .clock(clock.clone())
        .build()
        .unwrap();
    (server, client, clock)
}

/// Answers the next `times` requests with `response` (earlier mounts answer first).
async fn then_respond(server: &MockServer, response: ResponseTemplate, times: u64) {
    Mock::given(any())
        .respond_with(response)
        .up_to_n_times(times)
        .mount(server)
        .await;
}

fn list_page() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "data": [],
        "meta": {"page_number": 1, "page_size": 20, "total_pages": 1, "total_results": 0}
    }))
}

fn created_order() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"data": {"id": "order-1"}}))
}

fn error_body(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "errors": [{"code": "10011", "title": "Server error", "detail": "try again"}]
    }))
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn retry_counts(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            r.headers
                .get("x-retry-count")
                .expect("every attempt carries x-retry-count")
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

async fn list(client: &Client) -> Result<ListNumberOrdersResponse, Error> {
    client.list_number_orders().send().await
}

fn order() -> CreateNumberOrderRequest {
    CreateNumberOrderRequest {
        customer_reference: Some("retry-test".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn get_is_retried_on_503_with_exponential_jittered_backoff() {
    let (server, client, clock) = setup().await;
    then_respond(&server, error_body(503), 2).await;
    then_respond(&server, list_page(), 1).await;

    let page = list(&client).await.expect("third attempt succeeds");
    assert_eq!(page.meta.unwrap().total_pages, Some(1));

    let requests = requests(&server).await;
    assert_eq!(retry_counts(&requests), ["0", "1", "2"]);
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2, "{sleeps:?}");
    // 0.5 s then 1 s, each shortened by at most 25 % of jitter.
    assert!(
        sleeps[0] >= Duration::from_millis(375) && sleeps[0] <= Duration::from_millis(500),
        "{sleeps:?}"
    );
    assert!(
        sleeps[1] >= Duration::from_millis(750) && sleeps[1] <= Duration::from_millis(1000),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn retries_stop_after_max_retries_and_return_the_last_error() {
    let (server, client, clock) = setup().await;
    then_respond(&server, error_body(500), 10).await;

    let err = list(&client).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(err.is_retryable());
    assert_eq!(requests(&server).await.len(), 3, "1 attempt + 2 retries");
    assert_eq!(clock.sleeps().len(), 2);
}

#[tokio::test]
async fn backoff_is_capped_at_eight_seconds() {
    let (server, _, clock) = setup().await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .clock(clock.clone())
        .max_retries(6)
        .build()
        .unwrap();
    then_respond(&server, error_body(502), 10).await;

    list(&client).await.unwrap_err();
    assert_eq!(requests(&server).await.len(), 7);
    let sleeps = clock.sleeps();
    let ceilings = [500u64, 1000, 2000, 4000, 8000, 8000];
    assert_eq!(sleeps.len(), ceilings.len());
    for (sleep, ceiling) in sleeps.iter().zip(ceilings) {
        let ceiling = Duration::from_millis(ceiling);
        assert!(
            *sleep <= ceiling && *sleep >= ceiling.mul_f64(0.75),
            "{sleeps:?}"
        );
    }
}

#[tokio::test]
async fn per_request_max_retries_overrides_the_client() {
    let (server, client, clock) = setup().await;
    then_respond(&server, error_body(500), 10).await;

    let err = client
        .list_number_orders()
        .max_retries(0)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(requests(&server).await.len(), 1);
    assert!(clock.sleeps().is_empty());

    server.reset().await;
    then_respond(&server, error_body(500), 10).await;
    client
        .list_number_orders()
        .max_retries(4)
        .send()
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await.len(), 5);
}

#[tokio::test]
async fn retry_after_seconds_is_honoured_exactly() {
    let (server, client, clock) = setup().await;
    then_respond(
        &server,
        error_body(429).insert_header("retry-after", "3"),
        1,
    )
    .await;
    then_respond(&server, list_page(), 1).await;

    list(&client).await.unwrap();
    assert_eq!(clock.sleeps(), [Duration::from_secs(3)]);
}

#[tokio::test]
async fn retry_after_ms_is_honoured_and_wins_over_retry_after() {
    let (server, client, clock) = setup().await;
    then_respond(
        &server,
        error_body(503)
            .insert_header("retry-after-ms", "1500")
            .insert_header("retry-after", "9"),
        1,
    )
    .await;
    then_respond(&server, list_page(), 1).await;

    list(&client).await.unwrap();
    assert_eq!(clock.sleeps(), [Duration::from_millis(1500)]);
}

#[tokio::test]
async fn retry_after_http_date_is_measured_from_the_clock() {
    let (server, client, clock) = setup().await;
    // The test clock reads 2026-11-27T00:00:00Z; the server asks for 00:00:10.
    then_respond(
        &server,
        error_body(503).insert_header("retry-after", "Fri, 27 Nov 2026 00:00:10 GMT"),
        1,
    )
    .await;
    then_respond(&server, list_page(), 1).await;

    list(&client).await.unwrap();
    assert_eq!(clock.sleeps(), [Duration::from_secs(10)]);
}

#[tokio::test]
async fn retry_after_up_to_the_cap_is_waited_for_and_beyond_it_is_not() {
    let (server, client, clock) = setup().await;
    then_respond(
        &server,
        error_body(429).insert_header("retry-after", "60"),
        1,
    )
    .await;
    then_respond(
        &server,
        error_body(429).insert_header("retry-after-ms", "120000"),
        1,
    )
    .await;
    then_respond(&server, list_page(), 1).await;

    // 60 s is waited for; 120 s is not: the error comes back at once, with the delay on it.
    let err = list(&client).await.unwrap_err();
    assert_eq!(clock.sleeps(), [Duration::from_secs(60)]);
    assert!(err.is_rate_limited());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn unreadable_retry_after_falls_back_to_backoff() {
    let (server, client, clock) = setup().await;
    then_respond(
        &server,
        error_body(503).insert_header("retry-after", "soon"),
        1,
    )
    .await;
    then_respond(&server, list_page(), 1).await;

    list(&client).await.unwrap();
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 1);
    assert!(sleeps[0] <= Duration::from_millis(500) && sleeps[0] >= Duration::from_millis(375));
}

#[tokio::test]
async fn post_is_not_retried_on_500() {
    let (server, client, clock) = setup().await;
    then_respond(&server, error_body(500), 10).await;

    let err = client
        .create_number_order(order())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(
        requests(&server).await.len(),
        1,
        "a second order would cost money"
    );
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn post_is_retried_on_429() {
    let (server, client, clock) = setup().await;
    then_respond(&server, error_body(429), 1).await;
    then_respond(&server, created_order(), 1).await;

    let created = client.create_number_order(order()).send().await.unwrap();
    assert_eq!(created.data.unwrap().id.as_deref(), Some("order-1"));
    let requests = requests(&server).await;
    assert_eq!(retry_counts(&requests), ["0", "1"]);
    assert_eq!(
        requests[0].body, requests[1].body,
        "the same body is sent again"
    );
    assert_eq!(clock.sleeps().len(), 1);
}

#[tokio::test]
async fn x_should_retry_overrides_the_policy_both_ways() {
    let (server, client, _) = setup().await;
    then_respond(
        &server,
        error_body(500).insert_header("x-should-retry", "true"),
        1,
    )
    .await;
    then_respond(&server, created_order(), 1).await;
    client.create_number_order(order()).send().await.unwrap();
    assert_eq!(
        requests(&server).await.len(),
        2,
        "the server allowed a POST retry"
    );

    server.reset().await;
    then_respond(
        &server,
        error_body(503).insert_header("x-should-retry", "false"),
        10,
    )
    .await;
    let err = list(&client).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        requests(&server).await.len(),
        1,
        "the server forbade a retry"
    );
}

#[tokio::test]
async fn post_is_not_retried_after_a_timeout_but_get_is() {
    let (server, client, clock) = setup().await;
    then_respond(
        &server,
        created_order().set_delay(Duration::from_millis(400)),
        10,
    )
    .await;

    let err = client
        .create_number_order(order())
        .request_timeout(Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert!(err.is_retryable());
    assert!(clock.sleeps().is_empty());
    assert_eq!(requests(&server).await.len(), 1);

    server.reset().await;
    then_respond(
        &server,
        list_page().set_delay(Duration::from_millis(400)),
        10,
    )
    .await;
    let err = client
        .list_number_orders()
        .request_timeout(Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert_eq!(clock.sleeps().len(), 2, "GET is retried after timeouts");
}

#[tokio::test]
async fn post_is_retried_when_the_connection_is_refused() {
    // A port nobody listens on: the request never reaches a server.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let clock = TestClock::new();
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .clock(clock.clone())
        .build()
        .unwrap();

    let err = client
        .create_number_order(order())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection(_)), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(clock.sleeps().len(), 2, "both retries were attempted");
    assert!(!format!("{err} {err:?}").contains(API_KEY));
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let (server, client, clock) = setup().await;
    then_respond(&server, error_body(422), 10).await;
    let err = list(&client).await.unwrap_err();
    assert_eq!(err.status(), Some(422));
    assert!(!err.is_retryable());
    assert_eq!(requests(&server).await.len(), 1);
    assert!(clock.sleeps().is_empty());
}

mod traces {
    //! A minimal `tracing` subscriber that writes every span and event as text.

    use std::fmt::Write as _;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};
    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Default, Clone)]
    pub struct Recorder {
        pub lines: Arc<Mutex<Vec<String>>>,
        next: Arc<AtomicU64>,
    }

    struct Fields(String);

    impl Visit for Fields {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            let _ = write!(self.0, " {}={:?}", field.name(), value);
        }
        fn record_str(&mut self, field: &Field, value: &str) {
            let _ = write!(self.0, " {}={}", field.name(), value);
        }
    }

    impl Subscriber for Recorder {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut fields = Fields(format!("span {}:", span.metadata().name()));
            span.record(&mut fields);
            self.lines.lock().unwrap().push(fields.0);
            Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed) + 1)
        }
        fn record(&self, _: &Id, values: &Record<'_>) {
            let mut fields = Fields("record:".into());
            values.record(&mut fields);
            self.lines.lock().unwrap().push(fields.0);
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut fields = Fields(format!("event {}:", event.metadata().level()));
            event.record(&mut fields);
            self.lines.lock().unwrap().push(fields.0);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[tokio::test]
async fn requests_and_attempts_are_traced_without_secrets() {
    let recorder = traces::Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let (server, client, _) = setup().await;
    then_respond(&server, error_body(503), 1).await;
    then_respond(&server, list_page(), 1).await;

    client
        .list_number_orders()
        .filter(telnyx_orders::types::ListNumberOrdersFilter {
            customer_reference: Some("private-ref".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();

    let lines = recorder.lines.lock().unwrap().clone();
    let text = lines.join("\n");
    assert!(
        lines.iter().any(|l| l.starts_with("span request:")
            && l.contains("operation=ListNumberOrders")
            && l.contains("method=GET")
            && l.contains("path=/number_orders")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("attempt=0") && l.contains("status=503")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("retrying") && l.contains("delay_ms=")),
        "{text}"
    );
    assert!(
        lines.iter().any(|l| l.contains("attempt=1")
            && l.contains("status=200")
            && l.contains("elapsed_ms=")),
        "{text}"
    );
    assert!(!text.contains(API_KEY), "the API key leaked: {text}");
    assert!(!text.contains("private-ref"), "query values leaked: {text}");
}

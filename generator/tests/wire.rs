//! What black-box testing of the client found, each through the public API against a local
//! server: path parameters that leave the endpoint, bodies that break off, deepObject
//! properties the description does not list, explicit `null`, the whole-call deadline,
//! `Retry-After` beyond the cap, success metadata, spawnable requests, page setters, and the
//! wording of errors.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serde_json::json;
use telnyx_orders::types::{
    CreateNumberOrderRequest, ListNumberOrdersFilter, ListNumberOrdersResponse,
    NumberOrderPhoneNumber,
};
use telnyx_orders::{Client, Clock, Error, Nullable};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A clock that records the sleeps asked of it and returns at once.
#[derive(Debug, Clone, Default)]
struct TestClock {
    sleeps: Arc<Mutex<Vec<Duration>>>,
}

impl Clock for TestClock {
    fn now(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_737_600)
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.sleeps.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

fn client(base_url: &str, clock: &TestClock) -> Client {
    Client::builder()
        .api_key("KEY-wire")
        .base_url(base_url)
        .clock(clock.clone())
        .build()
        .unwrap()
}

fn list_page() -> serde_json::Value {
    json!({
        "data": [{"id": "order-1", "status": "pending"}],
        "meta": {"page_number": 1, "page_size": 20, "total_pages": 1, "total_results": 1}
    })
}

// ----- 1, 2: path parameters that would name another endpoint --------------------------

#[tokio::test]
async fn empty_and_dot_path_parameters_are_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {}})))
        .mount(&server)
        .await;
    let client = client(&server.uri(), &TestClock::default());
    for value in ["", ".", ".."] {
        let error = client
            .retrieve_number_order(value)
            .send()
            .await
            .unwrap_err();
        match &error {
            Error::InvalidParameter { name, .. } => assert_eq!(*name, "number_order_id"),
            other => panic!("{value:?}: {other:?}"),
        }
        assert!(error.to_string().contains("`number_order_id`"), "{error}");
        assert!(error.to_string().contains("nothing was sent"), "{error}");
        let error = client
            .cancel_sub_number_order(value)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::InvalidParameter {
                    name: "sub_number_order_id",
                    ..
                }
            ),
            "{error:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
    // Dots inside a value are no dot segments: `a..b` and `...` are sent, encoded as one segment.
    client.retrieve_number_order("a..b").send().await.unwrap();
    client.retrieve_number_order("...").send().await.unwrap();
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(paths, ["/number_orders/a..b", "/number_orders/..."]);
}

// ----- 3: a body that breaks off -------------------------------------------------------

/// A server whose first `cut` connections answer 200 with a `Content-Length` of 1000 and then
/// close after 20 bytes; later ones answer `body` whole. Returns its URL and the count of
/// connections it accepted.
async fn cutting_server(cut: usize, body: String) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let n = count.fetch_add(1, Ordering::SeqCst);
            let body = body.clone();
            tokio::spawn(async move {
                // Read the request head (and a small body) before answering.
                let mut buf = vec![0u8; 64 * 1024];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(read) => seen.extend_from_slice(&buf[..read]),
                    }
                }
                let reply = if n < cut {
                    format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{}",
                        &"{\"data\": [{\"id\": \"order-1\", ".repeat(2)[..20]
                    )
                } else {
                    format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    )
                };
                let _ = socket.write_all(reply.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (url, accepted)
}

#[tokio::test]
async fn a_get_whose_body_breaks_off_is_retried() {
    let (url, accepted) = cutting_server(1, list_page().to_string()).await;
    let clock = TestClock::default();
    let page = client(&url, &clock)
        .list_number_orders()
        .send()
        .await
        .expect("the second attempt reads the whole body");
    assert_eq!(page.data.unwrap().len(), 1);
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
    assert_eq!(clock.sleeps.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_post_whose_body_breaks_off_is_not_sent_twice_and_says_why() {
    let (url, accepted) = cutting_server(5, json!({"data": {}}).to_string()).await;
    let error = client(&url, &TestClock::default())
        .create_number_order(CreateNumberOrderRequest::default())
        .send()
        .await
        .unwrap_err();
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "POST is sent once");
    let Error::Connection(transport) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(transport.body_broke_off(), Some(200));
    assert!(transport.may_have_been_processed());
    let text = error.to_string();
    assert!(
        text.contains("the response body broke off after status 200"),
        "{text}"
    );
    assert!(text.contains("may have processed the request"), "{text}");
    assert!(!text.contains("error decoding response body"), "{text}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_get_whose_body_always_breaks_off_fails_after_the_retries() {
    let (url, accepted) = cutting_server(10, String::new()).await;
    let error = client(&url, &TestClock::default())
        .list_number_orders()
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        3,
        "one attempt and two retries"
    );
    assert!(error.to_string().contains("body broke off"), "{error}");
    assert!(!error.to_string().contains("may have processed"), "{error}");
}

// ----- 4: deepObject properties the description does not list ----------------------------

#[tokio::test]
async fn unknown_properties_of_a_deep_object_reach_the_query_string() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(list_page()))
        .mount(&server)
        .await;
    let mut filter = ListNumberOrdersFilter {
        status: Some("pending".into()),
        ..Default::default()
    };
    filter.extra.insert("country_code".into(), json!("US"));
    filter.extra.insert("quantity".into(), json!(2));
    client(&server.uri(), &TestClock::default())
        .list_number_orders()
        .filter(filter)
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("filter[status]=pending&filter[country_code]=US&filter[quantity]=2")
    );
}

// ----- 5: explicit null ----------------------------------------------------------------

#[test]
fn null_and_absent_stay_apart_in_both_directions() {
    for text in [
        r#"{"bundle_id":null,"country_code":"US"}"#,
        r#"{"country_code":"US"}"#,
        r#"{"bundle_id":"bc8e4d67-33a0-4cbb-af74-7b58f05bd474"}"#,
    ] {
        let number: NumberOrderPhoneNumber = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&number).unwrap(), text, "round trip");
    }
    let cleared = NumberOrderPhoneNumber {
        bundle_id: Nullable::Null,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&cleared).unwrap(),
        r#"{"bundle_id":null}"#
    );
    let untouched = NumberOrderPhoneNumber::default();
    assert_eq!(serde_json::to_string(&untouched).unwrap(), "{}");
}

// ----- the whole-call deadline ---------------------------------------------------------

#[tokio::test]
async fn the_total_timeout_bounds_attempts_and_retries() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(list_page())
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    // Each attempt may take 300 ms and two retries follow; the call may take 500 ms.
    let client = Client::builder()
        .api_key("KEY-wire")
        .base_url(server.uri())
        .timeout(Duration::from_millis(300))
        .total_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.list_number_orders().send().await.unwrap_err();
    let took = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    // Per request, too: here the request's own total timeout is the shorter one.
    let started = Instant::now();
    let error = client
        .list_number_orders()
        .total_timeout(Duration::from_millis(150))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(started.elapsed() < Duration::from_millis(1000));
}

#[tokio::test]
async fn a_retry_whose_wait_would_pass_the_total_timeout_is_not_made() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("retry-after", "30")
                .set_body_json(json!({"errors": [{"title": "Busy"}]})),
        )
        .mount(&server)
        .await;
    let clock = TestClock::default();
    let error = Client::builder()
        .api_key("KEY-wire")
        .base_url(server.uri())
        .clock(clock.clone())
        .total_timeout(Duration::from_secs(10))
        .build()
        .unwrap()
        .list_number_orders()
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert!(clock.sleeps.lock().unwrap().is_empty());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

// ----- Retry-After beyond the cap ------------------------------------------------------

#[tokio::test]
async fn a_server_that_asks_for_an_hour_is_not_waited_for() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "3600")
                .set_body_json(json!({"errors": [{"title": "Slow down"}]})),
        )
        .mount(&server)
        .await;
    let clock = TestClock::default();
    let error = client(&server.uri(), &clock)
        .list_number_orders()
        .send()
        .await
        .unwrap_err();
    assert!(error.is_rate_limited());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    assert!(clock.sleeps.lock().unwrap().is_empty(), "no wait");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

// ----- success metadata, spawnable requests, page setters ------------------------------

#[tokio::test]
async fn a_success_keeps_its_status_headers_and_request_id_beside_the_body() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req-42")
                .insert_header("x-rate-limit-remaining", "99")
                .set_body_json(list_page()),
        )
        .mount(&server)
        .await;
    let response = client(&server.uri(), &TestClock::default())
        .list_number_orders()
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some("req-42"));
    assert_eq!(response.headers()["x-rate-limit-remaining"], "99");
    // The typed body is there, through `Deref` or by value.
    assert_eq!(response.data.as_ref().unwrap().len(), 1);
    let page: ListNumberOrdersResponse = response.into_value();
    assert_eq!(page.meta.unwrap().total_pages, Some(1));
}

#[tokio::test]
async fn requests_can_be_spawned() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(list_page()))
        .mount(&server)
        .await;
    let client = client(&server.uri(), &TestClock::default());
    let handles: Vec<_> = (0..3)
        .map(|_| tokio::spawn(client.list_number_orders().send()))
        .collect();
    for handle in handles {
        handle.await.unwrap().unwrap();
    }
    // The builder holds its own clone of the client: the client may go first.
    let request = client.list_number_orders();
    drop(client);
    tokio::spawn(request.send()).await.unwrap().unwrap();
}

#[tokio::test]
async fn list_operations_set_the_page_without_building_it() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(list_page()))
        .mount(&server)
        .await;
    client(&server.uri(), &TestClock::default())
        .list_number_orders()
        .page_size(50)
        .page_number(3)
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("page[number]=3&page[size]=50")
    );
}

/// The lenient pass (a value that does not fit its type moves to `extra`) keeps absent and
/// `null` apart too.
#[tokio::test]
async fn absent_and_null_survive_the_lenient_pass() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"country_code": "US", "is_block_number": "yes", "phone_numbers_count": null}
        })))
        .mount(&server)
        .await;
    let client = client(&server.uri(), &TestClock::default());
    let body = client
        .get_number_order_phone_number("id-1")
        .send()
        .await
        .expect("a misfit does not fail the response");
    let data = body.data.as_ref().unwrap();
    assert!(data.bundle_id.is_absent(), "{:?}", data.bundle_id);
    assert_eq!(data.is_block_number, None);
    assert_eq!(data.extra["is_block_number"], json!("yes"));
    let again = serde_json::to_value(&body).unwrap();
    assert_eq!(again["data"].get("bundle_id"), None);
}

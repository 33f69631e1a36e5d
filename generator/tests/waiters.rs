//! Waiters through the generated crate's public API (`Client::wait_until_…`, declared by the
//! curated document's `x-waiters`), against a local server that answers a scripted sequence and
//! a clock that records the sleeps asked of it: an order that settles, one that fails, one that
//! never settles, a 404 on the way, a 429 with `Retry-After` in between (absorbed by the
//! client's retries, or by the waiter's own when those are off), a server that asks to wait past
//! the deadline, and a report that expires.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::json;
use telnyx_orders::operations::RetrieveNumberOrderError;
use telnyx_orders::types::{NumberOrderStatus, SubNumberOrdersReportStatus};
use telnyx_orders::{Client, Clock, WaitError};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// A clock that records the sleeps asked of it and returns at once.
#[derive(Debug, Clone, Default)]
struct TestClock {
    sleeps: Arc<Mutex<Vec<Duration>>>,
}

impl TestClock {
    fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }
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

/// Answers the scripted responses in turn, then the last one again and again.
struct Script {
    responses: Vec<ResponseTemplate>,
    served: AtomicUsize,
}

impl Respond for Script {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.served.fetch_add(1, Ordering::SeqCst);
        self.responses[n.min(self.responses.len() - 1)].clone()
    }
}

fn order(status: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "data": {
            "id": "12ade33a-21c0-473b-b055-b3c836e1c292",
            "record_type": "number_order",
            "status": status,
            "phone_numbers_count": 1
        }
    }))
}

fn error(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "errors": [{"code": "10005", "title": "Resource not found", "detail": "No such order"}]
    }))
}

/// A server that answers `GET {route}` with `responses` in turn, and a client of it.
async fn serve(route: &str, responses: Vec<ResponseTemplate>) -> (MockServer, Client, TestClock) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(Script {
            responses,
            served: AtomicUsize::new(0),
        })
        .mount(&server)
        .await;
    let clock = TestClock::default();
    let client = Client::builder()
        .api_key("KEY-waiters-secret")
        .base_url(server.uri())
        .clock(clock.clone())
        .build()
        .unwrap();
    (server, client, clock)
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

const ORDER: &str = "/number_orders/12ade33a";

#[tokio::test]
async fn pending_pending_success_returns_the_settled_order() {
    let responses = vec![order("pending"), order("pending"), order("success")];
    let (server, client, clock) = serve(ORDER, responses).await;
    let response = client
        .wait_until_number_order_settled("12ade33a")
        .send()
        .await
        .unwrap();
    let data = response.value().data.as_ref().unwrap();
    assert_eq!(data.status, Some(NumberOrderStatus::Success));
    assert_eq!(response.status(), 200);
    assert_eq!(requests(&server).await, 3);
    // The declared delays (2 s to 30 s): the first sleep is the minimum, the second between it
    // and twice it.
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2, "{sleeps:?}");
    assert_eq!(sleeps[0], Duration::from_secs(2));
    assert!(
        (Duration::from_secs(2)..=Duration::from_secs(4)).contains(&sleeps[1]),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn pending_failure_is_a_failed_wait_with_the_response() {
    let (server, client, _) = serve(ORDER, vec![order("pending"), order("failure")]).await;
    let error = client
        .wait_until_number_order_settled("12ade33a")
        .send()
        .await
        .unwrap_err();
    let response = error
        .failed_response()
        .expect("a failed wait keeps the response");
    let data = response.value().data.as_ref().unwrap();
    assert_eq!(data.status, Some(NumberOrderStatus::Failure));
    match &error {
        WaitError::Failed {
            waiter, matched, ..
        } => {
            assert_eq!(*waiter, "wait_until_number_order_settled");
            assert_eq!(matched, r#"`data.status` is "failure""#);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        error.to_string(),
        r#"wait_until_number_order_settled: reached a failure state: `data.status` is "failure""#
    );
    assert!(!format!("{error:?}").contains("KEY-waiters-secret"));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn an_order_that_never_settles_times_out_with_the_last_response() {
    let (server, client, clock) = serve(ORDER, vec![order("pending")]).await;
    let error = client
        .wait_until_number_order_settled("12ade33a")
        .min_delay(Duration::from_secs(1))
        .max_delay(Duration::from_secs(4))
        .max_wait(Duration::from_secs(20))
        .send()
        .await
        .unwrap_err();
    let WaitError::TimedOut {
        attempts,
        waited,
        last,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert!(error.is_timed_out());
    let last = last
        .as_ref()
        .as_ref()
        .expect("the last outcome was a response");
    assert_eq!(
        last.value().data.as_ref().unwrap().status,
        Some(NumberOrderStatus::Pending)
    );
    // The sleeps and the requests fill the wait: the last sleep is cut so the last request goes
    // at the deadline (the requests to the local server take milliseconds), and none is longer
    // than the maximum delay.
    let sleeps = clock.sleeps();
    let slept: Duration = sleeps.iter().sum();
    assert!(slept <= Duration::from_secs(20), "{sleeps:?}");
    assert!(slept > Duration::from_secs(19), "{sleeps:?}");
    assert!(
        sleeps.iter().all(|s| *s <= Duration::from_secs(4)),
        "{sleeps:?}"
    );
    assert!(*waited >= Duration::from_secs(20));
    assert_eq!(*attempts as usize, sleeps.len() + 1);
    assert_eq!(requests(&server).await, sleeps.len() + 1);
    assert!(error.to_string().starts_with(&format!(
        "wait_until_number_order_settled: no final state after {attempts} request(s) in 20."
    )));
    assert!(
        error.to_string().ends_with("last response: status 200"),
        "{error}"
    );
}

#[tokio::test]
async fn a_404_on_the_way_ends_the_wait_with_the_typed_error() {
    let responses = vec![order("pending"), error(404), order("success")];
    let (server, client, _) = serve(ORDER, responses).await;
    let error = client
        .wait_until_number_order_settled("12ade33a")
        .send()
        .await
        .unwrap_err();
    let WaitError::Request { error: cause, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(cause.is_not_found());
    assert!(matches!(
        cause.typed::<RetrieveNumberOrderError>(),
        Some(RetrieveNumberOrderError::NotFound(_))
    ));
    assert!(error.to_string().contains("404"), "{error}");
    assert!(error.to_string().contains("No such order"), "{error}");
    assert_eq!(requests(&server).await, 2, "a 404 is not waited out");
}

fn throttled(seconds: u64) -> ResponseTemplate {
    error(429).insert_header("retry-after", seconds.to_string().as_str())
}

#[tokio::test]
async fn a_429_with_retry_after_in_between_is_waited_for() {
    // The client's own retries take the 429 and honour its Retry-After.
    let responses = vec![order("pending"), throttled(7), order("success")];
    let (server, client, clock) = serve(ORDER, responses).await;
    let response = client
        .wait_until_number_order_settled("12ade33a")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.value().data.as_ref().unwrap().status,
        Some(NumberOrderStatus::Success)
    );
    assert_eq!(requests(&server).await, 3);
    assert_eq!(clock.sleeps()[1], Duration::from_secs(7));

    // With those retries off, the waiter itself retries the 429, after at least what it asked.
    let responses = vec![order("pending"), throttled(45), order("success")];
    let (server, client, clock) = serve(ORDER, responses).await;
    let response = client
        .wait_until_number_order_settled("12ade33a")
        .map_request(|request| request.max_retries(0))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(requests(&server).await, 3);
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2, "{sleeps:?}");
    assert_eq!(
        sleeps[1],
        Duration::from_secs(45),
        "longer than maxDelay, as asked"
    );
}

#[tokio::test]
async fn a_server_asking_to_wait_past_the_deadline_ends_the_wait_at_once() {
    let responses = vec![order("pending"), throttled(120)];
    let (server, client, clock) = serve(ORDER, responses).await;
    let error = client
        .wait_until_number_order_settled("12ade33a")
        .max_wait(Duration::from_secs(60))
        .map_request(|request| request.max_retries(0))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timed_out(), "{error:?}");
    let cause = error.error().expect("the last outcome was an error");
    assert!(cause.is_rate_limited());
    assert_eq!(cause.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(clock.sleeps(), [Duration::from_secs(2)]);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_server_error_the_client_gave_up_on_is_retried_by_the_waiter() {
    let responses = vec![error(503), order("pending"), order("success")];
    let (server, client, _) = serve(ORDER, responses).await;
    let response = client
        .wait_until_number_order_settled("12ade33a")
        .map_request(|request| request.max_retries(0))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn a_report_that_expires_fails_and_one_that_succeeds_is_ready() {
    let route = "/sub_number_orders_report/r-1";
    let report = |status: &str| {
        ResponseTemplate::new(200).set_body_json(json!({
            "data": {"id": "r-1", "status": status, "user_id": "u-1"}
        }))
    };
    let (_server, client, _) = serve(route, vec![report("pending"), report("expired")]).await;
    let error = client
        .wait_until_sub_number_orders_report_ready("r-1")
        .send()
        .await
        .unwrap_err();
    let response = error.failed_response().unwrap();
    assert_eq!(
        response.value().data.as_ref().unwrap().status,
        Some(SubNumberOrdersReportStatus::Expired)
    );
    let (_server, client, _) = serve(route, vec![report("pending"), report("success")]).await;
    let response = client
        .wait_until_sub_number_orders_report_ready("r-1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.value().data.as_ref().unwrap().status,
        Some(SubNumberOrdersReportStatus::Success)
    );
}

#[tokio::test]
async fn a_wait_can_be_spawned_and_dropping_it_cancels_it() {
    let (server, client, _) = serve(ORDER, vec![order("pending"), order("success")]).await;
    let task = tokio::spawn(client.wait_until_number_order_settled("12ade33a").send());
    assert!(task.await.unwrap().is_ok());
    assert_eq!(requests(&server).await, 2);

    // A clock whose sleep never ends: the wait is dropped during its first sleep, and no
    // request follows.
    #[derive(Debug)]
    struct Never;
    impl Clock for Never {
        fn now(&self) -> SystemTime {
            SystemTime::now()
        }
        fn sleep(&self, _: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
            Box::pin(std::future::pending())
        }
    }
    let (server, _, _) = serve(ORDER, vec![order("pending")]).await;
    let client = Client::builder()
        .api_key("KEY")
        .base_url(server.uri())
        .clock(Never)
        .build()
        .unwrap();
    let wait = client.wait_until_number_order_settled("12ade33a").send();
    let outcome = tokio::time::timeout(Duration::from_millis(300), wait).await;
    assert!(outcome.is_err(), "the wait was still sleeping");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(requests(&server).await, 1);
}

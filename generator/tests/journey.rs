//! The ordering journey end to end: the crate's example `order_numbers` (search, reserve, order,
//! wait, sub orders and requirements) run as a user runs it, against a recording server that
//! answers like Telnyx.

use std::process::Command;

use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const SUB_ORDER_ID: &str = "3ee13a4e-1f2c-4a31-a8c5-4d1a0b1f6c01";
const RESERVATION_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c293";
const REQUIREMENT_ID: &str = "8ffb3622-7c6b-4ccc-b65f-7a3dc0099576";
const NUMBERS: [&str; 2] = ["+13125550101", "+13125550102"];

fn available() -> Value {
    let numbers: Vec<Value> = NUMBERS
        .iter()
        .map(|number| {
            json!({
                "record_type": "available_phone_number",
                "phone_number": number,
                "vanity_format": "",
                "best_effort": false,
                "quickship": true,
                "reservable": true,
                "region_information": [{"region_type": "rate_center", "region_name": "CHICAGO"}],
                "cost_information": {"upfront_cost": "1.00", "monthly_cost": "1.00", "currency": "USD"},
                "features": [{"name": "sms"}, {"name": "voice"}]
            })
        })
        .collect();
    json!({"data": numbers, "meta": {"total_results": 2, "best_effort_results": 0}})
}

fn reservation() -> Value {
    json!({"data": {
        "id": RESERVATION_ID,
        "record_type": "number_reservation",
        "status": "pending",
        "customer_reference": "order_numbers example",
        "phone_numbers": NUMBERS.iter().map(|number| json!({
            "id": "12ade33a-21c0-473b-b055-b3c836e1c294",
            "record_type": "reserved_phone_number",
            "phone_number": number,
            "status": "pending",
            "expired_at": "2026-12-01T10:30:00Z",
            "created_at": "2026-12-01T10:00:00Z",
            "updated_at": "2026-12-01T10:00:00Z"
        })).collect::<Vec<_>>(),
        "created_at": "2026-12-01T10:00:00Z",
        "updated_at": "2026-12-01T10:00:00Z"
    }})
}

fn order(status: &str) -> Value {
    json!({"data": {
        "id": ORDER_ID,
        "record_type": "number_order",
        "status": status,
        "phone_numbers_count": 2,
        "customer_reference": "order_numbers example",
        "requirements_met": status == "success",
        "sub_number_orders_ids": [SUB_ORDER_ID],
        "phone_numbers": NUMBERS.iter().map(|number| json!({
            "id": "dc8e4d67-33a0-4cbb-af74-7b58f05bd494",
            "record_type": "number_order_phone_number",
            "phone_number": number,
            "status": status,
            "bundle_id": null,
            "regulatory_requirements": []
        })).collect::<Vec<_>>(),
        "created_at": "2026-12-01T10:00:01Z",
        "updated_at": "2026-12-01T10:00:01Z"
    }})
}

fn sub_orders() -> Value {
    json!({
        "data": [{
            "id": SUB_ORDER_ID,
            "order_request_id": ORDER_ID,
            "record_type": "sub_number_order",
            "country_code": "US",
            "phone_number_type": "local",
            "phone_numbers_count": 2,
            "status": "success",
            "requirements_met": true,
            "regulatory_requirements": [{
                "record_type": "phone_number_regulatory_requirement",
                "requirement_id": REQUIREMENT_ID,
                "field_type": "address"
            }],
            "created_at": "2026-12-01T10:00:01Z",
            "updated_at": "2026-12-01T10:00:05Z"
        }],
        "meta": {"page_number": 1, "page_size": 20, "total_pages": 1, "total_results": 1}
    })
}

async fn mount(server: &MockServer, verb: &str, at: &str, body: Value, times: Option<u64>) {
    let mock = Mock::given(method(verb)).and(path(at)).respond_with(
        ResponseTemplate::new(if verb == "POST" { 201 } else { 200 })
            .insert_header("x-request-id", "req-example")
            .set_body_json(body),
    );
    let mock = match times {
        Some(n) => mock.up_to_n_times(n),
        None => mock,
    };
    mock.mount(server).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_order_numbers_example_runs_the_whole_journey() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/available_phone_numbers"))
        .and(query_param("filter[national_destination_code]", "312"))
        .respond_with(ResponseTemplate::new(200).set_body_json(available()))
        .mount(&server)
        .await;
    mount(&server, "POST", "/number_reservations", reservation(), None).await;
    mount(&server, "POST", "/number_orders", order("pending"), None).await;
    let order_path = format!("/number_orders/{ORDER_ID}");
    // Pending twice, then settled (earlier mounts answer first).
    mount(&server, "GET", &order_path, order("pending"), Some(2)).await;
    mount(&server, "GET", &order_path, order("success"), None).await;
    Mock::given(method("GET"))
        .and(path("/sub_number_orders"))
        .and(query_param("filter[order_request_id]", ORDER_ID))
        .respond_with(ResponseTemplate::new(200).set_body_json(sub_orders()))
        .mount(&server)
        .await;

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let uri = server.uri();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(cargo)
            .args([
                "run",
                "--quiet",
                "-p",
                "telnyx-orders",
                "--example",
                "order_numbers",
                "--",
            ])
            .args(["--base-url", &uri, "--area-code", "312", "--poll-ms", "5"])
            .current_dir(root)
            .env("TELNYX_API_KEY", "KEY-example")
            .env_remove("TELNYX_BASE_URL")
            .output()
            .expect("cargo runs the example")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "found +13125550101, +13125550102",
            "reserved +13125550101 until 2026-12-01T10:30:00Z",
            "reserved +13125550102 until 2026-12-01T10:30:00Z",
            "order placed (201, request id req-example)",
            &format!("order {ORDER_ID} is success"),
            &format!("sub order {SUB_ORDER_ID}: 2 US numbers, success, requirements met: true"),
            &format!("  requirement {REQUIREMENT_ID} (address)"),
        ]
    );

    // What reached the server, in order, with the bodies the example built.
    let requests = server.received_requests().await.unwrap();
    let calls: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        calls,
        [
            "GET /available_phone_numbers".to_owned(),
            "POST /number_reservations".to_owned(),
            "POST /number_orders".to_owned(),
            format!("GET {order_path}"),
            format!("GET {order_path}"),
            format!("GET {order_path}"),
            "GET /sub_number_orders".to_owned(),
        ]
    );
    assert_eq!(
        requests[0].url.query(),
        Some("filter[country_code]=US&filter[limit]=2&filter[national_destination_code]=312&filter[reservable]=true")
    );
    let body = |i: usize| -> Value { serde_json::from_slice(&requests[i].body).unwrap() };
    assert_eq!(
        body(1),
        json!({
            "customer_reference": "order_numbers example",
            "phone_numbers": [{"phone_number": NUMBERS[0]}, {"phone_number": NUMBERS[1]}]
        })
    );
    assert_eq!(
        body(2),
        json!({
            "customer_reference": "order_numbers example",
            "phone_numbers": [{"phone_number": NUMBERS[0]}, {"phone_number": NUMBERS[1]}]
        })
    );
    assert!(requests
        .iter()
        .all(|r| r.headers["authorization"] == "Bearer KEY-example"));
}

//! The generated client against hand-written code doing the same work.
//!
//! - `decode_page_250`: decoding a 250-item `ListNumberOrders` page into the generated types
//!   versus into a hand-written serde struct with the same fields (what someone writing the
//!   client by hand would use: `derive(Deserialize)`, `String`s, a unit enum with `other`).
//!   The generated types keep unknown properties and unknown enum values and accept malformed
//!   formats; the benchmark shows what that costs.
//! - `round_trip_page_250`: one `GET /number_orders` over loopback, from request to decoded
//!   page, through the generated client versus hand-written `reqwest` + `serde_json`. The server
//!   is a minimal keep-alive HTTP/1.1 responder so that the clients dominate the time.
//!
//! Run with `cargo bench -p generator --bench client`. Target: the generated client within 5 %
//! of the hand-written baseline.
//!
//! On a shared machine the load changes between criterion's groups, so each group also ends
//! with an interleaved comparison: the two sides alternate call by call for a fixed number of
//! rounds and the ratio of their total times is printed (`generated / hand-written`).

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};
use telnyx_orders::types::ListNumberOrdersResponse;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The hand-written baseline types. Their fields are decoded, never read.
#[allow(dead_code)]
mod baseline {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    pub struct Page {
        pub data: Option<Vec<NumberOrder>>,
        pub meta: Option<Meta>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Meta {
        pub page_number: Option<i64>,
        pub page_size: Option<i64>,
        pub total_pages: Option<i64>,
        pub total_results: Option<i64>,
    }

    #[derive(Debug, Deserialize)]
    pub struct NumberOrder {
        pub billing_group_id: Option<String>,
        pub connection_id: Option<String>,
        pub created_at: Option<String>,
        pub customer_reference: Option<String>,
        pub id: Option<String>,
        pub messaging_profile_id: Option<String>,
        pub phone_numbers: Option<Vec<PhoneNumber>>,
        pub phone_numbers_count: Option<i64>,
        pub record_type: Option<String>,
        pub requirements_met: Option<bool>,
        pub status: Option<Status>,
        pub sub_number_orders_ids: Option<Vec<String>>,
        pub updated_at: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct PhoneNumber {
        pub id: Option<String>,
        pub phone_number: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Status {
        Pending,
        Success,
        Failure,
        #[serde(other)]
        Other,
    }
}

fn page_json(items: usize) -> Vec<u8> {
    let statuses = ["pending", "success", "failure"];
    let data: Vec<Value> = (0..items)
        .map(|i| {
            json!({
                "id": format!("12ade33a-21c0-473b-b055-{i:012}"),
                "record_type": "number_order",
                "phone_numbers_count": 2,
                "connection_id": "346789098765567",
                "messaging_profile_id": "abc85f64-5717-4562-b3fc-2c9600",
                "billing_group_id": "abc85f64-5717-4562-b3fc-2c9600",
                "customer_reference": format!("MY REF {i:03}"),
                "status": statuses[i % 3],
                "requirements_met": i % 2 == 0,
                "created_at": "2018-01-01T00:00:00.000000Z",
                "updated_at": "2018-01-01T00:00:00.000000Z",
                "sub_number_orders_ids": ["3ee13a4e-1f2c-4a31-a8c5-4d1a0b1f6c01", "c4a2f51e-2b3c-4f7a-9d8e-1a2b3c4d5e6f"],
                "phone_numbers": [
                    {"id": "dc8e4d67-33a0-4cbb-af74-7b58f05bd494", "phone_number": "+19705555098"},
                    {"id": "dc8e4d67-33a0-4cbb-af74-7b58f05bd495", "phone_number": "+19705555099"}
                ]
            })
        })
        .collect();
    serde_json::to_vec(&json!({
        "data": data,
        "meta": {"page_number": 1, "page_size": items, "total_pages": 1, "total_results": items}
    }))
    .unwrap()
}

fn decode(c: &mut Criterion) {
    let body = page_json(250);
    // Both decode the same page completely.
    let generated: ListNumberOrdersResponse = serde_json::from_slice(&body).unwrap();
    let hand: baseline::Page = serde_json::from_slice(&body).unwrap();
    assert_eq!(generated.data.as_ref().unwrap().len(), 250);
    assert_eq!(hand.data.as_ref().unwrap().len(), 250);

    let mut group = c.benchmark_group("decode_page_250");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::from_slice::<ListNumberOrdersResponse>(black_box(&body)).unwrap())
    });
    group.bench_function("hand_written", |b| {
        b.iter(|| serde_json::from_slice::<baseline::Page>(black_box(&body)).unwrap())
    });
    group.finish();
    interleaved(
        "decode_page_250",
        || {
            black_box(
                serde_json::from_slice::<ListNumberOrdersResponse>(black_box(&body)).unwrap(),
            );
        },
        || {
            black_box(serde_json::from_slice::<baseline::Page>(black_box(&body)).unwrap());
        },
    );
}

/// Runs `generated` and `hand_written` alternately and prints the ratio of their total times,
/// so that both sides see the same machine load.
fn interleaved(name: &str, mut generated: impl FnMut(), mut hand_written: impl FnMut()) {
    // Criterion's test mode (`cargo test --benches`) only checks that benchmarks run.
    let rounds = if std::env::args().any(|a| a == "--bench") {
        3000
    } else {
        3
    };
    let (mut a, mut b) = (Duration::ZERO, Duration::ZERO);
    for round in 0..rounds {
        // Alternate which side goes first, too.
        let first_generated = round % 2 == 0;
        for side in [first_generated, !first_generated] {
            let start = std::time::Instant::now();
            if side {
                generated();
                a += start.elapsed();
            } else {
                hand_written();
                b += start.elapsed();
            }
        }
    }
    let per = |d: Duration| d.as_secs_f64() * 1e6 / f64::from(rounds);
    println!(
        "{name} interleaved over {rounds} rounds: generated {:.1} µs, hand-written {:.1} µs, ratio {:.3}",
        per(a),
        per(b),
        a.as_secs_f64() / b.as_secs_f64()
    );
}

/// A keep-alive HTTP/1.1 server on loopback that answers every request with `body`.
async fn serve(body: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            let response = response.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let mut pending = Vec::new();
                loop {
                    let n = match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    pending.extend_from_slice(&buf[..n]);
                    // GET requests have no body: each header block is one request.
                    while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                        pending.drain(..end + 4);
                        if socket.write_all(&response).await.is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

fn round_trip(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let body = page_json(250);
    let base_url = runtime.block_on(serve(body.clone()));

    let client = telnyx_orders::Client::builder()
        .api_key("bench-key")
        .base_url(&base_url)
        .build()
        .unwrap();
    let http = telnyx_orders::reqwest::Client::new();
    let url = format!("{base_url}/number_orders");

    // Both return the same page.
    runtime.block_on(async {
        let page = client.list_number_orders().send().await.unwrap();
        assert_eq!(page.data.unwrap().len(), 250);
    });

    let mut group = c.benchmark_group("round_trip_page_250");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("generated", |b| {
        b.iter(|| runtime.block_on(async { client.list_number_orders().send().await.unwrap() }))
    });
    let hand_written = || {
        runtime.block_on(async {
            let response = http
                .get(&url)
                .bearer_auth("bench-key")
                .header("accept", "application/json")
                .timeout(Duration::from_secs(60))
                .send()
                .await
                .unwrap()
                .error_for_status()
                .unwrap();
            let bytes = response.bytes().await.unwrap();
            serde_json::from_slice::<baseline::Page>(&bytes).unwrap()
        })
    };
    group.bench_function("hand_written", |b| b.iter(hand_written));
    group.finish();
    interleaved(
        "round_trip_page_250",
        || {
            black_box(
                runtime.block_on(async { client.list_number_orders().send().await.unwrap() }),
            );
        },
        || {
            black_box(hand_written());
        },
    );
}

criterion_group!(benches, decode, round_trip);
criterion_main!(benches);

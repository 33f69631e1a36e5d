//! Orders phone numbers from start to end: searches the numbers available in an area code,
//! reserves two of them, orders them, waits until the order is no longer `pending` (with the
//! waiter the API description declares, `wait_until_number_order_settled`), and prints its sub
//! orders with their regulatory requirements.
//!
//! ```text
//! TELNYX_API_KEY=KEY... cargo run --example order_numbers -- [--base-url URL] \
//!     [--country US] [--area-code 312] [--poll-ms MS] [--max-wait-s 600]
//! ```
//!
//! The client reads `TELNYX_API_KEY` and, when set, `TELNYX_BASE_URL`, as `Client::from_env`
//! does; `--base-url` overrides the base URL. (This file is part of the generator's curated
//! spec, `spec/examples/`, and copied into the generated crate by `cargo xtask codegen`.)

use std::time::Duration;

use telnyx_orders::types::{
    CreateNumberOrderRequest, CreateNumberOrderRequestPhoneNumbersItem,
    CreateNumberReservationRequest, ListAvailablePhoneNumbersFilter, ListSubNumberOrdersFilter,
    ReservedPhoneNumber,
};
use telnyx_orders::{Client, WaitError, API_KEY_ENV, BASE_URL_ENV};

/// The command line.
struct Args {
    base_url: Option<String>,
    country: String,
    area_code: String,
    /// The delay between two polls of the order; by default the waiter's (2 s growing to 30 s).
    poll: Option<Duration>,
    max_wait: Duration,
}

impl Args {
    fn parse() -> Result<Args, String> {
        let mut args = Args {
            base_url: std::env::var(BASE_URL_ENV).ok(),
            country: "US".into(),
            area_code: "312".into(),
            poll: None,
            max_wait: Duration::from_secs(600),
        };
        let mut rest = std::env::args().skip(1);
        while let Some(flag) = rest.next() {
            let mut value = || rest.next().ok_or_else(|| format!("`{flag}` needs a value"));
            match flag.as_str() {
                "--base-url" => args.base_url = Some(value()?),
                "--country" => args.country = value()?,
                "--area-code" => args.area_code = value()?,
                "--poll-ms" => {
                    let ms = value()?.parse().map_err(|e| format!("--poll-ms: {e}"))?;
                    args.poll = Some(Duration::from_millis(ms));
                }
                "--max-wait-s" => {
                    let s = value()?.parse().map_err(|e| format!("--max-wait-s: {e}"))?;
                    args.max_wait = Duration::from_secs(s);
                }
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(args)
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse()?;
    let key = std::env::var(API_KEY_ENV).map_err(|_| format!("set {API_KEY_ENV}"))?;
    let mut builder = Client::builder().api_key(key);
    if let Some(url) = &args.base_url {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    // 1. Two numbers available in the area code, that can be reserved.
    let found = client
        .list_available_phone_numbers()
        .filter(ListAvailablePhoneNumbersFilter {
            country_code: Some(args.country.clone()),
            national_destination_code: Some(args.area_code.clone()),
            reservable: Some(true),
            limit: Some(2),
            ..Default::default()
        })
        .send()
        .await?;
    let numbers: Vec<String> = found
        .data
        .unwrap_or_default()
        .into_iter()
        .filter_map(|number| number.phone_number)
        .take(2)
        .collect();
    if numbers.len() < 2 {
        return Err(format!(
            "fewer than two numbers available in {} {}",
            args.country, args.area_code
        )
        .into());
    }
    println!("found {}", numbers.join(", "));

    // 2. Reserve them while the order is placed.
    let reservation = client
        .create_number_reservation(CreateNumberReservationRequest {
            phone_numbers: Some(
                numbers
                    .iter()
                    .map(|number| ReservedPhoneNumber {
                        phone_number: Some(number.clone()),
                        ..Default::default()
                    })
                    .collect(),
            ),
            customer_reference: Some("order_numbers example".into()),
            ..Default::default()
        })
        .send()
        .await?
        .data
        .ok_or("the reservation response has no data")?;
    for number in reservation.phone_numbers.iter().flatten() {
        println!(
            "reserved {} until {}",
            number.phone_number.as_deref().unwrap_or("?"),
            number.expired_at.as_deref().unwrap_or("?")
        );
    }

    // 3. Order them.
    let order = client
        .create_number_order(CreateNumberOrderRequest {
            phone_numbers: Some(
                numbers
                    .iter()
                    .map(|number| CreateNumberOrderRequestPhoneNumbersItem::new(number.as_str()))
                    .collect(),
            ),
            customer_reference: Some("order_numbers example".into()),
            ..Default::default()
        })
        .send_with_response()
        .await?;
    println!(
        "order placed ({}, request id {})",
        order.status(),
        order.request_id().unwrap_or("?")
    );
    let order_id = order
        .into_value()
        .data
        .and_then(|order| order.id)
        .ok_or("the order response has no id")?;

    // 4. Wait until it is no longer pending: the waiter polls with growing, jittered delays and
    //    honours Retry-After. A failed order still has sub orders that say why.
    let mut wait = client
        .wait_until_number_order_settled(order_id.as_str())
        .max_wait(args.max_wait);
    if let Some(poll) = args.poll {
        wait = wait.min_delay(poll).max_delay(poll);
    }
    match wait.send().await {
        Ok(_) => println!("order {order_id} is success"),
        Err(WaitError::Failed { .. }) => println!("order {order_id} is failure"),
        Err(WaitError::TimedOut { waited, .. }) => println!(
            "order {order_id} is still pending after {} s",
            waited.as_secs()
        ),
        Err(other) => return Err(other.into()),
    }

    // 5. Its sub orders (one per country and number type) and their requirements.
    let sub_orders = client
        .list_sub_number_orders()
        .filter(ListSubNumberOrdersFilter {
            order_request_id: Some(order_id.clone()),
            ..Default::default()
        })
        .send()
        .await?;
    for sub in sub_orders.data.unwrap_or_default() {
        println!(
            "sub order {}: {} {} numbers, {}, requirements met: {}",
            sub.id.as_deref().unwrap_or("?"),
            sub.phone_numbers_count.unwrap_or(0),
            sub.country_code.as_deref().unwrap_or("?"),
            sub.status.map_or_else(|| "?".to_owned(), |s| s.to_string()),
            sub.requirements_met
                .map_or_else(|| "?".to_owned(), |met| met.to_string())
        );
        for requirement in sub.regulatory_requirements.unwrap_or_default() {
            println!(
                "  requirement {} ({})",
                requirement.requirement_id.as_deref().unwrap_or("?"),
                requirement
                    .field_type
                    .map_or_else(|| "?".to_owned(), |t| t.to_string())
            );
        }
    }
    Ok(())
}

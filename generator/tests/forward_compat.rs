//! Forward compatibility and lenient decoding of the generated client: unknown properties and
//! enum values survive a round trip, values that do not fit their format are kept and reported
//! by the typed accessor, `null` in non-nullable fields is tolerated, and request types are
//! built so that new optional fields do not break callers.

use serde_json::{json, Value};
use telnyx_orders::types::{
    CreateNumberOrderRequest, CreateNumberOrderRequestPhoneNumbersItem, NumberOrderPhoneNumber,
    NumberOrderPhoneNumberStatus, NumberOrderWithPhoneNumbers,
};
use telnyx_orders::{Client, DateTime, Uuid};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";

async fn serve(body: Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("key")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    (server, client)
}

fn order_json() -> Value {
    json!({
        "data": {
            "id": ORDER_ID,
            "status": "success",
            "customer_reference": "MY REF 001",
            "created_at": "2018-01-01T00:00:00.000000Z",
            "loyalty_tier": {"level": 3},
            "phone_numbers": [{
                "id": "not-a-uuid",
                "phone_number": "+19705555098",
                "status": "ported_in_early",
                "deadline": "024-05-31T11:14:00+00:00",
                "bundle_id": null,
                "regulatory_requirements": null,
                "carrier_code": "XYZ"
            }]
        }
    })
}

async fn retrieve_order() -> NumberOrderWithPhoneNumbers {
    let (_server, client) = serve(order_json()).await;
    client
        .retrieve_number_order(ORDER_ID)
        .send()
        .await
        .expect("the response decodes despite the malformed fields")
        .data
        .unwrap()
}

#[tokio::test]
async fn unknown_properties_are_kept_at_every_level_and_serialized_back() {
    let order = retrieve_order().await;
    assert_eq!(order.extra["loyalty_tier"], json!({"level": 3}));
    let number = &order.phone_numbers.as_ref().unwrap()[0];
    assert_eq!(number.extra["carrier_code"], json!("XYZ"));
    assert_eq!(
        number.extra.len(),
        1,
        "documented fields stay out of `extra`"
    );

    let reencoded = serde_json::to_value(&order).unwrap();
    assert_eq!(reencoded["loyalty_tier"], json!({"level": 3}));
    assert_eq!(reencoded["phone_numbers"][0]["carrier_code"], json!("XYZ"));
    assert_eq!(reencoded["customer_reference"], json!("MY REF 001"));
}

#[tokio::test]
async fn unknown_enum_values_round_trip_unchanged() {
    let order = retrieve_order().await;
    let number = &order.phone_numbers.as_ref().unwrap()[0];
    assert_eq!(
        number.status,
        Some(NumberOrderPhoneNumberStatus::Unknown(
            "ported_in_early".into()
        ))
    );
    let reencoded = serde_json::to_value(number).unwrap();
    assert_eq!(reencoded["status"], json!("ported_in_early"));
    // Known values still map to their variants.
    assert_eq!(
        NumberOrderPhoneNumberStatus::from("success"),
        NumberOrderPhoneNumberStatus::Success
    );
}

#[tokio::test]
async fn a_malformed_date_time_is_kept_and_reported_by_parse() {
    let order = retrieve_order().await;
    let number = &order.phone_numbers.as_ref().unwrap()[0];
    let deadline = number.deadline.as_ref().unwrap();
    assert_eq!(deadline.as_str(), "024-05-31T11:14:00+00:00");
    let err = deadline.parse().unwrap_err();
    assert_eq!(err.format, "date-time");
    assert!(
        err.to_string()
            .starts_with("\"024-05-31T11:14:00+00:00\" is not a valid date-time"),
        "{err}"
    );
    assert!(!deadline.is_valid());
    // The other fields are intact, and well-formed values parse.
    assert_eq!(number.phone_number.as_deref(), Some("+19705555098"));
    let created = order.created_at.as_ref().unwrap().parse().unwrap();
    assert_eq!(created.year(), 2018);
    assert_eq!(created.offset(), telnyx_orders::time::UtcOffset::UTC);
}

#[tokio::test]
async fn a_malformed_uuid_is_kept_and_reported_by_parse() {
    let order = retrieve_order().await;
    let number = &order.phone_numbers.as_ref().unwrap()[0];
    let id = number.id.as_ref().unwrap();
    assert_eq!(id, "not-a-uuid");
    assert_eq!(id.parse().unwrap_err().format, "uuid");
    let order_id = order.id.as_ref().unwrap().parse().unwrap();
    assert_eq!(order_id.to_string(), ORDER_ID);
}

#[tokio::test]
async fn null_in_a_non_nullable_field_is_read_as_absent() {
    // `regulatory_requirements` is an array in the spec and not nullable; the server sent null.
    // `bundle_id` is nullable: its null is kept as null.
    let order = retrieve_order().await;
    let number = &order.phone_numbers.as_ref().unwrap()[0];
    assert_eq!(number.regulatory_requirements, None);
    assert_eq!(number.bundle_id, telnyx_orders::Nullable::Null);
}

#[test]
fn request_types_are_built_with_default_or_new_and_struct_update() {
    let item = CreateNumberOrderRequestPhoneNumbersItem {
        requirement_group_id: Some("dbbd94ee-9079-488f-80ba-f566b247fd79".into()),
        ..CreateNumberOrderRequestPhoneNumbersItem::new("+19705555098")
    };
    let order = CreateNumberOrderRequest {
        phone_numbers: Some(vec![item]),
        customer_reference: Some("MY REF".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&order).unwrap(),
        json!({
            "customer_reference": "MY REF",
            "phone_numbers": [{
                "phone_number": "+19705555098",
                "requirement_group_id": "dbbd94ee-9079-488f-80ba-f566b247fd79"
            }]
        })
    );
}

#[test]
fn format_types_convert_from_their_parsed_values() {
    use telnyx_orders::time::{Month, PrimitiveDateTime, Time};
    let day = telnyx_orders::time::Date::from_calendar_date(2024, Month::May, 31).unwrap();
    let when = PrimitiveDateTime::new(day, Time::from_hms(11, 14, 0).unwrap()).assume_utc();
    let text = DateTime::from(when);
    assert_eq!(text, "2024-05-31T11:14:00Z");
    assert_eq!(text.parse().unwrap(), when);

    let id = telnyx_orders::uuid::Uuid::parse_str(ORDER_ID).unwrap();
    assert_eq!(Uuid::from(id), ORDER_ID);

    let date = telnyx_orders::Date::from(day);
    assert_eq!(date, "2024-05-31");
    assert!(date.is_valid());
    assert!(!telnyx_orders::Date::from("2024-13-01").is_valid());
}

#[tokio::test]
async fn path_arguments_accept_text_or_typed_uuids() {
    let (server, client) = serve(order_json()).await;
    let id = telnyx_orders::uuid::Uuid::parse_str(ORDER_ID).unwrap();
    client.retrieve_number_order(id).send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), format!("/number_orders/{ORDER_ID}"));
}

#[test]
fn a_phone_number_decodes_with_only_unknown_fields() {
    let number: NumberOrderPhoneNumber = serde_json::from_value(json!({"future": true})).unwrap();
    assert_eq!(number.extra["future"], json!(true));
    assert_eq!(number.id, None);
}

#[tokio::test]
async fn wrong_types_deep_inside_are_kept_where_they_occur() {
    let mut body = order_json();
    body["data"]["phone_numbers"][0]["status"] = json!(5);
    body["data"]["phone_numbers"][0]["requirements_met"] = json!("yes");
    body["data"]["phone_numbers_count"] = json!({"n": 1});
    let (_server, client) = serve(body).await;
    let order = client
        .retrieve_number_order(ORDER_ID)
        .send()
        .await
        .expect("decodes leniently")
        .data
        .unwrap();
    assert_eq!(order.phone_numbers_count, None);
    assert_eq!(order.extra["phone_numbers_count"], json!({"n": 1}));
    let number = &order.phone_numbers.as_ref().unwrap()[0];
    assert_eq!(number.status, None);
    assert_eq!(number.extra["status"], json!(5));
    assert_eq!(number.requirements_met, None);
    assert_eq!(number.extra["requirements_met"], json!("yes"));
    // Everything else is decoded as usual.
    assert_eq!(number.phone_number.as_deref(), Some("+19705555098"));
    assert_eq!(order.customer_reference.as_deref(), Some("MY REF 001"));
    // Serializing writes the odd values back where they came from.
    let again = serde_json::to_value(number).unwrap();
    assert_eq!(again["status"], json!(5));
}

#[tokio::test]
async fn strict_decoding_turns_wrong_types_into_decode_errors() {
    let mut body = order_json();
    body["data"]["phone_numbers"][0]["status"] = json!(5);
    let (server, lenient) = serve(body).await;
    assert!(!lenient.strict_decoding());
    lenient
        .retrieve_number_order(ORDER_ID)
        .send()
        .await
        .unwrap();

    let strict = Client::builder()
        .api_key("key")
        .base_url(server.uri())
        .strict_decoding(true)
        .build()
        .unwrap();
    let err = strict
        .retrieve_number_order(ORDER_ID)
        .send()
        .await
        .unwrap_err();
    match err {
        telnyx_orders::Error::Decode(decode) => {
            assert_eq!(decode.path, "data.phone_numbers[0].status");
            assert_eq!(decode.type_name, "RetrieveNumberOrderResponse");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

//! The original eighteen operations of the generated `telnyx-orders` client (the contract suite
//! covers all fifty against Prism), exercised through its public API against an in-process
//! recording HTTP server: what goes on the wire (method, raw path, raw
//! query, headers, JSON body) and how the response is decoded.

mod support;

use serde_json::{json, Value};
use support::{assert_request, only_request, respond, respond_json, start, Expected};
use telnyx_orders::types::{
    Comment, CommentCommentRecordType, CommentCommenterType, CreateNumberOrderRequest,
    CreateNumberOrderRequestPhoneNumbersItem, CreateSubNumberOrdersReportRequest,
    CreateSubNumberOrdersReportRequestStatus, GetSubNumberOrderFilter, ListCommentsFilter,
    ListCommentsFilterCommentRecordType, ListNumberOrdersFilter, ListNumberOrdersFilterCreatedAt,
    ListSubNumberOrdersFilter, NumberOrderPhoneNumberPhoneNumberType,
    NumberOrderPhoneNumberRequirementsStatus, NumberOrderPhoneNumberStatus, NumberOrderStatus,
    NumberOrderWithPhoneNumbersStatus, NumbersPageConsolidated, PaginationMeta,
    RetrieveOrderPhoneNumbersFilter, SubNumberOrderPhoneNumberType,
    SubNumberOrderRegulatoryRequirementFieldType,
    SubNumberOrderRegulatoryRequirementWithValueFieldType, SubNumberOrderStatus,
    SubNumberOrdersReportStatus, UpdateNumberOrderPhoneNumberRequest, UpdateNumberOrderRequest,
    UpdateRegulatoryRequirement, UpdateSubNumberOrderRequest,
};
use telnyx_orders::{Error, Nullable};
use wiremock::ResponseTemplate;

const COMMENT_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const RECORD_ID: &str = "8ffb3622-7c6b-4ccc-b65f-7a3dc0099576";
const NUMBER_ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const PHONE_NUMBER_ID: &str = "dc8e4d67-33a0-4cbb-af74-7b58f05bd494";
const SUB_ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const ORDER_REQUEST_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c293";
const REPORT_ID: &str = "cada7e84-122b-4b47-bc66-58c7c3becd40";
const REQUIREMENT_ID: &str = "8ffb3622-7c6b-4ccc-b65f-7a3dc0099576";
const FIELD_VALUE: &str = "45f45a04-b4be-4592-95b1-9306b9db2b21";

const JSON: &str = "application/json";

/// `Some(value)` as a `String` or a format type (`Uuid`, `DateTime`), as the field wants.
fn s<T: for<'a> From<&'a str>>(value: &str) -> Option<T> {
    Some(T::from(value))
}

fn requirement() -> UpdateRegulatoryRequirement {
    UpdateRegulatoryRequirement {
        field_value: s(FIELD_VALUE),
        requirement_id: s(REQUIREMENT_ID),
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Response bodies (from the spec's examples)
// ---------------------------------------------------------------------------------------------

fn comment_json(read_at: Option<&str>) -> Value {
    let mut comment = json!({
        "body": "Hi there, ....",
        "comment_record_id": RECORD_ID,
        "comment_record_type": "sub_number_order",
        "commenter": "user@company.com",
        "commenter_type": "user",
        "created_at": "2018-01-01T00:00:00.000000Z",
        "id": COMMENT_ID,
        "updated_at": "2018-01-01T00:00:00.000000Z"
    });
    if let Some(read_at) = read_at {
        comment["read_at"] = json!(read_at);
    }
    comment
}

fn assert_comment(comment: &Comment) {
    assert_eq!(comment.body, s("Hi there, ...."));
    assert_eq!(comment.comment_record_id, s(RECORD_ID));
    assert_eq!(
        comment.comment_record_type,
        Some(CommentCommentRecordType::SubNumberOrder)
    );
    assert_eq!(comment.commenter, s("user@company.com"));
    assert_eq!(comment.commenter_type, Some(CommentCommenterType::User));
    assert_eq!(comment.created_at, s("2018-01-01T00:00:00.000000Z"));
    assert_eq!(comment.id, s(COMMENT_ID));
    assert_eq!(comment.updated_at, s("2018-01-01T00:00:00.000000Z"));
}

fn meta_json() -> Value {
    json!({"page_number": 2, "page_size": 25, "total_pages": 3, "total_results": 55})
}

fn assert_meta(meta: &Option<PaginationMeta>) {
    let meta = meta.as_ref().expect("meta");
    assert_eq!(meta.page_number, Some(2));
    assert_eq!(meta.page_size, Some(25));
    assert_eq!(meta.total_pages, Some(3));
    assert_eq!(meta.total_results, Some(55));
}

fn number_order_phone_number_json() -> Value {
    json!({
        "bundle_id": null,
        "country_code": "US",
        "deadline": "2024-05-31T11:14:00Z",
        "id": PHONE_NUMBER_ID,
        "is_block_number": false,
        "locality": "San Francisco",
        "order_request_id": "dc8e4d67-33a0-4cbb-af74-7b58f05bd495",
        "phone_number": "+19705555098",
        "phone_number_type": "local",
        "record_type": "number_order_phone_number",
        "regulatory_requirements": [{
            "field_type": "address",
            "field_value": FIELD_VALUE,
            "record_type": "phone_number_regulatory_requirement",
            "requirement_id": REQUIREMENT_ID
        }],
        "requirements_met": true,
        "requirements_status": "approved",
        "status": "success",
        "sub_number_order_id": "dc8e4d67-33a0-4cbb-af74-7b58f05bd496"
    })
}

fn assert_number_order_phone_number(number: &telnyx_orders::types::NumberOrderPhoneNumber) {
    assert_eq!(number.bundle_id, Nullable::Null);
    assert_eq!(number.country_code, s("US"));
    assert_eq!(number.deadline, s("2024-05-31T11:14:00Z"));
    assert_eq!(number.id, s(PHONE_NUMBER_ID));
    assert_eq!(number.is_block_number, Some(false));
    assert_eq!(number.locality, s("San Francisco"));
    assert_eq!(
        number.order_request_id,
        s("dc8e4d67-33a0-4cbb-af74-7b58f05bd495")
    );
    assert_eq!(number.phone_number, s("+19705555098"));
    assert_eq!(
        number.phone_number_type,
        Some(NumberOrderPhoneNumberPhoneNumberType::Local)
    );
    assert_eq!(number.record_type, s("number_order_phone_number"));
    let requirements = number
        .regulatory_requirements
        .as_ref()
        .expect("requirements");
    assert_eq!(requirements.len(), 1);
    assert_eq!(
        requirements[0].field_type,
        Some(SubNumberOrderRegulatoryRequirementWithValueFieldType::Address)
    );
    assert_eq!(requirements[0].field_value, s(FIELD_VALUE));
    assert_eq!(
        requirements[0].record_type,
        s("phone_number_regulatory_requirement")
    );
    assert_eq!(requirements[0].requirement_id, s(REQUIREMENT_ID));
    assert_eq!(number.requirements_met, Some(true));
    assert_eq!(
        number.requirements_status,
        Some(NumberOrderPhoneNumberRequirementsStatus::Approved)
    );
    assert_eq!(number.status, Some(NumberOrderPhoneNumberStatus::Success));
    assert_eq!(
        number.sub_number_order_id,
        s("dc8e4d67-33a0-4cbb-af74-7b58f05bd496")
    );
}

fn number_order_with_phone_numbers_json() -> Value {
    json!({
        "billing_group_id": "abc85f64-5717-4562-b3fc-2c9600",
        "connection_id": "346789098765567",
        "created_at": "2018-01-01T00:00:00.000000Z",
        "customer_reference": "MY REF 001",
        "id": NUMBER_ORDER_ID,
        "messaging_profile_id": "abc85f64-5717-4562-b3fc-2c9600",
        "phone_numbers": [{
            "bundle_id": "bc8e4d67-33a0-4cbb-af74-7b58f05bd474",
            "country_code": "US",
            "locality": "Chicago",
            "id": PHONE_NUMBER_ID,
            "phone_number": "+19705555098",
            "phone_number_type": "toll_free",
            "record_type": "number_order_phone_number",
            "regulatory_requirements": [{
                "field_type": "address",
                "field_value": FIELD_VALUE,
                "record_type": "phone_number_regulatory_requirement",
                "requirement_id": REQUIREMENT_ID
            }],
            "requirements_met": true,
            "requirements_status": "requirement-info-under-review",
            "status": "success"
        }],
        "phone_numbers_count": 1,
        "record_type": "number_order",
        "requirements_met": true,
        "status": "pending",
        "sub_number_orders_ids": ["d70873cd-7c98-401a-81b6-b1ae08246995"],
        "updated_at": "2018-01-01T00:00:00.000000Z"
    })
}

fn assert_number_order_with_phone_numbers(
    order: &telnyx_orders::types::NumberOrderWithPhoneNumbers,
) {
    assert_eq!(order.billing_group_id, s("abc85f64-5717-4562-b3fc-2c9600"));
    assert_eq!(order.connection_id, s("346789098765567"));
    assert_eq!(order.created_at, s("2018-01-01T00:00:00.000000Z"));
    assert_eq!(order.customer_reference, s("MY REF 001"));
    assert_eq!(order.id, s(NUMBER_ORDER_ID));
    assert_eq!(
        order.messaging_profile_id,
        s("abc85f64-5717-4562-b3fc-2c9600")
    );
    let numbers = order.phone_numbers.as_ref().expect("phone_numbers");
    assert_eq!(numbers.len(), 1);
    let number = &numbers[0];
    assert_eq!(
        number.bundle_id,
        Nullable::Value("bc8e4d67-33a0-4cbb-af74-7b58f05bd474".into())
    );
    assert_eq!(number.country_code, s("US"));
    assert_eq!(number.locality, s("Chicago"));
    assert_eq!(number.id, s(PHONE_NUMBER_ID));
    assert_eq!(number.phone_number, s("+19705555098"));
    assert_eq!(
        number.phone_number_type,
        Some(NumberOrderPhoneNumberPhoneNumberType::TollFree)
    );
    assert_eq!(number.record_type, s("number_order_phone_number"));
    let requirements = number
        .regulatory_requirements
        .as_ref()
        .expect("requirements");
    assert_eq!(
        requirements[0].field_type,
        Some(SubNumberOrderRegulatoryRequirementWithValueFieldType::Address)
    );
    assert_eq!(requirements[0].field_value, s(FIELD_VALUE));
    assert_eq!(requirements[0].requirement_id, s(REQUIREMENT_ID));
    assert_eq!(number.requirements_met, Some(true));
    assert_eq!(
        number.requirements_status,
        Some(NumberOrderPhoneNumberRequirementsStatus::RequirementInfoUnderReview)
    );
    assert_eq!(number.status, Some(NumberOrderPhoneNumberStatus::Success));
    assert_eq!(order.phone_numbers_count, Some(1));
    assert_eq!(order.record_type, s("number_order"));
    assert_eq!(order.requirements_met, Some(true));
    assert_eq!(
        order.status,
        Some(NumberOrderWithPhoneNumbersStatus::Pending)
    );
    assert_eq!(
        order.sub_number_orders_ids,
        Some(vec!["d70873cd-7c98-401a-81b6-b1ae08246995".to_owned()])
    );
    assert_eq!(order.updated_at, s("2018-01-01T00:00:00.000000Z"));
}

fn sub_number_order_json(status: &str) -> Value {
    json!({
        "country_code": "US",
        "created_at": "2018-01-01T00:00:00.000000Z",
        "customer_reference": "MY REF 001",
        "id": SUB_ORDER_ID,
        "is_block_sub_number_order": false,
        "order_request_id": ORDER_REQUEST_ID,
        "phone_number_type": "local",
        "phone_numbers_count": 1,
        "record_type": "sub_number_order",
        "regulatory_requirements": [{
            "field_type": "address",
            "record_type": "phone_number_regulatory_requirement",
            "requirement_id": REQUIREMENT_ID
        }],
        "requirements_met": true,
        "status": status,
        "updated_at": "2018-01-01T00:00:00.000000Z",
        "user_id": "d70873cd-7c98-401a-81b6-b1ae08246995"
    })
}

fn assert_sub_number_order(
    order: &telnyx_orders::types::SubNumberOrder,
    status: SubNumberOrderStatus,
) {
    assert_eq!(order.country_code, s("US"));
    assert_eq!(order.created_at, s("2018-01-01T00:00:00.000000Z"));
    assert_eq!(order.customer_reference, s("MY REF 001"));
    assert_eq!(order.id, s(SUB_ORDER_ID));
    assert_eq!(order.is_block_sub_number_order, Some(false));
    assert_eq!(order.order_request_id, s(ORDER_REQUEST_ID));
    assert_eq!(
        order.phone_number_type,
        Some(SubNumberOrderPhoneNumberType::Local)
    );
    assert_eq!(order.phone_numbers_count, Some(1));
    assert_eq!(order.record_type, s("sub_number_order"));
    let requirements = order
        .regulatory_requirements
        .as_ref()
        .expect("requirements");
    assert_eq!(requirements.len(), 1);
    assert_eq!(
        requirements[0].field_type,
        Some(SubNumberOrderRegulatoryRequirementFieldType::Address)
    );
    assert_eq!(
        requirements[0].record_type,
        s("phone_number_regulatory_requirement")
    );
    assert_eq!(requirements[0].requirement_id, s(REQUIREMENT_ID));
    assert_eq!(order.requirements_met, Some(true));
    assert_eq!(order.status, Some(status));
    assert_eq!(order.updated_at, s("2018-01-01T00:00:00.000000Z"));
    assert_eq!(order.user_id, s("d70873cd-7c98-401a-81b6-b1ae08246995"));
}

fn report_json(status: &str) -> Value {
    json!({
        "created_at": "2025-06-11T13:21:40.967339+00:00",
        "filters": {
            "country_code": "US",
            "created_at_gt": "2023-04-05T10:22:08.230549Z",
            "created_at_lt": "2025-06-05T10:22:08.230549Z",
            "customer_reference": "STRING",
            "order_request_id": "991b8ff5-4daf-4826-9a22-e3991b444a9c",
            "status": "success"
        },
        "id": REPORT_ID,
        "order_type": "sub_number_order",
        "status": status,
        "updated_at": "2025-06-11T13:21:45.753260+00:00",
        "user_id": "0d7ef697-df19-413a-b724-56b0539f5397"
    })
}

fn assert_report(
    report: &telnyx_orders::types::SubNumberOrdersReport,
    status: SubNumberOrdersReportStatus,
) {
    assert_eq!(report.created_at, s("2025-06-11T13:21:40.967339+00:00"));
    let filters = report.filters.as_ref().expect("filters");
    assert_eq!(filters.country_code, s("US"));
    assert_eq!(filters.created_at_gt, s("2023-04-05T10:22:08.230549Z"));
    assert_eq!(filters.created_at_lt, s("2025-06-05T10:22:08.230549Z"));
    assert_eq!(filters.customer_reference, s("STRING"));
    assert_eq!(
        filters.order_request_id,
        s("991b8ff5-4daf-4826-9a22-e3991b444a9c")
    );
    assert_eq!(filters.status, s("success"));
    assert_eq!(report.id, s(REPORT_ID));
    assert_eq!(report.order_type, s("sub_number_order"));
    assert_eq!(report.status, Some(status));
    assert_eq!(report.updated_at, s("2025-06-11T13:21:45.753260+00:00"));
    assert_eq!(report.user_id, s("0d7ef697-df19-413a-b724-56b0539f5397"));
}

// ---------------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn list_comments() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": [comment_json(None)], "meta": meta_json()}),
    )
    .await;

    let response = client
        .list_comments()
        .filter(ListCommentsFilter {
            comment_record_id: s(RECORD_ID),
            comment_record_type: Some(ListCommentsFilterCommentRecordType::SubNumberOrder),
            ..Default::default()
        })
        .send()
        .await
        .expect("list_comments succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/comments",
            query: Some(
                "filter[comment_record_id]=8ffb3622-7c6b-4ccc-b65f-7a3dc0099576\
                 &filter[comment_record_type]=sub_number_order",
            ),
            accept: JSON,
            body: None,
        },
    );
    let data = response.data.expect("data");
    assert_eq!(data.len(), 1);
    assert_comment(&data[0]);
    assert_eq!(data[0].read_at, None);
    assert_meta(&response.meta);
}

#[tokio::test]
async fn create_comment() {
    let (server, client) = start().await;
    respond_json(&server, 200, &json!({"data": comment_json(None)})).await;

    let response = client
        .create_comment(Comment {
            body: s("Hi there, ...."),
            comment_record_id: s(RECORD_ID),
            comment_record_type: Some(CommentCommentRecordType::SubNumberOrder),
            ..Comment::default()
        })
        .send()
        .await
        .expect("create_comment succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "POST",
            path: "/comments",
            query: None,
            accept: JSON,
            body: Some(json!({
                "body": "Hi there, ....",
                "comment_record_id": RECORD_ID,
                "comment_record_type": "sub_number_order"
            })),
        },
    );
    assert_comment(&response.data.expect("data"));
}

#[tokio::test]
async fn retrieve_comment() {
    let (server, client) = start().await;
    respond_json(&server, 200, &json!({"data": comment_json(None)})).await;

    let response = client
        .retrieve_comment(COMMENT_ID)
        .send()
        .await
        .expect("retrieve_comment succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/comments/12ade33a-21c0-473b-b055-b3c836e1c292",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    let comment = response.data.expect("data");
    assert_comment(&comment);
    assert_eq!(comment.read_at, None);
}

#[tokio::test]
async fn mark_comment_read() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": comment_json(Some("2018-01-02T03:04:05.000000Z"))}),
    )
    .await;

    let response = client
        .mark_comment_read(COMMENT_ID)
        .send()
        .await
        .expect("mark_comment_read succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "PATCH",
            path: "/comments/12ade33a-21c0-473b-b055-b3c836e1c292/read",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    let comment = response.data.expect("data");
    assert_comment(&comment);
    assert_eq!(comment.read_at, s("2018-01-02T03:04:05.000000Z"));
}

// ---------------------------------------------------------------------------------------------
// Number order phone numbers
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn retrieve_order_phone_numbers() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": [number_order_phone_number_json()], "meta": meta_json()}),
    )
    .await;

    let response = client
        .retrieve_order_phone_numbers()
        .filter(RetrieveOrderPhoneNumbersFilter {
            country_code: s("US"),
            ..Default::default()
        })
        .send()
        .await
        .expect("retrieve_order_phone_numbers succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/number_order_phone_numbers",
            query: Some("filter[country_code]=US"),
            accept: JSON,
            body: None,
        },
    );
    let data = response.data.expect("data");
    assert_eq!(data.len(), 1);
    assert_number_order_phone_number(&data[0]);
    assert_meta(&response.meta);
}

#[tokio::test]
async fn get_number_order_phone_number() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": number_order_phone_number_json()}),
    )
    .await;

    let response = client
        .get_number_order_phone_number(PHONE_NUMBER_ID)
        .send()
        .await
        .expect("get_number_order_phone_number succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/number_order_phone_numbers/dc8e4d67-33a0-4cbb-af74-7b58f05bd494",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    assert_number_order_phone_number(&response.data.expect("data"));
}

#[tokio::test]
async fn update_number_order_phone_number() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": number_order_phone_number_json()}),
    )
    .await;

    let response = client
        .update_number_order_phone_number(
            PHONE_NUMBER_ID,
            UpdateNumberOrderPhoneNumberRequest {
                regulatory_requirements: Some(vec![requirement()]),
                ..Default::default()
            },
        )
        .send()
        .await
        .expect("update_number_order_phone_number succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "PATCH",
            path: "/number_order_phone_numbers/dc8e4d67-33a0-4cbb-af74-7b58f05bd494",
            query: None,
            accept: JSON,
            body: Some(json!({
                "regulatory_requirements": [
                    {"field_value": FIELD_VALUE, "requirement_id": REQUIREMENT_ID}
                ]
            })),
        },
    );
    assert_number_order_phone_number(&response.data.expect("data"));
}

// ---------------------------------------------------------------------------------------------
// Number orders
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn list_number_orders() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({
            "data": [{
                "billing_group_id": "abc85f64-5717-4562-b3fc-2c9600",
                "connection_id": "346789098765567",
                "created_at": "2018-01-01T00:00:00.000000Z",
                "customer_reference": "MY REF 001",
                "id": NUMBER_ORDER_ID,
                "messaging_profile_id": "abc85f64-5717-4562-b3fc-2c9600",
                "phone_numbers": [
                    {"id": PHONE_NUMBER_ID, "phone_number": "+19705555000"}
                ],
                "phone_numbers_count": 1,
                "record_type": "number_order",
                "requirements_met": false,
                "status": "pending",
                "sub_number_orders_ids": ["d70873cd-7c98-401a-81b6-b1ae08246995"],
                "updated_at": "2018-01-01T00:00:00.000000Z"
            }],
            "meta": meta_json()
        }),
    )
    .await;

    let response = client
        .list_number_orders()
        .page(NumbersPageConsolidated {
            number: Some(2),
            size: Some(50),
            ..Default::default()
        })
        .filter(ListNumberOrdersFilter {
            created_at: Some(ListNumberOrdersFilterCreatedAt {
                gt: s("2024-01-01T00:00:00Z"),
                lt: s("2024-02-01T00:00:00+01:00"),
                ..Default::default()
            }),
            customer_reference: s("MY REF/001&x=1"),
            phone_numbers_count: s("1"),
            requirements_met: Some(true),
            status: s("pending"),
            ..Default::default()
        })
        .send()
        .await
        .expect("list_number_orders succeeds");

    // Parameters in spec order (`page` before `filter`), object properties in spec order;
    // `[ ]` kept in keys; values percent-encoded except unreserved characters, `:` and `@`.
    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/number_orders",
            query: Some(
                "page[number]=2&page[size]=50\
                 &filter[created_at][gt]=2024-01-01T00:00:00Z\
                 &filter[created_at][lt]=2024-02-01T00:00:00%2B01:00\
                 &filter[customer_reference]=MY%20REF%2F001%26x%3D1\
                 &filter[phone_numbers_count]=1\
                 &filter[requirements_met]=true\
                 &filter[status]=pending",
            ),
            accept: JSON,
            body: None,
        },
    );
    let data = response.data.expect("data");
    assert_eq!(data.len(), 1);
    let order = &data[0];
    assert_eq!(order.billing_group_id, s("abc85f64-5717-4562-b3fc-2c9600"));
    assert_eq!(order.connection_id, s("346789098765567"));
    assert_eq!(order.created_at, s("2018-01-01T00:00:00.000000Z"));
    assert_eq!(order.customer_reference, s("MY REF 001"));
    assert_eq!(order.id, s(NUMBER_ORDER_ID));
    assert_eq!(
        order.messaging_profile_id,
        s("abc85f64-5717-4562-b3fc-2c9600")
    );
    let numbers = order.phone_numbers.as_ref().expect("phone_numbers");
    assert_eq!(numbers.len(), 1);
    assert_eq!(numbers[0].id, s(PHONE_NUMBER_ID));
    assert_eq!(numbers[0].phone_number, s("+19705555000"));
    assert_eq!(order.phone_numbers_count, Some(1));
    assert_eq!(order.record_type, s("number_order"));
    assert_eq!(order.requirements_met, Some(false));
    assert_eq!(order.status, Some(NumberOrderStatus::Pending));
    assert_eq!(
        order.sub_number_orders_ids,
        Some(vec!["d70873cd-7c98-401a-81b6-b1ae08246995".to_owned()])
    );
    assert_eq!(order.updated_at, s("2018-01-01T00:00:00.000000Z"));
    assert_meta(&response.meta);
}

#[tokio::test]
async fn list_number_orders_without_parameters_sends_no_query() {
    let (server, client) = start().await;
    respond_json(&server, 200, &json!({"data": []})).await;

    let response = client
        .list_number_orders()
        .send()
        .await
        .expect("list_number_orders succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/number_orders",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    assert_eq!(response.data, Some(vec![]));
    assert_eq!(response.meta, None);
}

#[tokio::test]
async fn create_number_order() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": number_order_with_phone_numbers_json()}),
    )
    .await;

    let response = client
        .create_number_order(CreateNumberOrderRequest {
            billing_group_id: s("abc85f64-5717-4562-b3fc-2c9600"),
            connection_id: s("346789098765567"),
            customer_reference: s("MY REF 001"),
            messaging_profile_id: s("abc85f64-5717-4562-b3fc-2c9600"),
            phone_numbers: Some(vec![
                CreateNumberOrderRequestPhoneNumbersItem {
                    bundle_id: s("bc8e4d67-33a0-4cbb-af74-7b58f05bd494"),
                    ..CreateNumberOrderRequestPhoneNumbersItem::new("+19705555098")
                },
                CreateNumberOrderRequestPhoneNumbersItem {
                    requirement_group_id: s("dbbd94ee-9079-488f-80ba-f566b247fd79"),
                    ..CreateNumberOrderRequestPhoneNumbersItem::new("+492111609539")
                },
            ]),
            ..Default::default()
        })
        .send()
        .await
        .expect("create_number_order succeeds");

    // The spec's CreateNumberOrderRequest example, absent optional fields not sent.
    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "POST",
            path: "/number_orders",
            query: None,
            accept: JSON,
            body: Some(json!({
                "billing_group_id": "abc85f64-5717-4562-b3fc-2c9600",
                "connection_id": "346789098765567",
                "customer_reference": "MY REF 001",
                "messaging_profile_id": "abc85f64-5717-4562-b3fc-2c9600",
                "phone_numbers": [
                    {
                        "bundle_id": "bc8e4d67-33a0-4cbb-af74-7b58f05bd494",
                        "phone_number": "+19705555098"
                    },
                    {
                        "phone_number": "+492111609539",
                        "requirement_group_id": "dbbd94ee-9079-488f-80ba-f566b247fd79"
                    }
                ]
            })),
        },
    );
    assert_number_order_with_phone_numbers(&response.data.expect("data"));
}

#[tokio::test]
async fn retrieve_number_order() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": number_order_with_phone_numbers_json()}),
    )
    .await;

    let response = client
        .retrieve_number_order(NUMBER_ORDER_ID)
        .send()
        .await
        .expect("retrieve_number_order succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/number_orders/12ade33a-21c0-473b-b055-b3c836e1c292",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    assert_number_order_with_phone_numbers(&response.data.expect("data"));
}

#[tokio::test]
async fn update_number_order() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": number_order_with_phone_numbers_json()}),
    )
    .await;

    let response = client
        .update_number_order(
            NUMBER_ORDER_ID,
            UpdateNumberOrderRequest {
                customer_reference: s("MY REF 001"),
                regulatory_requirements: None,
                ..Default::default()
            },
        )
        .send()
        .await
        .expect("update_number_order succeeds");

    // `regulatory_requirements` is unset: it must not be sent at all (not even as null).
    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "PATCH",
            path: "/number_orders/12ade33a-21c0-473b-b055-b3c836e1c292",
            query: None,
            accept: JSON,
            body: Some(json!({"customer_reference": "MY REF 001"})),
        },
    );
    assert_number_order_with_phone_numbers(&response.data.expect("data"));
}

// ---------------------------------------------------------------------------------------------
// Sub number orders
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn list_sub_number_orders() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": [sub_number_order_json("success")], "meta": meta_json()}),
    )
    .await;

    let response = client
        .list_sub_number_orders()
        .filter(ListSubNumberOrdersFilter {
            country_code: s("US"),
            order_request_id: s(ORDER_REQUEST_ID),
            phone_number_type: s("local"),
            phone_numbers_count: Some(1),
            status: s("success"),
            ..Default::default()
        })
        .send()
        .await
        .expect("list_sub_number_orders succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/sub_number_orders",
            query: Some(
                "filter[country_code]=US\
                 &filter[order_request_id]=12ade33a-21c0-473b-b055-b3c836e1c293\
                 &filter[phone_number_type]=local\
                 &filter[phone_numbers_count]=1\
                 &filter[status]=success",
            ),
            accept: JSON,
            body: None,
        },
    );
    let data = response.data.expect("data");
    assert_eq!(data.len(), 1);
    assert_sub_number_order(&data[0], SubNumberOrderStatus::Success);
    assert_meta(&response.meta);
}

#[tokio::test]
async fn get_sub_number_order() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": sub_number_order_json("pending")}),
    )
    .await;

    let response = client
        .get_sub_number_order(SUB_ORDER_ID)
        .filter(GetSubNumberOrderFilter {
            include_phone_numbers: Some(true),
            ..Default::default()
        })
        .send()
        .await
        .expect("get_sub_number_order succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/sub_number_orders/12ade33a-21c0-473b-b055-b3c836e1c292",
            query: Some("filter[include_phone_numbers]=true"),
            accept: JSON,
            body: None,
        },
    );
    assert_sub_number_order(&response.data.expect("data"), SubNumberOrderStatus::Pending);
}

#[tokio::test]
async fn update_sub_number_order() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": sub_number_order_json("pending")}),
    )
    .await;

    let response = client
        .update_sub_number_order(
            SUB_ORDER_ID,
            UpdateSubNumberOrderRequest {
                regulatory_requirements: Some(vec![
                    requirement(),
                    UpdateRegulatoryRequirement {
                        field_value: s("some textual value"),
                        requirement_id: None,
                        ..Default::default()
                    },
                ]),
                ..Default::default()
            },
        )
        .send()
        .await
        .expect("update_sub_number_order succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "PATCH",
            path: "/sub_number_orders/12ade33a-21c0-473b-b055-b3c836e1c292",
            query: None,
            accept: JSON,
            body: Some(json!({
                "regulatory_requirements": [
                    {"field_value": FIELD_VALUE, "requirement_id": REQUIREMENT_ID},
                    {"field_value": "some textual value"}
                ]
            })),
        },
    );
    assert_sub_number_order(&response.data.expect("data"), SubNumberOrderStatus::Pending);
}

#[tokio::test]
async fn cancel_sub_number_order() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": sub_number_order_json("failure")}),
    )
    .await;

    let response = client
        .cancel_sub_number_order(SUB_ORDER_ID)
        .send()
        .await
        .expect("cancel_sub_number_order succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "PATCH",
            path: "/sub_number_orders/12ade33a-21c0-473b-b055-b3c836e1c292/cancel",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    assert_sub_number_order(&response.data.expect("data"), SubNumberOrderStatus::Failure);
}

// ---------------------------------------------------------------------------------------------
// Sub number orders reports
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_sub_number_orders_report() {
    let (server, client) = start().await;
    respond_json(&server, 202, &json!({"data": report_json("pending")})).await;

    let response = client
        .create_sub_number_orders_report()
        .body(CreateSubNumberOrdersReportRequest {
            country_code: s("US"),
            created_at_gt: s("2023-04-05T10:22:08.230549Z"),
            created_at_lt: s("2025-06-05T10:22:08.230549Z"),
            customer_reference: s("STRING"),
            order_request_id: s(ORDER_REQUEST_ID),
            status: Some(CreateSubNumberOrdersReportRequestStatus::Success),
            ..Default::default()
        })
        .send()
        .await
        .expect("create_sub_number_orders_report succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "POST",
            path: "/sub_number_orders_report",
            query: None,
            accept: JSON,
            body: Some(json!({
                "country_code": "US",
                "created_at_gt": "2023-04-05T10:22:08.230549Z",
                "created_at_lt": "2025-06-05T10:22:08.230549Z",
                "customer_reference": "STRING",
                "order_request_id": ORDER_REQUEST_ID,
                "status": "success"
            })),
        },
    );
    assert_report(
        &response.data.expect("data"),
        SubNumberOrdersReportStatus::Pending,
    );
}

#[tokio::test]
async fn create_sub_number_orders_report_without_body_sends_none() {
    let (server, client) = start().await;
    respond_json(&server, 202, &json!({"data": report_json("pending")})).await;

    let response = client
        .create_sub_number_orders_report()
        .send()
        .await
        .expect("create_sub_number_orders_report succeeds");

    // The request body is optional in the spec: when not set, nothing is sent.
    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "POST",
            path: "/sub_number_orders_report",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    assert_report(
        &response.data.expect("data"),
        SubNumberOrdersReportStatus::Pending,
    );
}

#[tokio::test]
async fn get_sub_number_orders_report() {
    let (server, client) = start().await;
    respond_json(&server, 200, &json!({"data": report_json("success")})).await;

    let response = client
        .get_sub_number_orders_report(REPORT_ID)
        .send()
        .await
        .expect("get_sub_number_orders_report succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/sub_number_orders_report/cada7e84-122b-4b47-bc66-58c7c3becd40",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    assert_report(
        &response.data.expect("data"),
        SubNumberOrdersReportStatus::Success,
    );
}

#[tokio::test]
async fn download_sub_number_orders_report() {
    const CSV: &str = "id,order_request_id,is_block_sub_number_order,status,phone_number_type,\
requirements_met,phone_numbers_count,country_code,user_id,customer_reference,created_at,updated_at\n\
1758d6ed-61a0-4d7a-bf57-b5dced413d33,f486fc2c-4fdf-4849-930d-b3045373e839,False,success,local,\
True,1,US,0d7ef697-df19-413a-b724-56b0539f5397,STRING,2025-05-23 14:33:12.376686,\
2025-05-23 14:33:15.624916";
    let (server, client) = start().await;
    respond(
        &server,
        ResponseTemplate::new(200).set_body_raw(CSV.as_bytes().to_vec(), "text/csv"),
    )
    .await;

    let bytes = client
        .download_sub_number_orders_report(REPORT_ID)
        .send()
        .await
        .expect("download_sub_number_orders_report succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/sub_number_orders_report/cada7e84-122b-4b47-bc66-58c7c3becd40/download",
            query: None,
            accept: "text/csv, application/json",
            body: None,
        },
    );
    assert_eq!(&bytes[..], CSV.as_bytes());
}

#[tokio::test]
async fn download_sub_number_orders_report_as_a_stream_of_chunks() {
    use futures_util::TryStreamExt;
    // 2 MB of CSV rows: large enough to arrive in several chunks.
    let row = "1758d6ed-61a0-4d7a-bf57-b5dced413d33,success,local,US,2025-05-23 14:33:12\n";
    let csv = format!(
        "id,status,phone_number_type,country_code,created_at\n{}",
        row.repeat(28_000)
    );
    let (server, client) = start().await;
    respond(
        &server,
        ResponseTemplate::new(200).set_body_raw(csv.clone().into_bytes(), "text/csv"),
    )
    .await;

    let chunks: Vec<_> = client
        .download_sub_number_orders_report(REPORT_ID)
        .send_stream()
        .await
        .expect("the download starts")
        .try_collect()
        .await
        .expect("every chunk arrives");

    let request = only_request(&server).await;
    assert_eq!(
        support::header_values(&request, "accept"),
        ["text/csv, application/json"]
    );
    assert!(chunks.len() > 1, "one chunk of {} bytes", csv.len());
    assert_eq!(chunks.concat(), csv.as_bytes());
}

// ---------------------------------------------------------------------------------------------
// Path parameter encoding
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn path_parameter_with_slashes_and_dots_is_one_segment() {
    let (server, client) = start().await;
    respond_json(&server, 200, &json!({"data": {"id": "a/../b"}})).await;

    let response = client
        .retrieve_number_order("a/../b")
        .send()
        .await
        .expect("retrieve_number_order succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/number_orders/a%2F..%2Fb",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    assert_eq!(response.data.expect("data").id, s("a/../b"));
}

#[tokio::test]
async fn path_parameter_with_space_and_question_mark_is_encoded() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": sub_number_order_json("pending")}),
    )
    .await;

    client
        .cancel_sub_number_order("my order?x=1#frag")
        .send()
        .await
        .expect("cancel_sub_number_order succeeds");

    // `?` and `#` must not start a query or fragment; the fixed `/cancel` suffix follows.
    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "PATCH",
            path: "/sub_number_orders/my%20order%3Fx%3D1%23frag/cancel",
            query: None,
            accept: JSON,
            body: None,
        },
    );
}

#[tokio::test]
async fn path_parameter_keeps_unreserved_colon_and_at() {
    let (server, client) = start().await;
    respond_json(&server, 200, &json!({"data": comment_json(None)})).await;

    client
        .retrieve_comment("A-z_0.9~:@é%")
        .send()
        .await
        .expect("retrieve_comment succeeds");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/comments/A-z_0.9~:@%C3%A9%25",
            query: None,
            accept: JSON,
            body: None,
        },
    );
}

// ---------------------------------------------------------------------------------------------
// The seed example: PATCH /number_orders/{number_order_id} from the API reference page
// (/work/shared/seeds/000_85a056e35c29befb.txt)
// ---------------------------------------------------------------------------------------------

const SEED_REQUEST: &str = r#"{
    "customer_reference": "MY REF 001",
    "regulatory_requirements": [
        {
            "field_value": "45f45a04-b4be-4592-95b1-9306b9db2b21",
            "requirement_id": "8ffb3622-7c6b-4ccc-b65f-7a3dc0099576"
        }
    ]
}"#;

const SEED_RESPONSE: &str = r#"{
    "data": {
        "billing_group_id": "abc85f64-5717-4562-b3fc-2c9600",
        "connection_id": "346789098765567",
        "created_at": "2018-01-01T00:00:00.000000Z",
        "customer_reference": "MY REF 001",
        "id": "12ade33a-21c0-473b-b055-b3c836e1c292",
        "messaging_profile_id": "abc85f64-5717-4562-b3fc-2c9600",
        "phone_numbers": [
            {
                "bundle_id": null,
                "country_code": "US",
                "deadline": "024-05-31T11:14:00+00:00",
                "id": "dc8e4d67-33a0-4cbb-af74-7b58f05bd494",
                "is_block_number": false,
                "locality": "San Francisco",
                "order_request_id": "dc8e4d67-33a0-4cbb-af74-7b58f05bd495",
                "phone_number": "+19705555098",
                "phone_number_type": "local",
                "record_type": "number_order_phone_number",
                "regulatory_requirements": [
                    {
                        "field_type": "textual",
                        "field_value": "45f45a04-b4be-4592-95b1-9306b9db2b21",
                        "record_type": "phone_number_regulatory_requirement",
                        "requirement_id": "8ffb3622-7c6b-4ccc-b65f-7a3dc0099576"
                    }
                ],
                "requirements_met": true,
                "requirements_status": "pending",
                "status": "pending",
                "sub_number_order_id": "dc8e4d67-33a0-4cbb-af74-7b58f05bd496"
            }
        ],
        "phone_numbers_count": 1,
        "record_type": "number_order",
        "requirements_met": true,
        "status": "pending",
        "sub_number_orders_ids": [
            "string"
        ],
        "updated_at": "2018-01-01T00:00:00.000000Z"
    }
}"#;

#[tokio::test]
async fn seed_update_number_order_example() {
    let (server, client) = start().await;
    respond(
        &server,
        ResponseTemplate::new(200).set_body_raw(SEED_RESPONSE, "application/json"),
    )
    .await;

    let response = client
        .update_number_order(
            NUMBER_ORDER_ID,
            UpdateNumberOrderRequest {
                customer_reference: s("MY REF 001"),
                regulatory_requirements: Some(vec![requirement()]),
                ..Default::default()
            },
        )
        .send()
        .await
        .expect("the seed response decodes despite its malformed deadline");

    let seed_request: Value = serde_json::from_str(SEED_REQUEST).expect("seed request is JSON");
    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "PATCH",
            path: "/number_orders/12ade33a-21c0-473b-b055-b3c836e1c292",
            query: None,
            accept: JSON,
            body: Some(seed_request),
        },
    );

    let order = response.data.expect("data");
    assert_eq!(order.billing_group_id, s("abc85f64-5717-4562-b3fc-2c9600"));
    assert_eq!(order.connection_id, s("346789098765567"));
    assert_eq!(order.created_at, s("2018-01-01T00:00:00.000000Z"));
    assert_eq!(order.customer_reference, s("MY REF 001"));
    assert_eq!(order.id, s("12ade33a-21c0-473b-b055-b3c836e1c292"));
    assert_eq!(
        order.messaging_profile_id,
        s("abc85f64-5717-4562-b3fc-2c9600")
    );
    assert_eq!(order.phone_numbers_count, Some(1));
    assert_eq!(order.record_type, s("number_order"));
    assert_eq!(order.requirements_met, Some(true));
    assert_eq!(
        order.status,
        Some(NumberOrderWithPhoneNumbersStatus::Pending)
    );
    assert_eq!(order.sub_number_orders_ids, Some(vec!["string".to_owned()]));
    assert_eq!(order.updated_at, s("2018-01-01T00:00:00.000000Z"));

    // `data.phone_numbers[]` is `NumberOrderPhoneNumber` (a curation of the spec, following the
    // reference page): all 15 fields of the seed decode, the malformed `deadline` is kept raw.
    let numbers = order.phone_numbers.expect("phone_numbers");
    assert_eq!(numbers.len(), 1);
    let number = &numbers[0];
    assert_eq!(
        number.bundle_id,
        Nullable::Null,
        "`bundle_id: null` decodes to null, not to absent"
    );
    assert_eq!(number.country_code, s("US"));
    assert_eq!(number.deadline, s("024-05-31T11:14:00+00:00"));
    assert_eq!(number.id, s("dc8e4d67-33a0-4cbb-af74-7b58f05bd494"));
    assert_eq!(number.is_block_number, Some(false));
    assert_eq!(number.locality, s("San Francisco"));
    assert_eq!(
        number.order_request_id,
        s("dc8e4d67-33a0-4cbb-af74-7b58f05bd495")
    );
    assert_eq!(number.phone_number, s("+19705555098"));
    assert_eq!(
        number.phone_number_type,
        Some(NumberOrderPhoneNumberPhoneNumberType::Local)
    );
    assert_eq!(number.record_type, s("number_order_phone_number"));
    let requirements = number
        .regulatory_requirements
        .as_ref()
        .expect("requirements");
    assert_eq!(requirements.len(), 1);
    assert_eq!(
        requirements[0].field_type,
        Some(SubNumberOrderRegulatoryRequirementWithValueFieldType::Textual)
    );
    assert_eq!(requirements[0].field_value, s(FIELD_VALUE));
    assert_eq!(
        requirements[0].record_type,
        s("phone_number_regulatory_requirement")
    );
    assert_eq!(requirements[0].requirement_id, s(REQUIREMENT_ID));
    assert_eq!(number.requirements_met, Some(true));
    assert_eq!(
        number.requirements_status,
        Some(NumberOrderPhoneNumberRequirementsStatus::Pending)
    );
    assert_eq!(number.status, Some(NumberOrderPhoneNumberStatus::Pending));
    assert_eq!(
        number.sub_number_order_id,
        s("dc8e4d67-33a0-4cbb-af74-7b58f05bd496")
    );
}

/// The seed's phone number object (with its malformed `deadline`) through the one operation
/// whose type declares `deadline`: the date-time is kept as the raw string.
#[tokio::test]
async fn seed_malformed_deadline_is_kept_as_raw_string() {
    let seed: Value = serde_json::from_str(SEED_RESPONSE).expect("seed response is JSON");
    let number_json = seed["data"]["phone_numbers"][0].clone();
    let (server, client) = start().await;
    respond_json(&server, 200, &json!({"data": number_json})).await;

    let response = client
        .get_number_order_phone_number(PHONE_NUMBER_ID)
        .send()
        .await
        .expect("a malformed date-time does not fail the response");

    let number = response.data.expect("data");
    assert_eq!(number.deadline, s("024-05-31T11:14:00+00:00"));
    assert_eq!(number.bundle_id, Nullable::Null);
    assert_eq!(number.country_code, s("US"));
    assert_eq!(number.is_block_number, Some(false));
    assert_eq!(number.locality, s("San Francisco"));
    assert_eq!(
        number.requirements_status,
        Some(NumberOrderPhoneNumberRequirementsStatus::Pending)
    );
    assert_eq!(number.status, Some(NumberOrderPhoneNumberStatus::Pending));
    assert_eq!(
        number.sub_number_order_id,
        s("dc8e4d67-33a0-4cbb-af74-7b58f05bd496")
    );
    // Re-encoding gives back the seed object, `bundle_id: null` included.
    assert_eq!(
        serde_json::to_value(&number).expect("serializes"),
        number_json
    );
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn not_found_is_a_typed_api_error() {
    let (server, client) = start().await;
    respond(
        &server,
        ResponseTemplate::new(404)
            .insert_header("x-request-id", "req-123")
            .set_body_raw(
                r#"{"errors":[{"code":"10005","title":"Resource not found","detail":"The requested resource or URL could not be found.","source":{"pointer":"/id"},"meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10005"}}]}"#,
                "application/json",
            ),
    )
    .await;

    let err = client
        .retrieve_number_order("missing")
        .send()
        .await
        .expect_err("404 is an error");

    assert!(err.is_not_found());
    assert!(!err.is_rate_limited());
    assert!(!err.is_timeout());
    assert_eq!(err.status(), Some(404));
    assert_eq!(
        err.to_string(),
        "404 Not Found: Resource not found (code 10005): \
         The requested resource or URL could not be found. [request id req-123]"
    );
    let api = match &err {
        Error::Api(api) => api,
        other => panic!("expected Error::Api, got {other:?}"),
    };
    assert_eq!(api.status, 404);
    assert_eq!(api.request_id.as_deref(), Some("req-123"));
    assert_eq!(api.errors.len(), 1);
    let first = api.first().expect("first error");
    assert_eq!(first, &api.errors[0]);
    assert_eq!(first.code.as_deref(), Some("10005"));
    assert_eq!(first.title.as_deref(), Some("Resource not found"));
    assert_eq!(
        first.detail.as_deref(),
        Some("The requested resource or URL could not be found.")
    );
    let source = first.source.as_ref().expect("source");
    assert_eq!(source.pointer.as_deref(), Some("/id"));
    assert_eq!(source.parameter, None);
    assert_eq!(
        first.meta,
        Some(json!({"url": "https://developers.telnyx.com/docs/overview/errors/10005"}))
    );
    assert!(api.body.contains("\"10005\""));
    assert_eq!(api.to_string(), err.to_string());
    assert_eq!(
        only_request(&server).await.url.path(),
        "/number_orders/missing"
    );
}

#[tokio::test]
async fn server_error_with_non_json_body_keeps_raw_body() {
    const BODY: &str = "<html><body>upstream connect error</body></html>";
    let (server, client) = start().await;
    respond(
        &server,
        ResponseTemplate::new(500).set_body_raw(BODY, "text/html"),
    )
    .await;

    let err = client
        .list_comments()
        .send()
        .await
        .expect_err("500 is an error");

    assert_eq!(err.status(), Some(500));
    assert!(!err.is_not_found());
    let api = err.as_api().expect("an API error");
    assert_eq!(api.status, 500);
    assert!(api.errors.is_empty());
    assert_eq!(api.first(), None);
    assert_eq!(api.body, BODY);
    assert_eq!(api.request_id, None);
    assert_eq!(
        err.to_string(),
        "500 Internal Server Error: <html><body>upstream connect error</body></html>"
    );
}

#[tokio::test]
async fn undocumented_status_is_a_typed_api_error() {
    let (server, client) = start().await;
    respond_json(
        &server,
        429,
        &json!({"errors": [{"code": 10011, "title": "Too many requests", "detail": "Slow down."}]}),
    )
    .await;

    let err = client
        .get_sub_number_orders_report(REPORT_ID)
        .send()
        .await
        .expect_err("429 is an error");

    assert!(err.is_rate_limited());
    assert!(!err.is_not_found());
    let api = match &err {
        Error::Api(api) => api,
        other => panic!("expected Error::Api, got {other:?}"),
    };
    assert_eq!(api.status, 429);
    assert_eq!(api.errors.len(), 1);
    // A numeric code is kept as its decimal text.
    assert_eq!(api.errors[0].code.as_deref(), Some("10011"));
    assert_eq!(api.errors[0].title.as_deref(), Some("Too many requests"));
    assert_eq!(
        err.to_string(),
        "429 Too Many Requests: Too many requests (code 10011): Slow down."
    );
}

#[tokio::test]
async fn download_error_is_a_typed_api_error() {
    let (server, client) = start().await;
    respond_json(
        &server,
        422,
        &json!({"errors": [{"code": "10015", "title": "Report not ready", "source": {"parameter": "report_id"}}]}),
    )
    .await;

    let err = client
        .download_sub_number_orders_report(REPORT_ID)
        .send()
        .await
        .expect_err("422 is an error");

    let api = err.as_api().expect("an API error");
    assert_eq!(api.status, 422);
    assert_eq!(api.errors[0].code.as_deref(), Some("10015"));
    assert_eq!(
        api.errors[0]
            .source
            .as_ref()
            .and_then(|s| s.parameter.as_deref()),
        Some("report_id")
    );
}

#[tokio::test]
async fn unprocessable_entity_decodes_into_the_operation_error_enum() {
    use telnyx_orders::operations::CreateNumberOrderError;
    let (server, client) = start().await;
    respond_json(
        &server,
        422,
        &json!({"errors": [
            {"code": "10015", "title": "Invalid phone number", "detail": "+1555 is not valid.",
             "source": {"pointer": "/phone_numbers/0/phone_number"},
             "meta": {"url": "https://developers.telnyx.com/docs/overview/errors/10015"}},
            {"code": "10016", "title": "Second problem"}
        ]}),
    )
    .await;

    let err = client
        .create_number_order(CreateNumberOrderRequest::default())
        .send()
        .await
        .expect_err("422 is an error");

    let Some(CreateNumberOrderError::UnprocessableEntity(body)) =
        err.typed::<CreateNumberOrderError>()
    else {
        panic!("expected UnprocessableEntity, got {err:?}");
    };
    let errors = body.errors.as_deref().expect("errors");
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].code.as_deref(), Some("10015"));
    assert_eq!(errors[0].title.as_deref(), Some("Invalid phone number"));
    assert_eq!(errors[0].detail.as_deref(), Some("+1555 is not valid."));
    assert_eq!(
        errors[0].source.as_ref().and_then(|s| s.pointer.as_deref()),
        Some("/phone_numbers/0/phone_number")
    );
    assert_eq!(
        errors[0].meta.as_ref().and_then(|m| m.url.as_deref()),
        Some("https://developers.telnyx.com/docs/overview/errors/10015")
    );
    assert_eq!(errors[1].code.as_deref(), Some("10016"));
    // The untyped view is unchanged.
    assert_eq!(err.as_api().expect("an API error").errors.len(), 2);
}

#[tokio::test]
async fn not_found_decodes_into_its_variant_and_the_trait_gives_the_same() {
    use telnyx_orders::operations::RetrieveNumberOrderError;
    use telnyx_orders::TypedError as _;
    let (server, client) = start().await;
    respond_json(
        &server,
        404,
        &json!({"errors": [{"code": "10005", "title": "Resource not found"}], "request": "r-1"}),
    )
    .await;

    let err = client
        .retrieve_number_order("missing")
        .send()
        .await
        .expect_err("404 is an error");

    let typed = err.typed::<RetrieveNumberOrderError>();
    let Some(RetrieveNumberOrderError::NotFound(body)) = &typed else {
        panic!("expected NotFound, got {typed:?}");
    };
    let errors = body.errors.as_deref().expect("errors");
    assert_eq!(errors[0].code.as_deref(), Some("10005"));
    assert_eq!(errors[0].title.as_deref(), Some("Resource not found"));
    // Properties the schema does not list are kept.
    assert_eq!(body.extra.get("request"), Some(&json!("r-1")));
    let api = err.as_api().expect("an API error");
    assert_eq!(RetrieveNumberOrderError::from_api(api), typed);
}

#[tokio::test]
async fn undocumented_status_has_no_typed_error() {
    use telnyx_orders::operations::GetSubNumberOrdersReportError;
    let (server, client) = start().await;
    respond_json(
        &server,
        429,
        &json!({"errors": [{"code": "10011", "title": "Too many requests"}]}),
    )
    .await;

    let err = client
        .get_sub_number_orders_report(REPORT_ID)
        .send()
        .await
        .expect_err("429 is an error");

    // 429 is not documented for this operation (and it has no `default`).
    assert_eq!(err.typed::<GetSubNumberOrdersReportError>(), None);
    let api = err.as_api().expect("an API error");
    assert_eq!(api.status, 429);
    assert_eq!(api.errors[0].code.as_deref(), Some("10011"));
}

#[tokio::test]
async fn error_body_not_in_the_documented_shape_has_no_typed_error_but_keeps_the_raw_body() {
    use telnyx_orders::operations::{ListCommentsError, RetrieveNumberOrderError};
    const BODY: &str = "<html><body>upstream connect error</body></html>";
    let (server, client) = start().await;
    respond(
        &server,
        ResponseTemplate::new(500).set_body_raw(BODY, "text/html"),
    )
    .await;
    let err = client.list_comments().send().await.expect_err("500");
    assert_eq!(err.typed::<ListCommentsError>(), None);
    assert_eq!(err.as_api().expect("an API error").body, BODY);

    // JSON, but not the documented object.
    const NOT_ERRORS: &str = r#"[{"code":"10005"}]"#;
    let (server, client) = start().await;
    respond(
        &server,
        ResponseTemplate::new(404).set_body_raw(NOT_ERRORS, "application/json"),
    )
    .await;
    let err = client
        .retrieve_number_order("missing")
        .send()
        .await
        .expect_err("404");
    assert_eq!(err.typed::<RetrieveNumberOrderError>(), None);
    assert_eq!(err.as_api().expect("an API error").body, NOT_ERRORS);

    // An object whose optional property has the wrong type decodes as success bodies do: the
    // value is kept in `extra`.
    let (server, client) = start().await;
    respond_json(&server, 404, &json!({"errors": "nope"})).await;
    let err = client
        .retrieve_number_order("missing")
        .send()
        .await
        .expect_err("404");
    let Some(RetrieveNumberOrderError::NotFound(body)) = err.typed::<RetrieveNumberOrderError>()
    else {
        panic!("expected NotFound, got {err:?}");
    };
    assert_eq!(body.errors, None);
    assert_eq!(body.extra.get("errors"), Some(&json!("nope")));
}

#[tokio::test]
async fn errors_that_are_not_api_errors_have_no_typed_error() {
    use telnyx_orders::operations::ListCommentsError;
    // A port nobody listens on: a connection error.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = telnyx_orders::Client::builder()
        .api_key("k")
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .expect("client builds");
    let err = client.list_comments().send().await.expect_err("no server");
    assert!(err.as_api().is_none(), "{err:?}");
    assert_eq!(err.typed::<ListCommentsError>(), None);
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn unknown_enum_value_is_kept_and_reserialized_unchanged() {
    let (server, client) = start().await;
    let mut order = sub_number_order_json("on_hold");
    order["phone_number_type"] = json!("satellite");
    order["regulatory_requirements"][0]["field_type"] = json!("biometric");
    respond_json(&server, 200, &json!({"data": order.clone()})).await;

    let response = client
        .get_sub_number_order(SUB_ORDER_ID)
        .send()
        .await
        .expect("unknown enum values decode");

    assert_request(
        &only_request(&server).await,
        &Expected {
            method: "GET",
            path: "/sub_number_orders/12ade33a-21c0-473b-b055-b3c836e1c292",
            query: None,
            accept: JSON,
            body: None,
        },
    );
    let data = response.data.expect("data");
    assert_eq!(
        data.status,
        Some(SubNumberOrderStatus::Unknown("on_hold".to_owned()))
    );
    assert_eq!(data.status.as_ref().map(|s| s.as_str()), Some("on_hold"));
    assert_eq!(
        data.phone_number_type,
        Some(SubNumberOrderPhoneNumberType::Unknown(
            "satellite".to_owned()
        ))
    );
    let requirements = data.regulatory_requirements.as_ref().expect("requirements");
    assert_eq!(
        requirements[0].field_type,
        Some(SubNumberOrderRegulatoryRequirementFieldType::Unknown(
            "biometric".to_owned()
        ))
    );
    assert_eq!(
        serde_json::to_value(&data.status).expect("serializes"),
        json!("on_hold")
    );
    assert_eq!(serde_json::to_value(&data).expect("serializes"), order);
}

#[tokio::test]
async fn a_field_of_the_wrong_type_is_kept_in_extra_and_the_rest_decodes() {
    let (server, client) = start().await;
    respond_json(
        &server,
        200,
        &json!({"data": {"phone_numbers_count": "not a number", "customer_reference": "REF"}}),
    )
    .await;

    let data = client
        .retrieve_number_order(NUMBER_ORDER_ID)
        .send()
        .await
        .expect("one odd field does not discard the response")
        .data
        .expect("data is present");
    assert_eq!(data.phone_numbers_count, None);
    assert_eq!(data.extra["phone_numbers_count"], json!("not a number"));
    assert_eq!(data.customer_reference.as_deref(), Some("REF"));
}

#[tokio::test]
async fn undecodable_success_body_names_the_type_and_field() {
    let (server, client) = start().await;
    respond_json(&server, 200, &json!({"data": [{"id": 1}], "meta": 7})).await;
    let (server2, client2) = start().await;
    respond_json(&server2, 200, &json!(["not", "an", "object"])).await;

    // Wrong types in optional fields are kept (see above); a body that is not an object is not.
    client.list_number_orders().send().await.expect("lenient");
    let err = client2
        .retrieve_number_order(NUMBER_ORDER_ID)
        .send()
        .await
        .expect_err("the body does not decode");

    assert_eq!(err.status(), None);
    let decode = match &err {
        Error::Decode(decode) => decode,
        other => panic!("expected Error::Decode, got {other:?}"),
    };
    assert_eq!(decode.type_name, "RetrieveNumberOrderResponse");
    assert!(
        decode.message.contains("invalid type: sequence"),
        "message: {}",
        decode.message
    );
    assert!(decode.snippet.contains("not"));
    let text = err.to_string();
    assert!(
        text.starts_with("cannot decode RetrieveNumberOrderResponse at `.`"),
        "display: {text}"
    );
}

#[tokio::test]
async fn non_json_success_body_is_a_decode_error() {
    let (server, client) = start().await;
    respond(
        &server,
        ResponseTemplate::new(200).set_body_raw("OK", "text/plain"),
    )
    .await;

    let err = client
        .list_sub_number_orders()
        .send()
        .await
        .expect_err("the body does not decode");

    let decode = match &err {
        Error::Decode(decode) => decode,
        other => panic!("expected Error::Decode, got {other:?}"),
    };
    assert_eq!(decode.type_name, "ListSubNumberOrdersResponse");
    assert_eq!(decode.snippet, "OK");
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn debug_output_does_not_reveal_the_api_key() {
    let client = telnyx_orders::Client::builder()
        .api_key("sk-very-secret-key")
        .base_url("http://127.0.0.1:9/")
        .build()
        .expect("client builds");
    let debug = format!("{client:?}");
    assert!(!debug.contains("sk-very-secret-key"), "{debug}");
    // It says which security scheme has a credential, not what it is.
    assert!(debug.contains("given_for: [\"bearerAuth\"]"), "{debug}");
    // The trailing `/` of the base URL is dropped.
    assert_eq!(client.base_url(), "http://127.0.0.1:9");

    let (server, client) = start().await;
    let debug = format!("{client:?}");
    assert!(!debug.contains(support::API_KEY), "{debug}");
    assert!(debug.contains(&server.uri()), "{debug}");
}

// ---------------------------------------------------------------------------------------------
// Per-request options

#[tokio::test]
async fn request_timeout_overrides_the_client_timeout() {
    let (server, client) = start().await;
    respond(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(json!({"data": []}))
            .set_delay(std::time::Duration::from_millis(2000)),
    )
    .await;
    let error = client
        .list_number_orders()
        .request_timeout(std::time::Duration::from_millis(100))
        .send()
        .await
        .expect_err("the delayed response exceeds the per-request timeout");
    assert!(error.is_timeout(), "{error:?}");
    assert!(matches!(error, telnyx_orders::Error::Timeout(_)));
}

#[tokio::test]
async fn extra_headers_and_query_parameters_are_sent() {
    let (server, client) = start().await;
    respond_json(&server, 200, &json!({"data": []})).await;
    client
        .list_number_orders()
        .filter(ListNumberOrdersFilter {
            status: Some("pending".into()),
            ..Default::default()
        })
        .extra_query("filter[beta]", "a b")
        .extra_header("x-beta-feature", "on")
        .send()
        .await
        .expect("success");
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("filter[status]=pending&filter[beta]=a%20b")
    );
    assert_eq!(support::header_values(&request, "x-beta-feature"), ["on"]);
}

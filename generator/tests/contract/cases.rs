//! The table of the contract suite: one description ([`Case`]) per operation of the spec, by tag
//! in the order of the spec. A description says what to send and what to expect; the runner in
//! `contract.rs` makes the calls and the checks.
//!
//! To add an operation: a [`Case::new`] with its valid call, every optional parameter set, then
//! what applies of:
//! - `.all_set(name, value)` for each typed input of the valid call (a parameter, or `body`),
//!   which must set every property the spec declares;
//! - `.bare(call)`, the valid call without its optional query parameters, where it has some
//!   (the forced responses and dynamic mode send it);
//! - `.wire(pairs)`, the query the valid call sends, where the operation has a deepObject
//!   parameter;
//! - `.invalid(location, call)`, a call the spec forbids and where Prism reports it, or
//!   `.forced_422(why)` when no input is constrained;
//! - `.no_404()` when the spec documents no 404;
//! - `.extra(check)`, an assertion of the operation's own on the valid call's exchange.

use serde_json::json;
use telnyx_orders::types::{
    Comment, CommentCommentRecordType, CreateNumberOrderRequest,
    CreateNumberOrderRequestPhoneNumbersItem, CreateSubNumberOrdersReportRequest,
    CreateSubNumberOrdersReportRequestStatus, GetSubNumberOrderFilter, ListCommentsFilter,
    ListCommentsFilterCommentRecordType, ListNumberOrdersFilter, ListNumberOrdersFilterCreatedAt,
    ListSubNumberOrdersFilter, NumbersPageConsolidated, RetrieveOrderPhoneNumbersFilter,
    UpdateNumberOrderPhoneNumberRequest, UpdateNumberOrderRequest, UpdateRegulatoryRequirement,
    UpdateSubNumberOrderRequest,
};

use super::{Case, Location};

const COMMENT_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const RECORD_ID: &str = "8ffb3622-7c6b-4ccc-b65f-7a3dc0099576";
pub(super) const PHONE_NUMBER_ID: &str = "dc8e4d67-33a0-4cbb-af74-7b58f05bd494";
const NUMBER_ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
pub(super) const SUB_ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const ORDER_REQUEST_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c293";
const REPORT_ID: &str = "cada7e84-122b-4b47-bc66-58c7c3becd40";
pub(super) const REQUIREMENT_ID: &str = "8ffb3622-7c6b-4ccc-b65f-7a3dc0099576";
const FIELD_VALUE: &str = "45f45a04-b4be-4592-95b1-9306b9db2b21";
pub(super) const NOT_A_UUID: &str = "not-a-uuid";

/// Why most operations without an invalid request force their 422.
pub(super) const FREE_FORM_ID: &str = "its one input, the path id, is a free-form string";

/// `Some` of a string-like value: `String`, or the text-keeping format types (`Uuid`,
/// `DateTime`), which take any text, so that invalid values can be sent on purpose.
pub(super) fn s<T: From<&'static str>>(value: &'static str) -> Option<T> {
    Some(T::from(value))
}

/// Every operation of the spec, described.
pub(super) fn cases() -> Vec<Case> {
    let mut cases = vec![
        // Comments
        Case::new(
            "ListComments",
            call!(|c| c.list_comments().filter(comments_filter())),
        )
        .all_set("filter", comments_filter())
        .bare(call!(|c| c.list_comments()))
        .wire(&[
            ("filter[comment_record_id]", RECORD_ID),
            ("filter[comment_record_type]", "sub_number_order"),
        ])
        .invalid(
            &["query", "filter", "comment_record_type"],
            call!(|c| c.list_comments().filter(ListCommentsFilter {
                comment_record_type: Some(ListCommentsFilterCommentRecordType::Unknown(
                    "not_a_record_type".into(),
                )),
                ..Default::default()
            })),
        ),
        Case::new("CreateComment", call!(|c| c.create_comment(comment())))
            .all_set("body", comment())
            .invalid(
                &["body", "comment_record_id"],
                call!(|c| c.create_comment(Comment {
                    comment_record_id: s(NOT_A_UUID),
                    ..comment()
                })),
            ),
        Case::new("RetrieveComment", call!(|c| c.retrieve_comment(COMMENT_ID)))
            .forced_422(FREE_FORM_ID),
        Case::new(
            "MarkCommentRead",
            call!(|c| c.mark_comment_read(COMMENT_ID)),
        )
        .forced_422(FREE_FORM_ID),
        // Number Order Phone Numbers
        Case::new(
            "RetrieveOrderPhoneNumbers",
            call!(|c| c
                .retrieve_order_phone_numbers()
                .filter(order_phone_numbers_filter())),
        )
        .all_set("filter", order_phone_numbers_filter())
        .bare(call!(|c| c.retrieve_order_phone_numbers()))
        .wire(&[("filter[country_code]", "US")])
        .forced_422("its one filter property, country_code, is a free-form string"),
        Case::new(
            "GetNumberOrderPhoneNumber",
            call!(|c| c.get_number_order_phone_number(PHONE_NUMBER_ID)),
        )
        .forced_422(FREE_FORM_ID),
        Case::new(
            "UpdateNumberOrderPhoneNumber",
            call!(|c| c.update_number_order_phone_number(PHONE_NUMBER_ID, phone_number_update())),
        )
        .all_set("body", phone_number_update())
        .invalid(
            BAD_REQUIREMENT_AT,
            call!(|c| c.update_number_order_phone_number(
                PHONE_NUMBER_ID,
                UpdateNumberOrderPhoneNumberRequest {
                    regulatory_requirements: Some(vec![bad_requirement()]),
                    ..phone_number_update()
                }
            )),
        ),
        // Number Orders
        Case::new(
            "ListNumberOrders",
            call!(|c| c
                .list_number_orders()
                .page(page())
                .filter(number_orders_filter())),
        )
        .all_set("page", page())
        .all_set("filter", number_orders_filter())
        .bare(call!(|c| c.list_number_orders()))
        .wire(&[
            ("page[number]", "2"),
            ("page[size]", "25"),
            ("filter[created_at][gt]", "2018-01-01T00:00:00.000000Z"),
            ("filter[created_at][lt]", "2018-02-01T00:00:00.000000Z"),
            ("filter[customer_reference]", "MY REF 001"),
            ("filter[phone_numbers_count]", "1"),
            ("filter[requirements_met]", "true"),
            ("filter[status]", "pending"),
        ])
        .invalid(
            BAD_PAGE_AT,
            call!(|c| c.list_number_orders().page(bad_page())),
        ),
        Case::new(
            "CreateNumberOrder",
            call!(|c| c.create_number_order(number_order())),
        )
        .all_set("body", number_order())
        // Every property is a free-form string and the typed fields only take strings: the
        // wrong body type goes through the extension point of the body, its `extra` properties.
        .invalid(
            &["body", "customer_reference"],
            call!(|c| {
                let mut body = CreateNumberOrderRequest {
                    customer_reference: None,
                    ..number_order()
                };
                body.extra
                    .insert("customer_reference".to_owned(), json!(42));
                c.create_number_order(body)
            }),
        ),
        Case::new(
            "RetrieveNumberOrder",
            call!(|c| c.retrieve_number_order(NUMBER_ORDER_ID)),
        )
        .forced_422(FREE_FORM_ID),
        Case::new(
            "UpdateNumberOrder",
            call!(|c| c.update_number_order(NUMBER_ORDER_ID, number_order_update())),
        )
        .all_set("body", number_order_update())
        .invalid(
            BAD_REQUIREMENT_AT,
            call!(|c| c.update_number_order(
                NUMBER_ORDER_ID,
                UpdateNumberOrderRequest {
                    regulatory_requirements: Some(vec![bad_requirement()]),
                    ..number_order_update()
                }
            )),
        ),
        // Sub Number Orders
        Case::new(
            "ListSubNumberOrders",
            call!(|c| c
                .list_sub_number_orders()
                .filter(sub_number_orders_filter())),
        )
        .all_set("filter", sub_number_orders_filter())
        .bare(call!(|c| c.list_sub_number_orders()))
        .wire(&[
            ("filter[country_code]", "US"),
            ("filter[order_request_id]", ORDER_REQUEST_ID),
            ("filter[phone_number_type]", "local"),
            ("filter[phone_numbers_count]", "1"),
            ("filter[status]", "success"),
        ])
        .invalid(
            &["query", "filter", "order_request_id"],
            call!(|c| c
                .list_sub_number_orders()
                .filter(ListSubNumberOrdersFilter {
                    order_request_id: s(NOT_A_UUID),
                    ..Default::default()
                })),
        ),
        Case::new(
            "GetSubNumberOrder",
            call!(|c| c
                .get_sub_number_order(SUB_ORDER_ID)
                .filter(sub_number_order_filter())),
        )
        .all_set("filter", sub_number_order_filter())
        .bare(call!(|c| c.get_sub_number_order(SUB_ORDER_ID)))
        .wire(&[("filter[include_phone_numbers]", "true")])
        // The typed filter only takes a bool: the wrong type goes through the extension point.
        .invalid(
            &["query", "filter", "include_phone_numbers"],
            call!(|c| c
                .get_sub_number_order(SUB_ORDER_ID)
                .extra_query("filter[include_phone_numbers]", "sometimes")),
        ),
        Case::new(
            "UpdateSubNumberOrder",
            call!(|c| c.update_sub_number_order(SUB_ORDER_ID, sub_number_order_update())),
        )
        .all_set("body", sub_number_order_update())
        .invalid(
            BAD_REQUIREMENT_AT,
            call!(|c| c.update_sub_number_order(
                SUB_ORDER_ID,
                UpdateSubNumberOrderRequest {
                    regulatory_requirements: Some(vec![bad_requirement()]),
                    ..sub_number_order_update()
                }
            )),
        ),
        Case::new(
            "CancelSubNumberOrder",
            call!(|c| c.cancel_sub_number_order(SUB_ORDER_ID)),
        )
        .forced_422(FREE_FORM_ID),
        Case::new(
            "CreateSubNumberOrdersReport",
            call!(|c| c.create_sub_number_orders_report().body(report_request())),
        )
        .all_set("body", report_request())
        .invalid(
            &["body", "created_at_gt"],
            call!(|c| c.create_sub_number_orders_report().body(
                CreateSubNumberOrdersReportRequest {
                    created_at_gt: s("last tuesday"),
                    ..report_request()
                }
            )),
        )
        .no_404(),
        Case::new(
            "GetSubNumberOrdersReport",
            call!(|c| c.get_sub_number_orders_report(REPORT_ID)),
        )
        .invalid(
            &["path", "report_id"],
            call!(|c| c.get_sub_number_orders_report(NOT_A_UUID)),
        ),
        // The documented 404 is JSON: Prism answers the forced 404 only because the client
        // accepts `text/csv, application/json` (with `text/csv` alone it silently falls back to
        // the 200).
        Case::new(
            "DownloadSubNumberOrdersReport",
            call!(bytes, |c| c.download_sub_number_orders_report(REPORT_ID)),
        )
        .extra(|spec, op, exchange| {
            assert_eq!(op.success_media, "text/csv");
            let example = spec.doc["paths"][op.path.as_str()]["get"]["responses"]
                [op.success_status.to_string()]["content"]["text/csv"]["example"]
                .as_str()
                .expect("the spec has a CSV example");
            assert_eq!(
                exchange.response_body,
                example.as_bytes(),
                "{}: the CSV bytes are not the spec's example",
                op.id
            );
        })
        .invalid(
            &["path", "report_id"],
            call!(bytes, |c| c.download_sub_number_orders_report(NOT_A_UUID)),
        ),
    ];
    cases.extend(super::journey::cases());
    cases
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

pub(super) fn page() -> NumbersPageConsolidated {
    NumbersPageConsolidated {
        number: Some(2),
        size: Some(25),
        ..Default::default()
    }
}

/// A page size below the documented minimum of 1.
pub(super) fn bad_page() -> NumbersPageConsolidated {
    NumbersPageConsolidated {
        number: Some(1),
        size: Some(0),
        ..Default::default()
    }
}

pub(super) const BAD_PAGE_AT: Location = &["query", "page", "size"];

fn requirement() -> UpdateRegulatoryRequirement {
    UpdateRegulatoryRequirement {
        field_value: s(FIELD_VALUE),
        requirement_id: s(REQUIREMENT_ID),
        ..Default::default()
    }
}

fn bad_requirement() -> UpdateRegulatoryRequirement {
    UpdateRegulatoryRequirement {
        requirement_id: s(NOT_A_UUID),
        ..requirement()
    }
}

const BAD_REQUIREMENT_AT: Location = &["body", "regulatory_requirements", "0", "requirement_id"];

fn comments_filter() -> ListCommentsFilter {
    ListCommentsFilter {
        comment_record_id: s(RECORD_ID),
        comment_record_type: Some(ListCommentsFilterCommentRecordType::SubNumberOrder),
        ..Default::default()
    }
}

fn comment() -> Comment {
    Comment {
        body: s("Hi there, ...."),
        comment_record_id: s(RECORD_ID),
        comment_record_type: Some(CommentCommentRecordType::SubNumberOrder),
        ..Default::default()
    }
}

fn order_phone_numbers_filter() -> RetrieveOrderPhoneNumbersFilter {
    RetrieveOrderPhoneNumbersFilter {
        country_code: s("US"),
        ..Default::default()
    }
}

fn phone_number_update() -> UpdateNumberOrderPhoneNumberRequest {
    UpdateNumberOrderPhoneNumberRequest {
        regulatory_requirements: Some(vec![requirement()]),
        ..Default::default()
    }
}

fn number_orders_filter() -> ListNumberOrdersFilter {
    ListNumberOrdersFilter {
        created_at: Some(ListNumberOrdersFilterCreatedAt {
            gt: s("2018-01-01T00:00:00.000000Z"),
            lt: s("2018-02-01T00:00:00.000000Z"),
            ..Default::default()
        }),
        customer_reference: s("MY REF 001"),
        phone_numbers_count: s("1"),
        requirements_met: Some(true),
        status: s("pending"),
        ..Default::default()
    }
}

fn number_order() -> CreateNumberOrderRequest {
    CreateNumberOrderRequest {
        billing_group_id: s("abc85f64-5717-4562-b3fc-2c9600"),
        connection_id: s("346789098765567"),
        customer_reference: s("MY REF 001"),
        messaging_profile_id: s("abc85f64-5717-4562-b3fc-2c9600"),
        phone_numbers: Some(vec![CreateNumberOrderRequestPhoneNumbersItem {
            bundle_id: s("bc8e4d67-33a0-4cbb-af74-7b58f05bd494"),
            requirement_group_id: s("dbbd94ee-9079-488f-80ba-f566b247fd79"),
            ..CreateNumberOrderRequestPhoneNumbersItem::new("+19705555098")
        }]),
        ..Default::default()
    }
}

fn number_order_update() -> UpdateNumberOrderRequest {
    UpdateNumberOrderRequest {
        customer_reference: s("MY REF 001"),
        regulatory_requirements: Some(vec![requirement()]),
        ..Default::default()
    }
}

fn sub_number_orders_filter() -> ListSubNumberOrdersFilter {
    ListSubNumberOrdersFilter {
        country_code: s("US"),
        order_request_id: s(ORDER_REQUEST_ID),
        phone_number_type: s("local"),
        phone_numbers_count: Some(1),
        status: s("success"),
        ..Default::default()
    }
}

fn sub_number_order_filter() -> GetSubNumberOrderFilter {
    GetSubNumberOrderFilter {
        include_phone_numbers: Some(true),
        ..Default::default()
    }
}

fn sub_number_order_update() -> UpdateSubNumberOrderRequest {
    UpdateSubNumberOrderRequest {
        regulatory_requirements: Some(vec![requirement()]),
        ..Default::default()
    }
}

fn report_request() -> CreateSubNumberOrdersReportRequest {
    CreateSubNumberOrdersReportRequest {
        country_code: s("US"),
        created_at_gt: s("2023-04-05T10:22:08.230549Z"),
        created_at_lt: s("2025-06-05T10:22:08.230549Z"),
        customer_reference: s("STRING"),
        order_request_id: s(ORDER_REQUEST_ID),
        status: Some(CreateSubNumberOrdersReportRequestStatus::Success),
        ..Default::default()
    }
}

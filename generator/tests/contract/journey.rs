//! The checks of the operations the ordering journey added to the original eighteen: number
//! search, reservations, block, advanced and inexplicit orders, requirement groups, requirement
//! types, requirements and regulatory requirements. Same standard as the checks in
//! `contract.rs`: a valid call with every optional parameter set, decoded and re-encoded
//! exactly; an invalid request answered 422 (or, when no input is constrained, a forced 422); a
//! forced 404 where one is documented; the deepObject wire form where there is a deepObject
//! parameter.

use serde_json::json;
use telnyx_orders::types::{
    AdvancedOrderRequest, AdvancedOrderRequestPhoneNumberType, CreateNumberBlockOrderRequest,
    CreateNumberReservationRequest, CreateRequirementGroupBody, CreateRequirementGroupBodyAction,
    CreateRequirementGroupBodyRegulatoryRequirementsItem, CreateRequirementVersionRequest,
    DocReqsRequirementPhoneNumberType, DocumentsPageConsolidated,
    FilterRequirementTypesConsolidated, FilterRequirementTypesConsolidatedName,
    FilterRequirementsConsolidated, FilterRequirementsConsolidatedAction,
    GetRequirementGroupsFilter, GetRequirementGroupsFilterAction,
    GetRequirementGroupsFilterPhoneNumberType, InexplicitNumberOrderRequest,
    InexplicitNumberOrderRequestOrderingGroupsItem,
    InexplicitNumberOrderRequestOrderingGroupsItemCountryIso,
    InexplicitNumberOrderRequestOrderingGroupsItemPhoneNumber,
    InexplicitNumberOrderRequestOrderingGroupsItemStrategy, ListAvailablePhoneNumberBlocksFilter,
    ListAvailablePhoneNumbersFilter, ListAvailablePhoneNumbersFilterFeaturesItem,
    ListAvailablePhoneNumbersFilterPhoneNumber, ListNumberBlockOrdersFilter,
    ListNumberBlockOrdersFilterCreatedAt, ListNumberReservationsFilter,
    ListNumberReservationsFilterCreatedAt, ListRegulatoryRequirementsFilter,
    ListRegulatoryRequirementsPhoneNumbersFilter, NumbersPageConsolidated, ReservedPhoneNumber,
    SortRequirementTypesConsolidatedItem, SortRequirementsConsolidatedItem,
    UpdateNumberOrderPhoneNumberRequirementGroupBody, UpdateRequirementGroupBody,
    UpdateRequirementGroupBodyRegulatoryRequirementsItem, UpdateSubNumberOrderRequirementGroupBody,
    UserRequirementStatus,
};
use telnyx_orders::Client;

use super::cases::{s, NOT_A_UUID, PHONE_NUMBER_ID, REQUIREMENT_ID, SUB_ORDER_ID};
use super::{
    assert_deep_object_wire_form, assert_forced, assert_invalid, assert_json_success, Cx, Exchange,
    Exercised, Location, Recorder, SpecOp,
};

const ADVANCED_ORDER_ID: &str = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
const INEXPLICIT_ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const BLOCK_ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const RESERVATION_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const REQUIREMENT_GROUP_ID: &str = "a4b201f9-8646-4e54-a7d2-b2e403eeaf8c";
const REQUIREMENT_TYPE_ID: &str = "a38c217a-8019-48f8-bff6-0fdd9939075b";
const DOC_REQUIREMENT_ID: &str = "a9dad8d5-fdbd-49d7-aa23-39bb08a5ebaa";
/// A textual requirement's value (the example of the requirement-group update body).
const FIELD_VALUE_TEXT: &str = "new requirement value";

fn page() -> NumbersPageConsolidated {
    NumbersPageConsolidated {
        number: Some(2),
        size: Some(25),
        ..Default::default()
    }
}

/// A page size below the documented minimum of 1.
fn bad_page() -> NumbersPageConsolidated {
    NumbersPageConsolidated {
        number: Some(1),
        size: Some(0),
        ..Default::default()
    }
}

const BAD_PAGE_AT: Location = &["query", "page", "size"];

// ---------------------------------------------------------------------------------------------
// Phone Number Search
// ---------------------------------------------------------------------------------------------

pub(super) async fn check_list_available_phone_number_blocks(cx: Cx) -> Exercised {
    let op = cx.op("ListAvailablePhoneNumberBlocks");
    let filter = ListAvailablePhoneNumberBlocksFilter {
        country_code: s("US"),
        locality: s("Fort Collins"),
        national_destination_code: s("970"),
        phone_number_type: Some(GetRequirementGroupsFilterPhoneNumberType::Local),
        ..Default::default()
    };
    cx.all_set(&op, "filter", op.param_schema("filter"), &filter);
    let result = cx
        .client
        .list_available_phone_number_blocks()
        .filter(filter)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    assert_deep_object_wire_form(
        &cx.spec,
        &op,
        &exchange,
        &[
            ("filter[country_code]", "US"),
            ("filter[locality]", "Fort Collins"),
            ("filter[national_destination_code]", "970"),
            ("filter[phone_number_type]", "local"),
        ],
    );

    let at: Location = &["query", "filter", "phone_number_type"];
    let filter = ListAvailablePhoneNumberBlocksFilter {
        phone_number_type: Some(GetRequirementGroupsFilterPhoneNumberType::Unknown(
            "landline".into(),
        )),
        ..Default::default()
    };
    let result = cx
        .client
        .list_available_phone_number_blocks()
        .filter(filter)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .list_available_phone_number_blocks()
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "ListAvailablePhoneNumberBlocks",
        invalid: Ok(at),
        not_found: true,
        wire_form: true,
    }
}

pub(super) async fn check_list_available_phone_numbers(cx: Cx) -> Exercised {
    let op = cx.op("ListAvailablePhoneNumbers");
    let filter = ListAvailablePhoneNumbersFilter {
        administrative_area: s("CO"),
        best_effort: Some(false),
        country_code: s("US"),
        exclude_held_numbers: Some(true),
        features: Some(vec![
            ListAvailablePhoneNumbersFilterFeaturesItem::Sms,
            ListAvailablePhoneNumbersFilterFeaturesItem::Voice,
        ]),
        limit: Some(10),
        locality: s("Fort Collins"),
        national_destination_code: s("970"),
        phone_number: Some(ListAvailablePhoneNumbersFilterPhoneNumber {
            contains: s("555"),
            ends_with: s("98"),
            starts_with: s("970"),
            ..Default::default()
        }),
        phone_number_type: Some(GetRequirementGroupsFilterPhoneNumberType::Local),
        quickship: Some(true),
        rate_center: s("FORT COLLINS"),
        reservable: Some(true),
        ..Default::default()
    };
    cx.all_set(&op, "filter", op.param_schema("filter"), &filter);
    let result = cx
        .client
        .list_available_phone_numbers()
        .filter(filter)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    assert_deep_object_wire_form(
        &cx.spec,
        &op,
        &exchange,
        &[
            ("filter[administrative_area]", "CO"),
            ("filter[best_effort]", "false"),
            ("filter[country_code]", "US"),
            ("filter[exclude_held_numbers]", "true"),
            ("filter[features]", "sms"),
            ("filter[features]", "voice"),
            ("filter[limit]", "10"),
            ("filter[locality]", "Fort Collins"),
            ("filter[national_destination_code]", "970"),
            ("filter[phone_number][contains]", "555"),
            ("filter[phone_number][ends_with]", "98"),
            ("filter[phone_number][starts_with]", "970"),
            ("filter[phone_number_type]", "local"),
            ("filter[quickship]", "true"),
            ("filter[rate_center]", "FORT COLLINS"),
            ("filter[reservable]", "true"),
        ],
    );

    let at: Location = &["query", "filter", "phone_number_type"];
    let filter = ListAvailablePhoneNumbersFilter {
        phone_number_type: Some(GetRequirementGroupsFilterPhoneNumberType::Unknown(
            "landline".into(),
        )),
        ..Default::default()
    };
    let result = cx
        .client
        .list_available_phone_numbers()
        .filter(filter)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .list_available_phone_numbers()
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "ListAvailablePhoneNumbers",
        invalid: Ok(at),
        not_found: true,
        wire_form: true,
    }
}

// ---------------------------------------------------------------------------------------------
// Phone Number Reservations
// ---------------------------------------------------------------------------------------------

pub(super) async fn check_list_number_reservations(cx: Cx) -> Exercised {
    let op = cx.op("ListNumberReservations");
    let page = page();
    let filter = ListNumberReservationsFilter {
        created_at: Some(ListNumberReservationsFilterCreatedAt {
            gt: s("2018-01-01T00:00:00.000000Z"),
            lt: s("2018-02-01T00:00:00.000000Z"),
            ..Default::default()
        }),
        customer_reference: s("MY REF 001"),
        phone_numbers_phone_number: s("+19705555098"),
        status: s("success"),
        ..Default::default()
    };
    cx.all_set(&op, "page", op.param_schema("page"), &page);
    cx.all_set(&op, "filter", op.param_schema("filter"), &filter);
    let result = cx
        .client
        .list_number_reservations()
        .page(page)
        .filter(filter)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    assert_deep_object_wire_form(
        &cx.spec,
        &op,
        &exchange,
        &[
            ("page[number]", "2"),
            ("page[size]", "25"),
            ("filter[created_at][gt]", "2018-01-01T00:00:00.000000Z"),
            ("filter[created_at][lt]", "2018-02-01T00:00:00.000000Z"),
            ("filter[customer_reference]", "MY REF 001"),
            ("filter[phone_numbers.phone_number]", "+19705555098"),
            ("filter[status]", "success"),
        ],
    );

    let result = cx
        .client
        .list_number_reservations()
        .page(bad_page())
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, BAD_PAGE_AT);

    let result = cx
        .client
        .list_number_reservations()
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "ListNumberReservations",
        invalid: Ok(BAD_PAGE_AT),
        not_found: true,
        wire_form: true,
    }
}

pub(super) async fn check_create_number_reservation(cx: Cx) -> Exercised {
    let op = cx.op("CreateNumberReservation");
    let body = CreateNumberReservationRequest {
        customer_reference: s("MY REF 001"),
        phone_numbers: Some(vec![ReservedPhoneNumber {
            phone_number: s("+19705555098"),
            ..Default::default()
        }]),
        ..Default::default()
    };
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .create_number_reservation(body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);

    // Every writable property is a free-form string: the wrong type goes through the extension
    // point of the body, its `extra` properties.
    let at: Location = &["body", "customer_reference"];
    let mut invalid = CreateNumberReservationRequest {
        customer_reference: None,
        ..body.clone()
    };
    invalid
        .extra
        .insert("customer_reference".to_owned(), json!(42));
    let result = cx.client.create_number_reservation(invalid).send().await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .create_number_reservation(body)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "CreateNumberReservation",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_retrieve_number_reservation(cx: Cx) -> Exercised {
    let op = cx.op("RetrieveNumberReservation");
    let result = cx
        .client
        .retrieve_number_reservation(RESERVATION_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let result = cx
        .client
        .retrieve_number_reservation(RESERVATION_ID)
        .extra_header("Prefer", "code=422")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 422);
    let result = cx
        .client
        .retrieve_number_reservation(RESERVATION_ID)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "RetrieveNumberReservation",
        invalid: Err("no constrained input"),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_extend_number_reservation_expiry_time(cx: Cx) -> Exercised {
    let op = cx.op("ExtendNumberReservationExpiryTime");
    let result = cx
        .client
        .extend_number_reservation_expiry_time(RESERVATION_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let result = cx
        .client
        .extend_number_reservation_expiry_time(RESERVATION_ID)
        .extra_header("Prefer", "code=422")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 422);
    let result = cx
        .client
        .extend_number_reservation_expiry_time(RESERVATION_ID)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "ExtendNumberReservationExpiryTime",
        invalid: Err("no constrained input"),
        not_found: true,
        wire_form: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Phone Number Block Orders
// ---------------------------------------------------------------------------------------------

pub(super) async fn check_list_number_block_orders(cx: Cx) -> Exercised {
    let op = cx.op("ListNumberBlockOrders");
    let page = page();
    let filter = ListNumberBlockOrdersFilter {
        created_at: Some(ListNumberBlockOrdersFilterCreatedAt {
            gt: s("2018-01-01T00:00:00.000000Z"),
            lt: s("2018-02-01T00:00:00.000000Z"),
            ..Default::default()
        }),
        phone_numbers_starting_number: s("+19705555000"),
        status: s("pending"),
        ..Default::default()
    };
    cx.all_set(&op, "page", op.param_schema("page"), &page);
    cx.all_set(&op, "filter", op.param_schema("filter"), &filter);
    let result = cx
        .client
        .list_number_block_orders()
        .page(page)
        .filter(filter)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    assert_deep_object_wire_form(
        &cx.spec,
        &op,
        &exchange,
        &[
            ("page[number]", "2"),
            ("page[size]", "25"),
            ("filter[created_at][gt]", "2018-01-01T00:00:00.000000Z"),
            ("filter[created_at][lt]", "2018-02-01T00:00:00.000000Z"),
            ("filter[phone_numbers.starting_number]", "+19705555000"),
            ("filter[status]", "pending"),
        ],
    );

    let result = cx
        .client
        .list_number_block_orders()
        .page(bad_page())
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, BAD_PAGE_AT);

    let result = cx
        .client
        .list_number_block_orders()
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "ListNumberBlockOrders",
        invalid: Ok(BAD_PAGE_AT),
        not_found: true,
        wire_form: true,
    }
}

pub(super) async fn check_create_number_block_order(cx: Cx) -> Exercised {
    let op = cx.op("CreateNumberBlockOrder");
    let body = CreateNumberBlockOrderRequest {
        connection_id: s("346789098765567"),
        customer_reference: s("MY REF 001"),
        messaging_profile_id: s("abc85f64-5717-4562-b3fc-2c9600"),
        ..CreateNumberBlockOrderRequest::new(10, "+19705555000")
    };
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .create_number_block_order(body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);

    // The typed fields only take what the spec allows: the wrong type goes through `extra`.
    let at: Location = &["body", "connection_id"];
    let mut invalid = CreateNumberBlockOrderRequest {
        connection_id: None,
        ..body.clone()
    };
    invalid
        .extra
        .insert("connection_id".to_owned(), json!(346789098765567_u64));
    let result = cx.client.create_number_block_order(invalid).send().await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .create_number_block_order(body)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "CreateNumberBlockOrder",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_retrieve_number_block_order(cx: Cx) -> Exercised {
    let op = cx.op("RetrieveNumberBlockOrder");
    let result = cx
        .client
        .retrieve_number_block_order(BLOCK_ORDER_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let result = cx
        .client
        .retrieve_number_block_order(BLOCK_ORDER_ID)
        .extra_header("Prefer", "code=422")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 422);
    let result = cx
        .client
        .retrieve_number_block_order(BLOCK_ORDER_ID)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "RetrieveNumberBlockOrder",
        invalid: Err("no constrained input"),
        not_found: true,
        wire_form: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Advanced Number Orders
// ---------------------------------------------------------------------------------------------

fn advanced_order_body() -> AdvancedOrderRequest {
    AdvancedOrderRequest {
        area_code: s("970"),
        comments: s("Ten local numbers in Fort Collins"),
        country_code: s("US"),
        customer_reference: s("MY REF 001"),
        features: Some(vec![json!("sms"), json!("voice")]),
        phone_number_type: Some(AdvancedOrderRequestPhoneNumberType::Local),
        quantity: Some(10),
        requirement_group_id: s("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        ..Default::default()
    }
}

pub(super) async fn check_list_advanced_orders_v2(cx: Cx) -> Exercised {
    let op = cx.op("list_advanced_orders_v2");
    let result = cx.client.list_advanced_orders_v2().send().await;
    assert_json_success(&op, &cx.recorder, result);
    let result = cx
        .client
        .list_advanced_orders_v2()
        .extra_header("Prefer", "code=422")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 422);
    let result = cx
        .client
        .list_advanced_orders_v2()
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "list_advanced_orders_v2",
        invalid: Err("no constrained input"),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_create_advanced_order_v2(cx: Cx) -> Exercised {
    let op = cx.op("create_advanced_order_v2");
    let body = advanced_order_body();
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .create_advanced_order_v2(body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);

    let at: Location = &["body", "area_code"];
    let invalid = AdvancedOrderRequest {
        area_code: s("97055"),
        ..body.clone()
    };
    let result = cx.client.create_advanced_order_v2(invalid).send().await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .create_advanced_order_v2(body)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "create_advanced_order_v2",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_update_advanced_order_v2(cx: Cx) -> Exercised {
    let op = cx.op("update_advanced_order_v2");
    let body = advanced_order_body();
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .update_advanced_order_v2(ADVANCED_ORDER_ID, body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);

    let at: Location = &["path", "advanced-order-id"];
    let result = cx
        .client
        .update_advanced_order_v2(NOT_A_UUID, body.clone())
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .update_advanced_order_v2(ADVANCED_ORDER_ID, body)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "update_advanced_order_v2",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_get_advanced_order_v2(cx: Cx) -> Exercised {
    let op = cx.op("get_advanced_order_v2");
    let result = cx
        .client
        .get_advanced_order_v2(ADVANCED_ORDER_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let at: Location = &["path", "order_id"];
    let result = cx.client.get_advanced_order_v2(NOT_A_UUID).send().await;
    assert_invalid(&op, &cx.recorder, result, at);
    let result = cx
        .client
        .get_advanced_order_v2(ADVANCED_ORDER_ID)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "get_advanced_order_v2",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Inexplicit Number Orders
// ---------------------------------------------------------------------------------------------

pub(super) async fn check_list_inexplicit_number_orders(cx: Cx) -> Exercised {
    let op = cx.op("ListInexplicitNumberOrders");
    let result = cx
        .client
        .list_inexplicit_number_orders()
        .page_number(2)
        .page_size(25)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    // Both parameters are plain integers (form style): every one of them is on the wire.
    let sent: Vec<&str> = exchange.query().split('&').collect();
    let declared: Vec<&str> = op.params.keys().map(String::as_str).collect();
    assert_eq!(declared, ["page_number", "page_size"]);
    assert_eq!(sent, ["page_number=2", "page_size=25"], "{}: query", op.id);

    let at: Location = &["query", "page_size"];
    let result = cx
        .client
        .list_inexplicit_number_orders()
        .page_size(0)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .list_inexplicit_number_orders()
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "ListInexplicitNumberOrders",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

fn inexplicit_order_body() -> InexplicitNumberOrderRequest {
    InexplicitNumberOrderRequest {
        billing_group_id: s("abc85f64-5717-4562-b3fc-2c9600"),
        connection_id: s("346789098765567"),
        customer_reference: s("MY REF 001"),
        messaging_profile_id: s("abc85f64-5717-4562-b3fc-2c9600"),
        ..InexplicitNumberOrderRequest::new(vec![InexplicitNumberOrderRequestOrderingGroupsItem {
            administrative_area: s("CO"),
            exclude_held_numbers: Some(true),
            features: Some(vec!["voice".to_owned()]),
            locality: s("Fort Collins"),
            national_destination_code: s("970"),
            phone_number: Some(InexplicitNumberOrderRequestOrderingGroupsItemPhoneNumber {
                contains: s("555"),
                ends_with: s("98"),
                starts_with: s("970"),
                ..Default::default()
            }),
            quickship: Some(false),
            strategy: Some(InexplicitNumberOrderRequestOrderingGroupsItemStrategy::Never),
            ..InexplicitNumberOrderRequestOrderingGroupsItem::new(
                "2",
                InexplicitNumberOrderRequestOrderingGroupsItemCountryIso::Us,
                "local",
            )
        }])
    }
}

pub(super) async fn check_create_inexplicit_number_order(cx: Cx) -> Exercised {
    let op = cx.op("CreateInexplicitNumberOrder");
    let body = inexplicit_order_body();
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .create_inexplicit_number_order(body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);

    let at: Location = &["body", "ordering_groups", "0", "country_iso"];
    let mut invalid = body.clone();
    invalid.ordering_groups[0].country_iso =
        InexplicitNumberOrderRequestOrderingGroupsItemCountryIso::Unknown("MX".into());
    let result = cx
        .client
        .create_inexplicit_number_order(invalid)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .create_inexplicit_number_order(body)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "CreateInexplicitNumberOrder",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_retrieve_inexplicit_number_order(cx: Cx) -> Exercised {
    let op = cx.op("RetrieveInexplicitNumberOrder");
    let result = cx
        .client
        .retrieve_inexplicit_number_order(INEXPLICIT_ORDER_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let at: Location = &["path", "id"];
    let result = cx
        .client
        .retrieve_inexplicit_number_order(NOT_A_UUID)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);
    let result = cx
        .client
        .retrieve_inexplicit_number_order(INEXPLICIT_ORDER_ID)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "RetrieveInexplicitNumberOrder",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Requirement Groups
// ---------------------------------------------------------------------------------------------

const BAD_REQUIREMENT_GROUP_AT: Location = &["body", "requirement_group_id"];

pub(super) async fn check_update_number_order_phone_number_requirement_group(cx: Cx) -> Exercised {
    let op = cx.op("updateNumberOrderPhoneNumberRequirementGroup");
    let body = UpdateNumberOrderPhoneNumberRequirementGroupBody::new(REQUIREMENT_GROUP_ID);
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .update_number_order_phone_number_requirement_group(PHONE_NUMBER_ID, body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let invalid = UpdateNumberOrderPhoneNumberRequirementGroupBody::new(NOT_A_UUID);
    let result = cx
        .client
        .update_number_order_phone_number_requirement_group(PHONE_NUMBER_ID, invalid)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, BAD_REQUIREMENT_GROUP_AT);
    let result = cx
        .client
        .update_number_order_phone_number_requirement_group(PHONE_NUMBER_ID, body)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "updateNumberOrderPhoneNumberRequirementGroup",
        invalid: Ok(BAD_REQUIREMENT_GROUP_AT),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_update_sub_number_order_requirement_group(cx: Cx) -> Exercised {
    let op = cx.op("updateSubNumberOrderRequirementGroup");
    let body = UpdateSubNumberOrderRequirementGroupBody::new(REQUIREMENT_GROUP_ID);
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .update_sub_number_order_requirement_group(SUB_ORDER_ID, body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let invalid = UpdateSubNumberOrderRequirementGroupBody::new(NOT_A_UUID);
    let result = cx
        .client
        .update_sub_number_order_requirement_group(SUB_ORDER_ID, invalid)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, BAD_REQUIREMENT_GROUP_AT);
    let result = cx
        .client
        .update_sub_number_order_requirement_group(SUB_ORDER_ID, body)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "updateSubNumberOrderRequirementGroup",
        invalid: Ok(BAD_REQUIREMENT_GROUP_AT),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_get_requirement_groups(cx: Cx) -> Exercised {
    let op = cx.op("GetRequirementGroups");
    let filter = GetRequirementGroupsFilter {
        action: Some(GetRequirementGroupsFilterAction::Ordering),
        country_code: s("US"),
        customer_reference: s("My Requirement Group"),
        phone_number_type: Some(GetRequirementGroupsFilterPhoneNumberType::Local),
        status: Some(UserRequirementStatus::PendingApproval),
        ..Default::default()
    };
    cx.all_set(&op, "filter", op.param_schema("filter"), &filter);
    let result = cx
        .client
        .get_requirement_groups()
        .filter(filter)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    assert_deep_object_wire_form(
        &cx.spec,
        &op,
        &exchange,
        &[
            ("filter[action]", "ordering"),
            ("filter[country_code]", "US"),
            ("filter[customer_reference]", "My Requirement Group"),
            ("filter[phone_number_type]", "local"),
            ("filter[status]", "pending-approval"),
        ],
    );

    let at: Location = &["query", "filter", "status"];
    let filter = GetRequirementGroupsFilter {
        status: Some(UserRequirementStatus::Unknown("lost".into())),
        ..Default::default()
    };
    let result = cx
        .client
        .get_requirement_groups()
        .filter(filter)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);
    Exercised {
        id: "GetRequirementGroups",
        invalid: Ok(at),
        // The spec documents no 404 for it.
        not_found: false,
        wire_form: true,
    }
}

pub(super) async fn check_create_requirement_group(cx: Cx) -> Exercised {
    let op = cx.op("CreateRequirementGroup");
    let body = CreateRequirementGroupBody {
        customer_reference: s("My Requirement Group"),
        regulatory_requirements: Some(vec![CreateRequirementGroupBodyRegulatoryRequirementsItem {
            field_value: s(FIELD_VALUE_TEXT),
            requirement_id: s(REQUIREMENT_ID),
            ..Default::default()
        }]),
        ..CreateRequirementGroupBody::new(
            CreateRequirementGroupBodyAction::Ordering,
            "US",
            GetRequirementGroupsFilterPhoneNumberType::Local,
        )
    };
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .create_requirement_group(body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);

    let at: Location = &["body", "action"];
    let invalid = CreateRequirementGroupBody {
        action: CreateRequirementGroupBodyAction::Unknown("branded_calling".into()),
        ..body
    };
    let result = cx.client.create_requirement_group(invalid).send().await;
    assert_invalid(&op, &cx.recorder, result, at);
    Exercised {
        id: "CreateRequirementGroup",
        invalid: Ok(at),
        // The spec documents no 404 for it.
        not_found: false,
        wire_form: false,
    }
}

pub(super) async fn check_get_requirement_group(cx: Cx) -> Exercised {
    let op = cx.op("GetRequirementGroup");
    let result = cx
        .client
        .get_requirement_group(REQUIREMENT_GROUP_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let result = cx
        .client
        .get_requirement_group(REQUIREMENT_GROUP_ID)
        .extra_header("Prefer", "code=422")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 422);
    let result = cx
        .client
        .get_requirement_group(REQUIREMENT_GROUP_ID)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "GetRequirementGroup",
        invalid: Err("no constrained input"),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_delete_requirement_group(cx: Cx) -> Exercised {
    let op = cx.op("DeleteRequirementGroup");
    let result = cx
        .client
        .delete_requirement_group(REQUIREMENT_GROUP_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let result = cx
        .client
        .delete_requirement_group(REQUIREMENT_GROUP_ID)
        .extra_header("Prefer", "code=422")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 422);
    let result = cx
        .client
        .delete_requirement_group(REQUIREMENT_GROUP_ID)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "DeleteRequirementGroup",
        invalid: Err("no constrained input"),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_update_requirement_group(cx: Cx) -> Exercised {
    let op = cx.op("UpdateRequirementGroup");
    let body = UpdateRequirementGroupBody {
        customer_reference: s("0002"),
        regulatory_requirements: Some(vec![UpdateRequirementGroupBodyRegulatoryRequirementsItem {
            field_value: s(FIELD_VALUE_TEXT),
            requirement_id: s(REQUIREMENT_ID),
            ..Default::default()
        }]),
        ..Default::default()
    };
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .update_requirement_group(REQUIREMENT_GROUP_ID, body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);

    // Every property is a free-form string: the wrong type goes through `extra`.
    let at: Location = &["body", "customer_reference"];
    let mut invalid = UpdateRequirementGroupBody {
        customer_reference: None,
        ..body.clone()
    };
    invalid
        .extra
        .insert("customer_reference".to_owned(), json!(2));
    let result = cx
        .client
        .update_requirement_group(REQUIREMENT_GROUP_ID, invalid)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .update_requirement_group(REQUIREMENT_GROUP_ID, body)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "UpdateRequirementGroup",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_submit_requirement_group(cx: Cx) -> Exercised {
    let op = cx.op("SubmitRequirementGroup");
    let result = cx
        .client
        .submit_requirement_group(REQUIREMENT_GROUP_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let result = cx
        .client
        .submit_requirement_group(REQUIREMENT_GROUP_ID)
        .extra_header("Prefer", "code=422")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 422);
    let result = cx
        .client
        .submit_requirement_group(REQUIREMENT_GROUP_ID)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "SubmitRequirementGroup",
        invalid: Err("no constrained input"),
        not_found: true,
        wire_form: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Requirement Types
// ---------------------------------------------------------------------------------------------

pub(super) async fn check_list_requirement_types(cx: Cx) -> Exercised {
    let op = cx.op("ListRequirementTypes");
    let filter = FilterRequirementTypesConsolidated {
        name: Some(FilterRequirementTypesConsolidatedName {
            contains: s("utility bill"),
            ..Default::default()
        }),
        ..Default::default()
    };
    let sort = vec![
        SortRequirementTypesConsolidatedItem::Name,
        SortRequirementTypesConsolidatedItem::CreatedAt2,
    ];
    cx.all_set(&op, "filter", op.param_schema("filter"), &filter);
    cx.all_set(&op, "sort", op.param_schema("sort"), &sort);
    let result = cx
        .client
        .list_requirement_types()
        .filter(filter)
        .sort(sort)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    assert_deep_object_wire_form(
        &cx.spec,
        &op,
        &exchange,
        &[
            ("filter[name][contains]", "utility bill"),
            ("sort", "name"),
            ("sort", "-created_at"),
        ],
    );

    let at: Location = &["query", "sort", "0"];
    let sort = vec![SortRequirementTypesConsolidatedItem::Unknown(
        "popularity".into(),
    )];
    let result = cx.client.list_requirement_types().sort(sort).send().await;
    assert_invalid(&op, &cx.recorder, result, at);
    Exercised {
        id: "ListRequirementTypes",
        invalid: Ok(at),
        // The spec documents no 404 for it.
        not_found: false,
        wire_form: true,
    }
}

pub(super) async fn check_retrieve_requirement_type(cx: Cx) -> Exercised {
    let op = cx.op("RetrieveRequirementType");
    let result = cx
        .client
        .retrieve_requirement_type(REQUIREMENT_TYPE_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let at: Location = &["path", "id"];
    let result = cx.client.retrieve_requirement_type(NOT_A_UUID).send().await;
    assert_invalid(&op, &cx.recorder, result, at);
    Exercised {
        id: "RetrieveRequirementType",
        invalid: Ok(at),
        // The spec documents no 404 for it.
        not_found: false,
        wire_form: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Requirements
// ---------------------------------------------------------------------------------------------

pub(super) async fn check_list_requirements(cx: Cx) -> Exercised {
    let op = cx.op("ListRequirements");
    let filter = FilterRequirementsConsolidated {
        action: Some(FilterRequirementsConsolidatedAction::Porting),
        country_code: s("US"),
        phone_number_type: Some(DocReqsRequirementPhoneNumberType::Local),
        ..Default::default()
    };
    let sort = vec![
        SortRequirementsConsolidatedItem::CountryCode,
        SortRequirementsConsolidatedItem::CreatedAt2,
    ];
    let page: DocumentsPageConsolidated = page();
    cx.all_set(&op, "filter", op.param_schema("filter"), &filter);
    cx.all_set(&op, "sort", op.param_schema("sort"), &sort);
    cx.all_set(&op, "page", op.param_schema("page"), &page);
    let result = cx
        .client
        .list_requirements()
        .filter(filter)
        .sort(sort)
        .page(page)
        .version(2)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    assert_deep_object_wire_form(
        &cx.spec,
        &op,
        &exchange,
        &[
            ("filter[action]", "porting"),
            ("filter[country_code]", "US"),
            ("filter[phone_number_type]", "local"),
            ("sort", "country_code"),
            ("sort", "-created_at"),
            ("page[number]", "2"),
            ("page[size]", "25"),
            ("version", "2"),
        ],
    );

    let result = cx.client.list_requirements().page(bad_page()).send().await;
    assert_invalid(&op, &cx.recorder, result, BAD_PAGE_AT);
    Exercised {
        id: "ListRequirements",
        invalid: Ok(BAD_PAGE_AT),
        // The spec documents no 404 for it.
        not_found: false,
        wire_form: true,
    }
}

pub(super) async fn check_retrieve_document_requirements(cx: Cx) -> Exercised {
    let op = cx.op("RetrieveDocumentRequirements");
    let result = cx
        .client
        .retrieve_document_requirements(DOC_REQUIREMENT_ID)
        .version(2)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    // `version`, its one optional parameter, is a plain integer (form style).
    assert_eq!(exchange.query(), "version=2", "{}: query", op.id);

    let at: Location = &["path", "id"];
    let result = cx
        .client
        .retrieve_document_requirements(NOT_A_UUID)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);
    Exercised {
        id: "RetrieveDocumentRequirements",
        invalid: Ok(at),
        // The spec documents no 404 for it.
        not_found: false,
        wire_form: false,
    }
}

pub(super) async fn check_create_requirement_version(cx: Cx) -> Exercised {
    let op = cx.op("CreateRequirementVersion");
    let body = CreateRequirementVersionRequest::new(
        "2027-08-01T00:00:00.000Z",
        vec![REQUIREMENT_TYPE_ID.into()],
    );
    cx.all_body_set(&op, &body);
    let result = cx
        .client
        .create_requirement_version(DOC_REQUIREMENT_ID, body.clone())
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);

    let at: Location = &["body", "effective_start_at"];
    let invalid = CreateRequirementVersionRequest {
        effective_start_at: "next August".into(),
        ..body.clone()
    };
    let result = cx
        .client
        .create_requirement_version(DOC_REQUIREMENT_ID, invalid)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .create_requirement_version(DOC_REQUIREMENT_ID, body)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "CreateRequirementVersion",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

pub(super) async fn check_cancel_pending_requirement_version(cx: Cx) -> Exercised {
    let op = cx.op("CancelPendingRequirementVersion");
    let result = cx
        .client
        .cancel_pending_requirement_version(DOC_REQUIREMENT_ID)
        .send()
        .await;
    assert_json_success(&op, &cx.recorder, result);
    let at: Location = &["path", "id"];
    let result = cx
        .client
        .cancel_pending_requirement_version(NOT_A_UUID)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);
    let result = cx
        .client
        .cancel_pending_requirement_version(DOC_REQUIREMENT_ID)
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "CancelPendingRequirementVersion",
        invalid: Ok(at),
        not_found: true,
        wire_form: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Regulatory Requirements
// ---------------------------------------------------------------------------------------------

pub(super) async fn check_list_regulatory_requirements_phone_numbers(cx: Cx) -> Exercised {
    let op = cx.op("ListRegulatoryRequirementsPhoneNumbers");
    let filter = ListRegulatoryRequirementsPhoneNumbersFilter {
        phone_number: s("+41215470622,+41215470633"),
        ..Default::default()
    };
    cx.all_set(&op, "filter", op.param_schema("filter"), &filter);
    let result = cx
        .client
        .list_regulatory_requirements_phone_numbers()
        .filter(filter)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    assert_deep_object_wire_form(
        &cx.spec,
        &op,
        &exchange,
        &[("filter[phone_number]", "+41215470622,+41215470633")],
    );
    let result = cx
        .client
        .list_regulatory_requirements_phone_numbers()
        .extra_header("Prefer", "code=422")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 422);
    let result = cx
        .client
        .list_regulatory_requirements_phone_numbers()
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "ListRegulatoryRequirementsPhoneNumbers",
        invalid: Err("no constrained input"),
        not_found: true,
        wire_form: true,
    }
}

pub(super) async fn check_list_regulatory_requirements(cx: Cx) -> Exercised {
    let op = cx.op("ListRegulatoryRequirements");
    let filter = ListRegulatoryRequirementsFilter {
        action: Some(GetRequirementGroupsFilterAction::Ordering),
        country_code: s("DE"),
        phone_number: s("+41215470622"),
        phone_number_type: Some(GetRequirementGroupsFilterPhoneNumberType::Local),
        requirement_group_id: s("d4c0b4a6-7bd2-40c5-a3b9-2acd99e212b2"),
        ..Default::default()
    };
    cx.all_set(&op, "filter", op.param_schema("filter"), &filter);
    let result = cx
        .client
        .list_regulatory_requirements()
        .filter(filter)
        .send()
        .await;
    let exchange = assert_json_success(&op, &cx.recorder, result);
    assert_deep_object_wire_form(
        &cx.spec,
        &op,
        &exchange,
        &[
            ("filter[action]", "ordering"),
            ("filter[country_code]", "DE"),
            ("filter[phone_number]", "+41215470622"),
            ("filter[phone_number_type]", "local"),
            (
                "filter[requirement_group_id]",
                "d4c0b4a6-7bd2-40c5-a3b9-2acd99e212b2",
            ),
        ],
    );

    let at: Location = &["query", "filter", "action"];
    let filter = ListRegulatoryRequirementsFilter {
        action: Some(GetRequirementGroupsFilterAction::Unknown("selling".into())),
        ..Default::default()
    };
    let result = cx
        .client
        .list_regulatory_requirements()
        .filter(filter)
        .send()
        .await;
    assert_invalid(&op, &cx.recorder, result, at);

    let result = cx
        .client
        .list_regulatory_requirements()
        .extra_header("Prefer", "code=404")
        .send()
        .await;
    assert_forced(&op, &cx.recorder, result, 404);
    Exercised {
        id: "ListRegulatoryRequirements",
        invalid: Ok(at),
        not_found: true,
        wire_form: true,
    }
}

// ---------------------------------------------------------------------------------------------
// Dynamic mode
// ---------------------------------------------------------------------------------------------

/// One random call of a GET operation of this file against dynamic Prism (see
/// `super::dynamic_call`); `None` for an operation this file does not know.
pub(super) async fn dynamic_call(
    op: &SpecOp,
    recorder: &Recorder,
    client: &Client,
) -> Option<Exchange> {
    let exchange = match op.id.as_str() {
        "ListAvailablePhoneNumberBlocks" => {
            let result = client.list_available_phone_number_blocks().send().await;
            assert_json_success(op, recorder, result)
        }
        "ListAvailablePhoneNumbers" => {
            let result = client.list_available_phone_numbers().send().await;
            assert_json_success(op, recorder, result)
        }
        "ListNumberReservations" => {
            let result = client.list_number_reservations().send().await;
            assert_json_success(op, recorder, result)
        }
        "RetrieveNumberReservation" => {
            let result = client
                .retrieve_number_reservation(RESERVATION_ID)
                .send()
                .await;
            assert_json_success(op, recorder, result)
        }
        "ListNumberBlockOrders" => {
            let result = client.list_number_block_orders().send().await;
            assert_json_success(op, recorder, result)
        }
        "RetrieveNumberBlockOrder" => {
            let result = client
                .retrieve_number_block_order(BLOCK_ORDER_ID)
                .send()
                .await;
            assert_json_success(op, recorder, result)
        }
        "list_advanced_orders_v2" => {
            let result = client.list_advanced_orders_v2().send().await;
            assert_json_success(op, recorder, result)
        }
        "get_advanced_order_v2" => {
            let result = client.get_advanced_order_v2(ADVANCED_ORDER_ID).send().await;
            assert_json_success(op, recorder, result)
        }
        "ListInexplicitNumberOrders" => {
            let result = client.list_inexplicit_number_orders().send().await;
            assert_json_success(op, recorder, result)
        }
        "RetrieveInexplicitNumberOrder" => {
            let result = client
                .retrieve_inexplicit_number_order(INEXPLICIT_ORDER_ID)
                .send()
                .await;
            assert_json_success(op, recorder, result)
        }
        "GetRequirementGroups" => {
            let result = client.get_requirement_groups().send().await;
            assert_json_success(op, recorder, result)
        }
        "GetRequirementGroup" => {
            let result = client
                .get_requirement_group(REQUIREMENT_GROUP_ID)
                .send()
                .await;
            assert_json_success(op, recorder, result)
        }
        "ListRequirementTypes" => {
            let result = client.list_requirement_types().send().await;
            assert_json_success(op, recorder, result)
        }
        "RetrieveRequirementType" => {
            let result = client
                .retrieve_requirement_type(REQUIREMENT_TYPE_ID)
                .send()
                .await;
            assert_json_success(op, recorder, result)
        }
        "ListRequirements" => {
            let result = client.list_requirements().send().await;
            assert_json_success(op, recorder, result)
        }
        "RetrieveDocumentRequirements" => {
            let result = client
                .retrieve_document_requirements(DOC_REQUIREMENT_ID)
                .send()
                .await;
            assert_json_success(op, recorder, result)
        }
        "ListRegulatoryRequirementsPhoneNumbers" => {
            let result = client
                .list_regulatory_requirements_phone_numbers()
                .send()
                .await;
            assert_json_success(op, recorder, result)
        }
        "ListRegulatoryRequirements" => {
            let result = client.list_regulatory_requirements().send().await;
            assert_json_success(op, recorder, result)
        }
        _ => return None,
    };
    Some(exchange)
}

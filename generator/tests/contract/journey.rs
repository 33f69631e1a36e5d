//! The descriptions of the operations the ordering journey added to the original eighteen:
//! number search, reservations, block, advanced and inexplicit orders, requirement groups,
//! requirement types, requirements and regulatory requirements. Part of the table of
//! `contract/cases.rs`, which says how a description reads.

use serde_json::json;
use telnyx_orders::types::{
    AdvancedOrderRequest, AdvancedOrderRequestPhoneNumberType, CreateNumberBlockOrderRequest,
    CreateNumberReservationRequest, CreateRequirementGroupBody, CreateRequirementGroupBodyAction,
    CreateRequirementGroupBodyRegulatoryRequirementsItem, CreateRequirementVersionRequest,
    DocReqsRequirementPhoneNumberType, FilterRequirementTypesConsolidated,
    FilterRequirementTypesConsolidatedName, FilterRequirementsConsolidated,
    FilterRequirementsConsolidatedAction, GetRequirementGroupsFilter,
    GetRequirementGroupsFilterAction, GetRequirementGroupsFilterPhoneNumberType,
    InexplicitNumberOrderRequest, InexplicitNumberOrderRequestOrderingGroupsItem,
    InexplicitNumberOrderRequestOrderingGroupsItemCountryIso,
    InexplicitNumberOrderRequestOrderingGroupsItemPhoneNumber,
    InexplicitNumberOrderRequestOrderingGroupsItemStrategy, ListAvailablePhoneNumberBlocksFilter,
    ListAvailablePhoneNumbersFilter, ListAvailablePhoneNumbersFilterFeaturesItem,
    ListAvailablePhoneNumbersFilterPhoneNumber, ListNumberBlockOrdersFilter,
    ListNumberBlockOrdersFilterCreatedAt, ListNumberReservationsFilter,
    ListNumberReservationsFilterCreatedAt, ListRegulatoryRequirementsFilter,
    ListRegulatoryRequirementsPhoneNumbersFilter, ReservedPhoneNumber,
    SortRequirementTypesConsolidatedItem, SortRequirementsConsolidatedItem,
    UpdateNumberOrderPhoneNumberRequirementGroupBody, UpdateRequirementGroupBody,
    UpdateRequirementGroupBodyRegulatoryRequirementsItem, UpdateSubNumberOrderRequirementGroupBody,
    UserRequirementStatus,
};

use super::cases::{
    bad_page, page, s, BAD_PAGE_AT, FREE_FORM_ID, NOT_A_UUID, PHONE_NUMBER_ID, REQUIREMENT_ID,
    SUB_ORDER_ID,
};
use super::{Case, Location};

const ADVANCED_ORDER_ID: &str = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
const INEXPLICIT_ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const BLOCK_ORDER_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const RESERVATION_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const REQUIREMENT_GROUP_ID: &str = "a4b201f9-8646-4e54-a7d2-b2e403eeaf8c";
const REQUIREMENT_TYPE_ID: &str = "a38c217a-8019-48f8-bff6-0fdd9939075b";
const DOC_REQUIREMENT_ID: &str = "a9dad8d5-fdbd-49d7-aa23-39bb08a5ebaa";
/// A textual requirement's value (the example of the requirement-group update body).
const FIELD_VALUE_TEXT: &str = "new requirement value";

const BAD_REQUIREMENT_GROUP_AT: Location = &["body", "requirement_group_id"];

/// The journey's operations, described.
pub(super) fn cases() -> Vec<Case> {
    vec![
        // Phone Number Search
        Case::new(
            "ListAvailablePhoneNumberBlocks",
            call!(|c| c
                .list_available_phone_number_blocks()
                .filter(number_blocks_filter())),
        )
        .all_set("filter", number_blocks_filter())
        .bare(call!(|c| c.list_available_phone_number_blocks()))
        .wire(&[
            ("filter[country_code]", "US"),
            ("filter[locality]", "Fort Collins"),
            ("filter[national_destination_code]", "970"),
            ("filter[phone_number_type]", "local"),
        ])
        .invalid(
            &["query", "filter", "phone_number_type"],
            call!(|c| c.list_available_phone_number_blocks().filter(
                ListAvailablePhoneNumberBlocksFilter {
                    phone_number_type: Some(landline()),
                    ..Default::default()
                }
            )),
        ),
        Case::new(
            "ListAvailablePhoneNumbers",
            call!(|c| c
                .list_available_phone_numbers()
                .filter(phone_numbers_filter())),
        )
        .all_set("filter", phone_numbers_filter())
        .bare(call!(|c| c.list_available_phone_numbers()))
        .wire(&[
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
        ])
        .invalid(
            &["query", "filter", "phone_number_type"],
            call!(|c| c
                .list_available_phone_numbers()
                .filter(ListAvailablePhoneNumbersFilter {
                    phone_number_type: Some(landline()),
                    ..Default::default()
                })),
        ),
        // Phone Number Reservations
        Case::new(
            "ListNumberReservations",
            call!(|c| c
                .list_number_reservations()
                .page(page())
                .filter(reservations_filter())),
        )
        .all_set("page", page())
        .all_set("filter", reservations_filter())
        .bare(call!(|c| c.list_number_reservations()))
        .wire(&[
            ("page[number]", "2"),
            ("page[size]", "25"),
            ("filter[created_at][gt]", "2018-01-01T00:00:00.000000Z"),
            ("filter[created_at][lt]", "2018-02-01T00:00:00.000000Z"),
            ("filter[customer_reference]", "MY REF 001"),
            ("filter[phone_numbers.phone_number]", "+19705555098"),
            ("filter[status]", "success"),
        ])
        .invalid(
            BAD_PAGE_AT,
            call!(|c| c.list_number_reservations().page(bad_page())),
        ),
        Case::new(
            "CreateNumberReservation",
            call!(|c| c.create_number_reservation(reservation())),
        )
        .all_set("body", reservation())
        // Every writable property is a free-form string: the wrong type goes through the
        // extension point of the body, its `extra` properties.
        .invalid(
            &["body", "customer_reference"],
            call!(|c| {
                let mut body = CreateNumberReservationRequest {
                    customer_reference: None,
                    ..reservation()
                };
                body.extra
                    .insert("customer_reference".to_owned(), json!(42));
                c.create_number_reservation(body)
            }),
        ),
        Case::new(
            "RetrieveNumberReservation",
            call!(|c| c.retrieve_number_reservation(RESERVATION_ID)),
        )
        .forced_422(FREE_FORM_ID),
        Case::new(
            "ExtendNumberReservationExpiryTime",
            call!(|c| c.extend_number_reservation_expiry_time(RESERVATION_ID)),
        )
        .forced_422(FREE_FORM_ID),
        // Phone Number Block Orders
        Case::new(
            "ListNumberBlockOrders",
            call!(|c| c
                .list_number_block_orders()
                .page(page())
                .filter(block_orders_filter())),
        )
        .all_set("page", page())
        .all_set("filter", block_orders_filter())
        .bare(call!(|c| c.list_number_block_orders()))
        .wire(&[
            ("page[number]", "2"),
            ("page[size]", "25"),
            ("filter[created_at][gt]", "2018-01-01T00:00:00.000000Z"),
            ("filter[created_at][lt]", "2018-02-01T00:00:00.000000Z"),
            ("filter[phone_numbers.starting_number]", "+19705555000"),
            ("filter[status]", "pending"),
        ])
        .invalid(
            BAD_PAGE_AT,
            call!(|c| c.list_number_block_orders().page(bad_page())),
        ),
        Case::new(
            "CreateNumberBlockOrder",
            call!(|c| c.create_number_block_order(block_order())),
        )
        .all_set("body", block_order())
        // The typed fields only take what the spec allows: the wrong type goes through `extra`.
        .invalid(
            &["body", "connection_id"],
            call!(|c| {
                let mut body = CreateNumberBlockOrderRequest {
                    connection_id: None,
                    ..block_order()
                };
                body.extra
                    .insert("connection_id".to_owned(), json!(346789098765567_u64));
                c.create_number_block_order(body)
            }),
        ),
        Case::new(
            "RetrieveNumberBlockOrder",
            call!(|c| c.retrieve_number_block_order(BLOCK_ORDER_ID)),
        )
        .forced_422(FREE_FORM_ID),
        // Advanced Number Orders
        Case::new(
            "list_advanced_orders_v2",
            call!(|c| c.list_advanced_orders_v2()),
        )
        .forced_422("it has no input"),
        Case::new(
            "create_advanced_order_v2",
            call!(|c| c.create_advanced_order_v2(advanced_order())),
        )
        .all_set("body", advanced_order())
        .invalid(
            &["body", "area_code"],
            call!(|c| c.create_advanced_order_v2(AdvancedOrderRequest {
                area_code: s("97055"),
                ..advanced_order()
            })),
        ),
        Case::new(
            "update_advanced_order_v2",
            call!(|c| c.update_advanced_order_v2(ADVANCED_ORDER_ID, advanced_order())),
        )
        .all_set("body", advanced_order())
        .invalid(
            &["path", "advanced-order-id"],
            call!(|c| c.update_advanced_order_v2(NOT_A_UUID, advanced_order())),
        ),
        Case::new(
            "get_advanced_order_v2",
            call!(|c| c.get_advanced_order_v2(ADVANCED_ORDER_ID)),
        )
        .invalid(
            &["path", "order_id"],
            call!(|c| c.get_advanced_order_v2(NOT_A_UUID)),
        ),
        // Inexplicit Number Orders
        Case::new(
            "ListInexplicitNumberOrders",
            call!(|c| c
                .list_inexplicit_number_orders()
                .page_number(2)
                .page_size(25)),
        )
        .bare(call!(|c| c.list_inexplicit_number_orders()))
        // Both parameters are plain integers (form style): every one of them is on the wire.
        .extra(|_, op, exchange| {
            let sent: Vec<&str> = exchange.query().split('&').collect();
            let declared: Vec<&str> = op.params.keys().map(String::as_str).collect();
            assert_eq!(declared, ["page_number", "page_size"]);
            assert_eq!(sent, ["page_number=2", "page_size=25"], "{}: query", op.id);
        })
        .invalid(
            &["query", "page_size"],
            call!(|c| c.list_inexplicit_number_orders().page_size(0)),
        ),
        Case::new(
            "CreateInexplicitNumberOrder",
            call!(|c| c.create_inexplicit_number_order(inexplicit_order())),
        )
        .all_set("body", inexplicit_order())
        .invalid(
            &["body", "ordering_groups", "0", "country_iso"],
            call!(|c| {
                let mut body = inexplicit_order();
                body.ordering_groups[0].country_iso =
                    InexplicitNumberOrderRequestOrderingGroupsItemCountryIso::Unknown("MX".into());
                c.create_inexplicit_number_order(body)
            }),
        ),
        Case::new(
            "RetrieveInexplicitNumberOrder",
            call!(|c| c.retrieve_inexplicit_number_order(INEXPLICIT_ORDER_ID)),
        )
        .invalid(
            &["path", "id"],
            call!(|c| c.retrieve_inexplicit_number_order(NOT_A_UUID)),
        ),
        // Requirement Groups
        Case::new(
            "updateNumberOrderPhoneNumberRequirementGroup",
            call!(|c| c.update_number_order_phone_number_requirement_group(
                PHONE_NUMBER_ID,
                UpdateNumberOrderPhoneNumberRequirementGroupBody::new(REQUIREMENT_GROUP_ID)
            )),
        )
        .all_set(
            "body",
            UpdateNumberOrderPhoneNumberRequirementGroupBody::new(REQUIREMENT_GROUP_ID),
        )
        .invalid(
            BAD_REQUIREMENT_GROUP_AT,
            call!(|c| c.update_number_order_phone_number_requirement_group(
                PHONE_NUMBER_ID,
                UpdateNumberOrderPhoneNumberRequirementGroupBody::new(NOT_A_UUID)
            )),
        ),
        Case::new(
            "updateSubNumberOrderRequirementGroup",
            call!(|c| c.update_sub_number_order_requirement_group(
                SUB_ORDER_ID,
                UpdateSubNumberOrderRequirementGroupBody::new(REQUIREMENT_GROUP_ID)
            )),
        )
        .all_set(
            "body",
            UpdateSubNumberOrderRequirementGroupBody::new(REQUIREMENT_GROUP_ID),
        )
        .invalid(
            BAD_REQUIREMENT_GROUP_AT,
            call!(|c| c.update_sub_number_order_requirement_group(
                SUB_ORDER_ID,
                UpdateSubNumberOrderRequirementGroupBody::new(NOT_A_UUID)
            )),
        ),
        Case::new(
            "GetRequirementGroups",
            call!(|c| c
                .get_requirement_groups()
                .filter(requirement_groups_filter())),
        )
        .all_set("filter", requirement_groups_filter())
        .bare(call!(|c| c.get_requirement_groups()))
        .wire(&[
            ("filter[action]", "ordering"),
            ("filter[country_code]", "US"),
            ("filter[customer_reference]", "My Requirement Group"),
            ("filter[phone_number_type]", "local"),
            ("filter[status]", "pending-approval"),
        ])
        .invalid(
            &["query", "filter", "status"],
            call!(|c| c
                .get_requirement_groups()
                .filter(GetRequirementGroupsFilter {
                    status: Some(UserRequirementStatus::Unknown("lost".into())),
                    ..Default::default()
                })),
        )
        .no_404(),
        Case::new(
            "CreateRequirementGroup",
            call!(|c| c.create_requirement_group(new_requirement_group())),
        )
        .all_set("body", new_requirement_group())
        .invalid(
            &["body", "action"],
            call!(|c| c.create_requirement_group(CreateRequirementGroupBody {
                action: CreateRequirementGroupBodyAction::Unknown("branded_calling".into()),
                ..new_requirement_group()
            })),
        )
        .no_404(),
        Case::new(
            "GetRequirementGroup",
            call!(|c| c.get_requirement_group(REQUIREMENT_GROUP_ID)),
        )
        .forced_422(FREE_FORM_ID),
        Case::new(
            "DeleteRequirementGroup",
            call!(|c| c.delete_requirement_group(REQUIREMENT_GROUP_ID)),
        )
        .forced_422(FREE_FORM_ID),
        Case::new(
            "UpdateRequirementGroup",
            call!(|c| c.update_requirement_group(REQUIREMENT_GROUP_ID, requirement_group_update())),
        )
        .all_set("body", requirement_group_update())
        // Every property is a free-form string: the wrong type goes through `extra`.
        .invalid(
            &["body", "customer_reference"],
            call!(|c| {
                let mut body = UpdateRequirementGroupBody {
                    customer_reference: None,
                    ..requirement_group_update()
                };
                body.extra.insert("customer_reference".to_owned(), json!(2));
                c.update_requirement_group(REQUIREMENT_GROUP_ID, body)
            }),
        ),
        Case::new(
            "SubmitRequirementGroup",
            call!(|c| c.submit_requirement_group(REQUIREMENT_GROUP_ID)),
        )
        .forced_422(FREE_FORM_ID),
        // Requirement Types
        Case::new(
            "ListRequirementTypes",
            call!(|c| c
                .list_requirement_types()
                .filter(requirement_types_filter())
                .sort(requirement_types_sort())),
        )
        .all_set("filter", requirement_types_filter())
        .all_set("sort", requirement_types_sort())
        .bare(call!(|c| c.list_requirement_types()))
        .wire(&[
            ("filter[name][contains]", "utility bill"),
            ("sort", "name"),
            ("sort", "-created_at"),
        ])
        .invalid(
            &["query", "sort", "0"],
            call!(|c| c.list_requirement_types().sort(vec![
                SortRequirementTypesConsolidatedItem::Unknown("popularity".into())
            ])),
        )
        .no_404(),
        Case::new(
            "RetrieveRequirementType",
            call!(|c| c.retrieve_requirement_type(REQUIREMENT_TYPE_ID)),
        )
        .invalid(
            &["path", "id"],
            call!(|c| c.retrieve_requirement_type(NOT_A_UUID)),
        )
        .no_404(),
        // Requirements
        Case::new(
            "ListRequirements",
            call!(|c| c
                .list_requirements()
                .filter(requirements_filter())
                .sort(requirements_sort())
                .page(page())
                .version(2)),
        )
        .all_set("filter", requirements_filter())
        .all_set("sort", requirements_sort())
        .all_set("page", page())
        .bare(call!(|c| c.list_requirements()))
        .wire(&[
            ("filter[action]", "porting"),
            ("filter[country_code]", "US"),
            ("filter[phone_number_type]", "local"),
            ("sort", "country_code"),
            ("sort", "-created_at"),
            ("page[number]", "2"),
            ("page[size]", "25"),
            ("version", "2"),
        ])
        .invalid(
            BAD_PAGE_AT,
            call!(|c| c.list_requirements().page(bad_page())),
        )
        .no_404(),
        Case::new(
            "RetrieveDocumentRequirements",
            call!(|c| c
                .retrieve_document_requirements(DOC_REQUIREMENT_ID)
                .version(2)),
        )
        .bare(call!(
            |c| c.retrieve_document_requirements(DOC_REQUIREMENT_ID)
        ))
        // `version`, its one optional parameter, is a plain integer (form style).
        .extra(|_, op, exchange| {
            assert_eq!(exchange.query(), "version=2", "{}: query", op.id);
        })
        .invalid(
            &["path", "id"],
            call!(|c| c.retrieve_document_requirements(NOT_A_UUID)),
        )
        .no_404(),
        Case::new(
            "CreateRequirementVersion",
            call!(|c| c.create_requirement_version(DOC_REQUIREMENT_ID, requirement_version())),
        )
        .all_set("body", requirement_version())
        .invalid(
            &["body", "effective_start_at"],
            call!(|c| c.create_requirement_version(
                DOC_REQUIREMENT_ID,
                CreateRequirementVersionRequest {
                    effective_start_at: "next August".into(),
                    ..requirement_version()
                }
            )),
        ),
        Case::new(
            "CancelPendingRequirementVersion",
            call!(|c| c.cancel_pending_requirement_version(DOC_REQUIREMENT_ID)),
        )
        .invalid(
            &["path", "id"],
            call!(|c| c.cancel_pending_requirement_version(NOT_A_UUID)),
        ),
        // Regulatory Requirements
        Case::new(
            "ListRegulatoryRequirementsPhoneNumbers",
            call!(|c| c
                .list_regulatory_requirements_phone_numbers()
                .filter(regulatory_phone_numbers_filter())),
        )
        .all_set("filter", regulatory_phone_numbers_filter())
        .bare(call!(|c| c.list_regulatory_requirements_phone_numbers()))
        .wire(&[("filter[phone_number]", "+41215470622,+41215470633")])
        .forced_422("its one filter property, phone_number, is a free-form string"),
        Case::new(
            "ListRegulatoryRequirements",
            call!(|c| c
                .list_regulatory_requirements()
                .filter(regulatory_requirements_filter())),
        )
        .all_set("filter", regulatory_requirements_filter())
        .bare(call!(|c| c.list_regulatory_requirements()))
        .wire(&[
            ("filter[action]", "ordering"),
            ("filter[country_code]", "DE"),
            ("filter[phone_number]", "+41215470622"),
            ("filter[phone_number_type]", "local"),
            (
                "filter[requirement_group_id]",
                "d4c0b4a6-7bd2-40c5-a3b9-2acd99e212b2",
            ),
        ])
        .invalid(
            &["query", "filter", "action"],
            call!(|c| c
                .list_regulatory_requirements()
                .filter(ListRegulatoryRequirementsFilter {
                    action: Some(GetRequirementGroupsFilterAction::Unknown("selling".into())),
                    ..Default::default()
                })),
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/// A phone number type the spec does not list.
fn landline() -> GetRequirementGroupsFilterPhoneNumberType {
    GetRequirementGroupsFilterPhoneNumberType::Unknown("landline".into())
}

fn number_blocks_filter() -> ListAvailablePhoneNumberBlocksFilter {
    ListAvailablePhoneNumberBlocksFilter {
        country_code: s("US"),
        locality: s("Fort Collins"),
        national_destination_code: s("970"),
        phone_number_type: Some(GetRequirementGroupsFilterPhoneNumberType::Local),
        ..Default::default()
    }
}

fn phone_numbers_filter() -> ListAvailablePhoneNumbersFilter {
    ListAvailablePhoneNumbersFilter {
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
    }
}

fn reservations_filter() -> ListNumberReservationsFilter {
    ListNumberReservationsFilter {
        created_at: Some(ListNumberReservationsFilterCreatedAt {
            gt: s("2018-01-01T00:00:00.000000Z"),
            lt: s("2018-02-01T00:00:00.000000Z"),
            ..Default::default()
        }),
        customer_reference: s("MY REF 001"),
        phone_numbers_phone_number: s("+19705555098"),
        status: s("success"),
        ..Default::default()
    }
}

fn reservation() -> CreateNumberReservationRequest {
    CreateNumberReservationRequest {
        customer_reference: s("MY REF 001"),
        phone_numbers: Some(vec![ReservedPhoneNumber {
            phone_number: s("+19705555098"),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

fn block_orders_filter() -> ListNumberBlockOrdersFilter {
    ListNumberBlockOrdersFilter {
        created_at: Some(ListNumberBlockOrdersFilterCreatedAt {
            gt: s("2018-01-01T00:00:00.000000Z"),
            lt: s("2018-02-01T00:00:00.000000Z"),
            ..Default::default()
        }),
        phone_numbers_starting_number: s("+19705555000"),
        status: s("pending"),
        ..Default::default()
    }
}

fn block_order() -> CreateNumberBlockOrderRequest {
    CreateNumberBlockOrderRequest {
        connection_id: s("346789098765567"),
        customer_reference: s("MY REF 001"),
        messaging_profile_id: s("abc85f64-5717-4562-b3fc-2c9600"),
        ..CreateNumberBlockOrderRequest::new(10, "+19705555000")
    }
}

fn advanced_order() -> AdvancedOrderRequest {
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

fn inexplicit_order() -> InexplicitNumberOrderRequest {
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

fn requirement_groups_filter() -> GetRequirementGroupsFilter {
    GetRequirementGroupsFilter {
        action: Some(GetRequirementGroupsFilterAction::Ordering),
        country_code: s("US"),
        customer_reference: s("My Requirement Group"),
        phone_number_type: Some(GetRequirementGroupsFilterPhoneNumberType::Local),
        status: Some(UserRequirementStatus::PendingApproval),
        ..Default::default()
    }
}

fn new_requirement_group() -> CreateRequirementGroupBody {
    CreateRequirementGroupBody {
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
    }
}

fn requirement_group_update() -> UpdateRequirementGroupBody {
    UpdateRequirementGroupBody {
        customer_reference: s("0002"),
        regulatory_requirements: Some(vec![UpdateRequirementGroupBodyRegulatoryRequirementsItem {
            field_value: s(FIELD_VALUE_TEXT),
            requirement_id: s(REQUIREMENT_ID),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

fn requirement_types_filter() -> FilterRequirementTypesConsolidated {
    FilterRequirementTypesConsolidated {
        name: Some(FilterRequirementTypesConsolidatedName {
            contains: s("utility bill"),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn requirement_types_sort() -> Vec<SortRequirementTypesConsolidatedItem> {
    vec![
        SortRequirementTypesConsolidatedItem::Name,
        SortRequirementTypesConsolidatedItem::CreatedAt2,
    ]
}

fn requirements_filter() -> FilterRequirementsConsolidated {
    FilterRequirementsConsolidated {
        action: Some(FilterRequirementsConsolidatedAction::Porting),
        country_code: s("US"),
        phone_number_type: Some(DocReqsRequirementPhoneNumberType::Local),
        ..Default::default()
    }
}

fn requirements_sort() -> Vec<SortRequirementsConsolidatedItem> {
    vec![
        SortRequirementsConsolidatedItem::CountryCode,
        SortRequirementsConsolidatedItem::CreatedAt2,
    ]
}

fn requirement_version() -> CreateRequirementVersionRequest {
    CreateRequirementVersionRequest::new(
        "2027-08-01T00:00:00.000Z",
        vec![REQUIREMENT_TYPE_ID.into()],
    )
}

fn regulatory_phone_numbers_filter() -> ListRegulatoryRequirementsPhoneNumbersFilter {
    ListRegulatoryRequirementsPhoneNumbersFilter {
        phone_number: s("+41215470622,+41215470633"),
        ..Default::default()
    }
}

fn regulatory_requirements_filter() -> ListRegulatoryRequirementsFilter {
    ListRegulatoryRequirementsFilter {
        action: Some(GetRequirementGroupsFilterAction::Ordering),
        country_code: s("DE"),
        phone_number: s("+41215470622"),
        phone_number_type: Some(GetRequirementGroupsFilterPhoneNumberType::Local),
        requirement_group_id: s("d4c0b4a6-7bd2-40c5-a3b9-2acd99e212b2"),
        ..Default::default()
    }
}

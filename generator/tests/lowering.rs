//! Lowering of small fixture specs into the IR.

mod common;

use generator::ir::{
    Api, Method, ParamLocation, PathSegment, QueryStyle, ResponseBody, Status, TypeKind, TypeRef,
};

fn lower_fixture(name: &str) -> Api {
    let config = common::fixture_config(name);
    let source = generator::load::Source::new(
        config.spec_display.clone(),
        std::fs::read_to_string(&config.spec_path).unwrap(),
    );
    lower(&source)
}

/// Loads and lowers `source`.
fn lower(source: &generator::load::Source) -> Api {
    let threads = generator::Threads::available();
    let loaded = generator::load::load(source, &threads).unwrap();
    generator::lower::lower(&loaded, source, &threads).unwrap()
}

fn type_named<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
    &api.types
        .types
        .values()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
        .kind
}

#[test]
fn enum_values_that_are_not_identifiers_or_collide_get_distinct_names() {
    let api = lower_fixture("shapes.yaml");
    let TypeKind::Enum { variants, default } = type_named(&api, "Operator") else {
        panic!("Operator is an enum")
    };
    let names: Vec<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(
        names,
        ["Plus", "Minus", "Star", "Slash", "Percent", "Telnyx", "Telnyx2"]
    );
    assert_eq!(variants[6].wire_value, "Telnyx");
    assert_eq!(*default, Some(0));
}

#[test]
fn objects_keep_property_order_escape_keywords_and_mark_optionality() {
    let api = lower_fixture("shapes.yaml");
    let TypeKind::Struct {
        fields, default, ..
    } = type_named(&api, "Widget")
    else {
        panic!("Widget is a struct")
    };
    let names: Vec<String> = fields.iter().map(|f| f.rust_name.to_string()).collect();
    assert_eq!(
        names,
        ["id", "kind", "r#type", "self_", "labels", "nested", "tags", "note"]
    );
    assert!(!default, "required fields prevent Default");
    assert!(
        matches!(fields[0].ty, TypeRef::Primitive(_)),
        "required id is not optional"
    );
    assert!(matches!(&fields[4].ty, TypeRef::Option(inner) if matches!(**inner, TypeRef::Map(_))));
    let TypeRef::Option(tags) = &fields[6].ty else {
        panic!()
    };
    assert!(
        matches!(&**tags, TypeRef::List(item) if matches!(**item, TypeRef::Option(_))),
        "nullable items"
    );
}

#[test]
fn all_of_merges_properties_and_reuses_inline_types() {
    let api = lower_fixture("shapes.yaml");
    let TypeKind::Struct { fields, .. } = type_named(&api, "Extended") else {
        panic!("Extended is a struct")
    };
    let last = fields.last().unwrap();
    assert_eq!((last.rust_name.as_str(), last.required), ("extra", true));
    assert_eq!(fields.len(), 9);
    let widget_nested = api
        .types
        .types
        .values()
        .filter(|t| t.name.as_str().ends_with("Nested"))
        .count();
    assert_eq!(widget_nested, 1, "the inline `nested` object is one type");
    assert!(matches!(
        type_named(&api, "WidgetAlias"),
        TypeKind::Alias { .. }
    ));
}

#[test]
fn colliding_names_get_deterministic_suffixes() {
    let api = lower_fixture("shapes.yaml");
    let op = api
        .operations
        .iter()
        .find(|o| o.operation_id == "GetWidget")
        .unwrap();
    let Some(ResponseBody::Json(TypeRef::Named(id))) = op.success().map(|r| r.body.clone()) else {
        panic!()
    };
    assert_eq!(
        api.types.get(id).name,
        "GetWidgetResponse2",
        "the component keeps the plain name"
    );
}

#[test]
fn operations_are_sorted_and_named_from_ids_or_method_and_path() {
    let api = lower_fixture("shapes.yaml");
    let summary: Vec<(&str, Method, &str)> = api
        .operations
        .iter()
        .map(|o| (o.path.as_str(), o.method, o.method_name.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("/archive", Method::Get, "get_archive"),
            ("/pets/{pet_id}", Method::Get, "get_pet"),
            (
                "/styles/{label}/{matrix}/{ids}",
                Method::Get,
                "styled_params"
            ),
            ("/tokens", Method::Post, "create_token"),
            ("/uploads", Method::Post, "upload_file"),
            ("/widgets", Method::Get, "list_widgets"),
            ("/widgets", Method::Post, "create_widget"),
            ("/widgets/{widget_id}", Method::Get, "get_widget"),
            (
                "/widgets/{widget_id}/export",
                Method::Get,
                "get_widgets_widget_id_export"
            ),
            (
                "/widgets/{widget_id}/reservations",
                Method::Post,
                "reserve_widget"
            ),
            (
                "/workflows/{workflow_id}/runs",
                Method::Get,
                "list_workflow_runs"
            ),
        ]
    );
    assert_eq!(api.base_url, "https://example.test/v1");
}

#[test]
fn parameters_keep_location_style_and_template_order() {
    let api = lower_fixture("shapes.yaml");
    let op = api
        .operations
        .iter()
        .find(|o| o.operation_id == "GetWidget")
        .unwrap();
    let params: Vec<(&str, ParamLocation, bool)> = op
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("widget_id", ParamLocation::Path, true),
            ("filter", ParamLocation::Query, false),
            ("ids", ParamLocation::Query, false),
            ("X-Trace", ParamLocation::Header, false),
        ]
    );
    assert_eq!(op.params[1].style, QueryStyle::DeepObject);
    assert_eq!(op.params[2].style, QueryStyle::Form { explode: false });
    assert_eq!(
        op.path_segments,
        [
            PathSegment::Literal("/widgets/".into()),
            PathSegment::Param(0)
        ]
    );
    assert_eq!(
        op.responses
            .iter()
            .map(|r| r.status.clone())
            .collect::<Vec<_>>(),
        [Status::Code(200), Status::Code(404)]
    );
    let export = api
        .operations
        .iter()
        .find(|o| o.path.ends_with("/export"))
        .unwrap();
    assert_eq!(
        export.success().unwrap().body,
        ResponseBody::Bytes {
            media_type: "text/csv".into()
        }
    );
}

#[test]
fn curated_spec_lowers_the_whole_ordering_journey() {
    let config = common::curated_config();
    let source = generator::load::Source::new(
        config.spec_display.clone(),
        std::fs::read_to_string(&config.spec_path).unwrap(),
    );
    let api = lower(&source);
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
    assert_eq!(api.operations.len(), 50);
    let tags: Vec<&str> = api.modules.iter().map(|m| m.feature.as_str()).collect();
    assert_eq!(
        tags,
        [
            "advanced-number-orders",
            "inexplicit-number-orders",
            "phone-number-block-orders",
            "phone-number-orders",
            "phone-number-reservations",
            "phone-number-search",
            "regulatory-requirements",
            "requirement-groups",
            "requirement-types",
            "requirements",
        ]
    );
    // Every list operation that takes a page number walks its pages: an object `page`
    // (number orders, block orders, reservations, requirements) or flat `page_number`
    // (inexplicit orders). Lists that answer with `meta` but take no page number do not.
    let paginated: Vec<&str> = api
        .operations
        .iter()
        .filter(|o| o.pagination.is_some())
        .map(|o| o.operation_id.as_str())
        .collect();
    assert_eq!(
        paginated,
        [
            "ListInexplicitNumberOrders",
            "ListNumberBlockOrders",
            "ListNumberOrders",
            "ListNumberReservations",
            "ListRequirements",
        ]
    );
    // One scheme, `http` `bearer`, which every operation needs (the document's `security`).
    assert_eq!(api.security_schemes.len(), 1);
    assert_eq!(api.security_schemes[0].name, "bearerAuth");
    assert_eq!(
        api.security_schemes[0].kind,
        generator::ir::SecurityKind::Http {
            scheme: "bearer".into(),
            bearer_format: None
        }
    );
    assert!(api
        .operations
        .iter()
        .all(|op| op.security == [vec![(0, vec![])]]));
    assert_eq!(api.base_url, "https://api.telnyx.com/v2");
}

#[test]
fn list_operations_with_a_page_number_and_meta_are_paginated() {
    let api = lower_fixture("shapes.yaml");
    let list = api
        .operations
        .iter()
        .find(|o| o.operation_id == "list-widgets")
        .unwrap();
    let paging = list.pagination.as_ref().expect("list-widgets is paginated");
    assert_eq!(list.params[0].wire_name, "page[number]");
    let names = |path: &Option<generator::ir::FieldPath>| {
        path.as_ref().map(|p| {
            p.iter()
                .map(|(field, optional)| (field.to_string(), *optional))
                .collect::<Vec<_>>()
        })
    };
    match &paging.next {
        generator::ir::NextPage::Number {
            control,
            total_pages,
            page_number,
        } => {
            assert!(matches!(
                control,
                generator::ir::PageControl::Scalar { param: 0 }
            ));
            assert_eq!(
                names(total_pages),
                Some(vec![
                    ("meta".to_string(), false),
                    ("total_pages".to_string(), false)
                ])
            );
            assert_eq!(
                names(page_number).and_then(|p| p.last().cloned()),
                Some(("page_number".to_string(), true))
            );
        }
        other => panic!("list-widgets pages by number, not {other:?}"),
    }
    match &paging.items {
        generator::ir::ItemsAt::Field { path, .. } => assert_eq!(
            names(&Some(path.clone())),
            Some(vec![("data".to_string(), false)])
        ),
        other => panic!("list-widgets' items are a field, not {other:?}"),
    }
    for op in api
        .operations
        .iter()
        .filter(|o| o.operation_id != "list-widgets")
    {
        assert!(op.pagination.is_none(), "{} is not a list", op.operation_id);
    }
}

#[test]
fn multipart_bodies_are_a_warning_naming_their_parts() {
    let api = lower_fixture("shapes.yaml");
    let messages: Vec<String> = api.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["tests/fixtures/shapes.yaml:350:11: at /paths/~1uploads/post/requestBody/content/multipart~1form-data: multipart/form-data body: the method takes a `reqwest::multipart::Form` the caller builds (parts: file, purpose)"]
    );
    let upload = api
        .operations
        .iter()
        .find(|o| o.operation_id == "upload-file")
        .unwrap();
    assert_eq!(
        upload.body.as_ref().unwrap().encoding,
        generator::ir::BodyEncoding::Multipart
    );
    let parts: Vec<(&str, bool, generator::ir::PartKind)> = upload
        .body
        .as_ref()
        .unwrap()
        .parts
        .iter()
        .map(|p| (p.name.as_str(), p.required, p.kind))
        .collect();
    assert_eq!(
        parts,
        [
            ("file", true, generator::ir::PartKind::File),
            ("purpose", false, generator::ir::PartKind::Text)
        ]
    );
    let token = api
        .operations
        .iter()
        .find(|o| o.operation_id == "create-token")
        .unwrap();
    assert_eq!(
        token.body.as_ref().unwrap().encoding,
        generator::ir::BodyEncoding::Form
    );
}

fn lower_text(text: &str) -> Api {
    let source = generator::load::Source::new("inline.yaml", text);
    lower(&source)
}

/// A document whose operations are `(path, operationId, responses)`, every response JSON
/// unless its status is listed in `no_body` or `text`.
fn document(operations: &[(&str, &str, &[&str])], no_body: &[&str], text: &[&str]) -> String {
    let mut doc = String::from("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n");
    for (path, id, statuses) in operations {
        doc.push_str(&format!(
            "  {path}:\n    post:\n      operationId: {id}\n      responses:\n"
        ));
        for status in *statuses {
            doc.push_str(&format!(
                "        '{status}':\n          description: The {status}.\n"
            ));
            if text.contains(status) {
                doc.push_str("          content: {text/plain: {schema: {type: string}}}\n");
            } else if !no_body.contains(status) {
                doc.push_str("          content: {application/json: {schema: {type: object, properties: {reason: {type: string}}}}}\n");
            }
        }
    }
    doc
}

#[test]
fn error_enums_are_named_after_their_builder_and_never_take_a_builder_name() {
    let api = lower_text(&document(
        &[
            ("/a", "createFoo", &["201", "404", "409"]),
            ("/b", "createFooError", &["200", "400"]),
            ("/c", "deleteFoo", &["204", "404", "500"]),
            ("/d", "getBar", &["200", "default"]),
        ],
        &["204", "404"],
        &["500"],
    ));
    let enums: Vec<(&str, Option<&str>)> = api
        .operations
        .iter()
        .map(|o| {
            (
                o.builder_name.as_str(),
                o.error_enum.as_ref().map(|e| e.name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        enums,
        [
            // `CreateFooError` is a request builder: this enum takes the next free name.
            ("CreateFoo", Some("CreateFooError2")),
            ("CreateFooError", Some("CreateFooErrorError")),
            // Error responses without a JSON body (none, and text/plain) make no enum.
            ("DeleteFoo", None),
            ("GetBar", Some("GetBarError")),
        ]
    );
    // `createFoo`'s 404 has no body: a unit variant, still listed.
    let create = api.operations[0].error_enum.as_ref().unwrap();
    let names: Vec<&str> = create
        .variants
        .iter()
        .map(|v| v.rust_name.as_str())
        .collect();
    assert_eq!(names, ["NotFound", "Conflict"]);
    assert_eq!(
        api.operations[0].responses[create.variants[0].response].body,
        ResponseBody::Empty
    );
}

#[test]
fn error_variants_cover_every_non_success_status_in_response_order() {
    let statuses: &[&str] = &[
        "200", "202", "2XX", "302", "1XX", "3XX", "404", "4XX", "418", "5XX", "599", "503",
        "default",
    ];
    let api = lower_text(&document(&[("/x", "doIt", statuses)], &["418"], &["503"]));
    let op = &api.operations[0];
    let errors = op.error_enum.as_ref().expect("JSON error responses");
    let variants: Vec<(&str, &Status)> = errors
        .variants
        .iter()
        .map(|v| (v.rust_name.as_str(), &op.responses[v.response].status))
        .collect();
    assert_eq!(
        variants,
        [
            ("Informational", &Status::Range(1)),
            ("Status302", &Status::Code(302)),
            ("Redirection", &Status::Range(3)),
            ("NotFound", &Status::Code(404)),
            ("Status418", &Status::Code(418)),
            ("ClientError", &Status::Range(4)),
            ("ServiceUnavailable", &Status::Code(503)),
            ("Status599", &Status::Code(599)),
            ("ServerError", &Status::Range(5)),
            ("Default", &Status::Default),
        ]
    );
}

/// An inline object that merges (`allOf`) the component it sits in contains itself: it becomes
/// a recursive type (boxed), where lowering used to recurse until the stack overflowed (found
/// by the fuzzer).
#[test]
fn an_inline_all_of_of_its_own_component_is_a_recursive_type() {
    let api = lower_text(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        name: {type: string}\n        child:\n          allOf:\n          - $ref: '#/components/schemas/Node'\n          - type: object\n            properties:\n              depth: {type: integer}\n",
    );
    let (child_id, _) = api
        .types
        .types
        .iter()
        .find(|(_, def)| def.name == "NodeChild")
        .expect("the inline type is named NodeChild");
    let TypeKind::Struct { fields, .. } = type_named(&api, "NodeChild") else {
        panic!("NodeChild is a struct");
    };
    let names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(names, ["name", "child", "depth"]);
    let child = &fields[1];
    assert_eq!(
        child.ty,
        TypeRef::Option(Box::new(TypeRef::Named(*child_id))),
        "NodeChild.child is a NodeChild"
    );
    assert!(child.boxed, "the recursive field is boxed");
}

/// `allOf` merges can nest lowering deeper than the document itself: past a limit it is an
/// error at the place, not a stack overflow.
#[test]
fn schemas_nested_too_deep_through_merges_are_an_error() {
    let mut doc = String::from(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n",
    );
    for i in 0..200 {
        doc.push_str(&format!(
            "    C{i:03}:\n      type: object\n      properties:\n        next:\n          allOf:\n          - $ref: '#/components/schemas/C{:03}'\n          - type: object\n            properties: {{x: {{type: string}}}}\n",
            i + 1
        ));
    }
    doc.push_str("    C200:\n      type: object\n      properties: {end: {type: string}}\n");
    let source = generator::load::Source::new("inline.yaml", doc.as_str());
    let threads = generator::Threads::available();
    let loaded = generator::load::load(&source, &threads).unwrap();
    let error = generator::lower::lower(&loaded, &source, &threads).expect_err("too deep");
    assert!(
        error
            .message
            .contains("schemas nest more than 128 levels deep"),
        "{error}"
    );
    assert!(
        error.pointer.starts_with("/components/schemas/C"),
        "{error}"
    );
}

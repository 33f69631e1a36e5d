//! Schemas a document writes out more than once are read once (`generator::copies`), and that
//! changes nothing the user sees: the crate generated from a document whose copies are
//! identical (so they are collapsed) is byte for byte the crate generated from the same document
//! with each copy made distinct by an extension no stage reads (so each is lowered where it is).

mod common;

use serde_json::{json, Value};

/// The document, with every copy of a repeated schema marked `x-copy: n` (a different `n` each)
/// when `distinct`.
fn document(distinct: bool) -> String {
    let mut n = 0;
    let mut mark = |mut schema: Value| {
        n += 1;
        if distinct {
            schema["x-copy"] = json!(n);
        }
        schema
    };
    let status = |mark: &mut dyn FnMut(Value) -> Value| {
        mark(json!({
            "type": "string",
            "enum": ["active", "retired"],
            "description": "Where the item is in its life."
        }))
    };
    let mut item = |nullable: bool| {
        let status = status(&mut mark);
        let meta = mark(json!({
            "type": "object",
            "properties": {"created": {"type": "string", "format": "date-time"}}
        }));
        let mut schema = json!({
            "type": "object",
            "title": "Item",
            "description": "One item.",
            "required": ["id"],
            "properties": {
                "id": {"type": "string", "example": "it_1"},
                "status": status,
                "tags": {"type": "array", "items": {"type": "string"}},
                "meta": meta
            }
        });
        if nullable {
            schema["nullable"] = json!(true);
        }
        mark(schema)
    };
    let items: Vec<Value> = (0..9).map(|i| item(i == 4)).collect();
    let page = |items: Value, mark: &mut dyn FnMut(Value) -> Value| {
        mark(json!({
            "type": "object",
            "properties": {
                "data": {"type": "array", "items": items},
                "next": {"type": "string", "nullable": true}
            }
        }))
    };
    let mut items = items.into_iter();
    let mut next = || items.next().unwrap();
    let page_a = page(next(), &mut mark);
    let page_b = page(next(), &mut mark);
    let page_c = page(next(), &mut mark);
    let filter = status(&mut mark);
    // A `oneOf` of one branch is read as that branch, whose type has the branch's docs: a
    // copy of it must not take the first place's type as its own.
    let single = |mark: &mut dyn FnMut(Value) -> Value| {
        mark(json!({
            "description": "Exactly one shape.",
            "oneOf": [{
                "type": "object",
                "title": "Solo",
                "description": "The only shape.",
                "properties": {"n": {"type": "integer"}}
            }]
        }))
    };
    let (single_a, single_b) = (single(&mut mark), single(&mut mark));
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Copies", "version": "1"},
        "paths": {
            "/a": {"get": {
                "operationId": "listA",
                "parameters": [{"name": "status", "in": "query", "schema": filter}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": page_a}}}}
            }},
            "/c": {"get": {
                "operationId": "listC",
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": page_c}}}}
            }},
            "/b": {
                "get": {
                    "operationId": "listB",
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": page_b}}}}
                },
                "post": {
                    "operationId": "createB",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": next()}}},
                    "responses": {"201": {"description": "made", "content": {"application/json": {"schema": next()}}}}
                }
            }
        },
        "components": {"schemas": {
            // Names the items of the pages of `/a` and `/c` would get, taken: `/a`'s types
            // made with a suffixed name must not be replayed at `/b` (its nested types are
            // named after the suffixed name), and `/b`'s must not be replayed at `/c`.
            "ListAResponseDataItem": {
                "type": "object",
                "properties": {"taken": {"type": "boolean"}}
            },
            "ListCResponseDataItem": {
                "type": "object",
                "properties": {"taken": {"type": "boolean"}}
            },
            "Holder": {
                "type": "object",
                "properties": {
                    "maybe": next(),
                    "map": {"type": "object", "additionalProperties": next()},
                    "choice": {"oneOf": [next(), {"type": "integer"}]},
                    "one": single_a,
                    "another": single_b
                }
            }
        }},
        "x-webhooks": {
            "itemChanged": {"post": {
                "requestBody": {"content": {"application/json": {"schema": next()}}},
                "responses": {"200": {"description": "ok"}}
            }}
        }
    });
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn collapsing_copies_changes_nothing_in_the_output() {
    let collapsed = document(false);
    let distinct = document(true);

    // The copies are collapsed in one and not in the other.
    let moved = |text: &str| {
        let source = generator::load::Source::new("copies.json", text.to_owned());
        let loaded = generator::load::load(&source, &generator::Threads::available())
            .expect("the document loads");
        (1..=10)
            .filter(|n| loaded.origins.is_copy(&format!("copy {n}")))
            .count()
    };
    assert!(
        moved(&collapsed) >= 2,
        "the repeated schemas were not collapsed"
    );
    assert_eq!(moved(&distinct), 0);

    let a = common::generate_text(&collapsed).expect("generates");
    let b = common::generate_text(&distinct).expect("generates");
    let paths = |o: &generator::Output| o.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(&a), paths(&b));
    for (path, text) in &a.files {
        assert!(
            *text == b.files[path],
            "{path} differs between the collapsed and the distinct document"
        );
    }
    let warnings = |o: &generator::Output| {
        o.warnings
            .iter()
            .map(|w| (w.pointer.clone(), w.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(warnings(&a), warnings(&b));
    // Each place keeps a type of its own name, as when every copy is lowered where it is.
    let types: Vec<&str> = a.files["src/types/mod.rs"]
        .lines()
        .filter_map(|l| {
            l.strip_prefix("pub struct ")
                .or_else(|| l.strip_prefix("pub type "))
        })
        .filter_map(|l| l.split([' ', '<']).next())
        .collect();
    for name in [
        "ListAResponse",
        "ListBResponse",
        "ListAResponseDataItem2",
        "ListAResponseDataItem2Meta",
        "ListBResponseDataItem",
        "ListBResponseDataItemMeta",
        "ListCResponseDataItem2",
        "ListCResponseDataItem2Meta",
        "HolderMaybe",
        "HolderMaybeMeta",
    ] {
        assert!(types.contains(&name), "no type {name} in {types:?}");
    }
}

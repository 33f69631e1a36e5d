//! `$ref`s to any place in the document, not only to a component.
//!
//! A JSON pointer may name any node: a property of another schema
//! (`#/components/schemas/A/properties/b`), the items or a branch of one, a schema inside another
//! operation (`#/paths/~1x/get/responses/200/content/application~1json/schema`) or a response's
//! schema, a schema under `$defs`, a whole path item (`#/paths/~1other`, 3.0's path item
//! `$ref`). The stages after loading know one kind of reference: to a component by name
//! (`#/components/{kind}/{name}`, which keeps its name and type). Every other local reference
//! is replaced here by a copy of the node it names, as if the document had written it in
//! place; the copy is then read like any inline node (an inline schema is named from where it
//! appears, and types identical to the one at the target are merged later, see
//! [`crate::dedupe`]). Keywords beside the `$ref` (3.1 allows them: `summary`, `description`,
//! schema keywords) are laid over the copy.
//!
//! References to other files (`./common.yaml#/...`) are left for lowering, which reports them.
//! Example and default values are data, not references, and are left alone.

use crate::normalize::{Problem, ProblemKind};
use crate::pointer;
use serde_yaml::{Mapping, Value};

/// The kinds of component a `$ref` names by `#/components/{kind}/{name}`.
const COMPONENT_KINDS: [&str; 10] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
];

/// Keys whose values are data (examples, defaults, enumerations) or extensions: a `$ref` below
/// them is not a reference.
fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum" | "const") || key.starts_with("x-")
}

/// Replaces every local `$ref` that names something other than a component by a copy of what
/// it names. An error names the `$ref` that points to nothing, or a cycle of such references
/// (a node that contains a reference to itself needs a name: a component).
pub fn inline(doc: &mut Value) -> Result<(), Problem> {
    let mut found = false;
    visit(doc, &mut |_| found = true);
    if !found {
        return Ok(());
    }
    // Targets are read from the document as written, whatever this pass has replaced so far.
    let original = doc.clone();
    let mut ptr = String::new();
    let mut stack = Vec::new();
    expand(doc, &original, &mut ptr, &mut stack)
}

/// The target of a local reference that does not name a component.
fn deep_target(reference: &str) -> Option<&str> {
    let fragment = reference.strip_prefix('#')?;
    let segments: Vec<&str> = fragment.split('/').skip(1).collect();
    let names_component = segments.len() == 3
        && segments[0] == "components"
        && COMPONENT_KINDS.contains(&segments[1]);
    (!names_component).then_some(fragment)
}

/// Calls `f` with the `$ref` of every mapping that holds a deep local reference.
fn visit(value: &Value, f: &mut impl FnMut(&str)) {
    match value {
        Value::Mapping(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                if deep_target(reference).is_some() {
                    f(reference);
                }
            }
            for (key, child) in map {
                if !key.as_str().is_some_and(is_data) {
                    visit(child, f);
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|item| visit(item, f)),
        _ => {}
    }
}

/// Decodes a URI fragment's `%XX` escapes (a pointer in a `$ref` is a URI fragment).
fn percent_decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The node `target` (a pointer) names in `doc`.
fn lookup<'v>(doc: &'v Value, target: &str) -> Option<&'v Value> {
    let mut node = doc;
    for token in pointer::tokens(target) {
        node = match node {
            Value::Mapping(map) => map.get(token.as_str())?,
            Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Replaces the deep references at and below `value` (at `ptr`); `stack` holds the targets
/// being copied, to refuse a copy that would contain itself.
fn expand(
    value: &mut Value,
    doc: &Value,
    ptr: &mut String,
    stack: &mut Vec<String>,
) -> Result<(), Problem> {
    match value {
        Value::Mapping(map) => {
            let deep = match map.get("$ref") {
                Some(Value::String(reference)) => {
                    deep_target(reference).map(|target| (reference.clone(), percent_decode(target)))
                }
                _ => None,
            };
            if let Some((reference, target)) = deep {
                let error = |message: String| Problem {
                    pointer: pointer::join(ptr, "$ref"),
                    message,
                    kind: ProblemKind::Document,
                };
                if stack.contains(&target) {
                    return Err(error(format!(
                        "`$ref: {reference}` is part of a cycle of references that names no \
                         component ({} -> {target}): move the node into components to give it \
                         a name",
                        stack.join(" -> ")
                    )));
                }
                let Some(found) = lookup(doc, &target) else {
                    return Err(error(format!(
                        "`$ref: {reference}` points to nothing in this document"
                    )));
                };
                let mut copy = found.clone();
                if let Value::Mapping(copied) = &mut copy {
                    for (key, sibling) in map.iter() {
                        if key.as_str() != Some("$ref") {
                            copied.insert(key.clone(), sibling.clone());
                        }
                    }
                }
                stack.push(target);
                let result = expand(&mut copy, doc, ptr, stack);
                stack.pop();
                if let Err(mut problem) = result {
                    // Inside a copy, pointers name no node of the user's document: report the
                    // reference the user wrote, where the first copy started.
                    if stack.is_empty() {
                        problem.pointer = pointer::join(ptr, "$ref");
                    }
                    return Err(problem);
                }
                *value = copy;
                return Ok(());
            }
            expand_children(map, doc, ptr, stack)
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = ptr.len();
                ptr.push_str(&format!("/{i}"));
                let result = expand(item, doc, ptr, stack);
                ptr.truncate(len);
                result?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn expand_children(
    map: &mut Mapping,
    doc: &Value,
    ptr: &mut String,
    stack: &mut Vec<String>,
) -> Result<(), Problem> {
    for (key, child) in map.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        if is_data(key) {
            continue;
        }
        let len = ptr.len();
        pointer::push(ptr, key);
        let result = expand(child, doc, ptr, stack);
        ptr.truncate(len);
        result?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn deep_references_become_copies_and_component_references_stay() {
        let mut doc = yaml(
            "paths:
  /x:
    get:
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A/properties/b', description: here}
  /y: {$ref: '#/paths/~1x'}
  /z:
    get:
      parameters:
      - $ref: '#/components/parameters/P'
      - {name: q, in: query, schema: {$ref: '#/components/parameters/P/schema'}}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
              example: {$ref: '#/not/a/reference'}
components:
  parameters:
    P: {name: p, in: query, schema: {type: integer}}
  schemas:
    A:
      properties:
        b: {type: object, properties: {c: {$ref: '#/components/schemas/A/%24defs/D'}}}
      $defs:
        D: {type: string}
",
        );
        inline(&mut doc).unwrap();
        let schema = lookup(
            &doc,
            "/paths/~1x/get/responses/200/content/application~1json/schema",
        )
        .unwrap();
        assert_eq!(
            schema,
            &yaml("{type: object, properties: {c: {type: string}}, description: here}")
        );
        assert_eq!(lookup(&doc, "/paths/~1y"), lookup(&doc, "/paths/~1x"));
        let z = lookup(&doc, "/paths/~1z/get").unwrap();
        assert_eq!(
            lookup(z, "/parameters/0"),
            Some(&yaml("{$ref: '#/components/parameters/P'}"))
        );
        assert_eq!(
            lookup(z, "/parameters/1/schema"),
            Some(&yaml("{type: integer}"))
        );
        assert_eq!(
            lookup(z, "/responses/200/content/application~1json"),
            Some(&yaml(
                "{schema: {$ref: '#/components/schemas/A'}, example: {$ref: '#/not/a/reference'}}"
            ))
        );
    }

    #[test]
    fn a_reference_to_nothing_or_to_itself_is_a_located_problem() {
        let mut doc = yaml("paths:\n  /a: {$ref: '#/paths/~1b'}\n");
        let problem = inline(&mut doc).unwrap_err();
        assert_eq!(problem.pointer, "/paths/~1a/$ref");
        assert_eq!(
            problem.message,
            "`$ref: #/paths/~1b` points to nothing in this document"
        );
        let mut doc = yaml(
            "components:\n  schemas:\n    A:\n      properties:\n        b: {properties: {c: {$ref: '#/components/schemas/A/properties/b'}}}\n",
        );
        let problem = inline(&mut doc).unwrap_err();
        assert_eq!(
            problem.pointer,
            "/components/schemas/A/properties/b/properties/c/$ref"
        );
        assert!(
            problem.message.contains(
                "cycle of references that names no component (/components/schemas/A/properties/b -> /components/schemas/A/properties/b)"
            ),
            "{}",
            problem.message
        );
    }
}

//! Modules and cargo features, decided in lowering: one module of `crate::operations` and one
//! feature per operation tag, plus `components` for the schemas no operation uses (webhook
//! payloads and the like). Every feature is on by default; a user who needs one tag turns the
//! defaults off and compiles only that tag's operations and the types they use.
//!
//! A type is compiled when any feature that reaches it is on: reached from an operation of a
//! tag (through parameters, bodies and responses, then fields, alternatives and items), or from
//! a component schema that no operation reaches (feature `components`).

use crate::ir::{Api, Module, Operation, ResponseBody, TypeId, TypeRef, TypeSpace};
use crate::names::{reserved, sanitize, Case, Ident};
use std::collections::{BTreeMap, BTreeSet};

/// The tag of operations that have none.
const UNTAGGED: &str = "untagged";

/// The module of a tag: its snake-case name, with `_tag` appended where it would be a keyword
/// (raw, or with the `_` that `self` and the like get), a feature cargo or this crate already
/// defines (`default`, `components`), or the name of the module that holds it (`operations`).
fn module_name(tag: &str) -> Ident {
    let name = sanitize(tag, Case::Snake);
    let text = name.as_str().trim_end_matches('_');
    if name.is_raw()
        || text != name.as_str()
        || reserved::FEATURES.contains(&text)
        || text == reserved::OPERATIONS_MODULE
    {
        Ident::new(format!("{text}_tag"))
    } else {
        name
    }
}

/// Assigns each operation its module (by its first tag; tags whose names differ only in case
/// or punctuation share one), sorted by name.
pub fn modules(operations: &mut [Operation]) -> Vec<Module> {
    let mut by_name: BTreeMap<Ident, BTreeSet<String>> = BTreeMap::new();
    // Many operations share a tag: each tag is named once.
    let mut of_tag: BTreeMap<&str, Ident> = BTreeMap::new();
    let names: Vec<Ident> = operations
        .iter()
        .map(|op| {
            let tag = op.tags.first().map(String::as_str).unwrap_or(UNTAGGED);
            let name = of_tag
                .entry(tag)
                .or_insert_with(|| module_name(tag))
                .clone();
            by_name
                .entry(name.clone())
                .or_default()
                .insert(tag.to_string());
            name
        })
        .collect();
    let modules: Vec<Module> = by_name
        .into_iter()
        .map(|(name, tags)| Module {
            feature: name.as_str().replace('_', "-"),
            name,
            tags: tags.into_iter().collect(),
        })
        .collect();
    for (op, name) in operations.iter_mut().zip(names) {
        op.module = modules
            .iter()
            .position(|m| m.name == name)
            .expect("every operation's module was collected above");
    }
    modules
}

fn op_roots(op: &Operation) -> Vec<TypeRef> {
    let mut roots: Vec<TypeRef> = op.params.iter().map(|p| p.ty.clone()).collect();
    if let Some(body) = &op.body {
        roots.push(body.ty.clone());
    }
    for response in &op.responses {
        if let ResponseBody::Json(ty) = &response.body {
            roots.push(ty.clone());
        }
    }
    roots
}

/// Adds `feature` to every type reachable from `roots`.
fn spread(
    types: &TypeSpace,
    roots: Vec<TypeRef>,
    feature: &str,
    out: &mut BTreeMap<TypeId, BTreeSet<String>>,
) {
    for id in types.reachable(roots) {
        out.entry(id).or_default().insert(feature.to_string());
    }
}

/// Sets the features of every type: those of the modules whose operations reach it, `webhooks`
/// for the events of webhooks, or `components` for a type nothing reaches.
pub fn assign(api: &mut Api) {
    let mut roots: BTreeMap<usize, Vec<TypeRef>> = BTreeMap::new();
    for op in &api.operations {
        roots.entry(op.module).or_default().extend(op_roots(op));
    }
    let mut features = BTreeMap::new();
    for (module, roots) in roots {
        spread(
            &api.types,
            roots,
            &api.modules[module].feature,
            &mut features,
        );
    }
    let events: Vec<TypeRef> = api.webhooks.iter().map(|w| w.event.clone()).collect();
    spread(
        &api.types,
        events,
        reserved::WEBHOOKS_FEATURE,
        &mut features,
    );
    let unreached: Vec<TypeRef> = api
        .types
        .types
        .keys()
        .filter(|id| !features.contains_key(*id))
        .map(|id| TypeRef::Named(*id))
        .collect();
    spread(
        &api.types,
        unreached,
        reserved::COMPONENTS_FEATURE,
        &mut features,
    );
    for (id, def) in &mut api.types.types {
        def.features = features.remove(id).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::module_name;

    #[test]
    fn module_names_avoid_keywords_and_reserved_features() {
        let name = |tag: &str| module_name(tag).to_string();
        assert_eq!(name("Phone Number Orders"), "phone_number_orders");
        assert_eq!(name("type"), "type_tag");
        assert_eq!(name("self"), "self_tag");
        assert_eq!(name("Default"), "default_tag");
        assert_eq!(name("components"), "components_tag");
        assert_eq!(name("operations"), "operations_tag");
        assert_eq!(name("Option"), "option");
    }
}

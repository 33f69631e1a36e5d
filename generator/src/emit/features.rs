//! Cargo features: one per operation tag, plus `components` for the schemas no operation
//! uses (webhook payloads and the like). Every feature is on by default; a user who needs one
//! tag turns the defaults off and compiles only that tag's operations and the types they use.
//!
//! A type is compiled when any feature that reaches it is on: reached from an operation of a
//! tag (through parameters, bodies and responses, then fields, alternatives and items), or from
//! a component schema that no operation reaches (feature `components`).

use crate::ir::{Api, Operation, TypeId, TypeRef};
use crate::names::{sanitize, Case};
use std::collections::{BTreeMap, BTreeSet};

/// The feature of component schemas that no operation uses.
pub const COMPONENTS: &str = "components";

/// Feature and module names, and which features compile each type.
pub struct Features {
    /// Per tag module: (module name, feature name), by the module name.
    pub modules: BTreeMap<String, String>,
    /// The module (and so the feature) of each operation, by index into `api.operations`.
    pub module_of_op: Vec<String>,
    /// The features that reach each type.
    pub type_features: BTreeMap<TypeId, BTreeSet<String>>,
}

impl Features {
    /// Every feature, sorted.
    pub fn all(&self) -> BTreeSet<String> {
        let mut all: BTreeSet<String> = self.modules.values().cloned().collect();
        all.insert(COMPONENTS.to_string());
        all
    }

    /// The `#[cfg]` condition for a type: `feature = "a"` or `any(feature = "a", ...)`.
    pub fn cfg_of(&self, id: TypeId) -> Option<String> {
        let features = self.type_features.get(&id)?;
        let list: Vec<String> = features
            .iter()
            .map(|f| format!("feature = {f:?}"))
            .collect();
        Some(match list.as_slice() {
            [one] => one.clone(),
            _ => format!("any({})", list.join(", ")),
        })
    }
}

/// The module name of a tag: snake case, `_tag` appended where it would be a keyword.
fn module_name(tag: &str) -> String {
    let name = sanitize(tag, Case::Snake);
    match name.strip_prefix("r#") {
        Some(raw) => format!("{raw}_tag"),
        None => {
            name.trim_end_matches('_').to_string() + if name.ends_with('_') { "_tag" } else { "" }
        }
    }
}

fn op_roots(op: &Operation) -> Vec<TypeRef> {
    let mut roots: Vec<TypeRef> = op.params.iter().map(|p| p.ty.clone()).collect();
    if let Some(body) = &op.body {
        roots.push(body.ty.clone());
    }
    for response in &op.responses {
        if let crate::ir::ResponseBody::Json(ty) = &response.body {
            roots.push(ty.clone());
        }
    }
    roots
}

/// Adds `feature` to every type reachable from `roots`.
fn spread(
    api: &Api,
    roots: Vec<TypeRef>,
    feature: &str,
    out: &mut BTreeMap<TypeId, BTreeSet<String>>,
) {
    for id in api.types.reachable(roots) {
        out.entry(id).or_default().insert(feature.to_string());
    }
}

pub fn features(api: &Api) -> Features {
    let mut modules = BTreeMap::new();
    let mut module_of_op = Vec::new();
    for op in &api.operations {
        let tag = op.tags.first().map(String::as_str).unwrap_or("untagged");
        let mut module = module_name(tag);
        if module == COMPONENTS {
            module.push_str("_ops");
        }
        modules
            .entry(module.clone())
            .or_insert_with(|| module.replace('_', "-"));
        module_of_op.push(module);
    }
    let mut roots: BTreeMap<&str, Vec<TypeRef>> = BTreeMap::new();
    for (op, module) in api.operations.iter().zip(&module_of_op) {
        roots.entry(module).or_default().extend(op_roots(op));
    }
    let mut type_features = BTreeMap::new();
    for (module, roots) in roots {
        spread(api, roots, &modules[module], &mut type_features);
    }
    let unreached: Vec<TypeRef> = api
        .types
        .types
        .keys()
        .filter(|id| !type_features.contains_key(*id))
        .map(|id| TypeRef::Named(*id))
        .collect();
    spread(api, unreached, COMPONENTS, &mut type_features);
    Features {
        modules,
        module_of_op,
        type_features,
    }
}

//! Recursive types: a struct or union that contains itself by value (directly or through other
//! types, not through a `Vec` or map) would have infinite size, so the fields and alternatives
//! on such cycles are stored behind a `Box`.

use crate::ir::{TypeId, TypeKind, TypeRef, TypeSpace};
use std::collections::BTreeMap;

/// The named type a value of `ty` holds inline (through `Option`), if any.
fn inline_target(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        TypeRef::Option(inner) => inline_target(inner),
        _ => None,
    }
}

/// The types each type holds inline.
fn edges(types: &TypeSpace) -> BTreeMap<TypeId, Vec<TypeId>> {
    types
        .types
        .iter()
        .map(|(id, def)| {
            let targets = def
                .kind
                .members()
                .iter()
                .filter_map(inline_target)
                .collect();
            (*id, targets)
        })
        .collect()
}

/// Strongly connected components (Tarjan, iterative): the component index of every type.
fn components(graph: &BTreeMap<TypeId, Vec<TypeId>>) -> BTreeMap<TypeId, usize> {
    let mut index: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut low: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut on_stack: BTreeMap<TypeId, bool> = BTreeMap::new();
    let mut stack: Vec<TypeId> = Vec::new();
    let mut component: BTreeMap<TypeId, usize> = BTreeMap::new();
    let mut next = 0;
    let mut count = 0;
    for &root in graph.keys() {
        if index.contains_key(&root) {
            continue;
        }
        // (node, position of the next edge to visit)
        let mut work: Vec<(TypeId, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && !index.contains_key(&node) {
                index.insert(node, next);
                low.insert(node, next);
                next += 1;
                stack.push(node);
                on_stack.insert(node, true);
            }
            let targets = graph.get(&node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&target) = targets.get(*edge) {
                *edge += 1;
                if !index.contains_key(&target) {
                    work.push((target, 0));
                } else if on_stack.get(&target).copied().unwrap_or(false) {
                    let l = low[&node].min(index[&target]);
                    low.insert(node, l);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                let l = low[&parent].min(low[&node]);
                low.insert(parent, l);
            }
            if low[&node] == index[&node] {
                while let Some(member) = stack.pop() {
                    on_stack.insert(member, false);
                    component.insert(member, count);
                    if member == node {
                        break;
                    }
                }
                count += 1;
            }
        }
    }
    component
}

/// Marks as boxed every field and alternative whose inline target is in the same strongly
/// connected component as its owner (a self-reference included).
pub fn box_cycles(types: &mut TypeSpace) {
    let graph = edges(types);
    let component = components(&graph);
    let same = |a: TypeId, b: TypeId| component.get(&a) == component.get(&b);
    for (id, def) in types.types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for f in fields {
                    f.boxed = inline_target(&f.ty).is_some_and(|t| same(*id, t));
                }
            }
            TypeKind::Union { variants, .. } => {
                for v in variants {
                    v.boxed = inline_target(&v.ty).is_some_and(|t| same(*id, t));
                }
            }
            _ => {}
        }
    }
}

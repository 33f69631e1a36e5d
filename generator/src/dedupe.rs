//! Structurally identical types become one: large documents repeat the same shapes under
//! different names (the same inline `meta` object in a hundred list responses, the same
//! `record_type` enum in every webhook). Each group of identical structs, enums and unions keeps
//! one type (a component schema if there is one, else the shortest name); the others become
//! `type` aliases of it, with their own docs. Names, and therefore user code, do not change;
//! the generated crate gets smaller and compiles faster.
//!
//! Identical means: the same kind, the same fields (wire and Rust names, requiredness, boxing,
//! docs, examples) or variants, in the same order, referring to identical types. The type's own
//! name, origin and docs do not count. Newtypes (distinct named wrappers) and existing aliases
//! keep their identity.
//!
//! This is Moore's partition refinement: types start grouped by their shape with references
//! blanked out, and groups split until every member refers to the same groups in the same
//! places.

use crate::ir::{TypeDef, TypeId, TypeKind, TypeSpace};
use std::collections::HashMap;

/// Turns every type that is identical to an earlier one into an alias of it.
pub fn merge_identical(types: &mut TypeSpace, threads: &crate::Threads) {
    // The shape of each mergeable type with references blanked out, and its references in
    // order; the types are fingerprinted in two halves side by side.
    let mut mergeable: Vec<(&TypeId, &mut TypeDef)> = types
        .types
        .iter_mut()
        .filter(|(_, def)| !matches!(def.kind, TypeKind::Newtype { .. } | TypeKind::Alias { .. }))
        .collect();
    let middle = mergeable.len() / 2;
    let (head, tail) = mergeable.split_at_mut(middle);
    let (head, tail) = threads.join(|| fingerprint_all(head), || fingerprint_all(tail));
    // From here on, types are numbered by their position in id order.
    let ids: Vec<TypeId> = types.types.keys().copied().collect();
    let position: HashMap<TypeId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut shapes: Vec<Option<(Fingerprint, Vec<usize>)>> = vec![None; ids.len()];
    for (id, (fingerprint, refs)) in head.into_iter().chain(tail) {
        let refs = refs.iter().map(|r| position[r]).collect();
        shapes[position[&id]] = Some((fingerprint, refs));
    }
    // Initial groups by blanked shape; types that are never merged are groups of their own.
    // Groups are numbered in type order, whatever the maps' order.
    let mut by_shape: HashMap<Fingerprint, usize> = HashMap::new();
    let mut count = 0;
    let fresh = |count: &mut usize| {
        *count += 1;
        *count - 1
    };
    let mut group: Vec<usize> = shapes
        .iter()
        .map(|shape| match shape {
            Some((shape, _)) => *by_shape.entry(*shape).or_insert_with(|| fresh(&mut count)),
            None => fresh(&mut count),
        })
        .collect();
    // Refine: split groups whose members refer to different groups, until nothing splits.
    loop {
        let mut keys: HashMap<(usize, Vec<usize>), usize> = HashMap::with_capacity(count);
        let next: Vec<usize> = shapes
            .iter()
            .zip(&group)
            .map(|(shape, g)| {
                let refs = shape
                    .as_ref()
                    .map(|(_, refs)| refs.iter().map(|r| group[*r]).collect())
                    .unwrap_or_default();
                let len = keys.len();
                *keys.entry((*g, refs)).or_insert(len)
            })
            .collect();
        let stable = keys.len() == count;
        count = keys.len();
        group = next;
        if stable {
            break;
        }
    }
    // One type of each group stays: a component schema rather than an inline type, then the
    // shortest name, then the first. The others alias it.
    let rank = |id: TypeId| {
        let def = types.get(id);
        let inline = def
            .origin
            .strip_prefix("/components/schemas/")
            .is_none_or(|rest| rest.contains('/'));
        (inline, def.name.as_str().len(), id)
    };
    let mut kept: Vec<Option<TypeId>> = vec![None; count];
    for (i, g) in group.iter().enumerate() {
        if shapes[i].is_none() {
            continue;
        }
        let id = ids[i];
        match &mut kept[*g] {
            Some(k) if rank(id) >= rank(*k) => {}
            k => *k = Some(id),
        }
    }
    for (i, (id, def)) in types.types.iter_mut().enumerate() {
        let Some(canonical) = kept[group[i]] else {
            continue;
        };
        if canonical != *id {
            def.kind = TypeKind::Alias { target: canonical };
        }
    }
}

/// The blanked shape and the references of each of `defs` (see [`merge_identical`]).
fn fingerprint_all(
    defs: &mut [(&TypeId, &mut TypeDef)],
) -> Vec<(TypeId, (Fingerprint, Vec<TypeId>))> {
    defs.iter_mut()
        .map(|(id, def)| {
            // Blanked in place while it is hashed (a copy would copy its docs too), then restored.
            let mut refs = Vec::new();
            def.kind.for_each_named_mut(&mut |r| {
                refs.push(*r);
                *r = TypeId(usize::MAX);
            });
            let fingerprint = Fingerprint::of(&def.kind);
            let mut restore = refs.iter();
            def.kind.for_each_named_mut(&mut |r| {
                // The same walk: the same references, in the same order.
                if let Some(original) = restore.next() {
                    *r = *original;
                }
            });
            (**id, (fingerprint, refs))
        })
        .collect()
}

/// A 128-bit hash (XXH3) of a type's shape (its derived `Hash`): comparing shapes themselves
/// would hold a copy of every type's shape at once, a few kilobytes each, which on a document
/// with tens of thousands of inline types (GitHub's dereferenced description) is the largest
/// allocation of lowering. Two shapes that differ share a fingerprint with probability about
/// 2^-128 (compilers identify items the same way); groups are numbered in type order, so the
/// output never depends on the hash values. [`crate::copies`] fingerprints the document's
/// nodes the same way ([`Fingerprint::of_bytes`]).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Fingerprint(u128);

impl Fingerprint {
    fn of(kind: &TypeKind) -> Fingerprint {
        use std::hash::Hash as _;
        let mut hasher = FingerprintHasher(xxhash_rust::xxh3::Xxh3::new());
        kind.hash(&mut hasher);
        Fingerprint(hasher.0.digest128())
    }

    /// The fingerprint of `bytes` read as a value of kind `tag`. Values of different kinds are
    /// hashed with different seeds (a string and a number written alike differ); that makes a
    /// shared fingerprint as unlikely as between two values of one kind, not impossible: like
    /// every fingerprint here, it stands for its value with probability about 1 - 2^-128.
    pub(crate) fn of_bytes(tag: u8, bytes: &[u8]) -> Fingerprint {
        Fingerprint(xxhash_rust::xxh3::xxh3_128_with_seed(bytes, u64::from(tag)))
    }

    /// Appends this fingerprint to `bytes` (to fingerprint a whole from its parts, each hashed
    /// once rather than once per whole it is in).
    pub(crate) fn append_to(self, bytes: &mut Vec<u8>) {
        bytes.extend_from_slice(&self.0.to_le_bytes());
    }
}

/// Streams a value's derived `Hash` into XXH3 (see [`Fingerprint`]).
struct FingerprintHasher(xxhash_rust::xxh3::Xxh3);

impl std::hash::Hasher for FingerprintHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The low half of the fingerprint (unused: fingerprints take all 128 bits).
    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, EnumVariant, Field, Primitive, TypeDef, TypeRef};
    use crate::names::Ident;

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: Ident::new(name),
            origin: format!("/components/schemas/{name}"),
            docs: Docs {
                description: Some(format!("{name} prose")),
                ..Docs::default()
            },
            kind,
            features: Default::default(),
        }
    }

    fn field(name: &str, ty: TypeRef) -> Field {
        Field {
            wire_name: name.to_string(),
            rust_name: Ident::new(name),
            ty,
            required: false,
            nullable: false,
            docs: Docs::default(),
            boxed: false,
        }
    }

    fn object(fields: Vec<Field>) -> TypeKind {
        TypeKind::Struct {
            fields,
            default: true,
            extra_field: Ident::new("extra"),
            slots: None,
        }
    }

    fn enumeration(values: &[&str]) -> TypeKind {
        TypeKind::Enum {
            variants: values
                .iter()
                .map(|v| EnumVariant {
                    wire_value: v.to_string(),
                    rust_name: Ident::new(v.to_uppercase()),
                })
                .collect(),
            default: None,
        }
    }

    fn named(id: usize) -> TypeRef {
        TypeRef::Option(Box::new(TypeRef::Named(TypeId(id))))
    }

    fn target(types: &TypeSpace, id: usize) -> Option<usize> {
        match types.get(TypeId(id)).kind {
            TypeKind::Alias { target } => Some(target.0),
            _ => None,
        }
    }

    #[test]
    fn identical_shapes_alias_the_first_and_keep_their_own_docs() {
        let string = TypeRef::Primitive(Primitive::String { format: None });
        let mut types = TypeSpace::default();
        types
            .types
            .insert(TypeId(0), def("KindA", enumeration(&["a", "b"])));
        types
            .types
            .insert(TypeId(1), def("KindB", enumeration(&["a", "b"])));
        types
            .types
            .insert(TypeId(2), def("KindC", enumeration(&["a", "c"])));
        // Structs equal once their enums are: 3 and 4 refer to the identical 0 and 1.
        types.types.insert(
            TypeId(3),
            def("MetaA", object(vec![field("kind", named(0))])),
        );
        types.types.insert(
            TypeId(4),
            def("MetaB", object(vec![field("kind", named(1))])),
        );
        types.types.insert(
            TypeId(5),
            def("MetaC", object(vec![field("kind", named(2))])),
        );
        // Same shape, other field name: distinct.
        types.types.insert(
            TypeId(6),
            def("MetaD", object(vec![field("sort", named(0))])),
        );
        // Newtypes keep their identity.
        types.types.insert(
            TypeId(7),
            def(
                "Sid",
                TypeKind::Newtype {
                    inner: string.clone(),
                },
            ),
        );
        types
            .types
            .insert(TypeId(8), def("Name", TypeKind::Newtype { inner: string }));
        merge_identical(&mut types, &crate::Threads::available());
        let targets: Vec<Option<usize>> = (0..9).map(|i| target(&types, i)).collect();
        assert_eq!(
            targets,
            [None, Some(0), None, None, Some(3), None, None, None, None]
        );
        assert_eq!(
            types.get(TypeId(4)).docs.description.as_deref(),
            Some("MetaB prose")
        );
    }

    #[test]
    fn a_component_schema_is_kept_over_an_inline_type_then_the_shortest_name() {
        let mut types = TypeSpace::default();
        let mut inline = def("Status", enumeration(&["on"]));
        inline.origin = "/components/schemas/Order/properties/status".to_string();
        types.types.insert(TypeId(0), inline);
        types
            .types
            .insert(TypeId(1), def("OrderStatusValue", enumeration(&["on"])));
        types
            .types
            .insert(TypeId(2), def("LineStatus", enumeration(&["on"])));
        merge_identical(&mut types, &crate::Threads::available());
        let targets: Vec<Option<usize>> = (0..3).map(|i| target(&types, i)).collect();
        assert_eq!(targets, [Some(2), Some(2), None]);
    }

    #[test]
    fn identical_recursive_types_merge() {
        // 0 ↔ 1 and 2 ↔ 3 are the same two-type cycle.
        let mut types = TypeSpace::default();
        types
            .types
            .insert(TypeId(0), def("A", object(vec![field("next", named(1))])));
        types
            .types
            .insert(TypeId(1), def("B", object(vec![field("back", named(0))])));
        types
            .types
            .insert(TypeId(2), def("C", object(vec![field("next", named(3))])));
        types
            .types
            .insert(TypeId(3), def("D", object(vec![field("back", named(2))])));
        merge_identical(&mut types, &crate::Threads::available());
        let targets: Vec<Option<usize>> = (0..4).map(|i| target(&types, i)).collect();
        assert_eq!(targets, [None, None, Some(0), Some(1)]);
    }
}

//! Lowering: the loaded document ([`crate::load::Loaded`]) → [`ir::Api`](crate::ir::Api).
//!
//! All naming and ordering decisions happen here, once: component schemas are named first
//! (sorted by name), then operations are visited sorted by path and method, and inline
//! schemas get names from where they appear (`{Operation}Response`, `{Parent}{Field}`).
//! A name that is already taken gets the next free numeric suffix.
//!
//! - `schemas`: schemas → named types (components, inline objects, enums, unions).
//! - `operations`: operations, parameters, bodies, responses and error enums.
//! - `docs`: the prose and facts documentation is made of.
//! - [`features`]: the module and cargo feature of each tag, and the features of each type.
//! - `webhooks`, `waiters`: the document's webhooks and its operations' `x-waiters`.
//! - `security`: the security schemes, and each operation's requirements.
//! - `reuse`: a schema the document repeats, lowered once and replayed at its other places.
//!
//! After the walk, identical types are merged ([`crate::dedupe`]), cycles boxed
//! ([`crate::recursion`]), pagination recognised ([`crate::paginate`]).

mod docs;
pub mod features;
mod operations;
mod paging;
mod reuse;
mod schemas;
mod security;
mod waiters;
mod webhooks;

use crate::ir::*;
use crate::load::{Loaded, Locator, Source};
use crate::names::{reserved, Case, Ident, Sanitizer, Scope};
use crate::pointer::escape as escape_pointer;
use crate::Error;
use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A server's URL with each `{variable}` at its default, without a trailing `/`.
pub(super) fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    if let Some(variables) = &server.variables {
        for (name, variable) in variables {
            url = url.replace(&format!("{{{name}}}"), &variable.default);
        }
    }
    url.trim_end_matches('/').to_string()
}

/// The API's base URL: its first server's (see [`server_url`]), or empty.
pub(super) fn server_url_of(doc: &OpenAPI) -> String {
    doc.servers.first().map(server_url).unwrap_or_default()
}

/// Lowers a loaded document: [`walk`], then [`Walked::finish`].
pub fn lower(loaded: &Loaded, source: &Source, threads: &crate::Threads) -> Result<Api, Error> {
    let at = Locator {
        source,
        origins: &loaded.origins,
    };
    walk(loaded, source)?.finish(&at, threads)
}

/// What walking the document gives: every type, operation and webhook, before the passes over
/// the whole type space ([`Walked::finish`]). It borrows nothing from the document, so the
/// document can be freed while those passes run.
pub struct Walked {
    api: Api,
}

/// Walks the document: components, then operations, then webhooks (see the module docs).
pub fn walk(loaded: &Loaded, source: &Source) -> Result<Walked, Error> {
    let doc = &loaded.document;
    let mut lowerer = Lowerer {
        doc,
        at: Locator {
            source,
            origins: &loaded.origins,
        },
        types: BTreeMap::new(),
        type_names: Scope::with_reserved(reserved::TYPES),
        next_id: 0,
        components: BTreeMap::new(),
        component_params: BTreeMap::new(),
        inline_types: Default::default(),
        reusable: HashMap::new(),
        reuse_log: reuse::Log::default(),
        component_responses: BTreeMap::new(),
        warnings: Vec::new(),
        depth: 0,
        sanitizer: Sanitizer::default(),
        scheme_index: BTreeMap::new(),
        polymorphic: BTreeMap::new(),
    };
    lowerer.declare_components()?;
    let security_schemes = lowerer.security_schemes();
    let operations = lowerer.operations()?;
    let webhooks = lowerer.webhooks(&loaded.webhooks)?;
    Ok(Walked {
        api: Api {
            title: doc.info.title.clone(),
            version: doc.info.version.clone(),
            description: doc.info.description.clone(),
            base_url: server_url_of(doc),
            types: TypeSpace {
                types: lowerer.types,
            },
            operations,
            modules: Vec::new(),
            webhooks,
            security_schemes,
            warnings: lowerer.warnings,
        },
    })
}

impl Walked {
    /// The passes over the whole type space: identical types merged, cycles boxed, decoding
    /// slots named, pagination recognised, waiters checked, modules and features assigned.
    pub fn finish(self, at: &Locator, threads: &crate::Threads) -> Result<Api, Error> {
        let mut api = self.api;
        crate::dedupe::merge_identical(&mut api.types, threads);
        crate::recursion::box_cycles(&mut api.types);
        name_slots(&mut api.types);
        for op in &mut api.operations {
            match crate::paginate::detect(&api.types, op) {
                Ok(pagination) => op.pagination = pagination,
                Err(message) => {
                    let at_declaration = op
                        .declared_paging
                        .as_ref()
                        .map_or(op.pointer.as_str(), |declared| declared.pointer.as_str());
                    api.warnings.push(at.error(
                        at_declaration,
                        format!("{message}: `pages()` and `items()` are not generated"),
                    ));
                }
            }
        }
        waiters::check(&api.types, &api.operations, at)?;
        api.modules = features::modules(&mut api.operations);
        features::assign(&mut api);
        Ok(api)
    }
}

/// Names the hidden struct that collects a struct's properties while it is decoded, for the
/// structs with a required property: `__{Name}Slots`. Type names come from [`sanitize`] in
/// [`Case::Camel`], which never starts with `_`, so these cannot collide with a type of the API.
fn name_slots(types: &mut TypeSpace) {
    for def in types.types.values_mut() {
        if let TypeKind::Struct { fields, slots, .. } = &mut def.kind {
            if fields.iter().any(|f| !matches!(f.ty, TypeRef::Option(_))) {
                *slots = Some(Ident::new(format!("__{}Slots", def.name.as_str())));
            }
        }
    }
}

struct Lowerer<'a> {
    doc: &'a OpenAPI,
    /// Where the document's nodes are in the user's text, for messages.
    at: Locator<'a>,
    types: BTreeMap<TypeId, TypeDef>,
    type_names: Scope,
    next_id: usize,
    /// Component schema name → the named type a `$ref` to it lowers to.
    components: BTreeMap<String, (TypeId, Ident)>,
    /// Component parameters, lowered once and shared by the operations that use them.
    component_params: BTreeMap<String, Param>,
    /// Inline schemas already lowered, by JSON pointer (hashed: pointers share long prefixes,
    /// which make ordered comparisons slow; nothing iterates this map).
    inline_types: rustc_hash::FxHashMap<String, TypeRef>,
    /// Schemas the document repeats (kept once by `crate::copies`), by node address: how
    /// their first lowering can be replayed at the next place (see [`reuse`]).
    reusable: HashMap<usize, reuse::Template>,
    /// What the lowerings of copies being recorded did so far.
    reuse_log: reuse::Log,
    /// Component responses, lowered once.
    component_responses: BTreeMap<String, (String, ResponseBody)>,
    /// What could not be lowered as written, and what was done instead.
    warnings: Vec<crate::Warning>,
    /// How many [`Lowerer::schema_type`] calls are under way (see [`MAX_SCHEMA_DEPTH`]).
    depth: usize,
    /// The names made of the document's text so far.
    sanitizer: Sanitizer,
    /// The security schemes, by name: their index in `Api::security_schemes`.
    scheme_index: BTreeMap<String, usize>,
    /// Component schemas with a discriminator that others extend with `allOf`: each lowers to
    /// the union of those (see `schemas::polymorphic_bases`).
    polymorphic: BTreeMap<String, Vec<String>>,
}

/// Inline schemas nested deeper than this are an error rather than a stack overflow. YAML
/// documents nest at most 128 levels (serde_yaml's limit), but `allOf` merges of components
/// can nest lowering further.
const MAX_SCHEMA_DEPTH: usize = 128;

/// What an object schema looks like once `allOf` parts are merged.
#[derive(Default)]
struct ObjectShape<'s> {
    /// Properties with the pointer of the schema that declares them.
    properties: Vec<(&'s String, &'s ReferenceOr<Box<Schema>>, String)>,
    required: BTreeSet<&'s str>,
    additional: Option<&'s AdditionalProperties>,
}

fn pointer(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| format!("/{}", escape_pointer(p)))
        .collect()
}
impl<'a> Lowerer<'a> {
    pub(super) fn err(&self, pointer: &str, message: impl Into<String>) -> Error {
        self.at.error(pointer, message)
    }

    /// Records a warning at `pointer` (located like an error).
    pub(super) fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let warning = self.at.error(pointer, message);
        self.warnings.push(warning);
    }

    /// Reserves an id and a unique type name.
    pub(super) fn reserve(&mut self, name_hint: &str) -> (TypeId, Ident) {
        let ident = self.sanitizer.sanitize(name_hint, Case::Camel);
        self.reserve_sanitized(name_hint, ident)
    }

    /// [`Lowerer::reserve`] for a hint already sanitized into `ident`.
    pub(super) fn reserve_sanitized(&mut self, name_hint: &str, ident: Ident) -> (TypeId, Ident) {
        let id = TypeId(self.next_id);
        self.next_id += 1;
        let name = self.type_names.claim(ident);
        self.reuse_log.reserved(id.0, name_hint, name.as_str());
        (id, name)
    }
}

//! Reusing the lowering of a schema the document repeats.
//!
//! `crate::copies` keeps a schema written identically at several places once; lowering still
//! gives each place types of its own, named after the place (`{Place}`, `{Place}{Field}`,
//! `{Place}{Field}Item`...), as if every copy had been lowered. Lowering each place again is
//! most of the time a dereferenced document takes, so the first lowering of a copy is
//! recorded as a [`Template`]: the types it made (each one's name hint and pointer as a suffix
//! of the place's), the inline schemas it registered, and the type it gave. The next places
//! replay it: the same definitions, their references to each other renumbered, under names
//! and origins made from the new place.
//!
//! A replay must give exactly what lowering again would. Names are where that can fail: a
//! nested type's hint is made from its parent's name, so a template of several types is only
//! made when each of its types got its hint as its name (no suffix for a taken name, nothing
//! changed by [`sanitize`]); then every hint is the place's hint plus a suffix that does not
//! depend on the place. A replay checks the same of the new names (valid as they are, and
//! free) and otherwise lowers the copy again. A lowering that warned, failed, or reached into
//! the document outside the copy makes no template.

use super::{Lowerer, MAX_SCHEMA_DEPTH};
use crate::ir::{Docs, TypeId, TypeKind, TypeRef};
use crate::names::{Case, Ident};

/// What lowering a copy did, replayable at another place (see the module docs).
pub(super) struct Template {
    /// The first id it reserved; it reserved `names.len()` consecutive ids.
    first: usize,
    /// Per type made, in id order: its name hint and its pointer, each without the hint and
    /// pointer of the place.
    names: Vec<(String, String)>,
    /// The inline schemas it registered (pointer suffix, type).
    inline: Vec<(String, TypeRef)>,
    /// The type the copy lowered to.
    ty: TypeRef,
    /// How many more levels of [`Lowerer::schema_type`] it went down (see [`MAX_SCHEMA_DEPTH`]).
    depth: usize,
}

/// What the lowerings being recorded did so far (shared: a copy inside a copy records into
/// the outer one's record too).
#[derive(Default)]
pub(super) struct Log {
    /// Recordings under way.
    active: usize,
    /// Ids reserved: id, hint, whether the name is the hint.
    reserved: Vec<(usize, String, bool)>,
    /// Types defined: id, pointer.
    defined: Vec<(usize, String)>,
    /// Inline schemas registered: pointer, type.
    inline: Vec<(String, TypeRef)>,
    /// The deepest [`Lowerer::depth`] reached.
    deepest: usize,
}

/// Where a recording starts in the [`Log`].
pub(super) struct Mark {
    next_id: usize,
    reserved: usize,
    defined: usize,
    inline: usize,
    warnings: usize,
    depth: usize,
    deepest: usize,
}

impl Log {
    pub(super) fn reserved(&mut self, id: usize, hint: &str, name: &str) {
        if self.active > 0 {
            self.reserved.push((id, hint.to_owned(), hint == name));
        }
    }

    pub(super) fn defined(&mut self, id: usize, ptr: &str) {
        if self.active > 0 {
            self.defined.push((id, ptr.to_owned()));
        }
    }

    pub(super) fn inline(&mut self, ptr: &str, ty: &TypeRef) {
        if self.active > 0 {
            self.inline.push((ptr.to_owned(), ty.clone()));
        }
    }

    pub(super) fn depth(&mut self, depth: usize) {
        self.deepest = self.deepest.max(depth);
    }
}

impl Lowerer<'_> {
    /// Starts recording the lowering of a copy.
    pub(super) fn start_recording(&mut self) -> Mark {
        let log = &mut self.reuse_log;
        log.active += 1;
        let mark = Mark {
            next_id: self.next_id,
            reserved: log.reserved.len(),
            defined: log.defined.len(),
            inline: log.inline.len(),
            warnings: self.warnings.len(),
            depth: self.depth,
            deepest: log.deepest,
        };
        log.deepest = self.depth;
        mark
    }

    /// Ends the recording started at `mark` of lowering a copy with `hint` at `ptr` into
    /// `ty`: its template, when it can be replayed.
    pub(super) fn finish_recording(
        &mut self,
        mark: Mark,
        hint: &str,
        ptr: &str,
        ty: Option<&TypeRef>,
    ) -> Option<Template> {
        let template = ty.and_then(|ty| self.template(&mark, hint, ptr, ty));
        let log = &mut self.reuse_log;
        log.active -= 1;
        log.deepest = log.deepest.max(mark.deepest);
        if log.active == 0 {
            log.reserved.clear();
            log.defined.clear();
            log.inline.clear();
        }
        template
    }

    fn template(&self, mark: &Mark, hint: &str, ptr: &str, ty: &TypeRef) -> Option<Template> {
        if self.warnings.len() != mark.warnings {
            return None;
        }
        let log = &self.reuse_log;
        let reserved = &log.reserved[mark.reserved..];
        let defined = &log.defined[mark.defined..];
        let count = self.next_id - mark.next_id;
        if reserved.len() != count || defined.len() != count {
            return None;
        }
        let mut names = Vec::with_capacity(count);
        for (k, (id, type_hint, plain)) in reserved.iter().enumerate() {
            if *id != mark.next_id + k || (count > 1 && !plain) {
                return None;
            }
            // Each reserved id was defined, at a pointer inside the copy.
            let (_, type_ptr) = defined.iter().find(|(d, _)| d == id)?;
            names.push((
                type_hint.strip_prefix(hint)?.to_owned(),
                type_ptr.strip_prefix(ptr)?.to_owned(),
            ));
        }
        let inline = log.inline[mark.inline..]
            .iter()
            .map(|(p, t)| Some((p.strip_prefix(ptr)?.to_owned(), t.clone())))
            .collect::<Option<Vec<_>>>()?;
        Some(Template {
            first: mark.next_id,
            names,
            inline,
            ty: ty.clone(),
            depth: log.deepest.saturating_sub(mark.depth),
        })
    }

    /// Lowers the copy `key` with `hint` at `ptr` by replaying its template: `None` when it
    /// has none, or when replaying would not give what lowering it again gives.
    pub(super) fn replay(&mut self, key: usize, hint: &str, ptr: &str) -> Option<TypeRef> {
        let template = self.reusable.get(&key)?;
        if self.depth + template.depth >= MAX_SCHEMA_DEPTH {
            return None;
        }
        let hints: Vec<(String, Ident)> = template
            .names
            .iter()
            .map(|(suffix, _)| {
                let hint = format!("{hint}{suffix}");
                let ident = self.sanitizer.sanitize(&hint, Case::Camel);
                (hint, ident)
            })
            .collect();
        if hints.len() > 1
            && !hints
                .iter()
                .all(|(h, ident)| ident.as_str() == h.as_str() && self.type_names.is_free(h))
        {
            return None;
        }
        let inline: Vec<String> = template
            .inline
            .iter()
            .map(|(suffix, _)| format!("{ptr}{suffix}"))
            .collect();
        if inline.iter().any(|p| self.inline_types.contains_key(p)) {
            return None;
        }
        let template = self.reusable.remove(&key)?;
        let (old, new) = (template.first, self.next_id);
        let count = template.names.len();
        // The definitions to copy, taken before anything is reserved (a template only names
        // types its recording saw defined).
        let Some(defs) = (old..old + count)
            .map(|id| {
                let def = self.types.get(&TypeId(id))?;
                Some((def.kind.clone(), def.docs.clone()))
            })
            .collect::<Option<Vec<(TypeKind, Docs)>>>()
        else {
            self.reusable.insert(key, template);
            return None;
        };
        let mut renumber = move |ty: &mut TypeId| {
            if (old..old + count).contains(&ty.0) {
                ty.0 = ty.0 - old + new;
            }
        };
        for (((hint, ident), (_, ptr_suffix)), (mut kind, docs)) in
            hints.into_iter().zip(&template.names).zip(defs)
        {
            let (id, name) = self.reserve_sanitized(&hint, ident);
            kind.for_each_named_mut(&mut renumber);
            self.add_def(id, name, &format!("{ptr}{ptr_suffix}"), docs, kind);
        }
        for (p, (_, ty)) in inline.iter().zip(&template.inline) {
            let mut ty = ty.clone();
            ty.for_each_named_mut(&mut renumber);
            self.remember(p, ty);
        }
        let mut ty = template.ty.clone();
        ty.for_each_named_mut(&mut renumber);
        self.reusable.insert(key, template);
        Some(ty)
    }
}

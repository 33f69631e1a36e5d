//! Recognises list operations whose pages can be walked, on the lowered IR.
//!
//! An operation is paginated when the spec gives all that walking needs, and only then:
//! - a way to ask for page *n*: an object query parameter named `page` whose struct has a
//!   `number` field (Telnyx's consolidated `page[number]`/`page[size]`), or a scalar integer
//!   query parameter named `page[number]` or `page_number`;
//! - a JSON success response that is a struct with an array field `data` and a struct field
//!   `meta` that has an integer `total_pages` (and usually `page_number`).
//!
//! Operations that answer with `meta` but take no page number (the spec offers no way to ask
//! for page 2) are not paginated: a stream would have to invent a parameter.

use crate::ir::{
    Field, Operation, PageControl, Pagination, ParamLocation, Primitive, ResponseBody, TypeKind,
    TypeRef, TypeSpace,
};

/// The pagination of `op`, if it has one.
pub fn detect(types: &TypeSpace, op: &Operation) -> Option<Pagination> {
    let control = page_control(types, op)?;
    let Some(ResponseBody::Json(TypeRef::Named(response))) = op.success().map(|r| &r.body) else {
        return None;
    };
    let (fields, _) = struct_of(types, &TypeRef::Named(*response))?;
    let data = fields.iter().find(|f| f.wire_name == "data")?;
    let (items_optional, list) = unwrap_option(&data.ty);
    // `data` is an array, or a named array type (a newtype of a list).
    let (item, items_newtype) = match list {
        TypeRef::List(item) => (item.as_ref(), false),
        TypeRef::Named(id) => match list_newtype(types, *id)? {
            TypeRef::List(item) => (item.as_ref(), true),
            _ => return None,
        },
        _ => return None,
    };
    let meta = fields.iter().find(|f| f.wire_name == "meta")?;
    let (meta_optional, meta_ty) = unwrap_option(&meta.ty);
    let (meta_fields, _) = struct_of(types, meta_ty)?;
    let total_pages = meta_fields
        .iter()
        .find(|f| f.wire_name == "total_pages" && is_integer(&f.ty))?;
    let page_number = meta_fields
        .iter()
        .find(|f| f.wire_name == "page_number" && is_integer(&f.ty));
    Some(Pagination {
        control,
        items_field: data.rust_name.clone(),
        items_optional,
        items_newtype,
        item: item.clone(),
        meta_field: meta.rust_name.clone(),
        meta_optional,
        total_pages_field: total_pages.rust_name.clone(),
        page_number_field: page_number.map(|f| f.rust_name.clone()),
    })
}

fn page_control(types: &TypeSpace, op: &Operation) -> Option<PageControl> {
    op.params.iter().enumerate().find_map(|(i, p)| {
        if p.location != ParamLocation::Query {
            return None;
        }
        if p.wire_name == "page" {
            let (fields, default) = struct_of(types, unwrap_option(&p.ty).1)?;
            // An optional parameter is filled from `Default` before the number is set.
            if !p.required && !default {
                return None;
            }
            let number = fields
                .iter()
                .find(|f| f.wire_name == "number" && is_integer(&f.ty))?;
            let setters = crate::names::reserved::PAGE_SETTERS
                .iter()
                .zip(["number", "size"])
                .filter(|(method, _)| !op.params.iter().any(|p| p.rust_name == **method))
                .filter_map(|(method, property)| {
                    let field = fields
                        .iter()
                        .find(|f| f.wire_name == property && is_integer(&f.ty))?;
                    Some((
                        crate::names::Ident::new(*method),
                        field.rust_name.clone(),
                        property.to_string(),
                    ))
                })
                .collect();
            return Some(PageControl::Object {
                param: i,
                number_field: number.rust_name.clone(),
                setters,
            });
        }
        ((p.wire_name == "page[number]" || p.wire_name == "page_number") && is_integer(&p.ty))
            .then_some(PageControl::Scalar { param: i })
    })
}

/// The type a newtype wraps, following aliases.
fn list_newtype(types: &TypeSpace, mut id: crate::ir::TypeId) -> Option<&TypeRef> {
    loop {
        match &types.get(id).kind {
            TypeKind::Newtype { inner } => return Some(inner),
            TypeKind::Alias { target } => id = *target,
            _ => return None,
        }
    }
}

fn unwrap_option(ty: &TypeRef) -> (bool, &TypeRef) {
    match ty {
        TypeRef::Option(inner) => (true, inner),
        other => (false, other),
    }
}

/// The fields of a struct type (following aliases) and whether it derives `Default`.
pub(crate) fn struct_of<'t>(types: &'t TypeSpace, ty: &TypeRef) -> Option<(&'t [Field], bool)> {
    let TypeRef::Named(mut id) = ty else {
        return None;
    };
    loop {
        match &types.get(id).kind {
            TypeKind::Struct {
                fields, default, ..
            } => return Some((fields, *default)),
            TypeKind::Alias { target } => id = *target,
            _ => return None,
        }
    }
}

fn is_integer(ty: &TypeRef) -> bool {
    matches!(
        unwrap_option(ty).1,
        TypeRef::Primitive(Primitive::I32 | Primitive::I64)
    )
}

//! Recognises list operations whose pages can be walked, on the lowered IR, and how.
//!
//! A listing needs a page's items (the JSON body when it is an array; else its `data`,
//! `items`, `results`... property, or its one array property) and a way to ask for the next
//! page. The ways, in the order they are looked for (the first that fits is taken):
//!
//! 1. what the operation declares with `x-pagination` (see `lower/paging.rs`), exactly;
//! 2. the `Link` header (RFC 8288), when the success response declares it;
//! 3. a cursor: a query parameter named as cursors are (`cursor`, `after`, `starting_after`,
//!    `page_token`...) and a body property that gives the next one (`next_cursor`,
//!    `next_page_token`..., at the top or under `meta`, `pagination`, `response_metadata`...),
//!    or, for `starting_after`, the `id` of the page's last item while `has_more` is true;
//! 4. the next page's URL in the body (`next`, `next_url`, `links.next`...);
//! 5. an offset: a query parameter `offset` (or `skip`, `start`), advanced by the items read;
//! 6. a page number: an object parameter `page` with a `number` (`page[number]`), or an integer
//!    parameter `page[number]`, `page_number` or `page`, with the total number of pages when
//!    the body gives it (`meta.total_pages`...).
//!
//! Every way also ends at a page without items. Operations that answer with a listing but take
//! no way to ask for the next page are not paginated: a stream would have to invent one.

use crate::ir::{
    CursorFrom, DeclaredPaging, DeclaredStyle, Field, FieldPath, ItemsAt, NextPage, Operation,
    PageControl, Pagination, Param, ParamLocation, Primitive, ResponseBody, TypeKind, TypeRef,
    TypeSpace,
};

/// The names of the properties that hold a page's items, in the order they are preferred.
const ITEMS: [&str; 12] = [
    "data", "items", "results", "records", "entries", "values", "elements", "list", "objects",
    "content", "hits", "rows",
];

/// Where paging properties sit in a body: at the top, or in one of these.
const CONTAINERS: [&str; 10] = [
    "meta",
    "pagination",
    "paging",
    "page_info",
    "pageInfo",
    "response_metadata",
    "links",
    "_links",
    "cursor",
    "cursors",
];

const CURSOR_PARAMS: [&str; 14] = [
    "cursor",
    "after",
    "starting_after",
    "page_token",
    "pageToken",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "continuation_token",
    "continuationToken",
    "marker",
    "start_cursor",
    "page_cursor",
];

const CURSOR_FIELDS: [&str; 14] = [
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "end_cursor",
    "endCursor",
    "continuation_token",
    "continuationToken",
    "next_marker",
    "nextMarker",
    "next_start_cursor",
    "after",
];

const HAS_MORE: [&str; 7] = [
    "has_more",
    "hasMore",
    "has_next",
    "hasNext",
    "has_next_page",
    "hasNextPage",
    "more",
];

const URL_FIELDS: [&str; 8] = [
    "next",
    "next_url",
    "nextUrl",
    "next_page",
    "next_page_url",
    "nextPageUrl",
    "nextLink",
    "@odata.nextLink",
];

const OFFSET_PARAMS: [&str; 4] = ["offset", "skip", "start", "start_index"];

const TOTAL_FIELDS: [&str; 6] = [
    "total",
    "total_count",
    "totalCount",
    "total_results",
    "totalResults",
    "count",
];

const PAGE_PARAMS: [&str; 4] = ["page[number]", "page_number", "pageNumber", "page"];

const TOTAL_PAGES: [&str; 5] = [
    "total_pages",
    "totalPages",
    "pages",
    "page_count",
    "last_page",
];

const PAGE_NUMBER: [&str; 4] = ["page_number", "pageNumber", "page", "current_page"];

/// The pagination of `op`, if it has one; an error when its `x-pagination` names what the
/// operation does not have (the message for a warning at the declaration).
pub fn detect(types: &TypeSpace, op: &Operation) -> Result<Option<Pagination>, String> {
    let Some(ResponseBody::Json(body)) = op.success().map(|r| &r.body) else {
        return match &op.declared_paging {
            Some(_) => Err(
                "`x-pagination` is declared on an operation whose success response \
                            has no JSON body: it is not paginated"
                    .to_owned(),
            ),
            None => Ok(None),
        };
    };
    if let Some(declared) = &op.declared_paging {
        return declared_paging(types, op, body, declared).map(Some);
    }
    let Some((items, item)) = items_of(types, body, None) else {
        return Ok(None);
    };
    let link_header = op
        .success()
        .is_some_and(|r| r.headers.iter().any(|h| h == "link"));
    let next = if link_header {
        Some(NextPage::LinkHeader)
    } else {
        cursor(types, op, body, &item)
            .or_else(|| next_url(types, body))
            .or_else(|| offset(types, op, body))
            .or_else(|| page_number(types, op, body))
    };
    Ok(next.map(|next| Pagination { items, item, next }))
}

/// The pagination `declared` says, resolved against the operation's parameters and response.
fn declared_paging(
    types: &TypeSpace,
    op: &Operation,
    body: &TypeRef,
    declared: &DeclaredPaging,
) -> Result<Pagination, String> {
    let (items, item) =
        items_of(types, body, declared.items.as_deref()).ok_or_else(|| match &declared.items {
            Some(path) => format!(
                "`items: {}` names no array property of the success response",
                path.join(".")
            ),
            None => "the success response is not an array and has no one array property: say \
                     where the items are with `items`"
                .to_owned(),
        })?;
    let param = |name: &str, usable: &dyn Fn(&Param) -> bool, what: &str| {
        query_param(op, name, usable).ok_or_else(|| {
            format!("the operation has no {what} query parameter `{name}` to ask for a page with")
        })
    };
    let path = |path: &Option<Vec<String>>, ty: &dyn Fn(&TypeRef) -> bool, what: &str| {
        path.as_ref()
            .map(|path| {
                resolve(types, body, path)
                    .filter(|(_, found)| ty(found))
                    .map(|(p, _)| p)
                    .ok_or_else(|| {
                        format!(
                            "`{}` names no {what} property of the success response",
                            path.join(".")
                        )
                    })
            })
            .transpose()
    };
    let next = match &declared.style {
        DeclaredStyle::Page {
            param: name,
            total_pages,
        } => NextPage::Number {
            control: PageControl::Scalar {
                param: param(name, &|p| is_integer(&p.ty), "integer")?,
            },
            total_pages: path(total_pages, &is_integer, "integer")?,
            page_number: None,
        },
        DeclaredStyle::Offset { param: name, total } => NextPage::Offset {
            param: param(name, &|p| is_integer(&p.ty), "integer")?,
            total: path(total, &is_integer, "integer")?,
        },
        DeclaredStyle::Cursor {
            param: name,
            next_cursor,
            last_item,
            has_more,
        } => {
            let from = match (next_cursor, last_item) {
                (Some(_), _) => {
                    CursorFrom::Body(path(next_cursor, &is_string, "text")?.unwrap_or_default())
                }
                (None, Some(last)) => CursorFrom::LastItem(
                    resolve(types, &item, last)
                        .filter(|(_, found)| is_string(found))
                        .map(|(p, _)| p)
                        .ok_or_else(|| {
                            format!(
                                "`last-item: {}` names no text property of an item",
                                last.join(".")
                            )
                        })?,
                ),
                (None, None) => return Err("`cursor` needs `next-cursor` or `last-item`".into()),
            };
            NextPage::Cursor {
                param: param(name, &|p| is_string(&p.ty), "text")?,
                from,
                has_more: path(has_more, &is_bool, "boolean")?,
            }
        }
        DeclaredStyle::NextUrl { path: url } => NextPage::Url {
            field: path(&Some(url.clone()), &is_string, "text")?.unwrap_or_default(),
        },
        DeclaredStyle::LinkHeader => NextPage::LinkHeader,
    };
    Ok(Pagination { items, item, next })
}

/// Where the items of a response `body` are, and their type: at `declared` (a path of wire
/// names), else the body itself when it is an array, else its preferred (or only) array field.
fn items_of(
    types: &TypeSpace,
    body: &TypeRef,
    declared: Option<&[String]>,
) -> Option<(ItemsAt, TypeRef)> {
    if let Some(item) = list_item(types, body).filter(|_| declared.is_none()) {
        return Some((
            ItemsAt::Body {
                newtype: !matches!(body, TypeRef::List(_)),
            },
            item,
        ));
    }
    let (path, list) = match declared {
        Some(path) => resolve(types, body, path)?,
        None => {
            let (fields, _) = struct_of(types, body)?;
            let is_list = |f: &&Field| list_item(types, unwrap_option(&f.ty).1).is_some();
            let field = ITEMS
                .iter()
                .find_map(|name| fields.iter().filter(is_list).find(|f| f.wire_name == *name))
                .or_else(|| {
                    let mut lists = fields.iter().filter(is_list);
                    match (lists.next(), lists.next()) {
                        (Some(only), None) => Some(only),
                        _ => None,
                    }
                })?;
            resolve(types, body, std::slice::from_ref(&field.wire_name))?
        }
    };
    let item = list_item(types, list)?;
    Some((
        ItemsAt::Field {
            path,
            newtype: !matches!(list, TypeRef::List(_)),
        },
        item,
    ))
}

/// The item type of an array type (a list, or a named array type).
fn list_item(types: &TypeSpace, ty: &TypeRef) -> Option<TypeRef> {
    match ty {
        TypeRef::List(item) => Some((**item).clone()),
        TypeRef::Named(id) => match list_newtype(types, *id)? {
            TypeRef::List(item) => Some((**item).clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The first property named one of `names`, at the top of `body` or in one of the
/// [`CONTAINERS`], whose type `fits`.
fn find(
    types: &TypeSpace,
    body: &TypeRef,
    names: &[&str],
    fits: impl Fn(&TypeRef) -> bool,
) -> Option<FieldPath> {
    std::iter::once(None)
        .chain(CONTAINERS.iter().map(Some))
        .find_map(|container| {
            names.iter().find_map(|name| {
                let path: Vec<String> = container
                    .map(|c| c.to_string())
                    .into_iter()
                    .chain([name.to_string()])
                    .collect();
                resolve(types, body, &path)
                    .filter(|(_, ty)| fits(ty))
                    .map(|(path, _)| path)
            })
        })
}

/// The cursor of a listing, when it has a cursor parameter and gives the next cursor (see the
/// module docs).
fn cursor(types: &TypeSpace, op: &Operation, body: &TypeRef, item: &TypeRef) -> Option<NextPage> {
    let (param, name) = CURSOR_PARAMS
        .iter()
        .find_map(|name| query_param(op, name, &|p| is_string(&p.ty)).map(|i| (i, *name)))?;
    let has_more = find(types, body, &HAS_MORE, is_bool);
    if let Some(field) = find(types, body, &CURSOR_FIELDS, is_string) {
        return Some(NextPage::Cursor {
            param,
            from: CursorFrom::Body(field),
            has_more,
        });
    }
    // Stripe: `starting_after` the last item's `id`, while `has_more`.
    let id = resolve(types, item, &["id".to_owned()]).filter(|(_, ty)| is_string(ty))?;
    (name == "starting_after" && has_more.is_some()).then_some(NextPage::Cursor {
        param,
        from: CursorFrom::LastItem(id.0),
        has_more,
    })
}

/// The next page's URL in the body.
fn next_url(types: &TypeSpace, body: &TypeRef) -> Option<NextPage> {
    if let Some(field) = find(types, body, &URL_FIELDS, is_string) {
        return Some(NextPage::Url { field });
    }
    // HAL: `_links.next.href`.
    let path = ["_links", "next", "href"].map(String::from);
    resolve(types, body, &path)
        .filter(|(_, ty)| is_string(ty))
        .map(|(field, _)| NextPage::Url { field })
}

/// An offset parameter.
fn offset(types: &TypeSpace, op: &Operation, body: &TypeRef) -> Option<NextPage> {
    let param = OFFSET_PARAMS
        .iter()
        .find_map(|name| query_param(op, name, &|p| is_integer(&p.ty)))?;
    Some(NextPage::Offset {
        param,
        total: find(types, body, &TOTAL_FIELDS, is_integer),
    })
}

/// A page number parameter (see the module docs).
fn page_number(types: &TypeSpace, op: &Operation, body: &TypeRef) -> Option<NextPage> {
    let control = page_control(types, op)?;
    Some(NextPage::Number {
        control,
        total_pages: find(types, body, &TOTAL_PAGES, is_integer),
        page_number: find(types, body, &PAGE_NUMBER, is_integer),
    })
}

fn page_control(types: &TypeSpace, op: &Operation) -> Option<PageControl> {
    op.params.iter().enumerate().find_map(|(i, p)| {
        if p.location != ParamLocation::Query {
            return None;
        }
        if p.wire_name == "page" {
            if let Some((fields, default)) = struct_of(types, unwrap_option(&p.ty).1) {
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
        }
        (PAGE_PARAMS.contains(&p.wire_name.as_str()) && is_integer(&p.ty))
            .then_some(PageControl::Scalar { param: i })
    })
}

/// The query parameter `name` of `op` that is `usable`.
fn query_param(op: &Operation, name: &str, usable: &dyn Fn(&Param) -> bool) -> Option<usize> {
    op.params
        .iter()
        .position(|p| p.location == ParamLocation::Query && p.wire_name == name && usable(p))
}

/// The fields on the way to the property at `path` (wire names) of a value of `ty`, and the
/// property's type (unwrapped of its `Option`).
fn resolve<'t>(
    types: &'t TypeSpace,
    ty: &'t TypeRef,
    path: &[String],
) -> Option<(FieldPath, &'t TypeRef)> {
    let mut current = ty;
    let mut fields = FieldPath::new();
    for name in path {
        let (struct_fields, _) = struct_of(types, current)?;
        let field: &Field = struct_fields.iter().find(|f| f.wire_name == *name)?;
        if field.boxed {
            return None;
        }
        let (optional, inner) = unwrap_option(&field.ty);
        fields.push((field.rust_name.clone(), optional));
        current = inner;
    }
    (!fields.is_empty()).then_some((fields, current))
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

/// A string kept as text (`uri`, `byte` and unknown formats are; dates and UUIDs are not).
fn is_string(ty: &TypeRef) -> bool {
    match unwrap_option(ty).1 {
        TypeRef::Primitive(Primitive::String { format }) => {
            !matches!(format.as_deref(), Some("date-time" | "date" | "uuid"))
        }
        _ => false,
    }
}

fn is_bool(ty: &TypeRef) -> bool {
    matches!(unwrap_option(ty).1, TypeRef::Primitive(Primitive::Bool))
}

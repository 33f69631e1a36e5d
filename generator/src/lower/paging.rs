//! `x-pagination`: how an operation declares its paging when the names it uses are not those
//! [`crate::paginate`] recognises.
//!
//! ```yaml
//! x-pagination:
//!   items: data.results          # where a page's items are (default: the body, or its one array)
//!   cursor: after                # the parameter the next page's cursor goes in...
//!   next-cursor: paging.next     # ...taken from this property of the body,
//!   # last-item: id              # ...or from this property of the page's last item,
//!   has-more: paging.more        # while this boolean is true (optional)
//! ```
//!
//! Or `page: <parameter>` (with `total-pages: <path>`), `offset: <parameter>` (with
//! `total: <path>`), `next-url: <path>` (a body property holding the next page's URL) or
//! `link-header: true` (the `Link` header's `rel="next"`). Paths are property names on the
//! wire, dot-separated. Mistakes are located errors; a path the response types do not have is
//! reported when the paging is resolved.

use super::Lowerer;
use crate::ir::{DeclaredPaging, DeclaredStyle};
use crate::Error;

impl Lowerer<'_> {
    /// The `x-pagination` of `op` (at `op_ptr`), when it has one.
    pub(super) fn declared_paging(
        &self,
        op: &openapiv3::Operation,
        op_ptr: &str,
    ) -> Result<Option<DeclaredPaging>, Error> {
        let Some(value) = op.extensions.get("x-pagination") else {
            return Ok(None);
        };
        let ptr = format!("{op_ptr}/x-pagination");
        let Some(map) = value.as_object() else {
            return Err(self.err(&ptr, "`x-pagination` must be a mapping"));
        };
        const KEYS: [&str; 11] = [
            "items",
            "page",
            "total-pages",
            "offset",
            "total",
            "cursor",
            "next-cursor",
            "last-item",
            "has-more",
            "next-url",
            "link-header",
        ];
        if let Some(unknown) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(self.err(
                &format!("{ptr}/{}", crate::pointer::escape(unknown)),
                format!(
                    "unknown key `{unknown}` in `x-pagination` (known: {})",
                    KEYS.join(", ")
                ),
            ));
        }
        let text = |key: &str| -> Result<Option<String>, Error> {
            match map.get(key) {
                None => Ok(None),
                Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
                    Ok(Some(s.trim().to_owned()))
                }
                Some(_) => Err(self.err(
                    &format!("{ptr}/{key}"),
                    format!("`{key}` must be a non-empty text"),
                )),
            }
        };
        let path = |key: &str| -> Result<Option<Vec<String>>, Error> {
            Ok(text(key)?.map(|p| p.split('.').map(str::to_owned).collect()))
        };
        let link_header = match map.get("link-header") {
            None | Some(serde_json::Value::Bool(false)) => false,
            Some(serde_json::Value::Bool(true)) => true,
            Some(_) => {
                return Err(self.err(
                    &format!("{ptr}/link-header"),
                    "`link-header` must be `true` or `false`",
                ))
            }
        };
        let mut styles = Vec::new();
        if let Some(param) = text("page")? {
            styles.push(DeclaredStyle::Page {
                param,
                total_pages: path("total-pages")?,
            });
        }
        if let Some(param) = text("offset")? {
            styles.push(DeclaredStyle::Offset {
                param,
                total: path("total")?,
            });
        }
        if let Some(param) = text("cursor")? {
            let (next_cursor, last_item) = (path("next-cursor")?, path("last-item")?);
            if next_cursor.is_none() == last_item.is_none() {
                return Err(self.err(
                    &ptr,
                    "`cursor` takes the next page's cursor from `next-cursor` (a body property) \
                     or `last-item` (a property of the page's last item): give one of them",
                ));
            }
            styles.push(DeclaredStyle::Cursor {
                param,
                next_cursor,
                last_item,
                has_more: path("has-more")?,
            });
        }
        if let Some(path) = path("next-url")? {
            styles.push(DeclaredStyle::NextUrl { path });
        }
        if link_header {
            styles.push(DeclaredStyle::LinkHeader);
        }
        let style =
            match <[DeclaredStyle; 1]>::try_from(styles) {
                Ok([style]) => style,
                Err(_) => return Err(self.err(
                    &ptr,
                    "`x-pagination` declares one way to ask for the next page: `page`, `offset`, \
                     `cursor`, `next-url` or `link-header`",
                )),
            };
        let items = path("items")?;
        Ok(Some(DeclaredPaging {
            pointer: ptr.clone(),
            items,
            style,
        }))
    }
}

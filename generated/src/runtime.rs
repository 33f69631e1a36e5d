// Client runtime, the same in every generated crate. Source: `generator/runtime/src/runtime.rs`
// of the generator, copied here verbatim; edit the source, never the copy.

//! Encoding helpers shared by the operations.

#![allow(dead_code)]

use crate::client::{Read, Reply};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// Characters kept as they are in a path segment or query value (RFC 3986 unreserved, `:` and `@`).
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'@');
/// Query keys additionally keep the brackets of deepObject names (`filter[status]`).
const KEY: &AsciiSet = &VALUE.remove(b'[').remove(b']');

/// Encodes one path segment: `/` and everything else outside [`VALUE`] is percent-encoded,
/// so `a/../b` stays one segment.
pub(crate) fn path_segment(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, VALUE).to_string()
}

/// Appends path parameter `name` as one encoded segment. Values that would send the request
/// to another endpoint are refused: an empty one (`/number_orders/` is the collection), and `.`
/// and `..`, which URL normalisation removes or climbs over whether or not they are
/// percent-encoded.
pub(crate) fn push_path_param(
    path: &mut String,
    name: &'static str,
    value: &impl ParamScalar,
) -> Result<(), crate::Error> {
    let text = value.to_param();
    let reason = match text.as_str() {
        "" => "the value is empty",
        "." | ".." => "`.` and `..` would name another endpoint",
        _ => {
            path.extend(percent_encoding::utf8_percent_encode(&text, VALUE));
            return Ok(());
        }
    };
    Err(crate::Error::InvalidParameter { name, reason })
}

/// Appends path parameter `name`, of any shape, written in `style` (see [`styled`]); refused
/// like [`push_path_param`] when the text would be empty, `.` or `..`.
pub(crate) fn push_path_styled<T: serde::Serialize + ?Sized>(
    path: &mut String,
    name: &'static str,
    value: &T,
    style: ParamStyle,
) -> Result<(), crate::Error> {
    let text = styled(value, name, style, true).unwrap_or_default();
    let reason = match text.as_str() {
        "" => "the value is empty",
        "." | ".." => "`.` and `..` would name another endpoint",
        _ => {
            path.push_str(&text);
            return Ok(());
        }
    };
    Err(crate::Error::InvalidParameter { name, reason })
}

/// How a path, header or cookie parameter of any shape is written: the `style` and `explode`
/// of its description, or its JSON text (a parameter described by `content`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ParamStyle {
    /// `simple` (paths and headers): `blue`, `blue,black`, `R,100,G,200` or `R=100,G=200`.
    Simple { explode: bool },
    /// `label` (paths): `.blue`, `.blue,black` or `.blue.black`, `.R,100` or `.R=100.G=200`.
    Label { explode: bool },
    /// `matrix` (paths): `;color=blue`, `;color=blue,black` or `;color=blue;color=black`,
    /// `;color=R,100` or `;R=100;G=200`.
    Matrix { explode: bool },
    /// `form` (cookies): `color=blue`, `color=blue,black`; exploded, one `name=value` pair per
    /// item or property, joined by `; ` as cookies are.
    Form { explode: bool },
    /// `content`: the value's JSON text.
    Json,
}

/// A serialized value in the order it was written (a struct's properties in declaration order,
/// which `serde_json::Value`'s sorted maps would lose).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Scalar(serde_json::Value),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// `value` as a tree; `Null` when it cannot be serialized.
    pub(crate) fn of<T: serde::Serialize + ?Sized>(value: &T) -> Node {
        serde_json::to_string(value)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or(Node::Null)
    }

    fn is_scalar(&self) -> bool {
        matches!(self, Node::Null | Node::Scalar(_))
    }

    /// As parameter text: strings as they are, other scalars, arrays and objects as JSON.
    fn text(&self) -> String {
        match self {
            Node::Scalar(serde_json::Value::String(s)) => s.clone(),
            other => other.json(),
        }
    }

    /// As JSON text.
    fn json(&self) -> String {
        match self {
            Node::Null => "null".to_owned(),
            Node::Scalar(value) => value.to_string(),
            Node::Array(items) => {
                let items: Vec<String> = items.iter().map(Node::json).collect();
                format!("[{}]", items.join(","))
            }
            Node::Object(pairs) => {
                let pairs: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| format!("{}:{}", serde_json::Value::from(k.as_str()), v.json()))
                    .collect();
                format!("{{{}}}", pairs.join(","))
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Node;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }

            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }

            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Scalar(v.into()))
            }

            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Scalar(v.into()))
            }

            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Scalar(v.into()))
            }

            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Scalar(v.into()))
            }

            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Scalar(v.into()))
            }

            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Scalar(v.into()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut pairs = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Node>()? {
                    pairs.push((key, value));
                }
                Ok(Node::Object(pairs))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `value` written in `style` under `name`, following the style table of the OpenAPI
/// specification (RFC 6570 expansion); `None` when there is nothing to send (absent or
/// `null`). With `encode`, names and values are percent-encoded and the style's delimiters
/// are not (paths and cookies); headers take the text as it is.
pub(crate) fn styled<T: serde::Serialize + ?Sized>(
    value: &T,
    name: &str,
    style: ParamStyle,
    encode: bool,
) -> Option<String> {
    let value = Node::of(value);
    let enc = |text: &str| -> String {
        if encode {
            percent_encoding::utf8_percent_encode(text, VALUE).to_string()
        } else {
            text.to_owned()
        }
    };
    let name = enc(name);
    // What the value holds: items, or pairs of name and value (`null` properties are left out).
    let (items, pairs): (Vec<String>, Option<Vec<(String, String)>>) = match &value {
        Node::Null => return None,
        Node::Array(items) => (items.iter().map(|i| enc(&i.text())).collect(), None),
        Node::Object(map) => (
            Vec::new(),
            Some(
                map.iter()
                    .filter(|(_, v)| *v != Node::Null)
                    .map(|(k, v)| (enc(k), enc(&v.text())))
                    .collect(),
            ),
        ),
        scalar => (vec![enc(&scalar.text())], None),
    };
    let is_scalar = matches!(value, Node::Scalar(_));
    let joined = |pairs: &[(String, String)], inner: &str, outer: &str| -> String {
        pairs
            .iter()
            .map(|(k, v)| format!("{k}{inner}{v}"))
            .collect::<Vec<_>>()
            .join(outer)
    };
    let text = match (style, pairs) {
        (ParamStyle::Json, _) => enc(&value.json()),
        (ParamStyle::Simple { .. }, None) => items.join(","),
        (ParamStyle::Simple { explode }, Some(pairs)) => {
            joined(&pairs, if explode { "=" } else { "," }, ",")
        }
        (ParamStyle::Label { explode }, None) => {
            format!(".{}", items.join(if explode { "." } else { "," }))
        }
        (ParamStyle::Label { explode: false }, Some(pairs)) => {
            format!(".{}", joined(&pairs, ",", ","))
        }
        (ParamStyle::Label { explode: true }, Some(pairs)) => {
            format!(".{}", joined(&pairs, "=", "."))
        }
        (ParamStyle::Matrix { explode }, None) => {
            let eq = |v: &String| {
                if v.is_empty() {
                    String::new()
                } else {
                    format!("={v}")
                }
            };
            if explode && !is_scalar {
                items.iter().map(|v| format!(";{name}{}", eq(v))).collect()
            } else {
                format!(";{name}{}", eq(&items.join(",")))
            }
        }
        (ParamStyle::Matrix { explode: false }, Some(pairs)) => {
            format!(";{name}={}", joined(&pairs, ",", ","))
        }
        (ParamStyle::Matrix { explode: true }, Some(pairs)) => {
            format!(";{}", joined(&pairs, "=", ";"))
        }
        (ParamStyle::Form { explode }, None) => {
            if explode && !is_scalar {
                items
                    .iter()
                    .map(|v| format!("{name}={v}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                format!("{name}={}", items.join(","))
            }
        }
        (ParamStyle::Form { explode: false }, Some(pairs)) => {
            format!("{name}={}", joined(&pairs, ",", ","))
        }
        (ParamStyle::Form { explode: true }, Some(pairs)) => joined(&pairs, "=", "; "),
    };
    Some(text)
}

/// Writes a value of any shape into the query string, for the shapes the typed
/// [`QueryValue`] impls do not cover (arrays of objects, objects holding arrays of objects) and
/// for parameters described by `content` ([`Style`] is then ignored: the value's JSON text).
///
/// Scalars and arrays of scalars follow `style` as [`QueryValue`] does; an object's
/// properties follow `style` as a struct's do (`key[prop]` in `deepObject`); an array that
/// holds objects or arrays is written item by item with its index, `key[0][prop]=…`: the
/// specification leaves that form undefined, and the index keeps each item's properties
/// together, where `key[][prop]` (also common) cannot tell where one item ends.
pub(crate) fn write_serialized<T: serde::Serialize + ?Sized>(
    value: &T,
    key: &str,
    style: Style,
    json: bool,
    query: &mut Query,
) {
    let value = Node::of(value);
    if json {
        if value != Node::Null {
            query.push(key, &value.json());
        }
        return;
    }
    write_node(&value, key, style, query);
}

fn write_node(value: &Node, key: &str, style: Style, query: &mut Query) {
    match value {
        Node::Null => {}
        Node::Array(items) if items.iter().all(Node::is_scalar) => {
            let texts = items.iter().filter(|v| **v != Node::Null).map(Node::text);
            write_list(texts, key, style, query);
        }
        Node::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                write_node(item, &format!("{key}[{i}]"), Style::DeepObject, query);
            }
        }
        Node::Object(pairs) => {
            let separator = match style {
                Style::Form { explode: false } => Some(","),
                Style::SpaceDelimited => Some(" "),
                Style::PipeDelimited => Some("|"),
                Style::Form { explode: true } | Style::DeepObject => None,
            };
            match separator {
                Some(separator) if pairs.iter().all(|(_, v)| v.is_scalar()) => {
                    let parts: Vec<String> = pairs
                        .iter()
                        .filter(|(_, v)| *v != Node::Null)
                        .flat_map(|(k, v)| [k.clone(), v.text()])
                        .collect();
                    query.push(key, &parts.join(separator));
                }
                _ => {
                    for (name, item) in pairs {
                        write_node(
                            item,
                            &object_key(key, style, name),
                            Style::DeepObject,
                            query,
                        );
                    }
                }
            }
        }
        scalar => query.push(key, &scalar.text()),
    }
}

/// A form body (`application/x-www-form-urlencoded`): each property of `body` written as the
/// description's `encoding` says (`styles`: the properties that name a style), by default as
/// `form`, exploded: an array repeats its key, an object writes its properties as keys of
/// their own. Nested values follow the style as query parameters do; a value that is no object
/// is sent under the key `value`. Spaces are written `+`, as forms write them.
pub(crate) fn form_body<T: serde::Serialize + ?Sized>(
    body: &T,
    styles: &[(&str, Style)],
) -> String {
    let mut query = Query::new();
    match Node::of(body) {
        Node::Object(properties) => {
            for (name, value) in properties {
                let style = styles
                    .iter()
                    .find(|(property, _)| *property == name)
                    .map_or(Style::Form { explode: true }, |(_, style)| *style);
                write_node(&value, &name, style, &mut query);
            }
        }
        Node::Null => {}
        other => write_node(&other, "value", Style::Form { explode: true }, &mut query),
    }
    // A form body writes a space as `+` (a `+` itself is `%2B`, so nothing else reads as one).
    query.finish().replace("%20", "+")
}

/// How a query parameter is written.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Style {
    /// `form`; `explode` repeats the key for each array item, otherwise items are joined by `,`.
    Form { explode: bool },
    /// `deepObject`: `key[prop]=value`, nesting as `key[a][b]=value`.
    DeepObject,
    /// `spaceDelimited` arrays.
    SpaceDelimited,
    /// `pipeDelimited` arrays.
    PipeDelimited,
}

/// A query string being built, keys and values percent-encoded as they are added.
#[derive(Default)]
pub(crate) struct Query {
    buf: String,
}

impl Query {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Appends `key=value`.
    pub(crate) fn push(&mut self, key: &str, value: &str) {
        if !self.buf.is_empty() {
            self.buf.push('&');
        }
        self.buf
            .extend(percent_encoding::utf8_percent_encode(key, KEY));
        self.buf.push('=');
        self.buf
            .extend(percent_encoding::utf8_percent_encode(value, VALUE));
    }

    pub(crate) fn finish(self) -> String {
        self.buf
    }
}

/// Per-request settings every request builder carries.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestOptions {
    /// The timeout of each attempt.
    pub(crate) timeout: Option<std::time::Duration>,
    /// The timeout of the whole call.
    pub(crate) total_timeout: Option<std::time::Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
}

impl RequestOptions {
    /// Appends the extra query parameters.
    pub(crate) fn write_query(&self, query: &mut Query) {
        for (name, value) in &self.query {
            query.push(name, value);
        }
    }

    /// Applies the timeout override and extra headers.
    pub(crate) fn apply(&self, mut request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        request
    }
}

/// The key of an object's property: `key[prop]` in deepObject style, `prop` in form style.
/// Properties of nested objects are then written deepObject style.
pub(crate) fn object_key(key: &str, style: Style, prop: &str) -> String {
    match style {
        Style::DeepObject => format!("{key}[{prop}]"),
        _ => prop.to_owned(),
    }
}

/// A value written as one string in a path, query or header.
pub(crate) trait ParamScalar {
    fn to_param(&self) -> String;
}

impl ParamScalar for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

impl ParamScalar for bool {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamScalar for i32 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamScalar for i64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamScalar for f32 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamScalar for f64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamScalar for serde_json::Value {
    fn to_param(&self) -> String {
        match self {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// A value written into a query string under a key.
pub(crate) trait QueryValue {
    fn write(&self, key: &str, style: Style, query: &mut Query);
}

impl<T: ParamScalar> QueryValue for T {
    fn write(&self, key: &str, _style: Style, query: &mut Query) {
        query.push(key, &self.to_param());
    }
}

impl<T: QueryValue> QueryValue for Option<T> {
    fn write(&self, key: &str, style: Style, query: &mut Query) {
        if let Some(value) = self {
            value.write(key, style, query);
        }
    }
}

/// Writes the texts of a list's items under `key`: the key repeated for each (`form` exploded,
/// and inside a `deepObject`), or once with the items joined as `style` says.
fn write_list(texts: impl Iterator<Item = String>, key: &str, style: Style, query: &mut Query) {
    let separator = match style {
        Style::Form { explode: true } | Style::DeepObject => {
            for text in texts {
                query.push(key, &text);
            }
            return;
        }
        Style::Form { explode: false } => ",",
        Style::SpaceDelimited => " ",
        Style::PipeDelimited => "|",
    };
    query.push(key, &texts.collect::<Vec<_>>().join(separator));
}

impl<T: ParamScalar> QueryValue for Vec<T> {
    fn write(&self, key: &str, style: Style, query: &mut Query) {
        write_list(self.iter().map(ParamScalar::to_param), key, style, query);
    }
}

impl<T: QueryValue> QueryValue for std::collections::BTreeMap<String, T> {
    fn write(&self, key: &str, style: Style, query: &mut Query) {
        for (name, value) in self {
            value.write(&object_key(key, style, name), Style::DeepObject, query);
        }
    }
}

/// An object key, borrowed from the input when it has no escapes.
pub(crate) struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                value: &'de str,
            ) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(value)))
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: serde::de::Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(value)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// How badly a decoded value fits its type: unknown properties and unknown enum values
/// count. Unions keep the alternative with the lowest count.
pub(crate) trait Fit {
    fn misfit(&self) -> usize {
        0
    }
}

/// The misfit of data kept as raw JSON: worse than any typed alternative.
pub(crate) const RAW_MISFIT: usize = usize::MAX / 2;

impl Fit for String {}

impl Fit for bool {}

impl Fit for i32 {}

impl Fit for i64 {}

impl Fit for f32 {}

impl Fit for f64 {}

impl Fit for bytes::Bytes {}

impl Fit for serde_json::Value {
    fn misfit(&self) -> usize {
        RAW_MISFIT
    }
}

impl<T: Fit> Fit for Option<T> {
    fn misfit(&self) -> usize {
        self.as_ref().map_or(0, Fit::misfit)
    }
}

impl<T: Fit> Fit for Box<T> {
    fn misfit(&self) -> usize {
        (**self).misfit()
    }
}

impl<T: Fit> Fit for Vec<T> {
    fn misfit(&self) -> usize {
        self.iter().map(Fit::misfit).fold(0, usize::saturating_add)
    }
}

impl<T: Fit> Fit for std::collections::BTreeMap<String, T> {
    fn misfit(&self) -> usize {
        self.values()
            .map(Fit::misfit)
            .fold(0, usize::saturating_add)
    }
}

impl<T: Fit> Fit for crate::Nullable<T> {
    fn misfit(&self) -> usize {
        self.value().map_or(0, Fit::misfit)
    }
}

impl<T: QueryValue> QueryValue for crate::Nullable<T> {
    fn write(&self, key: &str, style: Style, query: &mut Query) {
        if let Some(value) = self.value() {
            value.write(key, style, query);
        }
    }
}

/// A property that may hold no value: `Option` or [`crate::Nullable`]. Paging reads the
/// `data` and `meta` of a page through it, whichever they are.
pub(crate) trait Present {
    /// What it holds.
    type Value;
    /// The value, when there is one.
    fn present(&self) -> Option<&Self::Value>;
    /// The value by value, when there is one.
    fn into_present(self) -> Option<Self::Value>;
}

impl<T> Present for Option<T> {
    type Value = T;

    fn present(&self) -> Option<&T> {
        self.as_ref()
    }

    fn into_present(self) -> Option<T> {
        self
    }
}

impl<T> Present for crate::Nullable<T> {
    type Value = T;

    fn present(&self) -> Option<&T> {
        self.value()
    }

    fn into_present(self) -> Option<T> {
        self.into_value()
    }
}

/// An integer page number or count as it appears in a parameter or in `meta`.
pub(crate) trait PageNumber: Sized {
    fn get(&self) -> Option<i64>;

    fn from_page(number: i64) -> Option<Self>;
}

impl PageNumber for i64 {
    fn get(&self) -> Option<i64> {
        Some(*self)
    }

    fn from_page(number: i64) -> Option<Self> {
        Some(number)
    }
}

impl PageNumber for i32 {
    fn get(&self) -> Option<i64> {
        Some(i64::from(*self))
    }

    fn from_page(number: i64) -> Option<Self> {
        i32::try_from(number).ok()
    }
}

impl<T: PageNumber> PageNumber for Option<T> {
    fn get(&self) -> Option<i64> {
        self.as_ref().and_then(T::get)
    }

    fn from_page(number: i64) -> Option<Self> {
        T::from_page(number).map(Some)
    }
}

impl<T: PageNumber> PageNumber for crate::Nullable<T> {
    fn get(&self) -> Option<i64> {
        self.value().and_then(T::get)
    }

    fn from_page(number: i64) -> Option<Self> {
        T::from_page(number).map(crate::Nullable::Value)
    }
}

/// The start of a body (or any text from the server), for messages: one line, at most 200
/// characters, no space at either end.
pub(crate) fn snippet(body: &str) -> String {
    let one_line: String = body
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match one_line.char_indices().nth(200) {
        Some((end, _)) => format!("{}…", one_line[..end].trim_end()),
        None => one_line,
    }
}

thread_local! {
    static LENIENT : std::cell::Cell < bool > = const { std::cell::Cell::new(false)
    };
}

/// Whether objects are being decoded in the lenient second pass of [`decode`].
pub(crate) fn is_lenient() -> bool {
    LENIENT.with(std::cell::Cell::get)
}

/// A struct of the API, decoded and encoded property by property through the generic
/// [`deserialize_object`] and [`serialize_object`]. Each struct implements this trait
/// with one small function per direction; the loops, the unknown properties and the
/// lenient pass live here once (large APIs have thousands of structs).
pub(crate) trait Object: Sized {
    /// What decoding expects, for error messages (`a Comment object`).
    const EXPECTING: &'static str;

    /// Where properties are collected while decoding: the struct itself when every
    /// property is optional, otherwise a struct of options.
    type Slots: Default;

    /// Reads the value of `key` into its slot; `Ok(false)` when `key` is not documented.
    fn read<'de, A: serde::de::MapAccess<'de>>(
        slots: &mut Self::Slots,
        key: &str,
        map: &mut A,
        cx: &mut Cx,
    ) -> Result<bool, A::Error>;

    /// The map of undocumented properties.
    fn extra(slots: &mut Self::Slots)
        -> &mut std::collections::BTreeMap<String, serde_json::Value>;

    /// The value once every property is read; fails when a required one is missing.
    fn finish<E: serde::de::Error>(slots: Self::Slots) -> Result<Self, E>;

    /// Writes the documented properties (absent optional ones skipped), then the unknown ones.
    fn write<M: serde::ser::SerializeMap>(&self, out: &mut Out<'_, M>);
}

/// The state of decoding one object: whether this is the lenient pass of [`decode`], and
/// the raw value of an optional property that did not fit its type.
pub(crate) struct Cx {
    lenient: bool,
    misfit: Option<serde_json::Value>,
}

/// Decodes an [`Object`] from a map. When a key appears twice, the last value wins.
pub(crate) fn deserialize_object<'de, T: Object, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct Visitor<T>(std::marker::PhantomData<T>);

    impl<'de, T: Object> serde::de::Visitor<'de> for Visitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(T::EXPECTING)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut cx = Cx {
                lenient: is_lenient(),
                misfit: None,
            };
            let mut slots = T::Slots::default();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                if !T::read(&mut slots, key.as_str(), &mut map, &mut cx)? {
                    let value: serde_json::Value = map.next_value()?;
                    T::extra(&mut slots).insert(key.into_string(), value);
                } else if let Some(raw) = cx.misfit.take() {
                    T::extra(&mut slots).insert(key.into_string(), raw);
                }
            }
            T::finish(slots)
        }
    }
    deserializer.deserialize_map(Visitor(std::marker::PhantomData))
}

/// Reads an optional property: strictly, or in the lenient pass of [`decode`] keeping a
/// value that does not fit in `cx` (it then goes to the object's `extra` map).
pub(crate) fn opt<'de, A: serde::de::MapAccess<'de>, T: serde::de::DeserializeOwned>(
    map: &mut A,
    slot: &mut Option<T>,
    cx: &mut Cx,
) -> Result<bool, A::Error> {
    if !cx.lenient {
        *slot = map.next_value()?;
        return Ok(true);
    }
    match lenient_value::<A, Option<T>>(map)? {
        Ok(value) => *slot = value,
        Err((raw, _)) => {
            *slot = None;
            cx.misfit = Some(raw);
        }
    }
    Ok(true)
}

/// Reads an optional property that may be `null` (see [`crate::Nullable`]), as [`opt`] does:
/// a value that does not fit goes to `extra` in the lenient pass and the slot stays absent.
pub(crate) fn nullable<'de, A: serde::de::MapAccess<'de>, T: serde::de::DeserializeOwned>(
    map: &mut A,
    slot: &mut crate::Nullable<T>,
    cx: &mut Cx,
) -> Result<bool, A::Error> {
    if !cx.lenient {
        *slot = map.next_value()?;
        return Ok(true);
    }
    match lenient_value::<A, crate::Nullable<T>>(map)? {
        Ok(value) => *slot = value,
        Err((raw, _)) => {
            *slot = crate::Nullable::Absent;
            cx.misfit = Some(raw);
        }
    }
    Ok(true)
}

/// Reads a required property (a value that does not fit fails, in either pass). It takes
/// the [`Cx`] it does not need, so that every `Object::read` uses its `cx` parameter.
pub(crate) fn req<'de, A: serde::de::MapAccess<'de>, T: serde::de::DeserializeOwned>(
    map: &mut A,
    slot: &mut Option<T>,
    _cx: &mut Cx,
) -> Result<bool, A::Error> {
    *slot = Some(map.next_value()?);
    Ok(true)
}

/// Encodes an [`Object`] as a map.
pub(crate) fn serialize_object<T: Object, S: serde::Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serde::Serializer::serialize_map(serializer, None)?;
    let mut out = Out {
        map: &mut map,
        error: None,
        skip: None,
    };
    value.write(&mut out);
    if let Some(e) = out.error {
        return Err(e);
    }
    serde::ser::SerializeMap::end(map)
}

/// Encodes an [`Object`] that is an alternative of a union with a discriminator: the
/// discriminator `property` first, set to the alternative's `tag` whatever the object holds
/// there, then its other properties.
pub(crate) fn serialize_tagged<T: Object, S: serde::Serializer>(
    value: &T,
    serializer: S,
    property: &str,
    tag: &str,
) -> Result<S::Ok, S::Error> {
    let mut map = serde::Serializer::serialize_map(serializer, None)?;
    serde::ser::SerializeMap::serialize_entry(&mut map, property, tag)?;
    let mut out = Out {
        map: &mut map,
        error: None,
        skip: Some(property),
    };
    value.write(&mut out);
    if let Some(e) = out.error {
        return Err(e);
    }
    serde::ser::SerializeMap::end(map)
}

/// The value of a union with a discriminator whose tag names an alternative the value does not
/// fit (`error` says why): under the lenient pass of [`decode`], kept whole as the union's
/// `Other` (never taken for another alternative), with a warning that names the property, not
/// the value; otherwise a decoding error at the union's place.
pub(crate) fn tagged_misfit<E: serde::de::Error>(
    value: serde_json::Value,
    property: &str,
    alternative: &str,
    error: &serde_json::Error,
) -> Result<serde_json::Value, E> {
    if is_lenient() {
        tracing::warn!(
            property,
            alternative,
            "a value whose discriminator names an alternative it does not fit was kept whole"
        );
        return Ok(value);
    }
    Err(E::custom(format_args!(
        "its `{property}` names the {alternative} alternative, which it does not fit: {error}"
    )))
}

/// A map being written by [`Object::write`]: after the first error, writes are skipped
/// and [`serialize_object`] returns it.
pub(crate) struct Out<'a, M: serde::ser::SerializeMap> {
    map: &'a mut M,
    error: Option<M::Error>,
    /// A property not to write (the discriminator [`serialize_tagged`] wrote first).
    skip: Option<&'a str>,
}

/// Writes a required property.
pub(crate) fn put<M: serde::ser::SerializeMap, T: serde::Serialize + ?Sized>(
    out: &mut Out<'_, M>,
    name: &str,
    value: &T,
) {
    if out.error.is_none() && out.skip != Some(name) {
        if let Err(e) = out.map.serialize_entry(name, value) {
            out.error = Some(e);
        }
    }
}

/// Writes an optional property unless it is absent.
pub(crate) fn put_opt<M: serde::ser::SerializeMap, T: serde::Serialize>(
    out: &mut Out<'_, M>,
    name: &str,
    value: &Option<T>,
) {
    if let Some(value) = value {
        put(out, name, value);
    }
}

/// Writes an optional property that may be `null`: nothing when absent, `null` when null.
pub(crate) fn put_nullable<M: serde::ser::SerializeMap, T: serde::Serialize>(
    out: &mut Out<'_, M>,
    name: &str,
    value: &crate::Nullable<T>,
) {
    if !value.is_absent() {
        put(out, name, value);
    }
}

/// Writes the properties the API description does not list, after the documented ones.
pub(crate) fn put_extra<M: serde::ser::SerializeMap>(
    out: &mut Out<'_, M>,
    extra: &std::collections::BTreeMap<String, serde_json::Value>,
) {
    for (name, value) in extra {
        put(out, name, value);
    }
}

/// Decodes a string enum through its `From<&str>` (unknown values become `Unknown`).
pub(crate) fn deserialize_enum<'de, T: for<'a> From<&'a str>, D: serde::Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<T, D::Error> {
    struct Visitor<T>(&'static str, std::marker::PhantomData<T>);

    impl<T: for<'a> From<&'a str>> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }
    deserializer.deserialize_str(Visitor(expecting, std::marker::PhantomData))
}

/// The value of a required property, or the error that names it.
pub(crate) fn required<T, E: serde::de::Error>(
    slot: Option<T>,
    name: &'static str,
) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The next value of `map` in the lenient pass: the typed value, or the raw JSON and why it
/// does not fit. Kept out of line so that the strict path of every visitor stays small.
#[cold]
#[inline(never)]
pub(crate) fn lenient_value<'de, A: serde::de::MapAccess<'de>, T: serde::de::DeserializeOwned>(
    map: &mut A,
) -> Result<Result<T, (serde_json::Value, serde_json::Error)>, A::Error> {
    let raw: serde_json::Value = map.next_value()?;
    Ok(match T::deserialize(&raw) {
        Ok(value) => Ok(value),
        Err(e) => Err((raw, e)),
    })
}

/// Runs `f` with lenient decoding on for this thread (decoding never awaits).
fn leniently<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);

    impl Drop for Reset {
        fn drop(&mut self) {
            LENIENT.with(|flag| flag.set(self.0));
        }
    }
    let _reset = Reset(LENIENT.with(|flag| flag.replace(true)));
    f()
}

/// Decodes a JSON success body.
///
/// The body is decoded strictly first. When that fails because a value does not fit its
/// documented type, it is decoded again from a JSON tree in lenient mode: each optional
/// property whose value does not fit is set to `None` and its value kept in the object's
/// `extra` map, so one odd field never discards the response. Only when that also fails
/// (the body is not JSON, or a required property is missing or wrong), or when the client
/// was built with [`strict_decoding`](crate::ClientBuilder::strict_decoding), is the result
/// a [`crate::Error::Decode`] naming the type and the field.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    body: &[u8],
    type_name: &'static str,
    strict: bool,
) -> Result<T, crate::Error> {
    if let Ok(value) = serde_json::from_slice::<T>(body) {
        return Ok(value);
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        // Said plainly rather than as JSON's "EOF while parsing a value".
        return Err(crate::Error::Decode(crate::DecodeError {
            type_name,
            path: ".".to_owned(),
            message: "the response has no body, where the API description documents one".to_owned(),
            snippet: String::new(),
        }));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let error = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let tree = if strict {
        None
    } else {
        serde_json::from_slice::<serde_json::Value>(body).ok()
    };
    if let Some(tree) = tree {
        if let Ok(value) = leniently(|| T::deserialize(&tree)) {
            tracing::warn!(
                type_name, path = % error.path(), error = % error.inner(),
                "response fields that do not fit the API description were kept in `extra`"
            );
            return Ok(value);
        }
    }
    Err(crate::Error::Decode(crate::DecodeError {
        type_name,
        path: error.path().to_string(),
        message: error.inner().to_string(),
        snippet: snippet(&String::from_utf8_lossy(body)),
    }))
}

/// A request built by an operation's builder, ready for [`crate::Client::execute`].
/// Operations build requests synchronously and the `send_*` functions below do the
/// asynchronous part, so the crate has a handful of futures rather than one per operation.
pub(crate) struct Prepared {
    /// A clone of the client (an `Arc`): the futures of `send` own what they use, so they are
    /// `'static` and can be spawned.
    pub(crate) client: crate::Client,
    pub(crate) request: reqwest::RequestBuilder,
    /// The operationId and the path template, for traces.
    pub(crate) operation: &'static str,
    pub(crate) path: &'static str,
    /// The requirements the operation accepts (see [`crate::auth`]).
    pub(crate) security: crate::auth::Security,
    pub(crate) options: RequestOptions,
}

impl Prepared {
    async fn execute(self, read: Read) -> Result<Reply, crate::Error> {
        self.client
            .execute(
                self.request,
                self.operation,
                self.path,
                self.security,
                &self.options,
                read,
            )
            .await
    }

    /// Sends the request and returns the success response with its whole body.
    pub(crate) async fn response(self) -> Result<crate::Response<bytes::Bytes>, crate::Error> {
        match self.execute(Read::Body).await? {
            Reply::Body(response) => Ok(response),
            // `Read::Body` always reads the body; a stream is read here all the same.
            Reply::Stream(response) => {
                let status = response.status().as_u16();
                let headers = response.headers().clone();
                let body = response
                    .bytes()
                    .await
                    .map_err(|e| crate::Error::transport(e, Some(status), false))?;
                Ok(crate::client::response(body, status, headers))
            }
        }
    }
}

// The `send_*` functions return futures whose `Send` is declared here, once, so that the `send`
// of each operation (which returns one of them) costs the compiler nothing to check; `async fn`
// would leave that proof to every operation. Each has a `…_response` twin for
// `send_with_response`, which keeps the status and headers.

/// Sends a request and decodes its JSON success body (see [`decode`]).
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_json<T: serde::de::DeserializeOwned + Send + 'static>(
    prepared: Result<Prepared, crate::Error>,
    type_name: &'static str,
) -> impl std::future::Future<Output = Result<T, crate::Error>> + Send + 'static {
    async move { Ok(json_response::<T>(prepared?, type_name).await?.into_value()) }
}

/// [`send_json`], keeping the status and headers.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_json_response<T: serde::de::DeserializeOwned + Send + 'static>(
    prepared: Result<Prepared, crate::Error>,
    type_name: &'static str,
) -> impl std::future::Future<Output = Result<crate::Response<T>, crate::Error>> + Send + 'static {
    async move { json_response(prepared?, type_name).await }
}

async fn json_response<T: serde::de::DeserializeOwned>(
    prepared: Prepared,
    type_name: &'static str,
) -> Result<crate::Response<T>, crate::Error> {
    let strict = prepared.client.strict_decoding();
    let response = prepared.response().await?;
    let value = decode(response.value(), type_name, strict)?;
    Ok(response.map(|_| value))
}

/// The success responses of an operation whose bodies differ by status, as one type: the
/// `{Operation}Success` enums.
pub(crate) trait Successes: Sized {
    /// The value of a success response with `status` and `body` (its JSON decoded as
    /// [`decode`] does, with `strict` decoding or not).
    fn decode(status: u16, body: &bytes::Bytes, strict: bool) -> Result<Self, crate::Error>;
}

/// Sends a request and returns its success response as `T` says for its status.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_success<T: Successes + Send + 'static>(
    prepared: Result<Prepared, crate::Error>,
) -> impl std::future::Future<Output = Result<T, crate::Error>> + Send + 'static {
    async move { Ok(success_response::<T>(prepared?).await?.into_value()) }
}

/// [`send_success`], keeping the status and headers.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_success_response<T: Successes + Send + 'static>(
    prepared: Result<Prepared, crate::Error>,
) -> impl std::future::Future<Output = Result<crate::Response<T>, crate::Error>> + Send + 'static {
    async move { success_response(prepared?).await }
}

async fn success_response<T: Successes>(
    prepared: Prepared,
) -> Result<crate::Response<T>, crate::Error> {
    let strict = prepared.client.strict_decoding();
    let response = prepared.response().await?;
    let value = T::decode(response.status(), response.value(), strict)?;
    Ok(response.map(|_| value))
}

/// Sends a request and returns its success body as bytes.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_bytes(
    prepared: Result<Prepared, crate::Error>,
) -> impl std::future::Future<Output = Result<bytes::Bytes, crate::Error>> + Send + 'static {
    async move { Ok(prepared?.response().await?.into_value()) }
}

/// [`send_bytes`], keeping the status and headers.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_bytes_response(
    prepared: Result<Prepared, crate::Error>,
) -> impl std::future::Future<Output = Result<crate::Response<bytes::Bytes>, crate::Error>>
       + Send
       + 'static {
    async move { prepared?.response().await }
}

/// Sends a request whose success response has no body (any body is read and dropped).
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_empty(
    prepared: Result<Prepared, crate::Error>,
) -> impl std::future::Future<Output = Result<(), crate::Error>> + Send + 'static {
    async move {
        prepared?.response().await?;
        Ok(())
    }
}

/// [`send_empty`], keeping the status and headers.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_empty_response(
    prepared: Result<Prepared, crate::Error>,
) -> impl std::future::Future<Output = Result<crate::Response<()>, crate::Error>> + Send + 'static {
    async move { Ok(prepared?.response().await?.map(|_| ())) }
}

/// Sends a request and returns its success body as a stream of chunks. Retries end when the
/// response starts; an error while reading the body ends the stream with that error.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_stream(
    prepared: Result<Prepared, crate::Error>,
) -> impl std::future::Future<
    Output = Result<
        impl futures_core::Stream<Item = Result<bytes::Bytes, crate::Error>> + Send,
        crate::Error,
    >,
> + Send
       + 'static {
    async move {
        let response = match prepared?.execute(Read::Stream).await? {
            Reply::Stream(response) => response,
            Reply::Body(response) => {
                let body = response.into_value();
                return Ok(futures_util::future::Either::Left(
                    futures_util::stream::once(async move { Ok(body) }),
                ));
            }
        };
        let status = response.status().as_u16();
        Ok(futures_util::future::Either::Right(
            futures_util::TryStreamExt::map_err(response.bytes_stream(), move |e| {
                crate::Error::transport(e, Some(status), false)
            }),
        ))
    }
}

/// A list request whose pages can be walked: implemented by the request builders of
/// paginated operations, whose `pages` and `items` methods call [`pages`] and [`items`].
pub(crate) trait Paginated: Sized + Clone + Send + 'static {
    /// One page of the response.
    type Page: serde::de::DeserializeOwned + Send + 'static;

    /// One item of a page.
    type Item: Send + 'static;

    /// The page's type name, for decode errors.
    const PAGE_TYPE: &'static str;

    /// The request for the current page.
    fn request(self) -> Result<Prepared, crate::Error>;

    /// The request for the page after `page`, which came with `headers`.
    fn next(self, page: &Self::Page, headers: &reqwest::header::HeaderMap) -> Next<Self>;

    /// The items of a page.
    fn into_items(page: Self::Page) -> Vec<Self::Item>;

    /// The page number (or the offset) this request asks for, when set (listings by page
    /// number and by offset).
    fn current_page(&self) -> Option<i64> {
        None
    }

    /// This request for page (or offset) `number`; `None` when the number does not fit the
    /// parameter.
    fn with_page(self, number: i64) -> Option<Self> {
        let _ = number;
        None
    }

    /// The cursor this request sends, when set (listings by cursor).
    fn current_cursor(&self) -> Option<&str> {
        None
    }

    /// This request with `cursor`.
    fn with_cursor(self, cursor: &str) -> Option<Self> {
        let _ = cursor;
        None
    }
}

/// What follows a page.
#[allow(dead_code)] // each API uses some of them
pub(crate) enum Next<R> {
    /// This request (a parameter changed: the page number, the offset, the cursor).
    Request(R),
    /// This request, sent to this URL (the body's or the `Link` header's), which replaces the
    /// request's own URL, query included.
    Url(R, String),
    /// Nothing: that was the last page.
    End,
}

impl<R> Next<R> {
    /// The request, or the end when there is none (a page number that does not fit).
    pub(crate) fn request(request: Option<R>) -> Next<R> {
        match request {
            Some(request) => Next::Request(request),
            None => Next::End,
        }
    }
}

/// Every page of a listing: `request` for its first page, then for each following page as
/// [`Paginated::next`] says, until it says there is none. An error ends the stream after being
/// yielded. A next page's URL must be on the request's own origin (scheme, host and port): the
/// request's credentials go with it, so a URL elsewhere ends the stream with an error instead.
/// A page that names itself as the next one ends the stream, and so does a response without
/// a body.
pub(crate) fn pages<R: Paginated>(
    request: R,
) -> impl futures_core::Stream<Item = Result<R::Page, crate::Error>> + Send + 'static {
    futures_util::stream::try_unfold(
        Some((request, None)),
        |state: Option<(R, Option<String>)>| async move {
            let Some((request, url)) = state else {
                return Ok(None);
            };
            let following = request.clone();
            let mut prepared = request.request()?;
            if let Some(url) = &url {
                prepared = prepared.with_url(url)?;
            }
            let strict = prepared.client.strict_decoding();
            let response = prepared.response().await?;
            // No body (a `204 No Content` some listings answer when there is nothing): no page.
            if response.value().iter().all(u8::is_ascii_whitespace) {
                return Ok(None);
            }
            let page = decode::<R::Page>(response.value(), R::PAGE_TYPE, strict)?;
            let response = response.map(|_| page);
            let next = match following.next(response.value(), response.headers()) {
                Next::Request(request) => Some((request, None)),
                // The URL just read again would be the same page forever.
                Next::Url(_, next) if url.as_deref() == Some(next.as_str()) => None,
                Next::Url(request, next) => Some((request, Some(next))),
                Next::End => None,
            };
            Ok(Some((response.into_value(), next)))
        },
    )
}

/// Every item of every page (see [`pages`]).
pub(crate) fn items<R: Paginated>(
    request: R,
) -> impl futures_core::Stream<Item = Result<R::Item, crate::Error>> + Send + 'static {
    futures_util::TryStreamExt::try_flatten(futures_util::TryStreamExt::map_ok(
        pages(request),
        |page| {
            futures_util::stream::iter(
                R::into_items(page)
                    .into_iter()
                    .map(Result::<_, crate::Error>::Ok),
            )
        },
    ))
}

impl Prepared {
    /// The same request sent to `url` (relative URLs are read from the request's own), which
    /// must be on the request's origin.
    fn with_url(self, url: &str) -> Result<Prepared, crate::Error> {
        let (http, request) = self.request.build_split();
        let mut request = request.map_err(|e| crate::Error::transport(e, None, false))?;
        let next = request.url().join(url).map_err(|e| {
            crate::Error::Request(format!("the next page's URL {url:?} is not a URL: {e}"))
        })?;
        if next.origin() != request.url().origin() {
            return Err(crate::Error::Request(format!(
                "the next page is on {}, not on the origin of the request: not followed, as the \
                 request's credentials would go with it",
                next.origin().ascii_serialization()
            )));
        }
        *request.url_mut() = next;
        Ok(Prepared {
            request: reqwest::RequestBuilder::from_parts(http, request),
            ..self
        })
    }
}

/// The URL of the `Link` header's `rel="next"` (RFC 8288), when it has one.
pub(crate) fn link_next(headers: &reqwest::header::HeaderMap) -> Option<String> {
    for value in headers.get_all(reqwest::header::LINK) {
        let Ok(value) = value.to_str() else { continue };
        let mut rest = value;
        // Each link: `<url>; param; param`, separated by commas outside the `<>`.
        while let Some(start) = rest.find('<') {
            let end = start + rest[start..].find('>')?;
            let url = &rest[start + 1..end];
            let params_end = rest[end..].find('<').map_or(rest.len(), |next| end + next);
            // This link's parameters, without the comma before the next link.
            let params = rest[end + 1..params_end].trim_end().trim_end_matches(',');
            let next = params.split(';').any(|param| {
                let Some((name, value)) = param.split_once('=') else {
                    return false;
                };
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("next"))
            });
            if next {
                return Some(url.to_owned());
            }
            rest = &rest[params_end..];
        }
    }
    None
}

/// A cursor or a URL taken from a body: its text when it has some.
pub(crate) trait Text {
    fn text(&self) -> Option<&str>;
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        (!self.is_empty()).then_some(self.as_str())
    }
}

/// Decodes the body of an error response into a documented error type, as a success body
/// is decoded by default (strictly, then leniently: a value that does not fit an optional
/// property is kept in `extra`); `None` when it does not decode.
pub(crate) fn error_body<T: serde::de::DeserializeOwned>(error: &crate::ApiError) -> Option<T> {
    if let Ok(value) = serde_json::from_str::<T>(&error.body) {
        return Some(value);
    }
    let tree = serde_json::from_str::<serde_json::Value>(&error.body).ok()?;
    leniently(|| T::deserialize(&tree)).ok()
}

/// Accepts a string or a number (kept as its text) for fields such as error codes.
pub(crate) fn lenient_string<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let value: Option<serde_json::Value> = serde::Deserialize::deserialize(deserializer)?;
    Ok(match value {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

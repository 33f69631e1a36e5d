//! Usage examples for the docs: one call per operation, built from the document's examples
//! where it has them (required arguments always, optional parameters when the document gives
//! an example for them), compiled by rustdoc as `no_run` doctests.
//!
//! Values are written as Rust source, then formatted by `prettyplease` so the examples read
//! like hand-written code.

use super::Ctx;
use crate::ir::{Constraints, Operation, PartKind, Primitive, ResponseBody, TypeKind, TypeRef};
use serde_json::Value;

/// How deep nested example values are written before falling back to defaults.
const MAX_DEPTH: usize = 4;

/// A value expression and whether document examples went into it.
struct Expr {
    code: String,
    from_example: bool,
}

impl Expr {
    fn plain(code: impl Into<String>) -> Self {
        Expr {
            code: code.into(),
            from_example: false,
        }
    }
}

/// Where a value goes: a method argument taking `impl Into<T>` accepts a bare `"text"`; a
/// struct field needs `"text".into()`.
#[derive(Clone, Copy, PartialEq)]
enum Position {
    Argument,
    Field,
}

struct Writer<'a> {
    ctx: &'a Ctx<'a>,
    krate: String,
    /// Set when a value cannot be written: a required field that contains its own type needs
    /// an infinitely deep value. The example is then left out.
    gave_up: std::cell::Cell<bool>,
}

/// No constraints: for values whose schema says nothing more than their type.
static NONE: Constraints = Constraints {
    default: None,
    format: None,
    pattern: None,
    length: (None, None),
    minimum: None,
    maximum: None,
    multiple_of: None,
    min_items: None,
};

impl Writer<'_> {
    fn type_path(&self, name: &str) -> String {
        format!("{}::types::{name}", self.krate)
    }

    /// A value of `ty` meeting `c`: the document's `example` when it has one that is valid,
    /// else its `default`, else one made to meet the constraints.
    fn value(
        &self,
        ty: &TypeRef,
        example: Option<&Value>,
        c: &Constraints,
        pos: Position,
        depth: usize,
    ) -> Expr {
        match ty {
            TypeRef::Option(inner) => {
                let inner = self.value(inner, example, c, Position::Field, depth);
                Expr {
                    code: format!("Some({})", inner.code),
                    from_example: inner.from_example,
                }
            }
            TypeRef::Primitive(p) => self.primitive(p, example, c, pos),
            TypeRef::List(item) => {
                if depth >= MAX_DEPTH {
                    return Expr::plain("Vec::new()");
                }
                // The example's items, else as many made-up items as the array needs (one at
                // least: an empty required array is seldom what an API accepts).
                let items: Vec<Expr> = match example.and_then(Value::as_array) {
                    Some(values) if !values.is_empty() => values
                        .iter()
                        .take(c.min_items.unwrap_or(1).clamp(1, 3))
                        .map(|v| self.value(item, Some(v), &NONE, Position::Field, depth + 1))
                        .collect(),
                    _ => (0..c.min_items.unwrap_or(1).clamp(1, 3))
                        .map(|_| self.value(item, None, &NONE, Position::Field, depth + 1))
                        .collect(),
                };
                Expr {
                    from_example: example.is_some() || items.iter().any(|i| i.from_example),
                    code: format!(
                        "Vec::from([{}])",
                        items
                            .iter()
                            .map(|i| i.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }
            }
            TypeRef::Map(_) => Expr::plain("Default::default()"),
            TypeRef::Json => {
                let value = example.cloned().or_else(|| default_of(c));
                Expr {
                    from_example: value.is_some(),
                    code: format!(
                        "{}::serde_json::json!({})",
                        self.krate,
                        value.unwrap_or_else(|| Value::Object(Default::default()))
                    ),
                }
            }
            TypeRef::Named(id) => self.named(*id, example, c, depth, false),
        }
    }

    /// The value of a struct field, boxed when the field is.
    fn field(&self, f: &crate::ir::Field, example: Option<&Value>, depth: usize) -> Expr {
        self.field_at(f, example, depth, Position::Field)
    }

    /// The value of a field written at `pos`: a constructor argument of a required string
    /// field takes `impl Into<String>`, so a bare literal.
    fn field_at(
        &self,
        f: &crate::ir::Field,
        example: Option<&Value>,
        depth: usize,
        pos: Position,
    ) -> Expr {
        let c = &f.docs.constraints;
        if f.nullable && !f.required {
            // A `Nullable<T>`: the value is written as `Nullable::Value(..)`.
            if let TypeRef::Option(inner) = &f.ty {
                let value = self.value(inner, example, c, Position::Field, depth);
                let code = if f.boxed {
                    format!("Box::new({})", value.code)
                } else {
                    value.code
                };
                return Expr {
                    code: format!("{}::Nullable::Value({code})", self.krate),
                    from_example: value.from_example,
                };
            }
        }
        if !f.boxed {
            return self.value(&f.ty, example, c, pos, depth);
        }
        let (inner_ty, optional) = match &f.ty {
            TypeRef::Option(inner) => (&**inner, true),
            other => (other, false),
        };
        let inner = self.value(inner_ty, example, c, Position::Field, depth);
        let boxed = format!("Box::new({})", inner.code);
        Expr {
            code: if optional {
                format!("Some({boxed})")
            } else {
                boxed
            },
            from_example: inner.from_example,
        }
    }

    fn primitive(
        &self,
        p: &Primitive,
        example: Option<&Value>,
        c: &Constraints,
        pos: Position,
    ) -> Expr {
        let default = default_of(c);
        // The example when it is valid, else the default when it is.
        let given = |valid: &dyn Fn(&Value) -> bool| {
            example
                .filter(|v| valid(v))
                .map(|v| (v.clone(), true))
                .or_else(|| default.clone().filter(|v| valid(v)).map(|v| (v, false)))
        };
        let (code, from_example) = match p {
            Primitive::String { format } => {
                let (text, found) = match given(&|v| v.as_str().is_some_and(|t| text_fits(t, c))) {
                    Some((Value::String(text), found)) => (text, found),
                    _ => (
                        made_up_text(format.as_deref().or(c.format.as_deref()), c),
                        false,
                    ),
                };
                let literal = format!("{text:?}");
                match pos {
                    Position::Argument => (literal, found),
                    Position::Field => (format!("{literal}.into()"), found),
                }
            }
            Primitive::I32 | Primitive::I64 => {
                match given(&|v| v.as_i64().is_some_and(|n| number_fits(n as f64, c))) {
                    Some((v, found)) => (v.to_string(), found),
                    None => (made_up_integer(c).to_string(), false),
                }
            }
            Primitive::F32 | Primitive::F64 => {
                match given(&|v| v.as_f64().is_some_and(|n| number_fits(n, c))) {
                    Some((v, found)) => (format!("{:?}", v.as_f64().unwrap_or_default()), found),
                    None => (format!("{:?}", made_up_number(c)), false),
                }
            }
            Primitive::Bool => match given(&|v| v.is_boolean()) {
                Some((v, found)) => (v.to_string(), found),
                None => ("true".to_string(), false),
            },
        };
        Expr { code, from_example }
    }

    /// A value of the named type `id`; with `whole`, a struct's optional fields are written
    /// too (an alternative of a `oneOf` that has no required field is told from the others
    /// by what it has).
    fn named(
        &self,
        id: crate::ir::TypeId,
        example: Option<&Value>,
        c: &Constraints,
        depth: usize,
        whole: bool,
    ) -> Expr {
        let def = self.ctx.api.types.get(id);
        let path = self.type_path(def.name.as_str());
        let example = example.or(def.docs.example.as_ref());
        // The type's own constraints, unless the place that uses it says more.
        let c = if *c == Constraints::default() {
            &def.docs.constraints
        } else {
            c
        };
        match &def.kind {
            TypeKind::Alias { target } => self.named(*target, example, c, depth, whole),
            TypeKind::Union {
                variants,
                discriminator,
            } => match choose_variant(self.ctx, variants, discriminator.as_deref(), example) {
                Some(v) if depth < MAX_DEPTH => {
                    let inner = match &v.ty {
                        TypeRef::Named(id) => self.named(*id, example, &NONE, depth + 1, true),
                        ty => self.value(ty, example, &NONE, Position::Field, depth + 1),
                    };
                    let payload = if v.boxed {
                        format!("Box::new({})", inner.code)
                    } else {
                        inner.code
                    };
                    Expr {
                        code: format!("{path}::{}({payload})", v.rust_name),
                        from_example: inner.from_example,
                    }
                }
                _ => {
                    self.gave_up.set(true);
                    Expr::plain(format!("{path}::Other(Default::default())"))
                }
            },
            TypeKind::Newtype { inner } => {
                let inner = self.value(inner, example, c, Position::Field, depth);
                Expr {
                    code: format!("{path}({})", inner.code),
                    from_example: inner.from_example,
                }
            }
            TypeKind::Enum { variants, default } => {
                let wanted = example.and_then(Value::as_str);
                let given = default_of(c);
                let by_value = |w: &str| variants.iter().find(|v| v.wire_value == w);
                let chosen = wanted
                    .and_then(by_value)
                    .or_else(|| given.as_ref().and_then(Value::as_str).and_then(by_value))
                    .or_else(|| default.map(|i| &variants[i]))
                    .or(variants.first());
                match chosen {
                    Some(v) => Expr {
                        code: format!("{path}::{}", v.rust_name),
                        from_example: wanted.is_some_and(|w| w == v.wire_value),
                    },
                    None => Expr::plain(format!("{path}::from(\"value\")")),
                }
            }
            TypeKind::Struct {
                fields, default, ..
            } => {
                let object = example.and_then(Value::as_object);
                let tag = super::types::tag_field(self.ctx, id, fields).map(|(field, _)| field);
                let is_tag = |f: &crate::ir::Field| tag.as_ref() == Some(&f.rust_name);
                let required = fields
                    .iter()
                    .filter(|f| !matches!(f.ty, TypeRef::Option(_)));
                let whole = whole && required.clone().all(is_tag);
                let mut set = Vec::new();
                let mut from_example = false;
                if depth < MAX_DEPTH {
                    for f in fields.iter().filter(|f| {
                        matches!(f.ty, TypeRef::Option(_)) && !f.docs.read_only && !is_tag(f)
                    }) {
                        let value = example_of(object, f).filter(|v| !v.is_null());
                        if value.is_none() && !whole {
                            continue;
                        }
                        let expr = self.field(f, value, depth + 1);
                        if expr.from_example || whole {
                            from_example |= expr.from_example;
                            set.push(format!("{}: {}", f.rust_name, expr.code));
                        }
                    }
                }
                let base = if *default {
                    "Default::default()".to_string()
                } else {
                    let args: Vec<String> = required
                        .filter(|f| !is_tag(f))
                        .map(|f| {
                            if depth >= MAX_DEPTH {
                                self.gave_up.set(true);
                                return "Default::default()".to_string();
                            }
                            let pos = if super::types::takes_into(&f.ty) && !f.boxed {
                                Position::Argument
                            } else {
                                Position::Field
                            };
                            let expr = self.field_at(f, example_of(object, f), depth + 1, pos);
                            from_example |= expr.from_example;
                            expr.code
                        })
                        .collect();
                    format!("{path}::new({})", args.join(", "))
                };
                let code = if set.is_empty() {
                    if *default {
                        format!("{path}::default()")
                    } else {
                        base
                    }
                } else {
                    format!("{path} {{ {}, ..{base} }}", set.join(", "))
                };
                Expr { code, from_example }
            }
        }
    }
}

/// The alternative of a union an example is written as: the one its tag names, else the one
/// whose properties the example has, else the first that can be written.
fn choose_variant<'v>(
    ctx: &Ctx,
    variants: &'v [crate::ir::UnionVariant],
    discriminator: Option<&str>,
    example: Option<&Value>,
) -> Option<&'v crate::ir::UnionVariant> {
    let types = &ctx.api.types;
    let object = example.and_then(Value::as_object);
    if let Some(tag) = discriminator
        .and_then(|property| object?.get(property))
        .and_then(Value::as_str)
    {
        if let Some(v) = variants.iter().find(|v| v.tags.iter().any(|t| t == tag)) {
            return Some(v);
        }
    }
    let fields_of = |ty: &TypeRef| crate::paginate::struct_of(types, ty).map(|(f, _)| f);
    let score = |v: &crate::ir::UnionVariant| -> usize {
        match (example, &v.ty) {
            (Some(Value::Object(object)), ty) => match fields_of(ty) {
                // Every required property present, then as many of the example's as possible.
                Some(fields)
                    if fields
                        .iter()
                        .filter(|f| !matches!(f.ty, TypeRef::Option(_)))
                        .all(|f| object.contains_key(&f.wire_name)) =>
                {
                    1 + fields
                        .iter()
                        .filter(|f| object.contains_key(&f.wire_name))
                        .count()
                }
                _ => 0,
            },
            (Some(Value::String(_)), TypeRef::Primitive(Primitive::String { .. })) => 1,
            (Some(Value::Number(_)), TypeRef::Primitive(p)) => {
                usize::from(!matches!(p, Primitive::String { .. } | Primitive::Bool))
            }
            (Some(Value::Bool(_)), TypeRef::Primitive(Primitive::Bool)) => 1,
            (Some(Value::Array(_)), TypeRef::List(_)) => 1,
            _ => 0,
        }
    };
    let best = variants
        .iter()
        .enumerate()
        .max_by_key(|(i, v)| (score(v), std::cmp::Reverse(*i)))
        .filter(|(_, v)| score(v) > 0)
        .map(|(_, v)| v);
    best.or(variants.first())
}

/// The document's `default`, as JSON.
fn default_of(c: &Constraints) -> Option<Value> {
    serde_json::from_str(c.default.as_deref()?).ok()
}

/// Whether `text` has the length, the pattern and the format `c` asks for (the formats a
/// validator checks: dates and times, UUIDs, e-mail addresses, URIs, IP addresses).
fn text_fits(text: &str, c: &Constraints) -> bool {
    let length = text.chars().count();
    let format = match c.format.as_deref() {
        Some("uuid") => {
            Some("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        }
        Some("date") => Some(r"^\d{4}-\d{2}-\d{2}$"),
        Some("date-time") => {
            Some(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
        }
        Some("time") => Some(r"^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$"),
        Some("email") => Some(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
        Some("uri" | "url") => Some(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$"),
        Some("ipv4") => Some(r"^(\d{1,3}\.){3}\d{1,3}$"),
        Some("ipv6") => Some(r"^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$"),
        _ => None,
    };
    let matches = |pattern: &str| regex::Regex::new(pattern).map_or(true, |re| re.is_match(text));
    format.is_none_or(matches)
        && c.length.0.is_none_or(|min| length >= min)
        && c.length.1.is_none_or(|max| length <= max)
        // A pattern Rust's regex cannot read (look-around, back references) is not held
        // against the example.
        && c.pattern.as_deref().is_none_or(matches)
}

/// Whether `n` is within the bounds of `c` and a multiple of its `multipleOf`.
fn number_fits(n: f64, c: &Constraints) -> bool {
    let bound = |b: &Option<(serde_json::Number, bool)>| {
        b.as_ref()
            .and_then(|(v, exclusive)| Some((v.as_f64()?, *exclusive)))
    };
    bound(&c.minimum).is_none_or(|(min, excl)| if excl { n > min } else { n >= min })
        && bound(&c.maximum).is_none_or(|(max, excl)| if excl { n < max } else { n <= max })
        && c.multiple_of
            .as_ref()
            .and_then(serde_json::Number::as_f64)
            .filter(|m| *m > 0.0)
            .is_none_or(|m| (n / m).fract().abs() < 1e-9)
}

/// An integer within the bounds of `c`: 1 when it can be, a multiple of `multipleOf`.
fn made_up_integer(c: &Constraints) -> i64 {
    let min = c.minimum.as_ref().and_then(|(v, excl)| {
        let v = v.as_f64()?;
        Some(if *excl {
            v.floor() as i64 + 1
        } else {
            v.ceil() as i64
        })
    });
    let max = c.maximum.as_ref().and_then(|(v, excl)| {
        let v = v.as_f64()?;
        Some(if *excl {
            v.ceil() as i64 - 1
        } else {
            v.floor() as i64
        })
    });
    let mut n = 1i64.max(min.unwrap_or(1)).min(max.unwrap_or(i64::MAX));
    if let Some(step) = c.multiple_of.as_ref().and_then(serde_json::Number::as_i64) {
        if step > 0 {
            n = n.div_euclid(step) * step;
            if min.is_some_and(|min| n < min) {
                n += step;
            }
        }
    }
    n
}

/// A number within the bounds of `c`.
fn made_up_number(c: &Constraints) -> f64 {
    let n = made_up_integer(c) as f64;
    if number_fits(n, c) {
        return n;
    }
    // Bounds tighter than an integer: halfway between them.
    let bound = |b: &Option<(serde_json::Number, bool)>| b.as_ref().and_then(|(v, _)| v.as_f64());
    match (bound(&c.minimum), bound(&c.maximum)) {
        (Some(min), Some(max)) => (min + max) / 2.0,
        (Some(min), None) => min + 1.0,
        (None, Some(max)) => max - 1.0,
        (None, None) => n,
    }
}

/// Text meeting `c`: matching its pattern, else in its format, of a length it allows.
fn made_up_text(format: Option<&str>, c: &Constraints) -> String {
    if let Some(text) = c.pattern.as_deref().and_then(|p| matching_text(p, c)) {
        return text;
    }
    let text = match format {
        Some("uuid") => "12ade33a-21c0-473b-b055-b3c836e1c292",
        Some("date-time") => "2024-01-01T00:00:00Z",
        Some("date") => "2024-01-01",
        Some("time") => "12:00:00Z",
        Some("email" | "idn-email") => "user@example.com",
        Some("uri" | "url" | "iri" | "uri-reference" | "iri-reference" | "uri-template") => {
            "https://example.com"
        }
        Some("hostname" | "idn-hostname") => "example.com",
        Some("ipv4") => "192.0.2.1",
        Some("ipv6") => "2001:db8::1",
        Some("byte") => "ZXhhbXBsZQ==",
        Some("duration") => "P1D",
        Some("json-pointer") => "/example",
        _ => "example",
    };
    let mut text = text.to_string();
    let (min, max) = c.length;
    if format.is_none() || text == "example" {
        while min.is_some_and(|min| text.chars().count() < min) {
            text.push('x');
        }
        if let Some(max) = max {
            text = text.chars().take(max.max(1)).collect();
        }
    }
    text
}

/// The shortest text matching `pattern` (each repetition as few times as it may, the first
/// of each alternation, a letter or digit of each class), repeated parts growing until the
/// length fits `c`; `None` when the pattern does not parse.
fn matching_text(pattern: &str, c: &Constraints) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let (min, max) = c.length;
    let mut first = None;
    for extra in 0..=min.unwrap_or(0).min(64) as u32 {
        let mut text = String::new();
        write_matching(&hir, extra, &mut text);
        let length = text.chars().count();
        if min.is_none_or(|min| length >= min) && max.is_none_or(|max| length <= max) {
            return Some(text);
        }
        first.get_or_insert(text);
    }
    first
}

fn write_matching(hir: &regex_syntax::hir::Hir, extra: u32, out: &mut String) {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(&String::from_utf8_lossy(&literal.0)),
        HirKind::Class(class) => {
            const PREFERRED: &str = "a0A1bB_-";
            let contains = |ch: char| match class {
                Class::Unicode(u) => u.ranges().iter().any(|r| r.start() <= ch && ch <= r.end()),
                Class::Bytes(b) => b
                    .ranges()
                    .iter()
                    .any(|r| char::from(r.start()) <= ch && ch <= char::from(r.end())),
            };
            let ch = PREFERRED
                .chars()
                .chain((0x21u8..0x7f).map(char::from))
                .find(|ch| contains(*ch))
                .or_else(|| match class {
                    Class::Unicode(u) => u.ranges().first().map(|r| r.start()),
                    Class::Bytes(b) => b.ranges().first().map(|r| char::from(r.start())),
                });
            out.extend(ch);
        }
        HirKind::Repetition(rep) => {
            let count = rep
                .min
                .saturating_add(extra)
                .min(rep.max.unwrap_or(u32::MAX))
                .min(rep.min.max(64));
            for _ in 0..count {
                write_matching(&rep.sub, extra, out);
            }
        }
        HirKind::Capture(capture) => write_matching(&capture.sub, extra, out),
        HirKind::Concat(parts) => parts.iter().for_each(|p| write_matching(p, extra, out)),
        HirKind::Alternation(alternatives) => {
            if let Some(first) = alternatives.first() {
                write_matching(first, extra, out);
            }
        }
    }
}

/// A field's example value: from the enclosing object's example, else the field's own.
fn example_of<'v>(
    object: Option<&'v serde_json::Map<String, Value>>,
    field: &'v crate::ir::Field,
) -> Option<&'v Value> {
    object
        .and_then(|o| o.get(&field.wire_name))
        .or(field.docs.example.as_ref())
}

/// The call expression of an example of `op` (`client.op(..).send().await?`), unformatted,
/// and the crate's identifier; `None` when an argument cannot be written.
fn call(ctx: &Ctx, op: &Operation) -> Option<(String, String)> {
    let (args, setters, krate) = arguments(ctx, op)?;
    let method = &op.method_name;
    let call = format!(
        "client.{method}({}){}.send().await?",
        args.join(", "),
        setters.concat()
    );
    Some((call, krate))
}

/// The example arguments of a call of `op`: the client method's, the setters of optional
/// parameters that have an example, and the crate's name in Rust.
fn arguments(ctx: &Ctx, op: &Operation) -> Option<(Vec<String>, Vec<String>, String)> {
    let writer = Writer {
        ctx,
        krate: ctx.crate_name.replace('-', "_"),
        gave_up: std::cell::Cell::new(false),
    };
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        args.push(
            writer
                .value(
                    &p.ty,
                    p.docs.example.as_ref(),
                    &p.docs.constraints,
                    Position::Argument,
                    0,
                )
                .code,
        );
    }
    let mut setters = Vec::new();
    for p in op.params.iter().filter(|p| !p.required) {
        let expr = writer.value(
            &p.ty,
            p.docs.example.as_ref(),
            &p.docs.constraints,
            Position::Argument,
            0,
        );
        if expr.from_example {
            setters.push(format!(".{}({})", p.rust_name, expr.code));
        }
    }
    if let Some(body) = &op.body {
        let code = match body.encoding {
            crate::ir::BodyEncoding::Json | crate::ir::BodyEncoding::Form => {
                writer
                    .value(
                        &body.ty,
                        body.docs.example.as_ref(),
                        &body.docs.constraints,
                        // The body is taken as its type (a `String`, not `impl Into`).
                        Position::Field,
                        0,
                    )
                    .code
            }
            crate::ir::BodyEncoding::Multipart => multipart_form(&writer.krate, &body.parts),
            crate::ir::BodyEncoding::Raw => {
                format!("{}::bytes::Bytes::from_static(b\"...\")", writer.krate)
            }
        };
        if body.required {
            args.push(code);
        } else {
            setters.push(format!(".body({code})"));
        }
    }
    (!writer.gave_up.get()).then_some((args, setters, writer.krate))
}

/// A multipart form with the parts a request needs: the required ones (else the first), files
/// as a few bytes with a file name, text as its example or a value that meets its schema.
fn multipart_form(krate: &str, parts: &[crate::ir::Part]) -> String {
    let mut form = format!("{krate}::reqwest::multipart::Form::new()");
    let required: Vec<&crate::ir::Part> = parts.iter().filter(|p| p.required).collect();
    let chosen = if required.is_empty() {
        parts.iter().take(1).collect()
    } else {
        required
    };
    for part in chosen {
        let c = &part.docs.constraints;
        let example = part.docs.example.as_ref().filter(|v| !v.is_null());
        let text = match part.kind {
            PartKind::File => {
                // With its media type: the encoding's (its first, when it lists several), else
                // bytes.
                let media = part
                    .content_type
                    .as_deref()
                    .and_then(|types| types.split(',').map(str::trim).find(|t| !t.contains('*')))
                    .unwrap_or("application/octet-stream");
                form.push_str(&format!(
                    ".part({:?}, {krate}::reqwest::multipart::Part::bytes(b\"example\".to_vec()).file_name(\"example\").mime_str({media:?}).expect(\"a media type\"))",
                    part.name
                ));
                continue;
            }
            PartKind::Text => match example {
                Some(Value::String(text)) if text_fits(text, c) => text.clone(),
                _ => made_up_text(c.format.as_deref(), c),
            },
            PartKind::Integer => match example.and_then(Value::as_i64) {
                Some(n) if number_fits(n as f64, c) => n.to_string(),
                _ => made_up_integer(c).to_string(),
            },
            PartKind::Number => match example.and_then(Value::as_f64) {
                Some(n) if number_fits(n, c) => n.to_string(),
                _ => made_up_number(c).to_string(),
            },
            PartKind::Boolean => example.and_then(Value::as_bool).unwrap_or(true).to_string(),
            PartKind::Json => example.map_or_else(|| "{}".to_owned(), Value::to_string),
        };
        form.push_str(&format!(".text({:?}, {text:?})", part.name));
    }
    form
}

/// A call of a waiter's client method that sets the longest wait, without the `?`:
/// `client.wait_until_x(..).max_wait(..).send().await`.
fn waiter_call(ctx: &Ctx, op: &Operation, waiter: &crate::ir::Waiter) -> Option<(String, String)> {
    let (args, _, krate) = arguments(ctx, op)?;
    let seconds = waiter.max_wait_ms.div_ceil(1000);
    let call = format!(
        "client.{}({}).max_wait(std::time::Duration::from_secs({seconds})).send().await",
        waiter.method_name,
        args.join(", "),
    );
    Some((call, krate))
}

/// The example of a waiter's client method: waits (with a longest wait set) and prints the
/// final response.
pub fn waiter_example(ctx: &Ctx, op: &Operation, waiter: &crate::ir::Waiter) -> Option<String> {
    let (call, krate) = waiter_call(ctx, op, waiter)?;
    let mut lines = vec![
        "```no_run".to_string(),
        format!(
            "# async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{"
        ),
    ];
    lines.extend(format_statements(&format!(
        "let response = {call}?; println!(\"{{:?}}\", response.value());"
    )));
    lines.push("# Ok(())".to_string());
    lines.push("# }".to_string());
    lines.push("```".to_string());
    Some(lines.join("\n"))
}

/// For the client README: the first waiter's call, matched on each way a wait ends (statements
/// inside an async function that has a `client` and returns `Result<(), Box<dyn Error>>`).
pub fn readme_waiter_example(ctx: &Ctx) -> Option<String> {
    let (op, waiter) = ctx
        .api
        .operations
        .iter()
        .find_map(|op| op.waiters.first().map(|w| (op, w)))?;
    let (call, krate) = waiter_call(ctx, op, waiter)?;
    let lines = format_statements(&format!(
        "match {call} {{ \
            Ok(response) => println!(\"final: {{:?}}\", response.value()), \
            Err({krate}::WaitError::Failed {{ response, matched, .. }}) => println!(\"failed ({{matched}}): {{:?}}\", response.value()), \
            Err({krate}::WaitError::TimedOut {{ attempts, .. }}) => println!(\"no final state after {{attempts}} requests\"), \
            Err(other) => return Err(other.into()), \
        }}"
    ));
    Some(lines.join("\n"))
}

/// The statements of an example call of `op`, formatted, one per line, without indentation:
/// `let response = client.op(..).send().await?;` and a line that uses the response.
pub fn call_lines(ctx: &Ctx, op: &Operation) -> Option<Vec<String>> {
    let (call, _) = call(ctx, op)?;
    let use_result = match op.success().map(|r| &r.body) {
        _ if op.success_enum.is_some() => "println!(\"{response:?}\");",
        Some(ResponseBody::Json(_)) => "println!(\"{response:?}\");",
        Some(ResponseBody::Bytes { .. }) => "println!(\"{} bytes\", response.len());",
        Some(ResponseBody::Empty) | None => "let () = response;",
    };
    Some(format_statements(&format!(
        "let response = {call}; {use_result}"
    )))
}

/// Statements formatted by prettyplease, one line each, without indentation. Code that does
/// not parse (a value the writer could not express) is returned as it is rather than dropped.
fn format_statements(statements: &str) -> Vec<String> {
    match syn::parse_file(&format!("fn f() {{ {statements} }}")) {
        Ok(file) => {
            let text = prettyplease::unparse(&file);
            let lines: Vec<&str> = text.lines().collect();
            // Drop `fn f() {` and `}`; unindent the body.
            lines[1..lines.len() - 1]
                .iter()
                .map(|l| l.strip_prefix("    ").unwrap_or(l).to_string())
                .collect()
        }
        Err(_) => vec![statements.to_string()],
    }
}

/// Code for the client README, each a block of statements inside an async function that has a
/// `client` and returns `Result<(), Error>`.
pub struct ReadmeExamples {
    /// Creating something: the first POST with a required JSON body.
    pub create: Option<String>,
    /// Walking every item of the first paginated list.
    pub list_all: Option<String>,
    /// Matching errors of the first GET that takes a path parameter.
    pub errors: Option<String>,
    /// Decoding that GET's documented error responses into its error enum, when it has one.
    pub typed_errors: Option<String>,
}

pub fn readme_examples(ctx: &Ctx) -> ReadmeExamples {
    let ops = &ctx.api.operations;
    let krate = ctx.crate_name.replace('-', "_");
    // The resource of the first paginated list is the API's main one: its POST and its GET by
    // id make the examples, when it has them.
    let main_path = ops
        .iter()
        .find(|op| op.pagination.is_some())
        .map(|op| op.path.as_str());
    let creates = |op: &&Operation| {
        op.method == crate::ir::Method::Post
            && op
                .body
                .as_ref()
                .is_some_and(|b| b.required && b.encoding == crate::ir::BodyEncoding::Json)
    };
    let create = ops
        .iter()
        .filter(creates)
        .find(|op| Some(op.path.as_str()) == main_path)
        .or_else(|| ops.iter().find(creates))
        .and_then(|op| call_lines(ctx, op))
        .map(|lines| lines.join("\n"));
    let list_all = ops
        .iter()
        .find(|op| op.pagination.is_some())
        .and_then(|op| {
            let (call, _) = call(ctx, op)?;
            let items = call.trim_end_matches(".send().await?").to_string() + ".items()";
            format_statements(&format!(
                "use {krate}::futures_util::TryStreamExt as _; \
             let mut items = std::pin::pin!({items}); \
             while let Some(item) = items.try_next().await? {{ println!(\"{{item:?}}\"); }}"
            ))
            .join("\n")
            .into()
        });
    let gets_by_id = |op: &&Operation| {
        op.method == crate::ir::Method::Get
            && op
                .params
                .iter()
                .any(|p| p.location == crate::ir::ParamLocation::Path)
            && matches!(op.success().map(|r| &r.body), Some(ResponseBody::Json(_)))
    };
    let get_by_id = ops
        .iter()
        .filter(gets_by_id)
        .find(|op| main_path.is_some_and(|main| op.path.starts_with(&format!("{main}/"))))
        .or_else(|| ops.iter().find(gets_by_id));
    let typed_errors = get_by_id.and_then(|op| {
        let errors = op.error_enum.as_ref()?;
        // The 404 variant when it carries a body, else the first that does.
        let with_body = |v: &&crate::ir::ErrorVariant| {
            matches!(op.responses[v.response].body, ResponseBody::Json(_))
        };
        let variant = errors
            .variants
            .iter()
            .filter(with_body)
            .find(|v| op.responses[v.response].status == crate::ir::Status::Code(404))
            .or_else(|| errors.variants.iter().find(with_body))?;
        let (call, _) = call(ctx, op)?;
        let call = call.trim_end_matches('?');
        let (name, variant) = (&errors.name, &variant.rust_name);
        let lines = format_statements(&format!(
            "use {krate}::operations::{name}; \
             if let Err(e) = {call} {{ \
                 match e.typed::<{name}>() {{ \
                     Some({name}::{variant}(body)) => println!(\"{{body:?}}\"), \
                     Some(other) => println!(\"another documented error: {{other:?}}\"), \
                     None => return Err(e), \
                 }} \
             }}"
        ));
        Some(lines.join("\n"))
    });
    let errors = get_by_id.and_then(|op| {
        let (call, _) = call(ctx, op)?;
        let call = call.trim_end_matches('?');
        format_statements(&format!(
            "match {call} {{ \
                    Ok(found) => println!(\"{{found:?}}\"), \
                    Err(e) if e.is_not_found() => println!(\"no such resource\"), \
                    Err({krate}::Error::Api(api)) => {{ \
                        let code = api.first().and_then(|e| e.code.as_deref()); \
                        let request_id = api.request_id.as_deref(); \
                        eprintln!(\"{{api}} (code {{code:?}}, request {{request_id:?}})\"); \
                    }} \
                    Err(e) if e.is_retryable() => eprintln!(\"try again later: {{e}}\"), \
                    Err(e) => return Err(e), \
                }}"
        ))
        .join("\n")
        .into()
    });
    ReadmeExamples {
        create,
        list_all,
        errors,
        typed_errors,
    }
}

/// The usage example of an operation, as the lines of a `no_run` doctest (fences included);
/// `None` when an argument cannot be written (a type that requires itself).
pub fn operation_example(ctx: &Ctx, op: &Operation) -> Option<String> {
    let krate = ctx.crate_name.replace('-', "_");
    let mut lines = vec![
        "```no_run".to_string(),
        format!("# async fn example(client: {krate}::Client) -> Result<(), {krate}::Error> {{"),
    ];
    lines.extend(call_lines(ctx, op)?);
    lines.push("# Ok(())".to_string());
    lines.push("# }".to_string());
    lines.push("```".to_string());
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraints(pattern: Option<&str>, length: (Option<usize>, Option<usize>)) -> Constraints {
        Constraints {
            pattern: pattern.map(String::from),
            length,
            ..Constraints::default()
        }
    }

    #[test]
    fn text_made_for_a_pattern_matches_it_and_fits_its_length() {
        for (pattern, length) in [
            ("^AC[0-9a-f]{32}$", (None, None)),
            ("^[A-Z]{2}$", (None, None)),
            (r"^\+[1-9]\d{1,14}$", (None, None)),
            ("^[a-z]*$", (Some(3), Some(8))),
            (r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", (None, None)),
            ("^(draft|published|archived)$", (None, None)),
            (r"^\d{4}-\d{2}-\d{2}$", (None, None)),
            (r"[^\s]+", (Some(5), None)),
            ("^[A-Za-z0-9_]{1,64}$", (Some(10), Some(20))),
            (r"^\w+@\w+\.com$", (None, None)),
            ("^.{3,}$", (None, None)),
        ] {
            let c = constraints(Some(pattern), length);
            let text = made_up_text(None, &c);
            assert!(
                regex::Regex::new(pattern).unwrap().is_match(&text),
                "{text:?} does not match {pattern}"
            );
            assert!(text_fits(&text, &c), "{text:?} does not fit {c:?}");
        }
    }

    #[test]
    fn formats_and_lengths_without_a_pattern() {
        let text = |format: Option<&str>, length| made_up_text(format, &constraints(None, length));
        assert_eq!(text(Some("email"), (None, None)), "user@example.com");
        assert_eq!(text(Some("uri"), (None, None)), "https://example.com");
        assert_eq!(text(Some("ipv4"), (None, None)), "192.0.2.1");
        assert_eq!(text(None, (Some(10), None)), "examplexxx");
        assert_eq!(text(None, (None, Some(3))), "exa");
        assert_eq!(text(Some("password"), (Some(8), None)), "examplex");
        // A pattern that does not parse falls back to the format.
        let c = constraints(Some("(unclosed"), (None, None));
        assert_eq!(made_up_text(Some("email"), &c), "user@example.com");
    }

    #[test]
    fn numbers_are_made_within_their_bounds() {
        let number = |v: f64| serde_json::Number::from_f64(v).unwrap();
        let bounds =
            |min: Option<(f64, bool)>, max: Option<(f64, bool)>, step: Option<i64>| Constraints {
                minimum: min.map(|(v, e)| (number(v), e)),
                maximum: max.map(|(v, e)| (number(v), e)),
                multiple_of: step.map(Into::into),
                ..Constraints::default()
            };
        assert_eq!(made_up_integer(&Constraints::default()), 1);
        assert_eq!(
            made_up_integer(&bounds(Some((10.0, false)), None, None)),
            10
        );
        assert_eq!(made_up_integer(&bounds(Some((10.0, true)), None, None)), 11);
        assert_eq!(made_up_integer(&bounds(None, Some((0.0, true)), None)), -1);
        assert_eq!(
            made_up_integer(&bounds(Some((1.0, false)), None, Some(25))),
            25
        );
        assert_eq!(
            made_up_integer(&bounds(Some((-5.0, false)), Some((-2.0, false)), None)),
            -2
        );
        let tight = bounds(Some((0.1, false)), Some((0.2, false)), None);
        let n = made_up_number(&tight);
        assert!(number_fits(n, &tight), "{n}");
        assert!(!number_fits(0.3, &tight));
        assert!(number_fits(50.0, &bounds(None, None, Some(25))));
        assert!(!number_fits(30.0, &bounds(None, None, Some(25))));
    }

    #[test]
    fn an_example_in_the_wrong_format_is_not_trusted() {
        let format = |f: &str| Constraints {
            format: Some(f.into()),
            ..Constraints::default()
        };
        assert!(!text_fits(
            "4f4e4e1-c824-4d63-b37a-d8d698862f1d",
            &format("uuid")
        ));
        assert!(text_fits(
            "4f4e4e1b-c824-4d63-b37a-d8d698862f1d",
            &format("uuid")
        ));
        assert!(!text_fits("example", &format("email")));
        assert!(!text_fits("2024-13", &format("date")));
        assert!(text_fits(
            "2024-01-01T10:00:00.5+01:00",
            &format("date-time")
        ));
        assert!(!text_fits("yesterday", &format("date-time")));
        assert!(text_fits("anything", &format("password")));
        // What is made up for a format meets it.
        for f in [
            "uuid",
            "date",
            "date-time",
            "time",
            "email",
            "uri",
            "ipv4",
            "ipv6",
        ] {
            let c = format(f);
            assert!(text_fits(&made_up_text(Some(f), &c), &c), "{f}");
        }
    }

    #[test]
    fn an_example_that_breaks_its_constraints_is_not_trusted() {
        let c = constraints(Some("^AC[0-9a-f]{32}$"), (None, None));
        assert!(!text_fits("ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", &c));
        assert!(text_fits("AC0123456789abcdef0123456789abcdef", &c));
        assert!(!text_fits("ab", &constraints(None, (Some(3), None))));
        // Look-around is beyond Rust's regex: the example is kept.
        assert!(text_fits(
            "anything",
            &constraints(Some("^(?!x).*$"), (None, None))
        ));
    }
}

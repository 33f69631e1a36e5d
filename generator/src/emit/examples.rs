//! Usage examples for the docs: one call per operation, built from the document's examples
//! where it has them (required arguments always, optional parameters when the document gives
//! an example for them), compiled by rustdoc as `no_run` doctests.
//!
//! Values are written as Rust source, then formatted by `prettyplease` so the examples read
//! like hand-written code.

use super::Ctx;
use crate::ir::{Operation, Primitive, ResponseBody, TypeKind, TypeRef};
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

impl Writer<'_> {
    fn type_path(&self, name: &str) -> String {
        format!("{}::types::{name}", self.krate)
    }

    fn value(&self, ty: &TypeRef, example: Option<&Value>, pos: Position, depth: usize) -> Expr {
        match ty {
            TypeRef::Option(inner) => {
                let inner = self.value(inner, example, Position::Field, depth);
                Expr {
                    code: format!("Some({})", inner.code),
                    from_example: inner.from_example,
                }
            }
            TypeRef::Primitive(p) => self.primitive(p, example, pos),
            TypeRef::List(item) => {
                match example.and_then(Value::as_array).and_then(|a| a.first()) {
                    Some(first) if depth < MAX_DEPTH => {
                        let item = self.value(item, Some(first), Position::Field, depth + 1);
                        Expr {
                            code: format!("Vec::from([{}])", item.code),
                            from_example: item.from_example,
                        }
                    }
                    _ => Expr::plain("Vec::new()"),
                }
            }
            TypeRef::Map(_) => Expr::plain("Default::default()"),
            TypeRef::Json => match example {
                Some(v) => Expr {
                    code: format!("serde_json::json!({v})"),
                    from_example: true,
                },
                None => Expr::plain("serde_json::Value::Null"),
            },
            TypeRef::Named(id) => self.named(*id, example, depth),
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
        if f.nullable && !f.required {
            // A `Nullable<T>`: the value is written as `Nullable::Value(..)`.
            if let TypeRef::Option(inner) = &f.ty {
                let value = self.value(inner, example, Position::Field, depth);
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
            return self.value(&f.ty, example, pos, depth);
        }
        let (inner_ty, optional) = match &f.ty {
            TypeRef::Option(inner) => (&**inner, true),
            other => (other, false),
        };
        let inner = self.value(inner_ty, example, Position::Field, depth);
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

    fn primitive(&self, p: &Primitive, example: Option<&Value>, pos: Position) -> Expr {
        let (code, from_example) = match p {
            Primitive::String { format } => {
                let (text, found) = match example.and_then(Value::as_str) {
                    Some(text) => (text.to_string(), true),
                    None => (
                        match format.as_deref() {
                            Some("uuid") => "12ade33a-21c0-473b-b055-b3c836e1c292".to_string(),
                            Some("date-time") => "2024-01-01T00:00:00Z".to_string(),
                            Some("date") => "2024-01-01".to_string(),
                            _ => "example".to_string(),
                        },
                        false,
                    ),
                };
                let literal = format!("{text:?}");
                match pos {
                    Position::Argument => (literal, found),
                    Position::Field => (format!("{literal}.into()"), found),
                }
            }
            Primitive::I32 | Primitive::I64 => match example.and_then(Value::as_i64) {
                Some(n) => (n.to_string(), true),
                None => ("1".to_string(), false),
            },
            Primitive::F32 | Primitive::F64 => match example.and_then(Value::as_f64) {
                Some(n) => (format!("{n:?}"), true),
                None => ("1.0".to_string(), false),
            },
            Primitive::Bool => match example.and_then(Value::as_bool) {
                Some(b) => (b.to_string(), true),
                None => ("true".to_string(), false),
            },
        };
        Expr { code, from_example }
    }

    fn named(&self, id: crate::ir::TypeId, example: Option<&Value>, depth: usize) -> Expr {
        let def = self.ctx.api.types.get(id);
        let path = self.type_path(def.name.as_str());
        let example = example.or(def.docs.example.as_ref());
        match &def.kind {
            TypeKind::Alias { target } => self.named(*target, example, depth),
            TypeKind::Union { variants, .. } => match variants.first() {
                Some(v) if depth < MAX_DEPTH => {
                    let inner = self.value(&v.ty, example, Position::Field, depth + 1);
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
                _ => Expr::plain(format!("{path}::Other(serde_json::Value::Null)")),
            },
            TypeKind::Newtype { inner } => {
                let inner = self.value(inner, example, Position::Field, depth);
                Expr {
                    code: format!("{path}({})", inner.code),
                    from_example: inner.from_example,
                }
            }
            TypeKind::Enum { variants, default } => {
                let wanted = example.and_then(Value::as_str);
                let chosen = wanted
                    .and_then(|w| variants.iter().find(|v| v.wire_value == w))
                    .or_else(|| default.map(|i| &variants[i]))
                    .or(variants.first());
                match chosen {
                    Some(v) => Expr {
                        code: format!("{path}::{}", v.rust_name),
                        from_example: wanted.is_some(),
                    },
                    None => Expr::plain(format!("{path}::from(\"value\")")),
                }
            }
            TypeKind::Struct {
                fields, default, ..
            } => {
                let object = example.and_then(Value::as_object);
                let mut set = Vec::new();
                let mut from_example = false;
                if depth < MAX_DEPTH {
                    for f in fields
                        .iter()
                        .filter(|f| matches!(f.ty, TypeRef::Option(_)) && !f.docs.read_only)
                    {
                        let Some(value) = example_of(object, f).filter(|v| !v.is_null()) else {
                            continue;
                        };
                        let expr = self.field(f, Some(value), depth + 1);
                        if expr.from_example {
                            from_example = true;
                            set.push(format!("{}: {}", f.rust_name, expr.code));
                        }
                    }
                }
                let base = if *default {
                    "Default::default()".to_string()
                } else {
                    let args: Vec<String> = fields
                        .iter()
                        .filter(|f| !matches!(f.ty, TypeRef::Option(_)))
                        .map(|f| {
                            if depth >= MAX_DEPTH {
                                self.gave_up.set(true);
                                return "Default::default()".to_string();
                            }
                            let expr = self.field_at(
                                f,
                                example_of(object, f),
                                depth + 1,
                                Position::Argument,
                            );
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
                .value(&p.ty, p.docs.example.as_ref(), Position::Argument, 0)
                .code,
        );
    }
    let mut setters = Vec::new();
    for p in op.params.iter().filter(|p| !p.required) {
        let expr = writer.value(&p.ty, p.docs.example.as_ref(), Position::Argument, 0);
        if expr.from_example {
            setters.push(format!(".{}({})", p.rust_name, expr.code));
        }
    }
    if let Some(body) = &op.body {
        let code = match body.encoding {
            crate::ir::BodyEncoding::Json | crate::ir::BodyEncoding::Form => {
                writer
                    .value(&body.ty, body.docs.example.as_ref(), Position::Argument, 0)
                    .code
            }
            crate::ir::BodyEncoding::Multipart => format!(
                "{}::reqwest::multipart::Form::new().text(\"name\", \"value\")",
                writer.krate
            ),
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

//! Waiters: the vendor extension `x-waiters` on a `GET` operation, modelled on Smithy's waiters.
//! Each becomes a `wait_until_…` method of the client that sends the operation until the
//! response reaches a final state (the runtime's `waiter.rs` says how it decides and waits).
//!
//! ```yaml
//! x-waiters:
//!   - name: NumberOrderSettled       # the method is `wait_until_number_order_settled`
//!     description: Waits until ...   # optional: the method's docs
//!     minDelay: 2                    # seconds between requests, at least (default 2)
//!     maxDelay: 30                   # and at most (default 120)
//!     maxWait: 600                   # the default longest wait, in seconds (default 300)
//!     acceptors:                     # tried in order: the first that matches decides
//!       - state: success             # success | failure | retry
//!         path: data.status          # property names, from the top of the success body
//!         expected: success          # the JSON value there (a string, number or boolean)
//!       - state: retry
//!         status: 404                # an error response with this status
//! ```
//!
//! Everything is checked where it is declared: unknown keys, a state other than the three, an
//! acceptor with neither or both of `path` and `status`, `success` on a status (a wait ends in
//! success with a response, so only a path can), delays that are not positive or a minimum above
//! the maximum, a method other than `GET`, and, against the response's types, a path the
//! success body does not have or a value its property cannot take (not one of an enum's values,
//! a string where the property is a number). A mistake is a located error, never a waiter that
//! can never end.

use super::Lowerer;
use crate::ir::*;
use crate::names::{sanitize, Case, Ident, Scope};
use crate::Error;
use serde::Deserialize;

/// `x-waiters` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawWaiter {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    min_delay: Option<f64>,
    #[serde(default)]
    max_delay: Option<f64>,
    #[serde(default)]
    max_wait: Option<f64>,
    acceptors: Vec<RawAcceptor>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAcceptor {
    state: RawState,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    expected: Option<serde_json::Value>,
    #[serde(default)]
    status: Option<u16>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawState {
    Success,
    Failure,
    Retry,
}

/// Smithy's defaults for the delays; the longest wait is ours (Smithy leaves it to the caller).
const DEFAULT_MIN_DELAY: f64 = 2.0;
const DEFAULT_MAX_DELAY: f64 = 120.0;
const DEFAULT_MAX_WAIT: f64 = 300.0;

/// Seconds as written to milliseconds, when they are a positive number of at most a day.
fn millis(seconds: f64) -> Option<u64> {
    (seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0)
        .then(|| (seconds * 1000.0).round() as u64)
}

impl<'a> Lowerer<'a> {
    /// The waiters declared on an operation, not yet named (see [`name`]).
    pub(super) fn waiters(
        &self,
        op: &openapiv3::Operation,
        method: Method,
        op_ptr: &str,
    ) -> Result<Vec<Waiter>, Error> {
        let Some(value) = op.extensions.get("x-waiters") else {
            return Ok(Vec::new());
        };
        let ptr = format!("{op_ptr}/x-waiters");
        if method != Method::Get {
            return Err(self.err(
                &ptr,
                format!(
                    "waiters poll a read: they belong on a GET operation, not a {}",
                    method.as_str()
                ),
            ));
        }
        let raw: Vec<RawWaiter> = serde_path_to_error::deserialize(value).map_err(|e| {
            let at = e
                .path()
                .iter()
                .map(|segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => index.to_string(),
                    serde_path_to_error::Segment::Map { key } => key.clone(),
                    serde_path_to_error::Segment::Enum { variant } => variant.clone(),
                    serde_path_to_error::Segment::Unknown => "?".into(),
                })
                .map(|s| format!("/{}", crate::pointer::escape(&s)))
                .collect::<String>();
            self.err(
                &format!("{ptr}{at}"),
                format!("not a valid waiter: {}", e.inner()),
            )
        })?;
        raw.into_iter()
            .enumerate()
            .map(|(i, raw)| self.waiter(raw, &format!("{ptr}/{i}")))
            .collect()
    }

    fn waiter(&self, raw: RawWaiter, ptr: &str) -> Result<Waiter, Error> {
        if sanitize(&raw.name, Case::Snake)
            .as_str()
            .trim_matches('_')
            .is_empty()
        {
            return Err(self.err(
                &format!("{ptr}/name"),
                "a waiter needs a name made of letters or digits",
            ));
        }
        let delay = |value: Option<f64>, default: f64, key: &str| {
            millis(value.unwrap_or(default)).ok_or_else(|| {
                self.err(
                    &format!("{ptr}/{key}"),
                    format!("`{key}` is seconds: a positive number of at most 86400"),
                )
            })
        };
        let min_delay_ms = delay(raw.min_delay, DEFAULT_MIN_DELAY, "minDelay")?;
        let max_delay_ms = delay(
            raw.max_delay,
            DEFAULT_MAX_DELAY.max(raw.min_delay.unwrap_or(0.0)),
            "maxDelay",
        )?;
        let max_wait_ms = delay(raw.max_wait, DEFAULT_MAX_WAIT, "maxWait")?;
        if min_delay_ms > max_delay_ms {
            return Err(self.err(
                &format!("{ptr}/minDelay"),
                "`minDelay` is longer than `maxDelay`",
            ));
        }
        if raw.acceptors.is_empty() {
            return Err(self.err(
                &format!("{ptr}/acceptors"),
                "a waiter needs at least one acceptor, or it never ends but by timing out",
            ));
        }
        let mut acceptors = Vec::new();
        for (i, acceptor) in raw.acceptors.into_iter().enumerate() {
            let at = format!("{ptr}/acceptors/{i}");
            let state = match acceptor.state {
                RawState::Success => AcceptorState::Success,
                RawState::Failure => AcceptorState::Failure,
                RawState::Retry => AcceptorState::Retry,
            };
            let matcher = match (acceptor.path, acceptor.expected, acceptor.status) {
                (Some(path), Some(expected), None) => {
                    let steps: Vec<String> = path.split('.').map(str::to_owned).collect();
                    if steps.iter().any(String::is_empty) {
                        return Err(self.err(
                            &format!("{at}/path"),
                            format!("`{path}` is not a path: property names joined by `.`"),
                        ));
                    }
                    if expected.is_object() || expected.is_array() || expected.is_null() {
                        return Err(self.err(
                            &format!("{at}/expected"),
                            "`expected` is a string, number or boolean",
                        ));
                    }
                    AcceptorMatcher::Path {
                        path: steps,
                        expected,
                    }
                }
                (None, None, Some(status)) => {
                    if !(400..600).contains(&status) {
                        return Err(self.err(
                            &format!("{at}/status"),
                            format!(
                                "{status} is not an error status: a response is matched by `path`"
                            ),
                        ));
                    }
                    if state == AcceptorState::Success {
                        return Err(self.err(
                            &format!("{at}/state"),
                            "a wait succeeds with a response: a `status` acceptor can be `failure` or `retry`, not `success`",
                        ));
                    }
                    AcceptorMatcher::Status(status)
                }
                (Some(_), None, _) => {
                    return Err(self.err(&at, "a `path` acceptor needs the `expected` value"))
                }
                _ => {
                    return Err(self.err(
                        &at,
                        "an acceptor has either `path` and `expected`, or `status`",
                    ))
                }
            };
            acceptors.push(Acceptor { state, matcher });
        }
        Ok(Waiter {
            method_name: Ident::new(String::new()),
            builder_name: Ident::new(String::new()),
            name: raw.name,
            description: raw.description,
            min_delay_ms,
            max_delay_ms,
            max_wait_ms,
            acceptors,
            pointer: ptr.to_owned(),
        })
    }
}

/// Names the waiters once every operation and error enum has its name, so that declaring a
/// waiter never renames an operation: `wait_until_{name}` among the client's methods and
/// `WaitUntil{Name}` in `crate::operations`.
pub(super) fn name(operations: &mut [Operation], methods: &mut Scope, builders: &mut Scope) {
    for waiter in operations.iter_mut().flat_map(|op| op.waiters.iter_mut()) {
        let base = format!("wait until {}", waiter.name);
        waiter.method_name = methods.claim(sanitize(&base, Case::Snake));
        waiter.builder_name = builders.claim(sanitize(&base, Case::Camel));
    }
}

/// Checks each waiter against its operation's success response, once types are final: the
/// operation returns JSON, and each path acceptor names a property the body has, with a value
/// the property can take.
pub(super) fn check(
    types: &TypeSpace,
    operations: &[Operation],
    at: &crate::load::Locator,
) -> Result<(), Error> {
    for op in operations {
        for waiter in &op.waiters {
            let Some(ResponseBody::Json(body)) = op.success().map(|r| &r.body) else {
                return Err(at.error(
                    &waiter.pointer,
                    "a waiter reads the JSON body of the success response, and this operation has none",
                ));
            };
            for (i, acceptor) in waiter.acceptors.iter().enumerate() {
                if let AcceptorMatcher::Path { path, expected } = &acceptor.matcher {
                    check_path(types, body, path, expected).map_err(|message| {
                        at.error(&format!("{}/acceptors/{i}/path", waiter.pointer), message)
                    })?;
                }
            }
        }
    }
    Ok(())
}

/// The definition a type reference comes to once options, aliases and newtypes are seen
/// through: a named type's id, or the structural type.
enum Seen<'t> {
    Named(TypeId),
    Other(&'t TypeRef),
}

fn see<'t>(types: &'t TypeSpace, mut ty: &'t TypeRef) -> Seen<'t> {
    loop {
        match ty {
            TypeRef::Option(inner) => ty = inner,
            TypeRef::Named(id) => {
                let mut id = *id;
                while let TypeKind::Alias { target } = &types.get(id).kind {
                    id = *target;
                }
                match &types.get(id).kind {
                    TypeKind::Newtype { inner } => ty = inner,
                    _ => return Seen::Named(id),
                }
            }
            other => return Seen::Other(other),
        }
    }
}

/// Walks `path` from `ty`; `Err` says what does not fit.
fn check_path(
    types: &TypeSpace,
    ty: &TypeRef,
    path: &[String],
    expected: &serde_json::Value,
) -> Result<(), String> {
    let mut current = ty;
    let mut walked: Vec<&str> = Vec::new();
    for step in path {
        let here = if walked.is_empty() {
            "the response body".to_owned()
        } else {
            format!("`{}`", walked.join("."))
        };
        walked.push(step);
        let not_object = || format!("{here} is not an object: it has no property `{step}`");
        match see(types, current) {
            Seen::Named(id) => match &types.get(id).kind {
                TypeKind::Struct { fields, .. } => {
                    let Some(field) = fields.iter().find(|f| f.wire_name == *step) else {
                        let names: Vec<&str> =
                            fields.iter().map(|f| f.wire_name.as_str()).collect();
                        return Err(format!(
                            "{here} has no property `{step}` (it has: {})",
                            names.join(", ")
                        ));
                    };
                    current = &field.ty;
                }
                // The alternatives of a union: the path cannot be checked here.
                TypeKind::Union { .. } => return Ok(()),
                _ => return Err(not_object()),
            },
            // Free-form JSON or a map: any property may be there.
            Seen::Other(TypeRef::Json | TypeRef::Map(_)) => return Ok(()),
            Seen::Other(_) => return Err(not_object()),
        }
    }
    let shown = walked.join(".");
    let wrong = |what: &str| Err(format!("`{shown}` is {what}, which {expected} is not"));
    match see(types, current) {
        Seen::Named(id) => match &types.get(id).kind {
            TypeKind::Enum { variants, .. } => {
                let values: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
                match expected.as_str() {
                    Some(text) if values.contains(&text) => Ok(()),
                    _ => Err(format!(
                        "{expected} is not a value of `{shown}` ({})",
                        values.join(", ")
                    )),
                }
            }
            TypeKind::Union { .. } => Ok(()),
            _ => Err(format!(
                "`{shown}` is an object: compare one of its properties"
            )),
        },
        Seen::Other(TypeRef::Primitive(Primitive::String { .. })) if !expected.is_string() => {
            wrong("a string")
        }
        Seen::Other(TypeRef::Primitive(Primitive::Bool)) if !expected.is_boolean() => {
            wrong("a boolean")
        }
        Seen::Other(TypeRef::Primitive(Primitive::I32 | Primitive::I64))
            if !(expected.is_i64() || expected.is_u64()) =>
        {
            wrong("an integer")
        }
        Seen::Other(TypeRef::Primitive(Primitive::F32 | Primitive::F64))
            if !expected.is_number() =>
        {
            wrong("a number")
        }
        Seen::Other(TypeRef::List(_)) => wrong("an array"),
        _ => Ok(()),
    }
}

#!/usr/bin/env python3
"""Convert the upstream Telnyx OpenAPI 3.1 document into an OpenAPI 3.0 document that
progenitor 0.15.1 accepts, with minimal, mechanical, logged edits.

Each kind of edit was added in the round in which progenitor reported the blocker that it
fixes (see README.md). `--rounds N` applies only the edits of rounds 1..N, so any round's
blocker can be replayed:

    python3 convert.py IN.yml OUT.json [--rounds N]

Prints one line per kind of edit with its count (on stderr), and writes JSON (progenitor
reads JSON or YAML; JSON is much faster to write and to read).
"""
import argparse
import collections
import copy
import json
import re
import sys
import time

import yaml

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

COUNTS = collections.Counter()
LOG = collections.defaultdict(list)  # kind -> examples (for --verbose)


def note(kind, where=None, n=1):
    COUNTS[kind] += n
    if where is not None:
        LOG[kind].append(where)


def walk(node, fn, path=()):
    """Post-order walk over every dict (fn(dict, path)); lists and dicts are descended."""
    if isinstance(node, dict):
        for k, v in list(node.items()):
            walk(v, fn, path + (k,))
        fn(node, path)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, fn, path + (i,))


def is_schema_path(path):
    """True when `path` points at a schema object (not e.g. at an example value)."""
    for p in path:
        if p in ("example", "examples") :
            return False
    return True


def operations(doc):
    for p, item in doc.get("paths", {}).items():
        for m in HTTP_METHODS:
            if m in item:
                yield p, m, item[m]


# --------------------------------------------------------------------------------------
# 3.1 -> 3.0 rewrites.  Rounds 1-3 and 5 (see ROUNDS at the end): openapiv3 (a 3.0 model)
# cannot deserialize type arrays or numeric exclusiveMinimum/Maximum; progenitor rejects
# `openapi: 3.1.0` and panics on `type: 'null'`.  `const`, schema `examples` arrays and
# `webhooks` are ignored by openapiv3 and are only rewritten with --faithful.
# --------------------------------------------------------------------------------------
def e_openapi_version(doc):
    if doc.get("openapi", "").startswith("3.1"):
        doc["openapi"] = "3.0.3"
        note("openapi: 3.1.0 -> 3.0.3")


def e_drop_webhooks(doc):
    if "webhooks" in doc:
        note(f"top-level webhooks dropped (3.1 only; {len(doc['webhooks'])} webhooks)")
        del doc["webhooks"]


def e_type_arrays(doc):
    def fn(s, path):
        if not is_schema_path(path):
            return
        t = s.get("type")
        if isinstance(t, list):
            non_null = [x for x in t if x != "null"]
            if len(non_null) != 1:
                raise SystemExit(f"unhandled type array {t} at {path}")
            s["type"] = non_null[0]
            if "null" in t:
                s["nullable"] = True
                note("type: [T, null] -> type: T, nullable: true", path)
            else:
                note("type: [T] -> type: T", path)
    walk(doc, fn)


def e_type_null(doc):
    """`type: 'null'`: 3.0 has no null type.  As an anyOf/oneOf branch next to the real
    type(s) the branch is dropped and the parent made nullable (a single remaining branch
    is merged into the parent, or kept as `allOf: [$ref]`, the 3.0 idiom for a nullable
    reference); elsewhere the schema becomes `nullable: true` with no type."""
    def fn(s, path):
        if not is_schema_path(path):
            return
        if s.get("type") == "null":
            del s["type"]
            s["nullable"] = True
            s["x-was-type-null"] = True
            note("type: null -> nullable: true (no type)", path)
        for comb in ("anyOf", "oneOf"):
            if isinstance(s.get(comb), list):
                branches = s[comb]
                nulls = [b for b in branches if isinstance(b, dict) and b.get("x-was-type-null")
                         and set(b) <= {"x-was-type-null", "nullable", "description"}]
                if nulls and len(branches) - len(nulls) >= 1:
                    s[comb] = [b for b in branches if not any(b is n for n in nulls)]
                    s["nullable"] = True
                    note(f"  of which {comb} [.., {{type: null}}] -> {comb} [..] + nullable", path)
                    if len(s[comb]) == 1:
                        (only,) = s.pop(comb)
                        if "$ref" in only:
                            s["allOf"] = [only]
                            note(f"  of which single remaining branch ($ref) -> allOf [$ref]", path)
                        elif not (set(only) & (set(s) - {"nullable"})):
                            s.update(only)
                            s["nullable"] = True
                            note(f"  of which single remaining branch (inline) -> merged", path)
                        else:
                            s[comb] = [only]

    walk(doc, fn)

    def unmark(s, path):
        s.pop("x-was-type-null", None)

    walk(doc, unmark)


def e_numeric_exclusive_bounds(doc):
    def fn(s, path):
        if not is_schema_path(path):
            return
        for kw, base in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            v = s.get(kw)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                s[base] = v
                s[kw] = True
                note(f"numeric {kw}: N -> {base}: N, {kw}: true", path)

    walk(doc, fn)


def e_const_to_enum(doc):
    def fn(s, path):
        if not is_schema_path(path):
            return
        if "const" in s and (path[-1:] != ("properties",)):
            v = s.pop("const")
            s["enum"] = [v]
            note("const: V -> enum: [V]", path)

    walk(doc, fn)


def e_schema_examples(doc):
    def fn(s, path):
        # `examples` in a schema (JSON Schema 2020-12: an array) -> 3.0 `example`
        if isinstance(s.get("examples"), list) and ("type" in s or "properties" in s or "$ref" in s or "enum" in s):
            ex = s.pop("examples")
            if ex and "example" not in s:
                s["example"] = ex[0]
            note("schema examples: [..] -> example", path)

    walk(doc, fn)




# --------------------------------------------------------------------------------------
# Round 4: "duplicate operation ID: ListPhoneNumbers" (progenitor error).
# --------------------------------------------------------------------------------------
def e_duplicate_operation_ids(doc):
    seen = collections.Counter()
    for p, m, op in operations(doc):
        oid = op.get("operationId")
        if oid is None:
            continue
        seen[oid] += 1
        if seen[oid] > 1:
            op["operationId"] = f"{oid}_{seen[oid]}"
            note("duplicate operationId -> operationId_N", (p, m, oid))


# --------------------------------------------------------------------------------------
# Round 6: typify panics "Failed to make unique variant names for [+,-,*,/,%]": string
# enums whose values do not give distinct Rust variant names.  typify's naming is mimicked
# (heck PascalCase of the value with non-identifier characters as separators; then a
# second try with those characters turned into 'X'), and only when both tries collide is
# the enum dropped (the schema stays `type: string`, so every wire value stays valid).
# --------------------------------------------------------------------------------------
def _heck_words(s):
    words = []
    for chunk in re.split(r"[^0-9A-Za-z]+", s):
        if not chunk:
            continue
        # word boundaries: aB, ABc (acronym end), as heck does
        w = ""
        for i, c in enumerate(chunk):
            prev = chunk[i - 1] if i else ""
            nxt = chunk[i + 1] if i + 1 < len(chunk) else ""
            if w and ((prev.islower() and c.isupper()) or
                      (prev.isupper() and c.isupper() and nxt.islower())):
                words.append(w)
                w = ""
            w += c
        words.append(w)
    return words


def _pascal(s):
    return "".join(w[:1].upper() + w[1:].lower() for w in _heck_words(s))


def _typify_variant(v, second_try):
    if v == "+1":
        return "Plus1"
    if v == "-1":
        return "Minus1"
    if second_try:
        v = re.sub(r"[^0-9A-Za-z]", "X", v)  # '_' and non-identifier characters -> X
    out = _pascal(v.replace("'", ""))
    if not out:
        out = "X"
    elif not (out[0].isalpha() or out[0] == "_"):
        out = "X" + out
    return out


def _unique(names):
    return len(set(names)) == len(names)


def e_enum_variant_collisions(doc):
    def fn(s, path):
        if not is_schema_path(path):
            return
        vals = s.get("enum")
        if not isinstance(vals, list) or s.get("type") not in (None, "string"):
            return
        svals = [v for v in vals if isinstance(v, str)]
        if len(svals) != len([v for v in vals if v is not None]) or len(svals) < 2:
            return
        if _unique([_typify_variant(v, False) for v in svals]) or \
           _unique([_typify_variant(v, True) for v in svals]):
            return
        del s["enum"]
        s.setdefault("type", "string")
        note("string enum whose values collide as Rust variants -> plain string", (path, svals))

    walk(doc, fn)


# --------------------------------------------------------------------------------------
# Round 7: "type error value does not conform to the given schema" (typify validating a
# `default`; the message names no schema, the culprits were found by bisecting over the
# document's defaults, work/bisect.py): `default: ''` on an array
# (AdvancedOrder.phone_number_type, whose `type: array` is implied by `items`).  Rule:
# remove a default whose JSON type cannot match the schema's explicit or implied type.
# --------------------------------------------------------------------------------------
_JSON_TYPES = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
               "array": (list,), "object": (dict,)}


def _schema_defaults(doc, fn):
    def visit(s, path):
        if is_schema_path(path) and "default" in s and path[-1:] not in (("properties",), ("responses",), ("mapping",)):
            fn(s, path)
    walk(doc, visit)


def e_default_wrong_json_type(doc):
    def fn(s, path):
        t = s.get("type") or ("array" if "items" in s else None)
        v = s["default"]
        if not isinstance(t, str) or t not in _JSON_TYPES or v is None:
            return
        if not (isinstance(v, _JSON_TYPES[t]) and not (t != "boolean" and isinstance(v, bool))):
            del s["default"]
            note(f"default of the wrong JSON type removed ({t} with default {v!r})", path)
    _schema_defaults(doc, fn)


# --------------------------------------------------------------------------------------
# --faithful only (then after round 7): the same message again, for discriminator fields that were `const: X` with
# `default: X` (FlowNode.type, ToolNode.type, SpeakNode.type and their *Req twins; found
# by bisecting): after `const` -> one-value enum, typify rejects the default.  Rule: remove
# a default equal to the only value of a one-value enum (it is redundant).
# --------------------------------------------------------------------------------------
def e_default_on_const(doc):
    def fn(s, path):
        e = s.get("enum")
        if isinstance(e, list) and len(e) == 1 and s["default"] == e[0]:
            del s["default"]
            note("default on a one-value enum (ex-const) removed", path)
    _schema_defaults(doc, fn)


# --------------------------------------------------------------------------------------
# Round 8: "unsupported style of query parameter DeepObject" (progenitor accepts only
# `style: form` query parameters).  Rule: `style: deepObject` -> `style: form` (the
# parameter and its schema stay; the wire encoding of these filter/page objects is then
# progenitor's form encoding, not `filter[x]=..`).
# --------------------------------------------------------------------------------------
def e_deep_object(doc):
    def fix(prm, where):
        if isinstance(prm, dict) and prm.get("in") == "query" and prm.get("style") == "deepObject":
            prm["style"] = "form"
            note("query parameter style: deepObject -> form", where)
    for name, prm in doc.get("components", {}).get("parameters", {}).items():
        fix(prm, ("components", "parameters", name))
    for p, item in doc.get("paths", {}).items():
        for i, prm in enumerate(item.get("parameters", [])):
            fix(prm, (p, "parameters", i))
        for m in HTTP_METHODS:
            for i, prm in enumerate(item.get(m, {}).get("parameters", [])):
                fix(prm, (p, m, "parameters", i))


# --------------------------------------------------------------------------------------
# Round 9: "unexpected content type: multipart/form-data" (progenitor's request bodies are
# JSON, octet-stream, form-urlencoded or text).  Rule: a request body whose only media type
# is multipart/form-data becomes application/octet-stream with the schema progenitor
# expects ({type: string, format: binary}); the caller then sends a pre-built body.
# --------------------------------------------------------------------------------------
def _request_bodies(doc):
    for name, b in doc.get("components", {}).get("requestBodies", {}).items():
        yield ("components", "requestBodies", name), b
    for p, m, op in operations(doc):
        b = op.get("requestBody")
        if isinstance(b, dict) and "$ref" not in b:
            yield (p, m, "requestBody"), b


OCTET = {"schema": {"type": "string", "format": "binary"}}


def e_multipart_only_body(doc):
    for where, b in _request_bodies(doc):
        content = b.get("content", {})
        if list(content) == ["multipart/form-data"]:
            b["content"] = {"application/octet-stream": copy.deepcopy(OCTET)}
            note("multipart/form-data-only request body -> application/octet-stream (binary)", where)


# --------------------------------------------------------------------------------------
# Round 10: panic "not yet implemented: more media types than expected for CreateDocument: 2"
# (progenitor takes exactly one request media type).  Rule: a request body with several
# media types keeps application/json only.
# --------------------------------------------------------------------------------------
def e_several_request_media_types(doc):
    for where, b in _request_bodies(doc):
        content = b.get("content", {})
        if len(content) > 1 and "application/json" in content:
            dropped = sorted(k for k in content if k != "application/json")
            b["content"] = {"application/json": content["application/json"]}
            note("request body with several media types -> application/json only", (where, dropped))


# --------------------------------------------------------------------------------------
# Round 11: "unexpected content type: */*" (4 legacy reporting POSTs whose `*/*` body has
# a JSON object schema).  Rule: a `*/*`-only request body -> application/json.
# --------------------------------------------------------------------------------------
def e_wildcard_request_body(doc):
    for where, b in _request_bodies(doc):
        content = b.get("content", {})
        if list(content) == ["*/*"]:
            b["content"] = {"application/json": content["*/*"]}
            note("*/* request body -> application/json", where)


# --------------------------------------------------------------------------------------
# Round 12: panic "assertion failed: response_types.len() <= 1" (progenitor gives each
# method one success type and one error type: the 2xx responses plus `default` must all
# (and 101) have the same type, and so must the 4xx/5xx responses plus `default`).  Response types
# are keyed the way progenitor/typify 0.8 name them: a JSON schema `$ref` is its component;
# an inline struct/enum is named by its title or else `<OperationId>Response` (same name
# = same type in typify); other inline JSON schemas by structure; non-JSON content is
# "raw"; no content is "none".  Rule, per operation: in the success set keep the responses
# of the lowest 2xx's type and drop the others (mostly a `default` error response next to
# a 200); then in the error set keep the lowest error code's type and drop the others.
# --------------------------------------------------------------------------------------
def _resolve(doc, obj):
    while isinstance(obj, dict) and "$ref" in obj:
        parts = obj["$ref"].lstrip("#/").split("/")
        o = doc
        for k in parts:
            o = o[k]
        obj = o
    return obj


def _response_key(doc, resp, op_id):
    resp = _resolve(doc, resp)
    content = resp.get("content") or {}
    mt = next((k for k in content if k == "application/json" or k.startswith("application/json;")), None)
    if mt is None:
        return "raw" if content else "none"
    schema = content[mt].get("schema")
    if schema is None:
        return "json-no-schema"
    if "$ref" in schema:
        return "ref:" + schema["$ref"].split("/")[-1]
    if any(k in schema for k in ("properties", "allOf", "oneOf", "anyOf", "enum")) or schema.get("type") == "object":
        title = schema.get("title")
        return "named:" + _pascal(title if title else f"{op_id}-response")
    return "inline:" + json.dumps(schema, sort_keys=True)


def _code_class(code):
    c = str(code)
    if c == "default":
        return "default"
    if c.upper() == "2XX" or c.startswith("2") or c == "101":
        return "success"
    if c[0] in "45":
        return "error"
    return "other"


def e_response_types(doc):
    for p, m, op in operations(doc):
        resps = op.get("responses") or {}
        op_id = op.get("operationId", "")
        keys = {code: _response_key(doc, r, op_id) for code, r in resps.items()}

        def sort_key(code):
            c = str(code).upper()
            return (c == "DEFAULT", c.replace("X", "0"))

        # success set: 2xx (+ default unless a 2XX range covers it)
        succ = sorted([c for c in resps if _code_class(c) == "success"], key=sort_key)
        succ_set = succ + (["default"] if "default" in resps and "2XX" not in [str(c).upper() for c in succ] else [])
        if len({keys[c] for c in succ_set}) > 1:
            keep = keys[succ_set[0]]
            for c in succ_set:
                if keys[c] != keep:
                    del resps[c]
                    kind = "default response" if c == "default" else "2xx response"
                    note(f"{kind} with a type other than the first 2xx's removed", (p, m, op_id, c))
        err = sorted([c for c in resps if _code_class(c) == "error"], key=sort_key)
        err_set = err + (["default"] if "default" in resps else [])
        if len({keys[c] for c in err_set}) > 1:
            keep = keys[err_set[0]]
            for c in err_set:
                if keys[c] != keep:
                    del resps[c]
                    kind = "default response" if c == "default" else "4xx/5xx response"
                    note(f"{kind} with a type other than the first error's removed", (p, m, op_id, c))


# --------------------------------------------------------------------------------------
# Round 13 (first one found by `cargo check` of the output, not by progenitor itself):
# E0428 "the name `CountryCode` is defined multiple times" (and Name, ErrorSource, Status,
# PhoneNumber, PhoneNumberStatus, Url, Vertical), E0072 "recursive type `Url`".  typify
# names a component by its key in PascalCase and an inline struct/enum/newtype by its
# `title`; equal names give two definitions (or one type merged into another).  Rules:
# (a) a component schema whose PascalCase name equals an earlier one's is renamed
# `<name>_2` (every $ref follows); (b) an inline schema's `title` whose PascalCase equals
# a component's name is removed.
# --------------------------------------------------------------------------------------
def _rename_refs(doc, prefix, old, new):
    old_ref, new_ref = prefix + old, prefix + new

    def fn(s, path):
        if s.get("$ref") == old_ref:
            s["$ref"] = new_ref
    walk(doc, fn)


def _typify_names_it(s):
    """Whether typify makes a named Rust type (struct, enum, newtype) of an inline schema."""
    return ("properties" in s or s.get("type") == "object" or "enum" in s
            or any(k in s for k in ("allOf", "oneOf", "anyOf"))
            or (s.get("type") == "string" and any(k in s for k in ("minLength", "maxLength", "pattern"))))


def e_component_name_collisions(doc):
    schemas = doc.get("components", {}).get("schemas", {})
    seen = {}
    renames = []
    for name in list(schemas):
        key = _pascal(name)
        if key in seen:
            renames.append((name, f"{name}_2"))
        else:
            seen[key] = name
    for old, new in renames:
        assert new not in schemas
        schemas[new] = schemas.pop(old)
        _rename_refs(doc, "#/components/schemas/", old, new)
        note("component schema whose Rust name collides renamed <name>_2", (old, "collides with", seen[_pascal(old)]))


def e_inline_titles_colliding_with_components(doc):
    names = {_pascal(n) for n in doc.get("components", {}).get("schemas", {})}

    def fn(s, path):
        if not is_schema_path(path) or path[-1:] == ("properties",):
            return
        if len(path) == 3 and path[:2] == ("components", "schemas"):
            return  # a component's own title does not name it
        t = s.get("title")
        if isinstance(t, str) and _pascal(t) in names and _typify_names_it(s):
            del s["title"]
            note("inline schema title equal to a component's Rust name removed", (path, t))
    walk(doc, fn)


# --------------------------------------------------------------------------------------
# Round 14 (second `cargo check`): E0428 `PhoneNumberStatus` and `ErrorSource` defined
# twice (typify names the inline type of property `status` of component `PhoneNumber`
# `PhoneNumberStatus`, which is also a component), and E0592 duplicate method
# `get_mdr_usage_reports` (operationIds GetMdrUsageReports and getMdrUsageReports).
# Rules: (a) a component whose Rust name equals <Component><Property> of an inline named
# property type is renamed `<name>_2`; (b) an operationId whose snake_case equals an
# earlier one's gets the suffix `_2`.
# --------------------------------------------------------------------------------------
def e_derived_name_collisions(doc):
    schemas = doc.get("components", {}).get("schemas", {})
    names = {_pascal(n): n for n in schemas}
    derived = {}
    for cname, sch in schemas.items():
        for pname, ps in (sch.get("properties") or {}).items():
            if isinstance(ps, dict) and "$ref" not in ps and _typify_names_it(ps) and not ps.get("title"):
                derived.setdefault(_pascal(cname) + _pascal(pname), (cname, pname))
    for key, (cname, pname) in derived.items():
        if key in names:
            old = names[key]
            new = f"{old}_2"
            schemas[new] = schemas.pop(old)
            _rename_refs(doc, "#/components/schemas/", old, new)
            note("component named like an inline property type (<Component><Property>) renamed <name>_2",
                 (old, "=", f"{cname}.{pname}"))


def _snake(s):
    return "_".join(w.lower() for w in _heck_words(s))


def e_operation_id_case_collisions(doc):
    seen = {}
    for p, m, op in operations(doc):
        oid = op.get("operationId")
        if oid is None:
            continue
        k = _snake(oid)
        if k in seen:
            op["operationId"] = f"{oid}_2"
            note("operationId whose snake_case collides with another's -> operationId_2", (p, m, oid, seen[k]))
        else:
            seen[k] = oid


# The rounds, in the order in which the blockers showed up (each round's edits are all
# the mechanical rewrites of that one kind; round N's blocker is what progenitor, or
# `cargo check` of its output, reports after rounds 1..N-1).  `--rounds N` applies 1..N.
ROUNDS = [
    # 1: load: "components.schemas.AudioChunkFrame: invalid type: sequence, expected a string"
    [e_type_arrays],
    # 2: load: "paths: invalid type: integer `100`, expected a boolean"
    [e_numeric_exclusive_bounds],
    # 3: progenitor: "invalid version: 3.1.0"
    [e_openapi_version],
    # 4: progenitor: "duplicate operation ID: ListPhoneNumbers"
    [e_duplicate_operation_ids],
    # 5: progenitor panic: "not yet implemented: invalid type: null"
    [e_type_null],
    # 6: typify panic: "Failed to make unique variant names for [+,-,*,/,%]"
    [e_enum_variant_collisions],
    # 7: typify: "value does not conform to the given schema" (array with default '')
    [e_default_wrong_json_type],
    # 8: progenitor: "unsupported style of query parameter DeepObject"
    [e_deep_object],
    # 9: progenitor: "unexpected content type: multipart/form-data"
    [e_multipart_only_body],
    # 10: progenitor panic: "not yet implemented: more media types than expected for CreateDocument: 2"
    [e_several_request_media_types],
    # 11: progenitor: "unexpected content type: */*"
    [e_wildcard_request_body],
    # 12: progenitor panic: "assertion failed: response_types.len() <= 1"
    [e_response_types],
    # 13: progenitor succeeds; `cargo check` of its output: E0428 CountryCode, Name, ErrorSource,
    #     Status, PhoneNumber, PhoneNumberStatus, Url, Vertical defined twice, E0072 Url recursive
    [e_component_name_collisions, e_inline_titles_colliding_with_components],
    # 14: `cargo check`: E0428 PhoneNumberStatus, ErrorSource still twice; E0592 duplicate method
    #     get_mdr_usage_reports
    [e_derived_name_collisions, e_operation_id_case_collisions],
]

# Edits that are not needed for progenitor to accept the document (it ignores `const`,
# `examples` and `webhooks`), applied only with --faithful; r5 is then needed too.
FAITHFUL = [e_const_to_enum, e_schema_examples, e_drop_webhooks, e_default_on_const]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--rounds", type=int, default=len(ROUNDS))
    ap.add_argument("--faithful", action="store_true",
                    help="also turn const into one-value enums, schema examples into example, drop webhooks")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    t = time.time()
    with open(a.input) as f:
        doc = yaml.load(f, Loader=Loader)
    n_ops_in = sum(1 for _ in operations(doc))
    edits = [f for r in ROUNDS[: a.rounds] for f in r]
    if a.faithful:
        edits = edits[:1] + FAITHFUL[:3] + edits[1:] + FAITHFUL[3:]
    for f in edits:
        f(doc)
    n_ops_out = sum(1 for _ in operations(doc))
    with open(a.output, "w") as f:
        json.dump(doc, f)
    print(f"convert.py: rounds 1..{a.rounds} of {len(ROUNDS)}{' (+faithful)' if a.faithful else ''}; "
          f"operations {n_ops_in} -> {n_ops_out}; {time.time() - t:.2f} s", file=sys.stderr)
    for k, v in COUNTS.items():
        print(f"  {v:6d}  {k}", file=sys.stderr)
        if a.verbose:
            for w in LOG[k][:300]:
                print(f"            {'/'.join(map(str, w))}", file=sys.stderr)


if __name__ == "__main__":
    main()

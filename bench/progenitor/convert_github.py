#!/usr/bin/env python3
"""Edits GitHub's REST description (`@octokit/openapi`, `api.github.com.json`) until
progenitor 0.15.1 generates a client from it, for the cold `cargo check` comparison of
docs/performance.md. Each round removes one construct progenitor panics on, in the order
its panics named them:

1. a request body with several media types ("not yet implemented: more media types than
   expected"): the JSON one (else the first) is kept;
2. an enumeration whose values are the same once reduced to letters and digits (`+1` and `-1`,
   typify: "Failed to make unique variant names"): the enumeration is dropped (plain string);
3. responses given by `$ref` to `components/responses` are written in place, then an operation
   keeps one success response (the first with content) and, among its other responses, only
   those with the content of the first that has one ("assertion failed:
   response_types.len() <= 1"): the other statuses are dropped.

Usage: convert_github.py IN.json OUT.json
"""

import copy
import json
import re
import sys

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def one_media_type(content):
    keys = list(content)
    keep = "application/json" if "application/json" in keys else keys[0]
    return {keep: content[keep]}


def drop_colliding_enums(node):
    count = 0
    if isinstance(node, dict):
        values = node.get("enum")
        if isinstance(values, list):
            reduced = [re.sub(r"[^A-Za-z0-9]", "", str(v)).lower() for v in values]
            if len(set(reduced)) < len(reduced):
                del node["enum"]
                count += 1
        for key, value in node.items():
            if key not in ("example", "examples"):
                count += drop_colliding_enums(value)
    elif isinstance(node, list):
        for value in node:
            count += drop_colliding_enums(value)
    return count


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source) as f:
        doc = json.load(f)
    shared = doc.get("components", {}).get("responses", {})
    edits = {"media types": 0, "enumerations": drop_colliding_enums(doc), "responses": 0}
    for item in doc["paths"].values():
        for method, op in item.items():
            if method not in METHODS:
                continue
            body = op.get("requestBody")
            if body and len(body.get("content", {})) > 1:
                body["content"] = one_media_type(body["content"])
                edits["media types"] += 1
            responses = op.get("responses", {})
            for code, response in list(responses.items()):
                if "$ref" in response:
                    name = response["$ref"].split("/")[-1]
                    responses[code] = copy.deepcopy(shared[name])
                content = responses[code].get("content")
                if content and len(content) > 1:
                    responses[code]["content"] = one_media_type(content)
            success = [c for c in responses if c.startswith("2")]
            with_content = [c for c in success if responses[c].get("content")]
            keep = with_content[0] if with_content else (success[0] if success else None)
            for code in success:
                if code != keep:
                    del responses[code]
                    edits["responses"] += 1
            others = [c for c in responses if not c.startswith("2")]
            kinds = [json.dumps(responses[c].get("content"), sort_keys=True) for c in others]
            if len(set(kinds)) > 1:
                first = next((k for k in kinds if k != "null"), kinds[0])
                for code, kind in zip(others, kinds):
                    if kind != first:
                        del responses[code]
                        edits["responses"] += 1
    with open(target, "w") as f:
        json.dump(doc, f)
    print(", ".join(f"{n} {what}" for what, n in edits.items()) + " edited", file=sys.stderr)


if __name__ == "__main__":
    main()

//! Broken documents give one clear error naming the file, the line where known, the JSON
//! pointer and what is wrong; never a panic.

mod common;

const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n";

fn error_of(text: &str) -> String {
    match common::generate_text(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// (name, document, expected message).
fn cases() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "yaml syntax error",
            format!("{HEAD}paths:\n  /a: {{\n"),
            "inline.yaml:7:1: not valid YAML: did not find expected node content",
        ),
        (
            "not openapi 3.0",
            "openapi: 2.0.0\ninfo: {title: T, version: '1'}\npaths: {}\n".to_string(),
            "inline.yaml:1:1: at /openapi: OpenAPI version 2.0.0 is not supported; expected 3.0.x or 3.1.x",
        ),
        (
            "missing openapi field",
            "info: {title: T, version: '1'}\npaths: {}\n".to_string(),
            "inline.yaml: at /openapi: missing `openapi` version field: not an OpenAPI 3 document",
        ),
        (
            "string where an object must be",
            format!("{HEAD}paths:\n  /a:\n    get: hello\n"),
            "inline.yaml:7:5: at /paths/~1a/get: `get` must be an Operation (a mapping), found a string (\"hello\")",
        ),
        (
            "dangling schema ref",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/Missing'\n"),
            "inline.yaml:11:9: at /components/schemas/A/properties/b: `$ref: #/components/schemas/Missing` points to no schema in components/schemas",
        ),
        (
            "ref cycle with no structure",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n"),
            "inline.yaml:10:5: at /components/schemas/B: `$ref` cycle with no structure: A -> B -> A",
        ),
        (
            "path parameter missing from the operation",
            format!("{HEAD}paths:\n  /a/{{id}}:\n    get:\n      operationId: GetA\n      responses:\n        '204':\n          description: ok\n"),
            "inline.yaml:7:5: at /paths/~1a~1{id}/get: path template `/a/{id}` uses `{id}` but the operation defines no path parameter `id`",
        ),
        (
            "path parameter not in the template",
            format!("{HEAD}paths:\n  /a:\n    get:\n      operationId: GetA\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema: {{type: string}}\n      responses:\n        '204':\n          description: ok\n"),
            "inline.yaml:7:5: at /paths/~1a/get: path parameter `id` does not appear in the path template `/a`",
        ),
        (
            "duplicate operationId",
            format!("{HEAD}paths:\n  /a:\n    get:\n      operationId: Same\n      responses: {{'204': {{description: ok}}}}\n  /b:\n    get:\n      operationId: Same\n      responses: {{'204': {{description: ok}}}}\n"),
            "inline.yaml:12:7: at /paths/~1b/get/operationId: duplicate operationId `Same` (also used at /paths/~1a/get)",
        ),
        (
            "dangling parameter ref",
            format!("{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - $ref: '#/components/parameters/Nope'\n      responses: {{'204': {{description: ok}}}}\n"),
            "inline.yaml:9:9: at /paths/~1a/get/parameters/0: `$ref: #/components/parameters/Nope` points to no parameter in components/parameters",
        ),
        (
            "dangling response ref",
            format!("{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '404':\n          $ref: '#/components/responses/Nope'\n"),
            "inline.yaml:9:9: at /paths/~1a/get/responses/404: `$ref: #/components/responses/Nope` points to no response in components/responses",
        ),
        (
            "unclosed path template",
            format!("{HEAD}paths:\n  /a/{{id:\n    get:\n      responses: {{'204': {{description: ok}}}}\n"),
            "inline.yaml:6:3: at /paths/~1a~1{id: unclosed `{` in path template `/a/{id`",
        ),
        (
            "external ref",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: array\n      items:\n        $ref: 'other.yaml#/A'\n"),
            "inline.yaml:10:7: at /components/schemas/A/items: `$ref: other.yaml#/A` is not supported: only `#/components/schemas/...` references are",
        ),
    ]
}

#[test]
fn broken_documents_give_located_errors() {
    let mut failures = Vec::new();
    for (name, text, expected) in cases() {
        let actual = error_of(&text);
        if actual != expected {
            failures.push(format!(
                "{name}:\n  expected: {expected}\n  actual:   {actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unreadable_file_is_an_error_not_a_panic() {
    let mut config = common::fixture_config("does-not-exist.yaml");
    config.spec_display = "missing.yaml".into();
    let error = generator::generate(&config).unwrap_err().to_string();
    assert!(
        error.starts_with("missing.yaml: cannot read the document:"),
        "{error}"
    );
}

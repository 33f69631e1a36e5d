//! Broken documents give one clear error naming the file, the line where known, the JSON
//! pointer and what is wrong; never a panic.

mod common;

const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n";

fn error_of(text: &str) -> String {
    match common::generate_text(text) {
        Ok(_) => "(no error)".to_string(),
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
            "inline.yaml:11:9: at /components/schemas/A/items/$ref: `$ref: other.yaml#/A`: cannot read `other.yaml`: No such file or directory (os error 2)",
        ),
        (
            "reference over the network",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: array\n      items:\n        $ref: 'https://example.test/s.yaml#/A'\n"),
            "inline.yaml:11:9: at /components/schemas/A/items/$ref: `$ref: https://example.test/s.yaml#/A` is a URL: references are read from local files only, never fetched over the network",
        ),
        (
            "bad JSON: missing comma",
            "{\"openapi\": \"3.0.3\"\n \"info\": {\"title\": \"T\", \"version\": \"1\"}}\n".to_string(),
            "inline.yaml:2:2: not valid YAML: did not find expected ',' or '}'",
        ),
        (
            "bad JSON: unclosed object",
            "{\"openapi\": \"3.1.0\",\n \"info\": {\"title\": \"T\", \"version\": \"1\"},\n \"paths\": {\n".to_string(),
            "inline.yaml:4:1: not valid YAML: did not find expected node content",
        ),
        (
            "tab indentation",
            format!("{HEAD}paths:\n\t/a: {{}}\n"),
            "inline.yaml:6:1: not valid YAML: found character that cannot start any token (YAML is indented with spaces, not tabs)",
        ),
        (
            "duplicate key",
            format!("{HEAD}paths: {{}}\ninfo: {{title: U, version: '2'}}\n"),
            "inline.yaml:6:1: at /info: not valid YAML: duplicate key `info` (each key may appear once in a mapping)",
        ),
        (
            "duplicate status code, quoted and not",
            format!("{HEAD}paths:\n  /a:\n    get:\n      responses:\n        200: {{description: a}}\n        '200': {{description: b}}\n"),
            "inline.yaml:9:9: at /paths/~1a/get/responses/200: duplicate key `200` (written once quoted and once not)",
        ),
        (
            "mapping key that is a list",
            format!("{HEAD}paths:\n  ? [/a, /b]\n  : {{}}\n"),
            "inline.yaml:5:1: at /paths: a mapping key must be a string, found a list",
        ),
        (
            "version written as a number",
            "openapi: 3.1\ninfo: {title: T, version: '1'}\npaths: {}\n".to_string(),
            "inline.yaml:1:1: at /openapi: `openapi` must be a string: write `openapi: '3.1.0'` (YAML reads 3.1 as a number)",
        ),
        (
            "future version",
            "openapi: 3.2.0\ninfo: {title: T, version: '1'}\npaths: {}\n".to_string(),
            "inline.yaml:1:1: at /openapi: OpenAPI version 3.2.0 is not supported; expected 3.0.x or 3.1.x",
        ),
        (
            "swagger 2.0",
            "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n".to_string(),
            "inline.yaml:1:1: at /swagger: Swagger 2.0 documents are not supported; convert the document to OpenAPI 3 first",
        ),
        (
            "empty document",
            String::new(),
            "inline.yaml: the document must be a mapping of OpenAPI fields, found null",
        ),
        (
            "top level is a list",
            "- openapi: 3.0.3\n".to_string(),
            "inline.yaml: the document must be a mapping of OpenAPI fields, found a list",
        ),
        (
            "missing info",
            "openapi: 3.0.3\npaths: {}\n".to_string(),
            "inline.yaml: does not match the OpenAPI 3.0 schema: missing field `info`",
        ),
        (
            "components is a list",
            format!("{HEAD}paths: {{}}\ncomponents: []\n"),
            "inline.yaml:6:1: at /components: `components` must be a mapping, found a list",
        ),
        (
            "path without leading slash",
            format!("{HEAD}paths:\n  a/b:\n    get:\n      responses: {{'204': {{description: ok}}}}\n"),
            "inline.yaml:6:3: at /paths/a~1b: path `a/b` must start with `/` (extensions start with `x-`)",
        ),
        (
            "response key that is not a status code",
            format!("{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '20O':\n          description: ok\n"),
            "inline.yaml:9:9: at /paths/~1a/get/responses/20O: response key `20O` is not a status code (100 to 599), a range such as `2XX`, or `default`",
        ),
        (
            "responses as a list",
            format!("{HEAD}paths:\n  /a:\n    get:\n      responses:\n        - '200'\n"),
            "inline.yaml:8:7: at /paths/~1a/get/responses: `responses` must be a mapping of status codes to responses, found a list",
        ),
        (
            "parameters as a mapping",
            format!("{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        id: {{in: query}}\n      responses: {{'204': {{description: ok}}}}\n"),
            "inline.yaml:8:7: at /paths/~1a/get/parameters: `parameters` must be a list, found a mapping",
        ),
        (
            "operation without responses",
            format!("{HEAD}paths:\n  /a:\n    get:\n      operationId: GetA\n"),
            "inline.yaml:7:5: at /paths/~1a/get: does not match the OpenAPI 3.0 schema: missing field `responses`",
        ),
        (
            "parameter without `in`",
            format!("{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          schema: {{type: string}}\n      responses: {{'204': {{description: ok}}}}\n"),
            "inline.yaml:9:9: at /paths/~1a/get/parameters/0: does not match the OpenAPI 3.0 schema: missing field `in`",
        ),
        (
            "swagger-style body parameter",
            format!("{HEAD}paths:\n  /a:\n    post:\n      parameters:\n        - name: body\n          in: body\n          schema: {{type: string}}\n      responses: {{'204': {{description: ok}}}}\n"),
            "inline.yaml:9:9: at /paths/~1a/post/parameters/0: does not match the OpenAPI 3.0 schema: unknown variant `body`, expected one of `query`, `header`, `path`, `cookie`",
        ),
        (
            "response without description",
            format!("{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          content: {{}}\n"),
            "inline.yaml:9:9: at /paths/~1a/get/responses/200: does not match the OpenAPI 3.0 schema: missing field `description`",
        ),
        (
            "schema written as a type name",
            format!("{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          in: query\n          schema: string\n      responses: {{'204': {{description: ok}}}}\n"),
            "inline.yaml:11:11: at /paths/~1a/get/parameters/0/schema: does not match the OpenAPI 3.0 schema: invalid type: string \"string\", expected a Schema object (a mapping)",
        ),
        (
            "required as a boolean on a property",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          type: string\n          required: true\n"),
            "inline.yaml:11:9: at /components/schemas/A/properties/b: does not match the OpenAPI 3.0 schema: invalid type: boolean `true`, expected a list",
        ),
        (
            "unknown type name",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: strin\n"),
            "inline.yaml:9:7: at /components/schemas/A/type: unknown type `strin`: expected one of string, number, integer, boolean, array, object",
        ),
        (
            "dangling ref in allOf",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      allOf:\n        - $ref: '#/components/schemas/Gone'\n"),
            "inline.yaml:10:9: at /components/schemas/A/allOf/0: `$ref: #/components/schemas/Gone` points to no schema in components/schemas",
        ),
        (
            "dangling request body ref",
            format!("{HEAD}paths:\n  /a:\n    post:\n      requestBody:\n        $ref: '#/components/requestBodies/Gone'\n      responses: {{'204': {{description: ok}}}}\n"),
            "inline.yaml:8:7: at /paths/~1a/post/requestBody: `$ref: #/components/requestBodies/Gone` points to no request body in components/requestBodies",
        ),
        (
            "self reference with no structure",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/A'\n"),
            "inline.yaml:8:5: at /components/schemas/A: `$ref` cycle with no structure: A -> A",
        ),
        (
            "3.1: empty type list",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents:\n  schemas:\n    A:\n      type: []\n".to_string(),
            "inline.yaml:6:7: at /components/schemas/A/type: `type` must name at least one type",
        ),
        (
            "3.1: type list with a number",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents:\n  schemas:\n    A:\n      type: [string, 5]\n".to_string(),
            "inline.yaml:6:7: at /components/schemas/A/type: `type` entries must be type names, found a number (5)",
        ),
        (
            "3.1: exclusiveMinimum as a string",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents:\n  schemas:\n    A:\n      type: integer\n      exclusiveMinimum: '0'\n".to_string(),
            "inline.yaml:7:7: at /components/schemas/A/exclusiveMinimum: `exclusiveMinimum` must be a number in OpenAPI 3.1, found a string (\"0\")",
        ),
        (
            "3.1: ref to a missing path item",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    $ref: '#/components/pathItems/Gone'\n".to_string(),
            "inline.yaml:4:3: at /paths/~1a: `$ref: #/components/pathItems/Gone` points to no path item in components/pathItems",
        ),
        (
            "3.1: JSON with a wrong type deep down",
            "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"T\", \"version\": \"1\"},\n \"components\": {\"schemas\": {\"A\": {\"type\": \"object\", \"properties\": {\"b\": {\"type\": [\"string\", \"null\"], \"maxLength\": \"ten\"}}}}}}\n".to_string(),
            "inline.yaml:2:68: at /components/schemas/A/properties/b: does not match the OpenAPI schema (3.1 read as 3.0): invalid type: string \"ten\", expected a non-negative integer",
        ),
        (
            "3.1: dangling ref in the one non-null branch (read as allOf)",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents:\n  schemas:\n    A:\n      anyOf:\n      - type: 'null'\n      - $ref: '#/components/schemas/Missing'\n".to_string(),
            "inline.yaml:8:7: at /components/schemas/A/anyOf/1: `$ref: #/components/schemas/Missing` points to no schema in components/schemas",
        ),
        (
            "3.1: dangling ref in the one non-null branch (merged into its schema)",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents:\n  schemas:\n    A:\n      anyOf:\n      - type: 'null'\n      - type: object\n        properties:\n          b: {$ref: '#/components/schemas/Missing'}\n".to_string(),
            "inline.yaml:10:11: at /components/schemas/A/anyOf/1/properties/b: `$ref: #/components/schemas/Missing` points to no schema in components/schemas",
        ),
        (
            "3.1: dangling ref with a sibling keyword (read as allOf)",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/Missing'\n          minProperties: 1\n".to_string(),
            "inline.yaml:8:9: at /components/schemas/A/properties/b: `$ref: #/components/schemas/Missing` points to no schema in components/schemas",
        ),
        (
            "3.1: dangling ref in a branch renumbered after a null branch",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents:\n  schemas:\n    A:\n      oneOf:\n      - type: 'null'\n      - type: string\n      - $ref: '#/components/schemas/Missing'\n".to_string(),
            "inline.yaml:9:7: at /components/schemas/A/oneOf/2: `$ref: #/components/schemas/Missing` points to no schema in components/schemas",
        ),
        (
            "YAML merge of a scalar",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      <<: 5\n"),
            "inline.yaml:9:7: cannot apply the YAML merge key `<<`: expected a mapping or list of mappings for merging, but found scalar",
        ),
        (
            "not-a-number bound",
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: string\n      maxLength: .nan\n"),
            "inline.yaml:10:7: at /components/schemas/A/maxLength: `.nan` is not a number JSON can hold: use a finite number",
        ),
    ]
}

#[test]
fn broken_documents_give_located_errors() {
    assert!(
        cases().len() >= 30,
        "the corpus keeps at least 30 documents"
    );
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

/// A duplicate operationId breaks the OpenAPI rules, but published documents have them (the
/// whole Telnyx document does): the client is generated, with a warning at the second one.
#[test]
fn duplicate_operation_ids_are_a_located_warning_and_get_suffixes() {
    let text = format!("{HEAD}paths:\n  /a:\n    get:\n      operationId: Same\n      responses: {{'204': {{description: ok}}}}\n  /b:\n    get:\n      operationId: Same\n      responses: {{'204': {{description: ok}}}}\n");
    let output = common::generate_text(&text).expect("duplicates are not fatal");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["inline.yaml:12:7: at /paths/~1b/get/operationId: duplicate operationId `Same` (also used at /paths/~1a/get): the method name gets a numeric suffix"]
    );
    let operations = &output.files["src/operations/untagged.rs"];
    assert!(operations.contains("pub fn same(&self)"), "{operations}");
    assert!(operations.contains("pub fn same_2(&self)"), "{operations}");
}

/// What reading a 3.1 document as 3.0 drops or changes in meaning is a located warning, and so
/// is a webhook that declares no operation to generate from.
#[test]
fn normalisation_notes_are_located_warnings() {
    let text = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nwebhooks:\n  a: {}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      if: {required: [a]}\n      then: {required: [b]}\n";
    let output = common::generate_text(text).expect("a valid 3.1 document");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "inline.yaml:10:7: at /components/schemas/A/if: `if` has no OpenAPI 3.0 equivalent: removed, not checked",
            "inline.yaml:11:7: at /components/schemas/A/then: `then` has no OpenAPI 3.0 equivalent: removed, not checked",
            "inline.yaml:4:3: at /webhooks/a: this webhook has no operation: left out",
        ]
    );
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

/// Found by the fuzzer: a struct whose required field is itself (an infinitely deep value) once
/// sent the usage-example writer into unbounded recursion. The crate generates; the field is
/// boxed and that operation's docs go without an example.
#[test]
fn a_type_that_requires_itself_generates_without_an_example() {
    let text = format!("{HEAD}components:\n  schemas:\n    Widget: {{type: object, required: [kind], properties: {{kind: {{$ref: '#/components/schemas/Widget'}}}}}}\npaths:\n  /w:\n    get:\n      operationId: GetW\n      parameters: [{{name: ids, in: query, explode: false, schema: {{$ref: '#/components/schemas/Widget'}}}}]\n      responses: {{'204': {{description: ok}}}}\n");
    let output = common::generate_text(&text).expect("generates");
    let types = &output.files["src/types/mod.rs"];
    assert!(types.contains("pub kind: Box<Widget>"), "{types}");
    let operations = &output.files["src/operations/untagged.rs"];
    assert!(operations.contains("pub fn get_w("), "{operations}");
    assert!(!operations.contains("# Example"), "{operations}");
}

/// A mistake in `x-waiters` is a located error, checked against the response's types too: a
/// waiter that can never end is never generated.
#[test]
fn waiter_mistakes_are_located_errors() {
    let doc = |method: &str, waiters: &str| {
        format!(
            "{HEAD}paths:\n  /orders/{{id}}:\n    {method}:\n      operationId: GetOrder\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  data:\n                    type: object\n                    properties:\n                      status: {{type: string, enum: [pending, done, failed]}}\n                      count: {{type: integer}}\n      x-waiters:\n{waiters}"
        )
    };
    let ok = "        - name: Done\n          acceptors:\n            - {state: success, path: data.status, expected: done}\n";
    // The valid declaration generates; each mistake below is reported where it is.
    let output = common::generate_text(&doc("get", ok)).expect("a valid waiter");
    assert!(output.files["src/operations/untagged.rs"].contains("pub fn wait_until_done("));
    let cases = [
        ("post", ok, "inline.yaml:24:7: at /paths/~1orders~1{id}/post/x-waiters: waiters poll a read: they belong on a GET operation, not a POST"),
        ("get", "        - name: Done\n          acceptors:\n            - {state: success, path: data.state, expected: done}\n",
         "inline.yaml:27:13: at /paths/~1orders~1{id}/get/x-waiters/0/acceptors/0/path: `data` has no property `state` (it has: status, count)"),
        ("get", "        - name: Done\n          acceptors:\n            - {state: success, path: data.status, expected: failure}\n",
         "inline.yaml:27:13: at /paths/~1orders~1{id}/get/x-waiters/0/acceptors/0/path: \"failure\" is not a value of `data.status` (pending, done, failed)"),
        ("get", "        - name: Done\n          acceptors:\n            - {state: success, path: data.count, expected: '3'}\n",
         "inline.yaml:27:13: at /paths/~1orders~1{id}/get/x-waiters/0/acceptors/0/path: `data.count` is an integer, which \"3\" is not"),
        ("get", "        - name: Done\n          acceptors:\n            - {state: success, path: data, expected: done}\n",
         "inline.yaml:27:13: at /paths/~1orders~1{id}/get/x-waiters/0/acceptors/0/path: `data` is an object: compare one of its properties"),
        ("get", "        - name: Done\n          acceptors:\n            - {state: success, status: 404}\n",
         "inline.yaml:27:13: at /paths/~1orders~1{id}/get/x-waiters/0/acceptors/0/state: a wait succeeds with a response: a `status` acceptor can be `failure` or `retry`, not `success`"),
        ("get", "        - name: Done\n          acceptors:\n            - {state: done, path: data.status, expected: done}\n",
         "inline.yaml:27:13: at /paths/~1orders~1{id}/get/x-waiters/0/acceptors/0/state: not a valid waiter: unknown variant `done`, expected one of `success`, `failure`, `retry`"),
        ("get", "        - name: Done\n          minDelay: 10\n          maxDelay: 5\n          acceptors:\n            - {state: success, path: data.status, expected: done}\n",
         "inline.yaml:26:11: at /paths/~1orders~1{id}/get/x-waiters/0/minDelay: `minDelay` is longer than `maxDelay`"),
        ("get", "        - name: Done\n          maxWait: 0\n          acceptors:\n            - {state: success, path: data.status, expected: done}\n",
         "inline.yaml:26:11: at /paths/~1orders~1{id}/get/x-waiters/0/maxWait: `maxWait` is seconds: a positive number of at most 86400"),
        ("get", "        - name: Done\n          acceptors: []\n",
         "inline.yaml:26:11: at /paths/~1orders~1{id}/get/x-waiters/0/acceptors: a waiter needs at least one acceptor, or it never ends but by timing out"),
        ("get", "        - name: Done\n          acceptors:\n            - {state: retry, path: data.status}\n",
         "inline.yaml:27:13: at /paths/~1orders~1{id}/get/x-waiters/0/acceptors/0: a `path` acceptor needs the `expected` value"),
    ];
    let mut failures = Vec::new();
    for (method, waiters, expected) in cases {
        let actual = error_of(&doc(method, waiters));
        if actual != expected {
            failures.push(format!("expected: {expected}\n  actual:   {actual}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Slips whose meaning is clear are read, each with a located warning: a path template that
/// repeats a placeholder, 3.1's `type: 'null'` in a 3.0 document; and what 3.1 allows that the
/// 3.0 model refuses (an operation without responses, a `mutualTLS` scheme) is read too.
#[test]
fn clear_slips_and_3_1_forms_are_read_with_located_warnings() {
    let repeat = format!("{HEAD}paths:\n  /a/{{id}}/b/{{id}}:\n    get:\n      operationId: Twice\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'204': {{description: ok}}}}\n    delete:\n      operationId: Gone\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'204': {{description: ok}}}}\n");
    let output = common::generate_text(&repeat).expect("a repeated placeholder is read");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["inline.yaml:6:3: at /paths/~1a~1{id}~1b~1{id}: path template `/a/{id}/b/{id}` uses `{id}` more than once: the one parameter `id` fills every place"],
        "said once for the path, not per operation"
    );
    let operations = &output.files["src/operations/untagged.rs"];
    assert_eq!(
        operations
            .matches("crate::runtime::push_path_param(&mut path, \"id\", &self.id)?;")
            .count(),
        4,
        "both places of both operations: {operations}"
    );

    let null = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        n: {{type: 'null'}}\n        o: {{oneOf: [{{type: string}}, {{type: 'null'}}]}}\n");
    let output = common::generate_text(&null).expect("3.0 with type: 'null' is read");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "inline.yaml:11:9: at /components/schemas/A/properties/n/type: `type: 'null'` is OpenAPI 3.1: read as `nullable: true` and `enum: [null]`, as 3.0 writes it",
            "inline.yaml:12:9: at /components/schemas/A/properties/o/oneOf/1/type: `type: 'null'` is OpenAPI 3.1: this branch is read as `nullable: true` on the schema, as 3.0 writes it",
        ]
    );
    let types = &output.files["src/types/mod.rs"];
    assert!(types.contains("pub o: crate::Nullable<String>"), "{types}");

    let v31 = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nsecurity: [{mtls: []}]\npaths:\n  /hook:\n    post:\n      operationId: Notify\ncomponents:\n  securitySchemes:\n    mtls: {type: mutualTLS}\n";
    let output = common::generate_text(v31).expect("3.1 forms are read");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["inline.yaml:10:5: at /components/securitySchemes/mtls: `mutualTLS` security scheme: give the client certificate to the `reqwest::Client` passed to `ClientBuilder::http_client` (`reqwest::Identity`)"]
    );
    assert!(output.files["src/operations/untagged.rs"].contains("pub fn notify(&self)"));
}

/// A `$ref` may name any node of the document: a property, the items or a branch of another
/// schema, a schema inside another operation or a response, a path item. Each reads a copy of
/// that node, named from where the reference is.
#[test]
fn references_reach_any_node_of_the_document() {
    let text = format!(
        "{HEAD}paths:
  /x:
    get:
      operationId: GetX
      parameters:
      - {{name: limit, in: query, schema: {{$ref: '#/components/parameters/Limit/schema'}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/A/properties/b'}}
  /y:
    $ref: '#/paths/~1x'
  /z:
    get:
      operationId: GetZ
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  item: {{$ref: '#/components/schemas/L/items'}}
                  branch: {{$ref: '#/components/schemas/U/oneOf/1'}}
                  thing: {{$ref: '#/components/responses/Thing/content/application~1json/schema'}}
                  same: {{$ref: '#/paths/~1x/get/responses/200/content/application~1json/schema'}}
components:
  parameters:
    Limit: {{name: limit, in: query, schema: {{type: integer, format: int32}}}}
  responses:
    Thing:
      description: thing
      content:
        application/json:
          schema: {{type: object, properties: {{n: {{type: number}}}}}}
  schemas:
    A:
      type: object
      properties:
        b: {{type: object, properties: {{c: {{type: string}}}}}}
    L:
      type: array
      items: {{type: object, properties: {{e: {{type: boolean}}}}}}
    U:
      oneOf:
      - {{type: string}}
      - {{type: object, properties: {{f: {{type: string}}}}}}
"
    );
    let output = common::generate_text(&text).expect("every reference resolves");
    let types = &output.files["src/types/mod.rs"];
    for field in [
        "pub c: Option<String>",
        "pub e: Option<bool>",
        "pub f: Option<String>",
        "pub n: Option<f64>",
        "pub type GetXResponse = Ab;",
        "pub type GetZResponseItem = LItem;",
        "pub type GetZResponseBranch = UObject;",
        "pub type GetZResponseSame = Ab;",
    ] {
        assert!(types.contains(field), "{field}:\n{types}");
    }
    let operations = &output.files["src/operations/untagged.rs"];
    assert!(operations.contains("limit: Option<i32>,"), "{operations}");
    assert!(
        operations.contains("`GET /y` (operation `GetX`)"),
        "the path item copied: {operations}"
    );

    let broken = format!("{HEAD}paths:\n  /a: {{$ref: '#/paths/~1b'}}\n");
    assert_eq!(
        error_of(&broken),
        "inline.yaml:6:3: at /paths/~1a/$ref: `$ref: #/paths/~1b` points to nothing in this document"
    );
}

/// References into other files (`generator/tests/fixtures/multi/`): their components come in
/// under their own names (`Pet_2` beside the document's own `Pet`), references inside them are
/// read relative to their file (a cycle through components included), and other nodes are
/// copied. A broken reference in another file is reported in that file.
#[test]
fn references_to_other_files_bring_their_components_in() {
    let config = |name: &str| generator::Config {
        crate_name: "multi-client".into(),
        env_prefix: "MULTI".into(),
        ..common::fixture_config(name)
    };
    let output = generator::generate(&config("multi/main.yaml")).expect("generates");
    let types = &output.files["src/types/mod.rs"];
    for item in [
        "pub struct Pet {",
        "pub local: Option<bool>,",
        "pub struct Pet2 {",
        "pub name: String,",
        "pub owner: Option<Owner>,",
        "pub tags: Option<Vec<String>>,",
        "pub struct Owner {",
        "pub pets: Option<Vec<Pet2>>,",
        "pub code: Option<i64>,",
    ] {
        assert!(types.contains(item), "{item}:\n{types}");
    }
    let operations = &output.files["src/operations/untagged.rs"];
    assert!(operations.contains("limit: Option<i32>,"), "{operations}");
    let (_, run) = common::write_fixture_crate("multi", &output);
    assert!(
        run(&["clippy", "--quiet", "--", "-D", "warnings"]),
        "the crate builds without warnings"
    );

    let error = generator::generate(&config("multi/broken.yaml"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "tests/fixtures/multi/broken-common.yaml:6:9: at /components/schemas/A/properties/b/$ref: `$ref: #/components/schemas/Missing` points to nothing in `tests/fixtures/multi/broken-common.yaml`"
    );
    let error = generator::generate(&config("multi/refers-unparsable.yaml"))
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("tests/fixtures/multi/unparsable.yaml:4:1: not valid YAML:"),
        "a file that does not parse is reported in it: {error}"
    );
    let mut missing = config("multi/main.yaml");
    missing.spec_path = missing.spec_path.with_file_name("nowhere/main.yaml");
    let text = std::fs::read_to_string(config("multi/main.yaml").spec_path).unwrap();
    let error = generator::generate_from_str(&missing, text)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("tests/fixtures/multi/main.yaml:13:11: at /paths/~1pets/get/parameters/0/$ref: `$ref: ./common.yaml#/components/parameters/Limit`: cannot read `"),
        "{error}"
    );
}

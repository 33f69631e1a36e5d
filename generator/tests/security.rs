//! Security schemes and requirements, through a crate generated from `fixtures/security.yaml`
//! (every kind of scheme, every shape of requirement): the generator's reading of them, then
//! the generated client's behaviour, run inside that crate (`fixture_behaviour/security.rs`).

mod common;

#[test]
fn every_scheme_and_requirement_works_through_the_generated_client() {
    let output = generator::generate(&common::fixture_config("security.yaml")).expect("generates");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "tests/fixtures/security.yaml:108:9: at /paths/~1ghost/get/security/0: this security \
             requirement names `ghost`, which components/securitySchemes does not declare: the \
             requirement is left out"
        ]
    );
    let api = &output.files["src/api.rs"];
    for setter in [
        "pub fn header_key(",
        "pub fn query_key(",
        "pub fn cookie_key(",
        "pub fn basic_auth(",
        "pub fn bearer_auth(",
        "pub fn hoba_auth(",
        "pub fn oauth_token(",
        "pub fn oauth_provider(",
        "pub fn oauth_client_credentials(",
        "pub fn open_id_token(",
        "pub fn open_id_provider(",
    ] {
        assert!(api.contains(setter), "{setter}\n{api}");
    }
    // Several schemes: no `Client::new(api_key)`, no `api_key` alias, no `API_KEY_ENV`.
    assert!(!api.contains("pub fn new("), "{api}");
    assert!(!api.contains("pub fn api_key("), "{api}");
    assert!(!output.files["src/lib.rs"].contains("API_KEY_ENV"));
    // The README speaks of this API's schemes, and of no vendor's.
    let readme = &output.files["README.md"];
    assert!(
        readme.contains("`headerKey` (the API key, sent in the `X-Vault-Key` header)"),
        "{readme}"
    );
    assert!(!readme.to_lowercase().contains("telnyx"), "{readme}");

    let (out_dir, run) = common::write_fixture_crate("security", &output);
    std::fs::create_dir_all(out_dir.join("tests")).unwrap();
    std::fs::copy(
        common::crate_dir().join("tests/fixture_behaviour/security.rs"),
        out_dir.join("tests/behaviour.rs"),
    )
    .unwrap();
    assert!(
        run(&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]),
        "the crate generated from the security fixture does not compile cleanly: {}",
        out_dir.display()
    );
    assert!(
        run(&["test", "--quiet", "--test", "behaviour"]),
        "the security fixture crate's behaviour tests fail: {}",
        out_dir.display()
    );
}

/// A document with no security scheme asks for nothing: `Client::new()` takes no key, and
/// `from_env` needs no variable.
#[test]
fn a_document_without_security_asks_for_nothing() {
    let output = common::generate_text(
        "openapi: 3.0.3\ninfo: {title: Open, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200': {description: ok}\n",
    )
    .expect("generates");
    let api = &output.files["src/api.rs"];
    assert!(
        api.contains("pub fn new() -> Result<Self, crate::Error>"),
        "{api}"
    );
    assert!(!api.contains("has_credentials"), "{api}");
    assert!(output.files["README.md"].contains("The API takes no credentials."));
    assert!(output.files["src/operations/untagged.rs"].contains("security: &[],"));
}

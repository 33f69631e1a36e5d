//! Requests and responses as a description other than Telnyx's writes them
//! (`fixtures/any_api.yaml`), through the generated client (`fixture_behaviour/any_api.rs`, run
//! inside the generated crate).

mod common;

#[test]
fn requests_and_responses_follow_the_description() {
    let output = generator::generate(&common::fixture_config("any_api.yaml")).expect("generates");
    assert_eq!(output.warnings, []);
    let (out_dir, run) = common::write_fixture_crate("any-api", &output);
    std::fs::create_dir_all(out_dir.join("tests")).unwrap();
    std::fs::copy(
        common::crate_dir().join("tests/fixture_behaviour/any_api.rs"),
        out_dir.join("tests/behaviour.rs"),
    )
    .unwrap();
    assert!(
        run(&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]),
        "the crate generated from the any_api fixture does not compile cleanly: {}",
        out_dir.display()
    );
    assert!(
        run(&["test", "--quiet", "--test", "behaviour"]),
        "the any_api fixture crate's behaviour tests fail: {}",
        out_dir.display()
    );
}

//! Listings paged each way APIs page them (`fixtures/paging.yaml`): cursors in the body or from
//! the last item, next-page URLs in the body or the `Link` header, offsets, page numbers and
//! `x-pagination`, walked through the generated client (`fixture_behaviour/paging.rs`, run
//! inside the generated crate).

mod common;

#[test]
fn listings_of_every_shape_are_walked_to_their_end() {
    let output = generator::generate(&common::fixture_config("paging.yaml")).expect("generates");
    assert_eq!(output.warnings, []);
    let operations = &output.files["src/operations/untagged.rs"];
    for builder in [
        "ListByCursor",
        "ListAfterLastItem",
        "ListByNextUrl",
        "ListByLinkHeader",
        "ListByOffset",
        "ListByPage",
        "ListDeclared",
        "ListContributors",
    ] {
        assert!(
            operations.contains(&format!("impl crate::runtime::Paginated for {builder} {{")),
            "{builder} is paginated"
        );
    }
    assert!(
        !operations.contains("impl crate::runtime::Paginated for ListEverything {"),
        "a listing with no way to ask for a next page is not paginated"
    );
    let (out_dir, run) = common::write_fixture_crate("paging", &output);
    std::fs::create_dir_all(out_dir.join("tests")).unwrap();
    std::fs::copy(
        common::crate_dir().join("tests/fixture_behaviour/paging.rs"),
        out_dir.join("tests/behaviour.rs"),
    )
    .unwrap();
    assert!(
        run(&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]),
        "the crate generated from the paging fixture does not compile cleanly: {}",
        out_dir.display()
    );
    assert!(
        run(&["test", "--quiet", "--test", "behaviour"]),
        "the paging fixture crate's behaviour tests fail: {}",
        out_dir.display()
    );
}

/// A listing declaring `x-pagination: <declaration>`, with a `cursor` parameter and a body of
/// `data` and `meta.next`.
fn declared(declaration: &str) -> Result<generator::Output, generator::Error> {
    common::generate_text(&format!(
        r#"openapi: 3.0.3
info: {{title: T, version: '1'}}
paths:
  /things:
    get:
      operationId: listThings
      x-pagination: {declaration}
      parameters:
        - {{name: cursor, in: query, schema: {{type: string}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {{type: array, items: {{type: string}}}}
                  meta: {{type: object, properties: {{next: {{type: string}}}}}}
"#
    ))
}

#[test]
fn a_malformed_x_pagination_is_an_error_at_its_place() {
    for (declaration, says) in [
        ("[cursor]", "`x-pagination` must be a mapping"),
        ("{cursr: cursor}", "unknown key `cursr`"),
        ("{cursor: cursor}", "give one of them"),
        (
            "{cursor: cursor, next-cursor: meta.next, next-url: meta.next}",
            "one way to ask for the next page",
        ),
        (
            "{link-header: yes please}",
            "`link-header` must be `true` or `false`",
        ),
        (
            "{cursor: 3, next-cursor: meta.next}",
            "`cursor` must be a non-empty text",
        ),
    ] {
        let error = declared(declaration).expect_err(declaration);
        let text = error.to_string();
        assert!(text.contains(says), "{declaration}: {text}");
        assert!(
            error
                .pointer
                .starts_with("/paths/~1things/get/x-pagination"),
            "{declaration}: {text}"
        );
        assert!(text.contains("inline.yaml:"), "{declaration}: {text}");
    }
}

#[test]
fn an_x_pagination_naming_what_the_operation_lacks_is_a_warning_and_no_stream() {
    for (declaration, says) in [
        (
            "{cursor: after, next-cursor: meta.next}",
            "no text query parameter `after`",
        ),
        (
            "{cursor: cursor, next-cursor: meta.previous}",
            "`meta.previous` names no text property",
        ),
        (
            "{items: meta, cursor: cursor, next-cursor: meta.next}",
            "`items: meta` names no array property",
        ),
    ] {
        let output = declared(declaration).expect(declaration);
        assert_eq!(output.warnings.len(), 1, "{declaration}");
        let warning = output.warnings[0].to_string();
        assert!(warning.contains(says), "{declaration}: {warning}");
        assert!(
            warning.contains("/paths/~1things/get/x-pagination"),
            "{declaration}: {warning}"
        );
        assert!(
            !output.files["src/operations/untagged.rs"].contains("fn pages("),
            "{declaration}"
        );
    }
    let output = declared("{cursor: cursor, next-cursor: meta.next}").unwrap();
    assert_eq!(output.warnings, []);
    assert!(output.files["src/operations/untagged.rs"].contains("fn pages("));
}

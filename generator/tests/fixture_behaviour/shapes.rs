//! Runs inside the crate generated from `fixtures/shapes.yaml` (copied there as
//! `tests/behaviour.rs` by `snapshots::fixture_output_compiles_without_warnings`): how the
//! generated unions and recursive types decode and encode, how bodies are sent, and how error
//! responses decode into their operation's error enum.

use serde_json::json;
use shapes_client::types::{Amount, Cat, Circle, Contact, Dog, Formula, Pet, Shape, Square, TreeNode};

fn round_trip<T: serde::Serialize>(value: &T, json: &serde_json::Value) {
    assert_eq!(&serde_json::to_value(value).unwrap(), json);
}

#[test]
fn a_discriminator_picks_the_variant() {
    let square = json!({"kind": "square", "side": 2.0});
    let shape: Shape = serde_json::from_value(square.clone()).unwrap();
    match &shape {
        Shape::Square(s) => assert_eq!(s.side, 2.0),
        other => panic!("expected a square, got {other:?}"),
    }
    round_trip(&shape, &square);

    let circle: Shape = serde_json::from_value(json!({"kind": "circle", "radius": 1.5})).unwrap();
    assert!(matches!(circle, Shape::Circle(ref c) if c.radius == 1.5));
}

#[test]
fn an_unknown_discriminator_value_is_kept_as_other() {
    let hexagon = json!({"kind": "hexagon", "sides": 6});
    let shape: Shape = serde_json::from_value(hexagon.clone()).unwrap();
    assert_eq!(shape, Shape::Other(hexagon.clone()));
    round_trip(&shape, &hexagon);
}

/// A known tag decides, even when the object would fit another alternative better: a body
/// that does not fit the alternative its tag names is an error (never another alternative).
#[test]
fn a_known_tag_whose_body_does_not_fit_is_an_error_not_another_alternative() {
    // `side` is missing: the tag says square, so it is not taken for a circle.
    let error = serde_json::from_value::<Shape>(json!({"kind": "square", "radius": 1.0})).unwrap_err();
    assert!(
        error.to_string().contains("its `kind` names the Square alternative, which it does not fit"),
        "{error}"
    );
    // No tag at all: kept whole, like an unknown one.
    let untagged = json!({"radius": 1.0});
    assert_eq!(
        serde_json::from_value::<Shape>(untagged.clone()).unwrap(),
        Shape::Other(untagged)
    );
}

/// Encoding writes the alternative's tag itself: constructors do not take it, and a value set
/// by hand cannot contradict the alternative.
#[test]
fn encoding_writes_the_tag_of_the_alternative() {
    let square = Shape::Square(Square::new(2.0));
    assert_eq!(
        serde_json::to_value(&square).unwrap(),
        json!({"kind": "square", "side": 2.0})
    );
    let wrong = Shape::Circle(Circle {
        kind: "oops".into(),
        ..Circle::new(1.5)
    });
    assert_eq!(
        serde_json::to_value(&wrong).unwrap(),
        json!({"kind": "circle", "radius": 1.5})
    );
}

/// A base schema with a discriminator that others extend with `allOf` is the union of them:
/// the mapping's tag (`dog`) or the schema's name (`Cat`) decides.
#[test]
fn a_base_extended_with_all_of_decodes_as_the_kind_its_tag_names() {
    let rex = json!({"petType": "dog", "name": "Rex", "bark": "woof"});
    let pet: Pet = serde_json::from_value(rex.clone()).unwrap();
    assert!(matches!(&pet, Pet::Dog(d) if d.bark == "woof" && d.name == "Rex"), "{pet:?}");
    assert_eq!(serde_json::to_value(&pet).unwrap(), rex);
    let tom: Pet = serde_json::from_value(json!({"petType": "Cat", "name": "Tom", "meow": true})).unwrap();
    assert!(matches!(&tom, Pet::Cat(c) if c.meow == Some(true)), "{tom:?}");
    // An unknown kind is kept whole; a dog without its bark is not taken for a cat.
    let parrot = json!({"petType": "parrot", "name": "Polly"});
    assert_eq!(serde_json::from_value::<Pet>(parrot.clone()).unwrap(), Pet::Other(parrot));
    assert!(serde_json::from_value::<Pet>(json!({"petType": "dog", "name": "NoBark"})).is_err());
    // The constructor sets the tag: a new dog is a `dog`.
    let dog = Pet::Dog(Dog::new("Fido", "arf"));
    assert_eq!(
        serde_json::to_value(&dog).unwrap(),
        json!({"petType": "dog", "name": "Fido", "bark": "arf"})
    );
    let cat = Pet::Cat(Cat::new("Felix"));
    assert_eq!(serde_json::to_value(&cat).unwrap()["petType"], "Cat");
}

/// Through the client, a response whose tag names an alternative it does not fit is kept whole
/// (lenient decoding, the default), or refused (strict decoding): never another alternative.
#[tokio::test]
async fn a_misfit_tagged_response_is_kept_whole_or_refused() {
    let body = r#"{"petType": "dog", "name": "NoBark"}"#;
    let reply = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let (url, _) = serve_once(reply.clone());
    let client = shapes_client::Client::builder().base_url(url).build().unwrap();
    let pet = client.get_pet("p1").send().await.unwrap();
    assert_eq!(pet, Pet::Other(serde_json::from_str(body).unwrap()));
    let (url, _) = serve_once(reply);
    let strict = shapes_client::Client::builder()
        .base_url(url)
        .strict_decoding(true)
        .build()
        .unwrap();
    let error = strict.get_pet("p1").send().await.unwrap_err();
    assert!(matches!(error, shapes_client::Error::Decode(_)), "{error:?}");
}

#[test]
fn untagged_alternatives_are_told_apart_by_type_and_fit() {
    assert_eq!(
        serde_json::from_value::<Amount>(json!(5)).unwrap(),
        Amount::Integer(5)
    );
    assert_eq!(
        serde_json::from_value::<Amount>(json!("five")).unwrap(),
        Amount::String("five".into())
    );
    assert!(matches!(
        serde_json::from_value::<Amount>(json!([1])).unwrap(),
        Amount::Other(_)
    ));
    // Both alternatives accept any object; the one without unknown properties wins.
    let phone: Contact = serde_json::from_value(json!({"number": "+1555"})).unwrap();
    assert!(matches!(phone, Contact::Phone(ref p) if p.number.as_deref() == Some("+1555")));
    let email: Contact = serde_json::from_value(json!({"address": "a@b.test"})).unwrap();
    assert!(matches!(email, Contact::Email(_)));
}

#[test]
fn recursive_structs_and_unions_decode_and_encode() {
    let tree = json!({
        "name": "leaf",
        "parent": {"name": "root"},
        "children": [{"name": "child"}],
        "formula": {"left": {"value": 1.0}, "right": {"left": {"value": 2.0}, "right": {"value": 3.0}}}
    });
    let node: TreeNode = serde_json::from_value(tree.clone()).unwrap();
    assert_eq!(node.parent.as_ref().unwrap().name.as_deref(), Some("root"));
    assert_eq!(
        node.children.as_ref().unwrap()[0].name.as_deref(),
        Some("child")
    );
    let Some(Formula::Sum(sum)) = &node.formula else {
        panic!("expected a sum: {:?}", node.formula);
    };
    assert!(matches!(sum.left.as_deref(), Some(Formula::Literal(l)) if l.value == Some(1.0)));
    assert!(matches!(sum.right.as_deref(), Some(Formula::Sum(_))));
    round_trip(&node, &tree);
}

#[test]
fn an_inline_all_of_of_the_enclosing_component_is_recursive() {
    let tree = json!({
        "name": "top",
        "annotated": {"name": "a", "note": "first", "annotated": {"note": "second"}}
    });
    let node: TreeNode = serde_json::from_value(tree.clone()).unwrap();
    let first: &shapes_client::types::TreeNodeAnnotated = node.annotated.as_ref().unwrap();
    assert_eq!(first.note.as_deref(), Some("first"));
    let second = first.annotated.as_deref().unwrap();
    assert_eq!(second.note.as_deref(), Some("second"));
    round_trip(&node, &tree);
}

/// A one-request HTTP server on loopback: answers `response` and hands back the raw request.
fn serve_once(response: impl Into<String>) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{Read, Write};
    let response: String = response.into();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = socket.read(&mut buf).unwrap();
            seen.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&seen).to_string();
            if let Some(end) = text.find("\r\n\r\n") {
                let length = text[..end]
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap())
                    })
                    .unwrap_or(0);
                if seen.len() >= end + 4 + length {
                    socket.write_all(response.as_bytes()).unwrap();
                    sender.send(text).unwrap();
                    return;
                }
            }
        }
    });
    (url, receiver)
}

#[tokio::test]
async fn form_bodies_are_url_encoded() {
    let (url, request) = serve_once(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 15\r\n\r\n{\"token\":\"t-1\"}",
    );
    let client = shapes_client::Client::builder()
        .base_url(url)
        .build()
        .unwrap();
    let body = shapes_client::types::CreateTokenBody {
        scope: Some("read write".into()),
        ..shapes_client::types::CreateTokenBody::new("client_credentials")
    };
    let token = client.create_token(body).send().await.unwrap();
    assert_eq!(token.token.as_deref(), Some("t-1"));
    let request = request.recv().unwrap();
    assert!(
        request
            .to_ascii_lowercase()
            .contains("content-type: application/x-www-form-urlencoded"),
        "{request}"
    );
    assert!(
        request.ends_with("grant_type=client_credentials&scope=read+write"),
        "{request}"
    );
}

#[tokio::test]
async fn multipart_bodies_are_sent_once_with_a_boundary() {
    let (url, request) = serve_once("HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n");
    let client = shapes_client::Client::builder()
        .base_url(url)
        .build()
        .unwrap();
    let form = shapes_client::reqwest::multipart::Form::new()
        .text("purpose", "logo")
        .part(
            "file",
            shapes_client::reqwest::multipart::Part::bytes(b"PNG...".to_vec())
                .file_name("logo.png"),
        );
    client.upload_file(form).send().await.unwrap();
    let request = request.recv().unwrap();
    assert!(
        request
            .to_ascii_lowercase()
            .contains("content-type: multipart/form-data; boundary="),
        "{request}"
    );
    assert!(
        request.contains("name=\"purpose\"\r\n\r\nlogo"),
        "{request}"
    );
    assert!(request.contains("filename=\"logo.png\""), "{request}");
}

/// The error of `reserve-widget` answered with `status`, a body and its content type.
async fn reservation_error(status: u16, content_type: &str, body: &str) -> shapes_client::Error {
    let (url, _request) = serve_once(format!(
        "HTTP/1.1 {status} Whatever\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    ));
    let client = shapes_client::Client::builder()
        .base_url(url)
        .max_retries(0)
        .build()
        .unwrap();
    let error = client
        .reserve_widget("w-1")
        .send()
        .await
        .expect_err("an error status");
    assert_eq!(error.status(), Some(status));
    error
}

const JSON: &str = "application/json";

#[tokio::test]
async fn each_error_status_decodes_into_the_type_documented_for_it() {
    use shapes_client::operations::ReserveWidgetError;

    // An exact code with a component schema.
    let error = reservation_error(
        400,
        JSON,
        r#"{"fields":[{"name":"until","reason":"in the past"}]}"#,
    )
    .await;
    let Some(ReserveWidgetError::BadRequest(problem)) = error.typed::<ReserveWidgetError>() else {
        panic!("400: {error:?}");
    };
    assert_eq!(problem.fields.len(), 1);
    assert_eq!(problem.fields[0].name, "until");
    assert_eq!(problem.fields[0].reason, "in the past");

    // An exact code with an inline schema of its own.
    let error = reservation_error(
        409,
        JSON,
        r#"{"held_by":"ops","until":"2030-01-01T00:00:00Z","queue":3}"#,
    )
    .await;
    let Some(ReserveWidgetError::Conflict(conflict)) = error.typed::<ReserveWidgetError>() else {
        panic!("409: {error:?}");
    };
    assert_eq!(conflict.held_by, "ops");
    assert_eq!(
        conflict.until,
        Some(shapes_client::DateTime::from("2030-01-01T00:00:00Z"))
    );
    assert_eq!(conflict.extra.get("queue"), Some(&json!(3)));

    // A code without its own response falls to the `4XX` range.
    let error = reservation_error(404, JSON, r#"{"title":"No such widget","status":404}"#).await;
    let Some(ReserveWidgetError::ClientError(problem)) = error.typed::<ReserveWidgetError>() else {
        panic!("404: {error:?}");
    };
    assert_eq!(problem.title, "No such widget");
    assert_eq!(problem.status, Some(404));

    // A documented code without a body, and one with a plain-text body: unit variants, the raw
    // body kept in the API error.
    let error = reservation_error(418, JSON, "").await;
    assert_eq!(
        error.typed::<ReserveWidgetError>(),
        Some(ReserveWidgetError::Status418)
    );
    let error = reservation_error(503, "text/plain", "down for maintenance").await;
    assert_eq!(
        error.typed::<ReserveWidgetError>(),
        Some(ReserveWidgetError::ServiceUnavailable)
    );
    assert_eq!(error.as_api().unwrap().body, "down for maintenance");

    // Any other status takes `default`.
    let error = reservation_error(500, JSON, r#"{"code":7,"message":"boom"}"#).await;
    let Some(ReserveWidgetError::Default(other)) = error.typed::<ReserveWidgetError>() else {
        panic!("500: {error:?}");
    };
    assert_eq!(other.code, 7);
    assert_eq!(other.message.as_deref(), Some("boom"));

    // The trait's function gives the same from the API error itself.
    use shapes_client::TypedError as _;
    assert_eq!(
        ReserveWidgetError::from_api(error.as_api().unwrap()),
        error.typed::<ReserveWidgetError>()
    );
}

#[tokio::test]
async fn a_body_not_in_the_shape_documented_for_its_status_is_none() {
    use shapes_client::operations::ReserveWidgetError;

    // The 409 schema requires `held_by`: a 400-shaped body does not decode as a conflict.
    let body = r#"{"fields":[]}"#;
    let error = reservation_error(409, JSON, body).await;
    assert_eq!(error.typed::<ReserveWidgetError>(), None);
    assert_eq!(error.as_api().unwrap().body, body);

    // The exact code decides: a 400 with the `4XX` range's shape is not a client error.
    let error = reservation_error(400, JSON, r#"{"title":"Bad"}"#).await;
    assert_eq!(error.typed::<ReserveWidgetError>(), None);

    // Not JSON at all.
    let error = reservation_error(500, "text/html", "<html>oops</html>").await;
    assert_eq!(error.typed::<ReserveWidgetError>(), None);
    assert_eq!(error.as_api().unwrap().body, "<html>oops</html>");
}

#[tokio::test]
async fn unions_of_scalars_go_in_paths_headers_and_queries_as_the_scalar_they_hold() {
    use shapes_client::types::{ListWorkflowRunsBranch, ListWorkflowRunsWorkflowId, RunRef};
    let (url, request) = serve_once("HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n");
    let client = shapes_client::Client::builder()
        .base_url(url)
        .build()
        .unwrap();
    client
        .list_workflow_runs(ListWorkflowRunsWorkflowId::String("ci.yml".into()))
        .x_run_attempt(RunRef::Integer(3))
        .branch(ListWorkflowRunsBranch::String("main".into()))
        .send()
        .await
        .unwrap();
    let request = request.recv().unwrap();
    assert!(
        request.starts_with("GET /workflows/ci.yml/runs?branch=main HTTP/1.1"),
        "{request}"
    );
    assert!(request.to_ascii_lowercase().contains("x-run-attempt: 3"), "{request}");

    let (url, request) = serve_once("HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n");
    let client = shapes_client::Client::builder()
        .base_url(url)
        .build()
        .unwrap();
    client
        .list_workflow_runs(ListWorkflowRunsWorkflowId::Integer(161335))
        .send()
        .await
        .unwrap();
    let request = request.recv().unwrap();
    assert!(request.starts_with("GET /workflows/161335/runs HTTP/1.1"), "{request}");
}

#[tokio::test]
async fn parameters_of_every_shape_follow_their_style_in_every_location() {
    use shapes_client::types::{StyledParamsFilter, StyledParamsPointsItem, StyledParamsPrefs};
    let (url, request) = serve_once("HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n");
    let client = shapes_client::Client::builder()
        .base_url(url)
        .build()
        .unwrap();
    client
        .styled_params(
            "a b",
            vec!["x".to_string(), "y,z".to_string()],
            vec![3, 4],
        )
        .points(vec![
            StyledParamsPointsItem {
                x: Some(1),
                y: Some(2),
                ..Default::default()
            },
            StyledParamsPointsItem {
                x: Some(5),
                ..Default::default()
            },
        ])
        .filter(StyledParamsFilter {
            q: Some("id:1".into()),
            ..Default::default()
        })
        .x_tags(vec!["red".to_string(), "blue".to_string()])
        .prefs(StyledParamsPrefs {
            theme: Some("dark".into()),
            size: Some(2),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let request = request.recv().unwrap();
    // label `.a%20b`; matrix exploded `;matrix=x;matrix=y%2Cz`; simple `3,4`; an array of
    // objects item by item with its index; `content` as JSON text.
    assert!(
        request.starts_with(
            "GET /styles/.a%20b/;matrix=x;matrix=y%2Cz/3,4?points[0][x]=1&points[0][y]=2&points[1][x]=5&filter=%7B%22q%22:%22id:1%22%7D HTTP/1.1"
        ),
        "{request}"
    );
    let lower = request.to_ascii_lowercase();
    assert!(lower.contains("x-tags: red,blue"), "{request}");
    assert!(lower.contains("cookie: theme=dark; size=2"), "{request}");
}

/// `/archive` names a server of its own; a base URL the user sets still takes every request.
#[tokio::test]
async fn the_users_base_url_takes_operations_with_a_server_of_their_own() {
    let (url, request) = serve_once("HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n");
    let client = shapes_client::Client::builder()
        .base_url(url)
        .build()
        .unwrap();
    client.get_archive().send().await.unwrap();
    let request = request.recv().unwrap();
    assert!(request.starts_with("GET /archive HTTP/1.1"), "{request}");
}

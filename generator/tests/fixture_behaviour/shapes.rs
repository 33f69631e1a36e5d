//! Runs inside the crate generated from `fixtures/shapes.yaml` (copied there as
//! `tests/behaviour.rs` by `snapshots::fixture_output_compiles_without_warnings`): how the
//! generated unions and recursive types decode and encode.

use serde_json::json;
use shapes_client::types::{Amount, Contact, Formula, Shape, TreeNode};

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

/// A one-request HTTP server on loopback: answers `response` and hands back the raw request.
fn serve_once(response: &'static str) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{Read, Write};
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
        ..shapes_client::types::CreateTokenBody::new("client_credentials".into())
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

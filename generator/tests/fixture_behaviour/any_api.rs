//! Runs inside the crate generated from `fixtures/any_api.yaml` (copied there as
//! `tests/behaviour.rs` by `tests/any_api.rs`): requests and responses as the description says,
//! for shapes other APIs use.

use serde_json::json;
use std::io::{Read, Write};

/// A one-request server on loopback: answers `status` with `body` (JSON when not empty) and
/// hands back the raw request.
fn serve_once(status: u16, body: &'static str) -> (String, std::sync::mpsc::Receiver<String>) {
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
                    let content_type = if body.is_empty() { "" } else { "content-type: application/json\r\n" };
                    let response = format!(
                        "HTTP/1.1 {status} X\r\n{content_type}content-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    socket.write_all(response.as_bytes()).unwrap();
                    sender.send(text).unwrap();
                    return;
                }
            }
        }
    });
    (url, receiver)
}

fn client(url: &str) -> any_api_client::Client {
    any_api_client::Client::builder()
        .base_url(url)
        .max_retries(0)
        .build()
        .unwrap()
}

fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
    request.lines().find_map(|line| {
        let (key, value) = line.split_once(": ")?;
        key.eq_ignore_ascii_case(name).then_some(value)
    })
}

/// An operation that answers only `application/ld+json` asks for it (a server that only
/// answers that refuses `application/json` with 406).
#[tokio::test]
async fn accept_names_the_media_types_the_response_declares() {
    let (url, seen) = serve_once(200, r#"{"name": "lamp"}"#);
    let thing = client(&url).get_thing("t1").send().await.unwrap();
    assert_eq!(thing.name.as_deref(), Some("lamp"));
    let request = seen.recv().unwrap();
    assert_eq!(header(&request, "accept"), Some("application/ld+json"));
}

/// A form body with an array, an object and a deepObject property is encoded as its
/// `encoding` says, instead of failing before anything is sent.
#[tokio::test]
async fn form_bodies_of_any_shape_are_encoded_as_their_encoding_says() {
    let (url, seen) = serve_once(201, r#"{"name": "lamp"}"#);
    let body = serde_json::from_value(json!({
        "name": "lamp & shade",
        "tags": ["a", "b"],
        "size": {"w": 2, "h": 3},
        "metadata": {"color": "red"}
    }))
    .unwrap();
    client(&url).create_thing(body).send().await.unwrap();
    let request = seen.recv().unwrap();
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let sent = request.split("\r\n\r\n").nth(1).unwrap();
    assert_eq!(
        sent,
        "name=lamp+%26+shade&tags=a&tags=b&w=2&h=3&metadata[color]=red"
    );
}

/// `items` beside `type: object` constrains only arrays: the object is decoded, not refused.
#[tokio::test]
async fn items_without_an_array_type_do_not_make_an_array() {
    let (url, _) = serve_once(200, r#"{"name": "lamp", "labels": {"room": "hall"}}"#);
    let thing = client(&url).get_thing("t1").send().await.unwrap();
    assert_eq!(thing.labels, Some(json!({"room": "hall"})));
}

/// A `204` is not decoded as JSON.
#[tokio::test]
async fn an_empty_success_is_not_decoded() {
    let (url, seen) = serve_once(204, "");
    client(&url).delete_things().send().await.unwrap();
    assert!(seen.recv().unwrap().starts_with("DELETE /things "));
}

/// Success responses with different bodies are one enum, decoded by the status: each body
/// as its own type, none for a 204, and the Accept header asks for what they declare.
#[tokio::test]
async fn several_success_bodies_are_told_apart_by_status() {
    use any_api_client::operations::RunJobSuccess;
    let (url, seen) = serve_once(200, r#"{"name": "lamp"}"#);
    match client(&url).run_job("j1").send().await.unwrap() {
        RunJobSuccess::Ok(thing) => assert_eq!(thing.name.as_deref(), Some("lamp")),
        other => panic!("a 200 is the Thing, not {other:?}"),
    }
    assert_eq!(
        header(&seen.recv().unwrap(), "accept"),
        Some("application/json")
    );
    let (url, _) = serve_once(202, r#"{"job_id": "job-7"}"#);
    let response = client(&url).run_job("j1").send_with_response().await.unwrap();
    assert_eq!(response.status(), 202);
    match response.into_value() {
        RunJobSuccess::Accepted(started) => assert_eq!(started.job_id, "job-7"),
        other => panic!("a 202 is the started job, not {other:?}"),
    }
    let (url, _) = serve_once(204, "");
    assert_eq!(
        client(&url).run_job("j1").send().await.unwrap(),
        RunJobSuccess::NoContent
    );
    // A 202 whose body is not the started job is a decode error, not another variant.
    let (url, _) = serve_once(202, r#"{"name": "lamp"}"#);
    let error = client(&url).run_job("j1").send().await.unwrap_err();
    assert!(error.to_string().contains("job_id"), "{error}");
}

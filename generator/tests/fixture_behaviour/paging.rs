//! Runs inside the crate generated from `fixtures/paging.yaml` (copied there as
//! `tests/behaviour.rs` by `tests/paging.rs`): `pages()` and `items()` walk listings paged each
//! way APIs page them, and stop where they should.

use paging_client::futures_util::TryStreamExt as _;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

/// What the server answers to one request: extra header lines and a JSON body (`null` for a
/// 204 without one).
type Answer = (Vec<String>, Value);

/// A server on loopback answering each request with what `answer` gives for its target (path
/// and query); every target it was asked for is in the returned list, in order.
fn serve(
    answer: impl Fn(&str, &str) -> Answer + Send + 'static,
) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (log, origin) = (seen.clone(), base.clone());
    std::thread::spawn(move || {
        for socket in listener.incoming() {
            let mut socket = socket.unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = socket.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                request.extend_from_slice(&buf[..n]);
            }
            let text = String::from_utf8_lossy(&request).to_string();
            let target = text.split(' ').nth(1).unwrap_or_default().to_owned();
            log.lock().unwrap().push(target.clone());
            let (headers, body) = answer(&origin, &target);
            // `Value::Null` is no body: a 204.
            let (status, body) = match body {
                Value::Null => ("204 No Content", String::new()),
                body => ("200 OK", body.to_string()),
            };
            let mut response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\nconnection: close\r\n\
                 content-length: {}\r\n",
                body.len()
            );
            for header in headers {
                response.push_str(&header);
                response.push_str("\r\n");
            }
            response.push_str("\r\n");
            response.push_str(&body);
            socket.write_all(response.as_bytes()).unwrap();
        }
    });
    (base, seen)
}

fn client(base: &str) -> paging_client::Client {
    paging_client::Client::builder()
        .base_url(format!("{base}/v1"))
        .max_retries(0)
        .build()
        .unwrap()
}

fn items(ids: &[&str]) -> Value {
    Value::Array(ids.iter().map(|id| json!({ "id": id })).collect())
}

fn ids(items: Vec<paging_client::types::Item>) -> Vec<String> {
    items.into_iter().map(|item| item.id).collect()
}

/// The value of query parameter `name` in `target`.
fn query<'a>(target: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = target.split_once('?')?;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then_some(value)
    })
}

/// Runs a stream of items to its end, or to its first error, within ten seconds (a walk that
/// never ends fails instead of hanging).
async fn collect<S, T>(stream: S) -> (Vec<T>, Option<paging_client::Error>)
where
    S: paging_client::futures_util::Stream<Item = Result<T, paging_client::Error>>,
{
    let walk = async {
        let mut stream = std::pin::pin!(stream);
        let mut found = Vec::new();
        loop {
            match stream.try_next().await {
                Ok(Some(item)) => found.push(item),
                Ok(None) => return (found, None),
                Err(e) => return (found, Some(e)),
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), walk)
        .await
        .expect("the walk ends")
}

#[tokio::test]
async fn a_cursor_in_the_body_is_sent_back_until_there_is_none() {
    let (base, seen) = serve(|_, target| match query(target, "cursor") {
        None => (vec![], json!({"data": items(&["a", "b"]), "meta": {"next_cursor": "c2"}})),
        Some("c2") => (vec![], json!({"data": items(&["c"]), "meta": {"next_cursor": null}})),
        other => panic!("unexpected cursor {other:?}"),
    });
    let (found, error) = collect(client(&base).list_by_cursor().limit(2).items()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(found), ["a", "b", "c"]);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert_eq!(query(&seen[1], "cursor"), Some("c2"));
    assert_eq!(query(&seen[1], "limit"), Some("2"), "other parameters are kept");
}

#[tokio::test]
async fn starting_after_takes_the_last_items_id_while_has_more() {
    let (base, seen) = serve(|_, target| match query(target, "starting_after") {
        None => (vec![], json!({"object": "list", "data": items(&["a", "b"]), "has_more": true})),
        Some("b") => (vec![], json!({"object": "list", "data": items(&["c"]), "has_more": false})),
        other => panic!("unexpected starting_after {other:?}"),
    });
    let (found, error) = collect(client(&base).list_after_last_item().items()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(found), ["a", "b", "c"]);
    assert_eq!(seen.lock().unwrap().len(), 2, "has_more: false is the end");
}

#[tokio::test]
async fn next_urls_in_the_body_are_followed_absolute_or_relative() {
    let (base, seen) = serve(|origin, target| match query(target, "page") {
        None => (
            vec![],
            json!({"results": items(&["a"]), "next": format!("{origin}/v1/next-url?page=2")}),
        ),
        Some("2") => (vec![], json!({"results": items(&["b"]), "next": "/v1/next-url?page=3"})),
        Some("3") => (vec![], json!({"results": items(&["c"]), "next": null})),
        other => panic!("unexpected page {other:?}"),
    });
    let (found, error) = collect(client(&base).list_by_next_url().page_size(1).items()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(found), ["a", "b", "c"]);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        ["/v1/next-url?page_size=1", "/v1/next-url?page=2", "/v1/next-url?page=3"],
        "the next URL replaces the request's own, query included"
    );
}

#[tokio::test]
async fn a_next_url_on_another_origin_is_refused_with_an_error() {
    let (base, seen) = serve(|_, _| {
        (
            vec![],
            json!({"results": items(&["a"]), "next": "http://elsewhere.invalid/v1/next-url?page=2"}),
        )
    });
    let (found, error) = collect(client(&base).list_by_next_url().items()).await;
    assert_eq!(ids(found), ["a"]);
    let error = error.expect("the walk ends with an error").to_string();
    assert!(
        error.contains("http://elsewhere.invalid") && error.contains("origin"),
        "{error}"
    );
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_page_naming_itself_as_next_ends_the_walk() {
    let (base, seen) = serve(|origin, _| {
        (
            vec![],
            json!({"results": items(&["a"]), "next": format!("{origin}/v1/next-url?page=2")}),
        )
    });
    let (found, error) = collect(client(&base).list_by_next_url().items()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(found), ["a", "a"]);
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn the_link_headers_next_is_followed_until_there_is_none() {
    let (base, seen) = serve(|origin, target| match query(target, "page") {
        None => (
            vec![format!(
                "link: <{origin}/v1/link?page=2>; rel=\"next\", <{origin}/v1/link?page=3>; rel=\"last\""
            )],
            items(&["a", "b"]),
        ),
        Some("2") => (
            vec![format!("link: <{origin}/v1/link?page=1>; rel=\"prev\"")],
            items(&["c"]),
        ),
        other => panic!("unexpected page {other:?}"),
    });
    let (pages, error) = collect(client(&base).list_by_link_header().per_page(2).pages()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(pages.len(), 2);
    assert_eq!(ids(pages.into_iter().flatten().collect()), ["a", "b", "c"]);
    assert_eq!(seen.lock().unwrap()[1], "/v1/link?page=2");
}

#[tokio::test]
async fn an_offset_moves_on_by_the_items_read_until_the_total() {
    let (base, seen) = serve(|_, target| match query(target, "offset") {
        None => (vec![], json!({"items": items(&["a", "b"]), "total": 3})),
        Some("2") => (vec![], json!({"items": items(&["c"]), "total": 3})),
        other => panic!("unexpected offset {other:?}"),
    });
    let (found, error) = collect(client(&base).list_by_offset().limit(2).items()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(found), ["a", "b", "c"]);
    assert_eq!(seen.lock().unwrap().len(), 2, "offset 3 of 3 is not asked for");
}

#[tokio::test]
async fn page_numbers_go_up_to_the_number_of_pages() {
    let (base, seen) = serve(|_, target| {
        let page: i64 = query(target, "page").map_or(1, |p| p.parse().unwrap());
        let id = format!("p{page}");
        (
            vec![],
            json!({"records": items(&[&id]), "pagination": {"page": page, "total_pages": 3}}),
        )
    });
    let (found, error) = collect(client(&base).list_by_page().items()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(found), ["p1", "p2", "p3"]);
    assert_eq!(seen.lock().unwrap().len(), 3);
    let (found, _) = collect(client(&base).list_by_page().page(3).items()).await;
    assert_eq!(ids(found), ["p3"], "a walk starts at the page the caller set");
}

#[tokio::test]
async fn x_pagination_declares_what_no_heuristic_knows() {
    let (base, seen) = serve(|_, target| match query(target, "resume") {
        None => (
            vec![],
            json!({"payload": {"things": items(&["a"]), "resume_from": "r1", "incomplete": true}}),
        ),
        Some("r1") => (
            vec![],
            json!({"payload": {"things": items(&["b"]), "resume_from": "r2", "incomplete": false}}),
        ),
        other => panic!("unexpected resume {other:?}"),
    });
    let (found, error) = collect(client(&base).list_declared().items()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(found), ["a", "b"]);
    assert_eq!(seen.lock().unwrap().len(), 2, "incomplete: false is the end");
}

#[tokio::test]
async fn a_listing_that_answers_204_has_no_more_pages() {
    let (base, seen) = serve(|origin, target| match query(target, "page") {
        None => (
            vec![format!("link: <{origin}/v1/contributors?page=2>; rel=\"next\"")],
            items(&["a"]),
        ),
        Some("2") => (vec![], Value::Null),
        other => panic!("unexpected page {other:?}"),
    });
    let (found, error) = collect(client(&base).list_contributors().items()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(found), ["a"]);
    assert_eq!(seen.lock().unwrap().len(), 2);
    // `send` tells the two apart.
    use paging_client::operations::ListContributorsSuccess;
    let (base, _) = serve(|_, _| (vec![], Value::Null));
    let answer = client(&base).list_contributors().send().await.unwrap();
    assert_eq!(answer, ListContributorsSuccess::NoContent);
}

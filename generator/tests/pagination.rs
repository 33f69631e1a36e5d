//! Page streams of the generated client (`pages()` and `items()` on list requests): the
//! caller's filters and page size are kept, the walk stops at `meta.total_pages` or at an
//! empty page, and errors end the stream.

use futures_util::TryStreamExt;
use serde_json::{json, Value};
use telnyx_orders::types::{ListNumberOrdersFilter, NumbersPageConsolidated};
use telnyx_orders::Client;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder()
        .api_key("key")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    (server, client)
}

fn page_body(number: u32, ids: &[&str], total_pages: Option<u32>) -> Value {
    let mut meta = json!({"page_number": number, "page_size": 2, "total_results": 5});
    if let Some(total) = total_pages {
        meta["total_pages"] = json!(total);
    }
    json!({
        "data": ids.iter().map(|id| json!({"id": id, "status": "pending"})).collect::<Vec<_>>(),
        "meta": meta,
    })
}

/// Answers requests for page `number`; a request without `page[number]` asks for page 1.
async fn serve_page(server: &MockServer, number: u32, body: Value) {
    let wanted = number.to_string();
    Mock::given(method("GET"))
        .and(path("/number_orders"))
        .and(move |request: &Request| {
            let asked = request
                .url
                .query_pairs()
                .find(|(key, _)| key == "page[number]")
                .map(|(_, value)| value.into_owned());
            asked.as_deref().unwrap_or("1") == wanted
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

async fn queries(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r: &Request| r.url.query().unwrap_or_default().to_owned())
        .collect()
}

fn filtered(client: &Client) -> telnyx_orders::operations::ListNumberOrders {
    client
        .list_number_orders()
        .page(NumbersPageConsolidated {
            size: Some(2),
            ..Default::default()
        })
        .filter(ListNumberOrdersFilter {
            status: Some("pending".into()),
            customer_reference: Some("ref 1".into()),
            ..Default::default()
        })
}

#[tokio::test]
async fn items_walk_three_pages_keeping_filters_and_size() {
    let (server, client) = setup().await;
    serve_page(&server, 1, page_body(1, &["a", "b"], Some(3))).await;
    serve_page(&server, 2, page_body(2, &["c", "d"], Some(3))).await;
    serve_page(&server, 3, page_body(3, &["e"], Some(3))).await;

    let items: Vec<_> = filtered(&client).items().try_collect().await.unwrap();
    let ids: Vec<_> = items.iter().map(|o| o.id.clone().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);

    let filters = "filter[customer_reference]=ref%201&filter[status]=pending";
    let expected = [
        format!("page[size]=2&{filters}"),
        format!("page[number]=2&page[size]=2&{filters}"),
        format!("page[number]=3&page[size]=2&{filters}"),
    ];
    assert_eq!(queries(&server).await, expected);
}

#[tokio::test]
async fn pages_start_at_the_page_the_caller_set() {
    let (server, client) = setup().await;
    serve_page(&server, 2, page_body(2, &["c", "d"], Some(3))).await;
    serve_page(&server, 3, page_body(3, &["e"], Some(3))).await;

    let pages: Vec<_> = client
        .list_number_orders()
        .page(NumbersPageConsolidated {
            number: Some(2),
            size: Some(2),
            ..Default::default()
        })
        .pages()
        .try_collect()
        .await
        .unwrap();
    let numbers: Vec<_> = pages
        .iter()
        .map(|p| p.meta.as_ref().unwrap().page_number.unwrap())
        .collect();
    assert_eq!(numbers, [2, 3]);
    assert_eq!(queries(&server).await.len(), 2);
}

#[tokio::test]
async fn a_single_page_listing_makes_one_request() {
    let (server, client) = setup().await;
    serve_page(&server, 1, page_body(1, &["a"], Some(1))).await;

    let items: Vec<_> = client
        .list_number_orders()
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 1);
    // No page parameter was set, so none is sent: the server's first page is page 1.
    assert_eq!(queries(&server).await, [""]);
}

#[tokio::test]
async fn without_total_pages_the_walk_stops_at_an_empty_page() {
    let (server, client) = setup().await;
    serve_page(&server, 1, page_body(1, &["a", "b"], None)).await;
    serve_page(&server, 2, page_body(2, &["c"], None)).await;
    serve_page(&server, 3, page_body(3, &[], None)).await;

    let items: Vec<_> = filtered(&client).items().try_collect().await.unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(queries(&server).await.len(), 3);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_pages_before_it() {
    let (server, client) = setup().await;
    serve_page(&server, 1, page_body(1, &["a", "b"], Some(3))).await;
    Mock::given(query_param("page[number]", "2"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "errors": [{"code": "10005", "title": "Resource not found"}]
        })))
        .mount(&server)
        .await;

    let mut pages = std::pin::pin!(filtered(&client).pages());
    let first = pages.try_next().await.unwrap().unwrap();
    assert_eq!(first.data.unwrap().len(), 2);
    let err = pages.try_next().await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert!(pages.try_next().await.unwrap().is_none(), "the stream ends");
}

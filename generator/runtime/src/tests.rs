//! Unit tests of the runtime, where it is written. (Not copied into generated crates; the
//! generator's tests exercise the same code again through generated clients.)

use crate::retry::{self, Failure};
use crate::runtime::{self, Object, ParamScalar, Query, QueryValue, Style};
use crate::{ApiError, Client, Error};
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

mod retry_policy {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};
    use reqwest::Method;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn idempotent_methods_retry_timeouts_and_retryable_statuses() {
        let none = HeaderMap::new();
        for method in [Method::GET, Method::PUT, Method::DELETE, Method::HEAD] {
            assert!(retry::should_retry(&method, &Failure::MaybeProcessed));
            for status in [408, 409, 429, 500, 502, 503, 504] {
                assert!(retry::should_retry(
                    &method,
                    &Failure::Status(status, &none)
                ));
            }
            for status in [400, 401, 403, 404, 422] {
                assert!(!retry::should_retry(
                    &method,
                    &Failure::Status(status, &none)
                ));
            }
        }
    }

    #[test]
    fn post_and_patch_retry_only_what_cannot_have_been_processed() {
        let none = HeaderMap::new();
        for method in [Method::POST, Method::PATCH] {
            assert!(retry::should_retry(&method, &Failure::NotConnected));
            assert!(!retry::should_retry(&method, &Failure::MaybeProcessed));
            assert!(retry::should_retry(&method, &Failure::Status(429, &none)));
            for status in [408, 409, 500, 503] {
                assert!(!retry::should_retry(
                    &method,
                    &Failure::Status(status, &none)
                ));
            }
        }
    }

    #[test]
    fn the_server_can_override_the_policy() {
        let yes = headers(&[("x-should-retry", "true")]);
        let no = headers(&[("x-should-retry", "false")]);
        assert!(retry::should_retry(
            &Method::POST,
            &Failure::Status(500, &yes)
        ));
        assert!(!retry::should_retry(
            &Method::GET,
            &Failure::Status(503, &no)
        ));
    }

    #[test]
    fn retry_after_reads_milliseconds_seconds_and_dates_and_is_capped() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let wait = |pairs: &[(&'static str, &str)]| retry::retry_after(&headers(pairs), now);
        assert_eq!(
            wait(&[("retry-after-ms", "250")]),
            Some(Duration::from_millis(250))
        );
        assert_eq!(wait(&[("retry-after", "3")]), Some(Duration::from_secs(3)));
        // Retry-After-Ms wins over Retry-After.
        assert_eq!(
            wait(&[("retry-after-ms", "100"), ("retry-after", "9")]),
            Some(Duration::from_millis(100))
        );
        let in_ten = httpdate::fmt_http_date(now + Duration::from_secs(10));
        assert_eq!(
            wait(&[("retry-after", &in_ten)]),
            Some(Duration::from_secs(10))
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(10));
        assert_eq!(wait(&[("retry-after", &past)]), Some(Duration::ZERO));
        // As asked, however long: the client decides whether to wait.
        assert_eq!(
            wait(&[("retry-after", "3600")]),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(wait(&[("retry-after", "1e300")]), Some(Duration::MAX));
        assert_eq!(wait(&[("retry-after", "soon")]), None);
        assert_eq!(wait(&[("retry-after", "-1")]), None);
        assert_eq!(wait(&[]), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        for retry in 0..40 {
            let base = retry::INITIAL_RETRY_DELAY
                .saturating_mul(1 << retry.min(16))
                .min(retry::MAX_RETRY_DELAY);
            for _ in 0..20 {
                let delay = retry::backoff(retry);
                assert!(delay <= base, "{delay:?} > {base:?}");
                assert!(delay >= base.mul_f64(0.75), "{delay:?} < 3/4 of {base:?}");
            }
        }
    }
}

mod encoding {
    use super::*;

    #[test]
    fn path_segments_keep_slashes_and_dots_inside_one_segment() {
        assert_eq!(runtime::path_segment("a/b"), "a%2Fb");
        assert_eq!(runtime::path_segment("x y?#"), "x%20y%3F%23");
        assert_eq!(
            runtime::path_segment("+1-555:ext@9_~."),
            "%2B1-555:ext@9_~."
        );
        assert_eq!(runtime::path_segment("é"), "%C3%A9");
    }

    fn query(write: impl FnOnce(&mut Query)) -> String {
        let mut query = Query::new();
        write(&mut query);
        query.finish()
    }

    #[test]
    fn arrays_follow_their_style() {
        let values = vec!["a b".to_string(), "c,d".to_string()];
        let form = |explode| Style::Form { explode };
        assert_eq!(
            query(|q| values.write("k", form(true), q)),
            "k=a%20b&k=c%2Cd"
        );
        assert_eq!(
            query(|q| values.write("k", form(false), q)),
            "k=a%20b%2Cc%2Cd"
        );
        assert_eq!(
            query(|q| values.write("k", Style::SpaceDelimited, q)),
            "k=a%20b%20c%2Cd"
        );
        assert_eq!(
            query(|q| values.write("k", Style::PipeDelimited, q)),
            "k=a%20b%7Cc%2Cd"
        );
    }

    #[test]
    fn maps_are_deep_objects_and_absent_values_are_skipped() {
        let mut map = BTreeMap::new();
        map.insert("status".to_string(), "pending".to_string());
        map.insert("page size".to_string(), "2".to_string());
        assert_eq!(
            query(|q| map.write("filter", Style::DeepObject, q)),
            "filter[page%20size]=2&filter[status]=pending"
        );
        let absent: Option<String> = None;
        assert_eq!(
            query(|q| absent.write("x", Style::Form { explode: true }, q)),
            ""
        );
        assert_eq!(
            query(|q| Some(true).write("x", Style::Form { explode: true }, q)),
            "x=true"
        );
    }

    #[test]
    fn scalars_and_json_values_become_their_text() {
        assert_eq!(42i64.to_param(), "42");
        assert_eq!(1.5f64.to_param(), "1.5");
        assert_eq!(serde_json::json!("text").to_param(), "text");
        assert_eq!(serde_json::json!({"a": 1}).to_param(), r#"{"a":1}"#);
    }

    /// The `color` examples of the Parameter Object's style table (OpenAPI 3.0.4 / 3.1.1, which
    /// corrected 3.0.3's `label` rows to RFC 6570): an empty string, `"blue"`, the array
    /// `["blue", "black", "brown"]` and the object `{"R": 100, "G": 200, "B": 150}`.
    mod style_table {
        use super::*;
        use runtime::{styled, write_serialized, ParamStyle};

        #[derive(serde::Serialize)]
        #[allow(non_snake_case)]
        struct Rgb {
            R: i32,
            G: i32,
            B: i32,
        }

        const EMPTY: &str = "";
        const STRING: &str = "blue";
        const ARRAY: [&str; 3] = ["blue", "black", "brown"];
        const OBJECT: Rgb = Rgb {
            R: 100,
            G: 200,
            B: 150,
        };

        /// In a path (percent-encoded values, literal delimiters).
        fn path<T: serde::Serialize + ?Sized>(value: &T, style: ParamStyle) -> String {
            let mut path = String::new();
            match runtime::push_path_styled(&mut path, "color", value, style) {
                Ok(()) => path,
                Err(e) => format!("error: {e}"),
            }
        }

        /// In a header (the text as it is).
        fn header<T: serde::Serialize + ?Sized>(value: &T, style: ParamStyle) -> String {
            styled(value, "color", style, false).unwrap_or_default()
        }

        /// In a query string.
        fn query_of<T: serde::Serialize + ?Sized>(value: &T, style: Style) -> String {
            query(|q| write_serialized(value, "color", style, false, q))
        }

        #[test]
        fn matrix() {
            for explode in [false, true] {
                let style = ParamStyle::Matrix { explode };
                assert_eq!(path(EMPTY, style), ";color");
                assert_eq!(path(STRING, style), ";color=blue");
            }
            let style = ParamStyle::Matrix { explode: false };
            assert_eq!(path(&ARRAY, style), ";color=blue,black,brown");
            assert_eq!(path(&OBJECT, style), ";color=R,100,G,200,B,150");
            let style = ParamStyle::Matrix { explode: true };
            assert_eq!(path(&ARRAY, style), ";color=blue;color=black;color=brown");
            assert_eq!(path(&OBJECT, style), ";R=100;G=200;B=150");
        }

        #[test]
        fn label() {
            for explode in [false, true] {
                let style = ParamStyle::Label { explode };
                // `.` alone would be a dot segment: refused before anything is sent.
                assert_eq!(
                    path(EMPTY, style),
                    "error: invalid parameter `color`: `.` and `..` would name another endpoint; nothing was sent"
                );
                assert_eq!(path(STRING, style), ".blue");
            }
            let style = ParamStyle::Label { explode: false };
            assert_eq!(path(&ARRAY, style), ".blue,black,brown");
            assert_eq!(path(&OBJECT, style), ".R,100,G,200,B,150");
            let style = ParamStyle::Label { explode: true };
            assert_eq!(path(&ARRAY, style), ".blue.black.brown");
            assert_eq!(path(&OBJECT, style), ".R=100.G=200.B=150");
        }

        #[test]
        fn simple_in_a_path_and_in_a_header() {
            for explode in [false, true] {
                let style = ParamStyle::Simple { explode };
                assert_eq!(path(STRING, style), "blue");
                assert_eq!(header(STRING, style), "blue");
                assert_eq!(path(&ARRAY, style), "blue,black,brown");
                assert_eq!(header(&ARRAY, style), "blue,black,brown");
            }
            let style = ParamStyle::Simple { explode: false };
            assert_eq!(path(&OBJECT, style), "R,100,G,200,B,150");
            assert_eq!(header(&OBJECT, style), "R,100,G,200,B,150");
            let style = ParamStyle::Simple { explode: true };
            assert_eq!(path(&OBJECT, style), "R=100,G=200,B=150");
            assert_eq!(header(&OBJECT, style), "R=100,G=200,B=150");
            // A comma inside a value is encoded in a path, so the list stays a list.
            assert_eq!(path(&["a,b", "c"], style), "a%2Cb,c");
        }

        #[test]
        fn form_in_a_query_string() {
            for explode in [false, true] {
                let style = Style::Form { explode };
                assert_eq!(query_of(EMPTY, style), "color=");
                assert_eq!(query_of(STRING, style), "color=blue");
            }
            let style = Style::Form { explode: false };
            assert_eq!(query_of(&ARRAY, style), "color=blue%2Cblack%2Cbrown");
            assert_eq!(
                query_of(&OBJECT, style),
                "color=R%2C100%2CG%2C200%2CB%2C150"
            );
            let style = Style::Form { explode: true };
            assert_eq!(
                query_of(&ARRAY, style),
                "color=blue&color=black&color=brown"
            );
            assert_eq!(query_of(&OBJECT, style), "R=100&G=200&B=150");
        }

        #[test]
        fn form_in_a_cookie() {
            for explode in [false, true] {
                let style = ParamStyle::Form { explode };
                assert_eq!(header(EMPTY, style), "color=");
                assert_eq!(header(STRING, style), "color=blue");
            }
            let style = ParamStyle::Form { explode: false };
            assert_eq!(header(&ARRAY, style), "color=blue,black,brown");
            assert_eq!(header(&OBJECT, style), "color=R,100,G,200,B,150");
            // Exploded, each item or property is a cookie of its own.
            let style = ParamStyle::Form { explode: true };
            assert_eq!(
                header(&ARRAY, style),
                "color=blue; color=black; color=brown"
            );
            assert_eq!(header(&OBJECT, style), "R=100; G=200; B=150");
        }

        #[test]
        fn space_and_pipe_delimited() {
            assert_eq!(
                query_of(&ARRAY, Style::SpaceDelimited),
                "color=blue%20black%20brown"
            );
            assert_eq!(
                query_of(&OBJECT, Style::SpaceDelimited),
                "color=R%20100%20G%20200%20B%20150"
            );
            assert_eq!(
                query_of(&ARRAY, Style::PipeDelimited),
                "color=blue%7Cblack%7Cbrown"
            );
            assert_eq!(
                query_of(&OBJECT, Style::PipeDelimited),
                "color=R%7C100%7CG%7C200%7CB%7C150"
            );
        }

        #[test]
        fn deep_object() {
            // The table writes the brackets percent-encoded; they are sent as they are, as
            // the APIs that use deepObject document them (`filter[status]=...`).
            assert_eq!(
                query_of(&OBJECT, Style::DeepObject),
                "color[R]=100&color[G]=200&color[B]=150"
            );
        }

        /// Where the table says nothing: arrays of objects and objects holding them go item by
        /// item with their index; `content`-described parameters as their JSON text.
        #[test]
        fn nested_values_and_json_content() {
            let value = serde_json::json!({
                "tags": ["a", "b"],
                "list": [{"y": "1"}, {"y": "2", "z": null}],
                "inner": {"x": "i"}
            });
            assert_eq!(
                query_of(&value, Style::DeepObject),
                "color[inner][x]=i&color[list][0][y]=1&color[list][1][y]=2&color[tags]=a&color[tags]=b"
            );
            let items = serde_json::json!([{"a": "x"}, {"a": "y"}]);
            assert_eq!(
                query_of(&items, Style::Form { explode: true }),
                "color[0][a]=x&color[1][a]=y"
            );
            let filter = serde_json::json!({"q": "a b"});
            assert_eq!(
                query(|q| write_serialized(&filter, "filter", Style::DeepObject, true, q)),
                "filter=%7B%22q%22:%22a%20b%22%7D"
            );
            assert_eq!(
                styled(&filter, "filter", ParamStyle::Json, false).as_deref(),
                Some(r#"{"q":"a b"}"#)
            );
            assert_eq!(
                styled(&None::<i32>, "filter", ParamStyle::Json, false),
                None
            );
        }
    }

    #[test]
    fn snippets_are_one_line_and_at_most_200_characters() {
        assert_eq!(runtime::snippet("a\nb\tc"), "a b c");
        let long = "é".repeat(300);
        let cut = runtime::snippet(&long);
        assert_eq!(cut.chars().count(), 201);
        assert!(cut.ends_with('…'));
    }
}

/// A struct written the way the generator writes them (`Object` with slots), to test the
/// decoding machinery on its own.
mod objects {
    use super::*;
    use serde::de::MapAccess;
    use serde::ser::SerializeMap;

    #[derive(Debug, Clone, PartialEq)]
    struct Widget {
        id: String,
        count: Option<i64>,
        extra: BTreeMap<String, serde_json::Value>,
    }

    #[derive(Default)]
    struct WidgetSlots {
        id: Option<String>,
        count: Option<i64>,
        extra: BTreeMap<String, serde_json::Value>,
    }

    impl Object for Widget {
        const EXPECTING: &'static str = "a Widget object";
        type Slots = WidgetSlots;

        fn read<'de, A: MapAccess<'de>>(
            slots: &mut WidgetSlots,
            key: &str,
            map: &mut A,
            cx: &mut runtime::Cx,
        ) -> Result<bool, A::Error> {
            match key {
                "id" => runtime::req(map, &mut slots.id, cx),
                "count" => runtime::opt(map, &mut slots.count, cx),
                _ => Ok(false),
            }
        }

        fn extra(slots: &mut WidgetSlots) -> &mut BTreeMap<String, serde_json::Value> {
            &mut slots.extra
        }

        fn finish<E: serde::de::Error>(slots: WidgetSlots) -> Result<Self, E> {
            Ok(Widget {
                id: runtime::required(slots.id, "id")?,
                count: slots.count,
                extra: slots.extra,
            })
        }

        fn write<M: SerializeMap>(&self, out: &mut runtime::Out<'_, M>) {
            runtime::put(out, "id", &self.id);
            runtime::put_opt(out, "count", &self.count);
            runtime::put_extra(out, &self.extra);
        }
    }

    impl serde::Serialize for Widget {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            runtime::serialize_object(self, serializer)
        }
    }

    impl<'de> serde::Deserialize<'de> for Widget {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            runtime::deserialize_object(deserializer)
        }
    }

    #[test]
    fn unknown_properties_are_kept_and_written_back_after_the_known_ones() {
        let body = br#"{"zeta":[1],"id":"w1","count":3,"alpha":null}"#;
        let widget: Widget = runtime::decode(body, "Widget", false).unwrap();
        assert_eq!(widget.id, "w1");
        assert_eq!(widget.count, Some(3));
        assert_eq!(widget.extra.len(), 2);
        assert_eq!(
            serde_json::to_string(&widget).unwrap(),
            r#"{"id":"w1","count":3,"alpha":null,"zeta":[1]}"#
        );
    }

    #[test]
    fn a_value_that_does_not_fit_an_optional_field_moves_to_extra() {
        let body = br#"{"id":"w1","count":"many"}"#;
        let widget: Widget = runtime::decode(body, "Widget", false).unwrap();
        assert_eq!(widget.count, None);
        assert_eq!(widget.extra["count"], serde_json::json!("many"));
        // Strict decoding refuses it and names the field.
        let Err(Error::Decode(error)) = runtime::decode::<Widget>(body, "Widget", true) else {
            panic!("strict decoding accepted a misfit");
        };
        assert_eq!(error.type_name, "Widget");
        assert_eq!(error.path, "count");
        assert!(
            error.to_string().contains("body starts: {\"id\""),
            "{error}"
        );
    }

    #[test]
    fn a_missing_or_misfit_required_field_fails_in_both_passes() {
        for body in [&br#"{"count":1}"#[..], br#"{"id":7}"#, b"not json"] {
            let result = runtime::decode::<Widget>(body, "Widget", false);
            assert!(
                matches!(result, Err(Error::Decode(_))),
                "{}: {result:?}",
                String::from_utf8_lossy(body)
            );
        }
        let error = serde_json::from_str::<Widget>(r#"{"count":1}"#).unwrap_err();
        assert!(error.to_string().contains("missing field `id`"), "{error}");
    }

    #[test]
    fn an_empty_body_is_said_to_be_empty() {
        for body in [&b""[..], b" \r\n"] {
            let error = runtime::decode::<Widget>(body, "Widget", false).unwrap_err();
            assert_eq!(
                error.to_string(),
                "cannot decode Widget at `.`: the response has no body, where the API \
                 description documents one (body starts: )"
            );
        }
    }
}

mod errors {
    use super::*;

    #[test]
    fn api_errors_read_like_the_first_error_object() {
        let body = br#"{"errors":[{"code":10005,"title":"Resource not found","detail":"No order."},{"code":"1"}]}"#;
        let error = Error::Api(ApiError::new(404, Some("req-1".into()), None, body));
        assert_eq!(
            error.to_string(),
            "404 Not Found: Resource not found (code 10005): No order. (and 1 more) [request id req-1]"
        );
        assert!(error.is_not_found());
        assert!(!error.is_retryable());
        assert_eq!(error.status(), Some(404));
        let first = error.as_api().and_then(ApiError::first).unwrap();
        assert_eq!(first.code.as_deref(), Some("10005"));
    }

    #[test]
    fn a_body_in_another_shape_is_kept_and_shown() {
        let error = ApiError::new(503, None, None, b"upstream\nunavailable\n");
        assert!(error.errors.is_empty());
        assert_eq!(error.body, "upstream\nunavailable\n");
        assert_eq!(
            error.to_string(),
            "503 Service Unavailable: upstream unavailable"
        );
        assert!(Error::Api(error).is_retryable());
    }

    #[test]
    fn messages_have_no_space_at_either_end() {
        for (status, body) in [
            (499, &b""[..]),
            (499, b"  \n"),
            (520, b"oops \n"),
            (422, br#"{"errors":[{"title":"Bad ","detail":" "}]}"#),
        ] {
            let text = ApiError::new(status, None, None, body).to_string();
            assert_eq!(text, text.trim(), "{text:?}");
            assert!(!text.contains("  "), "{text:?}");
        }
        assert_eq!(ApiError::new(499, None, None, b"").to_string(), "499");
    }

    /// The bodies of other APIs read as they write them: the message is shown, not the JSON.
    #[test]
    fn the_usual_error_bodies_of_other_apis_give_their_message() {
        for (body, shown) in [
            // RFC 7807 problem details.
            (
                &br#"{"type":"https://x.test/p","title":"Out of credit","detail":"Balance is 30, cost is 50.","status":403}"#[..],
                "403 Forbidden: Out of credit: Balance is 30, cost is 50.",
            ),
            // A `message` (GitHub, Stripe-like inner objects below).
            (br#"{"message":"Bad credentials","documentation_url":"https://x.test"}"#, "403 Forbidden: Bad credentials"),
            (br#"{"error":{"type":"invalid_request_error","message":"No such customer"}}"#, "403 Forbidden: No such customer"),
            // OAuth: `error` and `error_description`.
            (br#"{"error":"invalid_grant","error_description":"The code has expired"}"#, "403 Forbidden: invalid_grant: The code has expired"),
            (br#"{"error":"forbidden"}"#, "403 Forbidden: forbidden"),
            (br#"{"detail":"Not allowed."}"#, "403 Forbidden: Not allowed."),
            // Nothing recognisable: the body itself.
            (br#"{"code":7}"#, r#"403 Forbidden: {"code":7}"#),
        ] {
            let error = ApiError::new(403, None, None, body);
            assert_eq!(error.to_string(), shown);
            assert!(error.errors.is_empty());
        }
        let error = ApiError::new(403, None, None, br#"{"message":"Bad credentials"}"#);
        assert_eq!(error.message.as_deref(), Some("Bad credentials"));
    }

    #[test]
    fn the_delay_the_server_asked_for_is_on_the_error() {
        let wait = Some(Duration::from_secs(3600));
        let error = Error::Api(ApiError::new(429, None, wait, b""));
        assert_eq!(error.retry_after(), wait);
        assert!(error.is_rate_limited());
    }
}

mod nullable {
    use crate::Nullable;
    use serde::{Deserialize, Serialize};

    #[test]
    fn null_and_values_encode_and_decode() {
        let null: Nullable<String> = serde_json::from_str("null").unwrap();
        assert_eq!(null, Nullable::Null);
        let value: Nullable<String> = serde_json::from_str("\"x\"").unwrap();
        assert_eq!(value.value().map(String::as_str), Some("x"));
        assert_eq!(
            serde_json::to_string(&Nullable::<u8>::Null).unwrap(),
            "null"
        );
        assert_eq!(serde_json::to_string(&Nullable::Value(3)).unwrap(), "3");
        assert_eq!(Nullable::from(7).map(|n| n * 2), Nullable::Value(14));
        assert!(Nullable::<u8>::default().is_absent());
        assert!(Nullable::<u8>::Null.is_null());
        // Serialize/Deserialize are derived-compatible: a field of this type works in serde.
        #[derive(Serialize, Deserialize)]
        struct Holder {
            field: Nullable<u8>,
        }
        let holder: Holder = serde_json::from_str(r#"{"field":null}"#).unwrap();
        assert!(holder.field.is_null());
    }
}

mod formats {
    use crate::{Date, DateTime, Uuid};

    #[test]
    fn text_is_kept_and_parsed_on_request() {
        let odd = DateTime::from("024-05-31T11:14:00+00:00");
        assert!(!odd.is_valid());
        let error = odd.parse().unwrap_err();
        assert_eq!(error.format, "date-time");
        assert!(error
            .to_string()
            .starts_with("\"024-05-31T11:14:00+00:00\" is not a valid date-time"));
        let good = DateTime::from("2018-01-01T00:00:00.000000Z");
        assert_eq!(good.parse().unwrap().year(), 2018);
        assert_eq!(good, "2018-01-01T00:00:00.000000Z");
    }

    #[test]
    fn typed_values_convert_to_canonical_text() {
        let date = time::Date::from_calendar_date(2024, time::Month::May, 31).unwrap();
        assert_eq!(Date::from(date).as_str(), "2024-05-31");
        assert_eq!(Date::from("2024-05-31").parse(), Ok(date));
        let id = uuid::Uuid::from_u128(0x12ade33a_21c0_473b_b055_b3c836e1c292);
        assert_eq!(
            Uuid::from(id).into_string(),
            "12ade33a-21c0-473b-b055-b3c836e1c292"
        );
        let stamp = time::OffsetDateTime::UNIX_EPOCH;
        assert_eq!(DateTime::from(stamp).as_str(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn they_encode_and_decode_as_plain_strings() {
        let uuid: Uuid = serde_json::from_str("\"not-a-uuid\"").unwrap();
        assert_eq!(&*uuid, "not-a-uuid");
        assert_eq!(serde_json::to_string(&uuid).unwrap(), "\"not-a-uuid\"");
    }
}

mod client {
    use super::*;

    #[test]
    fn the_key_never_shows_in_debug() {
        let client = Client::new("KEY-secret-123").unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("secret"), "{debug}");
        // It says which schemes have a credential, not what they are.
        assert!(debug.contains("given_for: [\"bearerAuth\"]"), "{debug}");
        let builder = Client::builder().api_key("KEY-secret-123");
        assert!(!format!("{builder:?}").contains("secret"));
    }

    #[test]
    fn configuration_errors_are_reported_not_panicked() {
        let bad_url = Client::builder().base_url("not a url").build().unwrap_err();
        assert!(
            bad_url
                .to_string()
                .starts_with("client configuration: invalid base URL"),
            "{bad_url}"
        );
        let bad_key = Client::new("line\nbreak").unwrap_err();
        assert!(bad_key.to_string().contains("`bearerAuth`"), "{bad_key}");
        assert!(!bad_key.to_string().contains("line"), "{bad_key}");
    }

    #[test]
    fn a_trailing_slash_of_the_base_url_is_ignored() {
        let client = Client::builder()
            .base_url("http://localhost:9/v2/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://localhost:9/v2");
    }

    /// An operation that names its own server (`servers` on its path or itself) is sent there,
    /// unless the user chose the base URL: then everything goes to theirs (a proxy, a mock).
    #[test]
    fn an_operations_own_server_gives_way_to_the_users_base_url() {
        let url = |client: &Client, server| {
            let request = client
                .request(
                    reqwest::Method::GET,
                    server,
                    "/x",
                    crate::runtime::Query::new(),
                )
                .unwrap()
                .build()
                .unwrap();
            request.url().to_string()
        };
        let default = Client::builder().build().unwrap();
        assert_eq!(
            url(&default, Some("https://uploads.example.test/v2")),
            "https://uploads.example.test/v2/x"
        );
        assert_eq!(url(&default, None), format!("{}/x", default.base_url()));
        let mine = Client::builder()
            .base_url("http://localhost:9/mock")
            .build()
            .unwrap();
        assert_eq!(
            url(&mine, Some("https://uploads.example.test/v2")),
            "http://localhost:9/mock/x"
        );
    }
}

mod waiters {
    use crate::waiter::{self, Acceptor, Matcher, State, WaitOptions};
    use std::time::Duration;

    #[test]
    fn delays_grow_from_the_minimum_to_the_maximum_with_jitter() {
        let options = WaitOptions {
            min_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(20),
            max_wait: Duration::from_secs(600),
        };
        for _ in 0..200 {
            assert_eq!(waiter::delay(&options, 1), Duration::from_secs(2));
            let second = waiter::delay(&options, 2);
            assert!((Duration::from_secs(2)..=Duration::from_secs(4)).contains(&second));
            let late = waiter::delay(&options, 40);
            assert!((Duration::from_secs(2)..=Duration::from_secs(20)).contains(&late));
        }
        // The jitter spreads the delays: 200 draws are not all the same.
        let draws: std::collections::BTreeSet<Duration> =
            (0..200).map(|_| waiter::delay(&options, 5)).collect();
        assert!(draws.len() > 1);
        // A maximum below the minimum does not make the delay shorter than the minimum.
        let odd = WaitOptions {
            max_delay: Duration::from_secs(1),
            ..options
        };
        assert_eq!(waiter::delay(&odd, 3), Duration::from_secs(2));
    }

    static ACCEPTORS: &[Acceptor] = &[
        Acceptor {
            state: State::Success,
            matcher: Matcher::Path {
                path: &["data", "status"],
                expected: "\"success\"",
            },
        },
        Acceptor {
            state: State::Failure,
            matcher: Matcher::Path {
                path: &["data", "status"],
                expected: "\"failure\"",
            },
        },
        Acceptor {
            state: State::Retry,
            matcher: Matcher::Status(404),
        },
        Acceptor {
            state: State::Failure,
            matcher: Matcher::Path {
                path: &["data", "done"],
                expected: "true",
            },
        },
    ];

    #[test]
    fn the_first_acceptor_that_matches_decides() {
        let decide = |body: serde_json::Value, status| {
            waiter::decide(ACCEPTORS, Some(&body), status).map(|a| a.state)
        };
        let body = serde_json::json!({"data": {"status": "success", "done": true}});
        assert_eq!(decide(body, None), Some(State::Success));
        let body = serde_json::json!({"data": {"status": "failure"}});
        assert_eq!(decide(body, None), Some(State::Failure));
        let body = serde_json::json!({"data": {"status": "pending", "done": true}});
        assert_eq!(decide(body, None), Some(State::Failure));
        let body = serde_json::json!({"data": {"status": "pending", "done": "true"}});
        assert_eq!(decide(body, None), None);
        assert_eq!(decide(serde_json::json!({}), None), None);
        assert_eq!(
            waiter::decide(ACCEPTORS, None, Some(404)).map(|a| a.state),
            Some(State::Retry)
        );
        assert_eq!(
            waiter::decide(ACCEPTORS, None, Some(500)).map(|a| a.state),
            None
        );
    }

    /// A server on a free local port that answers each connection with the next of `script`
    /// (status and JSON body; the last one again once the script is used up), and counts them.
    async fn scripted(
        script: Vec<(u16, &'static str)>,
    ) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served = std::sync::Arc::new(AtomicUsize::new(0));
        let count = served.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let n = count.fetch_add(1, Ordering::SeqCst);
                let (status, body) = script[n.min(script.len() - 1)];
                let response = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(response.as_bytes()).await;
            }
        });
        (url, served)
    }

    /// A clock that sleeps for no time.
    #[derive(Debug)]
    struct Instant;

    impl crate::Clock for Instant {
        fn now(&self) -> std::time::SystemTime {
            std::time::SystemTime::now()
        }

        fn sleep(
            &self,
            _: Duration,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
            Box::pin(async {})
        }
    }

    async fn run(
        acceptors: &'static [Acceptor],
        script: Vec<(u16, &'static str)>,
    ) -> (
        Result<crate::Response<serde_json::Value>, crate::WaitError<serde_json::Value>>,
        usize,
    ) {
        let (url, served) = scripted(script).await;
        let client = crate::Client::builder()
            .api_key("KEY")
            .base_url(url)
            .max_retries(0)
            .clock(Instant)
            .build()
            .unwrap();
        let options = WaitOptions {
            min_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(1),
            max_wait: Duration::from_secs(60),
        };
        let outcome = waiter::wait("wait_until_test", acceptors, options, "Value", move || {
            let request = client.request(
                reqwest::Method::GET,
                None,
                "/things/1",
                crate::runtime::Query::new(),
            )?;
            Ok(crate::runtime::Prepared {
                client: client.clone(),
                request,
                operation: "GetThing",
                path: "/things/{id}",
                security: &[&[(0, &[])]],
                options: Default::default(),
            })
        })
        .await;
        (outcome, served.load(std::sync::atomic::Ordering::SeqCst))
    }

    #[tokio::test]
    async fn a_status_acceptor_retries_or_fails_on_its_status() {
        let pending = r#"{"data": {"status": "pending"}}"#;
        let success = r#"{"data": {"status": "success"}}"#;
        let missing = r#"{"errors": [{"code": "404", "title": "Not found"}]}"#;
        // 404 -> retry (declared): the waiter sends again until success.
        let (outcome, served) = run(
            ACCEPTORS,
            vec![
                (404, missing),
                (200, pending),
                (404, missing),
                (200, success),
            ],
        )
        .await;
        assert_eq!(outcome.unwrap().value()["data"]["status"], "success");
        assert_eq!(served, 4);
        // 500 -> failure (declared): the wait ends with that error.
        static GONE: &[Acceptor] = &[Acceptor {
            state: State::Failure,
            matcher: Matcher::Status(500),
        }];
        let (outcome, served) =
            run(GONE, vec![(200, pending), (500, missing), (200, success)]).await;
        let error = outcome.unwrap_err();
        match &error {
            crate::WaitError::Request { error, .. } => assert_eq!(error.status(), Some(500)),
            other => panic!("{other:?}"),
        }
        assert_eq!(served, 2, "a 500 declared `failure` is not retried");
        // Undeclared, the same 500 is worth retrying: the waiter sends again.
        let (outcome, served) =
            run(&[], vec![(200, pending), (500, missing), (200, success)]).await;
        // No acceptor means a success response is `retry`: the wait only ends by timing out.
        let error = outcome.unwrap_err();
        assert!(error.is_timed_out(), "{error:?}");
        assert!(served >= 3, "{served}");
    }
}

mod auth {
    use crate::auth::Security;
    use crate::{Client, ClientBuilder, Error, TokenFuture, TokenProvider};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, SystemTime};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// What the recording server was sent: each request's head (request line and headers) and
    /// body, as text.
    type Seen = Arc<Mutex<Vec<String>>>;

    /// A server on a free local port that records every request and answers it with what
    /// `answer` gives for the request's text: a status and a JSON body.
    async fn recording(answer: fn(&str) -> (u16, String)) -> (String, Seen) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen: Seen = Arc::default();
        let record = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let record = record.clone();
                tokio::spawn(async move {
                    let mut request = Vec::new();
                    let mut buffer = [0u8; 4096];
                    loop {
                        if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&request[..end]).to_lowercase();
                            let length = head
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length: "))
                                .and_then(|n| n.trim().parse::<usize>().ok())
                                .unwrap_or(0);
                            if request.len() >= end + 4 + length {
                                break;
                            }
                        }
                        match socket.read(&mut buffer).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => request.extend_from_slice(&buffer[..n]),
                        }
                    }
                    let text = String::from_utf8_lossy(&request).into_owned();
                    record.lock().unwrap().push(text.clone());
                    let (status, body) = answer(&text);
                    let response = format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = socket.write_all(response.as_bytes()).await;
                });
            }
        });
        (url, seen)
    }

    fn ok(_: &str) -> (u16, String) {
        (200, "{}".into())
    }

    /// Sends `GET /things?a=1` with `security`, through the runtime as an operation does.
    async fn call(client: &Client, security: Security) -> Result<(), Error> {
        let mut query = crate::runtime::Query::new();
        query.push("a", "1");
        let request = client.request(reqwest::Method::GET, None, "/things", query)?;
        let prepared = crate::runtime::Prepared {
            client: client.clone(),
            request,
            operation: "listThings",
            path: "/things",
            security,
            options: Default::default(),
        };
        prepared.response().await.map(drop)
    }

    fn client(url: &str, builder: ClientBuilder) -> Client {
        builder.base_url(url).max_retries(0).build().unwrap()
    }

    /// The one header `name` (lower case) of a recorded request.
    fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
        request.lines().find_map(|line| {
            let (key, value) = line.split_once(": ")?;
            key.eq_ignore_ascii_case(name).then_some(value)
        })
    }

    #[tokio::test]
    async fn each_kind_of_scheme_travels_as_its_scheme_says() {
        let (url, seen) = recording(ok).await;
        let builder = Client::builder()
            .bearer_auth("tok-1")
            .header_key("hk-2")
            .query_key("q k&3")
            .cookie_key("ck-4")
            .basic_auth("ann", "pa:ss")
            .hoba("raw-6")
            .oauth_token("at-7");
        let client = client(&url, builder);
        const EACH: [Security; 7] = [
            &[&[(0, &[])]],
            &[&[(1, &[])]],
            &[&[(2, &[])]],
            &[&[(3, &[])]],
            &[&[(4, &[])]],
            &[&[(5, &[])]],
            &[&[(6, &[])]],
        ];
        for security in EACH {
            call(&client, security).await.unwrap();
        }
        let seen = seen.lock().unwrap().clone();
        assert_eq!(header(&seen[0], "authorization"), Some("Bearer tok-1"));
        assert_eq!(header(&seen[1], "x-api-key"), Some("hk-2"));
        assert!(
            seen[2].starts_with("GET /things?a=1&api_key=q+k%263 "),
            "{}",
            seen[2]
        );
        assert_eq!(header(&seen[3], "cookie"), Some("session=ck-4"));
        // "ann:pa:ss" in base64.
        assert_eq!(
            header(&seen[4], "authorization"),
            Some("Basic YW5uOnBhOnNz")
        );
        assert_eq!(header(&seen[5], "authorization"), Some("HOBA raw-6"));
        assert_eq!(header(&seen[6], "authorization"), Some("Bearer at-7"));
        // Each request carries its own scheme's credential only.
        assert_eq!(header(&seen[1], "authorization"), None);
        assert_eq!(header(&seen[0], "x-api-key"), None);
    }

    #[tokio::test]
    async fn an_api_key_cookie_joins_the_cookies_already_sent() {
        let (url, seen) = recording(ok).await;
        let builder = Client::builder().cookie_key("ck").default_header(
            reqwest::header::COOKIE,
            reqwest::header::HeaderValue::from_static("theme=dark"),
        );
        call(&client(&url, builder), &[&[(3, &[])]]).await.unwrap();
        let seen = seen.lock().unwrap();
        assert_eq!(header(&seen[0], "cookie"), Some("theme=dark; session=ck"));
    }

    #[tokio::test]
    async fn the_first_requirement_the_client_can_meet_is_sent() {
        let (url, seen) = recording(ok).await;
        let client = client(
            &url,
            Client::builder().header_key("hk").basic_auth("u", "p"),
        );
        // Alternatives: the first met, in order.
        call(&client, &[&[(0, &[])], &[(1, &[])], &[(4, &[])]])
            .await
            .unwrap();
        // Together: both sent.
        call(&client, &[&[(1, &[]), (4, &[])]]).await.unwrap();
        // Optional: the credential when given...
        call(&client, &[&[], &[(1, &[])]]).await.unwrap();
        // ... and nothing when not.
        call(&client, &[&[], &[(0, &[])]]).await.unwrap();
        // No requirement: nothing.
        call(&client, &[]).await.unwrap();
        let seen = seen.lock().unwrap();
        assert_eq!(header(&seen[0], "x-api-key"), Some("hk"));
        assert_eq!(header(&seen[0], "authorization"), None);
        assert_eq!(header(&seen[1], "x-api-key"), Some("hk"));
        assert_eq!(header(&seen[1], "authorization"), Some("Basic dTpw"));
        assert_eq!(header(&seen[2], "x-api-key"), Some("hk"));
        for anonymous in &seen[3..5] {
            assert_eq!(header(anonymous, "x-api-key"), None);
            assert_eq!(header(anonymous, "authorization"), None);
        }
    }

    #[tokio::test]
    async fn a_requirement_that_cannot_be_met_fails_before_anything_is_sent() {
        let (url, seen) = recording(ok).await;
        let client = client(&url, Client::builder().header_key("hk"));
        let error = call(&client, &[&[(0, &[])], &[(1, &[]), (4, &[])]])
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Credentials(_)), "{error:?}");
        assert_eq!(
            error.to_string(),
            "credentials: `listThings` needs credentials the client was not given: \
             `ClientBuilder::bearer_auth` (security scheme `bearerAuth`), or \
             `ClientBuilder::header_key` (security scheme `headerKey`) and \
             `ClientBuilder::basic_auth` (security scheme `basicAuth`); nothing was sent"
        );
        let error = call(&client, &[&[(6, &["read"])]]).await.unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`ClientBuilder::oauth_…` (security scheme `oauth`)"),
            "{error}"
        );
        assert!(seen.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn credentials_never_show() {
        let builder = Client::builder()
            .bearer_auth("SECRET-1")
            .basic_auth("user", "SECRET-2")
            .query_key("SECRET-3")
            .oauth_client_credentials("id", "SECRET-4");
        let debug = format!("{builder:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        // Nothing listens on port 9: the error names the failure, not the URL with the key.
        let client = builder
            .base_url("http://127.0.0.1:9")
            .max_retries(0)
            .build()
            .unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert!(debug.contains("bearerAuth"), "{debug}");
        let error = call(&client, &[&[(2, &[])]]).await.unwrap_err();
        assert!(
            !format!("{error} {error:?}").contains("SECRET"),
            "{error:?}"
        );
        // A credential that cannot be a header value is refused by name, not shown.
        let error = Client::builder()
            .header_key("line\nSECRET")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("`headerKey`"), "{error}");
        assert!(!error.to_string().contains("SECRET"), "{error}");
    }

    /// The token server of the tests: `POST /oauth/token` gives `token-N` (N counts the tokens
    /// given) valid for 3600 s; `GET /things` is refused (401) with any token the test made
    /// stale by setting `STALE` to its number.
    static TOKENS: AtomicUsize = AtomicUsize::new(0);
    static STALE: AtomicUsize = AtomicUsize::new(usize::MAX);

    fn token_server(request: &str) -> (u16, String) {
        if request.starts_with("POST /oauth/token ") {
            let n = TOKENS.fetch_add(1, Ordering::SeqCst) + 1;
            return (
                200,
                format!(
                    r#"{{"access_token": "token-{n}", "token_type": "Bearer", "expires_in": 3600}}"#
                ),
            );
        }
        let stale = format!("bearer token-{}", STALE.load(Ordering::SeqCst));
        if request
            .to_lowercase()
            .contains(&format!("authorization: {stale}\r\n"))
        {
            return (401, "{}".into());
        }
        (200, "{}".into())
    }

    /// A clock the test moves forward.
    #[derive(Debug, Clone, Default)]
    struct Manual(Arc<Mutex<Duration>>);

    impl crate::Clock for Manual {
        fn now(&self) -> SystemTime {
            SystemTime::UNIX_EPOCH + *self.0.lock().unwrap()
        }

        fn sleep(
            &self,
            _: Duration,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
            Box::pin(async {})
        }
    }

    /// The whole client-credentials flow, in one test because it counts the tokens of one
    /// server: the token is asked for with the client's id and secret and the operation's
    /// scopes, shared by concurrent requests (one token request), kept until shortly before it
    /// expires, and renewed once when the API refuses it.
    #[tokio::test]
    async fn client_credentials_are_exchanged_for_tokens_kept_until_they_expire() {
        let (url, seen) = recording(token_server).await;
        let clock = Manual::default();
        // The stand-in's token URL is relative: it is read from the base URL, the tests' server.
        let client = Client::builder()
            .oauth_client_credentials("app", "s3cret")
            .base_url(&url)
            .clock(clock.clone())
            .max_retries(0)
            .build()
            .unwrap();
        const READ: Security = &[&[(6, &["things:read", "things:list"])]];
        let calls: Vec<_> = (0..8)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move { call(&client, READ).await })
            })
            .collect();
        for call in calls {
            call.await.unwrap().unwrap();
        }
        {
            let seen = seen.lock().unwrap();
            let token_requests: Vec<&String> = seen
                .iter()
                .filter(|r| r.starts_with("POST /oauth/token "))
                .collect();
            assert_eq!(token_requests.len(), 1, "{seen:#?}");
            let asked = token_requests[0];
            // "app:s3cret" in base64.
            assert_eq!(
                header(asked, "authorization"),
                Some("Basic YXBwOnMzY3JldA==")
            );
            assert!(
                asked.ends_with("grant_type=client_credentials&scope=things%3Aread+things%3Alist"),
                "{asked}"
            );
            let api: Vec<&String> = seen.iter().filter(|r| r.starts_with("GET ")).collect();
            assert_eq!(api.len(), 8);
            assert!(api
                .iter()
                .all(|r| header(r, "authorization") == Some("Bearer token-1")));
        }
        // Kept while fresh; renewed shortly before it expires (a tenth of its life, at most a
        // minute, before).
        *clock.0.lock().unwrap() = Duration::from_secs(3600 - 61);
        call(&client, READ).await.unwrap();
        *clock.0.lock().unwrap() = Duration::from_secs(3600 - 59);
        call(&client, READ).await.unwrap();
        let last = |seen: &Seen| seen.lock().unwrap().last().cloned().unwrap();
        assert_eq!(
            header(&last(&seen), "authorization"),
            Some("Bearer token-2")
        );
        assert_eq!(TOKENS.load(Ordering::SeqCst), 2);
        // Refused: renewed once, and the request sent again.
        STALE.store(2, Ordering::SeqCst);
        call(&client, READ).await.unwrap();
        assert_eq!(TOKENS.load(Ordering::SeqCst), 3);
        assert_eq!(
            header(&last(&seen), "authorization"),
            Some("Bearer token-3")
        );
    }

    /// A provider of the caller's: given the operation's scopes, and the token refused.
    #[derive(Default)]
    struct Provider {
        asked: Mutex<Vec<(Vec<&'static str>, Option<String>)>>,
    }

    impl TokenProvider for Provider {
        fn token<'a>(
            &'a self,
            scopes: &'a [&'static str],
            rejected: Option<&'a str>,
        ) -> TokenFuture<'a> {
            Box::pin(async move {
                let mut asked = self.asked.lock().unwrap();
                asked.push((scopes.to_vec(), rejected.map(str::to_owned)));
                match asked.len() {
                    1 => Ok("token-99".to_owned()),
                    _ => Err(Error::Credentials("the user must sign in again".into())),
                }
            })
        }
    }

    #[tokio::test]
    async fn a_token_provider_is_asked_for_each_request() {
        let (url, seen) = recording(|request: &str| {
            if request
                .to_lowercase()
                .contains("authorization: bearer token-99")
            {
                (401, "{}".into())
            } else {
                (200, "{}".into())
            }
        })
        .await;
        let provider = Arc::new(Provider::default());
        let client = client(&url, Client::builder().open_id_provider(provider.clone()));
        let error = call(&client, &[&[(7, &["openid"])]]).await.unwrap_err();
        assert_eq!(
            error.to_string(),
            "credentials: the user must sign in again"
        );
        assert_eq!(
            *provider.asked.lock().unwrap(),
            [
                (vec!["openid"], None),
                (vec!["openid"], Some("token-99".to_owned()))
            ]
        );
        assert_eq!(seen.lock().unwrap().len(), 1);
    }
}

mod link_header {
    use reqwest::header::{HeaderMap, HeaderValue, LINK};

    fn next(values: &[&str]) -> Option<String> {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(LINK, HeaderValue::from_str(value).unwrap());
        }
        crate::runtime::link_next(&headers)
    }

    #[test]
    fn the_next_link_is_found_among_others_in_any_order() {
        let github = "<https://api.github.com/repositories/1/issues?page=2>; rel=\"next\", \
                      <https://api.github.com/repositories/1/issues?page=9>; rel=\"last\"";
        assert_eq!(
            next(&[github]).as_deref(),
            Some("https://api.github.com/repositories/1/issues?page=2")
        );
        let last_first = "</items?page=1>; rel=\"prev\", </items?page=3>; rel=next";
        assert_eq!(next(&[last_first]).as_deref(), Some("/items?page=3"));
        let several_rels = "</a>; title=\"x\"; rel=\"prefetch NEXT\"";
        assert_eq!(next(&[several_rels]).as_deref(), Some("/a"));
        assert_eq!(
            next(&["</p>; rel=\"prev\"", "</n>; rel=\"next\""]).as_deref(),
            Some("/n"),
            "each Link header is read"
        );
    }

    #[test]
    fn no_next_link_is_none() {
        assert_eq!(next(&[]), None);
        assert_eq!(next(&["</p>; rel=\"prev\", </l>; rel=\"last\""]), None);
        assert_eq!(next(&["</x>; rel=\"nextish\""]), None);
        assert_eq!(next(&["<unterminated; rel=\"next\""]), None);
    }
}

mod redirects {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A server on a free local port answering each request with the response head `answer`
    /// gives for its path (and an empty JSON object), counting the requests.
    async fn server(answer: fn(&str) -> String) -> (String, Arc<AtomicUsize>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served = Arc::new(AtomicUsize::new(0));
        let count = served.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let count = count.clone();
                tokio::spawn(async move {
                    let mut request = Vec::new();
                    let mut buffer = [0u8; 4096];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut buffer).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => request.extend_from_slice(&buffer[..n]),
                        }
                    }
                    count.fetch_add(1, Ordering::SeqCst);
                    let text = String::from_utf8_lossy(&request).into_owned();
                    let path = text.split(' ').nth(1).unwrap_or_default().to_owned();
                    let response = format!(
                        "{}\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\
                         connection: close\r\n\r\n{{}}",
                        answer(&path)
                    );
                    let _ = socket.write_all(response.as_bytes()).await;
                });
            }
        });
        (url, served)
    }

    async fn get(url: &str, path: &'static str) -> Result<u16, Error> {
        let client = Client::builder()
            .api_key("secret")
            .base_url(url)
            .max_retries(0)
            .build()
            .unwrap();
        let request = client.request(reqwest::Method::GET, None, path, runtime::Query::new())?;
        let prepared = runtime::Prepared {
            client: client.clone(),
            request,
            operation: "get",
            path,
            security: &[],
            options: Default::default(),
        };
        prepared.response().await.map(|r| r.status())
    }

    #[tokio::test]
    async fn redirects_on_the_same_origin_are_followed() {
        let (url, served) = server(|path| match path {
            "/start" => "HTTP/1.1 302 Found\r\nlocation: /end".to_owned(),
            _ => "HTTP/1.1 200 OK".to_owned(),
        })
        .await;
        assert_eq!(get(&url, "/start").await.unwrap(), 200);
        assert_eq!(served.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_redirect_to_another_origin_is_not_followed() {
        let (elsewhere, reached) = server(|_| "HTTP/1.1 200 OK".to_owned()).await;
        static ELSEWHERE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        ELSEWHERE.set(elsewhere).unwrap();
        let (url, _) = server(|_| {
            format!(
                "HTTP/1.1 302 Found\r\nlocation: {}/end",
                ELSEWHERE.get().unwrap()
            )
        })
        .await;
        let error = get(&url, "/start").await.unwrap_err();
        assert!(error.to_string().starts_with("302 Found"), "{error}");
        assert_eq!(
            reached.load(Ordering::SeqCst),
            0,
            "the other origin is not asked"
        );
    }
}

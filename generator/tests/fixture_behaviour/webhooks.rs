//! Runs inside the crate generated from `fixtures/webhooks.yaml` (copied there as
//! `tests/behaviour.rs` by `webhooks::a_fixture_with_every_kind_of_webhook_compiles_and_verifies`):
//! the generated function of a Standard Webhooks webhook verifies Standard Webhooks' published
//! test vector and decodes its event; a changed byte or another secret is refused.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use webhooks_client::reqwest::header::{HeaderMap, HeaderValue};
use webhooks_client::webhooks::{self, Verifier, WebhookError};
use webhooks_client::Clock;

#[derive(Debug, Clone, Copy)]
struct At(u64);

impl Clock for At {
    fn now(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(self.0)
    }

    fn sleep(&self, _: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(async {})
    }
}

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const TIMESTAMP: u64 = 1_614_265_330;

fn headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "webhook-id",
        HeaderValue::from_static("msg_p5jXN8AQM9LWM0D4loKWxJek"),
    );
    headers.insert("webhook-timestamp", HeaderValue::from(TIMESTAMP));
    headers.insert(
        "webhook-signature",
        HeaderValue::from_static("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
    );
    headers
}

fn verifier(secret: &str) -> Verifier {
    Verifier::hmac_secret(secret).unwrap().clock(At(TIMESTAMP + 10))
}

#[test]
fn the_generated_function_verifies_then_decodes() {
    let body = br#"{"test": 2432232314}"#;
    // The vector's body lacks the required `type`: verified, then refused by decoding, which
    // names the event type and where it failed, not the body.
    let error = webhooks::thing_created(&verifier(SECRET), &headers(), body).unwrap_err();
    assert!(matches!(error, WebhookError::Decode { .. }), "{error:?}");
    assert!(!error.to_string().contains("2432232314"), "{error}");
}

#[test]
fn a_changed_body_or_another_secret_is_refused_before_decoding() {
    let body = br#"{"test": 2432232315}"#;
    let error = webhooks::thing_created(&verifier(SECRET), &headers(), body).unwrap_err();
    assert!(matches!(error, WebhookError::SignatureMismatch), "{error:?}");
    let other = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    let body = br#"{"test": 2432232314}"#;
    let error = webhooks::thing_created(&verifier(other), &headers(), body).unwrap_err();
    assert!(matches!(error, WebhookError::SignatureMismatch), "{error:?}");
}

#[test]
fn the_other_webhooks_are_where_the_document_puts_them() {
    // Signed with headers of its own naming: a function that takes the same arguments.
    let _: fn(&Verifier, &HeaderMap, &[u8]) -> Result<_, WebhookError> = webhooks::thing_signed;
    // Unsigned: its event type exists, but no function reads it (see the generator's warning).
    let event: webhooks_client::types::Thing =
        serde_json::from_str(r#"{"id": "t", "colour": "blue"}"#).unwrap();
    assert_eq!(event.id, "t");
}

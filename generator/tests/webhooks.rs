//! Webhook deliveries through the generated crate's public API: `webhooks::
//! number_order_status_update` (Ed25519 over `timestamp|body`, as Telnyx signs) with keys made
//! in the test, every check that must refuse a delivery, and Standard Webhooks' published test
//! vectors through `Verifier::verify_standard`; and a fixture with every kind of webhook,
//! generated, compiled and run.

mod common;

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey};
use hmac::Mac as _;
use serde_json::json;
use telnyx_orders::reqwest::header::{HeaderMap, HeaderValue};
use telnyx_orders::types::NumberOrderStatus;
use telnyx_orders::webhooks::{self, Verifier, WebhookError};
use telnyx_orders::Clock;

const NOW: u64 = 1_795_737_600; // 2026-11-27T00:00:00Z

/// A clock stopped at a Unix time.
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

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A key made for the test from the system's randomness (no key is written in the test).
fn new_key() -> SigningKey {
    let mut seed = [0u8; 32];
    let bits = std::collections::hash_map::RandomState::new();
    for (i, byte) in seed.iter_mut().enumerate() {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = bits.build_hasher();
        hasher.write_usize(i);
        *byte = hasher.finish() as u8;
    }
    SigningKey::from_bytes(&seed)
}

fn verifier(key: &SigningKey) -> Verifier {
    Verifier::ed25519(&b64(key.verifying_key().as_bytes()))
        .unwrap()
        .clock(At(NOW))
}

fn body() -> Vec<u8> {
    serde_json::to_vec(&json!({
        "data": {
            "event_type": "number_order.complete",
            "id": "d578b093-a0e7-4b64-b0d3-6b689a6ff170",
            "occurred_at": "2026-11-26T23:59:30.496464Z",
            "record_type": "event",
            "payload": {
                "id": "12ade33a-21c0-473b-b055-b3c836e1c292",
                "record_type": "number_order",
                "status": "success",
                "phone_numbers_count": 1,
                "sub_number_orders_ids": ["3ee13a4e-1f2c-4a31-a8c5-4d1a0b1f6c01"],
                "requirements_met": true,
                "brand_new_field": {"kept": true}
            }
        },
        "meta": {"attempt": 1, "delivered_to": "https://example.com/webhooks"}
    }))
    .unwrap()
}

/// The headers of a delivery signed by `key` at Unix time `at`.
fn signed(key: &SigningKey, at: u64, body: &[u8]) -> HeaderMap {
    let mut message = at.to_string().into_bytes();
    message.push(b'|');
    message.extend_from_slice(body);
    let signature = key.sign(&message);
    let mut headers = HeaderMap::new();
    headers.insert("telnyx-timestamp", HeaderValue::from(at));
    headers.insert(
        "telnyx-signature-ed25519",
        HeaderValue::from_str(&b64(&signature.to_bytes())).unwrap(),
    );
    headers
}

#[test]
fn a_signed_delivery_decodes_into_its_event() {
    let key = new_key();
    let body = body();
    let event = webhooks::number_order_status_update(
        &verifier(&key),
        &signed(&key, NOW - 30, &body),
        &body,
    )
    .expect("a valid delivery");
    assert_eq!(event.data.event_type, "number_order.complete");
    assert_eq!(event.data.payload.status, Some(NumberOrderStatus::Success));
    assert_eq!(event.meta.attempt, 1);
    // Forward compatible like a response: what this client does not know is kept.
    assert_eq!(
        event.data.payload.extra["brand_new_field"],
        json!({"kept": true})
    );
}

#[test]
fn every_check_refuses_what_it_must() {
    let key = new_key();
    let verifier = verifier(&key);
    let body = body();
    let check = |headers: &HeaderMap, body: &[u8]| {
        webhooks::number_order_status_update(&verifier, headers, body).unwrap_err()
    };

    // A changed byte of the body.
    let mut changed = body.clone();
    let at = changed.iter().position(|&b| b == b'1').unwrap();
    changed[at] = b'2';
    assert_eq!(
        check(&signed(&key, NOW, &body), &changed),
        WebhookError::SignatureMismatch
    );
    // A changed timestamp, still inside the window.
    let mut headers = signed(&key, NOW, &body);
    headers.insert("telnyx-timestamp", HeaderValue::from(NOW - 1));
    assert_eq!(check(&headers, &body), WebhookError::SignatureMismatch);
    // A signature made with another key.
    assert_eq!(
        check(&signed(&new_other_key(&key), NOW, &body), &body),
        WebhookError::SignatureMismatch
    );
    // A replay: a good signature, but older than the window.
    assert_eq!(
        check(&signed(&key, NOW - 301, &body), &body),
        WebhookError::TooOld {
            age: Duration::from_secs(301)
        }
    );
    // From the future, beyond the window.
    assert_eq!(
        check(&signed(&key, NOW + 600, &body), &body),
        WebhookError::InFuture {
            ahead: Duration::from_secs(600)
        }
    );
    // Missing and duplicated headers.
    for name in ["telnyx-timestamp", "telnyx-signature-ed25519"] {
        let mut headers = signed(&key, NOW, &body);
        headers.remove(name);
        assert_eq!(check(&headers, &body), WebhookError::MissingHeader { name });
        let mut headers = signed(&key, NOW, &body);
        let value = headers[name].clone();
        headers.append(name, value);
        assert_eq!(
            check(&headers, &body),
            WebhookError::DuplicateHeader { name }
        );
    }
    // Malformed headers.
    let mut headers = signed(&key, NOW, &body);
    headers.insert("telnyx-signature-ed25519", HeaderValue::from_static("%%%"));
    assert!(matches!(
        check(&headers, &body),
        WebhookError::MalformedHeader {
            name: "telnyx-signature-ed25519",
            ..
        }
    ));
    let mut headers = signed(&key, NOW, &body);
    headers.insert("telnyx-timestamp", HeaderValue::from_static("yesterday"));
    assert!(matches!(
        check(&headers, &body),
        WebhookError::MalformedHeader {
            name: "telnyx-timestamp",
            ..
        }
    ));
    // A key that is no Ed25519 public key.
    assert!(matches!(
        Verifier::ed25519("not base64!"),
        Err(WebhookError::BadKey { .. })
    ));
    assert!(matches!(
        Verifier::ed25519(&b64(&[1, 2, 3])),
        Err(WebhookError::BadKey { .. })
    ));
}

/// Another key than `key`.
fn new_other_key(key: &SigningKey) -> SigningKey {
    let mut seed = key.to_bytes();
    seed[0] ^= 0xff;
    SigningKey::from_bytes(&seed)
}

#[test]
fn the_window_and_the_clock_are_the_callers() {
    let key = new_key();
    let body = body();
    let old = signed(&key, NOW - 3000, &body);
    let tolerant = verifier(&key).tolerance(Duration::from_secs(3600));
    assert!(webhooks::number_order_status_update(&tolerant, &old, &body).is_ok());
    let then = verifier(&key).clock(At(NOW - 3000));
    assert!(webhooks::number_order_status_update(&then, &old, &body).is_ok());
}

#[test]
fn neither_the_key_nor_the_body_is_ever_shown() {
    let key = new_key();
    let public = b64(key.verifying_key().as_bytes());
    let verifier = verifier(&key);
    let shown = format!("{verifier:?}");
    assert!(!shown.contains(&public), "{shown}");
    assert!(shown.contains("[redacted]"));
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let hmac = Verifier::hmac_secret(secret).unwrap();
    assert!(!format!("{hmac:?}").contains("MfKQ9r8G"));

    let body = body();
    let mut changed = body.clone();
    changed.extend_from_slice(b" ");
    let mut errors =
        vec![
            webhooks::number_order_status_update(&verifier, &signed(&key, NOW, &body), &changed)
                .unwrap_err(),
        ];
    // Authentic but not the event: the error names the place, not the value.
    let odd = br#"{"data": {"event_type": 42}, "meta": "secret-looking-value"}"#;
    errors.push(
        webhooks::number_order_status_update(&verifier, &signed(&key, NOW, odd), odd).unwrap_err(),
    );
    assert!(
        matches!(errors[1], WebhookError::Decode { .. }),
        "{:?}",
        errors[1]
    );
    for error in errors {
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(!text.contains("number_order.complete"), "{text}");
            assert!(!text.contains("secret-looking-value"), "{text}");
            assert!(!text.contains(&public), "{text}");
        }
    }
}

/// The headers of a Standard Webhooks delivery.
fn standard(id: &str, at: u64, signature: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", HeaderValue::from_str(id).unwrap());
    headers.insert("webhook-timestamp", HeaderValue::from(at));
    headers.insert(
        "webhook-signature",
        HeaderValue::from_str(signature).unwrap(),
    );
    headers
}

/// The test vectors published with Standard Webhooks' reference libraries (the `sign` tests
/// of its JavaScript and Rust libraries).
#[test]
fn standard_webhooks_published_vectors_verify() {
    let vectors = [
        (
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            &br#"{"test": 2432232314}"#[..],
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ),
        (
            "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
            1649367553,
            br#"{"email":"test@example.com","username":"test_user"}"#,
            "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
        ),
    ];
    for (secret, id, at, payload, signature) in vectors {
        let verifier = Verifier::hmac_secret(secret).unwrap().clock(At(at));
        verifier
            .verify_standard(&standard(id, at, signature), payload)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        // Several signatures (secret rotation): one that matches is enough.
        let rotated = format!("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= {signature}");
        verifier
            .verify_standard(&standard(id, at, &rotated), payload)
            .unwrap();
        // One changed byte, and nothing matches.
        let mut changed = payload.to_vec();
        changed[2] ^= 1;
        assert_eq!(
            verifier.verify_standard(&standard(id, at, signature), &changed),
            Err(WebhookError::SignatureMismatch)
        );
        assert_eq!(
            verifier.verify_standard(&standard("msg_other", at, signature), payload),
            Err(WebhookError::SignatureMismatch)
        );
        // Replayed an hour later.
        let later = Verifier::hmac_secret(secret).unwrap().clock(At(at + 3600));
        assert!(matches!(
            later.verify_standard(&standard(id, at, signature), payload),
            Err(WebhookError::TooOld { .. })
        ));
    }
}

#[test]
fn standard_webhooks_ed25519_signatures_verify_with_the_public_key() {
    let key = new_key();
    let (id, payload) = ("msg_1", br#"{"a":1}"#);
    let message = format!("{id}.{NOW}.{}", std::str::from_utf8(payload).unwrap());
    let signature = format!("v1a,{}", b64(&key.sign(message.as_bytes()).to_bytes()));
    let public = format!("whpk_{}", b64(key.verifying_key().as_bytes()));
    let verifier = Verifier::ed25519(&public).unwrap().clock(At(NOW));
    verifier
        .verify_standard(&standard(id, NOW, &signature), payload)
        .unwrap();
    // An HMAC secret does not verify a `v1a` signature: there is none of its kind.
    let secret = format!(
        "whsec_{}",
        b64(&hmac::Hmac::<sha2::Sha256>::new_from_slice(b"k")
            .unwrap()
            .finalize()
            .into_bytes())
    );
    let hmac = Verifier::hmac_secret(&secret).unwrap().clock(At(NOW));
    assert!(matches!(
        hmac.verify_standard(&standard(id, NOW, &signature), payload),
        Err(WebhookError::MalformedHeader {
            name: "webhook-signature",
            ..
        })
    ));
}

/// `fixtures/webhooks.yaml` (webhooks are lowered in name order): the scheme of each webhook follows from its headers (a
/// `components/pathItems` reference included), an unsigned webhook gets its event type and a
/// located warning but no function, and the crate compiles cleanly and verifies Standard
/// Webhooks' vector through its generated function (`fixture_behaviour/webhooks.rs`).
#[test]
fn a_fixture_with_every_kind_of_webhook_compiles_and_verifies() {
    let output =
        generator::generate(&common::fixture_config("webhooks.yaml")).expect("fixture generates");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "tests/fixtures/webhooks.yaml:53:3: at /webhooks/nothing: this webhook has no operation: left out",
            "tests/fixtures/webhooks.yaml:46:5: at /webhooks/thingUnsigned/post: this webhook declares no \
             signature headers (Standard Webhooks' `webhook-id`, `webhook-timestamp` and \
             `webhook-signature`, or an Ed25519 signature and a timestamp header): its event type \
             is generated, but no function that reads a delivery, since an unsigned one cannot be \
             verified",
        ]
    );
    let hooks = &output.files["src/webhooks.rs"];
    assert!(hooks.contains("pub fn thing_created("), "{hooks}");
    assert!(
        hooks.contains("verifier.verify_standard(headers, body)"),
        "{hooks}"
    );
    assert!(hooks.contains("pub fn thing_signed("), "{hooks}");
    assert!(
        hooks.contains(r#"verify_ed25519_timestamped(headers, body, "x-sig", "x-sent-at")"#),
        "{hooks}"
    );
    assert!(!hooks.contains("thing_unsigned"), "{hooks}");
    let (out_dir, run) = common::write_fixture_crate("webhooks", &output);
    std::fs::create_dir_all(out_dir.join("tests")).unwrap();
    std::fs::copy(
        common::crate_dir().join("tests/fixture_behaviour/webhooks.rs"),
        out_dir.join("tests/behaviour.rs"),
    )
    .unwrap();
    assert!(
        run(&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]),
        "the crate generated from the webhooks fixture does not compile cleanly: {}",
        out_dir.display()
    );
    assert!(
        run(&["test", "--quiet", "--test", "behaviour"]),
        "the webhooks fixture crate's behaviour tests fail: {}",
        out_dir.display()
    );
    // Without the `webhooks` feature the crate compiles too, with no webhook code at all.
    assert!(
        run(&[
            "clippy",
            "--quiet",
            "--no-default-features",
            "--features",
            "things",
            "--",
            "-D",
            "warnings"
        ]),
        "the webhooks fixture crate without `webhooks` does not compile cleanly: {}",
        out_dir.display()
    );
}

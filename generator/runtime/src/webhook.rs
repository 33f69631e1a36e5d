// Client runtime, the same in every generated crate. Source: `generator/runtime/src/webhook.rs`
// of the generator, copied here verbatim; edit the source, never the copy.

//! Verifying webhook deliveries before trusting them.
//!
//! A [`Verifier`] holds the key a delivery must be signed with and the window its timestamp
//! must fall in; the functions of [`crate::webhooks`] check a delivery's signature and timestamp
//! with it and only then decode its body. Two schemes are supported:
//!
//! - **Ed25519 over `timestamp|body`** (a signature header such as `…-signature-ed25519` and a
//!   timestamp header such as `…-timestamp`), verified with the API's public key
//!   ([`Verifier::ed25519`]).
//! - **[Standard Webhooks]** (headers `webhook-id`, `webhook-timestamp`, `webhook-signature`):
//!   HMAC-SHA256 signatures `v1,…` with the shared secret ([`Verifier::hmac_secret`], `whsec_…`),
//!   or Ed25519 signatures `v1a,…` with the public key ([`Verifier::ed25519`], `whpk_…`).
//!
//! Failures say which check failed ([`WebhookError`]) and never show the key or the body.
//!
//! [Standard Webhooks]: https://github.com/standard-webhooks/standard-webhooks

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use hmac::Mac as _;
use reqwest::header::HeaderMap;

use crate::retry::{Clock, TokioClock};

/// How far a delivery's timestamp may be from now, either way, unless the verifier says
/// otherwise: older deliveries may be replays, and signatures from the future are not trusted.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// The key deliveries are signed with, the timestamp window, and the clock to compare with.
#[derive(Clone)]
pub struct Verifier {
    key: Key,
    tolerance: Duration,
    clock: Arc<dyn Clock>,
}

#[derive(Clone)]
enum Key {
    Ed25519(ed25519_dalek::VerifyingKey),
    Hmac(Arc<[u8]>),
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match self.key {
            Key::Ed25519(_) => "ed25519",
            Key::Hmac(_) => "hmac-sha256",
        };
        f.debug_struct("Verifier")
            .field("scheme", &scheme)
            .field("key", &"[redacted]")
            .field("tolerance", &self.tolerance)
            .finish_non_exhaustive()
    }
}

impl Verifier {
    /// A verifier of Ed25519 signatures with this public key: base64 of its 32 bytes, or
    /// Standard Webhooks' `whpk_` followed by that.
    pub fn ed25519(public_key: &str) -> Result<Verifier, WebhookError> {
        let text = public_key.trim();
        let text = text.strip_prefix("whpk_").unwrap_or(text);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| WebhookError::BadKey {
                reason: "not base64",
            })?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| WebhookError::BadKey {
            reason: "an Ed25519 public key is 32 bytes",
        })?;
        let key =
            ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| WebhookError::BadKey {
                reason: "not a valid Ed25519 public key",
            })?;
        Ok(Verifier::new(Key::Ed25519(key)))
    }

    /// A verifier of Standard Webhooks' HMAC-SHA256 signatures with this shared secret:
    /// `whsec_` followed by the base64 of the secret, or that base64 alone.
    pub fn hmac_secret(secret: &str) -> Result<Verifier, WebhookError> {
        let text = secret.trim();
        let text = text.strip_prefix("whsec_").unwrap_or(text);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| WebhookError::BadKey {
                reason: "not base64",
            })?;
        if bytes.is_empty() {
            return Err(WebhookError::BadKey {
                reason: "the secret is empty",
            });
        }
        Ok(Verifier::new(Key::Hmac(bytes.into())))
    }

    fn new(key: Key) -> Verifier {
        Verifier {
            key,
            tolerance: DEFAULT_TOLERANCE,
            clock: Arc::new(TokioClock),
        }
    }

    /// How far a timestamp may be from now, either way (five minutes unless set here).
    pub fn tolerance(mut self, tolerance: Duration) -> Verifier {
        self.tolerance = tolerance;
        self
    }

    /// The clock timestamps are compared with (default the system clock).
    pub fn clock(mut self, clock: impl Clock) -> Verifier {
        self.clock = Arc::new(clock);
        self
    }

    /// Checks an Ed25519 signature of `{timestamp}|{body}`: the signature
    /// in header `signature` (base64), the Unix time in header `timestamp`.
    pub fn verify_ed25519_timestamped(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        signature: &'static str,
        timestamp: &'static str,
    ) -> Result<(), WebhookError> {
        let Key::Ed25519(key) = &self.key else {
            return Err(WebhookError::BadKey {
                reason: "this webhook is signed with Ed25519: use Verifier::ed25519",
            });
        };
        let sent_at = one_header(headers, timestamp)?;
        self.check_time(timestamp, sent_at)?;
        let signature = decode_signature(one_header(headers, signature)?, signature)?;
        let mut message = Vec::with_capacity(sent_at.len() + 1 + body.len());
        message.extend_from_slice(sent_at.as_bytes());
        message.push(b'|');
        message.extend_from_slice(body);
        key.verify_strict(&message, &signature)
            .map_err(|_| WebhookError::SignatureMismatch)
    }

    /// Checks a Standard Webhooks delivery: `webhook-id`, `webhook-timestamp` within the
    /// window, and one of the space-separated signatures of `webhook-signature` over
    /// `{id}.{timestamp}.{body}` that matches the key (`v1,` HMAC-SHA256 or `v1a,` Ed25519).
    pub fn verify_standard(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        const ID: &str = "webhook-id";
        const TIMESTAMP: &str = "webhook-timestamp";
        const SIGNATURE: &str = "webhook-signature";
        let id = one_header(headers, ID)?;
        let sent_at = one_header(headers, TIMESTAMP)?;
        self.check_time(TIMESTAMP, sent_at)?;
        let signatures = one_header(headers, SIGNATURE)?;
        let mut message = Vec::with_capacity(id.len() + sent_at.len() + 2 + body.len());
        message.extend_from_slice(id.as_bytes());
        message.push(b'.');
        message.extend_from_slice(sent_at.as_bytes());
        message.push(b'.');
        message.extend_from_slice(body);
        let version = match self.key {
            Key::Hmac(_) => "v1",
            Key::Ed25519(_) => "v1a",
        };
        let mut found = false;
        for entry in signatures.split(' ').filter(|e| !e.is_empty()) {
            let Some((v, encoded)) = entry.split_once(',') else {
                return Err(WebhookError::MalformedHeader {
                    name: SIGNATURE,
                    reason: "a signature is not `version,base64`",
                });
            };
            if v != version {
                continue;
            }
            found = true;
            let Ok(signature) = base64::engine::general_purpose::STANDARD.decode(encoded) else {
                return Err(WebhookError::MalformedHeader {
                    name: SIGNATURE,
                    reason: "a signature is not base64",
                });
            };
            let matches = match &self.key {
                // `verify_slice` compares in constant time.
                Key::Hmac(secret) => hmac::Hmac::<sha2::Sha256>::new_from_slice(secret)
                    .map(|mac| mac.chain_update(&message).verify_slice(&signature).is_ok())
                    .unwrap_or(false),
                Key::Ed25519(key) => ed25519_dalek::Signature::from_slice(&signature)
                    .map(|s| key.verify_strict(&message, &s).is_ok())
                    .unwrap_or(false),
            };
            if matches {
                return Ok(());
            }
        }
        if found {
            Err(WebhookError::SignatureMismatch)
        } else {
            Err(WebhookError::MalformedHeader {
                name: SIGNATURE,
                reason:
                    "no signature of the key's scheme (`v1` for a secret, `v1a` for a public key)",
            })
        }
    }

    /// Checks that the Unix time in header `name` is within the window around now.
    fn check_time(&self, name: &'static str, text: &str) -> Result<(), WebhookError> {
        let sent: i64 = text
            .trim()
            .parse()
            .map_err(|_| WebhookError::MalformedHeader {
                name,
                reason: "not a Unix time in seconds",
            })?;
        let now = match self.clock.now().duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
        };
        let tolerance = i64::try_from(self.tolerance.as_secs()).unwrap_or(i64::MAX);
        let off = now.saturating_sub(sent);
        if off > tolerance {
            Err(WebhookError::TooOld {
                age: Duration::from_secs(off.unsigned_abs()),
            })
        } else if off < tolerance.saturating_neg() {
            Err(WebhookError::InFuture {
                ahead: Duration::from_secs(off.unsigned_abs()),
            })
        } else {
            Ok(())
        }
    }
}

/// The one value of header `name`, as text.
fn one_header<'h>(headers: &'h HeaderMap, name: &'static str) -> Result<&'h str, WebhookError> {
    let mut values = headers.get_all(name).iter();
    let value = values.next().ok_or(WebhookError::MissingHeader { name })?;
    if values.next().is_some() {
        return Err(WebhookError::DuplicateHeader { name });
    }
    value.to_str().map_err(|_| WebhookError::MalformedHeader {
        name,
        reason: "not visible ASCII",
    })
}

fn decode_signature(
    text: &str,
    name: &'static str,
) -> Result<ed25519_dalek::Signature, WebhookError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| WebhookError::MalformedHeader {
            name,
            reason: "not base64",
        })?;
    ed25519_dalek::Signature::from_slice(&bytes).map_err(|_| WebhookError::MalformedHeader {
        name,
        reason: "an Ed25519 signature is 64 bytes",
    })
}

/// Decodes a verified body into the webhook's event type, leniently like a response.
// An API whose webhooks are all unsigned has no function that calls it.
#[allow(dead_code)]
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    body: &[u8],
    type_name: &'static str,
) -> Result<T, WebhookError> {
    crate::runtime::decode(body, type_name, false).map_err(|error| match error {
        crate::Error::Decode(e) => WebhookError::Decode {
            type_name: e.type_name,
            path: e.path,
        },
        _ => WebhookError::Decode {
            type_name,
            path: String::new(),
        },
    })
}

/// Why a webhook delivery was refused. Never shows the key or the body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// A header the scheme needs is not there.
    MissingHeader {
        /// The header.
        name: &'static str,
    },
    /// A header the scheme needs is there more than once.
    DuplicateHeader {
        /// The header.
        name: &'static str,
    },
    /// A header is not what the scheme says (not a number, not base64...).
    MalformedHeader {
        /// The header.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The verifying key cannot be used.
    BadKey {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// No signature of the delivery matches the key: the body or the timestamp was changed,
    /// or another key signed it.
    SignatureMismatch,
    /// The timestamp is older than the tolerance: possibly a replay.
    TooOld {
        /// How old it is.
        age: Duration,
    },
    /// The timestamp is further in the future than the tolerance.
    InFuture {
        /// How far ahead it is.
        ahead: Duration,
    },
    /// The delivery is authentic but its body does not decode into the event type.
    Decode {
        /// The event type.
        type_name: &'static str,
        /// Where decoding failed (`data.payload.status`).
        path: String,
    },
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader { name } => write!(f, "webhook header `{name}` is missing"),
            WebhookError::DuplicateHeader { name } => {
                write!(f, "webhook header `{name}` is there more than once")
            }
            WebhookError::MalformedHeader { name, reason } => {
                write!(f, "webhook header `{name}` is malformed: {reason}")
            }
            WebhookError::BadKey { reason } => write!(f, "the webhook verifying key: {reason}"),
            WebhookError::SignatureMismatch => {
                f.write_str("the webhook signature does not match: refused")
            }
            WebhookError::TooOld { age } => write!(
                f,
                "the webhook timestamp is {} s old, outside the window: refused",
                age.as_secs()
            ),
            WebhookError::InFuture { ahead } => write!(
                f,
                "the webhook timestamp is {} s in the future, outside the window: refused",
                ahead.as_secs()
            ),
            WebhookError::Decode { type_name, path } => write!(
                f,
                "the webhook is authentic but does not decode into {type_name} at `{path}`"
            ),
        }
    }
}

impl std::error::Error for WebhookError {}

// Client runtime, the same in every generated crate. Source: `generator/runtime/src/formats.rs`
// of the generator, copied here verbatim; edit the source, never the copy.

//! String formats (`date-time`, `date`, `uuid`) that keep the received text and parse on request.
//!
//! A value that does not fit its format (`"024-05-31T11:14:00+00:00"`) must not fail the whole
//! response, so decoding never parses: the typed accessor ([`DateTime::parse`] and the like)
//! reports the problem when it is asked for.

use std::fmt;

/// A value that does not fit its format.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FormatError {
    /// The OpenAPI format (`date-time`, `date`, `uuid`).
    pub format: &'static str,
    /// The text as received.
    pub value: String,
    /// Why it does not parse.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a valid {}: {}",
            self.value, self.format, self.message
        )
    }
}

impl std::error::Error for FormatError {}

/// Defines a string that keeps its text and parses it on request as `$parsed`; `$parse` is a
/// function from the text to the parsed value, `$canonical` one from a parsed value to its
/// canonical text.
macro_rules! format_string {
    (
        $(#[$doc:meta])*
        $name:ident, $format:literal, $parsed:ty, $what:literal,
        parse: $parse:expr,
        canonical: $canonical:expr $(,)?
    ) => {
        $(#[$doc])*
        ///
        /// Decoding a response never fails because of this field: a value that does not fit the
        /// format is kept, and [`parse`](Self::parse) reports it. It derefs to `str`, and
        /// converts from `&str`, `String` and the parsed type (formatted canonically).
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(String);

        impl $name {
            /// The text as received or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, by value.
            pub fn into_string(self) -> String {
                self.0
            }

            #[doc = concat!("Parses the text as ", $what, ".")]
            pub fn parse(&self) -> Result<$parsed, FormatError> {
                let parse: fn(&str) -> Result<$parsed, String> = $parse;
                parse(&self.0).map_err(|message| FormatError {
                    format: $format,
                    value: self.0.clone(),
                    message,
                })
            }

            /// Whether the text fits the format.
            pub fn is_valid(&self) -> bool {
                self.parse().is_ok()
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&String> for $name {
            fn from(value: &String) -> Self {
                Self(value.clone())
            }
        }

        impl From<$parsed> for $name {
            fn from(value: $parsed) -> Self {
                let canonical: fn(&$parsed) -> String = $canonical;
                Self(canonical(&value))
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(Self)
            }
        }

        impl crate::runtime::ParamScalar for $name {
            fn to_param(&self) -> String {
                self.0.clone()
            }
        }

        impl crate::runtime::Fit for $name {
            fn misfit(&self) -> usize {
                usize::from(!self.is_valid())
            }
        }
    };
}

format_string! {
    /// A `date-time` string: an RFC 3339 date-time (`2018-01-01T00:00:00.000000Z`), kept exactly
    /// as received.
    DateTime, "date-time", time::OffsetDateTime, "an RFC 3339 date-time (`2018-01-01T00:00:00.000000Z`)",
    parse: |text| {
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
            .map_err(|e| e.to_string())
    },
    // Only years outside 0..=9999 do not fit RFC 3339; the `Display` text is kept then.
    canonical: |value| {
        value
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|_| value.to_string())
    },
}

format_string! {
    /// A `date` string: a calendar date (`2024-05-31`), kept exactly as received.
    Date, "date", time::Date, "a calendar date (`2024-05-31`)",
    parse: |text| {
        const FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
            time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(text, FORMAT).map_err(|e| e.to_string())
    },
    canonical: |value| {
        format!("{:04}-{:02}-{:02}", value.year(), u8::from(value.month()), value.day())
    },
}

format_string! {
    /// A `uuid` string: a UUID (`12ade33a-21c0-473b-b055-b3c836e1c292`), kept exactly as
    /// received.
    Uuid, "uuid", uuid::Uuid, "a UUID (`12ade33a-21c0-473b-b055-b3c836e1c292`)",
    parse: |text| uuid::Uuid::parse_str(text).map_err(|e| e.to_string()),
    canonical: |value| value.hyphenated().to_string(),
}

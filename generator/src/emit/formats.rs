//! `src/formats.rs` of the generated crate: string formats (`date-time`, `date`, `uuid`) as
//! types that keep the text the server sent and parse it on request.
//!
//! A value that does not fit its format (`"024-05-31T11:14:00+00:00"`) must not fail the whole
//! response, so decoding never parses: the typed accessor (`parse`) reports the problem.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The format types and their error.
pub fn formats() -> TokenStream {
    let date_time = one(
        "DateTime",
        "date-time",
        quote! { ::time::OffsetDateTime },
        "an RFC 3339 date-time (`2018-01-01T00:00:00.000000Z`)",
        quote! {
            ::time::OffsetDateTime::parse(&self.0, &::time::format_description::well_known::Rfc3339)
                .map_err(|e| self.error(e))
        },
        quote! {
            value
                .format(&::time::format_description::well_known::Rfc3339)
                // Only years outside 0..=9999 do not fit RFC 3339; keep the `Display` text then.
                .unwrap_or_else(|_| value.to_string())
        },
    );
    let date = one(
        "Date",
        "date",
        quote! { ::time::Date },
        "a calendar date (`2024-05-31`)",
        quote! {
            const FORMAT: &[::time::format_description::BorrowedFormatItem<'static>] =
                ::time::macros::format_description!("[year]-[month]-[day]");
            ::time::Date::parse(&self.0, FORMAT).map_err(|e| self.error(e))
        },
        quote! {
            ::std::format!("{:04}-{:02}-{:02}", value.year(), u8::from(value.month()), value.day())
        },
    );
    let uuid = one(
        "Uuid",
        "uuid",
        quote! { ::uuid::Uuid },
        "a UUID (`12ade33a-21c0-473b-b055-b3c836e1c292`)",
        quote! { ::uuid::Uuid::parse_str(&self.0).map_err(|e| self.error(e)) },
        quote! { value.hyphenated().to_string() },
    );
    quote! {
        /// A value that does not fit its format.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
        #[non_exhaustive]
        pub struct FormatError {
            /// The OpenAPI format (`date-time`, `date`, `uuid`).
            pub format: &'static str,
            /// The text as received.
            pub value: ::std::string::String,
            /// Why it does not parse.
            pub message: ::std::string::String,
        }

        impl ::std::fmt::Display for FormatError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{:?} is not a valid {}: {}", self.value, self.format, self.message)
            }
        }

        impl ::std::error::Error for FormatError {}

        #date_time
        #date
        #uuid
    }
}

fn one(
    name: &str,
    format: &str,
    parsed: TokenStream,
    what: &str,
    parse: TokenStream,
    from_typed: TokenStream,
) -> TokenStream {
    let ty = format_ident!("{name}");
    let doc = format!(
        " A `{format}` string: {what}, kept exactly as received.\n\n \
         Decoding a response never fails because of this field: a value that does not fit the \
         format is kept, and [`parse`](Self::parse) reports it. It derefs to `str`, and converts \
         from `&str`, `String` and [`{parsed}`] (formatted canonically).",
        parsed = parsed.to_string().replace(' ', "")
    );
    let parse_doc = format!(" Parses the text as {what}.");
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::default::Default)]
        pub struct #ty(::std::string::String);

        impl #ty {
            /// The text as received or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, by value.
            pub fn into_string(self) -> ::std::string::String {
                self.0
            }

            #[doc = #parse_doc]
            pub fn parse(&self) -> ::std::result::Result<#parsed, FormatError> {
                #parse
            }

            /// Whether the text fits the format.
            pub fn is_valid(&self) -> bool {
                self.parse().is_ok()
            }

            fn error(&self, error: impl ::std::fmt::Display) -> FormatError {
                FormatError { format: #format, value: self.0.clone(), message: error.to_string() }
            }
        }

        impl ::std::ops::Deref for #ty {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::convert::AsRef<str> for #ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::convert::From<&str> for #ty {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl ::std::convert::From<::std::string::String> for #ty {
            fn from(value: ::std::string::String) -> Self {
                Self(value)
            }
        }

        impl ::std::convert::From<&::std::string::String> for #ty {
            fn from(value: &::std::string::String) -> Self {
                Self(value.clone())
            }
        }

        impl ::std::convert::From<#parsed> for #ty {
            fn from(value: #parsed) -> Self {
                Self(#from_typed)
            }
        }

        impl ::std::cmp::PartialEq<str> for #ty {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl ::std::cmp::PartialEq<&str> for #ty {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl ::serde::Serialize for #ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(Self)
            }
        }

        impl crate::runtime::ParamScalar for #ty {
            fn to_param(&self) -> ::std::string::String {
                self.0.clone()
            }
        }
    }
}

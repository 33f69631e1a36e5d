//! Example round-trip: every `example` (and `examples[*].value`) in the spec decodes into the
//! generated Rust type it documents and re-encodes to equal JSON.
//!
//! The test walks the spec YAML and finds every example, wherever it is:
//!
//! - component schema examples (`/components/schemas/S/example`) decode into the type of `S`;
//! - property examples, at any depth of a component schema (`.../properties/p/example`, through
//!   `items` and nested `properties`) or of an object parameter's inline schema, are placed into
//!   an instance of the containing top-level type at their spot (with the required properties
//!   around them filled from their own examples) and that instance decodes into the type, so the
//!   example goes through the generated field's type;
//! - media-type examples (`.../content/M/example`, `.../content/M/examples/N/value`) of
//!   responses and request bodies decode into the type of their schema; a `text/csv` binary
//!   example is checked as the bytes the client returns (UTF-8 text, rectangular CSV);
//! - parameter examples (`/paths/.../parameters/i/example`) decode into the parameter's type.
//!
//! An example found anywhere else fails the test, as does a component schema without a type in
//! [`component_types!`]. The comparison is exact, nulls included: a nullable property keeps
//! `null` apart from absent (`Nullable`), and the text of the re-encoded JSON equals the text
//! of the example's (keys in the same order, as `serde_json` writes a tree).

use std::collections::BTreeSet;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use telnyx_orders::types;

const SPEC: &str = "spec/telnyx-number-orders.yaml";

fn load_spec() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(SPEC);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("the spec is YAML");
    serde_json::to_value(yaml).expect("the spec converts to JSON")
}

/// Decodes `example` into `T` and encodes it back.
fn round_trip<T: DeserializeOwned + Serialize>(example: &Value) -> Result<Value, String> {
    let decoded: T = serde_path_to_error::deserialize(example)
        .map_err(|e| format!("does not decode at `{}`: {}", e.path(), e.inner()))?;
    serde_json::to_value(&decoded).map_err(|e| format!("does not re-encode: {e}"))
}

/// The generated type of every component schema, by schema name.
macro_rules! component_types {
    ($($name:literal => $ty:ident),* $(,)?) => {
        /// The component schema names [`round_trip_component`] knows.
        const COMPONENT_TYPES: &[&str] = &[$($name),*];

        /// Round-trips `value` through the generated type of component schema `name`.
        fn round_trip_component(name: &str, value: &Value) -> Result<Value, String> {
            match name {
                $($name => round_trip::<types::$ty>(value),)*
                other => Err(format!(
                    "component schema `{other}` has no generated type in component_types!"
                )),
            }
        }
    };
}

component_types! {
    "AdvancedOrder" => AdvancedOrder,
    "AdvancedOrderRequest" => AdvancedOrderRequest,
    "AvailablePhoneNumber" => AvailablePhoneNumber,
    "AvailablePhoneNumberBlock" => AvailablePhoneNumberBlock,
    "AvailablePhoneNumbersMetadata" => AvailablePhoneNumbersMetadata,
    "CancelPendingVersionResponse" => CancelPendingVersionResponse,
    "Comment" => Comment,
    "CostInformation" => CostInformation,
    "CreateNumberBlockOrderRequest" => CreateNumberBlockOrderRequest,
    "CreateNumberOrderRequest" => CreateNumberOrderRequest,
    "CreateNumberReservationRequest" => CreateNumberReservationRequest,
    "CreateRequirementVersionRequest" => CreateRequirementVersionRequest,
    "CreateSubNumberOrdersReportRequest" => CreateSubNumberOrdersReportRequest,
    "DocReqsRequirement" => DocReqsRequirement,
    "DocReqsRequirementList" => DocReqsRequirementList,
    "DocReqsRequirementType" => DocReqsRequirementType,
    "DocReqsRequirementTypeList" => DocReqsRequirementTypeList,
    "Feature" => Feature,
    "InexplicitNumberOrderRequest" => InexplicitNumberOrderRequest,
    "InexplicitNumberOrderResponse" => InexplicitNumberOrderResponse,
    "NumberBlockOrder" => NumberBlockOrder,
    "NumberOrder" => NumberOrder,
    "NumberOrderPhoneNumber" => NumberOrderPhoneNumber,
    "NumberOrderPhoneNumberRequirementGroupResponse" => NumberOrderPhoneNumberRequirementGroupResponse,
    "NumberOrderWebhookEvent" => NumberOrderWebhookEvent,
    "NumberOrderWithPhoneNumbers" => NumberOrderWithPhoneNumbers,
    "NumberReservation" => NumberReservation,
    "PaginationMeta" => PaginationMeta,
    "PhoneNumber" => PhoneNumber,
    "PhoneNumbersJobPhoneNumber" => PhoneNumbersJobPhoneNumber,
    "ReadComment" => ReadComment,
    "RegionInformation" => RegionInformation,
    "RegulatoryRequirement" => RegulatoryRequirement,
    "RegulatoryRequirements" => RegulatoryRequirements,
    "RegulatoryRequirementsPhoneNumbers" => RegulatoryRequirementsPhoneNumbers,
    "RequirementGroup" => RequirementGroup,
    "ReservedPhoneNumber" => ReservedPhoneNumber,
    "SubNumberOrder" => SubNumberOrder,
    "SubNumberOrderPhoneNumber" => SubNumberOrderPhoneNumber,
    "SubNumberOrderRegulatoryRequirement" => SubNumberOrderRegulatoryRequirement,
    "SubNumberOrderRegulatoryRequirementWithValue" => SubNumberOrderRegulatoryRequirementWithValue,
    "SubNumberOrderRequirementGroupResponse" => SubNumberOrderRequirementGroupResponse,
    "SubNumberOrdersReport" => SubNumberOrdersReport,
    "UpdateNumberOrderPhoneNumberRequest" => UpdateNumberOrderPhoneNumberRequest,
    "UpdateNumberOrderRequest" => UpdateNumberOrderRequest,
    "UpdateRegulatoryRequirement" => UpdateRegulatoryRequirement,
    "UpdateSubNumberOrderRequest" => UpdateSubNumberOrderRequest,
    "UserRequirement" => UserRequirement,
    "documents_Error" => DocumentsError,
    "documents_Errors" => DocumentsErrors,
    "numbers_Error" => NumbersError,
    "numbers_Errors" => NumbersErrors,
}

/// The generated type of every parameter, by operation and parameter name: object parameters
/// have their own type; path ids are taken as `impl Into<String>`.
macro_rules! parameter_types {
    ($(($op:literal, $param:literal) => $ty:ty),* $(,)?) => {
        /// The (operation, parameter) pairs [`round_trip_parameter`] knows.
        const PARAMETER_TYPES: &[(&str, &str)] = &[$(($op, $param)),*];

        /// Round-trips `value` through the generated type of parameter `param` of `op`.
        fn round_trip_parameter(op: &str, param: &str, value: &Value) -> Result<Value, String> {
            match (op, param) {
                $(($op, $param) => round_trip::<$ty>(value),)*
                _ => Err(format!(
                    "parameter `{param}` of {op} has no generated type in parameter_types!"
                )),
            }
        }
    };
}

parameter_types! {
    ("update_advanced_order_v2", "advanced-order-id") => telnyx_orders::Uuid,
    ("get_advanced_order_v2", "order_id") => telnyx_orders::Uuid,
    ("ListAvailablePhoneNumberBlocks", "filter") => types::ListAvailablePhoneNumberBlocksFilter,
    ("ListAvailablePhoneNumbers", "filter") => types::ListAvailablePhoneNumbersFilter,
    ("ListComments", "filter") => types::ListCommentsFilter,
    ("RetrieveComment", "id") => String,
    ("MarkCommentRead", "id") => String,
    ("ListInexplicitNumberOrders", "page_number") => i64,
    ("ListInexplicitNumberOrders", "page_size") => i64,
    ("RetrieveInexplicitNumberOrder", "id") => telnyx_orders::Uuid,
    ("ListNumberBlockOrders", "page") => types::NumbersPageConsolidated,
    ("ListNumberBlockOrders", "filter") => types::ListNumberBlockOrdersFilter,
    ("RetrieveNumberBlockOrder", "number_block_order_id") => String,
    ("RetrieveOrderPhoneNumbers", "filter") => types::RetrieveOrderPhoneNumbersFilter,
    ("updateNumberOrderPhoneNumberRequirementGroup", "id") => telnyx_orders::Uuid,
    ("GetNumberOrderPhoneNumber", "number_order_phone_number_id") => String,
    ("UpdateNumberOrderPhoneNumber", "number_order_phone_number_id") => String,
    ("ListNumberOrders", "page") => types::NumbersPageConsolidated,
    ("ListNumberOrders", "filter") => types::ListNumberOrdersFilter,
    ("RetrieveNumberOrder", "number_order_id") => String,
    ("UpdateNumberOrder", "number_order_id") => String,
    ("ListNumberReservations", "page") => types::NumbersPageConsolidated,
    ("ListNumberReservations", "filter") => types::ListNumberReservationsFilter,
    ("RetrieveNumberReservation", "number_reservation_id") => String,
    ("ExtendNumberReservationExpiryTime", "number_reservation_id") => String,
    ("ListRegulatoryRequirementsPhoneNumbers", "filter") => types::ListRegulatoryRequirementsPhoneNumbersFilter,
    ("ListRegulatoryRequirements", "filter") => types::ListRegulatoryRequirementsFilter,
    ("GetRequirementGroups", "filter") => types::GetRequirementGroupsFilter,
    ("DeleteRequirementGroup", "id") => String,
    ("GetRequirementGroup", "id") => String,
    ("UpdateRequirementGroup", "id") => String,
    ("SubmitRequirementGroup", "id") => String,
    ("ListRequirementTypes", "filter") => types::FilterRequirementTypesConsolidated,
    ("ListRequirementTypes", "sort") => Vec<types::SortRequirementTypesConsolidatedItem>,
    ("RetrieveRequirementType", "id") => telnyx_orders::Uuid,
    ("ListRequirements", "filter") => types::FilterRequirementsConsolidated,
    ("ListRequirements", "sort") => Vec<types::SortRequirementsConsolidatedItem>,
    ("ListRequirements", "page") => types::DocumentsPageConsolidated,
    ("ListRequirements", "version") => i64,
    ("RetrieveDocumentRequirements", "id") => telnyx_orders::Uuid,
    ("RetrieveDocumentRequirements", "version") => i64,
    ("CreateRequirementVersion", "id") => telnyx_orders::Uuid,
    ("CancelPendingRequirementVersion", "id") => telnyx_orders::Uuid,
    ("ListSubNumberOrders", "filter") => types::ListSubNumberOrdersFilter,
    ("updateSubNumberOrderRequirementGroup", "id") => telnyx_orders::Uuid,
    ("GetSubNumberOrder", "sub_number_order_id") => String,
    ("GetSubNumberOrder", "filter") => types::GetSubNumberOrderFilter,
    ("UpdateSubNumberOrder", "sub_number_order_id") => String,
    ("CancelSubNumberOrder", "sub_number_order_id") => String,
    ("GetSubNumberOrdersReport", "report_id") => telnyx_orders::Uuid,
    ("DownloadSubNumberOrdersReport", "report_id") => telnyx_orders::Uuid,
}

/// The generated type of every inline (not `$ref`) JSON request body, by operation.
macro_rules! body_types {
    ($($op:literal => $ty:ty),* $(,)?) => {
        /// The operations [`round_trip_body`] knows.
        const BODY_TYPES: &[&str] = &[$($op),*];

        /// Round-trips `value` through the generated type of the inline request body of `op`.
        fn round_trip_body(op: &str, value: &Value) -> Result<Value, String> {
            match op {
                $($op => round_trip::<$ty>(value),)*
                _ => Err(format!("the inline request body of {op} has no generated type in body_types!")),
            }
        }
    };
}

body_types! {
    "CreateRequirementGroup" => types::CreateRequirementGroupBody,
    "UpdateRequirementGroup" => types::UpdateRequirementGroupBody,
    "updateNumberOrderPhoneNumberRequirementGroup" => types::UpdateNumberOrderPhoneNumberRequirementGroupBody,
    "updateSubNumberOrderRequirementGroup" => types::UpdateSubNumberOrderRequirementGroupBody,
}

/// An example of a `date-time`, `date` or `uuid` string must parse as one with the generated
/// format types; other formats are not typed by the generator.
fn check_format(format: &str, example: &Value) -> Result<(), String> {
    let parsed = match format {
        "date-time" => serde_json::from_value::<telnyx_orders::DateTime>(example.clone())
            .map_err(|e| e.to_string())
            .and_then(|v| v.parse().map(drop).map_err(|e| e.to_string())),
        "date" => serde_json::from_value::<telnyx_orders::Date>(example.clone())
            .map_err(|e| e.to_string())
            .and_then(|v| v.parse().map(drop).map_err(|e| e.to_string())),
        "uuid" => serde_json::from_value::<telnyx_orders::Uuid>(example.clone())
            .map_err(|e| e.to_string())
            .and_then(|v| v.parse().map(drop).map_err(|e| e.to_string())),
        _ => Ok(()),
    };
    parsed.map_err(|e| format!("{example} is not a valid {format}: {e}"))
}

/// Decodes one JSON pointer token (`~1` is `/`, `~0` is `~`).
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn pointer(tokens: &[String]) -> String {
    tokens.iter().map(|t| format!("/{}", escape(t))).collect()
}

/// Every example in the document: its JSON pointer tokens and its value. `example` members
/// that are property *names* (under `properties`) are not examples and are not collected.
fn collect_examples(node: &Value, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, Value)>) {
    match node {
        Value::Object(map) => {
            let under_properties = path.last().is_some_and(|t| t == "properties");
            for (key, value) in map {
                path.push(key.clone());
                if key == "example" && !under_properties {
                    out.push((path.clone(), value.clone()));
                } else if key == "examples" && !under_properties {
                    // Media-type examples: a map of Example Objects, each with a `value`.
                    for (name, example) in value.as_object().expect("examples is a map") {
                        path.push(name.clone());
                        path.push("value".to_owned());
                        let value = example.get("value").unwrap_or_else(|| {
                            panic!(
                                "{} has no `value` (externalValue is not supported)",
                                pointer(path)
                            )
                        });
                        out.push((path.clone(), value.clone()));
                        path.pop();
                        path.pop();
                    }
                } else {
                    collect_examples(value, path, out);
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                collect_examples(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

struct Walker {
    spec: Value,
}

/// What kind of example a site is, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Schema,
    Property,
    MediaType,
    Parameter,
}

impl Walker {
    fn at(&self, tokens: &[String]) -> &Value {
        self.spec
            .pointer(&pointer(tokens))
            .unwrap_or_else(|| panic!("no node at {}", pointer(tokens)))
    }

    fn resolve<'a>(&'a self, mut node: &'a Value) -> &'a Value {
        while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            node = self
                .spec
                .pointer(reference.strip_prefix('#').expect("local $ref"))
                .unwrap_or_else(|| panic!("dangling $ref {reference}"));
        }
        node
    }

    /// The component schema name a `$ref` schema points to, if it is one.
    fn component_ref(schema: &Value) -> Option<&str> {
        schema
            .get("$ref")?
            .as_str()?
            .strip_prefix("#/components/schemas/")
    }

    /// A value for a property that must be present next to the example being checked: the
    /// property's own example (or its schema's, through `$ref`), else, for an object, one made
    /// of samples of its required properties.
    fn sample(&self, schema: &Value, what: &str) -> Value {
        let schema_example = schema.get("example");
        let resolved = self.resolve(schema);
        if let Some(example) = schema_example.or_else(|| resolved.get("example")) {
            return example.clone();
        }
        let properties = resolved.get("properties").and_then(Value::as_object);
        let Some(properties) = properties else {
            panic!("{what} is required but has no example to fill it with")
        };
        let mut object = Map::new();
        for required in resolved
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let inner = format!("{what}, property `{required}`");
            object.insert(
                required.to_owned(),
                self.sample(&properties[required], &inner),
            );
        }
        Value::Object(object)
    }

    /// Places `example` at `path` (a sequence of `properties/<name>` and `items` steps) inside
    /// an instance of `schema`, filling required siblings on the way.
    fn wrap(&self, schema: &Value, path: &[String], example: Value, site: &str) -> Value {
        let schema = self.resolve(schema);
        match path {
            [] => example,
            [step, name, rest @ ..] if step == "properties" => {
                let property = &schema["properties"][name.as_str()];
                let inner = self.wrap(property, rest, example, site);
                let mut object = Map::new();
                for required in schema
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if required != name {
                        let what = format!("{site}: sibling `{required}`");
                        let value = self.sample(&schema["properties"][required], &what);
                        object.insert(required.to_owned(), value);
                    }
                }
                object.insert(name.clone(), inner);
                Value::Object(object)
            }
            [step, rest @ ..] if step == "items" => {
                Value::Array(vec![self.wrap(&schema["items"], rest, example, site)])
            }
            other => panic!("{site}: cannot place an example under {other:?}"),
        }
    }

    /// The operation id and parameter name of the parameter at `tokens` (a
    /// `/paths/P/M/parameters/i` or `/components/parameters/N` prefix).
    fn parameter_site(&self, tokens: &[String]) -> (String, String) {
        let param = self.resolve(self.at(tokens));
        let name = param["name"].as_str().expect("parameter name").to_owned();
        if tokens[0] == "paths" {
            let op = self.at(&tokens[..3])["operationId"]
                .as_str()
                .expect("operationId");
            return (op.to_owned(), name);
        }
        // A component parameter: the first operation that uses it.
        let reference = format!("#{}", pointer(tokens));
        for item in self.spec["paths"].as_object().unwrap().values() {
            for op in item.as_object().unwrap().values() {
                let uses = op
                    .get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .any(|p| p.get("$ref").and_then(Value::as_str) == Some(&reference));
                if uses {
                    return (op["operationId"].as_str().unwrap().to_owned(), name);
                }
            }
        }
        panic!(
            "component parameter {} is used by no operation",
            pointer(tokens)
        )
    }

    /// What decoding cannot see, checked against the schema at every depth of `value`: an
    /// enum value must be one of the listed ones (the generated enums keep unknown values in
    /// `Unknown`), and a `date-time`, `date` or `uuid` string must parse (the format types keep
    /// any text, so that a response never fails to decode because of a format).
    fn check_values(&self, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
        let schema = self.resolve(schema);
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            if !values.contains(value) {
                return Err(format!(
                    "{value} at `{at}` is not one of the enum values {values:?}"
                ));
            }
        }
        if let Some(format) = schema.get("format").and_then(Value::as_str) {
            check_format(format, value).map_err(|e| format!("at `{at}`: {e}"))?;
        }
        if let (Some(properties), Some(object)) = (
            schema.get("properties").and_then(Value::as_object),
            value.as_object(),
        ) {
            for (name, inner) in object {
                if let Some(property) = properties.get(name) {
                    self.check_values(property, inner, &format!("{at}.{name}"))?;
                }
            }
        }
        if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
            for (i, item) in array.iter().enumerate() {
                self.check_values(items, item, &format!("{at}[{i}]"))?;
            }
        }
        Ok(())
    }

    /// The operationId of `owner` when it is the JSON media type of an inline request body
    /// (`/paths/{path}/{method}/requestBody/content/application~1json`).
    fn request_body_owner(&self, owner: &[String]) -> Option<String> {
        match owner {
            [paths, _, _, body, content, media]
                if paths == "paths"
                    && body == "requestBody"
                    && content == "content"
                    && media == "application/json" =>
            {
                let op = self.at(&owner[..3]);
                op["operationId"].as_str().map(str::to_owned)
            }
            _ => None,
        }
    }

    /// For a schema node inside an inline JSON request body schema, the operationId and the
    /// length of the path to its `schema`.
    fn inline_body_property(&self, owner: &[String]) -> Option<(String, usize)> {
        let media_len = 6;
        if owner.len() > media_len && owner[media_len] == "schema" {
            let op = self.request_body_owner(&owner[..media_len])?;
            if Self::component_ref(self.at(&owner[..=media_len])).is_none() {
                return Some((op, media_len));
            }
        }
        None
    }

    /// Round-trips one example; returns its kind, or why it failed.
    fn check(&self, tokens: &[String], example: &Value) -> Result<Kind, String> {
        let site = pointer(tokens);
        let last = tokens.last().map(String::as_str);
        let owner_len = if last == Some("value") {
            tokens.len() - 3 // .../examples/<name>/value
        } else {
            tokens.len() - 1 // .../example
        };
        let owner = &tokens[..owner_len];
        let owner_node = self.at(owner);

        // The example's own schema, against which its enum values and formats are checked.
        // A media type or a parameter has it under `schema`; a schema is its own.
        let in_media_type = owner.len() >= 2 && owner[owner.len() - 2] == "content";
        let is_parameter =
            owner.iter().any(|t| t == "parameters") && owner_node.get("in").is_some();
        let own_schema = if in_media_type || is_parameter {
            self.resolve(&owner_node["schema"])
        } else {
            self.resolve(owner_node)
        };
        self.check_values(own_schema, example, "")?;

        let (kind, expected, reencoded) = if owner.len() >= 2 && owner[owner.len() - 2] == "content"
        {
            // A media-type example: decode into the type of the media type's schema.
            let media = owner[owner.len() - 1].as_str();
            let schema = &owner_node["schema"];
            if let Some(name) = Self::component_ref(schema) {
                let out = round_trip_component(name, example)?;
                (Kind::MediaType, example.clone(), out)
            } else if media == "text/csv" && self.resolve(schema)["format"] == "binary" {
                // The client returns the body as `Bytes`: the example must be that text.
                let text = example
                    .as_str()
                    .ok_or_else(|| format!("a binary example must be text, got {example}"))?;
                let rows: Vec<usize> = text.lines().map(|l| l.split(',').count()).collect();
                if rows.len() < 2 || rows.iter().any(|&n| n != rows[0]) {
                    return Err(format!("not a rectangular CSV with a header: {rows:?}"));
                }
                let bytes = telnyx_orders::bytes::Bytes::from(text.to_owned());
                let back = String::from_utf8(bytes.to_vec()).map_err(|e| e.to_string())?;
                (Kind::MediaType, example.clone(), Value::String(back))
            } else if let Some(op) = self.request_body_owner(owner) {
                let out = round_trip_body(&op, example)?;
                (Kind::MediaType, example.clone(), out)
            } else {
                return Err(format!(
                    "no generated type known for the inline {media} schema at {}",
                    pointer(owner)
                ));
            }
        } else if owner.len() >= 3 && owner[0] == "components" && owner[1] == "schemas" {
            // A component schema example (owner is the schema) or a property example inside.
            let name = owner[2].as_str();
            let root = self.at(&owner[..3]);
            let instance = self.wrap(root, &owner[3..], example.clone(), &site);
            let out = round_trip_component(name, &instance)?;
            let kind = if owner.len() == 3 {
                Kind::Schema
            } else {
                Kind::Property
            };
            (kind, instance, out)
        } else if let Some((op, media_len)) = self.inline_body_property(owner) {
            // A property example inside an inline request body schema: placed into an
            // instance of the body, which decodes into the operation's body type.
            let root = self.at(&owner[..media_len + 1]);
            let instance = self.wrap(root, &owner[media_len + 1..], example.clone(), &site);
            let out = round_trip_body(&op, &instance)?;
            (Kind::Property, instance, out)
        } else if let Some(at) = owner.iter().position(|t| t == "parameters") {
            // A parameter example (owner is the parameter) or a property example inside the
            // parameter's inline schema.
            let param_end = at + 2;
            let (op, name) = self.parameter_site(&owner[..param_end]);
            let rest = &owner[param_end..];
            let instance = match rest {
                [] => example.clone(),
                [schema, path @ ..] if schema == "schema" => {
                    let param = self.resolve(self.at(&owner[..param_end]));
                    self.wrap(&param["schema"], path, example.clone(), &site)
                }
                other => return Err(format!("unexpected parameter path {other:?}")),
            };
            let out = round_trip_parameter(&op, &name, &instance)?;
            let kind = if rest.is_empty() {
                Kind::Parameter
            } else {
                Kind::Property
            };
            (kind, instance, out)
        } else {
            return Err("an example in a place this test does not know: extend it".to_owned());
        };
        let (text, expected_text) = (
            serde_json::to_string(&reencoded).map_err(|e| e.to_string())?,
            serde_json::to_string(&expected).map_err(|e| e.to_string())?,
        );
        if reencoded != expected || text != expected_text {
            return Err(format!(
                "re-encodes differently:\n  example:    {expected}\n  re-encoded: {reencoded}"
            ));
        }
        Ok(kind)
    }
}

#[test]
fn every_example_round_trips_through_the_generated_types() {
    let walker = Walker { spec: load_spec() };
    let mut examples = Vec::new();
    collect_examples(&walker.spec, &mut Vec::new(), &mut examples);
    assert!(!examples.is_empty(), "the spec has examples");

    let mut failures = Vec::new();
    let mut kinds = Vec::new();
    for (tokens, example) in &examples {
        match walker.check(tokens, example) {
            Ok(kind) => kinds.push(kind),
            Err(why) => failures.push(format!("{}: {why}", pointer(tokens))),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples fail the round trip:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
    assert_eq!(kinds.len(), examples.len());
    let count = |kind| kinds.iter().filter(|&&k| k == kind).count();
    println!(
        "examples: {} round-tripped ({} schema, {} property, {} media-type, {} parameter)",
        examples.len(),
        count(Kind::Schema),
        count(Kind::Property),
        count(Kind::MediaType),
        count(Kind::Parameter)
    );
    // Each kind the spec has must have been found (the walker is not silently blind to one).
    for kind in [
        Kind::Schema,
        Kind::Property,
        Kind::MediaType,
        Kind::Parameter,
    ] {
        assert!(count(kind) > 0, "no {kind:?} example found");
    }
}

#[test]
fn every_component_schema_has_a_type_in_the_dispatch() {
    let spec = load_spec();
    let in_spec: BTreeSet<&str> = spec["components"]["schemas"]
        .as_object()
        .expect("component schemas")
        .keys()
        .map(String::as_str)
        .collect();
    let listed: BTreeSet<&str> = COMPONENT_TYPES.iter().copied().collect();
    assert_eq!(
        listed, in_spec,
        "component_types! must list exactly the component schemas of the spec"
    );
    assert_eq!(listed.len(), COMPONENT_TYPES.len(), "no duplicates");
}

#[test]
fn every_inline_request_body_has_a_type_in_the_dispatch() {
    let spec = load_spec();
    let mut in_spec = BTreeSet::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            if schema.is_object() && schema.get("$ref").is_none() {
                in_spec.insert(op["operationId"].as_str().unwrap().to_owned());
            }
        }
    }
    let listed: BTreeSet<String> = BODY_TYPES.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(
        listed, in_spec,
        "body_types! must list exactly the operations with an inline JSON request body"
    );
}

#[test]
fn every_parameter_has_a_type_in_the_dispatch() {
    let walker = Walker { spec: load_spec() };
    let mut in_spec = BTreeSet::new();
    for (path, item) in walker.spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(params) = op.get("parameters").and_then(Value::as_array) else {
                continue;
            };
            for i in 0..params.len() {
                let tokens = vec![
                    "paths".to_owned(),
                    path.clone(),
                    method.clone(),
                    "parameters".to_owned(),
                    i.to_string(),
                ];
                in_spec.insert(walker.parameter_site(&tokens));
            }
        }
    }
    let listed: BTreeSet<(String, String)> = PARAMETER_TYPES
        .iter()
        .map(|(op, name)| ((*op).to_owned(), (*name).to_owned()))
        .collect();
    assert_eq!(
        listed, in_spec,
        "parameter_types! must list every parameter"
    );
}

#[test]
fn the_walker_finds_and_places_examples() {
    // The machinery on a small document: what is collected, and how a nested property example
    // is placed with its required siblings.
    let doc = json!({
        "components": {"schemas": {"S": {
            "type": "object",
            "example": {"a": 1},
            "properties": {
                "example": {"type": "string"},
                "list": {"type": "array", "items": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string", "example": "x"},
                        "n": {"type": "integer", "example": 7}
                    }
                }}
            }
        }}}
    });
    let mut found = Vec::new();
    collect_examples(&doc, &mut Vec::new(), &mut found);
    let sites: Vec<String> = found.iter().map(|(t, _)| pointer(t)).collect();
    assert_eq!(
        sites,
        [
            "/components/schemas/S/example",
            "/components/schemas/S/properties/list/items/properties/id/example",
            "/components/schemas/S/properties/list/items/properties/n/example",
        ]
    );
    let walker = Walker { spec: doc };
    let root = walker.spec["components"]["schemas"]["S"].clone();
    let path: Vec<String> = ["properties", "list", "items", "properties", "n"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(
        walker.wrap(&root, &path, json!(7), "test"),
        json!({"list": [{"id": "x", "n": 7}]})
    );
    assert_eq!(unescape("~1comments~1{id}"), "/comments/{id}");
}

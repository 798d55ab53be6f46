//! What kind of node each place of a description holds, as far as `$ref`s
//! care: from a context and an object key (or an array) to the context of
//! the value under it, and from a context to the components section a
//! referenced node of that kind goes to. Used by the bundler and by
//! [`crate::front::deep_refs`].

/// What kind of node a place in a document holds, as far as references care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    Root,
    Paths,
    PathItem,
    Operation,
    ParameterList,
    Parameter,
    RequestBody,
    Responses,
    Response,
    Content,
    MediaType,
    Encodings,
    Encoding,
    Headers,
    Header,
    Examples,
    Example,
    Links,
    Link,
    Callbacks,
    Callback,
    Components,
    Schemas,
    Parameters,
    RequestBodies,
    ResponseMap,
    PathItems,
    Schema,
    /// Data (examples, defaults, extensions) or something references do not matter in.
    Data,
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Ctx {
    /// The context of the value under `key` (an object member) in this context.
    pub(crate) fn member(self, key: &str) -> Ctx {
        use Ctx::*;
        // Keys of a map of names (schemas, headers, media types, …) are names,
        // not extensions, whatever they start with.
        let names = matches!(
            self,
            Content
                | Encodings
                | Headers
                | Examples
                | Links
                | Callbacks
                | Schemas
                | Parameters
                | RequestBodies
                | ResponseMap
                | PathItems
        );
        if key.starts_with("x-") && !names {
            return Data;
        }
        match (self, key) {
            (Root, "paths" | "webhooks") => Paths,
            (Root, "components") => Components,
            (Paths, _) => PathItem,
            (PathItem, "parameters") | (Operation, "parameters") => ParameterList,
            (PathItem, method) if METHODS.contains(&method) => Operation,
            (Operation, "requestBody") => RequestBody,
            (Operation, "responses") => Responses,
            (Operation, "callbacks") | (Components, "callbacks") => Callbacks,
            (Responses, _) => Response,
            (Response, "headers") | (Encoding, "headers") | (Components, "headers") => Headers,
            (Response, "content") | (RequestBody, "content") => Content,
            (Parameter | Header, "content") => Content,
            (Response, "links") | (Components, "links") => Links,
            (Parameter | Header | MediaType, "schema") => Schema,
            (Parameter | Header | MediaType, "examples") | (Components, "examples") => Examples,
            (Content, _) => MediaType,
            (MediaType, "encoding") => Encodings,
            (Encodings, _) => Encoding,
            (Headers, _) => Header,
            (Examples, _) => Example,
            (Links, _) => Link,
            (Callbacks, _) => Callback,
            (Callback, _) => PathItem,
            (Components, "schemas") => Schemas,
            (Components, "parameters") => Parameters,
            (Components, "requestBodies") => RequestBodies,
            (Components, "responses") => ResponseMap,
            (Components, "pathItems") => PathItems,
            (
                Schema,
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas",
            ) => Schemas,
            (Schemas, _) => Schema,
            (Parameters, _) => Parameter,
            (RequestBodies, _) => RequestBody,
            (ResponseMap, _) => Response,
            (PathItems, _) => PathItem,
            (
                Schema,
                "example" | "examples" | "default" | "enum" | "const" | "discriminator" | "xml"
                | "externalDocs",
            ) => Data,
            (Schema, _) => Schema,
            _ => Data,
        }
    }

    /// The context of the elements of an array in this context.
    pub(crate) fn element(self) -> Ctx {
        match self {
            Ctx::ParameterList => Ctx::Parameter,
            Ctx::Schema => Ctx::Schema,
            _ => Ctx::Data,
        }
    }

    /// The components section a referenced node of this context goes to;
    /// `None` for a path item (written in place) and for data.
    pub(crate) fn section(self) -> Option<&'static str> {
        Some(match self {
            Ctx::Schema => "schemas",
            Ctx::Parameter => "parameters",
            Ctx::RequestBody => "requestBodies",
            Ctx::Response => "responses",
            Ctx::Header => "headers",
            Ctx::Example => "examples",
            Ctx::Link => "links",
            Ctx::Callback => "callbacks",
            _ => return None,
        })
    }

    /// The context of a node in components section `section`.
    pub(super) fn of_section(section: &str) -> Ctx {
        match section {
            "parameters" => Ctx::Parameter,
            "requestBodies" => Ctx::RequestBody,
            "responses" => Ctx::Response,
            "headers" => Ctx::Header,
            "examples" => Ctx::Example,
            "links" => Ctx::Link,
            "callbacks" => Ctx::Callback,
            _ => Ctx::Schema,
        }
    }
}

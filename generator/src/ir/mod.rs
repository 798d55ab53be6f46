//! Stage 3: the intermediate representation. A small model of the types,
//! constraints and operations to generate, with every Rust name already chosen
//! (`naming`), in output order. The emitters only read it.

mod audit;
mod build;
mod cycles;
mod dialects;
pub(crate) mod ecma;
pub(crate) mod formats;
pub mod pagination;
mod schema_view;
mod security;

pub use build::{build, is_event_stream};
pub use cycles::{nesting, recursion_limit};

/// Index of a type in [`Ir::types`].
pub type TypeId = usize;

/// Everything the emitters need.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub servers: Vec<Server>,
    /// In output order.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// Schemas that became untyped and keywords not enforced, by pointer.
    pub losses: crate::losses::Losses,
    /// The security schemes a client can send, in the description's order.
    pub security_schemes: Vec<SecurityScheme>,
    /// The description's security requirements: alternatives, each the
    /// names of the schemes it needs together (empty: none needed).
    pub security: Vec<Vec<String>>,
}

/// A security scheme of the description.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Its name in `components.securitySchemes`.
    pub name: String,
    pub kind: SchemeKind,
    /// OAuth 2.0's client-credentials flow, when the scheme has one the
    /// client can follow (its token is then a bearer token).
    pub client_credentials: Option<ClientCredentialsFlow>,
}

/// OAuth 2.0's client-credentials flow (`flows.clientCredentials`), as
/// written: the client resolves relative URLs against its base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientCredentialsFlow {
    /// `tokenUrl`: absolute (`https://…`) or a relative reference.
    pub token_url: String,
    /// The names of `scopes`.
    pub scopes: Vec<String>,
    /// `x-form-parameters`: more form fields of the token request.
    pub form: Vec<(String, String)>,
}

/// How a security scheme's credential is sent.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `Authorization: Bearer`: HTTP bearer, OAuth 2.0 and OpenID Connect.
    Bearer,
    /// HTTP basic.
    Basic,
    /// An API key in a header, query parameter or cookie of this name.
    ApiKey { location: ApiKeyIn, param: String },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyIn {
    Header,
    Query,
    Cookie,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    pub url: String,
    pub docs: Option<String>,
    /// Variables with their defaults, in the spec's order.
    pub variables: Vec<(String, String)>,
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    /// JSON Pointer of the schema it comes from.
    pub source: String,
    pub docs: Option<String>,
    pub deprecated: bool,
    /// Whether `null` is a valid value of the schema (type includes null and,
    /// when there is an `enum`, the enum lists null). Places that refer to the
    /// type then hold `Option`/`Patch` of it.
    pub nullable: bool,
    pub constraints: Constraints,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum; unknown values are kept in a catch-all variant.
    Enum(Enum),
    /// `oneOf` / `anyOf`: one variant per branch, plus a catch-all.
    Union(Union),
    /// A named primitive, array or map: `pub type Name = …;`.
    Alias(Shape),
    /// A named shape that refers back to itself, which an alias cannot do:
    /// `pub struct Name(pub …);`, serialised transparently.
    Newtype {
        shape: Shape,
        boxed: bool,
    },
}

/// A struct for an object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// The field that keeps the keys the struct does not name.
    pub extra_field: String,
    pub extra: Extra,
    /// Every required field has a `Default` (so the struct derives it).
    pub derives_default: bool,
    /// Names listed in `required` that are not properties: the object must
    /// still have them, among the extra keys.
    pub required_extra: Vec<String>,
    /// Constraints of the values of the extra keys (`additionalProperties: {schema}`).
    pub extra_constraints: Box<Constraints>,
}

/// What the schema says about keys that are not properties. In every case the
/// keys are kept (responses are read tolerantly; an open object is lossless);
/// validators use this to reject them in requests where the schema says so.
#[derive(Debug, Clone, PartialEq)]
pub enum Extra {
    /// `additionalProperties: false`.
    Closed,
    /// `additionalProperties: true` or absent.
    Open,
    /// `additionalProperties: {schema}`.
    Typed(Shape),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust name.
    pub name: String,
    /// Name on the wire.
    pub wire: String,
    pub docs: Option<String>,
    pub deprecated: bool,
    pub required: bool,
    /// `null` is a valid value.
    pub nullable: bool,
    pub shape: Shape,
    /// Boxed to break a cycle of types that contain each other by value.
    pub boxed: bool,
    /// Constraints of the field's own schema (those of a named type are on the type).
    pub constraints: Constraints,
}

/// A string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub variants: Vec<Variant>,
    /// Name of the catch-all variant that holds a value the spec does not list.
    pub unknown: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub name: String,
    pub value: String,
}

/// `oneOf` (exactly one branch must match) or `anyOf` (at least one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnionKind {
    OneOf,
    AnyOf,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub kind: UnionKind,
    pub variants: Vec<UnionVariant>,
    /// Name of the catch-all variant that holds a value no branch accepts.
    pub unknown: String,
    /// The schema's `discriminator`: the branch its property's value names
    /// is tried first when reading.
    pub discriminator: Option<Discriminator>,
}

/// A union's discriminator: the property, and which values name which
/// variant (`mapping`, and the implicit names of the branches that are
/// references to components).
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    pub property: String,
    /// `(value, index of the variant)`, in the description's order.
    pub tags: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub name: String,
    pub shape: Shape,
    pub boxed: bool,
    /// Constraints of the branch's own schema (those of a named type are on the type).
    pub constraints: Constraints,
}

/// The shape of a value: a primitive, a container, or a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    String,
    Integer(IntWidth),
    Number,
    Boolean,
    /// Any JSON value.
    Any,
    Array(Box<Shape>),
    /// An object used as a map from string keys (ordered by key).
    Map(Box<Shape>),
    /// A value that may be `null` (inside arrays and maps; fields say it with `nullable`).
    Nullable(Box<Shape>),
    Named(TypeId),
}

/// The Rust integer type of an integer schema, from its `format`
/// (`int8` … `int64`, `uint8` … `uint64`); `i64` without one. The type
/// itself enforces the format's bounds: a value outside them does not
/// deserialise and cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntWidth {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

impl IntWidth {
    /// The width a `format` asks for; `i64` for any other format.
    pub fn of_format(format: Option<&str>) -> IntWidth {
        match format {
            Some("int8") => IntWidth::I8,
            Some("int16") => IntWidth::I16,
            Some("int32") => IntWidth::I32,
            Some("uint8") => IntWidth::U8,
            Some("uint16") => IntWidth::U16,
            Some("uint32") => IntWidth::U32,
            Some("uint64") => IntWidth::U64,
            _ => IntWidth::I64,
        }
    }

    /// The Rust type's name.
    pub fn rust(self) -> &'static str {
        match self {
            IntWidth::I8 => "i8",
            IntWidth::I16 => "i16",
            IntWidth::I32 => "i32",
            IntWidth::I64 => "i64",
            IntWidth::U8 => "u8",
            IntWidth::U16 => "u16",
            IntWidth::U32 => "u32",
            IntWidth::U64 => "u64",
        }
    }
}

/// The validation keywords of a schema, kept for the validators.
///
/// They apply to the values of the place's own shape: string keywords to
/// strings, numeric ones to numbers, and so on (as in JSON Schema, a keyword
/// says nothing about a value of another type).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<Pattern>,
    pub format: Option<String>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    /// Allowed values, for enums that are not string enums (and `const`).
    /// `null` is left out: whether null is allowed is the place's nullability.
    pub allowed: Option<Vec<serde_json::Value>>,
    /// Element constraints of an array or map shape (`items`, or the schema of
    /// `additionalProperties`), one level down.
    pub items: Option<Box<Constraints>>,
}

/// A `pattern`, checked at generation time: it compiles as an ECMA-262 regular
/// expression (with the `u` flag, or else in the web-compatible syntax of
/// ECMA-262 Annex B, as `new RegExp(pattern)` would). A pattern written for
/// another dialect is rewritten first where ECMA-262 says exactly the same
/// (see [`dialects`]); `source` is then the rewritten text. Its translation to
/// the syntax of `fancy-regex`, the generated validators' engine, compiles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub source: String,
    /// Compiled with the `u` (Unicode) flag.
    pub unicode: bool,
    /// Flags that came from an inline group of another dialect (`(?i)` → `i`).
    pub extra_flags: String,
    /// What the generated code compiles (see [`crate::ir::ecma`]).
    pub translated: String,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }

    /// Both sets of constraints at once (`allOf` of a schema and its only member):
    /// the stricter bound of each keyword. Two different patterns cannot be one;
    /// the first is kept.
    pub fn merged(a: Constraints, b: Constraints) -> Constraints {
        fn lower(a: Option<usize>, b: Option<usize>) -> Option<usize> {
            a.max(b)
        }
        fn upper(a: Option<usize>, b: Option<usize>) -> Option<usize> {
            match (a, b) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        }
        fn float(a: Option<f64>, b: Option<f64>, pick: fn(f64, f64) -> f64) -> Option<f64> {
            match (a, b) {
                (Some(a), Some(b)) => Some(pick(a, b)),
                (a, b) => a.or(b),
            }
        }
        let items = match (a.items, b.items) {
            (Some(a), Some(b)) => Some(Box::new(Constraints::merged(*a, *b))),
            (a, b) => a.or(b),
        };
        let allowed = match (a.allowed, b.allowed) {
            (Some(a), Some(b)) => Some(a.into_iter().filter(|v| b.contains(v)).collect()),
            (a, b) => a.or(b),
        };
        Constraints {
            min_length: lower(a.min_length, b.min_length),
            max_length: upper(a.max_length, b.max_length),
            pattern: a.pattern.or(b.pattern),
            format: a.format.or(b.format),
            minimum: float(a.minimum, b.minimum, f64::max),
            maximum: float(a.maximum, b.maximum, f64::min),
            exclusive_minimum: a.exclusive_minimum || b.exclusive_minimum,
            exclusive_maximum: a.exclusive_maximum || b.exclusive_maximum,
            multiple_of: a.multiple_of.or(b.multiple_of),
            min_items: lower(a.min_items, b.min_items),
            max_items: upper(a.max_items, b.max_items),
            unique_items: a.unique_items || b.unique_items,
            min_properties: lower(a.min_properties, b.min_properties),
            max_properties: upper(a.max_properties, b.max_properties),
            allowed,
            items,
        }
    }
}

/// An operation to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// operationId, or a name derived from method and path when it has none.
    pub id: String,
    /// Rust method name.
    pub fn_name: String,
    /// HTTP method in upper case.
    pub method: String,
    /// Path template as in the spec, e.g. `/connections/{id}`.
    pub path: String,
    pub summary: Option<String>,
    pub docs: Option<String>,
    pub deprecated: bool,
    pub tags: Vec<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    /// OAuth2 scopes named by the operation's security requirements.
    pub scopes: Vec<String>,
    /// The operation's own security requirements (as [`Ir::security`]),
    /// `None` when it has none of its own.
    pub security: Option<Vec<Vec<String>>>,
    /// Where the operation sits in the API's resource tree, from the
    /// extensions `x-operation-group` (a name or a list of names) and
    /// `x-operation-name`, e.g. `(["connections"], "update")`. `None` when
    /// either is missing or not made of non-empty strings.
    pub group: Option<OperationGroup>,
    /// How its results come in pages (see [`pagination`]), when they do.
    pub pagination: Option<pagination::Paginated>,
}

/// An operation's place in the resource tree (`x-operation-group`, `x-operation-name`), as written in the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationGroup {
    /// The group and its subgroups, outermost first, e.g. `["actions", "versions"]`.
    pub path: Vec<String>,
    /// The operation's name in its group, e.g. `update`.
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub docs: Option<String>,
    pub shape: Shape,
    /// How the value is written: `style` and `explode`.
    pub style: ParamStyle,
}

/// How a parameter's value is written: OpenAPI's `style` with its
/// `explode` (default `true` for `form`, `false` for the others), as the
/// client sends it (the runtime's `Style`). `spaceDelimited` and
/// `pipeDelimited` have no exploded form; `deepObject` has only that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `form` (query and cookie; the query's default, exploded):
    /// `a=1&a=2`, or `a=1,2`.
    Form { explode: bool },
    /// `spaceDelimited` (query): `a=1%202`.
    SpaceDelimited,
    /// `pipeDelimited` (query): `a=1%7C2`.
    PipeDelimited,
    /// `deepObject` (query): `a[key]=value` per property.
    DeepObject,
    /// `simple` (path and header; their default): `1,2`.
    Simple { explode: bool },
    /// `label` (path): `.1.2`.
    Label { explode: bool },
    /// `matrix` (path): `;a=1,2`, or `;a=1;a=2`.
    Matrix { explode: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The media type sent: JSON when the description lists it, else a
    /// form, else the first listed.
    pub content_type: String,
    pub required: bool,
    pub docs: Option<String>,
    pub shape: Shape,
    /// Every media type of the body's `content`, in the description's order.
    pub media_types: Vec<String>,
    /// For a `multipart/form-data` body: the properties that are files
    /// (`format: binary`, or in 3.1 `contentMediaType` or
    /// `contentEncoding`) or arrays of files, by wire name.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// `200`, `4XX`, `default`, …
    pub status: String,
    /// `description`, then `x-description-1`, `x-description-2`, … in order.
    pub docs: Vec<String>,
    pub content_type: Option<String>,
    pub shape: Option<Shape>,
    /// Every media type of the response's `content`, in the description's order.
    pub media_types: Vec<String>,
    /// For a `text/event-stream` response whose schema has a discriminator
    /// with `x-discriminator-context: protocol`: its property, which each
    /// event's `event:` field fills when the data lacks it.
    pub event_property: Option<String>,
    /// The names of the headers it documents, in the description's order.
    pub headers: Vec<String>,
}

impl Ir {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id]
    }

    /// Whether an operation returns a stream: server-sent events, or pages
    /// (the client then needs the `Stream` trait of `futures-core`).
    pub fn streams(&self) -> bool {
        self.operations
            .iter()
            .any(|op| op.pagination.is_some() || op.event_stream().is_some())
    }

    /// Whether an operation's success is server-sent events.
    pub fn streams_events(&self) -> bool {
        self.operations.iter().any(|op| op.event_stream().is_some())
    }

    /// Whether the Rust type of a shape implements `Default`.
    pub fn has_default(&self, shape: &Shape) -> bool {
        shape_has_default(&self.types, shape, 0)
    }
}

impl Operation {
    /// The one successful response, when it is `text/event-stream`
    /// (server-sent events).
    pub fn event_stream(&self) -> Option<&Response> {
        let mut successes = self.responses.iter().filter(|r| r.status.starts_with('2'));
        let only = successes.next()?;
        if successes.next().is_some() {
            return None;
        }
        only.content_type
            .as_deref()
            .filter(|ct| is_event_stream(ct))?;
        Some(only)
    }
}

/// Whether the Rust type of a shape implements `Default`: primitives,
/// containers and `Option` do; a named type when it is a struct that derives
/// it or an alias of such a shape; enums, unions and newtypes do not.
pub(crate) fn shape_has_default(types: &[TypeDef], shape: &Shape, depth: usize) -> bool {
    match shape {
        Shape::Named(id) if depth < 16 => match types.get(*id).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => s.derives_default,
            Some(TypeKind::Alias(inner)) => shape_has_default(types, inner, depth + 1),
            _ => false,
        },
        Shape::Named(_) => false,
        _ => true,
    }
}

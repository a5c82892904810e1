//! GraphQL over HTTP (the GraphQL-over-HTTP spec): POST with JSON, GET for queries only, and
//! the IDE for browsers. Transport concerns end here: the schema sees a `RequestContext`, and
//! every error leaves rendered in the request's language.

use actix_web::{
    HttpRequest, HttpResponse,
    http::{
        StatusCode,
        header::{self, HeaderValue},
    },
    web,
};
use async_graphql::{
    BatchRequest, BatchResponse, Request, Response, Value, http::parse_query_string,
    parser::types::OperationType,
};
use serde::{Serialize, Serializer, ser::SerializeMap};
use std::{sync::Arc, time::Instant};

use super::edge::error_body;
use crate::{
    args,
    error::{AppError, AppResult, Field},
    graphql::{
        Schemas,
        context::with_context,
        documents::{Documents, Seen},
        errors,
        limits::{MAX_BATCH, Selected, inspect},
    },
    http::{
        ide::Ide,
        metrics::{Metrics, OperationOutcome},
        persisted::{NewHash, PersistedQueries},
    },
    i18n,
    request::RequestContext,
    state::AppState,
};

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
const JSON: &str = "application/json";

/// Whether the client takes the newer `application/graphql-response+json` or plain JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MediaType {
    GraphqlResponse,
    Json,
}

fn negotiate(req: &HttpRequest) -> Option<MediaType> {
    let Some(accept) = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
    else {
        return Some(MediaType::Json);
    };
    let types: Vec<&str> = accept
        .split(',')
        .map(|part| part.split(';').next().unwrap_or("").trim())
        .collect();
    if types.contains(&GRAPHQL_RESPONSE_JSON) {
        Some(MediaType::GraphqlResponse)
    } else if types
        .iter()
        .any(|t| *t == JSON || *t == "*/*" || *t == "application/*" || t.is_empty())
    {
        Some(MediaType::Json)
    } else {
        None
    }
}

/// A refusal before GraphQL runs, shaped like a GraphQL error.
fn request_error(status: StatusCode, error: &AppError, context: &RequestContext) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(JSON)
        .json(error_body(error, context.language_now()))
}

fn not_acceptable(context: &RequestContext) -> HttpResponse {
    HttpResponse::NotAcceptable().body(i18n::text(context.language_now(), "error-not-acceptable"))
}

/// The caches a request's operations go through on their way to the engine, one per process.
#[derive(Default)]
pub struct Caches {
    documents: Documents,
    persisted: PersistedQueries,
}

/// One operation of a request on its way to the engine: its query text known (sent, or found
/// by its persisted hash) and its document parsed or taken from the cache.
struct Operation {
    request: Request,
    seen: Seen,
    new_hash: Option<NewHash>,
}

impl Operation {
    fn prepare(mut request: Request, caches: &Caches) -> AppResult<Self> {
        let new_hash = caches.persisted.resolve(&mut request)?;
        let seen = caches.documents.prepare(&mut request);
        Ok(Self {
            request,
            seen,
            new_hash,
        })
    }

    /// Runs it as one of `operations` of its request; a document that validated is remembered
    /// (with its persisted hash).
    async fn run(
        self,
        operations: usize,
        schemas: &Schemas,
        caches: &Caches,
        state: &AppState,
        context: &Arc<RequestContext>,
        metrics: &Metrics,
    ) -> Response {
        let Self {
            mut request,
            seen,
            new_hash,
        } = self;
        let started = Instant::now();
        let name = operation_name(&mut request);
        let cached = matches!(seen, Seen::Validated);
        let schema = schemas.for_batch(operations, &seen);
        let remembers = matches!(seen, Seen::New(Some(_))) || new_hash.is_some();
        let query = remembers.then(|| request.query.clone());
        let mut response = schema.execute(with_context(request, state, context)).await;
        let rejected = is_request_error(&response);
        if let Some(query) = query
            && !rejected
        {
            if let Seen::New(Some(document)) = seen {
                caches.documents.remember(&query, document);
            }
            if let Some(hash) = new_hash {
                caches.persisted.remember(hash, &query);
            }
        }
        errors::render(&mut response, context);
        metrics.operation(&OperationOutcome {
            name: (!rejected).then_some(name).flatten(),
            rejected,
            cached,
            response: &response,
            seconds: started.elapsed().as_secs_f64(),
        });
        response
    }
}

/// The name of the operation `request` runs: the one it names, else its document's only one.
fn operation_name(request: &mut Request) -> Option<String> {
    if let Some(name) = &request.operation_name {
        return Some(name.clone());
    }
    let document = request.parsed_query().ok()?;
    let mut operations = document.operations.iter();
    match (operations.next(), operations.next()) {
        (Some((name, _)), None) => name.map(|name| name.to_string()),
        _ => None,
    }
}

/// A refusal of one operation before the engine runs it, as the engine's own request errors
/// look.
fn refused(error: AppError, context: &RequestContext) -> Response {
    Response::from_errors(vec![errors::server_error(error, context)])
}

pub async fn post(
    req: HttpRequest,
    context: RequestContext,
    body: web::Bytes,
    schemas: web::Data<Schemas>,
    state: web::Data<AppState>,
    caches: web::Data<Caches>,
    metrics: web::Data<Metrics>,
) -> HttpResponse {
    let Some(media) = negotiate(&req) else {
        return not_acceptable(&context);
    };
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type.is_empty() && !content_type.starts_with(JSON) {
        return HttpResponse::UnsupportedMediaType().body(i18n::text(
            context.language_now(),
            "error-unsupported-media",
        ));
    }
    let batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(batch) => batch,
        Err(_) => {
            let error = AppError::invalid(Field::Body, "error-request-not-json");
            return request_error(StatusCode::BAD_REQUEST, &error, &context);
        }
    };
    let (single, requests) = match batch {
        BatchRequest::Single(request) => (true, vec![request]),
        BatchRequest::Batch(requests) => (false, requests),
    };
    if !single && (requests.is_empty() || requests.len() > MAX_BATCH) {
        let error = AppError::invalid_with(Field::Body, "error-batch-size", args!(max = MAX_BATCH));
        return request_error(StatusCode::BAD_REQUEST, &error, &context);
    }
    let mut operations: Vec<AppResult<Operation>> = requests
        .into_iter()
        .map(|request| Operation::prepare(request, &caches))
        .collect();
    let selected = operations
        .iter_mut()
        .filter_map(|operation| operation.as_mut().ok())
        .map(|operation| inspect(&mut operation.request))
        .try_fold(Selected::default(), |total, one| Ok(total + one?))
        .and_then(Selected::check);
    if let Err(error) = selected {
        return request_error(StatusCode::BAD_REQUEST, &error, &context);
    }
    let context = Arc::new(context);
    let count = operations.len();
    let mut responses = Vec::with_capacity(count);
    for operation in operations {
        responses.push(match operation {
            Ok(operation) => {
                operation
                    .run(count, &schemas, &caches, &state, &context, &metrics)
                    .await
            }
            Err(error) => refused(error, &context),
        });
    }
    let response = if single && let Some(response) = responses.pop() {
        BatchResponse::Single(response)
    } else {
        BatchResponse::Batch(responses)
    };
    respond(media, response)
}

pub async fn get(
    req: HttpRequest,
    context: RequestContext,
    schemas: web::Data<Schemas>,
    state: web::Data<AppState>,
    caches: web::Data<Caches>,
    metrics: web::Data<Metrics>,
    ide: web::Data<Ide>,
) -> HttpResponse {
    if is_ide_request(&req)
        && accepts_html(&req)
        && let Some(page) = ide.response(context.language_now())
    {
        return page;
    }
    let Some(media) = negotiate(&req) else {
        return not_acceptable(&context);
    };
    let request = match parse_query_string(req.query_string()) {
        Ok(request) => request,
        Err(_) => {
            let error = AppError::invalid(Field::Query, "error-query-string");
            return request_error(StatusCode::BAD_REQUEST, &error, &context);
        }
    };
    let mut operation = match Operation::prepare(request, &caches) {
        Ok(operation) => operation,
        Err(error) => return respond(media, BatchResponse::Single(refused(error, &context))),
    };
    if is_mutation(&mut operation.request) {
        let error = AppError::invalid(Field::Query, "error-mutation-needs-post");
        let mut refusal = request_error(StatusCode::METHOD_NOT_ALLOWED, &error, &context);
        refusal
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return refusal;
    }
    if let Err(error) = inspect(&mut operation.request).and_then(Selected::check) {
        return request_error(StatusCode::BAD_REQUEST, &error, &context);
    }
    let context = Arc::new(context);
    let response = operation
        .run(1, &schemas, &caches, &state, &context, &metrics)
        .await;
    respond(media, BatchResponse::Single(response))
}

/// A browser opening `/graphql` (perhaps with `?lang=`), not a query.
fn is_ide_request(req: &HttpRequest) -> bool {
    req.query_string()
        .split('&')
        .all(|pair| pair.is_empty() || pair.starts_with("lang="))
}

fn accepts_html(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// The operation that would run is a mutation (GET may not change anything).
fn is_mutation(request: &mut Request) -> bool {
    let name = request.operation_name.clone();
    let Ok(document) = request.parsed_query() else {
        return false;
    };
    let operation = match &name {
        Some(name) => document
            .operations
            .iter()
            .find(|(op_name, _)| op_name.is_some_and(|n| n.as_str() == name))
            .map(|(_, op)| op),
        None => document.operations.iter().next().map(|(_, op)| op),
    };
    operation.is_some_and(|op| op.node.ty == OperationType::Mutation)
}

/// A request error: GraphQL never started executing (the document did not parse or validate),
/// so there is no data at all.
pub(crate) fn is_request_error(response: &Response) -> bool {
    response.data == Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// A response as GraphQL over HTTP writes it: a request error has no `data` entry at all (not
/// `"data": null`, which would say that execution began and failed).
struct Wire<'a>(&'a Response);

impl Serialize for Wire<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let response = self.0;
        if !is_request_error(response) {
            return response.serialize(serializer);
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("errors", &response.errors)?;
        if !response.extensions.is_empty() {
            map.serialize_entry("extensions", &response.extensions)?;
        }
        map.end()
    }
}

fn to_body(batch: &BatchResponse) -> serde_json::Result<Vec<u8>> {
    match batch {
        BatchResponse::Single(response) => serde_json::to_vec(&Wire(response)),
        BatchResponse::Batch(responses) => {
            serde_json::to_vec(&responses.iter().map(Wire).collect::<Vec<_>>())
        }
    }
}

fn respond(media: MediaType, batch: BatchResponse) -> HttpResponse {
    let status = match &batch {
        BatchResponse::Single(response) => {
            if media == MediaType::GraphqlResponse && is_request_error(response) {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            }
        }
        BatchResponse::Batch(_) => StatusCode::OK,
    };
    let content_type = match media {
        MediaType::GraphqlResponse => GRAPHQL_RESPONSE_JSON,
        MediaType::Json => JSON,
    };
    match to_body(&batch) {
        Ok(body) => HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(content_type)))
            .body(body),
        Err(err) => {
            tracing::error!(error = %err, "serialising a GraphQL response failed");
            HttpResponse::InternalServerError().finish()
        }
    }
}

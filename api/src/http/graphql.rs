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
use std::sync::Arc;

use super::edge::error_body;
use crate::{
    args,
    error::{AppError, Field},
    graphql::{
        Schemas,
        context::with_context,
        errors,
        limits::{MAX_BATCH, Selected, inspect},
    },
    http::ide::Ide,
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

pub async fn post(
    req: HttpRequest,
    context: RequestContext,
    body: web::Bytes,
    schemas: web::Data<Schemas>,
    state: web::Data<AppState>,
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
    let mut batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(batch) => batch,
        Err(_) => {
            let error = AppError::invalid(Field::Body, "error-request-not-json");
            return request_error(StatusCode::BAD_REQUEST, &error, &context);
        }
    };
    if let BatchRequest::Batch(requests) = &batch
        && (requests.is_empty() || requests.len() > MAX_BATCH)
    {
        let error = AppError::invalid_with(Field::Body, "error-batch-size", args!(max = MAX_BATCH));
        return request_error(StatusCode::BAD_REQUEST, &error, &context);
    }
    let selected = batch
        .iter_mut()
        .map(inspect)
        .try_fold(Selected::default(), |total, one| Ok(total + one?))
        .and_then(Selected::check);
    if let Err(error) = selected {
        return request_error(StatusCode::BAD_REQUEST, &error, &context);
    }
    let context = Arc::new(context);
    let (schema, batch) = match batch {
        BatchRequest::Single(request) => (
            schemas.single(),
            BatchRequest::Single(with_context(request, &state, &context)),
        ),
        BatchRequest::Batch(requests) => (
            schemas.batch(requests.len()),
            BatchRequest::Batch(
                requests
                    .into_iter()
                    .map(|request| with_context(request, &state, &context))
                    .collect(),
            ),
        ),
    };
    let mut response = schema.execute_batch(batch).await;
    match &mut response {
        BatchResponse::Single(response) => errors::render(response, &context),
        BatchResponse::Batch(responses) => responses
            .iter_mut()
            .for_each(|response| errors::render(response, &context)),
    }
    respond(media, response)
}

pub async fn get(
    req: HttpRequest,
    context: RequestContext,
    schemas: web::Data<Schemas>,
    state: web::Data<AppState>,
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
    let mut request = match parse_query_string(req.query_string()) {
        Ok(request) => request,
        Err(_) => {
            let error = AppError::invalid(Field::Query, "error-query-string");
            return request_error(StatusCode::BAD_REQUEST, &error, &context);
        }
    };
    if is_mutation(&mut request) {
        let error = AppError::invalid(Field::Query, "error-mutation-needs-post");
        let mut refusal = request_error(StatusCode::METHOD_NOT_ALLOWED, &error, &context);
        refusal
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return refusal;
    }
    if let Err(error) = inspect(&mut request).and_then(Selected::check) {
        return request_error(StatusCode::BAD_REQUEST, &error, &context);
    }
    let context = Arc::new(context);
    let mut response = schemas
        .single()
        .execute(with_context(request, &state, &context))
        .await;
    errors::render(&mut response, &context);
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

/// A request error: GraphQL never started executing, so there is no data at all.
fn is_request_error(response: &Response) -> bool {
    response.data == Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
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
    match serde_json::to_vec(&batch) {
        Ok(body) => HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(content_type)))
            .body(body),
        Err(err) => {
            tracing::error!(error = %err, "serialising a GraphQL response failed");
            HttpResponse::InternalServerError().finish()
        }
    }
}

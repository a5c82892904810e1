//! GraphQL over HTTP (the GraphQL-over-HTTP spec): POST with JSON, GET for queries only, and
//! the IDE for browsers. Transport concerns end here: the schema sees a `RequestContext`.

use actix_web::{
    HttpRequest, HttpResponse,
    http::{
        StatusCode,
        header::{self, HeaderValue},
    },
    web,
};
use async_graphql::{
    BatchRequest, BatchResponse, Request, Response, Value,
    http::{GraphiQLSource, parse_query_string},
    parser::types::OperationType,
};
use chrono::Utc;
use serde_json::json;

use crate::{
    AppError,
    auth::viewer::Credentials,
    graphql::{
        Schemas,
        context::{RequestContext, parse_accept_language},
        errors::server_error,
        limits::{MAX_BATCH, Selected},
    },
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
fn request_error(status: StatusCode, message: &str) -> HttpResponse {
    refusal(status, &AppError::invalid("body", message))
}

/// An error refusing the whole request before GraphQL runs.
fn refusal(status: StatusCode, error: &AppError) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(JSON)
        .json(json!({ "errors": [server_error(error)] }))
}

fn not_acceptable() -> HttpResponse {
    HttpResponse::NotAcceptable()
        .body("supported: application/graphql-response+json, application/json")
}

pub async fn post(
    req: HttpRequest,
    body: web::Bytes,
    schemas: web::Data<Schemas>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some(media) = negotiate(&req) else {
        return not_acceptable();
    };
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type.is_empty() && !content_type.starts_with(JSON) {
        return HttpResponse::UnsupportedMediaType().body("send application/json");
    }
    let mut batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(batch) => batch,
        Err(_) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                "the body is not a valid GraphQL request in JSON",
            );
        }
    };
    if let BatchRequest::Batch(requests) = &batch
        && (requests.is_empty() || requests.len() > MAX_BATCH)
    {
        return request_error(
            StatusCode::BAD_REQUEST,
            &format!("a batch holds 1 to {MAX_BATCH} operations"),
        );
    }
    let selected = batch
        .iter_mut()
        .map(Selected::by)
        .fold(Selected::default(), |total, one| total + one);
    if let Err(error) = selected.check() {
        return refusal(StatusCode::BAD_REQUEST, &error);
    }
    let (schema, batch) = match batch {
        BatchRequest::Single(request) => (
            schemas.single(),
            BatchRequest::Single(with_context(request, &req, &state)),
        ),
        BatchRequest::Batch(requests) => (
            schemas.batch(requests.len()),
            BatchRequest::Batch(
                requests
                    .into_iter()
                    .map(|request| with_context(request, &req, &state))
                    .collect(),
            ),
        ),
    };
    let response = schema.execute_batch(batch).await;
    respond(media, response)
}

pub async fn get(
    req: HttpRequest,
    schemas: web::Data<Schemas>,
    state: web::Data<AppState>,
    ide: web::Data<IdeEnabled>,
) -> HttpResponse {
    if req.query_string().is_empty() && ide.0 && accepts_html(&req) {
        return HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(GraphiQLSource::build().endpoint("/graphql").finish());
    }
    let Some(media) = negotiate(&req) else {
        return not_acceptable();
    };
    let mut request = match parse_query_string(req.query_string()) {
        Ok(request) => request,
        Err(_) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                "the query string is not a GraphQL request",
            );
        }
    };
    if is_mutation(&mut request) {
        return HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "POST"))
            .content_type(JSON)
            .json(json!({
                "errors": [{ "message": "mutations are sent with POST", "extensions": { "code": "BAD_USER_INPUT", "field": "query" } }]
            }));
    }
    if let Err(error) = Selected::by(&mut request).check() {
        return refusal(StatusCode::BAD_REQUEST, &error);
    }
    let response = schemas
        .single()
        .execute(with_context(request, &req, &state))
        .await;
    respond(media, BatchResponse::Single(response))
}

/// Whether the browser-facing IDE is served (not in production).
pub struct IdeEnabled(pub bool);

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

fn with_context(request: Request, req: &HttpRequest, state: &AppState) -> Request {
    let authorization = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let credentials = Credentials::from_bearer(authorization, &state.tokens, Utc::now());
    let accept_language = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_accept_language);
    request.data(RequestContext::new(state, credentials, accept_language))
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

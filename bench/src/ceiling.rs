//! The ceiling: the forum page (`queries::FORUM_PAGE` for an anonymous visitor) answered by a
//! minimal actix-web handler with two SQL queries and no GraphQL, returning the same JSON.
//! It keeps the rules that shape that answer (drafts and youth forums' content unseen, youth
//! authors and deleted accounts unnamed, hidden text replaced), so what it saves is only the
//! machinery. The benchmark checks that both answers are equal before measuring.

use std::collections::BTreeMap;

use actix_web::{App, HttpResponse, HttpServer, web};
use api::{
    auth::policy::HIDDEN_TEXT,
    ids::{CouncilResponseId, ForumId, ProposalId, UserId},
    service::page::encode_cursor,
};
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::sqlx::{self, PgPool, Row, postgres::PgPoolOptions};
use serde_json::{Value, json};

/// The forum and its newest visible proposals with their authors, newest first.
const PAGE: &str = "
SELECT f.id AS forum_id, f.slug, f.name_en, f.support_threshold,
       p.id, p.title, p.status, p.support_count, p.published_at, p.listed_at, p.author_role,
       u.id AS user_id, u.display_name, u.role AS user_role, u.deleted_at IS NOT NULL AS deleted
FROM forums f
LEFT JOIN LATERAL (
    SELECT * FROM proposals p
    WHERE p.forum_id = f.id AND p.status <> 'DRAFT' AND f.kind = 'THEMED'
    ORDER BY p.listed_at DESC, p.id DESC
    LIMIT $2
) p ON TRUE
LEFT JOIN users u ON u.id = p.author_id
WHERE f.slug = $1
ORDER BY p.listed_at DESC, p.id DESC";

/// Their council responses with their authors, oldest first.
const RESPONSES: &str = "
SELECT r.id, r.proposal_id, r.kind, r.decision, r.body, r.hidden_at IS NOT NULL AS hidden,
       r.created_at, u.id AS user_id, u.display_name
FROM council_responses r JOIN users u ON u.id = r.author_id
WHERE r.proposal_id = ANY($1)
ORDER BY r.proposal_id, r.id";

pub fn serve(database_url: &str, bind: &str) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async {
            // The same pool size and worker count as the server's defaults; no ping before
            // each statement, as the minimal handler a ceiling should be.
            let pool = PgPoolOptions::new()
                .max_connections(10)
                .test_before_acquire(false)
                .connect(database_url)
                .await?;
            let pool = web::Data::new(pool);
            HttpServer::new(move || {
                App::new()
                    .app_data(pool.clone())
                    .route("/graphql", web::post().to(forum_page))
                    .route("/health", web::get().to(HttpResponse::Ok))
            })
            .workers(2)
            .bind(bind)?
            .run()
            .await?;
            Ok(())
        })
}

async fn forum_page(pool: web::Data<PgPool>, request: web::Json<Value>) -> HttpResponse {
    let variables = &request["variables"];
    let slug = variables["slug"].as_str().unwrap_or_default();
    let first = variables["first"].as_i64().unwrap_or(20).clamp(1, 100);
    match page(&pool, slug, first).await {
        Ok(forum) => HttpResponse::Ok().json(json!({ "data": { "forum": forum } })),
        Err(err) => HttpResponse::InternalServerError().body(err.to_string()),
    }
}

async fn page(pool: &PgPool, slug: &str, first: i64) -> Result<Value, sqlx::Error> {
    let rows = sqlx::query(PAGE)
        .bind(slug)
        .bind(first + 1)
        .fetch_all(pool)
        .await?;
    let Some(head) = rows.first() else {
        return Ok(Value::Null);
    };
    let mut nodes = Vec::new();
    let mut cursor = Value::Null;
    let mut ids = Vec::new();
    for row in rows.iter().take(first as usize) {
        let Some(id) = row.try_get::<Option<i32>, _>("id")? else {
            break;
        };
        let listed_at: DateTime<Utc> = row.try_get("listed_at")?;
        cursor = json!(encode_cursor(&[
            listed_at.timestamp_micros(),
            i64::from(id)
        ]));
        // Anonymous visitors never learn which young person wrote something.
        let named = row.try_get::<String, _>("author_role")? != "YOUTH"
            && row.try_get::<String, _>("user_role")? != "YOUTH"
            && !row.try_get::<bool, _>("deleted")?;
        let author = if named {
            user(row.try_get("user_id")?, row.try_get("display_name")?)
        } else {
            Value::Null
        };
        ids.push(id);
        nodes.push(json!({
            "id": ProposalId(id).to_global(),
            "title": row.try_get::<String, _>("title")?,
            "status": row.try_get::<String, _>("status")?,
            "supportCount": row.try_get::<i32, _>("support_count")?,
            "publishedAt": row.try_get::<Option<DateTime<Utc>>, _>("published_at")?.map(time),
            "author": author,
            "councilResponses": [],
        }));
    }
    let mut responses: BTreeMap<i32, Vec<Value>> = BTreeMap::new();
    if !ids.is_empty() {
        for row in sqlx::query(RESPONSES).bind(&ids).fetch_all(pool).await? {
            let body = if row.try_get::<bool, _>("hidden")? {
                HIDDEN_TEXT.to_string()
            } else {
                row.try_get("body")?
            };
            responses
                .entry(row.try_get("proposal_id")?)
                .or_default()
                .push(json!({
                    "id": CouncilResponseId(row.try_get("id")?).to_global(),
                    "kind": row.try_get::<String, _>("kind")?,
                    "decision": row.try_get::<Option<String>, _>("decision")?,
                    "body": body,
                    "createdAt": time(row.try_get("created_at")?),
                    "author": user(row.try_get("user_id")?, row.try_get("display_name")?),
                }));
        }
    }
    for (node, id) in nodes.iter_mut().zip(&ids) {
        if let Some(list) = responses.remove(id) {
            node["councilResponses"] = Value::Array(list);
        }
    }
    Ok(json!({
        "id": ForumId(head.try_get("forum_id")?).to_global(),
        "slug": head.try_get::<String, _>("slug")?,
        "name": head.try_get::<String, _>("name_en")?,
        "supportThreshold": head.try_get::<i32, _>("support_threshold")?,
        "proposals": {
            "pageInfo": { "hasNextPage": rows.len() as i64 > first, "endCursor": cursor },
            "nodes": nodes,
        },
    }))
}

fn user(id: i32, display_name: String) -> Value {
    json!({ "id": UserId(id).to_global(), "displayName": display_name })
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

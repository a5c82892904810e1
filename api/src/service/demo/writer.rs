//! Batched inserts for the demo town: rows wait in per-table buffers and go to the database as
//! multi-row INSERTs, parents before children, with a progress bar and a count per table.

use std::collections::BTreeMap;

use entity::{
    amendment, comment, comment_vote, content_report, council_response, discussion, forum_member,
    proposal, proposal_status_change, support, user,
};
use indicatif::ProgressBar;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityName, EntityTrait, Iterable};

use crate::error::AppResult;

/// Bind parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS: usize = 30_000;

/// Inserts `rows` in as few statements as the parameter limit allows.
pub async fn insert_all<A>(
    conn: &impl ConnectionTrait,
    progress: &ProgressBar,
    counts: &mut BTreeMap<&'static str, u64>,
    rows: Vec<A>,
) -> AppResult<()>
where
    A: ActiveModelTrait + Send,
{
    if rows.is_empty() {
        return Ok(());
    }
    let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
    let per_statement = (MAX_PARAMETERS / columns).max(1);
    let table = A::Entity::default().table_name();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per_statement).collect();
        let inserted = chunk.len() as u64;
        A::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
        *counts.entry(table).or_default() += inserted;
        progress.inc(inserted);
    }
    Ok(())
}

/// Rows waiting to be written, by table. `flush` writes them parents first, so every foreign
/// key points at a row already there (a reply's parent comes earlier in `comments`).
#[derive(Default)]
pub struct Pending {
    pub users: Vec<user::ActiveModel>,
    pub forum_members: Vec<forum_member::ActiveModel>,
    pub discussions: Vec<discussion::ActiveModel>,
    pub proposals: Vec<proposal::ActiveModel>,
    pub amendments: Vec<amendment::ActiveModel>,
    pub status_changes: Vec<proposal_status_change::ActiveModel>,
    pub supports: Vec<support::ActiveModel>,
    pub responses: Vec<council_response::ActiveModel>,
    pub comments: Vec<comment::ActiveModel>,
    pub comment_votes: Vec<comment_vote::ActiveModel>,
    pub reports: Vec<content_report::ActiveModel>,
}

impl Pending {
    pub async fn flush(
        &mut self,
        conn: &impl ConnectionTrait,
        progress: &ProgressBar,
        counts: &mut BTreeMap<&'static str, u64>,
    ) -> AppResult<()> {
        let taken = std::mem::take(self);
        insert_all(conn, progress, counts, taken.users).await?;
        insert_all(conn, progress, counts, taken.forum_members).await?;
        insert_all(conn, progress, counts, taken.discussions).await?;
        insert_all(conn, progress, counts, taken.proposals).await?;
        insert_all(conn, progress, counts, taken.amendments).await?;
        insert_all(conn, progress, counts, taken.status_changes).await?;
        insert_all(conn, progress, counts, taken.supports).await?;
        insert_all(conn, progress, counts, taken.responses).await?;
        insert_all(conn, progress, counts, taken.comments).await?;
        insert_all(conn, progress, counts, taken.comment_votes).await?;
        insert_all(conn, progress, counts, taken.reports).await?;
        Ok(())
    }
}

//! Structured debate (issue 13): where a comment stands on its proposal, votes on comments
//! with their counts kept exact, and the orders a thread can be read in.

use entity::{Alignment, comment, comment_vote};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, Set,
    sea_query::{Expr, ExprTrait, Func},
};

use super::comments::{self, TargetKey};
use crate::{
    auth::Viewer,
    db::begin_write,
    error::{AppError, AppResult, Field},
    ids::CommentId,
    state::AppState,
};

/// The orders of a thread. Each is a keyset order ending in the id, so cursors stay stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CommentOrder {
    #[default]
    Oldest,
    Newest,
    /// Highest score first, then oldest.
    Best,
}

impl CommentOrder {
    /// The cursor keys of a comment in this order.
    pub fn keys(self, c: &comment::Model) -> Vec<i64> {
        match self {
            CommentOrder::Oldest | CommentOrder::Newest => vec![i64::from(c.id)],
            CommentOrder::Best => vec![i64::from(c.score), i64::from(c.id)],
        }
    }

    /// The `ORDER BY` of a window over comments, in this order (trusted SQL, no input).
    pub fn sql(self) -> &'static str {
        match self {
            CommentOrder::Oldest => "id ASC",
            CommentOrder::Newest => "id DESC",
            CommentOrder::Best => "score DESC, id ASC",
        }
    }

    /// `select` sorted in this order, after the row with cursor keys `after`.
    pub fn apply(
        self,
        select: Select<comment::Entity>,
        after: Option<&[i64]>,
    ) -> AppResult<Select<comment::Entity>> {
        let bad_cursor = || AppError::invalid(Field::After, "error-bad-cursor");
        let int = |key: i64| i32::try_from(key).map_err(|_| bad_cursor());
        let id = comment::Column::Id;
        Ok(match self {
            CommentOrder::Oldest | CommentOrder::Newest => {
                let ascending = self == CommentOrder::Oldest;
                let select = if ascending {
                    select.order_by_asc(id)
                } else {
                    select.order_by_desc(id)
                };
                match after {
                    None => select,
                    Some(&[after]) if ascending => select.filter(id.gt(int(after)?)),
                    Some(&[after]) => select.filter(id.lt(int(after)?)),
                    Some(_) => return Err(bad_cursor()),
                }
            }
            CommentOrder::Best => {
                let score = comment::Column::Score;
                let select = select.order_by_desc(score).order_by_asc(id);
                match after {
                    None => select,
                    Some(&[after_score, after_id]) => {
                        let (after_score, after_id) = (int(after_score)?, int(after_id)?);
                        select.filter(
                            Condition::any().add(score.lt(after_score)).add(
                                Condition::all()
                                    .add(score.eq(after_score))
                                    .add(id.gt(after_id)),
                            ),
                        )
                    }
                    Some(_) => return Err(bad_cursor()),
                }
            }
        })
    }
}

/// The alignment a new comment may take: any on a top-level comment on a proposal, NEUTRAL
/// elsewhere.
pub fn check_alignment(
    alignment: Alignment,
    target: TargetKey,
    is_reply: bool,
) -> AppResult<Alignment> {
    let takes_sides = matches!(target, TargetKey::Proposal(_)) && !is_reply;
    if alignment == Alignment::Neutral || takes_sides {
        Ok(alignment)
    } else {
        Err(AppError::invalid(
            Field::Alignment,
            "error-alignment-elsewhere",
        ))
    }
}

/// `value` 1 (up), -1 (down) or 0 (no vote): the viewer's one vote on a comment they may see and
/// did not write. The comment's row is locked (PostgreSQL) or the database is (SQLite) while
/// the vote row and the counts move together, so the counts always equal the votes.
pub async fn vote(
    state: &AppState,
    viewer: &Viewer,
    id: CommentId,
    value: i32,
) -> AppResult<comment::Model> {
    let actor = viewer.require_active()?;
    if !(-1..=1).contains(&value) {
        return Err(AppError::invalid(Field::Value, "error-vote-value"));
    }
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let comment = comment::Entity::find_by_id(id.0)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let target = TargetKey::of(&comment).ok_or(AppError::NotFound)?;
    comments::resolve_target(&txn, viewer, target)
        .await?
        .ok_or(AppError::NotFound)?;
    if comment.author_id == actor.id {
        return Err(AppError::forbidden("error-own-comment-vote"));
    }
    if comment.deleted_at.is_some() || comment.hidden_at.is_some() {
        return Err(AppError::conflict("error-comment-not-votable"));
    }
    let existing = comment_vote::Entity::find_by_id((comment.id, actor.id))
        .one(&txn)
        .await?;
    let old = existing.as_ref().map_or(0, |v| v.value);
    if old == value {
        return Ok(comment);
    }
    match (existing, value) {
        (Some(existing), 0) => {
            comment_vote::Entity::delete(comment_vote::ActiveModel::from(existing))
                .exec(&txn)
                .await?;
        }
        (Some(existing), _) => {
            let mut active: comment_vote::ActiveModel = existing.into();
            active.value = Set(value);
            active.created_at = Set(now);
            active.update(&txn).await?;
        }
        (None, _) => {
            comment_vote::ActiveModel {
                comment_id: Set(comment.id),
                user_id: Set(actor.id),
                value: Set(value),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    let up = i32::from(value == 1) - i32::from(old == 1);
    let down = i32::from(value == -1) - i32::from(old == -1);
    comment::Entity::update_many()
        .col_expr(
            comment::Column::UpVotes,
            Expr::col(comment::Column::UpVotes).add(up),
        )
        .col_expr(
            comment::Column::DownVotes,
            Expr::col(comment::Column::DownVotes).add(down),
        )
        .col_expr(
            comment::Column::Score,
            Expr::col(comment::Column::Score).add(value - old),
        )
        .filter(comment::Column::Id.eq(comment.id))
        .exec(&txn)
        .await?;
    let comment = comment::Entity::find_by_id(comment.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok(comment)
}

/// Counts of top-level comments by alignment on each of these proposals, leaving out deleted
/// and hidden ones: `(proposal id, alignment, count)`.
pub async fn alignment_counts(
    conn: &impl ConnectionTrait,
    proposal_ids: impl IntoIterator<Item = i32>,
) -> AppResult<Vec<(Option<i32>, Alignment, i64)>> {
    Ok(comment::Entity::find()
        .select_only()
        .column(comment::Column::ProposalId)
        .column(comment::Column::Alignment)
        .column_as(
            Expr::from(Func::count(Expr::col(comment::Column::Id))),
            "comments",
        )
        .filter(comment::Column::ProposalId.is_in(proposal_ids))
        .filter(comment::Column::ParentId.is_null())
        .filter(comment::Column::DeletedAt.is_null())
        .filter(comment::Column::HiddenAt.is_null())
        .group_by(comment::Column::ProposalId)
        .group_by(comment::Column::Alignment)
        .into_tuple()
        .all(conn)
        .await?)
}

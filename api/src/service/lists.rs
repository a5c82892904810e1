//! The lists of forum content, each through the viewer's visibility filter: proposals in their
//! three orders and the council's inbox, discussions, comments and replies.

use entity::{ProposalStatus, comment, discussion, forum, proposal};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Value,
    sea_query::{Expr, ExprTrait, Query},
};

use super::{
    comments::CommentScope,
    debate::CommentOrder,
    page::{Direction, Page, PageRequest, by_id, into_page},
    search::SearchWords,
};
use crate::{
    auth::Viewer,
    clock::{from_micros, to_micros},
    error::{AppError, AppResult, Field},
    ids::ForumId,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalOrder {
    /// Most recently published first.
    Newest,
    MostSupported,
    RecentlyActive,
    /// Longest at the council first: the inbox.
    LongestWaiting,
}

impl ProposalOrder {
    fn column(self) -> proposal::Column {
        match self {
            ProposalOrder::Newest => proposal::Column::ListedAt,
            ProposalOrder::MostSupported => proposal::Column::SupportCount,
            ProposalOrder::RecentlyActive => proposal::Column::LastActivityAt,
            ProposalOrder::LongestWaiting => proposal::Column::SubmittedAt,
        }
    }

    fn direction(self) -> Direction {
        match self {
            ProposalOrder::LongestWaiting => Direction::Ascending,
            _ => Direction::Descending,
        }
    }

    fn key(self, p: &proposal::Model) -> i64 {
        match self {
            ProposalOrder::Newest => to_micros(p.listed_at),
            ProposalOrder::MostSupported => i64::from(p.support_count),
            ProposalOrder::RecentlyActive => to_micros(p.last_activity_at),
            ProposalOrder::LongestWaiting => p.submitted_at.map_or(0, to_micros),
        }
    }

    fn value(self, key: i64) -> Option<Value> {
        match self {
            ProposalOrder::MostSupported => i32::try_from(key).ok().map(Value::from),
            _ => from_micros(key).map(Value::from),
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct ProposalFilter {
    pub forum_id: Option<ForumId>,
    pub statuses: Option<Vec<ProposalStatus>>,
    /// Words that must all appear in the title or the body, in any case (`search::SearchWords`).
    pub search: Option<String>,
}

pub async fn proposals(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: &ProposalFilter,
    order: ProposalOrder,
    request: &PageRequest,
) -> AppResult<Page<proposal::Model>> {
    let mut narrowing = Condition::all();
    if let Some(forum_id) = filter.forum_id {
        narrowing = narrowing.add(proposal::Column::ForumId.eq(forum_id.0));
    }
    if let Some(statuses) = &filter.statuses {
        narrowing = narrowing.add(proposal::Column::Status.is_in(statuses.iter().copied()));
    }
    if let Some(raw) = &filter.search
        && let Some(words) = SearchWords::parse(Field::Search, raw)?
    {
        narrowing = narrowing.add(words.condition(db.get_database_backend(), viewer));
    }
    let total_count = if request.counted {
        Some(count_proposals(db, viewer, &narrowing).await?)
    } else {
        None
    };
    let mut select = proposal::Entity::find()
        .filter(viewer.proposal_filter())
        .filter(narrowing);

    let column = order.column();
    let direction = order.direction();
    if let Some(after) = &request.after {
        let bad_cursor = || AppError::invalid(Field::After, "error-bad-cursor");
        let [key, id] = after.as_slice() else {
            return Err(bad_cursor());
        };
        let key = order.value(*key).ok_or_else(bad_cursor)?;
        let id = i32::try_from(*id).map_err(|_| bad_cursor())?;
        let (past, past_id) = match direction {
            Direction::Ascending => (
                Expr::col(column).gt(key.clone()),
                proposal::Column::Id.gt(id),
            ),
            Direction::Descending => (
                Expr::col(column).lt(key.clone()),
                proposal::Column::Id.lt(id),
            ),
        };
        select = select.filter(
            Condition::any()
                .add(past)
                .add(Condition::all().add(Expr::col(column).eq(key)).add(past_id)),
        );
    }
    let select = match direction {
        Direction::Ascending => select
            .order_by_asc(column)
            .order_by_asc(proposal::Column::Id),
        Direction::Descending => select
            .order_by_desc(column)
            .order_by_desc(proposal::Column::Id),
    };
    let rows = select.limit(request.limit + 1).all(db).await?;
    Ok(into_page(rows, request, total_count, |p| {
        vec![order.key(p), i64::from(p.id)]
    }))
}

/// How many proposals the viewer may see meet `narrowing`, in one statement: the published
/// ones and the viewer's own drafts counted apart and added, so that each count is an
/// index-only scan (the page's "not a draft, or mine" would read every row instead).
async fn count_proposals(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    narrowing: &Condition,
) -> AppResult<u64> {
    let count = |half: Condition| {
        Expr::SubQuery(
            None,
            Box::new(
                Query::select()
                    .expr(Expr::cust("COUNT(*)"))
                    .from(proposal::Entity)
                    .cond_where(half.add(narrowing.clone()))
                    .to_owned()
                    .into(),
            ),
        )
    };
    let (published, own_drafts) = viewer.proposal_filter_halves();
    let mut total = count(published);
    if let Some(own_drafts) = own_drafts {
        total = total.add(count(own_drafts));
    }
    let statement = Query::select().expr_as(total, "total").to_owned();
    let row = db
        .query_one_raw(db.get_database_backend().build(&statement))
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("a count without a row")))?;
    let total: i64 = row.try_get("", "total")?;
    Ok(u64::try_from(total).unwrap_or(0))
}

/// SUBMITTED and UNDER_REVIEW proposals, longest waiting first: councillors and clerks.
pub async fn council_inbox(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    request: &PageRequest,
) -> AppResult<Page<proposal::Model>> {
    viewer.require_council()?;
    let filter = ProposalFilter {
        statuses: Some(vec![ProposalStatus::Submitted, ProposalStatus::UnderReview]),
        ..Default::default()
    };
    proposals(db, viewer, &filter, ProposalOrder::LongestWaiting, request).await
}

/// A forum's discussions, newest first; none where the viewer may not read the forum.
pub async fn discussions(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    forum: &forum::Model,
    request: &PageRequest,
) -> AppResult<Page<discussion::Model>> {
    let select = discussion::Entity::find()
        .filter(viewer.discussion_filter())
        .filter(discussion::Column::ForumId.eq(forum.id));
    by_id(
        db,
        select,
        discussion::Column::Id,
        |d| d.id,
        request,
        Direction::Descending,
    )
    .await
}

/// A thread the viewer has been shown (a target's top-level comments, or a comment's
/// replies), in the order asked for.
pub async fn comments(
    db: &impl ConnectionTrait,
    scope: CommentScope,
    order: CommentOrder,
    request: &PageRequest,
) -> AppResult<Page<comment::Model>> {
    let select = comment::Entity::find().filter(scope.condition());
    let total_count = request.count_of(db, &select).await?;
    let rows = order
        .apply(select, request.after.as_deref())?
        .limit(request.limit + 1)
        .all(db)
        .await?;
    Ok(into_page(rows, request, total_count, |c| order.keys(c)))
}

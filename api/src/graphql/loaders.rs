//! DataLoaders, one per request (so no cache outlives its viewer): every related field goes
//! through here, and a page costs the same few queries whatever its length.

use std::collections::{HashMap, HashSet};

use async_graphql::dataloader::Loader;
use entity::{
    Alignment, FollowTargetKind, ForumKind, StrategyStatus, WellbeingGoal, comment, comment_vote,
    council_response, discussion, follow, forum, forum_member, indicator, measurement,
    objective_forum, proposal, proposal_status_change, strategy, strategy_link, strategy_objective,
    support, user,
};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, IdenStatic, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Asterisk, Expr, ExprTrait, Func, Order, Query},
};

use crate::{
    error::AppError,
    ids::{
        CommentId, CouncilResponseId, DiscussionId, ForumId, ObjectiveId, ProposalId, StrategyId,
        UserId,
    },
    service::{
        comments::{CommentScope, TargetKey, ThreadKind},
        debate::{self, CommentOrder},
        follows::Target,
        wellbeing,
    },
};

pub struct DbLoader {
    db: DatabaseConnection,
}

impl DbLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// A themed forum's id, to find its youth shadow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShadowOf(pub i32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemberCount(pub i32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Membership {
    pub forum_id: i32,
    pub user_id: i32,
}

type LoadResult<K, V> = Result<HashMap<K, V>, AppError>;

/// A loader of rows by their primary key, keyed by the kind's typed id.
macro_rules! by_id {
    ($key:ident => $entity:ident) => {
        impl Loader<$key> for DbLoader {
            type Value = $entity::Model;
            type Error = AppError;

            async fn load(&self, keys: &[$key]) -> LoadResult<$key, $entity::Model> {
                let rows = $entity::Entity::find()
                    .filter($entity::Column::Id.is_in(keys.iter().map(|k| k.0)))
                    .all(&self.db)
                    .await?;
                Ok(rows.into_iter().map(|row| ($key(row.id), row)).collect())
            }
        }
    };
}

/// A loader of the rows that belong to a parent, in the given order.
macro_rules! children {
    ($(#[$doc:meta])* $key:ident => $entity:ident by $column:ident ($field:ident) ordered by $($order:ident),+) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i32);

        impl Loader<$key> for DbLoader {
            type Value = Vec<$entity::Model>;
            type Error = AppError;

            async fn load(&self, keys: &[$key]) -> LoadResult<$key, Vec<$entity::Model>> {
                let rows = $entity::Entity::find()
                    .filter($entity::Column::$column.is_in(keys.iter().map(|k| k.0)))
                    $(.order_by_asc($entity::Column::$order))+
                    .all(&self.db)
                    .await?;
                Ok(grouped(keys, rows.into_iter().map(|row| ($key(row.$field), row))))
            }
        }
    };
}

by_id!(ForumId => forum);
by_id!(UserId => user);
by_id!(CommentId => comment);
by_id!(CouncilResponseId => council_response);
by_id!(StrategyId => strategy);
by_id!(ObjectiveId => strategy_objective);
children!(
    /// A proposal's status changes, oldest first.
    History => proposal_status_change by ProposalId (proposal_id) ordered by Id
);
children!(
    /// A proposal's council responses, oldest first.
    ResponsesTo => council_response by ProposalId (proposal_id) ordered by Id
);
children!(
    /// A strategy's objectives, by position.
    ObjectivesOf => strategy_objective by StrategyId (strategy_id) ordered by Position
);
children!(
    /// The proposals linked to an objective, oldest link first.
    LinksOfObjective => strategy_link by ObjectiveId (objective_id) ordered by Id
);
children!(
    /// An objective's indicators, oldest first.
    IndicatorsOf => indicator by ObjectiveId (objective_id) ordered by Id
);
children!(
    /// An indicator's measurements, oldest first.
    MeasurementsOf => measurement by IndicatorId (indicator_id) ordered by RecordedOn, Id
);

impl Loader<ShadowOf> for DbLoader {
    type Value = forum::Model;
    type Error = AppError;

    async fn load(&self, keys: &[ShadowOf]) -> LoadResult<ShadowOf, forum::Model> {
        let forums = forum::Entity::find()
            .filter(forum::Column::ShadowOfId.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(forums
            .into_iter()
            .filter_map(|f| Some((ShadowOf(f.shadow_of_id?), f)))
            .collect())
    }
}

impl Loader<MemberCount> for DbLoader {
    type Value = i64;
    type Error = AppError;

    async fn load(&self, keys: &[MemberCount]) -> LoadResult<MemberCount, i64> {
        let counts: Vec<(i32, i64)> = forum_member::Entity::find()
            .select_only()
            .column(forum_member::Column::ForumId)
            .column_as(
                Expr::from(Func::count(Expr::col(forum_member::Column::UserId))),
                "members",
            )
            .filter(forum_member::Column::ForumId.is_in(keys.iter().map(|k| k.0)))
            .group_by(forum_member::Column::ForumId)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut found: HashMap<MemberCount, i64> = counts
            .into_iter()
            .map(|(id, n)| (MemberCount(id), n))
            .collect();
        for key in keys {
            found.entry(*key).or_insert(0);
        }
        Ok(found)
    }
}

impl Loader<Membership> for DbLoader {
    type Value = bool;
    type Error = AppError;

    async fn load(&self, keys: &[Membership]) -> LoadResult<Membership, bool> {
        let rows: HashSet<(i32, i32)> = forum_member::Entity::find()
            .select_only()
            .column(forum_member::Column::ForumId)
            .column(forum_member::Column::UserId)
            .filter(forum_member::Column::ForumId.is_in(keys.iter().map(|k| k.forum_id)))
            .filter(forum_member::Column::UserId.is_in(keys.iter().map(|k| k.user_id)))
            .into_tuple()
            .all(&self.db)
            .await?
            .into_iter()
            .collect();
        Ok(keys
            .iter()
            .map(|key| (*key, rows.contains(&(key.forum_id, key.user_id))))
            .collect())
    }
}

/// A proposal with the kind of its forum, for the visibility check of whoever asks.
impl Loader<ProposalId> for DbLoader {
    type Value = (proposal::Model, ForumKind);
    type Error = AppError;

    async fn load(
        &self,
        keys: &[ProposalId],
    ) -> LoadResult<ProposalId, (proposal::Model, ForumKind)> {
        let rows = proposal::Entity::find()
            .filter(proposal::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .find_also_related(forum::Entity)
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(p, f)| Some((ProposalId(p.id), (p, f?.kind))))
            .collect())
    }
}

/// The themed-forum copy a youth proposal was forwarded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ForwardedTo(pub i32);

impl Loader<ForwardedTo> for DbLoader {
    type Value = (proposal::Model, ForumKind);
    type Error = AppError;

    async fn load(
        &self,
        keys: &[ForwardedTo],
    ) -> LoadResult<ForwardedTo, (proposal::Model, ForumKind)> {
        let rows = proposal::Entity::find()
            .filter(proposal::Column::ForwardedFromId.is_in(keys.iter().map(|k| k.0)))
            .find_also_related(forum::Entity)
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(p, f)| Some((ForwardedTo(p.forwarded_from_id?), (p, f?.kind))))
            .collect())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Supported {
    pub proposal_id: i32,
    pub user_id: i32,
}

impl Loader<Supported> for DbLoader {
    type Value = bool;
    type Error = AppError;

    async fn load(&self, keys: &[Supported]) -> LoadResult<Supported, bool> {
        let rows: HashSet<(i32, i32)> = support::Entity::find()
            .select_only()
            .column(support::Column::ProposalId)
            .column(support::Column::UserId)
            .filter(support::Column::ProposalId.is_in(keys.iter().map(|k| k.proposal_id)))
            .filter(support::Column::UserId.is_in(keys.iter().map(|k| k.user_id)))
            .into_tuple()
            .all(&self.db)
            .await?
            .into_iter()
            .collect();
        Ok(keys
            .iter()
            .map(|key| (*key, rows.contains(&(key.proposal_id, key.user_id))))
            .collect())
    }
}

/// Every comment on a target, replies included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommentCount(pub TargetKey);

impl Loader<CommentCount> for DbLoader {
    type Value = i64;
    type Error = AppError;

    async fn load(&self, keys: &[CommentCount]) -> LoadResult<CommentCount, i64> {
        let mut by_kind: [Vec<i32>; 3] = Default::default();
        for CommentCount(key) in keys {
            match key {
                TargetKey::Proposal(id) => by_kind[0].push(*id),
                TargetKey::Discussion(id) => by_kind[1].push(*id),
                TargetKey::CouncilResponse(id) => by_kind[2].push(*id),
            }
        }
        let columns = [
            comment::Column::ProposalId,
            comment::Column::DiscussionId,
            comment::Column::CouncilResponseId,
        ];
        let mut counts: HashMap<CommentCount, i64> = keys.iter().map(|k| (*k, 0)).collect();
        for (index, (ids, column)) in by_kind.iter().zip(columns).enumerate() {
            if ids.is_empty() {
                continue;
            }
            let rows: Vec<(Option<i32>, i64)> = comment::Entity::find()
                .select_only()
                .column(column)
                .column_as(
                    Expr::from(Func::count(Expr::col(comment::Column::Id))),
                    "comments",
                )
                .filter(column.is_in(ids.iter().copied()))
                .group_by(column)
                .into_tuple()
                .all(&self.db)
                .await?;
            for (id, count) in rows {
                let Some(id) = id else { continue };
                let key = match index {
                    0 => TargetKey::Proposal(id),
                    1 => TargetKey::Discussion(id),
                    _ => TargetKey::CouncilResponse(id),
                };
                counts.insert(CommentCount(key), count);
            }
        }
        Ok(counts)
    }
}

/// A discussion with the kind of its forum.
impl Loader<DiscussionId> for DbLoader {
    type Value = (discussion::Model, ForumKind);
    type Error = AppError;

    async fn load(
        &self,
        keys: &[DiscussionId],
    ) -> LoadResult<DiscussionId, (discussion::Model, ForumKind)> {
        let rows = discussion::Entity::find()
            .filter(discussion::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        let forum_ids: Vec<i32> = rows.iter().map(|d| d.forum_id).collect();
        let kinds: HashMap<i32, ForumKind> = forum::Entity::find()
            .filter(forum::Column::Id.is_in(forum_ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|f| (f.id, f.kind))
            .collect();
        Ok(rows
            .into_iter()
            .filter_map(|d| {
                let kind = *kinds.get(&d.forum_id)?;
                Some((DiscussionId(d.id), (d, kind)))
            })
            .collect())
    }
}

/// The first page of a thread, for lists that show a few comments under each of many items:
/// one windowed query per kind of thread instead of one per item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FirstComments {
    pub scope: CommentScope,
    pub order: CommentOrder,
    pub limit: u64,
    /// Whether the thread's total is wanted too.
    pub counted: bool,
}

impl Loader<FirstComments> for DbLoader {
    /// The first `limit + 1` comments (the extra one tells whether more follow) and the total,
    /// where it was asked for.
    type Value = (Vec<comment::Model>, Option<u64>);
    type Error = AppError;

    async fn load(
        &self,
        keys: &[FirstComments],
    ) -> LoadResult<FirstComments, (Vec<comment::Model>, Option<u64>)> {
        let mut groups: HashMap<(ThreadKind, CommentOrder, u64, bool), Vec<i32>> = HashMap::new();
        for key in keys {
            groups
                .entry((key.scope.kind(), key.order, key.limit, key.counted))
                .or_default()
                .push(key.scope.id());
        }
        let mut found: HashMap<FirstComments, (Vec<comment::Model>, Option<u64>)> = keys
            .iter()
            .map(|k| (*k, (Vec::new(), k.counted.then_some(0))))
            .collect();
        let backend = self.db.get_database_backend();
        for ((kind, order, limit, counted), ids) in groups {
            let column = kind.column();
            let top_level = kind != ThreadKind::Replies;
            let mut ranked = Query::select();
            ranked
                .column(Asterisk)
                .expr_as(
                    Expr::cust(format!(
                        "ROW_NUMBER() OVER (PARTITION BY {} ORDER BY {})",
                        column.as_str(),
                        order.sql()
                    )),
                    "thread_rank",
                )
                .from(comment::Entity)
                .and_where(Expr::col(column).is_in(ids.iter().copied()));
            if top_level {
                ranked.and_where(Expr::col(comment::Column::ParentId).is_null());
            }
            let page = Query::select()
                .column(Asterisk)
                .from_subquery(ranked, "ranked")
                .and_where(
                    Expr::col("thread_rank").lte(i64::try_from(limit + 1).unwrap_or(i64::MAX)),
                )
                // Each thread's rows in its order; the loop below keeps that order per thread.
                .order_by("thread_rank", Order::Asc)
                .to_owned();
            let rows = comment::Model::find_by_statement(backend.build(&page))
                .all(&self.db)
                .await?;
            if counted {
                let mut counts = comment::Entity::find()
                    .select_only()
                    .column(column)
                    .column_as(
                        Expr::from(Func::count(Expr::col(comment::Column::Id))),
                        "comments",
                    )
                    .filter(column.is_in(ids.iter().copied()))
                    .group_by(column);
                if top_level {
                    counts = counts.filter(comment::Column::ParentId.is_null());
                }
                let counts: Vec<(Option<i32>, i64)> = counts.into_tuple().all(&self.db).await?;
                for (id, count) in counts {
                    let Some(id) = id else { continue };
                    let key = FirstComments {
                        scope: kind.scope(id),
                        order,
                        limit,
                        counted,
                    };
                    if let Some(entry) = found.get_mut(&key) {
                        entry.1 = Some(u64::try_from(count).unwrap_or(0));
                    }
                }
            }
            for row in rows {
                let Some(id) = kind.thread_of(&row) else {
                    continue;
                };
                let key = FirstComments {
                    scope: kind.scope(id),
                    order,
                    limit,
                    counted,
                };
                if let Some(entry) = found.get_mut(&key) {
                    entry.0.push(row);
                }
            }
        }
        Ok(found)
    }
}

/// Rows grouped under the keys asked for (every key present, maybe empty).
fn grouped<K: Copy + Eq + std::hash::Hash, V>(
    keys: &[K],
    rows: impl IntoIterator<Item = (K, V)>,
) -> HashMap<K, Vec<V>> {
    let mut groups: HashMap<K, Vec<V>> = keys.iter().map(|k| (*k, Vec::new())).collect();
    for (key, row) in rows {
        groups.entry(key).or_default().push(row);
    }
    groups
}

/// The forums whose work feeds an objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ForumsOf(pub i32);

impl Loader<ForumsOf> for DbLoader {
    type Value = Vec<forum::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[ForumsOf]) -> LoadResult<ForumsOf, Vec<forum::Model>> {
        let pairs = objective_forum::Entity::find()
            .filter(objective_forum::Column::ObjectiveId.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        let forums: HashMap<i32, forum::Model> = forum::Entity::find()
            .filter(forum::Column::Id.is_in(pairs.iter().map(|p| p.forum_id)))
            .order_by_asc(forum::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|f| (f.id, f))
            .collect();
        Ok(grouped(
            keys,
            pairs
                .into_iter()
                .filter_map(|p| Some((ForumsOf(p.objective_id), forums.get(&p.forum_id)?.clone()))),
        ))
    }
}

/// The objectives a proposal is linked to, with the status of their strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LinksOfProposal(pub i32);

impl Loader<LinksOfProposal> for DbLoader {
    type Value = Vec<(strategy_link::Model, StrategyStatus)>;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[LinksOfProposal],
    ) -> LoadResult<LinksOfProposal, Vec<(strategy_link::Model, StrategyStatus)>> {
        let links = strategy_link::Entity::find()
            .filter(strategy_link::Column::ProposalId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(strategy_link::Column::Id)
            .all(&self.db)
            .await?;
        let objectives: HashMap<i32, i32> = strategy_objective::Entity::find()
            .filter(strategy_objective::Column::Id.is_in(links.iter().map(|l| l.objective_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.strategy_id))
            .collect();
        let statuses: HashMap<i32, StrategyStatus> = strategy::Entity::find()
            .filter(strategy::Column::Id.is_in(objectives.values().copied()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.status))
            .collect();
        Ok(grouped(
            keys,
            links.into_iter().filter_map(|l| {
                let status = *statuses.get(objectives.get(&l.objective_id)?)?;
                Some((LinksOfProposal(l.proposal_id), (l, status)))
            }),
        ))
    }
}

/// A proposal's well-being goals, in the Act's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GoalsOfProposal(pub i32);

impl Loader<GoalsOfProposal> for DbLoader {
    type Value = Vec<WellbeingGoal>;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[GoalsOfProposal],
    ) -> LoadResult<GoalsOfProposal, Vec<WellbeingGoal>> {
        let goals = wellbeing::goals_of_proposals(&self.db, keys.iter().map(|k| k.0)).await?;
        Ok(goals
            .into_iter()
            .map(|(id, goals)| (GoalsOfProposal(id), goals))
            .collect())
    }
}

/// The viewer's vote on a comment: -1, 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ViewerVote {
    pub comment_id: i32,
    pub user_id: i32,
}

impl Loader<ViewerVote> for DbLoader {
    type Value = i32;
    type Error = AppError;

    async fn load(&self, keys: &[ViewerVote]) -> LoadResult<ViewerVote, i32> {
        let votes: HashMap<(i32, i32), i32> = comment_vote::Entity::find()
            .filter(comment_vote::Column::CommentId.is_in(keys.iter().map(|k| k.comment_id)))
            .filter(comment_vote::Column::UserId.is_in(keys.iter().map(|k| k.user_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|v| ((v.comment_id, v.user_id), v.value))
            .collect();
        Ok(keys
            .iter()
            .map(|key| {
                let vote = votes.get(&(key.comment_id, key.user_id)).copied();
                (*key, vote.unwrap_or(0))
            })
            .collect())
    }
}

/// An objective's well-being goals, in the Act's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GoalsOfObjective(pub i32);

impl Loader<GoalsOfObjective> for DbLoader {
    type Value = Vec<WellbeingGoal>;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[GoalsOfObjective],
    ) -> LoadResult<GoalsOfObjective, Vec<WellbeingGoal>> {
        let goals = wellbeing::goals_of_objectives(&self.db, keys.iter().map(|k| k.0)).await?;
        Ok(goals
            .into_iter()
            .map(|(id, goals)| (GoalsOfObjective(id), goals))
            .collect())
    }
}

/// A proposal's visible top-level comments counted by alignment: (for, against, neutral).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DebateOf(pub i32);

impl Loader<DebateOf> for DbLoader {
    type Value = [i64; 3];
    type Error = AppError;

    async fn load(&self, keys: &[DebateOf]) -> LoadResult<DebateOf, [i64; 3]> {
        let mut found: HashMap<DebateOf, [i64; 3]> = keys.iter().map(|k| (*k, [0; 3])).collect();
        for (proposal_id, alignment, count) in
            debate::alignment_counts(&self.db, keys.iter().map(|k| k.0)).await?
        {
            let Some(counts) = proposal_id.and_then(|id| found.get_mut(&DebateOf(id))) else {
                continue;
            };
            let slot = match alignment {
                Alignment::For => 0,
                Alignment::Against => 1,
                Alignment::Neutral => 2,
            };
            counts[slot] = count;
        }
        Ok(found)
    }
}

// Follows (issue 14).

/// Whether `user_id` follows `target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FollowKey {
    pub target: Target,
    pub user_id: i32,
}

impl Loader<FollowKey> for DbLoader {
    type Value = bool;
    type Error = AppError;

    async fn load(&self, keys: &[FollowKey]) -> LoadResult<FollowKey, bool> {
        let rows: HashSet<(FollowTargetKind, i32, i32)> = follow::Entity::find()
            .select_only()
            .column(follow::Column::TargetKind)
            .column(follow::Column::TargetId)
            .column(follow::Column::UserId)
            .filter(follow::Column::TargetId.is_in(keys.iter().map(|k| k.target.key().1)))
            .filter(follow::Column::UserId.is_in(keys.iter().map(|k| k.user_id)))
            .into_tuple()
            .all(&self.db)
            .await?
            .into_iter()
            .collect();
        Ok(keys
            .iter()
            .map(|key| {
                let (kind, id) = key.target.key();
                (*key, rows.contains(&(kind, id, key.user_id)))
            })
            .collect())
    }
}

/// How many follow a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FollowerCount(pub i32);

impl Loader<FollowerCount> for DbLoader {
    type Value = i64;
    type Error = AppError;

    async fn load(&self, keys: &[FollowerCount]) -> LoadResult<FollowerCount, i64> {
        let counts: HashMap<i32, i64> = follow::Entity::find()
            .select_only()
            .column(follow::Column::TargetId)
            .column_as(follow::Column::UserId.count(), "followers")
            .filter(follow::Column::TargetKind.eq(FollowTargetKind::Proposal))
            .filter(follow::Column::TargetId.is_in(keys.iter().map(|k| k.0)))
            .group_by(follow::Column::TargetId)
            .into_tuple::<(i32, i64)>()
            .all(&self.db)
            .await?
            .into_iter()
            .collect();
        Ok(keys
            .iter()
            .map(|key| (*key, counts.get(&key.0).copied().unwrap_or(0)))
            .collect())
    }
}

//! Outcomes and participation over a period: "you said, we did" and the counts behind it.
//! Every figure is taken through the viewer's visibility filter, so no count includes what
//! they could not list (youth-forum content stays out of public figures; forwarded copies,
//! being in the themed forums, count).

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use entity::{
    ProposalStatus, ResponseKind, Role, comment, council_response, discussion, forum, proposal,
    support,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Select,
};

use crate::{
    auth::Viewer,
    error::{AppError, AppResult, Field},
    ids::ForumId,
};

/// The days `from` to `to`, both whole days, in UTC.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> AppResult<Self> {
        if to < from {
            return Err(AppError::invalid(Field::To, "error-period-order"));
        }
        let next_day = to
            .succ_opt()
            .ok_or_else(|| AppError::invalid(Field::To, "error-date-out-of-range"))?;
        Ok(Self {
            start: from.and_time(NaiveTime::MIN).and_utc(),
            end: next_day.and_time(NaiveTime::MIN).and_utc(),
        })
    }

    /// The first instant of the period.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The first instant after the period.
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }
}

/// A proposal decided in the period and what the council said it would do.
pub struct Outcome {
    pub proposal: proposal::Model,
    pub we_did: String,
    pub decision: entity::Decision,
}

pub struct YouSaidWeDid {
    pub outcomes: Vec<Outcome>,
    pub proposals_received: u64,
    pub median_days_to_first_response: Option<f64>,
}

pub async fn you_said_we_did(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    forum_id: Option<ForumId>,
    period: Period,
) -> AppResult<YouSaidWeDid> {
    let in_forum = |select: sea_orm::Select<proposal::Entity>| match forum_id {
        Some(id) => select.filter(proposal::Column::ForumId.eq(id.0)),
        None => select,
    };
    let decided = in_forum(proposal::Entity::find().filter(viewer.proposal_filter()))
        .filter(proposal::Column::DecidedAt.gte(period.start))
        .filter(proposal::Column::DecidedAt.lt(period.end))
        .order_by_asc(proposal::Column::DecidedAt)
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?;
    let decisions = council_response::Entity::find()
        .filter(council_response::Column::ProposalId.is_in(decided.iter().map(|p| p.id)))
        .filter(council_response::Column::Kind.eq(ResponseKind::Decision))
        .order_by_asc(council_response::Column::Id)
        .all(db)
        .await?;
    let outcomes = decided
        .into_iter()
        .filter_map(|proposal| {
            // The deciding response: the last decision given by the time it was decided.
            let deciding = decisions.iter().rfind(|r| {
                r.proposal_id == proposal.id && Some(r.created_at) <= proposal.decided_at
            })?;
            let we_did = viewer
                .shown_text(deciding.hidden_at.is_some(), &deciding.body)
                .to_owned();
            Some(Outcome {
                decision: deciding.decision?,
                we_did,
                proposal,
            })
        })
        .collect();
    let received = in_forum(proposal::Entity::find().filter(viewer.proposal_filter()))
        .filter(proposal::Column::SubmittedAt.gte(period.start))
        .filter(proposal::Column::SubmittedAt.lt(period.end))
        .count(db)
        .await?;
    let median = median_days_to_first_response(db, viewer, forum_id, period).await?;
    Ok(YouSaidWeDid {
        outcomes,
        proposals_received: received,
        median_days_to_first_response: median,
    })
}

type Timestamp = DateTime<Utc>;

/// Median days from reaching the council (in the period) to the first council response.
async fn median_days_to_first_response(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    forum_id: Option<ForumId>,
    period: Period,
) -> AppResult<Option<f64>> {
    let mut select = proposal::Entity::find()
        .select_only()
        .column(proposal::Column::SubmittedAt)
        .column(proposal::Column::FirstResponseAt)
        .filter(viewer.proposal_filter())
        .filter(proposal::Column::SubmittedAt.gte(period.start))
        .filter(proposal::Column::SubmittedAt.lt(period.end))
        .filter(proposal::Column::FirstResponseAt.is_not_null());
    if let Some(id) = forum_id {
        select = select.filter(proposal::Column::ForumId.eq(id.0));
    }
    let waits: Vec<(Option<Timestamp>, Option<Timestamp>)> = select.into_tuple().all(db).await?;
    let mut days: Vec<f64> = waits
        .into_iter()
        .filter_map(|(submitted, answered)| {
            let wait = answered? - submitted?;
            Some(wait.num_seconds().max(0) as f64 / 86_400.0)
        })
        .collect();
    Ok(median(&mut days))
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    })
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Activity {
    pub proposals: u64,
    pub supports: u64,
    pub comments: u64,
    pub council_responses: u64,
}

pub struct Participation {
    pub active_residents: u64,
    pub active_youth: u64,
    pub total: Activity,
    pub median_days_to_first_response: Option<f64>,
    /// The forums whose content the viewer may see, in their usual order.
    pub by_forum: Vec<(forum::Model, Activity)>,
}

type Counts = Vec<(i32, i64)>;

/// How many rows of `select` (already joined to the forum's table and filtered) each forum has.
async fn count_by_forum<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    forum_column: impl ColumnTrait,
    counted: impl ColumnTrait,
) -> AppResult<Counts> {
    Ok(select
        .select_only()
        .column(forum_column)
        .column_as(counted.count(), "n")
        .group_by(forum_column)
        .into_tuple()
        .all(db)
        .await?)
}

/// The distinct authors of these comments, with the role they wrote as.
async fn commenters(
    db: &impl ConnectionTrait,
    comments: Select<comment::Entity>,
) -> AppResult<Vec<(i32, Role)>> {
    Ok(comments
        .select_only()
        .column(comment::Column::AuthorId)
        .column(comment::Column::AuthorRole)
        .distinct()
        .into_tuple()
        .all(db)
        .await?)
}

/// The period's comments on what the viewer may see, by what they hang on: proposals, council
/// responses (through their proposal's visibility) and discussions.
struct VisibleComments {
    on_proposals: Select<comment::Entity>,
    on_responses: Select<comment::Entity>,
    on_discussions: Select<comment::Entity>,
}

impl VisibleComments {
    fn new(viewer: &Viewer, period: Period) -> Self {
        let in_period = || {
            comment::Entity::find()
                .filter(comment::Column::CreatedAt.gte(period.start))
                .filter(comment::Column::CreatedAt.lt(period.end))
        };
        Self {
            on_proposals: in_period()
                .join(JoinType::InnerJoin, comment::Relation::Proposal.def())
                .filter(viewer.proposal_filter()),
            on_responses: in_period()
                .join(
                    JoinType::InnerJoin,
                    comment::Relation::CouncilResponse.def(),
                )
                .join(
                    JoinType::InnerJoin,
                    council_response::Relation::Proposal.def(),
                )
                .filter(viewer.proposal_filter()),
            on_discussions: in_period()
                .join(JoinType::InnerJoin, comment::Relation::Discussion.def())
                .filter(viewer.discussion_filter()),
        }
    }
}

pub async fn participation(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    period: Period,
) -> AppResult<Participation> {
    let proposals = count_by_forum(
        db,
        proposal::Entity::find()
            .filter(viewer.proposal_filter())
            .filter(proposal::Column::Status.ne(ProposalStatus::Draft))
            .filter(proposal::Column::PublishedAt.gte(period.start))
            .filter(proposal::Column::PublishedAt.lt(period.end)),
        proposal::Column::ForumId,
        proposal::Column::Id,
    )
    .await?;
    let supports = count_by_forum(
        db,
        support::Entity::find()
            .join(JoinType::InnerJoin, support::Relation::Proposal.def())
            .filter(viewer.proposal_filter())
            .filter(support::Column::CreatedAt.gte(period.start))
            .filter(support::Column::CreatedAt.lt(period.end)),
        proposal::Column::ForumId,
        support::Column::UserId,
    )
    .await?;
    let responses = count_by_forum(
        db,
        council_response::Entity::find()
            .join(
                JoinType::InnerJoin,
                council_response::Relation::Proposal.def(),
            )
            .filter(viewer.proposal_filter())
            .filter(council_response::Column::CreatedAt.gte(period.start))
            .filter(council_response::Column::CreatedAt.lt(period.end)),
        proposal::Column::ForumId,
        council_response::Column::Id,
    )
    .await?;
    let comments = VisibleComments::new(viewer, period);
    let on_proposals = count_by_forum(
        db,
        comments.on_proposals,
        proposal::Column::ForumId,
        comment::Column::Id,
    )
    .await?;
    let on_responses = count_by_forum(
        db,
        comments.on_responses,
        proposal::Column::ForumId,
        comment::Column::Id,
    )
    .await?;
    let on_discussions = count_by_forum(
        db,
        comments.on_discussions,
        discussion::Column::ForumId,
        comment::Column::Id,
    )
    .await?;

    let forums: Vec<forum::Model> = forum::Entity::find()
        .order_by_asc(forum::Column::Kind)
        .order_by_asc(forum::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|f| viewer.sees_forum_content(f.kind))
        .collect();
    let mut by_forum: BTreeMap<i32, Activity> =
        forums.iter().map(|f| (f.id, Activity::default())).collect();
    let mut add = |counts: &Counts, field: fn(&mut Activity) -> &mut u64| {
        for (forum_id, n) in counts {
            if let Some(activity) = by_forum.get_mut(forum_id) {
                *field(activity) += u64::try_from(*n).unwrap_or(0);
            }
        }
    };
    add(&proposals, |a| &mut a.proposals);
    add(&supports, |a| &mut a.supports);
    add(&responses, |a| &mut a.council_responses);
    add(&on_proposals, |a| &mut a.comments);
    add(&on_responses, |a| &mut a.comments);
    add(&on_discussions, |a| &mut a.comments);
    let total = by_forum
        .values()
        .fold(Activity::default(), |sum, a| Activity {
            proposals: sum.proposals + a.proposals,
            supports: sum.supports + a.supports,
            comments: sum.comments + a.comments,
            council_responses: sum.council_responses + a.council_responses,
        });
    let (active_residents, active_youth) = active_people(db, viewer, period).await?;
    Ok(Participation {
        active_residents,
        active_youth,
        total,
        median_days_to_first_response: median_days_to_first_response(db, viewer, None, period)
            .await?,
        by_forum: forums
            .into_iter()
            .map(|f| {
                let activity = by_forum.get(&f.id).copied().unwrap_or_default();
                (f, activity)
            })
            .collect(),
    })
}

/// The distinct residents and youth members who wrote or supported anything the viewer may see
/// in the period, by the role they took part as.
async fn active_people(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    period: Period,
) -> AppResult<(u64, u64)> {
    let mut people: HashSet<(i32, Role)> = HashSet::new();
    let proposal_authors: Vec<(i32, Role)> = proposal::Entity::find()
        .select_only()
        .column(proposal::Column::AuthorId)
        .column(proposal::Column::AuthorRole)
        .distinct()
        .filter(viewer.proposal_filter())
        // Published in the period: a draft is no one's participation yet, not even its author's.
        .filter(proposal::Column::PublishedAt.gte(period.start))
        .filter(proposal::Column::PublishedAt.lt(period.end))
        .filter(proposal::Column::ForwardedFromId.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let discussion_authors: Vec<(i32, Role)> = discussion::Entity::find()
        .select_only()
        .column(discussion::Column::AuthorId)
        .column(discussion::Column::AuthorRole)
        .distinct()
        .filter(viewer.discussion_filter())
        .filter(discussion::Column::CreatedAt.gte(period.start))
        .filter(discussion::Column::CreatedAt.lt(period.end))
        .into_tuple()
        .all(db)
        .await?;
    let comments = VisibleComments::new(viewer, period);
    let commenters_on_proposals = commenters(db, comments.on_proposals).await?;
    let commenters_on_responses = commenters(db, comments.on_responses).await?;
    let commenters_on_discussions = commenters(db, comments.on_discussions).await?;
    let supporters: Vec<(i32, Role)> = support::Entity::find()
        .select_only()
        .column(support::Column::UserId)
        .column(support::Column::SupporterRole)
        .distinct()
        .join(JoinType::InnerJoin, support::Relation::Proposal.def())
        .filter(viewer.proposal_filter())
        .filter(support::Column::CreatedAt.gte(period.start))
        .filter(support::Column::CreatedAt.lt(period.end))
        .into_tuple()
        .all(db)
        .await?;
    people.extend(
        [
            proposal_authors,
            discussion_authors,
            commenters_on_proposals,
            commenters_on_responses,
            commenters_on_discussions,
            supporters,
        ]
        .into_iter()
        .flatten(),
    );
    let count = |role: Role| {
        people
            .iter()
            .filter(|(_, r)| *r == role)
            .map(|(id, _)| id)
            .collect::<HashSet<_>>()
            .len() as u64
    };
    Ok((count(Role::Resident), count(Role::Youth)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn a_period_holds_whole_days() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert!(Period::new(day(2), day(1)).is_err());
        let period = Period::new(day(1), day(1)).unwrap();
        assert_eq!((period.end - period.start).num_hours(), 24);
    }
}

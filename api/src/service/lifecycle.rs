//! The proposal lifecycle as one state machine (RULES.md "Proposals"): which event moves which
//! status where, and the one function that applies a move, with its history and audit entries.

use chrono::{DateTime, Utc};
use entity::{Decision, NotificationKind, ProposalStatus, proposal, proposal_status_change};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    sea_query::Expr,
};

use super::{
    audit::{self, AuditAction, AuditRecord},
    events::{Outbox, ProposalEventKind},
    follows::{self, Target},
    notifications::{self, Notice},
};
use crate::{
    args,
    auth::Actor,
    error::{AppError, AppResult},
    i18n::{Arg, names},
    ids::ProposalId,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Publish,
    /// The support that reaches the forum's threshold.
    ThresholdReached,
    SubmitToCouncil,
    /// The council's first response that is not a decision.
    FirstResponse,
    Decide(Decision),
    MarkImplemented,
    Withdraw,
}

/// Where `event` takes a proposal in `from`, or `None` when the move is not allowed.
pub fn next(from: ProposalStatus, event: Event) -> Option<ProposalStatus> {
    use ProposalStatus::*;
    match (from, event) {
        (Draft, Event::Publish) => Some(Open),
        (Open, Event::ThresholdReached | Event::SubmitToCouncil) => Some(Submitted),
        (Submitted, Event::FirstResponse) => Some(UnderReview),
        (Submitted | UnderReview | Deferred, Event::Decide(decision)) => Some(match decision {
            Decision::Accepted => Accepted,
            Decision::Rejected => Rejected,
            Decision::Deferred => Deferred,
        }),
        (Accepted, Event::MarkImplemented) => Some(Implemented),
        (Draft | Open, Event::Withdraw) => Some(Withdrawn),
        _ => None,
    }
}

/// Moves `proposal` by `event` inside the caller's transaction: the status and its timestamp,
/// the version, `history` and the audit log. `actor` is `None` for the system's own moves.
pub async fn apply(
    conn: &impl ConnectionTrait,
    outbox: &mut Outbox,
    proposal: proposal::Model,
    event: Event,
    actor: Option<&Actor>,
    note: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<proposal::Model> {
    let from = proposal.status;
    let to = next(from, event).ok_or_else(|| {
        AppError::conflict_with(
            "error-transition-not-allowed",
            args!(status = Arg::Message(names::proposal_status(from))),
        )
    })?;
    // Only from the status we read: of two racing moves, the second finds it changed.
    let moved = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value(to))
        .filter(proposal::Column::Id.eq(proposal.id))
        .filter(proposal::Column::Status.eq(from))
        .exec(conn)
        .await?
        .rows_affected;
    if moved == 0 {
        return Err(AppError::conflict("error-proposal-changed"));
    }
    let mut active: proposal::ActiveModel = proposal.clone().into();
    active.status = Set(to);
    active.version = Set(proposal.version + 1);
    active.updated_at = Set(now);
    active.last_activity_at = Set(now);
    match to {
        ProposalStatus::Open => {
            active.published_at = Set(Some(now));
            active.listed_at = Set(now);
        }
        ProposalStatus::Submitted => active.submitted_at = Set(Some(now)),
        ProposalStatus::Accepted | ProposalStatus::Rejected | ProposalStatus::Deferred => {
            active.decided_at = Set(Some(now));
        }
        _ => {}
    }
    let proposal = active.update(conn).await?;
    record(conn, &proposal, Some(from), actor, note.clone(), now).await?;
    let kind = if to == ProposalStatus::Open {
        ProposalEventKind::Published
    } else {
        ProposalEventKind::StatusChanged
    };
    outbox.proposal(kind, &proposal, now);
    // Publishing is news for the forum's members (told by `publish`); later moves for the
    // people who care about the proposal.
    if from != ProposalStatus::Draft {
        let notice = Notice {
            status: Some(to),
            ..Notice::about(&proposal)
        };
        let recipients =
            follows::followers(conn, Target::Proposal(ProposalId(proposal.id))).await?;
        notifications::notify(
            conn,
            outbox,
            NotificationKind::ProposalStatusChanged,
            recipients,
            actor.map(|a| a.id),
            &notice,
            now,
        )
        .await?;
    }
    audit::record(
        conn,
        AuditRecord {
            actor_id: actor.map(|a| a.id),
            action: AuditAction::ProposalStatusChanged,
            subject_id: Some(ProposalId(proposal.id).to_global()),
            detail: Some(match note {
                Some(note) => format!("{} -> {}: {note}", from.to_value(), to.to_value()),
                None => format!("{} -> {}", from.to_value(), to.to_value()),
            }),
        },
        now,
    )
    .await?;
    Ok(proposal)
}

/// One line of `history`.
pub async fn record(
    conn: &impl ConnectionTrait,
    proposal: &proposal::Model,
    from: Option<ProposalStatus>,
    actor: Option<&Actor>,
    note: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    proposal_status_change::ActiveModel {
        proposal_id: Set(proposal.id),
        from_status: Set(from),
        to_status: Set(proposal.status),
        at: Set(now),
        actor_id: Set(actor.map(|a| a.id)),
        actor_role: Set(actor.map(|a| a.role)),
        note: Set(note),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProposalStatus::*;

    #[test]
    fn only_the_drawn_moves_exist() {
        let events = [
            Event::Publish,
            Event::ThresholdReached,
            Event::SubmitToCouncil,
            Event::FirstResponse,
            Event::Decide(Decision::Accepted),
            Event::Decide(Decision::Rejected),
            Event::Decide(Decision::Deferred),
            Event::MarkImplemented,
            Event::Withdraw,
        ];
        let statuses = [
            Draft,
            Open,
            Submitted,
            UnderReview,
            Accepted,
            Rejected,
            Deferred,
            Implemented,
            Withdrawn,
        ];
        let allowed: usize = statuses
            .iter()
            .map(|s| events.iter().filter(|e| next(*s, **e).is_some()).count())
            .sum();
        // DRAFT 2, OPEN 3, SUBMITTED 4, UNDER_REVIEW 3, DEFERRED 3, ACCEPTED 1.
        assert_eq!(allowed, 16);
        assert_eq!(next(Open, Event::Publish), None);
        assert_eq!(next(Accepted, Event::Withdraw), None);
        assert_eq!(
            next(Deferred, Event::Decide(Decision::Accepted)),
            Some(Accepted)
        );
        assert_eq!(next(UnderReview, Event::FirstResponse), None);
    }
}

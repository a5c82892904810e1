//! Who may see and do what: the one place that decides (RULES.md "Who may see what").
//! Services and resolvers ask these methods; none of them checks a role by itself.

use entity::{
    AccountStatus, ForumKind, Language, ProposalStatus, Role, StrategyStatus, discussion, forum,
    notification, proposal, strategy, user,
};
use sea_orm::{
    ColumnTrait, Condition,
    sea_query::{Query, SelectStatement},
};

use crate::error::{AppError, AppResult};

/// What hidden content (moderation) shows in place of a proposal's or response's body, to all
/// but clerks.
pub const HIDDEN_TEXT: &str = "[hidden]";

/// A signed-in caller, as the database says on this request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: i32,
    pub role: Role,
    pub status: AccountStatus,
    pub preferred_language: Language,
    pub session_id: i32,
}

/// The caller of one request: anonymous, or an actor.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    pub actor: Option<Actor>,
}

impl Viewer {
    pub fn anonymous() -> Self {
        Self { actor: None }
    }

    pub fn signed_in(actor: Actor) -> Self {
        Self { actor: Some(actor) }
    }

    /// An account as it stands now, not a request: for deciding what may be written for it (a
    /// notification). It has no session.
    pub fn of_account(user: &user::Model) -> Self {
        if user.deleted_at.is_some() {
            return Self::anonymous();
        }
        Self::signed_in(Actor {
            id: user.id,
            role: user.role,
            status: user.status,
            preferred_language: user.preferred_language,
            session_id: NO_SESSION,
        })
    }

    /// Any signed-in caller, whatever their status (reading one's own things, logging out).
    pub fn require_signed_in(&self) -> AppResult<&Actor> {
        self.actor
            .as_ref()
            .ok_or_else(|| AppError::unauthenticated("error-sign-in-required"))
    }

    /// A caller who may write at all: signed in and ACTIVE. Pending youth members and
    /// suspended accounts write nothing.
    pub fn require_active(&self) -> AppResult<&Actor> {
        let actor = self.require_signed_in()?;
        match actor.status {
            AccountStatus::Active => Ok(actor),
            AccountStatus::Pending => Err(AppError::forbidden("error-youth-pending")),
            AccountStatus::Suspended => Err(AppError::forbidden("error-account-suspended")),
        }
    }

    pub fn require_clerk(&self) -> AppResult<&Actor> {
        let actor = self.require_active()?;
        if actor.role == Role::Clerk {
            Ok(actor)
        } else {
            Err(AppError::forbidden("error-only-clerks"))
        }
    }

    /// The active actor, for reading: pending and suspended accounts read as anonymous visitors.
    fn active_actor(&self) -> Option<&Actor> {
        self.actor
            .as_ref()
            .filter(|actor| actor.status == AccountStatus::Active)
    }

    fn active_role(&self) -> Option<Role> {
        self.active_actor().map(|actor| actor.role)
    }

    pub fn is_clerk(&self) -> bool {
        self.active_role() == Some(Role::Clerk)
    }

    /// Active youth members, councillors and clerks see inside the youth shadow forums.
    pub fn sees_youth_content(&self) -> bool {
        matches!(
            self.active_role(),
            Some(Role::Youth | Role::Councillor | Role::Clerk)
        )
    }

    /// Who may know which young person wrote something: the same circle as the content.
    pub fn sees_youth_identity(&self) -> bool {
        self.sees_youth_content()
    }

    /// Whether `other` is the same person with the same role and status, so may see and do
    /// exactly what this viewer may (a live subscription keeps its viewer only while this holds).
    pub fn has_same_standing(&self, other: &Viewer) -> bool {
        match (&self.actor, &other.actor) {
            (None, None) => true,
            (Some(a), Some(b)) => a.id == b.id && a.role == b.role && a.status == b.status,
            _ => false,
        }
    }

    pub fn is_self(&self, user_id: i32) -> bool {
        self.actor.as_ref().is_some_and(|actor| actor.id == user_id)
    }

    /// `email`: the owner and clerks.
    pub fn sees_email_of(&self, user_id: i32) -> bool {
        self.is_self(user_id) || self.is_clerk()
    }

    /// A User object: a youth member's only to themself and the youth circle; a deleted
    /// account's to no one.
    pub fn sees_user(&self, user: &user::Model) -> bool {
        if user.deleted_at.is_some() {
            return false;
        }
        user.role != Role::Youth || self.is_self(user.id) || self.sees_youth_identity()
    }

    /// Joining a forum: the role must be one that may be a member of its kind, and archived
    /// forums take no one new.
    pub fn require_may_join(&self, forum: &forum::Model) -> AppResult<&Actor> {
        let actor = self.require_active()?;
        if forum.archived_at.is_some() {
            return Err(AppError::forbidden("error-forum-archived"));
        }
        if may_be_member(actor.role, forum.kind) {
            Ok(actor)
        } else {
            Err(AppError::forbidden("error-cannot-join-forum"))
        }
    }

    /// What may be read inside a forum of this kind: a youth shadow forum's content only by
    /// the youth circle; a themed forum's by everyone.
    pub fn sees_forum_content(&self, kind: ForumKind) -> bool {
        kind == ForumKind::Themed || self.sees_youth_content()
    }

    /// A proposal: the forum's content rule, and a draft only by its author.
    pub fn sees_proposal(&self, proposal: &proposal::Model, forum_kind: ForumKind) -> bool {
        self.sees_forum_content(forum_kind)
            && (proposal.status != ProposalStatus::Draft || self.is_self(proposal.author_id))
    }

    /// Text that moderation has hidden (a body: of a proposal, response, discussion or comment)
    /// is read by clerks alone; everyone else sees that it is there, and a title stays. The
    /// `body` fields and search both follow this rule.
    pub fn reads_text(&self, hidden: bool) -> bool {
        !hidden || self.is_clerk()
    }

    /// `text`, or `HIDDEN_TEXT` where the viewer may not read it.
    pub fn shown_text<'a>(&self, hidden: bool, text: &'a str) -> &'a str {
        if self.reads_text(hidden) {
            text
        } else {
            HIDDEN_TEXT
        }
    }

    /// The SQL twin of `reads_text` for proposal bodies, for search: `None` when the viewer
    /// reads every body, else the condition on a proposal whose body they may read.
    pub fn readable_body_filter(&self) -> Option<Condition> {
        (!self.reads_text(true)).then(|| Condition::all().add(proposal::Column::HiddenAt.is_null()))
    }

    /// Who wrote something: a youth member's name only to themself and the youth circle.
    pub fn sees_author(&self, author_role: Role, author_id: i32) -> bool {
        author_role != Role::Youth || self.is_self(author_id) || self.sees_youth_identity()
    }

    /// Writing in a forum: a new proposal, discussion, support or comment. Councillors take
    /// part by commenting (and responding officially); archived forums take nothing new.
    pub fn require_may_write(&self, forum: &forum::Model, kind: WriteKind) -> AppResult<&Actor> {
        let actor = self.require_active()?;
        if forum.archived_at.is_some() {
            return Err(AppError::forbidden("error-forum-archived"));
        }
        let writers: &[Role] = match (forum.kind, kind) {
            (ForumKind::Themed, WriteKind::Comment) => {
                &[Role::Resident, Role::Youth, Role::Councillor, Role::Clerk]
            }
            (ForumKind::Themed, _) => &[Role::Resident, Role::Youth, Role::Clerk],
            (ForumKind::YouthShadow, WriteKind::Comment) => {
                &[Role::Youth, Role::Councillor, Role::Clerk]
            }
            (ForumKind::YouthShadow, _) => &[Role::Youth, Role::Clerk],
        };
        if writers.contains(&actor.role) {
            Ok(actor)
        } else {
            Err(AppError::forbidden("error-role-cannot-write"))
        }
    }

    /// The council's inbox: councillors and clerks.
    pub fn require_council(&self) -> AppResult<&Actor> {
        let actor = self.require_active()?;
        if actor.role.is_council() {
            Ok(actor)
        } else {
            Err(AppError::forbidden("error-only-council"))
        }
    }

    /// The SQL twin of `sees_proposal`, for every query that lists, counts or finds proposals.
    pub fn proposal_filter(&self) -> Condition {
        let own_drafts = match &self.actor {
            Some(actor) => Condition::any()
                .add(proposal::Column::Status.ne(ProposalStatus::Draft))
                .add(proposal::Column::AuthorId.eq(actor.id)),
            None => Condition::all().add(proposal::Column::Status.ne(ProposalStatus::Draft)),
        };
        let mut filter = Condition::all().add(own_drafts);
        if !self.sees_youth_content() {
            filter = filter.add(proposal::Column::ForumId.in_subquery(themed_forum_ids()));
        }
        filter
    }

    /// `proposal_filter` cut into two halves that never overlap and together are the whole:
    /// what is published where this viewer may read, and the viewer's own drafts there (none
    /// for an anonymous viewer). For counting: each half alone counts from an index, where the
    /// OR of the whole would read every row.
    pub fn proposal_filter_halves(&self) -> (Condition, Option<Condition>) {
        let mut published =
            Condition::all().add(proposal::Column::Status.ne(ProposalStatus::Draft));
        let mut own_drafts = self.actor.as_ref().map(|actor| {
            Condition::all()
                .add(proposal::Column::Status.eq(ProposalStatus::Draft))
                .add(proposal::Column::AuthorId.eq(actor.id))
        });
        if !self.sees_youth_content() {
            let themed = || proposal::Column::ForumId.in_subquery(themed_forum_ids());
            published = published.add(themed());
            own_drafts = own_drafts.map(|drafts| drafts.add(themed()));
        }
        (published, own_drafts)
    }

    /// The SQL twin of `sees_forum_content` for discussions.
    pub fn discussion_filter(&self) -> Condition {
        let mut filter = Condition::all();
        if !self.sees_youth_content() {
            filter = filter.add(discussion::Column::ForumId.in_subquery(themed_forum_ids()));
        }
        filter
    }

    /// Whether this viewer may be told of what a notification is about (its proposal, with the
    /// kind of forum it is in, and the kind of forum of its discussion): the Rust twin of
    /// `notification_filter`, so that nothing is written for someone who could not read it.
    pub fn may_be_told(
        &self,
        proposal: Option<(&proposal::Model, ForumKind)>,
        discussion_forum: Option<ForumKind>,
    ) -> bool {
        proposal.is_none_or(|(proposal, kind)| self.sees_proposal(proposal, kind))
            && discussion_forum.is_none_or(|kind| self.sees_forum_content(kind))
    }

    /// A recipient's own notifications, leaving out those about what they may not see now
    /// (a youth forum after a role change, a proposal gone back to draft).
    pub fn notification_filter(&self, recipient_id: i32) -> Condition {
        let visible_proposals = Query::select()
            .column(proposal::Column::Id)
            .from(proposal::Entity)
            .cond_where(self.proposal_filter())
            .to_owned();
        let visible_discussions = Query::select()
            .column(discussion::Column::Id)
            .from(discussion::Entity)
            .cond_where(self.discussion_filter())
            .to_owned();
        Condition::all()
            .add(notification::Column::RecipientId.eq(recipient_id))
            .add(
                Condition::any()
                    .add(notification::Column::ProposalId.is_null())
                    .add(notification::Column::ProposalId.in_subquery(visible_proposals)),
            )
            .add(
                Condition::any()
                    .add(notification::Column::DiscussionId.is_null())
                    .add(notification::Column::DiscussionId.in_subquery(visible_discussions)),
            )
    }

    /// A community strategy: a DRAFT only for councillors and clerks, the rest for everyone.
    pub fn sees_strategy(&self, status: StrategyStatus) -> bool {
        status != StrategyStatus::Draft
            || matches!(self.active_role(), Some(Role::Councillor | Role::Clerk))
    }

    /// The SQL twin of `sees_strategy`.
    pub fn strategy_filter(&self) -> Condition {
        if self.sees_strategy(StrategyStatus::Draft) {
            Condition::all()
        } else {
            Condition::all().add(strategy::Column::Status.ne(StrategyStatus::Draft))
        }
    }

    /// The language to answer in when a field is given none and the request names none.
    pub fn preferred_language(&self) -> Option<Language> {
        self.actor.as_ref().map(|actor| actor.preferred_language)
    }
}

/// The session of a viewer built from an account rather than a request (no session has id 0).
const NO_SESSION: i32 = 0;

/// Who may be a member of which kind of forum: residents of the themed forums, youth members of
/// both kinds, clerks of any; councillors follow through the council inbox instead. Joining asks
/// it, and a role change ends the memberships the new role may not hold.
pub fn may_be_member(role: Role, kind: ForumKind) -> bool {
    match kind {
        ForumKind::Themed => matches!(role, Role::Resident | Role::Youth | Role::Clerk),
        ForumKind::YouthShadow => matches!(role, Role::Youth | Role::Clerk),
    }
}

/// The kinds of writing inside a forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    Propose,
    Discuss,
    Support,
    Comment,
}

fn themed_forum_ids() -> SelectStatement {
    Query::select()
        .column(forum::Column::Id)
        .from(forum::Entity)
        .and_where(forum::Column::Kind.eq(ForumKind::Themed))
        .to_owned()
}

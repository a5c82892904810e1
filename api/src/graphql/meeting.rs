//! Forum meetings: the type, the lists and the council's mutations (RULES.md "Meetings").

use async_graphql::{Context, Enum, ID, InputObject, MaybeUndefined, Object};
use entity::meeting;

use super::{
    connection::{SHORT_LIST_ROWS, list_cost},
    context::ContextExt,
    enums::Language,
    forum::Forum,
    loaders::{AgendaOf, Attending},
    proposal::Proposal,
    scalars::{Date, DateTime},
};
use crate::{
    error::{AppError, AppResult, Field},
    i18n::pick,
    ids::{ForumId, MeetingId, ProposalId},
    service::meetings::{self, Change, MeetingChanges, NewMeeting},
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::MeetingStatus")]
pub enum MeetingStatus {
    Scheduled,
    Cancelled,
    /// Minutes published.
    Held,
}

pub struct Meeting(pub meeting::Model);

impl Meeting {
    async fn viewer_attends(&self, ctx: &Context<'_>) -> AppResult<bool> {
        let Some(actor) = &ctx.viewer().await?.actor else {
            return Ok(false);
        };
        let key = Attending {
            meeting_id: self.0.id,
            user_id: actor.id,
        };
        Ok(ctx.load(key).await?.unwrap_or(false))
    }
}

/// `/calendar/meetings/<id>.ics`
pub fn calendar_path(id: MeetingId) -> String {
    format!("/calendar/meetings/{}.ics", id.to_global())
}

#[Object]
impl Meeting {
    pub async fn id(&self) -> ID {
        MeetingId(self.0.id).to_global().into()
    }

    async fn forum(&self, ctx: &Context<'_>) -> AppResult<Forum> {
        let forum = ctx
            .load(ForumId(self.0.forum_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("meeting without a forum")))?;
        Ok(Forum(forum))
    }

    async fn title(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        pick(ctx.language(lang).await, &self.0.title_en, &self.0.title_cy).into_owned()
    }

    async fn agenda(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        pick(
            ctx.language(lang).await,
            &self.0.agenda_en,
            &self.0.agenda_cy,
        )
        .into_owned()
    }

    /// A street address, or a short description such as 'Online'.
    async fn location(&self) -> &str {
        &self.0.location
    }

    /// A video-call link: shown only to councillors, clerks and people attending; null to others.
    async fn online_url(&self, ctx: &Context<'_>) -> AppResult<Option<&str>> {
        let Some(url) = self.0.online_url.as_deref() else {
            return Ok(None);
        };
        let attending = self.viewer_attends(ctx).await?;
        Ok(ctx
            .viewer()
            .await?
            .sees_online_url(attending)
            .then_some(url))
    }

    async fn starts_at(&self) -> DateTime {
        self.0.starts_at.into()
    }

    async fn ends_at(&self) -> DateTime {
        self.0.ends_at.into()
    }

    /// Null: no limit.
    async fn capacity(&self) -> Option<i32> {
        self.0.capacity
    }

    async fn status(&self) -> MeetingStatus {
        self.0.status.into()
    }

    async fn cancel_reason(&self) -> Option<&str> {
        self.0.cancel_reason.as_deref()
    }

    async fn attendee_count(&self) -> i32 {
        self.0.attendee_count
    }

    async fn viewer_is_attending(&self, ctx: &Context<'_>) -> AppResult<bool> {
        self.viewer_attends(ctx).await
    }

    /// Published after the meeting; null until then.
    async fn minutes(&self, ctx: &Context<'_>, lang: Option<Language>) -> Option<String> {
        let (en, cy) = (self.0.minutes_en.as_deref()?, self.0.minutes_cy.as_deref()?);
        Some(pick(ctx.language(lang).await, en, cy).into_owned())
    }

    /// Proposals on the agenda, where the viewer may see them.
    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn proposals(&self, ctx: &Context<'_>) -> AppResult<Vec<Proposal>> {
        let viewer = ctx.viewer().await?;
        let agenda = ctx.load(AgendaOf(self.0.id)).await?.unwrap_or_default();
        let loaded = ctx
            .loader()?
            .load_many(agenda.iter().map(|row| ProposalId(row.proposal_id)))
            .await?;
        Ok(agenda
            .iter()
            .filter_map(|row| loaded.get(&ProposalId(row.proposal_id)))
            .filter(|(p, kind)| viewer.sees_proposal(p, *kind))
            .map(|(p, _)| Proposal(p.clone()))
            .collect())
    }

    /// Bumped on every change of time, place or status (iCalendar SEQUENCE).
    async fn sequence(&self) -> i32 {
        self.0.sequence
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    /// Path of this meeting's iCalendar file, e.g. /calendar/meetings/<id>.ics
    async fn calendar_url(&self) -> String {
        calendar_path(MeetingId(self.0.id))
    }
}

#[derive(InputObject)]
pub struct ScheduleMeetingInput {
    forum_id: ID,
    title_en: String,
    title_cy: String,
    agenda_en: String,
    agenda_cy: String,
    location: String,
    online_url: Option<String>,
    starts_at: DateTime,
    ends_at: DateTime,
    capacity: Option<i32>,
    proposal_ids: Option<Vec<ID>>,
}

/// Fields left out stay as they are; `onlineUrl` and `capacity` set to null are removed.
#[derive(InputObject)]
pub struct UpdateMeetingInput {
    title_en: Option<String>,
    title_cy: Option<String>,
    agenda_en: Option<String>,
    agenda_cy: Option<String>,
    location: Option<String>,
    online_url: MaybeUndefined<String>,
    starts_at: Option<DateTime>,
    ends_at: Option<DateTime>,
    capacity: MaybeUndefined<i32>,
    proposal_ids: Option<Vec<ID>>,
}

fn change<T>(value: MaybeUndefined<T>) -> Change<T> {
    match value {
        MaybeUndefined::Undefined => Change::Keep,
        MaybeUndefined::Null => Change::Clear,
        MaybeUndefined::Value(v) => Change::Set(v),
    }
}

fn proposal_ids(ids: Option<Vec<ID>>) -> AppResult<Option<Vec<ProposalId>>> {
    ids.map(|ids| {
        ids.iter()
            .map(|id| ProposalId::from_input(Field::ProposalIds, id))
            .collect()
    })
    .transpose()
}

#[derive(Default)]
pub struct MeetingQuery;

#[Object]
impl MeetingQuery {
    async fn meeting(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Meeting>> {
        let Ok(id) = MeetingId::from_object(&id) else {
            return Ok(None);
        };
        let found = meetings::find_visible(&ctx.state()?.db, ctx.viewer().await?, id).await?;
        Ok(found.map(|(m, _)| Meeting(m)))
    }

    /// Meetings of every forum the viewer may see that start in the period (whole UTC days), soonest first.
    #[graphql(complexity = "list_cost(super::connection::LONG_LIST_ROWS, child_complexity)")]
    async fn meetings(&self, ctx: &Context<'_>, from: Date, to: Date) -> AppResult<Vec<Meeting>> {
        let found = meetings::between(&ctx.state()?.db, ctx.viewer().await?, from.0, to.0).await?;
        Ok(found.into_iter().map(Meeting).collect())
    }
}

#[derive(Default)]
pub struct MeetingMutation;

#[Object]
impl MeetingMutation {
    /// Councillors and clerks.
    async fn schedule_meeting(
        &self,
        ctx: &Context<'_>,
        input: ScheduleMeetingInput,
    ) -> AppResult<Meeting> {
        let new = NewMeeting {
            forum_id: ForumId::from_input(Field::ForumId, &input.forum_id)?,
            title_en: input.title_en,
            title_cy: input.title_cy,
            agenda_en: input.agenda_en,
            agenda_cy: input.agenda_cy,
            location: input.location,
            online_url: input.online_url,
            starts_at: input.starts_at.0,
            ends_at: input.ends_at.0,
            capacity: input.capacity,
            proposal_ids: proposal_ids(input.proposal_ids)?.unwrap_or_default(),
        };
        meetings::schedule(ctx.state()?, ctx.viewer().await?, new)
            .await
            .map(Meeting)
    }

    /// Councillors and clerks; SCHEDULED meetings only.
    async fn update_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateMeetingInput,
    ) -> AppResult<Meeting> {
        let id = MeetingId::from_object(&id)?;
        let changes = MeetingChanges {
            title_en: input.title_en,
            title_cy: input.title_cy,
            agenda_en: input.agenda_en,
            agenda_cy: input.agenda_cy,
            location: input.location,
            online_url: change(input.online_url),
            starts_at: input.starts_at.map(|t| t.0),
            ends_at: input.ends_at.map(|t| t.0),
            capacity: change(input.capacity),
            proposal_ids: proposal_ids(input.proposal_ids)?,
        };
        meetings::update(ctx.state()?, ctx.viewer().await?, id, changes)
            .await
            .map(Meeting)
    }

    /// Councillors and clerks; SCHEDULED meetings only.
    async fn cancel_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> AppResult<Meeting> {
        let id = MeetingId::from_object(&id)?;
        meetings::cancel(ctx.state()?, ctx.viewer().await?, id, &reason)
            .await
            .map(Meeting)
    }

    /// RSVP: true to attend, false to stop attending.
    async fn attend_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
        attending: bool,
    ) -> AppResult<Meeting> {
        let id = MeetingId::from_object(&id)?;
        meetings::attend(ctx.state()?, ctx.viewer().await?, id, attending)
            .await
            .map(Meeting)
    }

    /// Councillors and clerks, after the meeting has started: status HELD.
    async fn publish_minutes(
        &self,
        ctx: &Context<'_>,
        id: ID,
        minutes_en: String,
        minutes_cy: String,
    ) -> AppResult<Meeting> {
        let id = MeetingId::from_object(&id)?;
        let viewer = ctx.viewer().await?;
        meetings::publish_minutes(ctx.state()?, viewer, id, &minutes_en, &minutes_cy)
            .await
            .map(Meeting)
    }
}

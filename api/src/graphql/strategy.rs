//! The community strategy: how what the forums produce feeds the council's plans, and the
//! reports back ("you said, we did").

use async_graphql::{Context, Enum, ID, InputObject, Object};
use entity::{indicator, measurement, strategy, strategy_link, strategy_objective};

use super::{
    account::User,
    connection::{FORUM_LIST_ROWS, LONG_LIST_ROWS, SHORT_LIST_ROWS, list_cost},
    context::ContextExt,
    enums::Language,
    forum::Forum,
    loaders::{
        ForumsOf, GoalsOfObjective, IndicatorsOf, LinksOfObjective, LinksOfProposal,
        MeasurementsOf, ObjectivesOf,
    },
    proposal::Proposal,
    scalars::{Date, DateTime},
    wellbeing::WellbeingGoal,
};
use crate::{
    error::{AppError, AppResult, Field},
    i18n::pick,
    ids::{ForumId, IndicatorId, LinkId, ObjectiveId, ProposalId, StrategyId, UserId},
    service::{
        reports::{self, Format},
        strategies::{self, NewIndicator, NewObjective, NewStrategy, StrategyChanges},
    },
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::StrategyStatus")]
pub enum StrategyStatus {
    Draft,
    Consultation,
    Adopted,
    Archived,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Csv,
    Json,
}

impl From<ReportFormat> for Format {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Markdown => Format::Markdown,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Json => Format::Json,
        }
    }
}

pub struct CommunityStrategy(pub strategy::Model);

#[Object]
impl CommunityStrategy {
    pub async fn id(&self) -> ID {
        StrategyId(self.0.id).to_global().into()
    }

    async fn title(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        pick(ctx.language(lang).await, &self.0.title_en, &self.0.title_cy).into_owned()
    }

    async fn summary(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        pick(
            ctx.language(lang).await,
            &self.0.summary_en,
            &self.0.summary_cy,
        )
        .into_owned()
    }

    async fn period_start(&self) -> Date {
        Date(self.0.period_start)
    }

    async fn period_end(&self) -> Date {
        Date(self.0.period_end)
    }

    async fn status(&self) -> StrategyStatus {
        self.0.status.into()
    }

    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn objectives(&self, ctx: &Context<'_>) -> AppResult<Vec<StrategyObjective>> {
        let objectives = ctx.load(ObjectivesOf(self.0.id)).await?.unwrap_or_default();
        Ok(objectives.into_iter().map(StrategyObjective).collect())
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    async fn updated_at(&self) -> DateTime {
        self.0.updated_at.into()
    }
}

/// An objective; reached only through a strategy the viewer may see.
pub struct StrategyObjective(pub strategy_objective::Model);

#[Object]
impl StrategyObjective {
    pub async fn id(&self) -> ID {
        ObjectiveId(self.0.id).to_global().into()
    }

    async fn strategy(&self, ctx: &Context<'_>) -> AppResult<CommunityStrategy> {
        let strategy = ctx
            .load(StrategyId(self.0.strategy_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("objective without a strategy")))?;
        Ok(CommunityStrategy(strategy))
    }

    async fn title(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        pick(ctx.language(lang).await, &self.0.title_en, &self.0.title_cy).into_owned()
    }

    async fn description(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        pick(
            ctx.language(lang).await,
            &self.0.description_en,
            &self.0.description_cy,
        )
        .into_owned()
    }

    async fn position(&self) -> i32 {
        self.0.position
    }

    #[graphql(complexity = "list_cost(FORUM_LIST_ROWS, child_complexity)")]
    async fn forums(&self, ctx: &Context<'_>) -> AppResult<Vec<Forum>> {
        let forums = ctx.load(ForumsOf(self.0.id)).await?.unwrap_or_default();
        Ok(forums.into_iter().map(Forum).collect())
    }

    /// Proposals linked to this objective: how the forums fed the strategy.
    #[graphql(complexity = "list_cost(LONG_LIST_ROWS, child_complexity)")]
    async fn contributions(&self, ctx: &Context<'_>) -> AppResult<Vec<StrategyLink>> {
        let viewer = ctx.viewer().await?;
        let links = ctx
            .load(LinksOfObjective(self.0.id))
            .await?
            .unwrap_or_default();
        let proposals = ctx
            .loader()?
            .load_many(links.iter().map(|link| ProposalId(link.proposal_id)))
            .await?;
        Ok(links
            .into_iter()
            .filter(|link| {
                proposals
                    .get(&ProposalId(link.proposal_id))
                    .is_some_and(|(p, kind)| viewer.sees_proposal(p, *kind))
            })
            .map(StrategyLink)
            .collect())
    }

    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn indicators(&self, ctx: &Context<'_>) -> AppResult<Vec<Indicator>> {
        let indicators = ctx.load(IndicatorsOf(self.0.id)).await?.unwrap_or_default();
        Ok(indicators.into_iter().map(Indicator).collect())
    }

    /// The well-being goals it serves, in the Act's order.
    async fn wellbeing_goals(&self, ctx: &Context<'_>) -> AppResult<Vec<WellbeingGoal>> {
        let goals = ctx.load(GoalsOfObjective(self.0.id)).await?;
        Ok(goals
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect())
    }
}

/// A link; reached only where the viewer may see both its proposal and its strategy.
pub struct StrategyLink(pub strategy_link::Model);

#[Object]
impl StrategyLink {
    async fn id(&self) -> ID {
        LinkId(self.0.id).to_global().into()
    }

    async fn proposal(&self, ctx: &Context<'_>) -> AppResult<Proposal> {
        let (proposal, _) = ctx
            .load(ProposalId(self.0.proposal_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("link without a proposal")))?;
        Ok(Proposal(proposal))
    }

    async fn objective(&self, ctx: &Context<'_>) -> AppResult<StrategyObjective> {
        let objective = ctx
            .load(ObjectiveId(self.0.objective_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("link without an objective")))?;
        Ok(StrategyObjective(objective))
    }

    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    async fn linked_at(&self) -> DateTime {
        self.0.linked_at.into()
    }

    async fn linked_by(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        let Some(clerk) = self.0.linked_by_id else {
            return Ok(None);
        };
        let viewer = ctx.viewer().await?;
        let user = ctx.load(UserId(clerk)).await?;
        Ok(user
            .filter(|u| viewer.sees_user(u))
            .map(|u| User::for_viewer(u, viewer)))
    }
}

/// The strategy links of a proposal the viewer sees, on strategies they may see.
pub async fn links_of_proposal(
    ctx: &Context<'_>,
    proposal_id: i32,
) -> AppResult<Vec<StrategyLink>> {
    let viewer = ctx.viewer().await?;
    let links = ctx
        .load(LinksOfProposal(proposal_id))
        .await?
        .unwrap_or_default();
    Ok(links
        .into_iter()
        .filter(|(_, status)| viewer.sees_strategy(*status))
        .map(|(link, _)| StrategyLink(link))
        .collect())
}

pub struct Indicator(pub indicator::Model);

#[Object]
impl Indicator {
    pub async fn id(&self) -> ID {
        IndicatorId(self.0.id).to_global().into()
    }

    async fn objective(&self, ctx: &Context<'_>) -> AppResult<StrategyObjective> {
        let objective = ctx
            .load(ObjectiveId(self.0.objective_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("indicator without an objective")))?;
        Ok(StrategyObjective(objective))
    }

    async fn name(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        pick(ctx.language(lang).await, &self.0.name_en, &self.0.name_cy).into_owned()
    }

    async fn unit(&self) -> &str {
        &self.0.unit
    }

    async fn baseline(&self) -> Option<f64> {
        self.0.baseline
    }

    async fn target(&self) -> Option<f64> {
        self.0.target
    }

    /// Oldest first.
    #[graphql(complexity = "list_cost(LONG_LIST_ROWS, child_complexity)")]
    async fn measurements(&self, ctx: &Context<'_>) -> AppResult<Vec<Measurement>> {
        let measurements = ctx
            .load(MeasurementsOf(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(measurements.into_iter().map(Measurement).collect())
    }
}

pub struct Measurement(measurement::Model);

#[Object]
impl Measurement {
    async fn value(&self) -> f64 {
        self.0.value
    }

    async fn recorded_on(&self) -> Date {
        Date(self.0.recorded_on)
    }

    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
}

#[derive(InputObject)]
pub struct CreateStrategyInput {
    title_en: String,
    title_cy: String,
    summary_en: String,
    summary_cy: String,
    period_start: Date,
    period_end: Date,
}

#[derive(InputObject)]
pub struct UpdateStrategyInput {
    title_en: Option<String>,
    title_cy: Option<String>,
    summary_en: Option<String>,
    summary_cy: Option<String>,
    status: Option<StrategyStatus>,
}

#[derive(InputObject)]
pub struct ObjectiveInput {
    title_en: String,
    title_cy: String,
    description_en: String,
    description_cy: String,
    #[graphql(default_with = "Some(Vec::new())")]
    forum_ids: Option<Vec<ID>>,
    wellbeing_goals: Option<Vec<WellbeingGoal>>,
}

#[derive(InputObject)]
pub struct IndicatorInput {
    name_en: String,
    name_cy: String,
    unit: String,
    baseline: Option<f64>,
    target: Option<f64>,
}

#[derive(Default)]
pub struct StrategyQuery;

#[Object]
impl StrategyQuery {
    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn strategies(&self, ctx: &Context<'_>) -> AppResult<Vec<CommunityStrategy>> {
        let strategies = strategies::list(&ctx.state()?.db, ctx.viewer().await?).await?;
        Ok(strategies.into_iter().map(CommunityStrategy).collect())
    }

    async fn strategy(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<CommunityStrategy>> {
        let Ok(id) = StrategyId::from_object(&id) else {
            return Ok(None);
        };
        let found = strategies::find_visible(&ctx.state()?.db, ctx.viewer().await?, id).await?;
        Ok(found.map(CommunityStrategy))
    }

    async fn strategy_report(
        &self,
        ctx: &Context<'_>,
        strategy_id: ID,
        format: ReportFormat,
    ) -> AppResult<String> {
        let id = StrategyId::from_object(&strategy_id)?;
        let language = ctx.language(None).await;
        let viewer = ctx.viewer().await?;
        reports::render(&ctx.state()?.db, viewer, id, format.into(), language).await
    }
}

#[derive(Default)]
pub struct StrategyMutation;

#[Object]
impl StrategyMutation {
    async fn create_strategy(
        &self,
        ctx: &Context<'_>,
        input: CreateStrategyInput,
    ) -> AppResult<CommunityStrategy> {
        let new = NewStrategy {
            title_en: input.title_en,
            title_cy: input.title_cy,
            summary_en: input.summary_en,
            summary_cy: input.summary_cy,
            period_start: input.period_start.0,
            period_end: input.period_end.0,
        };
        strategies::create(ctx.state()?, ctx.viewer().await?, new)
            .await
            .map(CommunityStrategy)
    }

    async fn update_strategy(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateStrategyInput,
    ) -> AppResult<CommunityStrategy> {
        let changes = StrategyChanges {
            title_en: input.title_en,
            title_cy: input.title_cy,
            summary_en: input.summary_en,
            summary_cy: input.summary_cy,
            status: input.status.map(Into::into),
        };
        let id = StrategyId::from_object(&id)?;
        strategies::update(ctx.state()?, ctx.viewer().await?, id, changes)
            .await
            .map(CommunityStrategy)
    }

    async fn add_objective(
        &self,
        ctx: &Context<'_>,
        strategy_id: ID,
        input: ObjectiveInput,
    ) -> AppResult<StrategyObjective> {
        let new = NewObjective {
            title_en: input.title_en,
            title_cy: input.title_cy,
            description_en: input.description_en,
            description_cy: input.description_cy,
            forum_ids: input
                .forum_ids
                .unwrap_or_default()
                .iter()
                .map(|id| ForumId::from_input(Field::ForumIds, id))
                .collect::<AppResult<_>>()?,
            wellbeing_goals: input
                .wellbeing_goals
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
        };
        let strategy_id = StrategyId::from_object(&strategy_id)?;
        let viewer = ctx.viewer().await?;
        strategies::add_objective(ctx.state()?, viewer, strategy_id, new)
            .await
            .map(StrategyObjective)
    }

    async fn link_proposal(
        &self,
        ctx: &Context<'_>,
        objective_id: ID,
        proposal_id: ID,
        note: Option<String>,
    ) -> AppResult<StrategyLink> {
        let objective_id = ObjectiveId::from_object(&objective_id)?;
        let proposal_id = ProposalId::from_object(&proposal_id)?;
        let viewer = ctx.viewer().await?;
        strategies::link(ctx.state()?, viewer, objective_id, proposal_id, note)
            .await
            .map(StrategyLink)
    }

    async fn unlink_proposal(&self, ctx: &Context<'_>, link_id: ID) -> AppResult<bool> {
        let link_id = LinkId::from_object(&link_id)?;
        strategies::unlink(ctx.state()?, ctx.viewer().await?, link_id).await
    }

    async fn add_indicator(
        &self,
        ctx: &Context<'_>,
        objective_id: ID,
        input: IndicatorInput,
    ) -> AppResult<Indicator> {
        let new = NewIndicator {
            name_en: input.name_en,
            name_cy: input.name_cy,
            unit: input.unit,
            baseline: input.baseline,
            target: input.target,
        };
        let objective_id = ObjectiveId::from_object(&objective_id)?;
        let viewer = ctx.viewer().await?;
        strategies::add_indicator(ctx.state()?, viewer, objective_id, new)
            .await
            .map(Indicator)
    }

    async fn record_measurement(
        &self,
        ctx: &Context<'_>,
        indicator_id: ID,
        value: f64,
        recorded_on: Date,
        note: Option<String>,
    ) -> AppResult<Indicator> {
        let indicator_id = IndicatorId::from_object(&indicator_id)?;
        let viewer = ctx.viewer().await?;
        strategies::record_measurement(
            ctx.state()?,
            viewer,
            indicator_id,
            value,
            recorded_on.0,
            note,
        )
        .await
        .map(Indicator)
    }
}

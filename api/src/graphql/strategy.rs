//! The community strategy: how what the forums produce feeds the council's plans, and the
//! reports back ("you said, we did").

use async_graphql::{Context, Enum, ID, InputObject, Object};
use entity::{indicator, measurement, strategy, strategy_link, strategy_objective};

use super::{
    account::User,
    connection::{FORUM_LIST_ROWS, LONG_LIST_ROWS, SHORT_LIST_ROWS, list_cost},
    context::ContextExt,
    enums::Language,
    forum::{Forum, bilingual},
    loaders::{
        ForumsOf, IndicatorsOf, LinksOfObjective, LinksOfProposal, MeasurementsOf, ObjectiveId,
        ObjectivesOf, ProposalId, StrategyId, UserId,
    },
    proposal::Proposal,
    scalars::{Date, DateTime},
};
use crate::{
    error::AppError,
    ids::{NodeKind, encode, object_id},
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
        encode(NodeKind::CommunityStrategy, self.0.id).into()
    }

    async fn title(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        bilingual(ctx.language(lang).await, &self.0.title_en, &self.0.title_cy)
    }

    async fn summary(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        bilingual(
            ctx.language(lang).await,
            &self.0.summary_en,
            &self.0.summary_cy,
        )
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
    async fn objectives(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<StrategyObjective>> {
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
        encode(NodeKind::StrategyObjective, self.0.id).into()
    }

    async fn strategy(&self, ctx: &Context<'_>) -> async_graphql::Result<CommunityStrategy> {
        let strategy = ctx
            .load(StrategyId(self.0.strategy_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("objective without a strategy")))?;
        Ok(CommunityStrategy(strategy))
    }

    async fn title(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        bilingual(ctx.language(lang).await, &self.0.title_en, &self.0.title_cy)
    }

    async fn description(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        bilingual(
            ctx.language(lang).await,
            &self.0.description_en,
            &self.0.description_cy,
        )
    }

    async fn position(&self) -> i32 {
        self.0.position
    }

    #[graphql(complexity = "list_cost(FORUM_LIST_ROWS, child_complexity)")]
    async fn forums(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Forum>> {
        let forums = ctx.load(ForumsOf(self.0.id)).await?.unwrap_or_default();
        Ok(forums.into_iter().map(Forum).collect())
    }

    /// Proposals linked to this objective: how the forums fed the strategy.
    #[graphql(complexity = "list_cost(LONG_LIST_ROWS, child_complexity)")]
    async fn contributions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<StrategyLink>> {
        let viewer = ctx.viewer().await?;
        let links = ctx
            .load(LinksOfObjective(self.0.id))
            .await?
            .unwrap_or_default();
        let mut visible = Vec::with_capacity(links.len());
        for link in links {
            let proposal = ctx.load(ProposalId(link.proposal_id)).await?;
            if proposal.is_some_and(|(p, kind)| viewer.sees_proposal(&p, kind)) {
                visible.push(StrategyLink(link));
            }
        }
        Ok(visible)
    }

    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn indicators(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Indicator>> {
        let indicators = ctx.load(IndicatorsOf(self.0.id)).await?.unwrap_or_default();
        Ok(indicators.into_iter().map(Indicator).collect())
    }
}

/// A link; reached only where the viewer may see both its proposal and its strategy.
pub struct StrategyLink(pub strategy_link::Model);

#[Object]
impl StrategyLink {
    async fn id(&self) -> ID {
        encode(NodeKind::StrategyLink, self.0.id).into()
    }

    async fn proposal(&self, ctx: &Context<'_>) -> async_graphql::Result<Proposal> {
        let (proposal, _) = ctx
            .load(ProposalId(self.0.proposal_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("link without a proposal")))?;
        Ok(Proposal(proposal))
    }

    async fn objective(&self, ctx: &Context<'_>) -> async_graphql::Result<StrategyObjective> {
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

    async fn linked_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
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
) -> async_graphql::Result<Vec<StrategyLink>> {
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
        encode(NodeKind::Indicator, self.0.id).into()
    }

    async fn objective(&self, ctx: &Context<'_>) -> async_graphql::Result<StrategyObjective> {
        let objective = ctx
            .load(ObjectiveId(self.0.objective_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("indicator without an objective")))?;
        Ok(StrategyObjective(objective))
    }

    async fn name(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        bilingual(ctx.language(lang).await, &self.0.name_en, &self.0.name_cy)
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
    async fn measurements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Measurement>> {
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
    async fn strategies(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CommunityStrategy>> {
        let strategies = strategies::list(&ctx.state()?.db, ctx.viewer().await?).await?;
        Ok(strategies.into_iter().map(CommunityStrategy).collect())
    }

    async fn strategy(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<CommunityStrategy>> {
        let Ok(id) = object_id(NodeKind::CommunityStrategy, &id) else {
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
    ) -> async_graphql::Result<String> {
        let id = object_id(NodeKind::CommunityStrategy, &strategy_id)?;
        let language = ctx.language(None).await;
        let viewer = ctx.viewer().await?;
        Ok(reports::render(&ctx.state()?.db, viewer, id, format.into(), language).await?)
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
    ) -> async_graphql::Result<CommunityStrategy> {
        let new = NewStrategy {
            title_en: input.title_en,
            title_cy: input.title_cy,
            summary_en: input.summary_en,
            summary_cy: input.summary_cy,
            period_start: input.period_start.0,
            period_end: input.period_end.0,
        };
        Ok(CommunityStrategy(
            strategies::create(ctx.state()?, ctx.viewer().await?, new).await?,
        ))
    }

    async fn update_strategy(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateStrategyInput,
    ) -> async_graphql::Result<CommunityStrategy> {
        let changes = StrategyChanges {
            title_en: input.title_en,
            title_cy: input.title_cy,
            summary_en: input.summary_en,
            summary_cy: input.summary_cy,
            status: input.status.map(Into::into),
        };
        Ok(CommunityStrategy(
            strategies::update(ctx.state()?, ctx.viewer().await?, &id, changes).await?,
        ))
    }

    async fn add_objective(
        &self,
        ctx: &Context<'_>,
        strategy_id: ID,
        input: ObjectiveInput,
    ) -> async_graphql::Result<StrategyObjective> {
        let new = NewObjective {
            title_en: input.title_en,
            title_cy: input.title_cy,
            description_en: input.description_en,
            description_cy: input.description_cy,
            forum_ids: input
                .forum_ids
                .unwrap_or_default()
                .into_iter()
                .map(|id| id.0)
                .collect(),
        };
        let viewer = ctx.viewer().await?;
        Ok(StrategyObjective(
            strategies::add_objective(ctx.state()?, viewer, &strategy_id, new).await?,
        ))
    }

    async fn link_proposal(
        &self,
        ctx: &Context<'_>,
        objective_id: ID,
        proposal_id: ID,
        note: Option<String>,
    ) -> async_graphql::Result<StrategyLink> {
        let viewer = ctx.viewer().await?;
        let link =
            strategies::link(ctx.state()?, viewer, &objective_id, &proposal_id, note).await?;
        Ok(StrategyLink(link))
    }

    async fn unlink_proposal(&self, ctx: &Context<'_>, link_id: ID) -> async_graphql::Result<bool> {
        Ok(strategies::unlink(ctx.state()?, ctx.viewer().await?, &link_id).await?)
    }

    async fn add_indicator(
        &self,
        ctx: &Context<'_>,
        objective_id: ID,
        input: IndicatorInput,
    ) -> async_graphql::Result<Indicator> {
        let new = NewIndicator {
            name_en: input.name_en,
            name_cy: input.name_cy,
            unit: input.unit,
            baseline: input.baseline,
            target: input.target,
        };
        let viewer = ctx.viewer().await?;
        Ok(Indicator(
            strategies::add_indicator(ctx.state()?, viewer, &objective_id, new).await?,
        ))
    }

    async fn record_measurement(
        &self,
        ctx: &Context<'_>,
        indicator_id: ID,
        value: f64,
        recorded_on: Date,
        note: Option<String>,
    ) -> async_graphql::Result<Indicator> {
        let viewer = ctx.viewer().await?;
        let indicator = strategies::record_measurement(
            ctx.state()?,
            viewer,
            &indicator_id,
            value,
            recorded_on.0,
            note,
        )
        .await?;
        Ok(Indicator(indicator))
    }
}

//! The seven well-being goals of the Well-being of Future Generations (Wales) Act 2015 as tags:
//! one row per tagged proposal or objective and goal, so a goal is never given twice.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000006_create_proposals::Proposals;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The goals' stored names, as `entity::WellbeingGoal` spells them.
const GOALS: [&str; 7] = [
    "PROSPEROUS",
    "RESILIENT",
    "HEALTHIER",
    "MORE_EQUAL",
    "COHESIVE_COMMUNITIES",
    "VIBRANT_CULTURE_AND_THRIVING_WELSH_LANGUAGE",
    "GLOBALLY_RESPONSIBLE",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProposalWellbeingGoals::Table)
                    .col(integer(ProposalWellbeingGoals::ProposalId))
                    .col(
                        string_len(ProposalWellbeingGoals::Goal, 48)
                            .check(Expr::col(ProposalWellbeingGoals::Goal).is_in(GOALS)),
                    )
                    .primary_key(
                        Index::create()
                            .col(ProposalWellbeingGoals::ProposalId)
                            .col(ProposalWellbeingGoals::Goal),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProposalWellbeingGoals::Table,
                                ProposalWellbeingGoals::ProposalId,
                            )
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The report counts by goal.
        manager
            .create_index(
                Index::create()
                    .name("idx_proposal_wellbeing_goals_goal")
                    .table(ProposalWellbeingGoals::Table)
                    .col(ProposalWellbeingGoals::Goal)
                    .col(ProposalWellbeingGoals::ProposalId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ObjectiveWellbeingGoals::Table)
                    .col(integer(ObjectiveWellbeingGoals::ObjectiveId))
                    .col(
                        string_len(ObjectiveWellbeingGoals::Goal, 48)
                            .check(Expr::col(ObjectiveWellbeingGoals::Goal).is_in(GOALS)),
                    )
                    .primary_key(
                        Index::create()
                            .col(ObjectiveWellbeingGoals::ObjectiveId)
                            .col(ObjectiveWellbeingGoals::Goal),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ObjectiveWellbeingGoals::Table,
                                ObjectiveWellbeingGoals::ObjectiveId,
                            )
                            .to(StrategyObjectives::Table, StrategyObjectives::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(ObjectiveWellbeingGoals::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(ProposalWellbeingGoals::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ProposalWellbeingGoals {
    Table,
    ProposalId,
    Goal,
}

#[derive(DeriveIden)]
enum ObjectiveWellbeingGoals {
    Table,
    ObjectiveId,
    Goal,
}

#[derive(DeriveIden)]
enum StrategyObjectives {
    Table,
    Id,
}

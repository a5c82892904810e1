use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    m20261123_000001_create_users::Users, m20261123_000003_create_forums::Forums,
    m20261123_000006_create_proposals::Proposals,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Strategies::Table)
                    .col(pk_auto(Strategies::Id))
                    .col(string_len(Strategies::TitleEn, 150))
                    .col(string_len(Strategies::TitleCy, 150))
                    .col(text(Strategies::SummaryEn))
                    .col(text(Strategies::SummaryCy))
                    .col(date(Strategies::PeriodStart))
                    .col(date(Strategies::PeriodEnd))
                    .col(string_len(Strategies::Status, 16).check(
                        Expr::col(Strategies::Status).is_in([
                            "DRAFT",
                            "CONSULTATION",
                            "ADOPTED",
                            "ARCHIVED",
                        ]),
                    ))
                    .col(timestamp_with_time_zone(Strategies::CreatedAt))
                    .col(timestamp_with_time_zone(Strategies::UpdatedAt))
                    .check(Expr::col(Strategies::PeriodEnd).gte(Expr::col(Strategies::PeriodStart)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StrategyObjectives::Table)
                    .col(pk_auto(StrategyObjectives::Id))
                    .col(integer(StrategyObjectives::StrategyId))
                    .col(string_len(StrategyObjectives::TitleEn, 150))
                    .col(string_len(StrategyObjectives::TitleCy, 150))
                    .col(text(StrategyObjectives::DescriptionEn))
                    .col(text(StrategyObjectives::DescriptionCy))
                    .col(integer(StrategyObjectives::Position))
                    .col(timestamp_with_time_zone(StrategyObjectives::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StrategyObjectives::Table, StrategyObjectives::StrategyId)
                            .to(Strategies::Table, Strategies::Id),
                    )
                    .index(
                        Index::create()
                            .unique()
                            .col(StrategyObjectives::StrategyId)
                            .col(StrategyObjectives::Position),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ObjectiveForums::Table)
                    .col(integer(ObjectiveForums::ObjectiveId))
                    .col(integer(ObjectiveForums::ForumId))
                    .primary_key(
                        Index::create()
                            .col(ObjectiveForums::ObjectiveId)
                            .col(ObjectiveForums::ForumId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ObjectiveForums::Table, ObjectiveForums::ObjectiveId)
                            .to(StrategyObjectives::Table, StrategyObjectives::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ObjectiveForums::Table, ObjectiveForums::ForumId)
                            .to(Forums::Table, Forums::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StrategyLinks::Table)
                    .col(pk_auto(StrategyLinks::Id))
                    .col(integer(StrategyLinks::ObjectiveId))
                    .col(integer(StrategyLinks::ProposalId))
                    .col(text_null(StrategyLinks::Note))
                    .col(timestamp_with_time_zone(StrategyLinks::LinkedAt))
                    .col(integer_null(StrategyLinks::LinkedById))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StrategyLinks::Table, StrategyLinks::ObjectiveId)
                            .to(StrategyObjectives::Table, StrategyObjectives::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StrategyLinks::Table, StrategyLinks::ProposalId)
                            .to(Proposals::Table, Proposals::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StrategyLinks::Table, StrategyLinks::LinkedById)
                            .to(Users::Table, Users::Id),
                    )
                    .index(
                        Index::create()
                            .unique()
                            .col(StrategyLinks::ObjectiveId)
                            .col(StrategyLinks::ProposalId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_strategy_links_proposal")
                    .table(StrategyLinks::Table)
                    .col(StrategyLinks::ProposalId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Indicators::Table)
                    .col(pk_auto(Indicators::Id))
                    .col(integer(Indicators::ObjectiveId))
                    .col(string_len(Indicators::NameEn, 150))
                    .col(string_len(Indicators::NameCy, 150))
                    .col(string_len(Indicators::Unit, 40))
                    .col(double_null(Indicators::Baseline))
                    .col(double_null(Indicators::Target))
                    .col(timestamp_with_time_zone(Indicators::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Indicators::Table, Indicators::ObjectiveId)
                            .to(StrategyObjectives::Table, StrategyObjectives::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_indicators_objective")
                    .table(Indicators::Table)
                    .col(Indicators::ObjectiveId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Measurements::Table)
                    .col(pk_auto(Measurements::Id))
                    .col(integer(Measurements::IndicatorId))
                    .col(double(Measurements::Value))
                    .col(date(Measurements::RecordedOn))
                    .col(text_null(Measurements::Note))
                    .col(timestamp_with_time_zone(Measurements::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Measurements::Table, Measurements::IndicatorId)
                            .to(Indicators::Table, Indicators::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_measurements_indicator")
                    .table(Measurements::Table)
                    .col(Measurements::IndicatorId)
                    .col(Measurements::RecordedOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Measurements::Table.into_iden(),
            Indicators::Table.into_iden(),
            StrategyLinks::Table.into_iden(),
            ObjectiveForums::Table.into_iden(),
            StrategyObjectives::Table.into_iden(),
            Strategies::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Strategies {
    Table,
    Id,
    TitleEn,
    TitleCy,
    SummaryEn,
    SummaryCy,
    PeriodStart,
    PeriodEnd,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StrategyObjectives {
    Table,
    Id,
    StrategyId,
    TitleEn,
    TitleCy,
    DescriptionEn,
    DescriptionCy,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ObjectiveForums {
    Table,
    ObjectiveId,
    ForumId,
}

#[derive(DeriveIden)]
enum StrategyLinks {
    Table,
    Id,
    ObjectiveId,
    ProposalId,
    Note,
    LinkedAt,
    LinkedById,
}

#[derive(DeriveIden)]
enum Indicators {
    Table,
    Id,
    ObjectiveId,
    NameEn,
    NameCy,
    Unit,
    Baseline,
    Target,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Measurements {
    Table,
    Id,
    IndicatorId,
    Value,
    RecordedOn,
    Note,
    CreatedAt,
}

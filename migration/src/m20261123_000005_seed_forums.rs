//! The six themed forums of the council's community strategy, each with its youth shadow forum.
//! A data migration, so it runs exactly once: forums a clerk later renames or archives stay so.

use sea_orm_migration::{prelude::*, sea_orm::ConnectionTrait};

use crate::m20261123_000003_create_forums::Forums;

#[derive(DeriveMigrationName)]
pub struct Migration;

struct SeedForum {
    slug: &'static str,
    name_en: &'static str,
    name_cy: &'static str,
    description_en: &'static str,
    description_cy: &'static str,
}

const FORUMS: [SeedForum; 6] = [
    SeedForum {
        slug: "environment",
        name_en: "Environment",
        name_cy: "Amgylchedd",
        description_en: "Green spaces, climate action, waste and recycling, rivers and wildlife.",
        description_cy: "Mannau gwyrdd, gweithredu ar yr hinsawdd, gwastraff ac ailgylchu, afonydd a bywyd gwyllt.",
    },
    SeedForum {
        slug: "transport",
        name_en: "Transport",
        name_cy: "Trafnidiaeth",
        description_en: "Buses, trains, roads and parking, and safe routes for walking and cycling.",
        description_cy: "Bysiau, trenau, ffyrdd a pharcio, a llwybrau diogel ar gyfer cerdded a beicio.",
    },
    SeedForum {
        slug: "health-wellbeing",
        name_en: "Health and Wellbeing",
        name_cy: "Iechyd a Llesiant",
        description_en: "Health services, mental health, sport, play and healthy living for all ages.",
        description_cy: "Gwasanaethau iechyd, iechyd meddwl, chwaraeon, chwarae a byw'n iach i bob oed.",
    },
    SeedForum {
        slug: "community-safety",
        name_en: "Community Safety",
        name_cy: "Diogelwch Cymunedol",
        description_en: "Safer streets, street lighting, anti-social behaviour and road safety.",
        description_cy: "Strydoedd mwy diogel, goleuadau stryd, ymddygiad gwrthgymdeithasol a diogelwch ar y ffyrdd.",
    },
    SeedForum {
        slug: "economy-tourism",
        name_en: "Economy and Tourism",
        name_cy: "Economi a Thwristiaeth",
        description_en: "Local jobs, the high street, markets, events and welcoming visitors.",
        description_cy: "Swyddi lleol, y stryd fawr, marchnadoedd, digwyddiadau a chroesawu ymwelwyr.",
    },
    SeedForum {
        slug: "culture-heritage",
        name_en: "Culture and Heritage",
        name_cy: "Diwylliant a Threftadaeth",
        description_en: "The Welsh language, the arts, local history, libraries and traditions.",
        description_cy: "Y Gymraeg, y celfyddydau, hanes lleol, llyfrgelloedd a thraddodiadau.",
    },
];

const DEFAULT_SUPPORT_THRESHOLD: i32 = 25;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let now = chrono::Utc::now();
        for forum in &FORUMS {
            db.execute(
                &Query::insert()
                    .into_table(Forums::Table)
                    .columns(columns())
                    .values_panic(values(
                        forum.slug.to_string(),
                        forum.name_en.to_string(),
                        forum.name_cy.to_string(),
                        forum.description_en.to_string(),
                        forum.description_cy.to_string(),
                        None,
                        now,
                    ))
                    .to_owned(),
            )
            .await?;
            let themed_id: i32 = db
                .query_one(
                    &Query::select()
                        .column(Forums::Id)
                        .from(Forums::Table)
                        .and_where(Expr::col(Forums::Slug).eq(forum.slug))
                        .to_owned(),
                )
                .await?
                .ok_or_else(|| DbErr::RecordNotFound(forum.slug.to_string()))?
                .try_get("", "id")?;
            db.execute(
                &Query::insert()
                    .into_table(Forums::Table)
                    .columns(columns())
                    .values_panic(values(
                        format!("youth-{}", forum.slug),
                        format!("Youth Forum: {}", forum.name_en),
                        format!("Fforwm Ieuenctid: {}", forum.name_cy),
                        format!(
                            "The young people's shadow forum for {}: a space of their own for members aged 13 to 25. {}",
                            forum.name_en, forum.description_en
                        ),
                        format!(
                            "Fforwm cysgodol pobl ifanc ar gyfer {}: lle iddyn nhw eu hunain i aelodau rhwng 13 a 25 oed. {}",
                            forum.name_cy, forum.description_cy
                        ),
                        Some(themed_id),
                        now,
                    ))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let slugs = FORUMS.iter().map(|forum| forum.slug);
        let youth_slugs: Vec<String> = slugs.clone().map(|slug| format!("youth-{slug}")).collect();
        let db = manager.get_connection();
        db.execute(
            &Query::delete()
                .from_table(Forums::Table)
                .and_where(Expr::col(Forums::Slug).is_in(youth_slugs))
                .to_owned(),
        )
        .await?;
        db.execute(
            &Query::delete()
                .from_table(Forums::Table)
                .and_where(Expr::col(Forums::Slug).is_in(slugs))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

fn columns() -> [Forums; 10] {
    [
        Forums::Slug,
        Forums::Kind,
        Forums::NameEn,
        Forums::NameCy,
        Forums::DescriptionEn,
        Forums::DescriptionCy,
        Forums::ShadowOfId,
        Forums::SupportThreshold,
        Forums::CreatedAt,
        Forums::UpdatedAt,
    ]
}

fn values(
    slug: String,
    name_en: String,
    name_cy: String,
    description_en: String,
    description_cy: String,
    shadow_of_id: Option<i32>,
    now: chrono::DateTime<chrono::Utc>,
) -> [SimpleExpr; 10] {
    let kind = if shadow_of_id.is_some() {
        "YOUTH_SHADOW"
    } else {
        "THEMED"
    };
    [
        slug.into(),
        kind.into(),
        name_en.into(),
        name_cy.into(),
        description_en.into(),
        description_cy.into(),
        shadow_of_id.into(),
        DEFAULT_SUPPORT_THRESHOLD.into(),
        now.into(),
        now.into(),
    ]
}

//! Forums: the themed forums, their youth shadows, and who has joined which.

use entity::{ForumKind, Role, forum, forum_member};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QueryOrder,
    Set,
    sea_query::{OnConflict, Query},
};

use super::{
    audit::{self, AuditAction, AuditRecord},
    input,
};
use crate::{
    args,
    auth::{Viewer, policy::may_be_member},
    db::begin_write,
    error::{AppError, AppResult, Field, UniqueKey},
    i18n::{self, Language},
    ids::ForumId,
    state::AppState,
};

const SLUG_KEY: UniqueKey = UniqueKey {
    table: "forums",
    columns: &["slug"],
    index: None,
};

const YOUTH_SLUG_PREFIX: &str = "youth-";
const MAX_SLUG: usize = 60;
const MAX_NAME: usize = 100;
const MAX_DESCRIPTION: usize = 2000;

/// Themed forums first, then youth shadows, each in the order they were made.
pub async fn list(
    db: &impl ConnectionTrait,
    kind: Option<ForumKind>,
    include_archived: bool,
) -> AppResult<Vec<forum::Model>> {
    let mut select = forum::Entity::find();
    if let Some(kind) = kind {
        select = select.filter(forum::Column::Kind.eq(kind));
    }
    if !include_archived {
        select = select.filter(forum::Column::ArchivedAt.is_null());
    }
    Ok(select
        .order_by_asc(forum::Column::Kind)
        .order_by_asc(forum::Column::Id)
        .all(db)
        .await?)
}

pub async fn by_slug(db: &impl ConnectionTrait, slug: &str) -> AppResult<Option<forum::Model>> {
    Ok(forum::Entity::find()
        .filter(forum::Column::Slug.eq(slug))
        .one(db)
        .await?)
}

/// Every forum is visible to everyone (a youth forum's existence is public; its content is not).
pub async fn by_id(
    db: &impl ConnectionTrait,
    forum_id: ForumId,
) -> AppResult<Option<forum::Model>> {
    Ok(forum::Entity::find_by_id(forum_id.0).one(db).await?)
}

async fn find(db: &impl ConnectionTrait, forum_id: ForumId) -> AppResult<forum::Model> {
    by_id(db, forum_id).await?.ok_or(AppError::NotFound)
}

/// Idempotent: joining twice is the same as joining once.
pub async fn join(state: &AppState, viewer: &Viewer, forum_id: ForumId) -> AppResult<forum::Model> {
    let txn = begin_write(&state.db).await?;
    let forum = find(&txn, forum_id).await?;
    let actor = viewer.require_may_join(&forum)?;
    forum_member::Entity::insert(forum_member::ActiveModel {
        forum_id: Set(forum.id),
        user_id: Set(actor.id),
        joined_at: Set(crate::clock::now()),
    })
    .on_conflict(
        OnConflict::columns([forum_member::Column::ForumId, forum_member::Column::UserId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(forum)
}

/// Ends the memberships `role` may not hold (`policy::may_be_member`), inside the caller's
/// transaction: a role change takes the person out of the forums they may no longer enter.
pub async fn end_memberships_closed_to(
    conn: &impl ConnectionTrait,
    user_id: i32,
    role: Role,
) -> AppResult<()> {
    let closed: Vec<ForumKind> = ForumKind::iter()
        .filter(|kind| !may_be_member(role, *kind))
        .collect();
    if closed.is_empty() {
        return Ok(());
    }
    forum_member::Entity::delete_many()
        .filter(forum_member::Column::UserId.eq(user_id))
        .filter(
            forum_member::Column::ForumId.in_subquery(
                Query::select()
                    .column(forum::Column::Id)
                    .from(forum::Entity)
                    .and_where(forum::Column::Kind.is_in(closed))
                    .to_owned(),
            ),
        )
        .exec(conn)
        .await?;
    Ok(())
}

/// Idempotent; leaving is allowed even from an archived forum.
pub async fn leave(
    state: &AppState,
    viewer: &Viewer,
    forum_id: ForumId,
) -> AppResult<forum::Model> {
    let actor = viewer.require_active()?;
    let txn = begin_write(&state.db).await?;
    let forum = find(&txn, forum_id).await?;
    forum_member::Entity::delete_many()
        .filter(forum_member::Column::ForumId.eq(forum.id))
        .filter(forum_member::Column::UserId.eq(actor.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(forum)
}

pub struct NewForum {
    pub slug: String,
    pub name_en: String,
    pub name_cy: String,
    pub description_en: String,
    pub description_cy: String,
    pub support_threshold: i32,
    pub with_youth_shadow: bool,
}

/// A themed forum and, unless asked not to, its youth shadow `youth-<slug>`.
pub async fn create(state: &AppState, viewer: &Viewer, new: NewForum) -> AppResult<forum::Model> {
    let clerk = viewer.require_clerk()?;
    let slug = input::slug(Field::Slug, &new.slug)?;
    let youth_slug = format!("{YOUTH_SLUG_PREFIX}{slug}");
    if new.with_youth_shadow && youth_slug.len() > MAX_SLUG {
        return Err(AppError::invalid_with(
            Field::Slug,
            "error-slug-youth-room",
            args!(max = MAX_SLUG - YOUTH_SLUG_PREFIX.len()),
        ));
    }
    let name_en = input::name(Field::NameEn, &new.name_en, 2, MAX_NAME)?;
    let name_cy = input::name(Field::NameCy, &new.name_cy, 2, MAX_NAME)?;
    let description_en = input::text(
        Field::DescriptionEn,
        &new.description_en,
        1,
        MAX_DESCRIPTION,
    )?;
    let description_cy = input::text(
        Field::DescriptionCy,
        &new.description_cy,
        1,
        MAX_DESCRIPTION,
    )?;
    let support_threshold =
        input::support_threshold(Field::SupportThreshold, new.support_threshold)?;
    let now = crate::clock::now();
    let duplicate =
        || AppError::on_unique_violation(SLUG_KEY, AppError::conflict("error-slug-taken"));

    let txn = begin_write(&state.db).await?;
    let themed = forum::ActiveModel {
        slug: Set(slug),
        kind: Set(ForumKind::Themed),
        name_en: Set(name_en.clone()),
        name_cy: Set(name_cy.clone()),
        description_en: Set(description_en.clone()),
        description_cy: Set(description_cy.clone()),
        shadow_of_id: Set(None),
        support_threshold: Set(support_threshold),
        archived_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(duplicate())?;
    audit::record(&txn, created(clerk.id, &themed), now).await?;
    if new.with_youth_shadow {
        let youth = forum::ActiveModel {
            slug: Set(youth_slug),
            kind: Set(ForumKind::YouthShadow),
            name_en: Set(youth_words(Language::En, "forum-youth-name", &name_en, "")),
            name_cy: Set(youth_words(Language::Cy, "forum-youth-name", &name_cy, "")),
            description_en: Set(youth_words(
                Language::En,
                "forum-youth-description",
                &name_en,
                &description_en,
            )),
            description_cy: Set(youth_words(
                Language::Cy,
                "forum-youth-description",
                &name_cy,
                &description_cy,
            )),
            shadow_of_id: Set(Some(themed.id)),
            support_threshold: Set(support_threshold),
            archived_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(duplicate())?;
        audit::record(&txn, created(clerk.id, &youth), now).await?;
    }
    txn.commit().await?;
    Ok(themed)
}

/// A youth shadow forum's name or description, in each language, from the themed forum's.
fn youth_words(language: Language, id: &str, name: &str, description: &str) -> String {
    i18n::render(language, id, &args!(name = name, description = description))
}

fn created(actor_id: i32, forum: &forum::Model) -> AuditRecord {
    AuditRecord {
        actor_id: Some(actor_id),
        action: AuditAction::ForumCreated,
        subject_id: Some(ForumId(forum.id).to_global()),
        detail: Some(forum.slug.clone()),
    }
}

#[derive(Default)]
pub struct ForumChanges {
    pub name_en: Option<String>,
    pub name_cy: Option<String>,
    pub description_en: Option<String>,
    pub description_cy: Option<String>,
    pub support_threshold: Option<i32>,
}

pub async fn update(
    state: &AppState,
    viewer: &Viewer,
    forum_id: ForumId,
    changes: ForumChanges,
) -> AppResult<forum::Model> {
    let clerk = viewer.require_clerk()?;
    let name_en = changes
        .name_en
        .map(|v| input::name(Field::NameEn, &v, 2, MAX_NAME))
        .transpose()?;
    let name_cy = changes
        .name_cy
        .map(|v| input::name(Field::NameCy, &v, 2, MAX_NAME))
        .transpose()?;
    let description_en = changes
        .description_en
        .map(|v| input::text(Field::DescriptionEn, &v, 1, MAX_DESCRIPTION))
        .transpose()?;
    let description_cy = changes
        .description_cy
        .map(|v| input::text(Field::DescriptionCy, &v, 1, MAX_DESCRIPTION))
        .transpose()?;
    let support_threshold = changes
        .support_threshold
        .map(|v| input::support_threshold(Field::SupportThreshold, v))
        .transpose()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let forum = find(&txn, forum_id).await?;
    let mut active: forum::ActiveModel = forum.into();
    let mut changed = Vec::new();
    if let Some(v) = name_en {
        active.name_en = Set(v);
        changed.push("nameEn");
    }
    if let Some(v) = name_cy {
        active.name_cy = Set(v);
        changed.push("nameCy");
    }
    if let Some(v) = description_en {
        active.description_en = Set(v);
        changed.push("descriptionEn");
    }
    if let Some(v) = description_cy {
        active.description_cy = Set(v);
        changed.push("descriptionCy");
    }
    if let Some(v) = support_threshold {
        active.support_threshold = Set(v);
        changed.push("supportThreshold");
    }
    active.updated_at = Set(now);
    let forum = active.update(&txn).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: AuditAction::ForumUpdated,
            subject_id: Some(ForumId(forum.id).to_global()),
            detail: Some(changed.join(", ")),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(forum)
}

/// Archives the forum and, for a themed forum, its youth shadow with it.
pub async fn archive(
    state: &AppState,
    viewer: &Viewer,
    forum_id: ForumId,
) -> AppResult<forum::Model> {
    let clerk = viewer.require_clerk()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let forum = find(&txn, forum_id).await?;
    if forum.archived_at.is_some() {
        return Err(AppError::conflict("error-forum-already-archived"));
    }
    let shadows = forum::Entity::find()
        .filter(forum::Column::ShadowOfId.eq(forum.id))
        .filter(forum::Column::ArchivedAt.is_null())
        .all(&txn)
        .await?;
    let mut archived = None;
    for target in std::iter::once(forum).chain(shadows) {
        let mut active: forum::ActiveModel = target.into();
        active.archived_at = Set(Some(now));
        active.updated_at = Set(now);
        let target = active.update(&txn).await?;
        audit::record(
            &txn,
            AuditRecord {
                actor_id: Some(clerk.id),
                action: AuditAction::ForumArchived,
                subject_id: Some(ForumId(target.id).to_global()),
                detail: Some(target.slug.clone()),
            },
            now,
        )
        .await?;
        archived.get_or_insert(target);
    }
    txn.commit().await?;
    archived.ok_or(AppError::NotFound)
}

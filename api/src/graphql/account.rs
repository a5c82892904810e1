//! People: the User type, signing in and out, one's own account, and clerks' account work.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use entity::user;

use super::{
    connection::{ListConnection, connection, page_cost, page_request},
    context::ContextExt,
    email::{self, EmailFrequency, Follow, NotificationSettings},
    enums::{AccountStatus, Language, Role},
    notification::NotificationKind,
    scalars::{Date, DateTime},
};
use crate::{
    auth::Viewer,
    error::AppResult,
    i18n,
    ids::UserId,
    service::{
        accounts::{self, ProfileChanges, Registration},
        privacy,
        sessions::{self, SignedIn},
        users,
    },
};

pub struct User {
    model: user::Model,
    email_visible: bool,
}

impl User {
    /// The user as this viewer may see them: `email` only for themself and clerks.
    pub fn for_viewer(model: user::Model, viewer: &Viewer) -> Self {
        let email_visible = viewer.sees_email_of(model.id);
        Self {
            model,
            email_visible,
        }
    }

    /// The account holder's own view.
    fn own(model: user::Model) -> Self {
        Self {
            model,
            email_visible: true,
        }
    }
}

#[Object]
impl User {
    pub async fn id(&self) -> ID {
        UserId(self.model.id).to_global().into()
    }

    /// A deleted account's is "Deleted account", in the reader's language.
    async fn display_name(&self, ctx: &Context<'_>) -> String {
        if self.model.deleted_at.is_some() {
            return i18n::text(ctx.language(None).await, "user-deleted-name");
        }
        self.model.display_name.clone()
    }

    async fn role(&self) -> Role {
        self.model.role.into()
    }

    async fn status(&self) -> AccountStatus {
        self.model.status.into()
    }

    async fn preferred_language(&self) -> Language {
        self.model.preferred_language.into()
    }

    /// The user themself and clerks see it; null for everyone else.
    async fn email(&self) -> Option<&str> {
        self.email_visible
            .then_some(self.model.email.as_deref())
            .flatten()
    }

    async fn created_at(&self) -> DateTime {
        self.model.created_at.into()
    }

    /// The viewer's own; null on anyone else's User.
    async fn email_verified(&self, ctx: &Context<'_>) -> AppResult<Option<bool>> {
        Ok(email::own_settings(ctx, &self.model)
            .await?
            .map(|settings| settings.verified))
    }

    /// The viewer's own; null on anyone else's User.
    async fn notification_settings(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<NotificationSettings>> {
        Ok(email::own_settings(ctx, &self.model).await?.map(Into::into))
    }

    /// The viewer's own follows; null on anyone else's User.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn following(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> AppResult<Option<ListConnection<Follow>>> {
        email::following(ctx, &self.model, first, after).await
    }
}

#[derive(SimpleObject)]
pub struct AuthPayload {
    /// Short-lived JWT for the Authorization: Bearer header.
    access_token: String,
    access_token_expires_at: DateTime,
    /// Opaque and single-use: refreshSession retires it and returns a new one.
    refresh_token: String,
    user: User,
}

impl From<SignedIn> for AuthPayload {
    fn from(signed_in: SignedIn) -> Self {
        Self {
            access_token: signed_in.access_token,
            access_token_expires_at: signed_in.access_token_expires_at.into(),
            refresh_token: signed_in.refresh_token,
            user: User::own(signed_in.user),
        }
    }
}

#[derive(InputObject)]
pub struct RegisterInput {
    email: String,
    password: String,
    display_name: String,
    #[graphql(default_with = "Some(Language::En)")]
    preferred_language: Option<Language>,
    /// Required when asYouth is true.
    date_of_birth: Option<Date>,
    /// Ask to join as a youth member (youth shadow forums); a clerk approves.
    #[graphql(default_with = "Some(false)")]
    as_youth: Option<bool>,
}

#[derive(InputObject)]
pub struct UpdateMeInput {
    display_name: Option<String>,
    preferred_language: Option<Language>,
    email_frequency: Option<EmailFrequency>,
    /// Replaces the kinds never sent by email.
    muted_kinds: Option<Vec<NotificationKind>>,
}

#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    async fn me(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        let state = ctx.state()?;
        let viewer = ctx.viewer().await?;
        let Some(actor) = &viewer.actor else {
            return Ok(None);
        };
        let me = accounts::find_live(&state.db, UserId(actor.id)).await?;
        Ok(Some(User::own(me)))
    }

    /// Clerks.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        role: Option<Role>,
        status: Option<AccountStatus>,
    ) -> AppResult<ListConnection<User>> {
        let state = ctx.state()?;
        let viewer = ctx.viewer().await?;
        let request = page_request(ctx, first, after.as_deref())?;
        let page = users::list(
            &state.db,
            viewer,
            role.map(Into::into),
            status.map(Into::into),
            &request,
        )
        .await?;
        Ok(connection(page, |u| User::for_viewer(u, viewer)))
    }
}

#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    async fn register(&self, ctx: &Context<'_>, input: RegisterInput) -> AppResult<AuthPayload> {
        let registration = Registration {
            email: input.email,
            password: input.password,
            display_name: input.display_name,
            preferred_language: input.preferred_language.unwrap_or(Language::En).into(),
            date_of_birth: input.date_of_birth.map(|d| d.0),
            as_youth: input.as_youth.unwrap_or(false),
        };
        let address = ctx.request()?.client_address();
        accounts::register(ctx.state()?, registration, address)
            .await
            .map(Into::into)
    }

    async fn login(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
    ) -> AppResult<AuthPayload> {
        let address = ctx.request()?.client_address();
        accounts::login(ctx.state()?, &email, password, address)
            .await
            .map(Into::into)
    }

    async fn refresh_session(
        &self,
        ctx: &Context<'_>,
        refresh_token: String,
    ) -> AppResult<AuthPayload> {
        sessions::refresh(ctx.state()?, &refresh_token)
            .await
            .map(Into::into)
    }

    async fn logout(&self, ctx: &Context<'_>, refresh_token: String) -> AppResult<bool> {
        sessions::logout(ctx.state()?, &refresh_token).await
    }

    async fn update_me(&self, ctx: &Context<'_>, input: UpdateMeInput) -> AppResult<User> {
        let changes = ProfileChanges {
            display_name: input.display_name,
            preferred_language: input.preferred_language.map(Into::into),
            email_frequency: input.email_frequency.map(Into::into),
            muted_kinds: input
                .muted_kinds
                .map(|kinds| kinds.into_iter().map(Into::into).collect()),
        };
        accounts::update_me(ctx.state()?, ctx.viewer().await?, changes)
            .await
            .map(User::own)
    }

    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: String,
        new_password: String,
    ) -> AppResult<bool> {
        accounts::change_password(
            ctx.state()?,
            ctx.viewer().await?,
            current_password,
            new_password,
        )
        .await
    }

    /// All the viewer's own data, as a JSON document.
    async fn export_my_data(&self, ctx: &Context<'_>) -> AppResult<String> {
        privacy::export(ctx.state()?, ctx.viewer().await?).await
    }

    async fn delete_my_account(&self, ctx: &Context<'_>, password: String) -> AppResult<bool> {
        privacy::delete_account(ctx.state()?, ctx.viewer().await?, password).await
    }

    async fn set_user_role(&self, ctx: &Context<'_>, user_id: ID, role: Role) -> AppResult<User> {
        let user_id = UserId::from_object(&user_id)?;
        let viewer = ctx.viewer().await?;
        let user = users::set_role(ctx.state()?, viewer, user_id, role.into()).await?;
        Ok(User::for_viewer(user, viewer))
    }

    async fn approve_youth_member(&self, ctx: &Context<'_>, user_id: ID) -> AppResult<User> {
        let user_id = UserId::from_object(&user_id)?;
        let viewer = ctx.viewer().await?;
        let user = users::approve_youth(ctx.state()?, viewer, user_id).await?;
        Ok(User::for_viewer(user, viewer))
    }

    async fn suspend_user(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        reason: String,
    ) -> AppResult<User> {
        let user_id = UserId::from_object(&user_id)?;
        let viewer = ctx.viewer().await?;
        let user = users::suspend(ctx.state()?, viewer, user_id, &reason).await?;
        Ok(User::for_viewer(user, viewer))
    }

    async fn reinstate_user(&self, ctx: &Context<'_>, user_id: ID) -> AppResult<User> {
        let user_id = UserId::from_object(&user_id)?;
        let viewer = ctx.viewer().await?;
        let user = users::reinstate(ctx.state()?, viewer, user_id).await?;
        Ok(User::for_viewer(user, viewer))
    }
}

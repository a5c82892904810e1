//! The audit log as clerks read it.

use async_graphql::{Context, ID, Object};
use entity::audit_entry;

use super::{
    account::User,
    connection::{ListConnection, connection, page_cost, page_request},
    context::ContextExt,
    scalars::DateTime,
};
use crate::{
    error::AppResult,
    ids::{AuditEntryId, UserId},
    service::audit,
};

pub struct AuditEntry(pub audit_entry::Model);

#[Object]
impl AuditEntry {
    pub async fn id(&self) -> ID {
        AuditEntryId(self.0.id).to_global().into()
    }

    async fn actor(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        let Some(actor_id) = self.0.actor_id else {
            return Ok(None);
        };
        let viewer = ctx.viewer().await?;
        let user = ctx.load(UserId(actor_id)).await?;
        Ok(user
            .filter(|u| viewer.sees_user(u))
            .map(|u| User::for_viewer(u, viewer)))
    }

    /// Dotted verb, e.g. user.role_changed, proposal.status_changed, content.hidden.
    async fn action(&self) -> &str {
        &self.0.action
    }

    async fn subject_id(&self) -> Option<ID> {
        self.0.subject_id.clone().map(ID)
    }

    async fn detail(&self) -> Option<&str> {
        self.0.detail.as_deref()
    }

    async fn at(&self) -> DateTime {
        self.0.at.into()
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Clerks.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> AppResult<ListConnection<AuditEntry>> {
        let state = ctx.state()?;
        let viewer = ctx.viewer().await?;
        let request = page_request(ctx, first, after.as_deref())?;
        let page = audit::list(&state.db, viewer, &request).await?;
        Ok(connection(page, AuditEntry))
    }
}

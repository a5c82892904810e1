//! Who wrote something, as the viewer may know it (RULES.md "Youth identity").

use async_graphql::Context;
use entity::Role;

use super::{account::User, context::ContextExt};
use crate::{error::AppResult, ids::UserId};

/// The author's User, or `None` where the viewer may not know who it is or the account is gone.
/// Both the role they wrote as and the role they have now count: what a young person wrote
/// stays theirs alone after they age out, and a resident who becomes a youth member is
/// protected from then on.
pub async fn author(ctx: &Context<'_>, role: Role, author_id: i32) -> AppResult<Option<User>> {
    let viewer = ctx.viewer().await?;
    if !viewer.sees_author(role, author_id) {
        return Ok(None);
    }
    let user = ctx.load(UserId(author_id)).await?;
    Ok(user
        .filter(|u| viewer.sees_user(u))
        .map(|u| User::for_viewer(u, viewer)))
}

//! The council's official responses to proposals.

use entity::council_response;
use sea_orm::{ConnectionTrait, EntityTrait};

use super::proposals;
use crate::{auth::Viewer, error::AppResult};

/// A response the viewer may see: one on a proposal they may see.
pub async fn find_visible(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    response_id: i32,
) -> AppResult<Option<council_response::Model>> {
    let Some(response) = council_response::Entity::find_by_id(response_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let visible = proposals::find_visible(conn, viewer, response.proposal_id)
        .await?
        .is_some();
    Ok(visible.then_some(response))
}

//! The GraphQL schema, apart from any transport: the merged roots and the request limits.

pub mod account;
pub mod audit;
pub mod author;
pub mod connection;
pub mod context;
pub mod council;
pub mod discussion;
pub mod enums;
pub mod errors;
pub mod forum;
pub mod loaders;
pub mod moderation;
pub mod node;
pub mod notification;
pub mod outcomes;
pub mod proposal;
pub mod scalars;
pub mod strategy;
pub mod subscription;
pub mod text_guard;

use async_graphql::{MergedObject, Schema, SchemaBuilder};

use crate::state::AppState;

#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    account::AccountQuery,
    forum::ForumQuery,
    proposal::ProposalQuery,
    discussion::DiscussionQuery,
    notification::NotificationQuery,
    moderation::ModerationQuery,
    strategy::StrategyQuery,
    outcomes::OutcomesQuery,
    audit::AuditQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    account::AccountMutation,
    forum::ForumMutation,
    proposal::ProposalMutation,
    discussion::DiscussionMutation,
    council::CouncilMutation,
    notification::NotificationMutation,
    moderation::ModerationMutation,
    strategy::StrategyMutation,
);

pub type AppSchema = Schema<Query, Mutation, subscription::Subscription>;

/// Deeper than any real client query goes (RULES.md "Input").
pub const MAX_DEPTH: usize = 15;
/// A normal forum page (20 proposals with authors, responses and 10 comments each) costs a few
/// thousand; this leaves room for it and refuses the abusive.
pub const MAX_COMPLEXITY: usize = 20_000;
pub const MAX_DIRECTIVES_PER_FIELD: usize = 50;

/// `introspection`: answer `__schema` and `__type` and suggest field names (development, or
/// production with `FFORWM_INTROSPECTION=true`).
fn builder(introspection: bool) -> SchemaBuilder<Query, Mutation, subscription::Subscription> {
    let builder = Schema::build(
        Query::default(),
        Mutation::default(),
        subscription::Subscription,
    )
    .register_output_type::<node::Node>()
    .extension(text_guard::NoNulText)
    .limit_depth(MAX_DEPTH)
    .limit_complexity(MAX_COMPLEXITY)
    .limit_directives(MAX_DIRECTIVES_PER_FIELD);
    if introspection {
        builder
    } else {
        builder.disable_introspection().disable_suggestions()
    }
}

/// The schema a server runs, with its shared state.
pub fn build_schema(state: AppState, introspection: bool) -> AppSchema {
    builder(introspection).data(state).finish()
}

/// The schema's SDL, as exported to api/schema.graphql; needs no database.
pub fn sdl() -> String {
    builder(true).finish().sdl()
}

#[cfg(test)]
mod tests {
    /// api/schema.graphql is what clients and the contract check read: it must be the code's.
    #[test]
    fn exported_schema_is_current() {
        let exported = include_str!("../../schema.graphql");
        assert!(
            exported == super::sdl(),
            "api/schema.graphql is stale: run `cargo run -- export-schema > api/schema.graphql`"
        );
    }
}

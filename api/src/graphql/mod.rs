//! The GraphQL schema, apart from any transport: the merged roots, and one schema per batch size
//! so that the operations of one request share one complexity budget (`limits.rs`), in strict
//! validation for new documents and fast validation for those validated before
//! (`documents.rs`).

pub mod account;
pub mod audit;
pub mod author;
pub mod connection;
pub mod context;
pub mod council;
pub mod debate;
pub mod discussion;
pub mod documents;
pub mod email;
pub mod enums;
pub mod errors;
pub mod forum;
pub mod limits;
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
pub mod wellbeing;

use async_graphql::{MergedObject, Schema, SchemaBuilder, ValidationMode};

use self::{
    documents::Seen,
    limits::{
        MAX_BATCH, MAX_COMPLEXITY, MAX_DEPTH, MAX_DIRECTIVES_PER_FIELD, complexity_per_operation,
    },
};
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
    wellbeing::WellbeingQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    account::AccountMutation,
    forum::ForumMutation,
    proposal::ProposalMutation,
    discussion::DiscussionMutation,
    council::CouncilMutation,
    debate::DebateMutation,
    notification::NotificationMutation,
    moderation::ModerationMutation,
    strategy::StrategyMutation,
    wellbeing::WellbeingMutation,
    email::EmailMutation,
);

pub type AppSchema = Schema<Query, Mutation, subscription::Subscription>;

/// `introspection`: answer `__schema` and `__type` and suggest field names (development, or
/// production with `FFORWM_INTROSPECTION=true`).
fn builder(
    introspection: bool,
    max_complexity: usize,
) -> SchemaBuilder<Query, Mutation, subscription::Subscription> {
    let builder = Schema::build(
        Query::default(),
        Mutation::default(),
        subscription::Subscription,
    )
    .register_output_type::<node::Node>()
    .limit_depth(MAX_DEPTH)
    .limit_complexity(max_complexity)
    .limit_directives(MAX_DIRECTIVES_PER_FIELD);
    if introspection {
        builder
    } else {
        builder.disable_introspection().disable_suggestions()
    }
}

/// The schemas a server runs, with its shared state: alike but for what each operation may
/// cost, which is the request's budget shared among the operations of a batch, and for how
/// much of the document the engine validates.
#[derive(Clone)]
pub struct Schemas {
    /// For a batch of `n` operations at `[n - 1]`, validating everything (a new document).
    strict: Vec<AppSchema>,
    /// The same, validating only what depends on the variables: depth, complexity, fragment
    /// cycles (a document validated before).
    fast: Vec<AppSchema>,
}

impl Schemas {
    pub fn build(state: AppState, introspection: bool) -> Self {
        let by_batch_size = |mode: ValidationMode| {
            (1..=MAX_BATCH)
                .map(|operations| {
                    builder(introspection, complexity_per_operation(operations))
                        .validation_mode(mode)
                        .data(state.clone())
                        .finish()
                })
                .collect()
        };
        Self {
            strict: by_batch_size(ValidationMode::Strict),
            fast: by_batch_size(ValidationMode::Fast),
        }
    }

    /// The schema for one operation alone with a new document (the WebSocket's).
    pub fn single(&self) -> &AppSchema {
        &self.strict[0]
    }

    /// The schema for each of a batch of `operations` operations, for a document `seen` so.
    pub fn for_batch(&self, operations: usize, seen: &Seen) -> &AppSchema {
        let schemas = match seen {
            Seen::Validated => &self.fast,
            Seen::New(_) => &self.strict,
        };
        &schemas[operations.clamp(1, MAX_BATCH) - 1]
    }
}

/// The schema's SDL, as exported to api/schema.graphql; needs no database.
pub fn sdl() -> String {
    builder(true, MAX_COMPLEXITY).finish().sdl()
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

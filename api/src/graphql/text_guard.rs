//! Text the database cannot store never reaches it. PostgreSQL's `text` cannot hold a NUL
//! character (`\u0000`), so a NUL in any argument (written in the document or sent as a
//! variable, at any depth of an input object or list, on a field or a directive) refuses the
//! request before anything runs: `BAD_USER_INPUT` naming the innermost field. One check for
//! every resolver, HTTP and WebSocket alike, instead of one per resolver.

use std::{collections::HashMap, sync::Arc};

use async_graphql::{
    Name, ServerResult, Value as ConstValue, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery},
    parser::{
        Pos, Positioned,
        types::{Directive, ExecutableDocument, Selection, SelectionSet},
    },
};
use async_graphql_value::Value;

use crate::error::{AppError, Field};

pub struct NoNulText;

impl ExtensionFactory for NoNulText {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(NoNulText)
    }
}

#[async_trait::async_trait]
impl Extension for NoNulText {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        Arguments::new(&document, variables).refuse_nul(&document)?;
        Ok(document)
    }
}

type ArgumentList = [(Positioned<Name>, Positioned<Value>)];

/// The values a document's arguments take: literals, or variables as sent (else their default).
struct Arguments<'a> {
    variables: &'a Variables,
    defaults: HashMap<&'a Name, &'a ConstValue>,
}

impl<'a> Arguments<'a> {
    fn new(document: &'a ExecutableDocument, variables: &'a Variables) -> Self {
        let defaults = document
            .operations
            .iter()
            .flat_map(|(_, operation)| &operation.node.variable_definitions)
            .filter_map(|definition| {
                let default = definition.node.default_value.as_ref()?;
                Some((&definition.node.name.node, &default.node))
            })
            .collect();
        Self {
            variables,
            defaults,
        }
    }

    fn refuse_nul(&self, document: &ExecutableDocument) -> ServerResult<()> {
        let mut sets: Vec<&SelectionSet> = Vec::new();
        for (_, operation) in document.operations.iter() {
            self.directives(&operation.node.directives)?;
            sets.push(&operation.node.selection_set.node);
        }
        for fragment in document.fragments.values() {
            self.directives(&fragment.node.directives)?;
            sets.push(&fragment.node.selection_set.node);
        }
        while let Some(set) = sets.pop() {
            for item in &set.items {
                match &item.node {
                    Selection::Field(field) => {
                        self.arguments(&field.node.arguments)?;
                        self.directives(&field.node.directives)?;
                        sets.push(&field.node.selection_set.node);
                    }
                    Selection::FragmentSpread(spread) => {
                        self.directives(&spread.node.directives)?;
                    }
                    Selection::InlineFragment(inline) => {
                        self.directives(&inline.node.directives)?;
                        sets.push(&inline.node.selection_set.node);
                    }
                }
            }
        }
        Ok(())
    }

    fn directives(&self, directives: &[Positioned<Directive>]) -> ServerResult<()> {
        directives
            .iter()
            .try_for_each(|directive| self.arguments(&directive.node.arguments))
    }

    fn arguments(&self, arguments: &ArgumentList) -> ServerResult<()> {
        for (name, value) in arguments {
            if let Some(field) = self.nul_in(name.node.as_str(), &value.node) {
                return Err(refusal(field, value.pos));
            }
        }
        Ok(())
    }

    /// The field whose text holds a NUL, if any.
    fn nul_in<'v>(&'v self, field: &'v str, value: &'v Value) -> Option<&'v str> {
        match value {
            Value::Variable(name) => self
                .variables
                .get(name)
                .or_else(|| self.defaults.get(name).copied())
                .and_then(|value| nul_in_const(field, value)),
            Value::String(text) => text.contains('\0').then_some(field),
            Value::List(items) => items.iter().find_map(|item| self.nul_in(field, item)),
            Value::Object(fields) => fields
                .iter()
                .find_map(|(name, value)| self.nul_in(name.as_str(), value)),
            _ => None,
        }
    }
}

fn nul_in_const<'v>(field: &'v str, value: &'v ConstValue) -> Option<&'v str> {
    match value {
        ConstValue::String(text) => text.contains('\0').then_some(field),
        ConstValue::List(items) => items.iter().find_map(|item| nul_in_const(field, item)),
        ConstValue::Object(fields) => fields
            .iter()
            .find_map(|(name, value)| nul_in_const(name.as_str(), value)),
        _ => None,
    }
}

fn refusal(field: &str, pos: Pos) -> async_graphql::ServerError {
    async_graphql::Error::from(AppError::invalid(
        Field::named(field),
        "error-nul-character",
    ))
    .into_server_error(pos)
}

//! Text the database cannot store never reaches it. PostgreSQL's `text` cannot hold a NUL
//! character (`\u0000`), so a NUL in any argument (written in the document or sent as a
//! variable, at any depth of an input object or list, on a field or a directive) refuses the
//! request before anything runs: `BAD_USER_INPUT` naming the innermost field. One check for
//! every resolver, made where HTTP and WebSocket requests enter (`limits::inspect`), instead of
//! one per resolver.

use std::collections::HashMap;

use async_graphql::{
    Name, Request, Value as ConstValue, Variables,
    parser::{
        Positioned,
        types::{Directive, ExecutableDocument, Selection, SelectionSet},
    },
};
use async_graphql_value::Value;

use crate::error::{AppError, AppResult, Field};

/// Refuses `request` when any of its arguments holds a NUL. A document that does not parse is
/// let through: the engine refuses it without running anything.
pub fn refuse_nul(request: &mut Request) -> AppResult<()> {
    let variables = request.variables.clone();
    let Ok(document) = request.parsed_query() else {
        return Ok(());
    };
    Arguments::new(document, &variables).refuse_nul(document)
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

    fn refuse_nul(&self, document: &ExecutableDocument) -> AppResult<()> {
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

    fn directives(&self, directives: &[Positioned<Directive>]) -> AppResult<()> {
        directives
            .iter()
            .try_for_each(|directive| self.arguments(&directive.node.arguments))
    }

    fn arguments(&self, arguments: &ArgumentList) -> AppResult<()> {
        for (name, value) in arguments {
            if let Some(field) = self.nul_in(name.node.as_str(), &value.node) {
                return Err(refusal(field));
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

fn refusal(field: &str) -> AppError {
    AppError::invalid(Field::named(field), "error-nul-character")
}

//! What one request may ask for (RULES.md "Input"), and the count made before the engine runs.
//!
//! The engine refuses, per operation, what is too deep, has too many directives on a field or
//! costs too much (a list costs its base and the rows it can return, `connection.rs`). Two things
//! it cannot see are counted here first, for all the operations of one HTTP request together
//! (a batch is one request): the fields at the root, each at least a statement of its own
//! whatever it costs, and the fields in all with every fragment spread where it is used. The
//! count takes each fragment once; the engine's validation walks a fragment at every place it is
//! spread, so fragments that spread each other twice over would keep it busy for minutes.

use std::{collections::HashMap, ops::Add};

use async_graphql::{
    Name, Positioned, Request,
    parser::types::{FragmentDefinition, Selection, SelectionSet},
};

use crate::{
    args,
    error::{AppError, AppResult, Field},
};

/// Deeper than any real client query goes.
pub const MAX_DEPTH: usize = 15;
/// What the operations of one request may cost together. A normal forum page (a forum, 20
/// proposals with authors, responses and 10 comments each) costs about 5,900 and a strategy with
/// everything under it about 22,000: they pass, while aliasing or nesting lists to multiply the
/// work does not (each paged list costs 100 before its rows, `connection.rs`).
pub const MAX_COMPLEXITY: usize = 30_000;
pub const MAX_DIRECTIVES_PER_FIELD: usize = 50;
/// Operations in one batched request at most.
pub const MAX_BATCH: usize = 10;
/// Fields at the root of the operations of one request, batches included.
pub const MAX_ROOT_FIELDS: usize = 100;

/// What the edge checks of each operation before the engine runs it: no NUL in its text
/// (`text_guard`), and what it selects, to be checked (`Selected::check`) once the operations
/// of the request are added up. The document is parsed once, here, and kept in the request.
pub fn inspect(request: &mut Request) -> AppResult<Selected> {
    super::text_guard::refuse_nul(request)?;
    Ok(Selected::by(request))
}

/// What each operation of a batch of `operations` may cost: the batch shares one budget.
pub fn complexity_per_operation(operations: usize) -> usize {
    MAX_COMPLEXITY / operations.clamp(1, MAX_BATCH)
}

/// The fields operations select, fragments spread: at their root, and in all.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    root: usize,
    all: usize,
}

impl Selected {
    /// What the operation `request` runs selects. A document that does not parse or does not
    /// name one of its operations counts nothing: the engine refuses it without running it.
    pub fn by(request: &mut Request) -> Self {
        let name = request.operation_name.clone();
        let Ok(document) = request.parsed_query() else {
            return Self::default();
        };
        let mut operations = document.operations.iter();
        let operation = match &name {
            Some(name) => operations.find(|(n, _)| n.is_some_and(|n| n.as_str() == name)),
            None if operations.len() == 1 => operations.next(),
            None => None,
        };
        let Some((_, operation)) = operation else {
            return Self::default();
        };
        let mut count = Count {
            fragments: &document.fragments,
            known: HashMap::new(),
        };
        count.selection_set(&operation.node.selection_set.node)
    }

    /// Refuses a request that selects more than the limits allow.
    pub fn check(self) -> AppResult<()> {
        if self.root > MAX_ROOT_FIELDS {
            return Err(AppError::invalid_with(
                Field::Query,
                "error-too-many-root-fields",
                args!(max = MAX_ROOT_FIELDS),
            ));
        }
        if self.all > MAX_COMPLEXITY {
            return Err(AppError::invalid_with(
                Field::Query,
                "error-too-many-fields",
                args!(max = MAX_COMPLEXITY),
            ));
        }
        Ok(())
    }
}

impl Add for Selected {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        Self {
            root: self.root.saturating_add(other.root),
            all: self.all.saturating_add(other.all),
        }
    }
}

/// Counts selections, each fragment once: `known` holds what a fragment selects, or `None`
/// while it is being counted (a fragment that spreads itself counts nothing more; the engine
/// refuses it).
struct Count<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    known: HashMap<&'a Name, Option<Selected>>,
}

impl<'a> Count<'a> {
    fn selection_set(&mut self, set: &'a SelectionSet) -> Selected {
        set.items
            .iter()
            .map(|selection| match &selection.node {
                Selection::Field(field) => {
                    let below = self.selection_set(&field.node.selection_set.node);
                    Selected {
                        root: 1,
                        all: below.all.saturating_add(1),
                    }
                }
                Selection::FragmentSpread(spread) => self.fragment(&spread.node.fragment_name.node),
                Selection::InlineFragment(inline) => {
                    self.selection_set(&inline.node.selection_set.node)
                }
            })
            .fold(Selected::default(), Add::add)
    }

    fn fragment(&mut self, name: &'a Name) -> Selected {
        if let Some(known) = self.known.get(name) {
            return known.unwrap_or_default();
        }
        let Some(fragment) = self.fragments.get(name) else {
            return Selected::default();
        };
        self.known.insert(name, None);
        let selected = self.selection_set(&fragment.node.selection_set.node);
        self.known.insert(name, Some(selected));
        selected
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selected(query: &str) -> Selected {
        Selected::by(&mut Request::new(query))
    }

    #[test]
    fn counts_aliases_fragments_and_nested_fields() {
        assert_eq!(
            selected("{ a: forums { slug } b: forums { slug name } }"),
            Selected { root: 2, all: 5 }
        );
        assert_eq!(
            selected(
                "query { ...F ... on Query { me { id } } } fragment F on Query { forums { slug } }"
            ),
            Selected { root: 2, all: 4 }
        );
    }

    #[test]
    fn counts_the_operation_that_runs() {
        let document = "query A { a: __typename } query B { a: __typename b: __typename }";
        let mut request = Request::new(document).operation_name("B");
        assert_eq!(Selected::by(&mut request), Selected { root: 2, all: 2 });
        assert_eq!(selected(document), Selected::default());
        assert_eq!(selected("{ not closed"), Selected::default());
    }

    #[test]
    fn a_fragment_spread_twice_over_is_counted_once_per_fragment() {
        let mut document = String::from("{ ...F0 }");
        for i in 0..64 {
            document.push_str(&format!(
                " fragment F{i} on Query {{ ...F{} ...F{} }}",
                i + 1,
                i + 1
            ));
        }
        document.push_str(" fragment F64 on Query { __typename }");
        let count = selected(&document);
        assert_eq!(count.root, usize::MAX, "2^64 fields, saturated");
        assert!(count.check().is_err());
        // A fragment that spreads itself ends the count; the engine refuses it.
        assert_eq!(
            selected("{ ...A } fragment A on Query { __typename ...A }"),
            Selected { root: 1, all: 1 }
        );
    }
}

//! Searching proposals: every word must appear in the title or the body, as a substring, in
//! any case; `%` and `_` match themselves. Words are folded the way the stored text was
//! (`entity::search::fold`) and looked up in `search_text` (the folded title and body) through
//! its index: a pg_trgm GIN index on PostgreSQL (`LIKE '%word%'` uses it), an FTS5 trigram table
//! on SQLite (whose `MATCH` finds a phrase of three characters or more as a substring; shorter
//! words are compared with `LIKE`, exact on folded text). A hidden proposal's body is searched
//! only by viewers who may read it (`Viewer::readable_body_filter`): for the others every word
//! must be in its title, so that no one can rebuild hidden text word by word.

use entity::{proposal, search::fold};
use sea_orm::{
    ColumnTrait, Condition, DbBackend,
    sea_query::{Alias, Expr, ExprTrait, LikeExpr, Query, SimpleExpr},
};
use unicode_normalization::UnicodeNormalization;

use crate::{
    args,
    auth::Viewer,
    error::{AppError, AppResult, Field},
};

pub const MAX_CHARS: usize = 200;
pub const MAX_WORDS: usize = 10;

/// SQLite's full-text table over `search_text` (see the migration that makes it).
const SQLITE_INDEX: &str = "proposals_search";
/// The trigram tokenizer matches phrases of at least this many characters.
const TRIGRAM: usize = 3;

/// The folded words of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchWords(Vec<String>);

impl SearchWords {
    /// The words of `raw` (`None` when blank): at most 200 characters and 10 words, or bad
    /// input on `field`.
    pub fn parse(field: Field, raw: &str) -> AppResult<Option<Self>> {
        let text: String = raw.trim().nfc().collect();
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > MAX_CHARS {
            return Err(AppError::invalid_with(
                field,
                "error-too-long",
                args!(max = MAX_CHARS),
            ));
        }
        let words: Vec<String> = fold(&text).split_whitespace().map(str::to_owned).collect();
        if words.len() > MAX_WORDS {
            return Err(AppError::invalid_with(
                field,
                "error-too-many-words",
                args!(max = MAX_WORDS),
            ));
        }
        Ok(Some(Self(words)))
    }

    /// The proposals where every word appears in what `viewer` may read of them.
    pub fn condition(&self, backend: DbBackend, viewer: &Viewer) -> Condition {
        let anywhere = self.in_title_or_body(backend);
        match viewer.readable_body_filter() {
            None => anywhere,
            // Where the body may not be read, every word must be in the title: a filter on the
            // rows the index found, so it needs no index of its own.
            Some(readable) => anywhere.add(Condition::any().add(readable).add(self.in_title())),
        }
    }

    /// Every word in `search_text`, through the index.
    fn in_title_or_body(&self, backend: DbBackend) -> Condition {
        let mut condition = Condition::all();
        let (indexed, short): (Vec<&String>, Vec<&String>) = match backend {
            DbBackend::Sqlite => self
                .0
                .iter()
                .partition(|word| word.chars().count() >= TRIGRAM),
            _ => (Vec::new(), self.0.iter().collect()),
        };
        if !indexed.is_empty() {
            condition = condition.add(sqlite_match(&indexed));
        }
        for word in short {
            condition = condition.add(contains(proposal::Column::SearchText, word));
        }
        condition
    }

    fn in_title(&self) -> Condition {
        self.0.iter().fold(Condition::all(), |all, word| {
            all.add(contains(proposal::Column::SearchTitle, word))
        })
    }
}

/// `column LIKE '%word%'`, with `%`, `_` and `\` in the word matching themselves.
fn contains(column: proposal::Column, word: &str) -> SimpleExpr {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::col(column).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// SQLite: the proposals whose `search_text` holds every word, from the FTS5 trigram index.
/// Each word is a quoted phrase (a `"` inside doubled), so nothing in it is query syntax.
fn sqlite_match(words: &[&String]) -> SimpleExpr {
    let query = words
        .iter()
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ");
    proposal::Column::Id.in_subquery(
        Query::select()
            .expr(Expr::cust("rowid"))
            .from(Alias::new(SQLITE_INDEX))
            .and_where(Expr::cust_with_values(
                format!("{SQLITE_INDEX} MATCH ?"),
                [query],
            ))
            .to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(raw: &str) -> Vec<String> {
        match SearchWords::parse(Field::Search, raw) {
            Ok(Some(SearchWords(words))) => words,
            other => panic!("{raw:?}: {other:?}"),
        }
    }

    #[test]
    fn words_are_folded_and_bounded() {
        assert_eq!(words("  GŴYL   Fwyd "), ["gŵyl", "fwyd"]);
        assert_eq!(words("Gw\u{302}yl"), ["gŵyl"]);
        assert!(matches!(SearchWords::parse(Field::Search, "  "), Ok(None)));
        assert_eq!(words(&"ŵ".repeat(200)).len(), 1);
        assert!(SearchWords::parse(Field::Search, &"ŵ".repeat(201)).is_err());
        assert!(SearchWords::parse(Field::Search, "a b c d e f g h i j k").is_err());
        assert_eq!(words("a b c d e f g h i j").len(), 10);
    }
}

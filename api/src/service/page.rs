//! Relay paging: `first`/`after` checked once here, opaque keyset cursors (never OFFSET), so
//! a page stays stable while rows are being added.

use std::fmt::Write as _;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

use crate::{
    args,
    error::{AppError, AppResult, Field},
};

pub const DEFAULT_PAGE_SIZE: i32 = 20;
pub const MAX_PAGE_SIZE: i32 = 100;
const CURSOR_PREFIX: &str = "k1:";

/// A checked `first` and the decoded `after` cursor: the sort key of the last row seen.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: u64,
    pub after: Option<Vec<i64>>,
    /// Whether the list's total is wanted. Counting costs more than the page itself on a long
    /// list, so it runs only when asked for (`totalCount` in the selection).
    pub counted: bool,
}

impl PageRequest {
    pub fn new(first: Option<i32>, after: Option<&str>) -> AppResult<Self> {
        let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&first) {
            return Err(AppError::invalid_with(
                Field::First,
                "error-number-range",
                args!(min = 1, max = MAX_PAGE_SIZE),
            ));
        }
        let after = after
            .map(|cursor| {
                decode_cursor(cursor)
                    .ok_or_else(|| AppError::invalid(Field::After, "error-bad-cursor"))
            })
            .transpose()?;
        Ok(Self {
            limit: first as u64,
            after,
            counted: false,
        })
    }

    /// The same request, with its total counted or not.
    pub fn counted(self, counted: bool) -> Self {
        Self { counted, ..self }
    }

    /// `select`'s count, when this request wants it.
    pub async fn count_of<E>(
        &self,
        db: &impl ConnectionTrait,
        select: &Select<E>,
    ) -> AppResult<Option<u64>>
    where
        E: EntityTrait,
        E::Model: Send + Sync,
    {
        if self.counted {
            Ok(Some(select.clone().count(db).await?))
        } else {
            Ok(None)
        }
    }

    /// The cursor of a list keyed by one id alone.
    fn after_id(&self) -> AppResult<Option<i32>> {
        match self.after.as_deref() {
            None => Ok(None),
            Some([id]) => i32::try_from(*id)
                .map(Some)
                .map_err(|_| AppError::invalid(Field::After, "error-bad-cursor")),
            Some(_) => Err(AppError::invalid(Field::After, "error-bad-cursor")),
        }
    }
}

pub fn encode_cursor(keys: &[i64]) -> String {
    let mut raw = String::with_capacity(CURSOR_PREFIX.len() + 21 * keys.len());
    raw.push_str(CURSOR_PREFIX);
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            raw.push(',');
        }
        // Writing to a String cannot fail.
        let _ = write!(raw, "{key}");
    }
    URL_SAFE_NO_PAD.encode(raw)
}

pub fn decode_cursor(cursor: &str) -> Option<Vec<i64>> {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    raw.strip_prefix(CURSOR_PREFIX)?
        .split(',')
        .map(|part| part.parse().ok())
        .collect()
}

/// One page of a list, with the sort key of each row for its cursor.
pub struct Page<T> {
    pub items: Vec<(Vec<i64>, T)>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
    /// `None` when the request did not ask for it.
    pub total_count: Option<u64>,
}

/// Which way a list runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

/// A page of `select`, newest (highest id) first.
pub async fn newest_first<E>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    id_column: E::Column,
    id_of: impl Fn(&E::Model) -> i32,
    request: &PageRequest,
) -> AppResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    by_id(db, select, id_column, id_of, request, Direction::Descending).await
}

/// A page of `select` in id order.
pub async fn by_id<E>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    id_column: E::Column,
    id_of: impl Fn(&E::Model) -> i32,
    request: &PageRequest,
    direction: Direction,
) -> AppResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    let total_count = request.count_of(db, &select).await?;
    let after = request.after_id()?;
    let mut query = match direction {
        Direction::Ascending => select.order_by_asc(id_column),
        Direction::Descending => select.order_by_desc(id_column),
    };
    if let Some(after) = after {
        query = query.filter(match direction {
            Direction::Ascending => id_column.gt(after),
            Direction::Descending => id_column.lt(after),
        });
    }
    let rows = query.limit(request.limit + 1).all(db).await?;
    Ok(into_page(rows, request, total_count, |row| {
        vec![i64::from(id_of(row))]
    }))
}

/// Cuts the one-extra row fetched to learn whether another page follows.
pub fn into_page<T>(
    mut rows: Vec<T>,
    request: &PageRequest,
    total_count: Option<u64>,
    keys_of: impl Fn(&T) -> Vec<i64>,
) -> Page<T> {
    let has_next_page = rows.len() as u64 > request.limit;
    rows.truncate(request.limit as usize);
    Page {
        items: rows.into_iter().map(|row| (keys_of(&row), row)).collect(),
        has_next_page,
        has_previous_page: request.after.is_some(),
        total_count,
    }
}

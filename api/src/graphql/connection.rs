//! Relay connections built from a service `Page`, and the cost of a list field (paged or not).

use async_graphql::{
    Context, Object, OutputType,
    connection::{Connection, CursorType, Edge},
};

use crate::{
    error::{AppError, AppResult, Field},
    service::page::{DEFAULT_PAGE_SIZE, Page, PageRequest, decode_cursor, encode_cursor},
};

/// An edge's sort key, spelled as an opaque cursor only when a query asks for it (most ask for
/// `nodes` and `pageInfo { endCursor }`, so one cursor a page instead of one an edge).
pub struct Cursor(Vec<i64>);

impl CursorType for Cursor {
    type Error = AppError;

    fn decode_cursor(s: &str) -> Result<Self, AppError> {
        decode_cursor(s)
            .map(Cursor)
            .ok_or_else(|| AppError::invalid(Field::After, "error-bad-cursor"))
    }

    fn encode_cursor(&self) -> String {
        encode_cursor(&self.0)
    }
}

/// A list's total, counted only when the selection asked for it.
pub struct TotalCount(Option<u64>);

#[Object]
impl TotalCount {
    async fn total_count(&self) -> AppResult<i32> {
        // The resolver looked ahead at its own selection: a count it did not make was not asked.
        let total = self.0.ok_or_else(|| {
            AppError::internal(anyhow::anyhow!("totalCount resolved but not counted"))
        })?;
        Ok(i32::try_from(total).unwrap_or(i32::MAX))
    }
}

pub type ListConnection<N> = Connection<Cursor, N, TotalCount>;

/// The page a connection field asks for, counted only when its selection has `totalCount`.
pub fn page_request(
    ctx: &Context<'_>,
    first: Option<i32>,
    after: Option<&str>,
) -> AppResult<PageRequest> {
    let counted = ctx.look_ahead().field("totalCount").exists();
    Ok(PageRequest::new(first, after)?.counted(counted))
}

pub fn connection<T, N: OutputType>(page: Page<T>, node: impl Fn(T) -> N) -> ListConnection<N> {
    let total_count = page.total_count;
    let mut connection = Connection::with_additional_fields(
        page.has_previous_page,
        page.has_next_page,
        TotalCount(total_count),
    );
    connection.edges.extend(
        page.items
            .into_iter()
            .map(|(keys, item)| Edge::new(Cursor(keys), node(item))),
    );
    connection
}

/// What a paged list costs before its rows: statements of its own (its page and its count),
/// which aliases, or a list under every row of another, would otherwise multiply for free.
pub const PAGE_BASE_COST: usize = 100;
/// Rows an unpaged list that is short by nature is costed at: a proposal's council responses,
/// status changes or strategy links, a response's revisions, the strategies, a strategy's
/// objectives, an objective's indicators.
pub const SHORT_LIST_ROWS: usize = 10;
/// Rows a list of forums is costed at: twelve in a council, with room to grow.
pub const FORUM_LIST_ROWS: usize = 20;
/// Rows the longer unpaged lists are costed at: an objective's contributions, an indicator's
/// measurements, a report's entries.
pub const LONG_LIST_ROWS: usize = 50;

/// The complexity of a paged field: its base, and its page size times what one node costs.
/// Out-of-range sizes are costed at the maximum; the resolver refuses them anyway.
pub fn page_cost(first: Option<i32>, child_complexity: usize) -> usize {
    let size = first
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, crate::service::page::MAX_PAGE_SIZE);
    PAGE_BASE_COST.saturating_add((size as usize).saturating_mul(child_complexity))
}

/// The complexity of an unpaged list, costed at `rows` rows. These come with their parents
/// through loaders (one statement for all the parents), so they cost their rows alone.
pub fn list_cost(rows: usize, child_complexity: usize) -> usize {
    rows.saturating_mul(child_complexity).saturating_add(1)
}

//! Relay connections built from a service `Page`, and the cost of a paged field.

use async_graphql::{
    OutputType, SimpleObject,
    connection::{Connection, Edge},
};

use crate::service::page::{DEFAULT_PAGE_SIZE, Page, encode_cursor};

#[derive(SimpleObject)]
pub struct TotalCount {
    pub total_count: i32,
}

pub type ListConnection<N> = Connection<String, N, TotalCount>;

pub fn connection<T, N: OutputType>(page: Page<T>, node: impl Fn(T) -> N) -> ListConnection<N> {
    let total_count = i32::try_from(page.total_count).unwrap_or(i32::MAX);
    let mut connection = Connection::with_additional_fields(
        page.has_previous_page,
        page.has_next_page,
        TotalCount { total_count },
    );
    connection.edges.extend(
        page.items
            .into_iter()
            .map(|(keys, item)| Edge::new(encode_cursor(&keys), node(item))),
    );
    connection
}

/// The complexity of a paged field: its page size times what one node costs. Out-of-range
/// sizes are costed at the maximum; the resolver refuses them anyway.
pub fn page_cost(first: Option<i32>, child_complexity: usize) -> usize {
    let size = first
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, crate::service::page::MAX_PAGE_SIZE);
    1 + size as usize * child_complexity
}

//! What the benchmark's clients ask, as a frontend would.

use serde_json::{Value, json};

/// The forum page, with more fields for each proposal.
macro_rules! forum_page {
    ($proposal_fields:literal) => {
        concat!(
            "query ForumPage($slug: String!, $first: Int!) {
  forum(slug: $slug) {
    id slug name supportThreshold
    proposals(first: $first) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id title status supportCount publishedAt ",
            $proposal_fields,
            "
        author { id displayName }
        councilResponses { id kind decision body createdAt author { id displayName } }
      }
    }
  }
}"
        )
    };
}

/// The forum page: a forum, its newest proposals with author, support count and the
/// council's responses with their authors.
pub const FORUM_PAGE: &str = forum_page!("");

/// The forum page as a signed-in resident sees it: whether they support each proposal too.
pub const FORUM_PAGE_SIGNED_IN: &str = forum_page!("viewerHasSupported");

/// A proposal with its first 20 comments and their first replies.
pub const THREAD: &str = "query Thread($id: ID!) {
  proposal(id: $id) {
    id title body status supportCount commentCount
    author { id displayName }
    councilResponses { id kind decision body author { displayName } }
    comments(first: 20) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id body createdAt fromCouncil author { id displayName }
        replies(first: 10) { nodes { id body createdAt fromCouncil author { id displayName } } }
      }
    }
  }
}";

pub const SEARCH: &str = "query Search($q: String!) {
  proposals(search: $q, first: 20) {
    pageInfo { hasNextPage endCursor }
    nodes { id title status supportCount forum { slug } author { displayName } }
  }
}";

pub const LIST: &str = "query List($order: ProposalOrder!) {
  proposals(first: 20, orderBy: $order) {
    pageInfo { hasNextPage endCursor }
    nodes { id title status supportCount forum { slug } author { displayName } }
  }
}";

pub const SUPPORT: &str = "mutation Support($id: ID!) { supportProposal(id: $id) { id supportCount viewerHasSupported } }";

pub const WITHDRAW_SUPPORT: &str = "mutation Withdraw($id: ID!) { withdrawSupport(id: $id) { id supportCount viewerHasSupported } }";

pub const LOGIN: &str = "mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken }
}";

/// Words people search for, English and Welsh, one and two at a time.
pub const SEARCH_WORDS: [&str; 12] = [
    "bench",
    "bws",
    "parking",
    "llwybr",
    "recycling",
    "ysgol",
    "festival",
    "goleuadau",
    "river",
    "cymunedol",
    "safe crossing",
    "gwersi cymraeg",
];

/// The body of a POST /graphql.
pub fn body(query: &str, variables: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({ "query": query, "variables": variables })).unwrap_or_default()
}

//! Who the caller is (tokens, passwords) and what they may do (policy).

pub mod jwt;
pub mod password;
pub mod policy;
pub mod viewer;

pub use policy::{Actor, Viewer};

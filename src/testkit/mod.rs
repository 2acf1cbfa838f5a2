//! Test support for hosts (cargo feature `testkit`): the conformance suite
//! every [`Store`](crate::Store) implementation runs against itself, and a
//! given/when/then harness for deciding commands under a policy.
//!
//! Both report failures by panicking with a message that says which rule
//! of the contract was broken, as test assertions do.

pub mod conformance;
mod scenario;

pub use scenario::{Scenario, Then};

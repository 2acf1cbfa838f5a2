//! Service levels: clocks that run on a case from the facts and changes in
//! its stream, and the time by which something has to happen.
//!
//! Everything here is a pure function of a case, the configuration and the
//! time given: nothing reads a clock.
//!
//! - [`regulatory`]: notification deadlines set by law (GDPR, NIS2, DORA,
//!   SEC Form 8-K, HIPAA, CIRCIA), started by facts recorded on the case.

pub mod regulatory;

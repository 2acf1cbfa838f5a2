//! The notification port: what the desk tells the outside world after it
//! records a change.
//!
//! Notifications are sent after the events are stored. A notifier that
//! fails does not undo the command: the desk returns the undelivered
//! notifications in its receipt, and the host decides whether to retry.

mod notification;

use std::sync::{Mutex, PoisonError};

pub use notification::Notification;

/// Receives notifications and automation requests.
///
/// Implementations send mail, post to chat, call a SOAR platform's API.
/// The trait is synchronous and object-safe, held by the desk as
/// `Arc<dyn Notifier>`.
pub trait Notifier: Send + Sync {
    /// Delivers one notification.
    ///
    /// # Errors
    ///
    /// [`NotifyError`] when delivery failed; the desk reports it in the
    /// receipt of the command.
    fn notify(&self, notification: &Notification) -> Result<(), NotifyError>;
}

/// A notification that could not be delivered.
#[derive(Debug, thiserror::Error)]
#[error("notification could not be delivered")]
pub struct NotifyError {
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl NotifyError {
    /// Wraps the notifier's own error.
    pub fn new(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self {
            source: source.into(),
        }
    }
}

/// A notifier that keeps every notification, for tests and examples.
#[derive(Debug, Default)]
pub struct RecordingNotifier {
    seen: Mutex<Vec<Notification>>,
}

impl RecordingNotifier {
    /// An empty recorder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything received so far, in order.
    pub fn notifications(&self) -> Vec<Notification> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Everything received so far, leaving the recorder empty.
    pub fn take(&self) -> Vec<Notification> {
        std::mem::take(&mut *self.seen.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Notifier for RecordingNotifier {
    fn notify(&self, notification: &Notification) -> Result<(), NotifyError> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(notification.clone());
        Ok(())
    }
}

/// A notifier that drops everything.
#[derive(Clone, Copy, Debug, Default)]
pub struct NullNotifier;

impl Notifier for NullNotifier {
    fn notify(&self, _: &Notification) -> Result<(), NotifyError> {
        Ok(())
    }
}

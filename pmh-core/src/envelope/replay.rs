//! Replay protection: remembers message ids until their envelopes expire.

use chrono::{DateTime, Utc};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Mutex, MutexGuard};
use uuid::Uuid;

/// Why the [`ReplayGuard`] refused an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// The id was already seen and has not expired.
    #[error("this message id was already accepted")]
    Replayed,
    /// Even after forgetting expired ids the guard is full; it fails closed.
    #[error("the replay guard is full")]
    Full,
}

/// Remembers accepted message ids until the envelope's `expiresAt`, so a second
/// [`crate::envelope::open()`] of the same id fails with `envelope.replayed`.
///
/// Thread-safe (one mutex); memory is bounded: expired ids are forgotten on
/// every check, and when `capacity` live ids are held new ones are refused
/// (`envelope.replay_full`) rather than forgetting live ones. Ids are global
/// (not per sender), since a UUID v4 is unique per message.
///
/// The guard lives in memory; a receiver that restarts should keep envelope
/// lifetimes short or persist ids elsewhere.
///
/// ```
/// use chrono::{Duration, Utc};
/// use pmh_core::envelope::{ReplayError, ReplayGuard};
///
/// let guard = ReplayGuard::new();
/// let id = uuid::Uuid::from_u128(0x0123_4567_89ab_4def_8123_456789abcdef);
/// let now = Utc::now();
/// assert_eq!(guard.check_and_remember(id, now + Duration::hours(1), now), Ok(()));
/// assert_eq!(guard.check_and_remember(id, now + Duration::hours(1), now), Err(ReplayError::Replayed));
/// // After expiry the id is forgotten (the envelope itself is then expired anyway).
/// let later = now + Duration::hours(2);
/// assert_eq!(guard.check_and_remember(id, later + Duration::hours(1), later), Ok(()));
/// ```
#[derive(Debug)]
pub struct ReplayGuard {
    state: Mutex<State>,
    capacity: usize,
}

#[derive(Debug, Default)]
struct State {
    expiry_by_id: HashMap<Uuid, DateTime<Utc>>,
    by_expiry: BinaryHeap<Reverse<(DateTime<Utc>, Uuid)>>,
}

impl ReplayGuard {
    /// Default number of live ids held at most.
    pub const DEFAULT_CAPACITY: usize = 1_000_000;

    /// A guard holding at most [`ReplayGuard::DEFAULT_CAPACITY`] live ids.
    pub fn new() -> ReplayGuard {
        ReplayGuard::with_capacity(Self::DEFAULT_CAPACITY)
    }

    /// A guard holding at most `capacity` live ids.
    pub fn with_capacity(capacity: usize) -> ReplayGuard {
        ReplayGuard {
            state: Mutex::new(State::default()),
            capacity,
        }
    }

    /// Records `id` (valid until `expires_at`) unless it is already recorded.
    pub fn check_and_remember(
        &self,
        id: Uuid,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), ReplayError> {
        let mut state = self.lock();
        state.prune(now);
        if state.expiry_by_id.contains_key(&id) {
            return Err(ReplayError::Replayed);
        }
        if state.expiry_by_id.len() >= self.capacity {
            return Err(ReplayError::Full);
        }
        state.expiry_by_id.insert(id, expires_at);
        state.by_expiry.push(Reverse((expires_at, id)));
        Ok(())
    }

    /// Forgets ids whose expiry is at or before `now`.
    pub fn prune(&self, now: DateTime<Utc>) {
        self.lock().prune(now);
    }

    /// Number of ids currently remembered.
    pub fn len(&self) -> usize {
        self.lock().expiry_by_id.len()
    }

    /// Whether no id is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Nothing panics while the lock is held; if something ever did, the
        // maps are still consistent enough to keep refusing replays.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Default for ReplayGuard {
    fn default() -> ReplayGuard {
        ReplayGuard::new()
    }
}

impl State {
    fn prune(&mut self, now: DateTime<Utc>) {
        while let Some(Reverse((expiry, id))) = self.by_expiry.peek().copied() {
            if expiry > now {
                break;
            }
            self.by_expiry.pop();
            if self.expiry_by_id.get(&id) == Some(&expiry) {
                self.expiry_by_id.remove(&id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn bounded_and_pruned() {
        let guard = ReplayGuard::with_capacity(2);
        let now = Utc::now();
        let ids: Vec<Uuid> = (1..=3u128).map(Uuid::from_u128).collect();
        guard
            .check_and_remember(ids[0], now + Duration::seconds(10), now)
            .unwrap();
        guard
            .check_and_remember(ids[1], now + Duration::seconds(20), now)
            .unwrap();
        assert_eq!(
            guard.check_and_remember(ids[2], now + Duration::seconds(30), now),
            Err(ReplayError::Full)
        );
        let later = now + Duration::seconds(10);
        guard
            .check_and_remember(ids[2], now + Duration::seconds(30), later)
            .unwrap();
        assert_eq!(guard.len(), 2);
        guard.prune(now + Duration::seconds(60));
        assert!(guard.is_empty());
    }

    #[test]
    fn concurrent_same_id_accepted_once() {
        use rayon::prelude::*;
        let guard = ReplayGuard::new();
        let now = Utc::now();
        let id = Uuid::from_u128(42);
        let accepted = (0..64)
            .into_par_iter()
            .filter(|_| {
                guard
                    .check_and_remember(id, now + Duration::minutes(1), now)
                    .is_ok()
            })
            .count();
        assert_eq!(accepted, 1);
    }
}

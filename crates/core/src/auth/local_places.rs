//! The places of a throttle key in this process (R-AUTH-7). The database counts the tries being
//! checked for every process (`throttle::reserve`); here, simultaneous sign-ins on one key wait
//! their turn in memory for as many places as the key can have, instead of asking the database
//! over and over: the database then says "busy" only when other processes hold the places.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Debug, Default)]
pub struct LocalPlaces {
    keys: Mutex<HashMap<String, Arc<Semaphore>>>,
}

/// A place held; given back, and the key forgotten when nobody holds or waits for it, on drop.
#[derive(Debug)]
pub struct Place<'a> {
    places: &'a LocalPlaces,
    key: String,
    semaphore: Option<Arc<Semaphore>>,
    permit: Option<OwnedSemaphorePermit>,
}

impl LocalPlaces {
    /// Waits for one of the `places` of `key`.
    pub async fn take(&self, key: &str, places: usize) -> Place<'_> {
        let semaphore = {
            let mut keys = self
                .keys
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            keys.entry(key.to_owned())
                .or_insert_with(|| Arc::new(Semaphore::new(places.max(1))))
                .clone()
        };
        // The semaphore is never closed: acquiring only waits.
        let permit = semaphore.clone().acquire_owned().await.ok();
        Place {
            places: self,
            key: key.to_owned(),
            semaphore: Some(semaphore),
            permit,
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.keys
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .len()
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.permit.take();
        self.semaphore.take();
        let mut keys = self
            .places
            .keys
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Only the map holds it: nobody has a place or waits for one.
        if keys
            .get(&self.key)
            .is_some_and(|semaphore| Arc::strong_count(semaphore) == 1)
        {
            keys.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn r_auth_7_a_key_has_so_many_places_and_is_forgotten_when_free() {
        let places = LocalPlaces::default();
        let first = places.take("credential:1", 2).await;
        let second = places.take("credential:1", 2).await;
        let third = tokio::time::timeout(
            std::time::Duration::from_millis(20),
            places.take("credential:1", 2),
        )
        .await;
        assert!(third.is_err(), "a third place waits");
        drop(first);
        let third = places.take("credential:1", 2).await;
        drop((second, third));
        assert_eq!(places.len(), 0, "a key nobody uses is forgotten");
    }
}

//! The one way the generator runs work side by side: a [`Threads`] value, made once per call of
//! [`crate::generate`] (or per command of the CLI) and passed to every stage that splits work.
//!
//! A `Threads` is a budget: at most [`Threads::limit`] threads work at once, the calling thread
//! included, however the stages nest (a stage that finds no thread to spare runs its parts on
//! the thread it is on; a thread that only waits for the threads it started lends them its
//! place meanwhile). A limit of 1 runs everything on the calling thread alone and starts no
//! thread. Results always come back in the order of the work given, so the output does not
//! depend on the limit, nor on which thread did what.
//!
//! Hand-written rather than taken from rayon: the calling thread takes part in the work (the
//! memory it freed before is at hand for what it makes, which keeps the peak of a large
//! document down), a limit of 1 starts no thread at all, and nothing is global (rayon's pools
//! run the work on pool threads, and its default pool is process-wide state).

use std::num::NonZeroUsize;
use std::panic::resume_unwind;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How many threads the generator may use at once, the calling thread included, and the way
/// it spreads work over them (see the module docs).
#[derive(Debug)]
pub struct Threads {
    limit: usize,
    /// How many more threads may work now: the limit, less the calling thread, less the threads
    /// working, plus the threads that only wait for threads they started (they lend their place
    /// while they wait).
    spare: Mutex<usize>,
    /// Signalled when a place is given back.
    freed: Condvar,
}

impl Threads {
    /// The most threads [`Threads::available`] uses, however many cores the machine has:
    /// the stages split their work into a few large parts, which more threads would not share.
    pub const MAX_DEFAULT: usize = 8;

    /// At most `limit` threads at once.
    pub fn new(limit: NonZeroUsize) -> Threads {
        Threads {
            limit: limit.get(),
            spare: Mutex::new(limit.get() - 1),
            freed: Condvar::new(),
        }
    }

    /// The calling thread alone.
    pub fn one() -> Threads {
        Threads::new(NonZeroUsize::MIN)
    }

    /// As many threads as the machine has cores, at most [`Threads::MAX_DEFAULT`].
    pub fn available() -> Threads {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        let limit = NonZeroUsize::new(cores.min(Self::MAX_DEFAULT)).unwrap_or(NonZeroUsize::MIN);
        Threads::new(limit)
    }

    /// `limit` threads, or [`Threads::available`] when it is `None`.
    pub fn with_limit(limit: Option<NonZeroUsize>) -> Threads {
        limit.map_or_else(Threads::available, Threads::new)
    }

    /// The most threads that work at once, the calling thread included.
    pub fn limit(&self) -> usize {
        self.limit
    }

    fn spare(&self) -> MutexGuard<'_, usize> {
        self.spare.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes up to `wanted` places for threads to start, each to be given back by a [`Place`].
    fn take(&self, wanted: usize) -> usize {
        if wanted == 0 {
            return 0;
        }
        let mut spare = self.spare();
        let taken = wanted.min(*spare);
        *spare -= taken;
        taken
    }

    /// Gives a place back.
    fn give_back(&self) {
        *self.spare() += 1;
        self.freed.notify_all();
    }

    /// Runs `wait`, in which the calling thread only waits for the threads it started, with
    /// the calling thread's place lent to the others (the threads it waits for may use it); the
    /// place is taken back, once one is free, before the calling thread goes on.
    fn lend_while<R>(&self, wait: impl FnOnce() -> R) -> R {
        /// Takes the place back, also when `wait` panics.
        struct TakeBack<'a>(&'a Threads);
        impl Drop for TakeBack<'_> {
            fn drop(&mut self) {
                let mut spare = self.0.spare();
                while *spare == 0 {
                    spare = self
                        .0
                        .freed
                        .wait(spare)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                *spare -= 1;
            }
        }
        self.give_back();
        let _take_back = TakeBack(self);
        wait()
    }

    /// Runs `a` on the calling thread and `b` beside it when a thread is spare (else after
    /// `a`, on the calling thread); returns both results. A panic in either is resumed on the
    /// calling thread.
    pub fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB + Send,
        RB: Send,
    {
        if self.take(1) == 0 {
            let ra = a();
            return (ra, b());
        }
        let place = Place(self);
        std::thread::scope(|scope| {
            let b = scope.spawn(move || {
                let _place = place;
                b()
            });
            let ra = a();
            let rb = self.lend_while(|| b.join());
            (ra, rb.unwrap_or_else(|e| resume_unwind(e)))
        })
    }

    /// `f` of each of `items`, side by side, in the order of `items`.
    pub fn map<I, T, R>(&self, items: I, f: impl Fn(T) -> R + Sync) -> Vec<R>
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: ExactSizeIterator + Send,
        R: Send,
    {
        self.map_init(items, || (), |(), item| f(item))
    }

    /// `f` of each of `items`, side by side, in the order of `items`; each thread that takes
    /// part makes its own state with `init` when it takes its first item, and passes it to `f`
    /// for every item it takes. Threads take the next item as they finish one, so a run of
    /// large items does not leave a thread idle. A panic on any thread is resumed on the
    /// calling thread.
    pub fn map_init<I, T, S, R>(
        &self,
        items: I,
        init: impl Fn() -> S + Sync,
        f: impl Fn(&mut S, T) -> R + Sync,
    ) -> Vec<R>
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: ExactSizeIterator + Send,
        R: Send,
    {
        let items = items.into_iter();
        let count = items.len();
        let queue = Mutex::new(items.enumerate());
        let work = || {
            let mut state = None;
            let mut done = Vec::new();
            loop {
                let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                let Some((i, item)) = next else {
                    return done;
                };
                let state = state.get_or_insert_with(&init);
                done.push((i, f(state, item)));
            }
        };
        let helpers = self.take(count.saturating_sub(1));
        let mut results = if helpers == 0 {
            work()
        } else {
            std::thread::scope(|scope| {
                let helpers: Vec<_> = (0..helpers)
                    .map(|_| {
                        let place = Place(self);
                        scope.spawn(move || {
                            let _place = place;
                            work()
                        })
                    })
                    .collect();
                let mut results = work();
                let done =
                    self.lend_while(|| helpers.into_iter().map(|h| h.join()).collect::<Vec<_>>());
                for helper in done {
                    results.extend(helper.unwrap_or_else(|e| resume_unwind(e)));
                }
                results
            })
        };
        results.sort_unstable_by_key(|(i, _)| *i);
        results.into_iter().map(|(_, result)| result).collect()
    }
}

/// The place of a thread started from a [`Threads`], given back when the thread ends (also
/// when its work panics).
struct Place<'a>(&'a Threads);

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.0.give_back();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn limit(n: usize) -> Threads {
        Threads::new(NonZeroUsize::new(n).unwrap())
    }

    #[test]
    fn results_come_back_in_order_at_any_limit() {
        for n in [1, 2, 3, 8] {
            let threads = limit(n);
            let squares = threads.map((0..100u64).collect::<Vec<_>>(), |i| i * i);
            assert_eq!(squares, (0..100u64).map(|i| i * i).collect::<Vec<_>>());
            let (a, b) = threads.join(|| 1, || 2);
            assert_eq!((a, b), (1, 2));
            assert!(threads.map(Vec::<u8>::new(), |i| i).is_empty());
        }
    }

    #[test]
    fn a_limit_of_one_runs_on_the_calling_thread() {
        let threads = Threads::one();
        let caller = std::thread::current().id();
        let ids = threads.map(0..10, |_| std::thread::current().id());
        assert!(ids.iter().all(|id| *id == caller));
        let (_, b) = threads.join(|| (), || std::thread::current().id());
        assert_eq!(b, caller);
    }

    /// However the work nests, no more threads than the limit work at once, and as many as the
    /// limit do.
    #[test]
    fn nested_work_stays_within_the_limit() {
        for n in [1, 2, 3] {
            let threads = limit(n);
            let busy = AtomicUsize::new(0);
            let most = AtomicUsize::new(0);
            let ids = Mutex::new(HashSet::new());
            let step = || {
                let now = busy.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                ids.lock().unwrap().insert(std::thread::current().id());
                std::thread::sleep(std::time::Duration::from_millis(2));
                busy.fetch_sub(1, Ordering::SeqCst);
            };
            threads.map(0..8, |_| {
                threads.join(step, step);
                threads.map(0..4, |_| step());
            });
            assert_eq!(most.load(Ordering::SeqCst), n, "limit {n}");
            assert!(ids.lock().unwrap().len() >= n, "limit {n}");
            assert_eq!(*threads.spare(), n - 1);
        }
    }

    /// A thread that only waits for the threads it started lends them its place: with a limit
    /// of 2, the thread started by `join` finds a second thread for its own work once the
    /// calling thread has finished its part.
    #[test]
    fn a_waiting_thread_lends_its_place() {
        let threads = limit(2);
        let ((), ids) = threads.join(
            || (),
            || {
                std::thread::sleep(std::time::Duration::from_millis(30));
                threads.map(0..4, |_| {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    std::thread::current().id()
                })
            },
        );
        let distinct: HashSet<_> = ids.into_iter().collect();
        assert_eq!(distinct.len(), 2);
        assert_eq!(*threads.spare(), 1);
    }

    #[test]
    fn each_thread_makes_its_state_once() {
        let threads = limit(2);
        let made = AtomicUsize::new(0);
        let out = threads.map_init(
            0..50,
            || {
                made.fetch_add(1, Ordering::SeqCst);
                Vec::new()
            },
            |seen: &mut Vec<i32>, i| {
                seen.push(i);
                i + 1
            },
        );
        assert_eq!(out, (1..51).collect::<Vec<_>>());
        assert!((1..=2).contains(&made.load(Ordering::SeqCst)));
    }

    #[test]
    fn a_panic_is_resumed_and_the_threads_given_back() {
        let threads = limit(2);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            threads.map(0..10, |i| assert_ne!(i, 7, "seven"));
        }));
        assert!(caught.is_err());
        assert_eq!(*threads.spare(), 1);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            threads.join(|| (), || panic!("beside"));
        }));
        assert!(caught.is_err());
        assert_eq!(*threads.spare(), 1);
    }
}

//! A list built the first time it is read: see [`Lazy`].

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use crate::model::{LinkIndex, Workspace};

/// A list built from the workspace the first time it is read, after which it is kept until the
/// next change. Its length is known without building it (`len` is this type's own method, so
/// `derived().chain_lines.len()` never builds the list); everything else reads the built list
/// through `Deref<Target = [T]>`.
pub struct Lazy<T> {
    len: usize,
    source: Option<(Arc<Workspace>, Arc<LinkIndex>)>,
    build: fn(&Workspace, &LinkIndex) -> Vec<T>,
    pub(super) built: OnceLock<Vec<T>>,
}

impl<T> Lazy<T> {
    pub(super) fn new(
        len: usize,
        ws: &Arc<Workspace>,
        index: &Arc<LinkIndex>,
        build: fn(&Workspace, &LinkIndex) -> Vec<T>,
    ) -> Lazy<T> {
        Lazy {
            len,
            source: Some((Arc::clone(ws), Arc::clone(index))),
            build,
            built: OnceLock::new(),
        }
    }

    /// Lines (or findings) in the list, without building it.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<T> Deref for Lazy<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.built.get_or_init(|| match &self.source {
            Some((ws, index)) => (self.build)(ws, index),
            None => Vec::new(),
        })
    }
}

impl<T> Default for Lazy<T> {
    fn default() -> Lazy<T> {
        Lazy {
            len: 0,
            source: None,
            build: |_, _| Vec::new(),
            built: OnceLock::new(),
        }
    }
}

impl<T: Clone> Clone for Lazy<T> {
    fn clone(&self) -> Lazy<T> {
        Lazy {
            len: self.len,
            source: self.source.clone(),
            build: self.build,
            built: self.built.clone(),
        }
    }
}

impl<T> std::fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lazy")
            .field("len", &self.len)
            .field("built", &self.built.get().is_some())
            .finish()
    }
}

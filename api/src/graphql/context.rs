//! What a resolver gets from its request: the shared state, the request's context (viewer
//! resolved lazily, so a request refused by a limit never touches the database; the language)
//! and the per-operation DataLoader.

use std::{hash::Hash, sync::Arc, time::Duration};

use async_graphql::{
    Context, Data, Request,
    dataloader::{DataLoader, Loader},
};
use entity::Language;

use super::loaders::DbLoader;
use crate::{
    auth::Viewer,
    error::{AppError, AppResult},
    request::RequestContext,
    state::AppState,
};

/// How long a loader waits for more keys before its statement: none beyond its timer's tick.
/// The fields that ask it are polled together, so all have asked by the time the loading task
/// runs; the default 1 ms was paid by every level of a page that loads anything (twice on a
/// forum page). The statement counts of `query_cost` tests hold with it.
const LOADER_DELAY: Duration = Duration::ZERO;

fn loader(state: &AppState) -> DataLoader<DbLoader> {
    DataLoader::new(DbLoader::new(state.db.clone()), tokio::spawn).delay(LOADER_DELAY)
}

/// An operation of `context`'s request, with its own DataLoader.
pub fn with_context(request: Request, state: &AppState, context: &Arc<RequestContext>) -> Request {
    request.data(context.clone()).data(loader(state))
}

/// The data a WebSocket connection's operations share.
pub fn connection_data(state: &AppState, context: RequestContext) -> Data {
    let mut data = Data::default();
    data.insert(Arc::new(context));
    data.insert(loader(state));
    data
}

pub(crate) trait ContextExt {
    fn state(&self) -> AppResult<&AppState>;
    fn request(&self) -> AppResult<&RequestContext>;
    fn loader(&self) -> AppResult<&DataLoader<DbLoader>>;
    /// One value through the request's DataLoader.
    async fn load<K>(&self, key: K) -> AppResult<Option<<DbLoader as Loader<K>>::Value>>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        DbLoader: Loader<K, Error = AppError>,
    {
        self.loader()?.load_one(key).await
    }
    async fn viewer(&self) -> AppResult<&Viewer>;
    /// The language to answer in: the field's `lang`, else the request's (`?lang=`,
    /// `Accept-Language`), else the viewer's preferred language, else English.
    async fn language(&self, lang: Option<super::enums::Language>) -> Language;
}

impl ContextExt for Context<'_> {
    fn state(&self) -> AppResult<&AppState> {
        self.data::<AppState>()
            .map_err(|_| AppError::internal(anyhow::anyhow!("no AppState in the schema")))
    }

    fn request(&self) -> AppResult<&RequestContext> {
        self.data::<Arc<RequestContext>>()
            .map(AsRef::as_ref)
            .map_err(|_| AppError::internal(anyhow::anyhow!("no RequestContext in the request")))
    }

    fn loader(&self) -> AppResult<&DataLoader<DbLoader>> {
        self.data::<DataLoader<DbLoader>>()
            .map_err(|_| AppError::internal(anyhow::anyhow!("no DataLoader in the request")))
    }

    async fn viewer(&self) -> AppResult<&Viewer> {
        let state = self.state()?;
        self.request()?.viewer(&state.db).await
    }

    async fn language(&self, lang: Option<super::enums::Language>) -> Language {
        if let Some(lang) = lang {
            return lang.into();
        }
        match (self.request(), self.state()) {
            (Ok(request), Ok(state)) => request.language(&state.db).await,
            _ => Language::En,
        }
    }
}

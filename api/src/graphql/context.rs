//! What a resolver gets from its request: the shared state, the viewer (resolved lazily, so a
//! request refused by a limit never touches the database) and the per-request DataLoader.

use std::{hash::Hash, sync::Arc};

use async_graphql::{
    Context,
    dataloader::{DataLoader, Loader},
};
use entity::Language;
use sea_orm::DbErr;
use tokio::sync::OnceCell;

use super::loaders::DbLoader;
use crate::{
    auth::{Viewer, viewer::Credentials},
    error::{AppError, AppResult},
    state::AppState,
};

pub struct RequestContext {
    credentials: Credentials,
    accept_language: Option<Language>,
    viewer: OnceCell<Viewer>,
    pub loader: DataLoader<DbLoader>,
}

impl RequestContext {
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    pub fn new(
        state: &AppState,
        credentials: Credentials,
        accept_language: Option<Language>,
    ) -> Self {
        Self {
            credentials,
            accept_language,
            viewer: OnceCell::new(),
            loader: DataLoader::new(DbLoader::new(state.db.clone()), tokio::spawn),
        }
    }
}

/// `cy` or `en` from an `Accept-Language` header, in the client's order of preference.
pub fn parse_accept_language(header: &str) -> Option<Language> {
    let mut ranked: Vec<(f32, Language)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let quality = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let language = match tag.split('-').next()? {
                "cy" => Language::Cy,
                "en" => Language::En,
                _ => return None,
            };
            (quality > 0.0).then_some((quality, language))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, language)| *language)
}

pub(crate) trait ContextExt {
    fn state(&self) -> AppResult<&AppState>;
    fn request(&self) -> AppResult<&RequestContext>;
    fn loader(&self) -> AppResult<&DataLoader<DbLoader>> {
        Ok(&self.request()?.loader)
    }
    /// One value through the request's DataLoader.
    async fn load<K>(&self, key: K) -> AppResult<Option<<DbLoader as Loader<K>>::Value>>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        DbLoader: Loader<K, Error = Arc<DbErr>>,
    {
        self.loader()?
            .load_one(key)
            .await
            .map_err(AppError::internal)
    }
    async fn viewer(&self) -> AppResult<&Viewer>;
    /// The language to answer in: the field's `lang`, else `Accept-Language`, else the viewer's
    /// preferred language, else English.
    async fn language(&self, lang: Option<super::enums::Language>) -> Language;
}

impl ContextExt for Context<'_> {
    fn state(&self) -> AppResult<&AppState> {
        self.data::<AppState>()
            .map_err(|_| AppError::internal(anyhow::anyhow!("no AppState in the schema")))
    }

    fn request(&self) -> AppResult<&RequestContext> {
        self.data::<RequestContext>()
            .map_err(|_| AppError::internal(anyhow::anyhow!("no RequestContext in the request")))
    }

    async fn viewer(&self) -> AppResult<&Viewer> {
        let request = self.request()?;
        let state = self.state()?;
        request
            .viewer
            .get_or_try_init(|| crate::auth::viewer::resolve(&state.db, &request.credentials))
            .await
    }

    async fn language(&self, lang: Option<super::enums::Language>) -> Language {
        if let Some(lang) = lang {
            return lang.into();
        }
        if let Some(lang) = self.request().ok().and_then(|r| r.accept_language) {
            return lang;
        }
        match self.viewer().await {
            Ok(viewer) => viewer.preferred_language().unwrap_or(Language::En),
            Err(_) => Language::En,
        }
    }
}

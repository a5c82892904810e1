//! Every word the server writes, in English and Welsh: the Fluent catalogues in
//! `api/locales/{en,cy}/*.ftl`, compiled into the binary, and `render(language, id, args)`.
//!
//! Counted texts select on CLDR plural categories inside the catalogue (Welsh has six: zero,
//! one, two, few, many, other), so the code passes a number and never chooses a form itself.
//! Unicode isolation marks are off: every output is plain text (JSON strings, CSV, Markdown,
//! and later e-mail and iCalendar), where invisible U+2068/U+2069 around each placeable would
//! end up inside spreadsheet cells, subjects and search matches, and both languages run left
//! to right.

use std::{borrow::Cow, sync::LazyLock};

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use unic_langid::{LanguageIdentifier, langid};

pub use entity::Language;

/// The catalogue files, by language, in the order they are loaded.
const FILES: [&str; 6] = [
    "errors.ftl",
    "fields.ftl",
    "words.ftl",
    "notifications.ftl",
    "reports.ftl",
    "email.ftl",
];

macro_rules! sources {
    ($lang:literal) => {
        [
            include_str!(concat!("../locales/", $lang, "/errors.ftl")),
            include_str!(concat!("../locales/", $lang, "/fields.ftl")),
            include_str!(concat!("../locales/", $lang, "/words.ftl")),
            include_str!(concat!("../locales/", $lang, "/notifications.ftl")),
            include_str!(concat!("../locales/", $lang, "/reports.ftl")),
            include_str!(concat!("../locales/", $lang, "/email.ftl")),
        ]
    };
}

const EN: [&str; 6] = sources!("en");
const CY: [&str; 6] = sources!("cy");

fn language_id(language: Language) -> LanguageIdentifier {
    match language {
        Language::En => langid!("en-GB"),
        Language::Cy => langid!("cy-GB"),
    }
}

/// `cy` or `en` (any case, any region: `cy-GB`), or `None` for any other tag.
pub fn language_from_tag(tag: &str) -> Option<Language> {
    let primary = tag.trim().split(['-', '_']).next()?;
    if primary.eq_ignore_ascii_case("cy") {
        Some(Language::Cy)
    } else if primary.eq_ignore_ascii_case("en") {
        Some(Language::En)
    } else {
        None
    }
}

/// The first of `cy` and `en` in an `Accept-Language` header, by the client's preference.
pub fn language_from_accept(header: &str) -> Option<Language> {
    let mut ranked: Vec<(f32, Language)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let language = language_from_tag(pieces.next()?)?;
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q=")?.parse::<f32>().ok())
                .unwrap_or(1.0);
            (quality > 0.0).then_some((quality, language))
        })
        .collect();
    // Stable: of equal weights, the one the client named first.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, language)| *language)
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
    /// Another message, rendered in the same language (a field's or a status's name).
    Message(&'static str),
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            #[allow(clippy::cast_lossless, clippy::cast_precision_loss)]
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_args!(i32, i64, u32, u64, usize, f64);

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

/// The named arguments of a message; `args!{ min = 5, max = 150 }` makes one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args(Vec<(&'static str, Arg)>);

impl Args {
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.0.push((name, value.into()));
        self
    }

    fn to_fluent(&self, language: Language) -> FluentArgs<'static> {
        let mut args = FluentArgs::with_capacity(self.0.len());
        for (name, value) in &self.0 {
            let value: FluentValue<'static> = match value {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Message(id) => FluentValue::from(text(language, id)),
            };
            args.set(*name, value);
        }
        args
    }
}

/// Named message arguments: `args!{ min = 5, max = 150, title = proposal.title.as_str() }`.
#[macro_export]
macro_rules! args {
    () => { $crate::i18n::Args::default() };
    ($($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Args::default()$(.with(stringify!($name), $value))+
    };
}

/// A message id with its arguments, rendered later in whatever language the reader wants.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: &'static str,
    pub args: Args,
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Args::default(),
        }
    }

    pub fn with(id: &'static str, args: Args) -> Self {
        Self { id, args }
    }

    pub fn render(&self, language: Language) -> String {
        render(language, self.id, &self.args)
    }
}

impl From<&'static str> for Message {
    fn from(id: &'static str) -> Self {
        Self::new(id)
    }
}

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
}

struct Catalogues {
    en: Catalogue,
    cy: Catalogue,
    /// What went wrong while loading; empty in a correct build (the unit tests make sure).
    problems: Vec<String>,
}

static CATALOGUES: LazyLock<Catalogues> = LazyLock::new(Catalogues::load);

impl Catalogues {
    fn load() -> Self {
        let mut problems = Vec::new();
        let en = Catalogue::load(Language::En, &EN, &mut problems);
        let cy = Catalogue::load(Language::Cy, &CY, &mut problems);
        Self { en, cy, problems }
    }

    fn get(&self, language: Language) -> &Catalogue {
        match language {
            Language::En => &self.en,
            Language::Cy => &self.cy,
        }
    }
}

impl Catalogue {
    fn load(language: Language, sources: &[&str], problems: &mut Vec<String>) -> Self {
        let mut bundle = FluentBundle::new_concurrent(vec![language_id(language)]);
        bundle.set_use_isolating(false);
        for (file, source) in FILES.iter().zip(sources) {
            let resource = match FluentResource::try_new((*source).to_string()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    problems.extend(errors.iter().map(|e| format!("{language:?} {file}: {e}")));
                    resource
                }
            };
            if let Err(errors) = bundle.add_resource(resource) {
                problems.extend(errors.iter().map(|e| format!("{language:?} {file}: {e}")));
            }
        }
        Self { bundle }
    }

    fn format(&self, id: &str, args: &FluentArgs, errors: &mut Vec<String>) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut fluent_errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(args), &mut fluent_errors);
        errors.extend(fluent_errors.iter().map(|e| format!("{id}: {e}")));
        Some(text.into_owned())
    }
}

/// The catalogues loaded without a problem; checked once at start-up.
pub fn verify() -> Result<(), String> {
    let problems = &CATALOGUES.problems;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// Message `id` in `language` with `args`. A message missing from the Welsh catalogue falls back
/// to English; one missing from both (a bug the unit tests catch) is its id, logged.
pub fn render(language: Language, id: &str, args: &Args) -> String {
    let mut errors = Vec::new();
    let fluent_args = args.to_fluent(language);
    let found = CATALOGUES
        .get(language)
        .format(id, &fluent_args, &mut errors)
        .or_else(|| {
            let fluent_args = args.to_fluent(Language::En);
            CATALOGUES.en.format(id, &fluent_args, &mut errors)
        });
    if !errors.is_empty() {
        tracing::error!(?language, id, ?errors, "a message did not render cleanly");
    }
    found.unwrap_or_else(|| {
        tracing::error!(?language, id, "no such message in the catalogues");
        id.to_string()
    })
}

/// A message without arguments.
pub fn text(language: Language, id: &str) -> String {
    render(language, id, &Args::default())
}

/// Welsh where asked for and written; English otherwise (RULES.md: a missing Welsh text falls
/// back to English).
pub fn pick<'a>(language: Language, en: &'a str, cy: &'a str) -> Cow<'a, str> {
    match language {
        Language::Cy if !cy.trim().is_empty() => Cow::Borrowed(cy),
        _ => Cow::Borrowed(en),
    }
}

/// The message that names each value of the stored enums, for people (the contract's enum
/// values are for machines).
pub mod names {
    use entity::{Decision, ProposalStatus, ResponseKind, StrategyStatus};

    pub fn proposal_status(status: ProposalStatus) -> &'static str {
        match status {
            ProposalStatus::Draft => "proposal-status-draft",
            ProposalStatus::Open => "proposal-status-open",
            ProposalStatus::Submitted => "proposal-status-submitted",
            ProposalStatus::UnderReview => "proposal-status-under-review",
            ProposalStatus::Accepted => "proposal-status-accepted",
            ProposalStatus::Rejected => "proposal-status-rejected",
            ProposalStatus::Deferred => "proposal-status-deferred",
            ProposalStatus::Implemented => "proposal-status-implemented",
            ProposalStatus::Withdrawn => "proposal-status-withdrawn",
        }
    }

    pub fn response_kind(kind: ResponseKind) -> &'static str {
        match kind {
            ResponseKind::Acknowledgement => "response-kind-acknowledgement",
            ResponseKind::Question => "response-kind-question",
            ResponseKind::Update => "response-kind-update",
            ResponseKind::Decision => "response-kind-decision",
        }
    }

    pub fn decision(decision: Decision) -> &'static str {
        match decision {
            Decision::Accepted => "decision-accepted",
            Decision::Rejected => "decision-rejected",
            Decision::Deferred => "decision-deferred",
        }
    }

    pub fn strategy_status(status: StrategyStatus) -> &'static str {
        match status {
            StrategyStatus::Draft => "strategy-status-draft",
            StrategyStatus::Consultation => "strategy-status-consultation",
            StrategyStatus::Adopted => "strategy-status-adopted",
            StrategyStatus::Archived => "strategy-status-archived",
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_syntax::{ast, parser};

    use super::*;

    fn ids(sources: &[&str]) -> BTreeSet<String> {
        sources
            .iter()
            .flat_map(|source| {
                let resource = parser::parse(*source).expect("a catalogue parses");
                resource
                    .body
                    .into_iter()
                    .filter_map(|entry| match entry {
                        ast::Entry::Message(m) => Some(m.id.name.to_string()),
                        ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn every_catalogue_parses_and_loads() {
        for sources in [EN, CY] {
            for (file, source) in FILES.iter().zip(sources) {
                if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                    panic!("{file} does not parse: {errors:?}");
                }
            }
        }
        assert_eq!(verify(), Ok(()));
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let (en, cy) = (ids(&EN), ids(&CY));
        let only_en: Vec<_> = en.difference(&cy).collect();
        let only_cy: Vec<_> = cy.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in Welsh: {only_en:?}");
        assert!(only_cy.is_empty(), "missing in English: {only_cy:?}");
    }

    /// Every argument any message takes; a message with another one fails to render below.
    fn sample_args(count: i64) -> Args {
        args! {
            count = count,
            seconds = count,
            field = "Title",
            min = 5,
            max = 150,
            title = "Seats at the bus stop",
            reason = "Personal details",
            status = "OPEN",
            kind = "DECISION",
            from = "DRAFT",
            to = "ADOPTED",
            version = 3,
            name = "Transport",
            description = "Buses and trains.",
        }
    }

    #[test]
    fn every_message_renders_in_both_languages_at_every_count() {
        for (language, sources) in [(Language::En, EN), (Language::Cy, CY)] {
            for id in ids(&sources).iter().filter(|id| !id.starts_with('-')) {
                for count in [0, 1, 2, 3, 6, 20] {
                    let mut errors = Vec::new();
                    let args = sample_args(count).to_fluent(language);
                    let text = CATALOGUES.get(language).format(id, &args, &mut errors);
                    assert!(errors.is_empty(), "{language:?} {id}: {errors:?}");
                    let text = text.unwrap_or_else(|| panic!("{language:?} {id} has no value"));
                    assert!(!text.trim().is_empty(), "{language:?} {id} is empty");
                    assert!(!text.contains('\u{2068}'), "isolation marks are off");
                }
            }
        }
    }

    /// Every message id the code names (a quoted string that starts like a catalogue's ids)
    /// is in the catalogues: a typo fails here, not in front of a resident.
    #[test]
    fn every_message_the_code_names_exists() {
        let known = ids(&EN);
        let prefixes: BTreeSet<&str> = known
            .iter()
            .filter_map(|id| id.split_once('-').map(|(prefix, _)| prefix))
            .filter(|prefix| !prefix.is_empty())
            .collect();
        let mut missing = Vec::new();
        let mut files = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = files.pop() {
            if path.is_dir() {
                for entry in std::fs::read_dir(&path).unwrap() {
                    files.push(entry.unwrap().path());
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for literal in source.split('"').skip(1).step_by(2) {
                let looks_like_id = literal
                    .split_once('-')
                    .is_some_and(|(prefix, _)| prefixes.contains(prefix))
                    && !literal.ends_with('-')
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-');
                if looks_like_id && !known.contains(literal) {
                    missing.push(format!("{}: {literal}", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "not in the catalogues: {missing:?}");
    }

    #[test]
    fn welsh_counts_take_all_six_forms() {
        let forms: Vec<String> = [0, 1, 2, 3, 6, 20]
            .into_iter()
            .map(|n| {
                render(
                    Language::Cy,
                    "report-measurement-count",
                    &args! { count = n },
                )
            })
            .collect();
        assert_eq!(
            forms,
            [
                "dim mesuriadau",
                "un mesuriad",
                "dau fesuriad",
                "tri mesuriad",
                "chwe mesuriad",
                "20 mesuriad"
            ]
        );
        assert_eq!(
            render(
                Language::En,
                "report-measurement-count",
                &args! { count = 1 }
            ),
            "1 measurement"
        );
    }

    #[test]
    fn languages_come_from_tags_and_headers() {
        assert_eq!(language_from_tag("CY"), Some(Language::Cy));
        assert_eq!(language_from_tag("cy-GB"), Some(Language::Cy));
        assert_eq!(language_from_tag("en_GB"), Some(Language::En));
        assert_eq!(language_from_tag("fr"), None);
        assert_eq!(
            language_from_accept("fr, cy;q=0.8, en;q=0.5"),
            Some(Language::Cy)
        );
        assert_eq!(language_from_accept("en-GB, cy;q=0.9"), Some(Language::En));
        assert_eq!(language_from_accept("cy;q=0, en;q=0.1"), Some(Language::En));
        assert_eq!(language_from_accept("de"), None);
    }
}

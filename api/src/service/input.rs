//! Input rules from RULES.md "Input": each check names the field it refuses.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::{
    args,
    error::{AppError, AppResult, Field},
};

pub const MAX_EMAIL: usize = 254;
/// Optional notes and details (a clerk's note on a move, a link, a measurement; a report's
/// details): one limit for all of them.
pub const MAX_NOTE: usize = 2000;
const PASSWORD: (usize, usize) = (10, 256);
const SLUG: (usize, usize) = (2, 60);
const SUPPORT_THRESHOLD: (i32, i32) = (1, 10_000);
const YOUTH_AGE: (i32, i32) = (13, 25);

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Trimmed and lower-cased; a plausible address of at most 254 characters.
pub fn email(field: Field, raw: &str) -> AppResult<String> {
    let email = raw.trim().to_lowercase();
    if char_len(&email) > MAX_EMAIL {
        return Err(AppError::invalid_with(
            field,
            "error-too-long",
            args!(max = MAX_EMAIL),
        ));
    }
    if !is_plausible_email(&email) {
        return Err(AppError::invalid(field, "error-email-invalid"));
    }
    Ok(email)
}

fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && char_len(local) <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && char_len(label) <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

pub fn password(field: Field, password: &str) -> AppResult<()> {
    let (min, max) = PASSWORD;
    let len = char_len(password);
    if len < min {
        Err(AppError::invalid_with(
            field,
            "error-too-short",
            args!(min = min),
        ))
    } else if len > max {
        Err(AppError::invalid_with(
            field,
            "error-too-long",
            args!(max = max),
        ))
    } else {
        Ok(())
    }
}

/// Trimmed text of `min..=max` characters with no control characters.
pub fn text(field: Field, raw: &str, min: usize, max: usize) -> AppResult<String> {
    let value = raw.trim();
    let len = char_len(value);
    if len < min || len > max {
        return Err(AppError::invalid_with(
            field,
            "error-text-length",
            args!(min = min, max = max),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(AppError::invalid(field, "error-control-characters"));
    }
    Ok(value.to_string())
}

/// A single line: like `text`, and no line breaks or tabs either.
pub fn line(field: Field, raw: &str, min: usize, max: usize) -> AppResult<String> {
    let value = text(field, raw, min, max)?;
    if value.chars().any(char::is_control) {
        return Err(AppError::invalid(field, "error-control-characters"));
    }
    Ok(value)
}

/// An optional note (a clerk's note, a report's details): blank means none given, everywhere.
pub fn optional_note(field: Field, raw: Option<String>) -> AppResult<Option<String>> {
    raw.filter(|value| !value.trim().is_empty())
        .map(|value| text(field, &value, 1, MAX_NOTE))
        .transpose()
}

/// A required note (what was done, why something was hidden).
pub fn note(field: Field, raw: &str) -> AppResult<String> {
    text(field, raw, 1, MAX_NOTE)
}

/// A name people are shown (a person's, a forum's): a line in NFC, so that one name has one
/// spelling, with no format characters (general category Cf: bidi overrides and isolates,
/// zero-width characters, soft hyphens) and no line or paragraph separators, which would make
/// it display as something it is not ("Town \u{202e}KRELC" shows as "Town CLERK").
pub fn name(field: Field, raw: &str, min: usize, max: usize) -> AppResult<String> {
    let normalised: String = raw.nfc().collect();
    let value = line(field, &normalised, min, max)?;
    let invisible = |c: char| {
        matches!(
            c.general_category(),
            GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        )
    };
    if value.chars().any(invisible) {
        return Err(AppError::invalid(field, "error-hidden-characters"));
    }
    Ok(value)
}

pub fn display_name(field: Field, raw: &str) -> AppResult<String> {
    name(field, raw, 2, 60)
}

pub fn slug(field: Field, raw: &str) -> AppResult<String> {
    let (min, max) = SLUG;
    let ok = (min..=max).contains(&raw.len())
        && raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(raw.to_string())
    } else {
        Err(AppError::invalid_with(
            field,
            "error-slug-format",
            args!(min = min, max = max),
        ))
    }
}

pub fn support_threshold(field: Field, value: i32) -> AppResult<i32> {
    let (min, max) = SUPPORT_THRESHOLD;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(AppError::invalid_with(
            field,
            "error-number-range",
            args!(min = min, max = max),
        ))
    }
}

/// Youth members are 13 to 25 years old on the day they register.
pub fn youth_date_of_birth(
    field: Field,
    born: Option<NaiveDate>,
    today: NaiveDate,
) -> AppResult<NaiveDate> {
    let born = born.ok_or_else(|| AppError::invalid(field, "error-youth-birth-date-needed"))?;
    if born > today {
        return Err(AppError::invalid(field, "error-date-in-future"));
    }
    let (min, max) = YOUTH_AGE;
    if !(min..=max).contains(&age_on(born, today)) {
        return Err(AppError::invalid_with(
            field,
            "error-youth-age",
            args!(min = min, max = max),
        ));
    }
    Ok(born)
}

fn age_on(born: NaiveDate, day: NaiveDate) -> i32 {
    let had_birthday = (day.month(), day.day()) >= (born.month(), born.day());
    day.year() - born.year() - i32::from(!had_birthday)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            email(Field::Email, "  Ann@Example.ORG ").unwrap(),
            "ann@example.org"
        );
        for bad in [
            "",
            "ann",
            "ann@",
            "@example.org",
            "ann@example",
            "a b@example.org",
            "ann@-x.org",
            "ann@@example.org",
        ] {
            assert!(email(Field::Email, bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(email(Field::Email, &long).is_err());
    }

    #[test]
    fn youth_age_counts_birthdays() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let today = day(2026, 11, 23);
        assert!(youth_date_of_birth(Field::DateOfBirth, Some(day(2013, 11, 23)), today).is_ok());
        assert!(youth_date_of_birth(Field::DateOfBirth, Some(day(2013, 11, 24)), today).is_err());
        assert!(youth_date_of_birth(Field::DateOfBirth, Some(day(2000, 11, 24)), today).is_ok());
        assert!(youth_date_of_birth(Field::DateOfBirth, Some(day(2000, 11, 23)), today).is_err());
        assert!(youth_date_of_birth(Field::DateOfBirth, Some(day(2027, 1, 1)), today).is_err());
        assert!(youth_date_of_birth(Field::DateOfBirth, None, today).is_err());
    }

    #[test]
    fn texts() {
        assert_eq!(
            display_name(Field::DisplayName, "  Ann  ").ok().as_deref(),
            Some("Ann")
        );
        assert!(display_name(Field::DisplayName, "A").is_err());
        assert!(display_name(Field::DisplayName, "Ann\u{0007}").is_err());
        assert!(display_name(Field::DisplayName, &"x".repeat(61)).is_err());
        assert!(display_name(Field::DisplayName, "Town \u{202e}KRELC").is_err());
        assert!(display_name(Field::DisplayName, "Cl\u{200b}erk").is_err());
        assert_eq!(
            display_name(Field::DisplayName, "Gwe\u{301}n")
                .ok()
                .as_deref(),
            Some("Gw\u{e9}n")
        );
        assert!(slug(Field::Slug, "green-spaces-2").is_ok());
        assert!(slug(Field::Slug, "Green").is_err());
        assert!(slug(Field::Slug, "a").is_err());
    }
}

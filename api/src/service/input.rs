//! Input rules from RULES.md "Input": each check names the field it refuses.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::error::{AppError, AppResult};

pub const MAX_EMAIL: usize = 254;

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Trimmed and lower-cased; a plausible address of at most 254 characters.
pub fn email(field: &str, raw: &str) -> AppResult<String> {
    let email = raw.trim().to_lowercase();
    if char_len(&email) > MAX_EMAIL {
        return Err(AppError::invalid(
            field,
            "email must be at most 254 characters",
        ));
    }
    if !is_plausible_email(&email) {
        return Err(AppError::invalid(field, "not a valid email address"));
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

pub fn password(field: &str, password: &str) -> AppResult<()> {
    match char_len(password) {
        0..10 => Err(AppError::invalid(
            field,
            "password must be at least 10 characters",
        )),
        10..=256 => Ok(()),
        _ => Err(AppError::invalid(
            field,
            "password must be at most 256 characters",
        )),
    }
}

/// Trimmed text of `min..=max` characters with no control characters.
pub fn text(field: &str, raw: &str, min: usize, max: usize) -> AppResult<String> {
    let value = raw.trim();
    let len = char_len(value);
    if len < min || len > max {
        return Err(AppError::invalid(
            field,
            format!("{field} must be {min} to {max} characters"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(AppError::invalid(
            field,
            format!("{field} has control characters"),
        ));
    }
    Ok(value.to_string())
}

/// A single line: like `text`, and no line breaks or tabs either.
pub fn line(field: &str, raw: &str, min: usize, max: usize) -> AppResult<String> {
    let value = text(field, raw, min, max)?;
    if value.chars().any(char::is_control) {
        return Err(AppError::invalid(
            field,
            format!("{field} has control characters"),
        ));
    }
    Ok(value)
}

/// An optional free-text field (a note, details): blank means none given.
pub fn optional_text(field: &str, raw: Option<String>, max: usize) -> AppResult<Option<String>> {
    raw.filter(|value| !value.trim().is_empty())
        .map(|value| text(field, &value, 1, max))
        .transpose()
}

/// A name people are shown (a person's, a forum's): a line in NFC, so that one name has one
/// spelling, with no format characters (general category Cf: bidi overrides and isolates,
/// zero-width characters, soft hyphens) and no line or paragraph separators, which would make
/// it display as something it is not ("Town \u{202e}KRELC" shows as "Town CLERK").
pub fn name(field: &str, raw: &str, min: usize, max: usize) -> AppResult<String> {
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
        return Err(AppError::invalid(
            field,
            format!("{field} has invisible or direction-changing characters"),
        ));
    }
    Ok(value)
}

pub fn display_name(field: &str, raw: &str) -> AppResult<String> {
    name(field, raw, 2, 60)
}

pub fn slug(field: &str, raw: &str) -> AppResult<String> {
    let ok = (2..=60).contains(&raw.len())
        && raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(raw.to_string())
    } else {
        Err(AppError::invalid(
            field,
            "slug must be 2 to 60 of a-z, 0-9 and '-'",
        ))
    }
}

pub fn support_threshold(field: &str, value: i32) -> AppResult<i32> {
    if (1..=10_000).contains(&value) {
        Ok(value)
    } else {
        Err(AppError::invalid(
            field,
            "supportThreshold must be 1 to 10000",
        ))
    }
}

/// Youth members are 13 to 25 years old on the day they register.
pub fn youth_date_of_birth(
    field: &str,
    born: Option<NaiveDate>,
    today: NaiveDate,
) -> AppResult<NaiveDate> {
    let born = born
        .ok_or_else(|| AppError::invalid(field, "youth members must give their date of birth"))?;
    if born > today {
        return Err(AppError::invalid(field, "date of birth is in the future"));
    }
    if !(13..=25).contains(&age_on(born, today)) {
        return Err(AppError::invalid(
            field,
            "youth members must be 13 to 25 years old",
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
            email("email", "  Ann@Example.ORG ").ok().as_deref(),
            Some("ann@example.org")
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
            assert!(email("email", bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(email("email", &long).is_err());
    }

    #[test]
    fn youth_age_counts_birthdays() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        let today = day(2026, 11, 23);
        assert!(youth_date_of_birth("d", Some(day(2013, 11, 23)), today).is_ok());
        assert!(youth_date_of_birth("d", Some(day(2013, 11, 24)), today).is_err());
        assert!(youth_date_of_birth("d", Some(day(2000, 11, 24)), today).is_ok());
        assert!(youth_date_of_birth("d", Some(day(2000, 11, 23)), today).is_err());
        assert!(youth_date_of_birth("d", Some(day(2027, 1, 1)), today).is_err());
        assert!(youth_date_of_birth("d", None, today).is_err());
    }

    #[test]
    fn texts() {
        assert_eq!(display_name("n", "  Ann  ").ok().as_deref(), Some("Ann"));
        assert!(display_name("n", "A").is_err());
        assert!(display_name("n", "Ann\u{0007}").is_err());
        assert!(display_name("n", &"x".repeat(61)).is_err());
        assert!(display_name("n", "Town \u{202e}KRELC").is_err());
        assert!(display_name("n", "Cl\u{200b}erk").is_err());
        assert_eq!(
            display_name("n", "Gwe\u{301}n").ok().as_deref(),
            Some("Gw\u{e9}n")
        );
        assert!(slug("s", "green-spaces-2").is_ok());
        assert!(slug("s", "Green").is_err());
        assert!(slug("s", "a").is_err());
    }
}

//! Searchable text is stored folded, so that both databases compare it the same way: SQLite's
//! `LIKE` and `lower()` fold ASCII only, and PostgreSQL's `lower()` depends on the server's
//! locale. A search folds its words with the same function.

use unicode_normalization::UnicodeNormalization;

/// Unicode lower case, then NFC: "GŴYL" and "Gŵyl" (however the ŵ was typed, precomposed or
/// as w and a combining circumflex) both become "gŵyl".
pub fn fold(text: &str) -> String {
    text.to_lowercase().nfc().collect()
}

/// The folded copies a proposal is searched by: its title, and its title and body together.
/// Written by the proposal's save hook, and by bulk inserts (the demo town) that bypass it.
pub fn proposal_columns(title: &str, body: &str) -> (String, String) {
    let title = fold(title);
    let text = format!("{title}\n{}", fold(body));
    (title, text)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_and_composition() {
        assert_eq!(fold("GŴYL Fwyd"), "gŵyl fwyd");
        assert_eq!(fold("Gw\u{302}yl"), "gŵyl");
        assert_eq!(fold("ŶD CAFE\u{301}"), "ŷd café");
        assert_eq!(fold("100% a_b"), "100% a_b");
    }
}

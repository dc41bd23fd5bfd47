//! What the files that failed to parse might define, so that a parse error in one file
//! does not cascade into "unknown milestone" errors in the files that refer to it.
use rustc_hash::FxHashSet;

/// The ids the program may define beyond the items that were read.
///
/// The rule: an unknown reference is reported only when no file that lost items (it
/// could not be read or parsed, or a list or an item in it could not be read) might
/// define the id. A file might define an id when its text holds the id as a whole
/// word (an id is defined by writing it), and any id when its text could not be read
/// at all. The parse error itself is reported, and the reference is checked once the
/// file parses. An id written with YAML escapes (`"\x61"`) is not seen as a word; a
/// reference to it is reported, as before.
#[derive(Default, Debug)]
pub struct Unparsed {
    /// A file could not be read at all: it might define any id.
    any: bool,
    /// The id-like words of the text of files that lost items.
    words: FxHashSet<Box<str>>,
}

impl Unparsed {
    /// A file that could not be read: it might define anything.
    pub(super) fn unread(&mut self) {
        self.any = true;
    }

    /// The text of a file that lost items (no text: it was not read).
    pub(super) fn text(&mut self, text: &str) {
        if text.is_empty() {
            self.any = true;
        }
        for word in text.split(|c: char| !is_id_char(c)) {
            if !word.is_empty() && !self.words.contains(word) {
                self.words.insert(word.into());
            }
        }
    }

    /// Whether a file that lost items might define `id`.
    pub fn may_define(&self, id: &str) -> bool {
        self.any || self.words.contains(id)
    }
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_the_text_may_be_defined() {
        let mut u = Unparsed::default();
        assert!(!u.may_define("a"));
        u.text("milestones:\n  - id: fabric-up\n\t duration: 3 # see dfw1.h200\n");
        for id in ["fabric-up", "dfw1.h200", "duration", "3"] {
            assert!(u.may_define(id), "{id}");
        }
        for id in ["fabric", "up", "burn-in"] {
            assert!(!u.may_define(id), "{id}");
        }
        u.unread();
        assert!(u.may_define("burn-in"));
    }
}

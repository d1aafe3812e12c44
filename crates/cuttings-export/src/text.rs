//! Small text helpers the formats share: escaping, dates for readers, names for citations,
//! file names that every operating system accepts.

use cuttings_core::date::PartialDate;
use cuttings_core::date_format::{self, date_label, DateStyle};

/// Escapes text for HTML and XHTML content and attribute values. Characters XML forbids (most
/// C0 controls) are dropped, so the same text is valid in an EPUB's XHTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

pub fn escape_into(out: &mut String, s: &str) {
    // Copies runs of ordinary text whole: reports of thousands of clippings are mostly that.
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (replacement, len): (&str, usize) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1f | 0x7f => ("", 1),
            // U+FFFE and U+FFFF, which XML also forbids.
            0xef if bytes.get(i + 1) == Some(&0xbf)
                && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)) =>
            {
                ("", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[start..i]);
        out.push_str(replacement);
        i += len;
        start = i;
    }
    out.push_str(&s[start..]);
}

/// A date as a report prints it: "7 April 2015", "April 2015", "2015" or "date unknown".
pub fn human_date(d: Option<PartialDate>) -> String {
    date_label(d, DateStyle::Long)
}

pub fn month_name(m: u32) -> &'static str {
    date_format::month_name(m, DateStyle::Long)
}

/// Paragraphs of a body: blank-line separated, trimmed, empty ones dropped.
pub fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

/// A person's name as citation managers want it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    Parts {
        family: String,
        given: String,
        /// "van", "de", "al-" kept with the family name when sorting is not by it.
        particle: Option<String>,
    },
    /// Names that should not be split: one word, Arabic or other scripts without the
    /// given-family order, organisations.
    Literal(String),
}

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "la", "le", "dos", "das",
    "ter", "ten", "bin", "ibn", "abu", "el",
];

fn is_arabic_or_hebrew(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Splits an author's name sensibly: "Family, Given" as written; otherwise the last word is the
/// family name with any lowercase particles before it. A one-word name, or one in a
/// right-to-left script, stays whole.
pub fn split_name(name: &str) -> Name {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().any(is_arabic_or_hebrew) {
        return Name::Literal(name);
    }
    if let Some((family, given)) = name.split_once(',') {
        let (family, given) = (family.trim(), given.trim());
        if !family.is_empty() && !given.is_empty() && !given.contains(',') {
            return Name::Parts {
                family: family.into(),
                given: given.into(),
                particle: None,
            };
        }
        return Name::Literal(name);
    }
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 || !words[0].chars().next().is_some_and(char::is_uppercase) {
        return Name::Literal(name);
    }
    let mut family_start = words.len() - 1;
    while family_start > 1 && PARTICLES.contains(&words[family_start - 1]) {
        family_start -= 1;
    }
    let particle =
        (family_start < words.len() - 1).then(|| words[family_start..words.len() - 1].join(" "));
    Name::Parts {
        family: words[words.len() - 1].into(),
        given: words[..family_start].join(" "),
        particle,
    }
}

/// Characters no file name may hold on Windows, macOS or Linux.
fn bad_in_file_name(c: char) -> bool {
    matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') || c.is_control()
}

const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A file name stem safe everywhere: forbidden characters become spaces, runs of spaces one,
/// no leading or trailing dots or spaces, at most `max` characters (cut at a word), never a
/// reserved Windows device name, never empty.
pub fn safe_file_stem(s: &str, max: usize) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if bad_in_file_name(c) { ' ' } else { c })
        .collect();
    let mut out = String::new();
    for w in cleaned.split_whitespace() {
        let extra = usize::from(!out.is_empty()) + w.chars().count();
        if out.chars().count() + extra > max {
            if out.is_empty() {
                out = w.chars().take(max).collect();
            }
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    let out = out.trim_matches(|c: char| c == '.' || c == ' ').to_string();
    if out.is_empty() {
        return "clipping".into();
    }
    let upper = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    if RESERVED.contains(&upper.as_str()) {
        return format!("_{out}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_drops_xml_forbidden_controls() {
        assert_eq!(
            escape("<a href=\"x\">Tom & 'Jerry'</a>\u{2}"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("Лавров — لافروف"), "Лавров — لافروف");
        assert_eq!(
            escape("a\u{fffe}b\u{ffff}c\u{fffd}\u{7f}\td"),
            "abc\u{fffd}\td"
        );
    }

    #[test]
    fn dates_read_at_their_precision() {
        assert_eq!(
            human_date(PartialDate::day(2015, 4, 7).ok()),
            "7 April 2015"
        );
        assert_eq!(human_date(PartialDate::month(2015, 4).ok()), "April 2015");
        assert_eq!(human_date(PartialDate::year(2015).ok()), "2015");
        assert_eq!(human_date(None), "date unknown");
    }

    #[test]
    fn names_split_into_family_and_given_unless_they_should_not() {
        assert_eq!(
            split_name("Manar al-Frieh"),
            Name::Parts {
                family: "al-Frieh".into(),
                given: "Manar".into(),
                particle: None
            }
        );
        assert_eq!(
            split_name("Ludwig van Beethoven"),
            Name::Parts {
                family: "Beethoven".into(),
                given: "Ludwig".into(),
                particle: Some("van".into())
            }
        );
        assert_eq!(
            split_name("Lyse, Doucet"),
            Name::Parts {
                family: "Lyse".into(),
                given: "Doucet".into(),
                particle: None
            }
        );
        assert_eq!(split_name("Reuters"), Name::Literal("Reuters".into()));
        assert_eq!(
            split_name("منار الفريح"),
            Name::Literal("منار الفريح".into())
        );
        assert_eq!(
            split_name("Сергей Лавров"),
            Name::Parts {
                family: "Лавров".into(),
                given: "Сергей".into(),
                particle: None
            }
        );
    }

    #[test]
    fn file_stems_are_safe_on_windows_and_short() {
        assert_eq!(
            safe_file_stem("Q&A: what now? <Syria>/\"talks\"", 80),
            "Q&A what now Syria talks"
        );
        assert_eq!(safe_file_stem("con", 80), "_con");
        assert_eq!(safe_file_stem("...", 80), "clipping");
        let long = "word ".repeat(50);
        assert!(safe_file_stem(&long, 40).chars().count() <= 40);
        assert_eq!(
            safe_file_stem("Лавров: переговоры", 80),
            "Лавров переговоры"
        );
    }
}

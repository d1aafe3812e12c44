//! Bylines: `By Jane Smith and Omar Haddad`, or a bare `Manar al-Frieh/Haifa Said` closing a
//! wire story.
//!
//! A line is taken for a byline only when every part of it reads as a person's name, since
//! headlines, captions and short sentences are also short lines of capitalised words.

/// Lower-case name particles that may stand between the parts of a name.
const PARTICLES: &[&str] = &[
    "abu", "al", "bin", "bint", "ben", "da", "das", "de", "del", "della", "der", "di", "dos", "du",
    "el", "ibn", "la", "le", "st", "ter", "van", "von", "y",
];

/// Prefixes joined to a family name by a hyphen, as in `al-Frieh`.
const HYPHEN_PREFIXES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "abu", "bin",
];

/// Capitalised words that are common on short lines of site furniture but are not names.
const NOT_NAMES: &[&str] = &[
    "about",
    "advertisement",
    "all",
    "also",
    "and",
    "article",
    "articles",
    "back",
    "but",
    "check",
    "click",
    "comments",
    "contact",
    "continue",
    "copyright",
    "editing",
    "email",
    "follow",
    "for",
    "from",
    "he",
    "home",
    "image",
    "in",
    "it",
    "latest",
    "like",
    "listen",
    "menu",
    "more",
    "news",
    "next",
    "of",
    "on",
    "page",
    "photo",
    "photos",
    "posted",
    "previous",
    "print",
    "privacy",
    "published",
    "read",
    "reading",
    "related",
    "report",
    "reporting",
    "reserved",
    "rights",
    "search",
    "share",
    "she",
    "sign",
    "source",
    "sources",
    "stories",
    "story",
    "subscribe",
    "tags",
    "terms",
    "that",
    "the",
    "they",
    "this",
    "to",
    "top",
    "updated",
    "us",
    "video",
    "watch",
    "we",
    "with",
    "you",
];

/// Words that name a job or an agency rather than a person, dropped from a `By` line.
const ROLES: &[&str] = &[
    "afp",
    "agencies",
    "ap",
    "associated press",
    "bloomberg",
    "columnist",
    "contributor",
    "correspondent",
    "editor",
    "journalist",
    "reporter",
    "reuters",
    "staff",
    "staff writer",
    "writer",
];

/// Authors from a `By …` line, with trailing roles such as `, Reuters` or `| Staff Writer`
/// dropped; `None` unless every remaining part is a name.
pub(crate) fn by_line(line: &str) -> Option<Vec<String>> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))?;
    let names = rest.split('|').next().unwrap_or(rest);
    if names.split_whitespace().count() > 16 {
        return None;
    }
    let parts: Vec<&str> = split_names(names)
        .into_iter()
        .filter(|p| !is_role(p))
        .collect();
    all_names(parts)
}

/// Authors from a line that is nothing but names; `None` for anything else.
pub(crate) fn bare_names(line: &str) -> Option<Vec<String>> {
    let words = line.split_whitespace().count();
    let ends_sentence = line.ends_with(['.', '!', '?', ':', ';', '"', '”']);
    if words > 8 || ends_sentence || line.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    all_names(split_names(line))
}

fn split_names(s: &str) -> Vec<&str> {
    s.split(['/', '&', ',', ';'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn all_names(parts: Vec<&str>) -> Option<Vec<String>> {
    if parts.is_empty() || !parts.iter().all(|p| is_name(p)) {
        return None;
    }
    Some(parts.into_iter().map(str::to_owned).collect())
}

fn is_role(part: &str) -> bool {
    let lower = part.to_lowercase();
    ROLES.contains(&lower.as_str())
        || lower
            .rsplit(' ')
            .next()
            .is_some_and(|last| ROLES.contains(&last) && lower.contains(' '))
}

fn is_name(part: &str) -> bool {
    let tokens: Vec<&str> = part.split_whitespace().collect();
    if !(2..=5).contains(&tokens.len()) {
        return false;
    }
    let last = tokens.len() - 1;
    tokens.iter().enumerate().all(|(i, t)| {
        let particle = PARTICLES.contains(t);
        if particle {
            return i != 0 && i != last;
        }
        is_name_word(t) || (i != 0 && is_prefixed_name_word(t))
    })
}

fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let starts_upper = chars.next().is_some_and(char::is_uppercase);
    starts_upper
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && !NOT_NAMES.contains(&word.to_lowercase().as_str())
}

fn is_prefixed_name_word(word: &str) -> bool {
    word.split_once('-').is_some_and(|(prefix, rest)| {
        HYPHEN_PREFIXES.contains(&prefix.to_lowercase().as_str()) && is_name_word(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(names: &[&str]) -> Option<Vec<String>> {
        Some(names.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn a_slash_separated_pair_of_names_is_a_byline() {
        assert_eq!(
            bare_names("Manar al-Frieh/Haifa Said"),
            v(&["Manar al-Frieh", "Haifa Said"])
        );
    }

    #[test]
    fn by_lines_with_one_two_or_three_names_are_read() {
        assert_eq!(by_line("By Jane Smith"), v(&["Jane Smith"]));
        assert_eq!(
            by_line("By Jane Smith and Omar Haddad"),
            v(&["Jane Smith", "Omar Haddad"])
        );
        assert_eq!(
            by_line("By Jane Smith, Omar Haddad and Li Wei"),
            v(&["Jane Smith", "Omar Haddad", "Li Wei"])
        );
    }

    #[test]
    fn obvious_roles_after_the_names_are_dropped() {
        assert_eq!(by_line("By Jane Smith, Reuters"), v(&["Jane Smith"]));
        assert_eq!(by_line("By Jane Smith | Staff Writer"), v(&["Jane Smith"]));
        assert_eq!(
            by_line("By Jane Smith, Political Correspondent"),
            v(&["Jane Smith"])
        );
    }

    #[test]
    fn names_with_particles_and_initials_are_names() {
        assert_eq!(
            by_line("By Ludwig van der Berg & Maria de Souza"),
            v(&["Ludwig van der Berg", "Maria de Souza"])
        );
        assert_eq!(by_line("By J. R. Hartley"), v(&["J. R. Hartley"]));
        assert_eq!(by_line("By Sean O'Brien"), v(&["Sean O'Brien"]));
    }

    #[test]
    fn sentences_that_begin_with_by_are_not_bylines() {
        for s in [
            "By the end of 2004 Microsoft aims to launch search software.",
            "By 2025, 40% of the UK's population will still be without internet access.",
            "By contrast, said Mr Purushotma, learning may feel easier.",
            "By Monday Evening the talks had stalled",
            "By Jane Smith in Beirut",
        ] {
            assert_eq!(by_line(s), None, "{s}");
        }
    }

    #[test]
    fn short_lines_that_are_not_names_are_not_bylines() {
        for s in [
            "Check Also",
            "Related Articles",
            "He said so.",
            "Share this",
            "Syria",
            "Read more",
            "The talks went on",
            "Follow Us",
            "Geneva talks resume in March 2015",
        ] {
            assert_eq!(bare_names(s), None, "{s}");
        }
    }
}

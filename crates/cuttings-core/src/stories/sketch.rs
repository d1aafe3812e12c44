//! A clipping's sketch: a few hashes of its opening, looked up in an index to find the
//! clippings that might carry the same article, so adding a clipping costs a few index
//! lookups whatever the size of the library.
//!
//! Each print is a run of four words of the opening. Which runs are kept is decided by the
//! run's hash alone, not by where it stands, so two copies keep the same prints for the words
//! they share even when one adds a credit line or drops the first sentence. The opening is
//! what every copy keeps (papers cut from the bottom), and the first sentence of either copy
//! lies in the other's opening, so copies share prints there.

use super::text::{Article, OPENING_SENTENCES, OPENING_WORDS};

/// Keep a run when its hash is 0 modulo this: a quarter of them, a dozen for most openings.
const KEEP_ONE_IN: u64 = 4;
/// Four words: runs of three common words recur across unrelated articles often enough that
/// every clipping would have candidates to read; runs of four much less, and a copy with an
/// edit every fifteen words still keeps three in four of them.
const RUN: usize = 4;

/// FNV-1a, 64 bits: the prints are stored, so the hash must be the same in every build (the
/// standard library's hasher is not promised to be).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The prints of an article's opening, each once, as SQLite's signed integers.
pub fn prints(a: &Article) -> Vec<i64> {
    let mut out = Vec::new();
    let mut words = 0;
    for s in a.sentences.iter().take(OPENING_SENTENCES) {
        if words >= OPENING_WORDS {
            break;
        }
        words += s.words.len();
        // Runs do not cross sentences: a copy that drops or adds a sentence keeps the rest.
        let hashes: Vec<u64> = s.words.iter().map(|w| fnv1a(w.as_bytes())).collect();
        for run in hashes.windows(RUN) {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for w in run {
                h ^= w;
                h = h.wrapping_mul(0x0100_0000_01b3).rotate_left(17);
            }
            if h.is_multiple_of(KEEP_ONE_IN) {
                out.push(h as i64);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::super::text::article;
    use super::*;

    #[test]
    fn copies_share_prints_and_other_articles_do_not() {
        let a = article("Shares in American Express surged more than 8% on Tuesday after it said it was to spin off its less profitable advisory subsidiary. Over the years it has delivered poor profits and even some losses.");
        let b = article("BBC - Shares in American Express surged more than 8% on Tuesday after it says it was to spin off its less profitable financial advisory subsidiary.");
        let c = article("The government has announced a review of school meals after a campaign by parents and teachers across the country.");
        let (pa, pb, pc) = (prints(&a), prints(&b), prints(&c));
        assert!(!pa.is_empty());
        assert!(pa.iter().filter(|p| pb.contains(p)).count() >= 1);
        assert_eq!(pa.iter().filter(|p| pc.contains(p)).count(), 0);
    }
}

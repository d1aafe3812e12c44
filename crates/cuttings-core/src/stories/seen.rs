//! Which prints the library may hold, in memory: a Bloom filter over the stored prints, so that
//! a large import asks the print index only about the prints that some clipping may share.
//! Nearly every print of a new clipping is its own (no other clipping carries that run of
//! words), and looking each up in the index was most of what placing a clipping cost; a "no"
//! from the filter is certain, a "maybe" (all true ones and a fraction of a per cent of the
//! rest) is asked of the index as before, so the filter changes the cost, never the answer.

/// Bits per print held: with three probes, about one "maybe" in two hundred for a print not
/// held, while the filter stays within its size.
const BITS_PER_PRINT: usize = 16;
const PROBES: u64 = 3;

#[derive(Debug)]
pub struct SeenPrints {
    bits: Vec<u64>,
    mask: u64,
}

/// splitmix64's finaliser: a print's low bits are not uniform (the sketch keeps the runs whose
/// hash is 0 modulo 4), so each is mixed before it picks its bits.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl SeenPrints {
    /// A filter for up to about `prints` prints; past that it answers "maybe" more often,
    /// never wrongly "no".
    pub fn with_room_for(prints: usize) -> SeenPrints {
        let bits = (prints.max(1024) * BITS_PER_PRINT).next_power_of_two();
        SeenPrints {
            bits: vec![0; bits / 64],
            mask: bits as u64 - 1,
        }
    }

    /// The filter's bits for a print (double hashing: the k probes from two halves of one mix).
    fn probes(&self, print: i64) -> impl Iterator<Item = (usize, u64)> + '_ {
        let h = mix(print as u64);
        let (a, b) = (h, h.rotate_left(32) | 1);
        (0..PROBES).map(move |i| {
            let bit = a.wrapping_add(i.wrapping_mul(b)) & self.mask;
            ((bit / 64) as usize, 1u64 << (bit % 64))
        })
    }

    pub fn add(&mut self, print: i64) {
        let probes: Vec<(usize, u64)> = self.probes(print).collect();
        for (word, bit) in probes {
            self.bits[word] |= bit;
        }
    }

    /// False only when no print `print` was added.
    pub fn may_hold(&self, print: i64) -> bool {
        self.probes(print)
            .all(|(word, bit)| self.bits[word] & bit != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_added_print_is_held_and_few_others_seem_to_be() {
        let mut seen = SeenPrints::with_room_for(10_000);
        // Prints as the sketch makes them: multiples of four, spread over the i64 range.
        let print = |i: i64| i.wrapping_mul(0x2545_f491_4f6c_dd1d) & !3;
        for i in 0..10_000 {
            seen.add(print(i));
        }
        assert!((0..10_000).all(|i| seen.may_hold(print(i))));
        let false_maybes = (10_000..110_000)
            .filter(|&i| seen.may_hold(print(i)))
            .count();
        assert!(false_maybes < 1_000, "{false_maybes} of 100,000");
        // Overfilled, it answers "maybe" more often, but still holds all it was given.
        let mut small = SeenPrints::with_room_for(10);
        (0..5_000).for_each(|i| small.add(print(i)));
        assert!((0..5_000).all(|i| small.may_hold(print(i))));
    }
}

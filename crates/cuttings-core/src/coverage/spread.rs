//! How stories spread: for the stories a list shows, the outlet that carried each first, its
//! pickups and how long they took, and which outlets break stories and which pick them up.
//! Delays are counted in days, between copies dated to the day; a copy dated only to a month
//! or a year is listed without one rather than given a guessed delay.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::date_format::{date_label, DateStyle};
use crate::error::Result;
use crate::model::ClippingId;
use crate::search::{Filter, ListedCopy};
use crate::store::{source_names, Library};

/// One copy of a story, with how long after the first copy it ran.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pickup {
    pub id: ClippingId,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<PartialDate>,
    pub date_label: String,
    /// Days after the first copy; None unless both are dated to the day.
    pub delay_days: Option<i64>,
}

/// One story that more than one copy carries: the first copy and the pickups, by date.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySpread {
    pub story: i64,
    pub first: Pickup,
    pub pickups: Vec<Pickup>,
    /// Distinct sources among all the copies (copies without one not counted).
    pub outlets: i64,
    /// Days from the first copy to the last dated pickup.
    pub span_days: Option<i64>,
}

/// One outlet's part in the spread: the stories it carried first and those it picked up.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletSpread {
    pub name: String,
    /// Stories this outlet carried before any other.
    pub first: i64,
    /// Copies it ran of stories another outlet carried first.
    pub pickups: i64,
    /// The median delay of its pickups, in days.
    pub median_delay_days: Option<f64>,
}

/// How the stories a list shows spread.
#[cfg_attr(feature = "typegen", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// The stories the list shows.
    pub stories: i64,
    /// Of them, those carried by more than one copy.
    pub carried: i64,
    /// Copies after the first, over all the stories.
    pub pickups: i64,
    /// Pickups dated the same day as their first copy.
    pub same_day: i64,
    pub median_delay_days: Option<f64>,
    /// The outlets, those that carried the most stories first at the head.
    pub outlets: Vec<OutletSpread>,
    /// The most widely carried stories, most copies first, at most the number asked for.
    pub widest: Vec<StorySpread>,
}

impl Library {
    /// How the stories of the list for `filter` spread (counted by story whatever the
    /// filter's grouping), with the `top` most widely carried in full.
    pub fn spread(&self, filter: &Filter, top: usize) -> Result<Spread> {
        let copies = self.copies_of_listed_stories(filter)?;
        let names = source_names(self.conn())?;
        let name_of = |o: Option<i64>| o.map(|o| names.get(&o).cloned().unwrap_or_default());
        let mut stories: Vec<StorySpread> = Vec::new();
        let mut at = 0;
        while at < copies.len() {
            let end = at
                + copies[at..]
                    .iter()
                    .take_while(|c| c.story == copies[at].story)
                    .count();
            stories.push(story_spread(&copies[at..end], &name_of));
            at = end;
        }
        let mut out = Spread {
            stories: stories.len() as i64,
            carried: 0,
            pickups: 0,
            same_day: 0,
            median_delay_days: None,
            outlets: Vec::new(),
            widest: Vec::new(),
        };
        let mut by_outlet: HashMap<String, (i64, Vec<i64>, i64)> = HashMap::new();
        let mut delays = Vec::new();
        for s in &stories {
            if s.pickups.is_empty() {
                continue;
            }
            out.carried += 1;
            if let Some(name) = &s.first.source {
                by_outlet.entry(name.clone()).or_default().0 += 1;
            }
            for p in &s.pickups {
                out.pickups += 1;
                if p.delay_days == Some(0) {
                    out.same_day += 1;
                }
                delays.extend(p.delay_days);
                if let Some(name) = &p.source {
                    let e = by_outlet.entry(name.clone()).or_default();
                    e.2 += 1;
                    e.1.extend(p.delay_days);
                }
            }
        }
        out.median_delay_days = median(&mut delays);
        out.outlets = by_outlet
            .into_iter()
            .map(|(name, (first, mut delays, pickups))| OutletSpread {
                name,
                first,
                pickups,
                median_delay_days: median(&mut delays),
            })
            .collect();
        out.outlets.sort_by(|a, b| {
            (b.first, b.pickups)
                .cmp(&(a.first, a.pickups))
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        stories.retain(|s| !s.pickups.is_empty());
        stories.sort_by(|a, b| {
            (b.pickups.len(), b.outlets)
                .cmp(&(a.pickups.len(), a.outlets))
                .then(a.story.cmp(&b.story))
        });
        stories.truncate(top);
        out.widest = stories;
        Ok(out)
    }
}

/// One story's copies (at least one), the earliest-dated first: a copy dated to the month
/// counts from that month's first day, and among equals the one filed first leads.
fn story_spread(
    copies: &[ListedCopy],
    name_of: &dyn Fn(Option<i64>) -> Option<String>,
) -> StorySpread {
    let mut dated: Vec<(Option<PartialDate>, &ListedCopy)> = copies
        .iter()
        .map(|c| {
            (
                c.published
                    .as_deref()
                    .and_then(|d| PartialDate::parse_iso(d).ok()),
                c,
            )
        })
        .collect();
    dated.sort_by_key(|(d, c)| (d.is_none(), d.map(|d| d.first_day()), c.id));
    let first_day = dated[0]
        .0
        .filter(|d| d.day_value().is_some())
        .map(|d| d.first_day());
    let as_copy = |(d, c): &(Option<PartialDate>, &ListedCopy)| Pickup {
        id: c.id,
        title: c.title.clone(),
        source: name_of(c.outlet),
        published: *d,
        date_label: date_label(*d, DateStyle::Short),
        delay_days: match (first_day, d.filter(|d| d.day_value().is_some())) {
            (Some(a), Some(b)) => Some((b.first_day() - a).num_days()),
            _ => None,
        },
    };
    let mut outlets: Vec<i64> = copies.iter().filter_map(|c| c.outlet).collect();
    outlets.sort_unstable();
    outlets.dedup();
    let first = as_copy(&dated[0]);
    let pickups: Vec<Pickup> = dated[1..].iter().map(as_copy).collect();
    StorySpread {
        story: copies[0].story,
        span_days: pickups.iter().filter_map(|p| p.delay_days).max(),
        first,
        pickups,
        outlets: outlets.len() as i64,
    }
}

fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid] as f64
    } else {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    })
}

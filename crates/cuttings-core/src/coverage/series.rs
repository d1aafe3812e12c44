//! A coverage series: the whole list's rows by period, and the split's lines, each a tally
//! of rows the list holds (see the module's notes).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::buckets::Placed;
use super::{CoverageAsk, Line, LineKind, Series, Split};
use crate::error::{Error, Result};
use crate::search::{Filter, Query};
use crate::store::tags::{self, normalize_path};
use crate::store::{source_names, sources_named, Library};

/// Rows per stored date, before they are placed in periods.
type Days = Vec<(Option<String>, i64)>;

/// A line's rows before they are placed.
struct Tallied {
    name: String,
    kind: LineKind,
    days: Days,
}

impl Tallied {
    fn total(&self) -> i64 {
        self.days.iter().map(|(_, n)| n).sum()
    }
}

/// The line id that stands for "Other" among topic lines (tag ids are positive).
const OTHER: i64 = -1;

impl Library {
    /// The series answering `ask`: each line a tally of the list's rows for its filter, by
    /// period (see [`CoverageAsk`]).
    pub fn coverage(&self, ask: &CoverageAsk) -> Result<Series> {
        let all_days = self.days_matching(&ask.filter, &[])?;
        let lines = match ask.by {
            Split::None => Vec::new(),
            Split::Source => self.source_lines(ask)?,
            Split::Topic => self.topic_lines(ask)?,
            Split::Saved => self.saved_lines(ask)?,
        };
        let periods = periods(ask, &all_days)?;
        let at: HashMap<NaiveDate, usize> =
            periods.iter().enumerate().map(|(i, &d)| (d, i)).collect();
        let place = |name: String, kind: LineKind, days: &Days| {
            let mut line = Line {
                name,
                kind,
                counts: vec![0; periods.len()],
                share: vec![0.0; periods.len()],
                coarser: 0,
                undated: 0,
                total: 0,
            };
            for (date, n) in days {
                match ask.every.place(date.as_deref()) {
                    Placed::At(d) => line.counts[at[&d]] += n,
                    Placed::Coarser => line.coarser += n,
                    Placed::Undated => line.undated += n,
                }
                line.total += n;
            }
            line
        };
        let all = place("All".into(), LineKind::All, &all_days);
        let mut lines: Vec<Line> = lines
            .into_iter()
            .map(|t| place(t.name, t.kind, &t.days))
            .collect();
        for i in 0..periods.len() {
            let sum: i64 = lines.iter().map(|l| l.counts[i]).sum();
            if sum > 0 {
                for l in &mut lines {
                    l.share[i] = l.counts[i] as f64 / sum as f64;
                }
            }
        }
        let adds_up = match ask.by {
            Split::Source => ask.rest,
            Split::Topic => ask.rest && sums_match(&all, &lines),
            Split::None | Split::Saved => false,
        };
        Ok(Series {
            every: ask.every,
            by: ask.by,
            stories: ask.filter.group_copies,
            buckets: periods.iter().map(|&d| ask.every.bucket(d)).collect(),
            all,
            lines,
            adds_up,
        })
    }

    /// One line a source, the largest first, or the chosen ones; then the other sources and
    /// the rows without one. A row is its source's alone, so the lines add up to the whole.
    fn source_lines(&self, ask: &CoverageAsk) -> Result<Vec<Tallied>> {
        let mut by_outlet: HashMap<Option<i64>, Days> = HashMap::new();
        for (date, outlet, n) in self.days_by_outlet(&ask.filter)? {
            by_outlet.entry(outlet).or_default().push((date, n));
        }
        let names = source_names(self.conn())?;
        let without = by_outlet.remove(&None);
        let mut members: Vec<Tallied> = Vec::new();
        if ask.only.is_empty() {
            members = by_outlet
                .drain()
                .filter_map(|(o, days)| o.map(|o| (o, days)))
                .map(|(o, days)| Tallied {
                    name: names
                        .get(&o)
                        .cloned()
                        .unwrap_or_else(|| format!("source {o}")),
                    kind: LineKind::Member,
                    days,
                })
                .collect();
        } else {
            for name in &ask.only {
                let mut days = Days::new();
                for id in sources_named(self.conn(), name.trim())? {
                    days.extend(by_outlet.remove(&Some(id)).unwrap_or_default());
                }
                members.push(Tallied {
                    name: name.trim().to_string(),
                    kind: LineKind::Member,
                    days,
                });
            }
        }
        let rest: Days = by_outlet.into_values().flatten().collect();
        let mut lines = largest(members, ask, rest);
        if ask.rest {
            if let Some(days) = without {
                lines.push(Tallied {
                    name: "No source".into(),
                    kind: LineKind::Without,
                    days,
                });
            }
        }
        Ok(lines)
    }

    /// One line a topic at the chosen depth (its subtopics with it), the largest first, or
    /// the chosen topics; then the rows under none of them, and those without a topic.
    fn topic_lines(&self, ask: &CoverageAsk) -> Result<Vec<Tallied>> {
        let tags = tags::paths(self.conn())?;
        let id_of: HashMap<&str, i64> = tags.iter().map(|(id, p)| (p.as_str(), *id)).collect();
        let depth = ask.depth.max(1) as usize;
        // Each tag's line: its ancestor at the depth (itself when it is above it), or the
        // chosen topics it is under.
        let mut map: Vec<(i64, i64)> = Vec::new();
        let mut line_names: Vec<(i64, String)> = Vec::new();
        if ask.only.is_empty() {
            for (id, path) in &tags {
                let head: Vec<&str> = path.split('/').take(depth).collect();
                let head = head.join("/");
                let line = id_of.get(head.as_str()).copied().unwrap_or(*id);
                map.push((*id, line));
                if line == *id {
                    line_names.push((line, path.clone()));
                }
            }
        } else {
            for (i, chosen) in ask.only.iter().enumerate() {
                // Tags are matched as the sidebar matches them, whatever the case; the line
                // is named as the tag is written.
                let chosen = normalize_path(chosen)?.to_lowercase();
                let line = i as i64 + 1;
                let mut name = None;
                for (id, path) in &tags {
                    let lower = path.to_lowercase();
                    if lower == chosen {
                        name = Some(path.clone());
                    }
                    if lower == chosen || lower.starts_with(&format!("{chosen}/")) {
                        map.push((*id, line));
                    }
                }
                line_names.push((line, name.unwrap_or_else(|| ask.only[i].trim().to_string())));
            }
            if ask.rest {
                let chosen: BTreeSet<i64> = map.iter().map(|(t, _)| *t).collect();
                map.extend(
                    tags.iter()
                        .filter(|(id, _)| !chosen.contains(id))
                        .map(|(id, _)| (*id, OTHER)),
                );
            }
        }
        let line_of: HashMap<i64, i64> = map.iter().copied().collect();
        let sets = self.days_by_line_set(&ask.filter, &line_of)?;
        let mut by_line: HashMap<i64, Days> = HashMap::new();
        let mut without = Days::new();
        for ((date, set, tagged), n) in &sets {
            if set.is_empty() && !tagged {
                without.push((date.clone(), *n));
            }
            for line in set {
                by_line.entry(*line).or_default().push((date.clone(), *n));
            }
        }
        let other = by_line.remove(&OTHER);
        let members: Vec<Tallied> = line_names
            .into_iter()
            .map(|(line, name)| Tallied {
                name,
                kind: LineKind::Member,
                days: by_line.remove(&line).unwrap_or_default(),
            })
            .filter(|t| !ask.only.is_empty() || !t.days.is_empty())
            .collect();
        let mut lines = if ask.only.is_empty() {
            // Topics overlap, so the ones cut are not one line's rows: "Other" counts each
            // row under any of them once.
            let mut kept = largest(members, ask, Days::new());
            kept.retain(|t| t.kind != LineKind::Other);
            let shown: BTreeSet<&str> = kept.iter().map(|t| t.name.as_str()).collect();
            let hidden = |line: &i64| tags.get(line).is_some_and(|p| !shown.contains(p.as_str()));
            let days: Days = sets
                .iter()
                .filter(|((_, set, _), _)| set.iter().any(hidden))
                .map(|((date, _, _), n)| (date.clone(), *n))
                .collect();
            if ask.rest && !days.is_empty() {
                kept.push(Tallied {
                    name: "Other".into(),
                    kind: LineKind::Other,
                    days,
                });
            }
            kept
        } else {
            let mut lines = members;
            if let Some(days) = other {
                lines.push(Tallied {
                    name: "Other".into(),
                    kind: LineKind::Other,
                    days,
                });
            }
            lines
        };
        if ask.rest && !without.is_empty() {
            lines.push(Tallied {
                name: "No topic".into(),
                kind: LineKind::Without,
                days: without,
            });
        }
        Ok(lines)
    }

    /// One line a saved search (all of them, or the chosen ones): the list narrowed by it,
    /// as the sidebar's saved search would show it within the filter.
    fn saved_lines(&self, ask: &CoverageAsk) -> Result<Vec<Tallied>> {
        let saved = self.saved_searches()?;
        let chosen: Vec<_> = if ask.only.is_empty() {
            saved
        } else {
            ask.only
                .iter()
                .map(|name| {
                    saved
                        .iter()
                        .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
                        .cloned()
                        .ok_or_else(|| Error::not_found("saved search", name.trim()))
                })
                .collect::<Result<_>>()?
        };
        let mut lines = Vec::new();
        for s in chosen {
            let part = Filter {
                text: s.query.clone(),
                ..Filter::default()
            };
            lines.push(Tallied {
                name: s.name,
                kind: LineKind::Member,
                days: self.days_matching(&ask.filter, &[part])?,
            });
        }
        if ask.only.is_empty() && ask.top > 0 {
            lines.sort_by_key(|t| std::cmp::Reverse(t.total()));
            lines.truncate(ask.top as usize);
        }
        Ok(lines)
    }
}

/// The members, the largest first (by name among equals) unless chosen, cut to `ask.top`; what
/// is cut joins `rest` (rows of a partition) as "Other" when the rest is asked for.
fn largest(mut members: Vec<Tallied>, ask: &CoverageAsk, mut rest: Days) -> Vec<Tallied> {
    if ask.only.is_empty() {
        members.sort_by(|a, b| {
            b.total()
                .cmp(&a.total())
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        if ask.top > 0 && members.len() > ask.top as usize {
            for cut in members.split_off(ask.top as usize) {
                rest.extend(cut.days);
            }
        }
    }
    if ask.rest && !rest.is_empty() {
        members.push(Tallied {
            name: "Other".into(),
            kind: LineKind::Other,
            days: rest,
        });
    }
    members
}

/// Whether the lines add up to the whole in every period and beside them.
fn sums_match(all: &Line, lines: &[Line]) -> bool {
    let sum = |f: &dyn Fn(&Line) -> i64| lines.iter().map(f).sum::<i64>();
    (0..all.counts.len()).all(|i| sum(&|l| l.counts[i]) == all.counts[i])
        && sum(&|l| l.coarser) == all.coarser
        && sum(&|l| l.undated) == all.undated
}

/// The periods of a series: from the filter's range when it has one (else its first row's
/// period) to the range's end (else its last row's), every one between; past the bound on
/// periods, the ones holding rows alone.
fn periods(ask: &CoverageAsk, days: &Days) -> Result<Vec<NaiveDate>> {
    let q = Query::parse(&ask.filter.text)?;
    let from = q.from.or(ask.filter.from).map(|d| d.first_day());
    let to = q.to.or(ask.filter.to).map(|d| d.last_day());
    let held: BTreeSet<NaiveDate> = days
        .iter()
        .filter_map(|(d, _)| match ask.every.place(d.as_deref()) {
            Placed::At(d) => Some(d),
            _ => None,
        })
        .collect();
    let (first, last) = (held.first().copied(), held.last().copied());
    let filled = match (from.or(first), to.or(last)) {
        (Some(a), Some(b)) if a <= b => ask
            .every
            .periods(a, b)
            .or_else(|| ask.every.periods(first?, last?)),
        _ => None,
    };
    let mut all: BTreeSet<NaiveDate> = filled.unwrap_or_default().into_iter().collect();
    all.extend(held);
    Ok(all.into_iter().collect())
}

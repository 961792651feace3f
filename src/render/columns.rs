//! Table column widths from what each column holds, shared by the PDF and Word renderers.

use crate::compose::Inline;
use crate::compose::document::plain;

/// Column widths in points that share `total` in proportion to each column's longest
/// content, within bounds. `measure(bold, text)` is the width of `text` on one line, in
/// points, in the table's type (bold for the header).
pub fn widths(
    measure: impl Fn(bool, &str) -> f32,
    header: &[String],
    rows: &[Vec<Vec<Inline>>],
    total: f32,
) -> Vec<f32> {
    const PADDING: f32 = 10.0;
    let n = header.len().max(1);
    // Per column: the width of its widest text on one line, and of its longest word (below
    // which words would break in the middle).
    let mut natural = vec![0.0f32; n];
    let mut word = vec![0.0f32; n];
    let mut note = |i: usize, bold: bool, text: &str| {
        natural[i] = natural[i].max(measure(bold, text));
        for w in text.split([' ', '\t', '\n']) {
            word[i] = word[i].max(measure(bold, w));
        }
    };
    for (i, h) in header.iter().enumerate().take(n) {
        note(i, true, h);
    }
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            note(i, false, &plain(cell));
        }
    }
    let most: Vec<f32> = natural
        .iter()
        .map(|w| (w + PADDING).clamp(40.0, total))
        .collect();
    let least: Vec<f32> = word
        .iter()
        .zip(&most)
        .map(|(w, m)| (w + PADDING).clamp(30.0, total / 2.0).min(*m))
        .collect();
    let (sum_most, sum_least): (f32, f32) = (most.iter().sum(), least.iter().sum());
    if sum_most <= total {
        // Everything fits on one line: share out what is left.
        let extra = (total - sum_most) / n as f32;
        most.iter().map(|w| w + extra).collect()
    } else if sum_least <= total {
        // Every word fits whole: give each column its longest word, then the rest in
        // proportion to how much more it would use.
        let share = (total - sum_least) / (sum_most - sum_least);
        least
            .iter()
            .zip(&most)
            .map(|(l, m)| l + (m - l) * share)
            .collect()
    } else {
        // Not even the longest words fit: shrink them all alike (words then break).
        least.iter().map(|l| l * total / sum_least).collect()
    }
}

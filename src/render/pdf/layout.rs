//! Typesetting the document model on A4 pages: lines wrapped by real glyph widths, strips of
//! one line each, and a paginator that keeps headings with what follows, avoids orphan lines,
//! repeats table headers, and never loops: every strip is one line high, so any block, however
//! long, splits across pages.

use crate::assess::CheckStatus;
use crate::compose::document::{full_bar, heading_text, number_text};
use crate::compose::{Block, Document, Inline};

use super::fonts::{Face, Fonts};
use crate::render::columns;

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN_X: f32 = 51.0;
pub const MARGIN_TOP: f32 = 57.0;
/// Content ends here (from the top); the footer sits below.
pub const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - 62.0;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

pub type Rgb = (f32, f32, f32);
pub const INK: Rgb = (0.106, 0.106, 0.106);
pub const MUTED: Rgb = (0.29, 0.29, 0.29);
pub const ACCENT: Rgb = (0.043, 0.31, 0.424);
pub const LINE: Rgb = (0.72, 0.72, 0.72);
pub const SHADE: Rgb = (0.933, 0.953, 0.965);

/// Something drawn in a strip, positioned from the strip's top-left corner (x from the page's
/// left edge).
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    Text {
        x: f32,
        baseline: f32,
        face: Face,
        size: f32,
        color: Rgb,
        text: String,
    },
    /// A filled rectangle.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    /// A horizontal or vertical line.
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
}

/// One horizontal band of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Strip {
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    /// How many following strips must stay on this strip's page (headings, first lines).
    pub keep_next: usize,
    /// The table whose header to repeat when the strip opens a page.
    pub table: Option<usize>,
    pub draws: Vec<Draw>,
}

/// A heading for the outline: its level, text and page (0-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub level: u8,
    pub title: String,
    pub page: usize,
}

/// Laid-out pages: each a list of draws in page coordinates (y from the top).
#[derive(Debug, Clone, Default)]
pub struct Pages {
    pub pages: Vec<Vec<Draw>>,
    pub bookmarks: Vec<Bookmark>,
}

struct Style {
    size: f32,
    leading: f32,
    color: Rgb,
}

const BODY: Style = Style {
    size: 10.0,
    leading: 13.5,
    color: INK,
};
const SMALL: Style = Style {
    size: 9.0,
    leading: 11.5,
    color: INK,
};

fn heading_style(level: u8) -> (Style, f32) {
    let (size, leading, before) = match level {
        1 => (17.0, 21.0, 0.0),
        2 => (13.5, 17.0, 14.0),
        3 => (11.5, 14.5, 10.0),
        _ => (10.5, 13.5, 8.0),
    };
    let color = if level <= 2 { ACCENT } else { INK };
    (
        Style {
            size,
            leading,
            color,
        },
        before,
    )
}

/// A run of text in one face, to be wrapped.
#[derive(Debug, Clone)]
struct Run {
    face: Face,
    text: String,
}

fn runs(inlines: &[Inline], base: Face) -> Vec<Run> {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => Run {
                face: base,
                text: t.clone(),
            },
            Inline::Strong(t) => Run {
                face: Face::Bold,
                text: t.clone(),
            },
            Inline::Emphasis(t) => Run {
                face: Face::Oblique,
                text: t.clone(),
            },
            Inline::Link { text, url } => Run {
                face: base,
                text: format!("{text} ({url})"),
            },
            Inline::Ref { number, .. } => Run {
                face: base,
                text: number_text(*number),
            },
        })
        .collect()
}

/// One wrapped line: pieces of text in their faces, from the line's left edge.
type LinePieces = Vec<(f32, Face, String)>;

/// Wraps runs into lines no wider than `width`. Breaks at ordinary spaces only, so
/// non-breaking spaces hold amounts together; a word wider than a line is cut by characters.
fn wrap(fonts: &Fonts, runs: &[Run], size: f32, width: f32) -> Vec<LinePieces> {
    // Words as (face, text, width); a space between words is implied by `space_before`.
    struct Word {
        face: Face,
        text: String,
        space_before: bool,
    }
    let mut words: Vec<Word> = Vec::new();
    // A run that ends in a space ("2. " before a heading's text) spaces the next run's first
    // word from it.
    let mut ended_in_space = false;
    for run in runs {
        let mut first = true;
        let starts_with_space = run.text.starts_with(' ') || ended_in_space;
        if !run.text.is_empty() {
            ended_in_space = run.text.ends_with(' ');
        }
        for part in run.text.split(' ') {
            if part.is_empty() {
                first = false;
                continue;
            }
            let space_before = !words.is_empty() && (!first || starts_with_space);
            words.push(Word {
                face: run.face,
                text: part.to_string(),
                space_before,
            });
            first = false;
        }
    }
    let mut lines: Vec<LinePieces> = Vec::new();
    let mut line: LinePieces = Vec::new();
    let mut x = 0.0f32;
    for word in words {
        let space = if word.space_before && !line.is_empty() {
            fonts.width(word.face, " ", size)
        } else {
            0.0
        };
        let w = fonts.width(word.face, &word.text, size);
        if !line.is_empty() && x + space + w > width {
            lines.push(std::mem::take(&mut line));
            x = 0.0;
        }
        let space = if line.is_empty() { 0.0 } else { space };
        if w > width {
            // Cut an over-long word across lines.
            let mut piece = String::new();
            let mut pw = 0.0;
            for c in word.text.chars() {
                let cw = fonts.char_width(word.face, c, size);
                if x + pw + cw > width && !(piece.is_empty() && line.is_empty()) {
                    if !piece.is_empty() {
                        line.push((x, word.face, std::mem::take(&mut piece)));
                    }
                    lines.push(std::mem::take(&mut line));
                    x = 0.0;
                    pw = 0.0;
                }
                piece.push(c);
                pw += cw;
            }
            if !piece.is_empty() {
                line.push((x, word.face, piece));
                x += pw;
            }
            continue;
        }
        x += space;
        // Join with the previous piece when the face is the same, so text copies out whole.
        match line.last_mut() {
            Some((_, face, text)) if *face == word.face => {
                if space > 0.0 {
                    text.push(' ');
                }
                text.push_str(&word.text);
            }
            // A new face starts a new piece, placed after the space.
            _ => line.push((x, word.face, word.text.clone())),
        }
        x += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    lines
}

/// Text lines as strips at `indent`, the first keeping with the second (no orphan).
fn text_strips(
    fonts: &Fonts,
    runs: &[Run],
    style: &Style,
    indent: f32,
    width: f32,
    before: f32,
    color: Rgb,
) -> Vec<Strip> {
    let lines = wrap(fonts, runs, style.size, width);
    let count = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, pieces)| Strip {
            height: style.leading,
            space_before: if i == 0 { before } else { 0.0 },
            keep_next: usize::from(i == 0 && count > 1),
            table: None,
            draws: pieces
                .into_iter()
                .map(|(x, face, text)| Draw::Text {
                    x: MARGIN_X + indent + x,
                    baseline: style.leading * 0.78,
                    face,
                    size: style.size,
                    color,
                    text,
                })
                .collect(),
        })
        .collect()
}

/// Lays out a document: strips, then pages.
pub fn layout(doc: &Document, fonts: &Fonts, footer: impl Fn(usize, usize) -> String) -> Pages {
    let mut strips: Vec<Strip> = Vec::new();
    let mut headers: Vec<Vec<Strip>> = Vec::new();
    let mut marks: Vec<(usize, u8, String)> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading {
                level,
                number,
                text,
                ..
            } => {
                let text = &heading_text(*number, text);
                let (style, before) = heading_style(*level);
                let start = strips.len();
                marks.push((start, *level, crate::compose::document::plain(text)));
                let mut lines = text_strips(
                    fonts,
                    &runs(text, Face::Bold),
                    &style,
                    0.0,
                    CONTENT_WIDTH,
                    before,
                    style.color,
                );
                if *level == 2
                    && let Some(last) = lines.last_mut()
                {
                    last.height += 4.0;
                    last.draws.push(Draw::Rule {
                        x1: MARGIN_X,
                        y1: style.leading + 2.0,
                        x2: MARGIN_X + CONTENT_WIDTH,
                        y2: style.leading + 2.0,
                        width: 0.6,
                        color: LINE,
                    });
                }
                // A heading stays with its own lines and the first lines after it.
                keep_with_next(&mut lines);
                strips.extend(lines);
            }
            Block::Paragraph { text } => {
                let mut lines = text_strips(
                    fonts,
                    &runs(text, Face::Regular),
                    &BODY,
                    0.0,
                    CONTENT_WIDTH,
                    4.0,
                    INK,
                );
                if let Some(last) = lines.last_mut() {
                    last.height += 3.0;
                }
                strips.extend(lines);
            }
            Block::Note { text } => {
                let mut lines = text_strips(
                    fonts,
                    &runs(text, Face::Regular),
                    &BODY,
                    10.0,
                    CONTENT_WIDTH - 14.0,
                    6.0,
                    INK,
                );
                for s in &mut lines {
                    s.draws.insert(
                        0,
                        Draw::Fill {
                            x: MARGIN_X,
                            y: 0.0,
                            w: CONTENT_WIDTH,
                            h: s.height,
                            color: SHADE,
                        },
                    );
                    s.draws.insert(
                        1,
                        Draw::Fill {
                            x: MARGIN_X,
                            y: 0.0,
                            w: 3.0,
                            h: s.height,
                            color: ACCENT,
                        },
                    );
                }
                strips.extend(lines);
            }
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}.", i + 1)
                    } else {
                        "•".to_string()
                    };
                    let mut lines = text_strips(
                        fonts,
                        &runs(item, Face::Regular),
                        &BODY,
                        14.0,
                        CONTENT_WIDTH - 14.0,
                        if i == 0 { 2.0 } else { 1.0 },
                        INK,
                    );
                    if let Some(first) = lines.first_mut() {
                        first.draws.push(Draw::Text {
                            x: MARGIN_X + 2.0,
                            baseline: BODY.leading * 0.78,
                            face: Face::Regular,
                            size: BODY.size,
                            color: INK,
                            text: marker,
                        });
                    }
                    strips.extend(lines);
                }
                if let Some(last) = strips.last_mut() {
                    last.height += 4.0;
                }
            }
            Block::Table {
                caption,
                header,
                rows,
            } => {
                if let Some(caption) = caption {
                    strips.extend(caption_strips(fonts, caption, 4.0, 3));
                }
                let widths = columns::widths(
                    |bold, text| {
                        let face = if bold { Face::Bold } else { Face::Regular };
                        fonts.width(face, text, SMALL.size)
                    },
                    header,
                    rows,
                    CONTENT_WIDTH,
                );
                let cells = rows
                    .iter()
                    .map(|row| row.iter().map(|c| runs(c, Face::Regular)).collect())
                    .collect();
                strips.extend(table(fonts, header, cells, &widths, &mut headers, 1));
            }
            Block::Form {
                header,
                rows,
                widths,
            } => {
                let total: f32 = widths.iter().map(|&w| f32::from(w)).sum::<f32>().max(1.0);
                let widths: Vec<f32> = widths
                    .iter()
                    .map(|&w| CONTENT_WIDTH * f32::from(w) / total)
                    .collect();
                let cells = rows
                    .iter()
                    .map(|row| {
                        let mut cells = vec![runs(row, Face::Regular)];
                        cells.extend((1..header.len()).map(|_| Vec::new()));
                        cells
                    })
                    .collect();
                // Room to write by hand: at least three lines a row.
                strips.extend(table(fonts, header, cells, &widths, &mut headers, 3));
            }
            Block::Check {
                status,
                status_label,
                title,
                reason,
                guidance,
            } => {
                let box_glyph = match status {
                    CheckStatus::Pass => '☑',
                    CheckStatus::Fail => '☒',
                    CheckStatus::Warn | CheckStatus::Unknown => '☐',
                };
                let bar = match status {
                    CheckStatus::Pass => (0.18, 0.49, 0.2),
                    CheckStatus::Warn => (0.54, 0.43, 0.0),
                    CheckStatus::Fail => (0.69, 0.0, 0.125),
                    CheckStatus::Unknown => (0.37, 0.37, 0.37),
                };
                let head = [
                    Run {
                        face: Face::Bold,
                        text: format!("{box_glyph} {status_label}:"),
                    },
                    Run {
                        face: Face::Bold,
                        text: format!(" {title}"),
                    },
                ];
                let mut lines =
                    text_strips(fonts, &head, &BODY, 10.0, CONTENT_WIDTH - 12.0, 8.0, INK);
                keep_with_next(&mut lines);
                lines.extend(text_strips(
                    fonts,
                    &[Run {
                        face: Face::Regular,
                        text: reason.clone(),
                    }],
                    &BODY,
                    10.0,
                    CONTENT_WIDTH - 12.0,
                    1.0,
                    INK,
                ));
                lines.extend(text_strips(
                    fonts,
                    &[Run {
                        face: Face::Regular,
                        text: guidance.clone(),
                    }],
                    &SMALL,
                    10.0,
                    CONTENT_WIDTH - 12.0,
                    2.0,
                    MUTED,
                ));
                for s in &mut lines {
                    s.draws.insert(
                        0,
                        Draw::Fill {
                            x: MARGIN_X,
                            y: -s.space_before,
                            w: 3.5,
                            h: s.height + s.space_before,
                            color: bar,
                        },
                    );
                }
                strips.extend(lines);
            }
            Block::Field { label } => {
                let runs = [Run {
                    face: Face::Regular,
                    text: format!("{label}:"),
                }];
                let mut lines = text_strips(fonts, &runs, &BODY, 0.0, CONTENT_WIDTH, 10.0, INK);
                if let Some(last) = lines.last_mut() {
                    let end = fonts
                        .width(Face::Regular, &format!("{label}:"), BODY.size)
                        .min(CONTENT_WIDTH - 200.0);
                    last.draws.push(Draw::Rule {
                        x1: MARGIN_X + end + 8.0,
                        y1: BODY.leading - 1.0,
                        x2: MARGIN_X + end + 208.0,
                        y2: BODY.leading - 1.0,
                        width: 0.6,
                        color: INK,
                    });
                    last.height += 6.0;
                }
                strips.extend(lines);
            }
            Block::Chart {
                caption,
                bars,
                scale,
                ..
            } => {
                strips.extend(caption_strips(fonts, caption, 6.0, 2));
                strips.extend(chart_strips(fonts, bars, full_bar(*scale, bars)));
            }
        }
    }
    paginate(
        strips,
        &headers,
        &marks,
        fonts,
        doc.running.as_deref(),
        footer,
    )
}

/// A bold caption, kept with the first `keep` strips of what it captions.
fn caption_strips(fonts: &Fonts, caption: &str, space_before: f32, keep: usize) -> Vec<Strip> {
    let runs = [Run {
        face: Face::Bold,
        text: caption.to_string(),
    }];
    let mut lines = text_strips(fonts, &runs, &BODY, 0.0, CONTENT_WIDTH, space_before, INK);
    for s in &mut lines {
        s.keep_next = keep;
    }
    lines
}

/// Label column and bar area of a chart, in points.
const CHART_LABEL: f32 = 210.0;
const CHART_BARS: f32 = 200.0;

/// One strip per bar: the label (shortened to fit its column), the bar, and the value.
fn chart_strips(fonts: &Fonts, bars: &[crate::compose::Bar], max: f64) -> Vec<Strip> {
    let size = SMALL.size;
    bars.iter()
        .map(|bar| {
            let fits = |s: &str| fonts.width(Face::Regular, s, size) <= CHART_LABEL - 8.0;
            let mut label = bar.label.clone();
            if !fits(&label) {
                let mut chars: Vec<char> = label.chars().collect();
                while !chars.is_empty() && !fits(&format!("{}…", String::from_iter(&chars))) {
                    chars.pop();
                }
                label = format!("{}…", String::from_iter(&chars).trim_end());
            }
            let w = if max > 0.0 {
                (bar.value / max) as f32 * CHART_BARS
            } else {
                0.0
            };
            let x_bars = MARGIN_X + CHART_LABEL;
            Strip {
                height: 16.0,
                space_before: 0.0,
                keep_next: 0,
                table: None,
                draws: vec![
                    Draw::Text {
                        x: MARGIN_X,
                        baseline: 11.5,
                        face: Face::Regular,
                        size,
                        color: INK,
                        text: label,
                    },
                    Draw::Fill {
                        x: x_bars,
                        y: 3.0,
                        w,
                        h: 10.0,
                        color: ACCENT,
                    },
                    Draw::Text {
                        x: x_bars + w + 5.0,
                        baseline: 11.5,
                        face: Face::Regular,
                        size,
                        color: INK,
                        text: bar.text.clone(),
                    },
                ],
            }
        })
        .collect()
}

/// Keeps a group of lines (a heading, a checklist item's title) together and with the line
/// that follows it.
fn keep_with_next(lines: &mut [Strip]) {
    let n = lines.len();
    for (i, s) in lines.iter_mut().enumerate() {
        s.keep_next = n - i + 1;
    }
}

/// A table as strips: the header row (repeated on each page it runs onto, through
/// `headers`), then the rows, each at least `min_lines` tall.
fn table(
    fonts: &Fonts,
    header: &[String],
    rows: Vec<Vec<Vec<Run>>>,
    widths: &[f32],
    headers: &mut Vec<Vec<Strip>>,
    min_lines: usize,
) -> Vec<Strip> {
    let id = headers.len();
    let head_cells: Vec<Vec<Run>> = header
        .iter()
        .map(|h| {
            vec![Run {
                face: Face::Bold,
                text: h.clone(),
            }]
        })
        .collect();
    let head = row_strips(fonts, &head_cells, widths, Some(SHADE), id, 4.0, 1);
    headers.push(head.clone());
    let mut all = head;
    for cells in rows {
        all.extend(row_strips(fonts, &cells, widths, None, id, 0.0, min_lines));
    }
    if let Some(first) = all.first_mut() {
        first.keep_next = first.keep_next.max(1);
    }
    if let Some(last) = all.last_mut() {
        last.height += 8.0;
    }
    all
}

/// A table row as strips, one per line of its tallest cell, with the cell borders drawn.
fn row_strips(
    fonts: &Fonts,
    cells: &[Vec<Run>],
    widths: &[f32],
    fill: Option<(f32, f32, f32)>,
    table: usize,
    before: f32,
    min_lines: usize,
) -> Vec<Strip> {
    let pad = 4.0;
    let wrapped: Vec<Vec<LinePieces>> = cells
        .iter()
        .zip(widths)
        .map(|(c, w)| wrap(fonts, c, SMALL.size, w - 2.0 * pad))
        .collect();
    let rows = wrapped
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(1)
        .max(min_lines);
    let mut strips = Vec::with_capacity(rows);
    for line in 0..rows {
        let first = line == 0;
        let last = line + 1 == rows;
        let height = SMALL.leading + if first { pad } else { 0.0 } + if last { pad } else { 0.0 };
        let top = if first { pad } else { 0.0 };
        let mut draws = Vec::new();
        if let Some(color) = fill {
            draws.push(Draw::Fill {
                x: MARGIN_X,
                y: 0.0,
                w: widths.iter().sum(),
                h: height,
                color,
            });
        }
        let mut x = MARGIN_X;
        for (c, w) in wrapped.iter().zip(widths) {
            if let Some(pieces) = c.get(line) {
                for (px, face, text) in pieces {
                    draws.push(Draw::Text {
                        x: x + pad + px,
                        baseline: top + SMALL.leading * 0.78,
                        face: *face,
                        size: SMALL.size,
                        color: INK,
                        text: text.clone(),
                    });
                }
            }
            draws.push(Draw::Rule {
                x1: x,
                y1: 0.0,
                x2: x,
                y2: height,
                width: 0.5,
                color: LINE,
            });
            x += w;
        }
        draws.push(Draw::Rule {
            x1: x,
            y1: 0.0,
            x2: x,
            y2: height,
            width: 0.5,
            color: LINE,
        });
        if first {
            draws.push(Draw::Rule {
                x1: MARGIN_X,
                y1: 0.0,
                x2: x,
                y2: 0.0,
                width: 0.5,
                color: LINE,
            });
        }
        if last {
            draws.push(Draw::Rule {
                x1: MARGIN_X,
                y1: height,
                x2: x,
                y2: height,
                width: 0.5,
                color: LINE,
            });
        }
        strips.push(Strip {
            height,
            space_before: if first { before } else { 0.0 },
            // A row's lines stay together when they fit; a taller row splits.
            keep_next: if first { rows - 1 } else { 0 },
            table: Some(table),
            draws,
        });
    }
    strips
}

/// Places strips on pages.
fn paginate(
    strips: Vec<Strip>,
    headers: &[Vec<Strip>],
    marks: &[(usize, u8, String)],
    fonts: &Fonts,
    running: Option<&str>,
    footer: impl Fn(usize, usize) -> String,
) -> Pages {
    let room = CONTENT_BOTTOM - MARGIN_TOP;
    let mut pages: Vec<Vec<Draw>> = vec![Vec::new()];
    let mut bookmarks = Vec::new();
    let mut y = MARGIN_TOP;
    let mut empty = true;
    let mut mark = marks.iter().peekable();
    let place = |page: &mut Vec<Draw>, strip: &Strip, top: f32| {
        for d in &strip.draws {
            page.push(match d.clone() {
                Draw::Text {
                    x,
                    baseline,
                    face,
                    size,
                    color,
                    text,
                } => Draw::Text {
                    x,
                    baseline: top + baseline,
                    face,
                    size,
                    color,
                    text,
                },
                Draw::Fill { x, y, w, h, color } => Draw::Fill {
                    x,
                    y: top + y,
                    w,
                    h,
                    color,
                },
                Draw::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color,
                } => Draw::Rule {
                    x1,
                    y1: top + y1,
                    x2,
                    y2: top + y2,
                    width,
                    color,
                },
            });
        }
    };
    for (i, strip) in strips.iter().enumerate() {
        let before = if empty { 0.0 } else { strip.space_before };
        // The strips kept together with this one, following keeps transitively (a heading
        // keeps the next heading, which keeps the first lines of its text).
        let mut end = i + strip.keep_next;
        let mut j = i + 1;
        while j <= end && j < strips.len() {
            end = end.max(j + strips[j].keep_next);
            j += 1;
        }
        let end = end.min(strips.len() - 1);
        let group: f32 = strips[i..=end]
            .iter()
            .map(|s| s.height + s.space_before)
            .sum::<f32>()
            - strip.space_before
            + before;
        let needed = if group <= room * 0.6 {
            group
        } else {
            strip.height + before
        };
        if !empty && y + needed > CONTENT_BOTTOM {
            pages.push(Vec::new());
            y = MARGIN_TOP;
            empty = true;
            // A table continuing on a new page repeats its header first.
            if let Some(t) = strip.table {
                let is_header = headers[t].first() == Some(strip);
                if !is_header {
                    for h in &headers[t] {
                        let page = pages.last_mut().expect("a page");
                        place(page, h, y);
                        y += h.height;
                    }
                    empty = false;
                }
            }
        }
        let before = if empty { 0.0 } else { strip.space_before };
        y += before;
        while let Some((at, level, title)) = mark.peek() {
            if *at != i {
                break;
            }
            bookmarks.push(Bookmark {
                level: *level,
                title: title.clone(),
                page: pages.len() - 1,
            });
            mark.next();
        }
        let page = pages.last_mut().expect("a page");
        place(page, strip, y);
        y += strip.height;
        empty = false;
    }
    let total = pages.len();
    // The running header, cut to the line if it is longer.
    let running = running.map(|text| {
        let mut line = String::new();
        for c in text.chars() {
            if fonts.width(Face::Regular, &format!("{line}{c}…"), 8.0) > CONTENT_WIDTH {
                line.push('…');
                break;
            }
            line.push(c);
        }
        line
    });
    for (n, page) in pages.iter_mut().enumerate() {
        if let Some(text) = &running {
            page.push(Draw::Text {
                x: MARGIN_X,
                baseline: 34.0,
                face: Face::Regular,
                size: 8.0,
                color: MUTED,
                text: text.clone(),
            });
            page.push(Draw::Rule {
                x1: MARGIN_X,
                y1: 40.0,
                x2: MARGIN_X + CONTENT_WIDTH,
                y2: 40.0,
                width: 0.5,
                color: LINE,
            });
        }
        let text = footer(n + 1, total);
        let w = fonts.width(Face::Regular, &text, 8.0);
        page.push(Draw::Text {
            x: (PAGE_WIDTH - w) / 2.0,
            baseline: PAGE_HEIGHT - 32.0,
            face: Face::Regular,
            size: 8.0,
            color: MUTED,
            text,
        });
    }
    Pages { pages, bookmarks }
}

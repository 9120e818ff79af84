//! Pages of glyphs and rules → the text the pipeline reads: lines in
//! reading order (top to bottom), each ruled table as one tab-separated
//! line per grid row, a table that runs on over a page break joined into one.

use super::extract::{Glyph, Page};
use super::lattice::{self, Table};
use super::lines::{self, Line, PlacedText};
use super::stream;
use crate::model::PdfBox;
use crate::parser::decode::TextPlace;
use crate::parser::decode::grid;

enum Item {
    Text(Line),
    Table(Table),
}

impl Item {
    fn top(&self) -> f64 {
        match self {
            Item::Text(l) => l.top,
            Item::Table(t) => t.top,
        }
    }
}

/// Running headers and footers live in the outer strips of the page.
const MARGIN: f64 = 0.06;
/// Tables on two pages are one when their sides line up this closely.
const SAME_SIDES: f64 = 3.0;

/// Page furniture between the two parts of a continued table: a page
/// number, or a line in the header or footer strip.
fn is_furniture(line: &Line, height: f64) -> bool {
    let in_margin = line.bottom < height * MARGIN || line.top > height * (1.0 - MARGIN);
    let text = line.text();
    let page_number = text.chars().count() <= 12
        && text.chars().all(|c| {
            c.is_ascii_digit()
                || c.is_ascii_punctuation()
                || c.is_whitespace()
                || matches!(c, '第' | '页' | '共' | '—' | '－')
        });
    in_margin || page_number
}

fn page_items(page: Page) -> Vec<Item> {
    let mut tables = lattice::find_tables(&page.segments);
    for t in &mut tables {
        t.on_page(page.number);
    }
    let mut free: Vec<Glyph> = Vec::new();
    for g in page.glyphs {
        match tables.iter_mut().find(|t| t.contains(&g)) {
            Some(t) => t.glyphs.push(g),
            None => free.push(g),
        }
    }
    let refs: Vec<&Glyph> = free.iter().collect();
    let mut items: Vec<Item> = lines::group(&refs).into_iter().map(Item::Text).collect();
    // A ruled box around no text (a frame, a signature line) is no table.
    items.extend(
        tables
            .into_iter()
            .filter(|t| !t.glyphs.is_empty())
            .map(Item::Table),
    );
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    items
}

/// The rendered text and where each cell or chunk of it was read.
#[derive(Default)]
struct Out {
    text: String,
    places: Vec<TextPlace>,
}

impl Out {
    fn push(&mut self, text: &str, at: Option<PdfBox>) {
        let start = self.text.len();
        self.text.push_str(text);
        if let Some(at) = at {
            self.places.push(TextPlace {
                start,
                end: self.text.len(),
                at,
            });
        }
    }

    /// A grid as tab-separated lines, by the rules of `grid::write_tsv`:
    /// every line padded to the table's width, rows with no text left out.
    fn grid(&mut self, rows: &[Vec<PlacedText>]) {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in rows {
            if row.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            for c in 0..width {
                if c > 0 {
                    self.text.push('\t');
                }
                if let Some(cell) = row.get(c) {
                    self.push(&cell.text, cell.at);
                }
            }
            self.text.push('\n');
        }
    }

    /// A run of unruled table rows, aligned into columns.
    fn flush_rows(&mut self, rows: &mut Vec<Line>) {
        if rows.is_empty() {
            return;
        }
        let refs: Vec<&Line> = rows.iter().collect();
        self.grid(&stream::grid(&refs));
        rows.clear();
    }
}

/// Renders the pages to text, with the place each cell and chunk of text
/// was read from (sorted by position in the text).
pub fn render(pages: Vec<Page>) -> (String, Vec<TextPlace>) {
    let mut items: Vec<Item> = Vec::new();
    let mut page_start = 0;
    for page in pages {
        let height = page.height;
        let mut page_items = page_items(page);
        // A table last on the previous page (but for furniture) and first on
        // this one, with the same sides, is one table broken by the page.
        let first = page_items
            .iter()
            .position(|i| !matches!(i, Item::Text(l) if is_furniture(l, height)));
        let last = items[page_start..]
            .iter()
            .rposition(|i| !matches!(i, Item::Text(l) if is_furniture(l, height)))
            .map(|i| i + page_start);
        if let (Some(f), Some(l)) = (first, last)
            && let (Item::Table(next), Item::Table(prev)) = (&page_items[f], &items[l])
            && (next.x0 - prev.x0).abs() <= SAME_SIDES
            && (next.x1 - prev.x1).abs() <= SAME_SIDES
        {
            if let Item::Table(next) = page_items.remove(f)
                && let Item::Table(prev) = &mut items[l]
            {
                prev.append(next);
            }
            // The furniture between the parts would split the table's rows.
            items.truncate(l + 1);
            page_items.drain(..f);
        }
        page_start = items.len();
        items.extend(page_items);
    }
    let mut out = Out::default();
    let mut rows: Vec<Line> = Vec::new();
    for item in items {
        match item {
            Item::Text(line) if stream::is_row(&line) => rows.push(line),
            Item::Text(line) => {
                out.flush_rows(&mut rows);
                for (i, (chunk, at)) in line.chunks.iter().zip(&line.places).enumerate() {
                    if i > 0 {
                        out.text.push(' ');
                    }
                    out.push(&grid::clean(chunk), *at);
                }
                out.text.push('\n');
            }
            Item::Table(table) => {
                out.flush_rows(&mut rows);
                out.grid(&lattice::grid(&table));
            }
        }
    }
    out.flush_rows(&mut rows);
    (out.text, out.places)
}

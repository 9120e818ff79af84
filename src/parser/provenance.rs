//! Where each value stands in the published document, beyond its byte
//! range in the rendered text: its cell in the document's own table (HTML,
//! DOCX, DOC/WPS, PDF grids) and, for PDF, its page and box.

use crate::model::{MetaSources, Span, Tables, UnreadRow};
use crate::parser::decode::{Decoded, grid_position::GridIndex, place_at};
use crate::parser::sections::char_floor;

/// Adds the table position and PDF place to every cell's span and every
/// unread row's spans.
pub(crate) fn locate_cells(decoded: &Decoded, tables: &mut Tables, unread: &mut [UnreadRow]) {
    // Plain text has no table of its own to point into.
    if !decoded.format.is_rendered() {
        return;
    }
    let index = GridIndex::new(&decoded.text);
    let mut locate = |span: &mut Span| {
        span.grid = index.at(span.start);
        span.pdf = place_at(&decoded.places, span.start);
    };
    cell_spans(tables, unread).for_each(&mut locate);
}

/// Every span of the tables' cells and of the unread rows.
fn cell_spans<'a>(
    tables: &'a mut Tables,
    unread: &'a mut [UnreadRow],
) -> impl Iterator<Item = &'a mut Span> {
    let Tables {
        active_disclosure,
        applications,
        review_litigation,
    } = tables;
    [active_disclosure, applications, review_litigation]
        .into_iter()
        .flat_map(|t| t.iter_mut())
        .flat_map(|t| t.cells.iter_mut().flatten())
        .filter_map(|c| c.source.as_mut())
        .chain(unread.iter_mut().flat_map(|u| u.sources.iter_mut()))
}

/// Every span on character boundaries of `text`, start before end: the
/// window and exports slice the source by them, whatever bytes arrived.
pub(crate) fn snap_to_chars(
    text: &str,
    tables: &mut Tables,
    unread: &mut [UnreadRow],
    meta: &mut MetaSources,
) {
    let snap = |span: &mut Span| {
        span.start = char_floor(text, span.start);
        span.end = char_floor(text, span.end).max(span.start);
    };
    cell_spans(tables, unread).for_each(snap);
    [&mut meta.agency, &mut meta.year, &mut meta.published]
        .into_iter()
        .flatten()
        .for_each(snap);
}

/// Adds the PDF place to the metadata's spans.
pub(crate) fn locate_meta(decoded: &Decoded, sources: &mut MetaSources) {
    for span in [
        &mut sources.agency,
        &mut sources.year,
        &mut sources.published,
    ]
    .into_iter()
    .flatten()
    {
        span.pdf = place_at(&decoded.places, span.start);
    }
}

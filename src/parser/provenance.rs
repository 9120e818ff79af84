//! Where each value stands in the published document, beyond its byte
//! range in the rendered text: its cell in the document's own table (HTML,
//! DOCX, DOC/WPS, PDF grids) and, for PDF, its page and box.

use crate::model::{MetaSources, Span, Tables, UnreadRow};
use crate::parser::decode::{Decoded, grid_position::GridIndex, place_at};
use crate::template::TableId;

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
    for id in TableId::ALL {
        if let Some(t) = tables.get_mut(id) {
            t.cells
                .iter_mut()
                .flatten()
                .filter_map(|c| c.source.as_mut())
                .for_each(&mut locate);
        }
    }
    unread
        .iter_mut()
        .flat_map(|u| u.sources.iter_mut())
        .for_each(&mut locate);
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

//! Cells read by OCR that a person must look at: a number read with low
//! confidence (see `decode::ocr::LOW_CONFIDENCE`) gets the review mark
//! `low_ocr_confidence` with the engine's confidence (0–1), and a cell
//! whose ink nothing could read is left empty with the mark `ocr_unread`
//! (its place reaches the table through the page's [`UNREAD_CELL`]
//! stand-in). Image pages left unread (no engine) become warnings.

use crate::model::{ReviewMark, ReviewReason, Tables};
use crate::parser::decode::Decoded;
#[cfg(doc)]
use crate::parser::decode::UNREAD_CELL;
use crate::parser::decode::ocr::LOW_CONFIDENCE;
use crate::template::TableId;
use crate::text::Text;

/// Marks the doubtful OCR cells of `tables`; returns the warnings for the
/// image pages that were not read and the cells left empty.
pub(crate) fn mark_cells(decoded: &Decoded, tables: &mut Tables) -> Vec<Text> {
    let mut warnings = decoded.ocr.notes.clone();
    let marks = &decoded.ocr.marks;
    if marks.is_empty() {
        return warnings;
    }
    for id in TableId::ALL {
        let Some(table) = tables.slot(id).as_mut() else {
            continue;
        };
        let spec = table.spec;
        for (r, row) in table.cells.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                let Some(span) = cell.source else { continue };
                let i = marks.partition_point(|m| m.start <= span.start);
                let Some(mark) = i.checked_sub(1).map(|i| &marks[i]) else {
                    continue;
                };
                if span.start > mark.end {
                    continue;
                }
                let doubtful = mark.unread || mark.confidence < LOW_CONFIDENCE;
                if !doubtful {
                    continue;
                }
                if cell.review.is_none() {
                    cell.review = Some(if mark.unread && cell.value.is_none() {
                        ReviewMark::new(ReviewReason::OcrUnread)
                    } else {
                        ReviewMark {
                            reason: ReviewReason::LowOcrConfidence,
                            confidence: Some((mark.confidence / 100.0).clamp(0.0, 1.0)),
                        }
                    });
                }
                if mark.unread {
                    let row = &spec.rows[r];
                    let (table, row, col) = (id.short_title(), row.name, row.columns[c].label);
                    warnings.push(Text::new(
                        format!("{table}「{row}」「{col}」：图像中此格有字迹，未能识别，留空待核"),
                        format!(
                            "{table} “{row}” / “{col}”: the image has ink here that OCR could not read; left empty for review"
                        ),
                    ));
                }
            }
        }
    }
    warnings
}

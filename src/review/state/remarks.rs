//! The reviewer's remarks on the shown report (审核意见): typed in the
//! window, kept on the document, journalled at once like an edit.

use super::State;
use crate::review::command::Effect;

impl State {
    /// The remarks box of the active report now holds `text`.
    pub(super) fn set_remarks(&mut self, text: String) -> Vec<Effect> {
        let Some(d) = self.active_mut() else {
            return vec![];
        };
        if d.remarks == text {
            return vec![];
        }
        d.remarks = text;
        // Unsaved unless typed back to what was saved.
        d.update_dirty();
        // An export under way holds the old remarks: it must not mark these saved.
        d.generation += 1;
        self.journal_effects()
    }
}

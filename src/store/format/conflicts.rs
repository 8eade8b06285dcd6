//! Format 2's one addition: the top-level `conflicts` list of a merged workspace (SPEC §9), its
//! serde struct, and how the writer spells it. Written only while there are conflicts, and then
//! the file says at least `format: 2` ([`super::format_of`]).

use serde::{Deserialize, Serialize};

use super::Writer;
use crate::model::Conflict;

/// A merge conflict: the id, the field, and the three versions verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConflict {
    pub id: String,
    pub field: String,
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default)]
    pub ours: Option<String>,
    #[serde(default)]
    pub theirs: Option<String>,
}

impl From<FileConflict> for Conflict {
    fn from(c: FileConflict) -> Conflict {
        Conflict {
            id: c.id,
            field: c.field,
            base: c.base,
            ours: c.ours,
            theirs: c.theirs,
        }
    }
}

impl From<&Conflict> for FileConflict {
    fn from(c: &Conflict) -> FileConflict {
        FileConflict {
            id: c.id.clone(),
            field: c.field.clone(),
            base: c.base.clone(),
            ours: c.ours.clone(),
            theirs: c.theirs.clone(),
        }
    }
}

impl Writer {
    fn field_option(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.field_str(key, v),
            None => self.field_raw(key, "None"),
        }
    }

    /// The `conflicts` list, written only while there are conflicts.
    pub(super) fn conflicts(&mut self, conflicts: &[Conflict]) {
        if conflicts.is_empty() {
            return;
        }
        self.key("conflicts");
        self.open_inline('[');
        for c in conflicts {
            self.open('(');
            self.field_str("id", &c.id);
            self.field_str("field", &c.field);
            self.field_option("base", c.base.as_deref());
            self.field_option("ours", c.ours.as_deref());
            self.field_option("theirs", c.theirs.as_deref());
            self.close("),");
        }
        self.close("],");
    }
}

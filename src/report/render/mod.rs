//! Output formats: one file each, each rendering a [`Report`] to a writer; none
//! decides anything the report does not say.

pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod line;
pub mod sarif;
pub mod table;

use super::Report;

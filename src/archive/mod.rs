//! Archive mode (`check DRAFT… --against ARCHIVE`): the archive's documents are checked
//! with the drafts, and only findings that involve a draft are reported. Their facts
//! are cached on disk, keyed by each document's content and by the version of the
//! rules and word lists, so that a draft against an unchanged archive parses only the
//! draft.

use crate::input::InputError;
use crate::resolve::DocFacts;
use crate::{Error, Options};
use std::path::PathBuf;

/// The archive's documents' facts.
pub fn load(inputs: &[PathBuf], options: &Options) -> Result<(Vec<DocFacts>, Vec<InputError>), Error> {
    crate::analyse_inputs(inputs, options)
}

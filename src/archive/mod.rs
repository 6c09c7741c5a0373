//! Archive mode (`check DRAFT… --against ARCHIVE`): the archive's documents are checked
//! with the drafts, and only findings that involve a draft are reported. The archive is
//! read and analysed on every run: its facts are not cached on disk yet (issue 9), so a
//! draft against an archive costs as much as checking the archive.

use crate::input::InputError;
use crate::resolve::DocFacts;
use crate::{Error, Options};
use std::path::PathBuf;

/// The archive's documents' facts.
pub fn load(inputs: &[PathBuf], options: &Options) -> Result<(Vec<DocFacts>, Vec<InputError>), Error> {
    crate::analyse_inputs(inputs, options)
}

//! nom grammars over normalised text (see [`crate::text`]).
//!
//! Built bottom-up from small named parsers: [`number`] reads numbers in digits and in
//! words, [`claim`] reads a qualifier, a number and its counted noun. Every parser
//! takes the remaining input and returns what is left, so a span is the difference of
//! two pointers into the same document.

pub mod claim;
pub mod date;
pub mod number;

use nom::error::{ErrorKind, ParseError as NomParseError};

/// Our parse error: where parsing stopped and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError<'a> {
    pub input: &'a str,
    pub expected: &'static str,
}

impl<'a> NomParseError<&'a str> for ParseError<'a> {
    fn from_error_kind(input: &'a str, kind: ErrorKind) -> Self {
        let _ = kind;
        ParseError { input, expected: "valid input" }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

pub type PResult<'a, T> = nom::IResult<&'a str, T, ParseError<'a>>;

/// A recoverable failure with a label, for parsers written by hand.
pub(crate) fn fail<'a, T>(input: &'a str, expected: &'static str) -> PResult<'a, T> {
    Err(nom::Err::Error(ParseError { input, expected }))
}

/// The error value for a failure at `input`, for `ok_or`.
pub(crate) fn expected<'a>(input: &'a str, what: &'static str) -> nom::Err<ParseError<'a>> {
    nom::Err::Error(ParseError { input, expected: what })
}

/// Byte offset of `rest` inside `whole` (both slices of one string).
pub fn offset(whole: &str, rest: &str) -> usize {
    rest.as_ptr() as usize - whole.as_ptr() as usize
}

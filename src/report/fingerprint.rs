//! Fingerprints of findings that survive unrelated edits: the rule, and for each
//! location the normalised text of its span with the words around it, not offsets or
//! line numbers. Baselines and SARIF's `partialFingerprints` use them.

use super::{Report, Snippet};
use crate::check::Finding;
use crate::text::normalize_word;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

/// How many words each side of a span count in its fingerprint.
const CONTEXT_WORDS: usize = 3;

/// The words of a location's span and its neighbours, normalised.
fn location_key(s: &Snippet) -> String {
    let chars: Vec<char> = s.text.chars().collect();
    let at = s.span_start.min(chars.len());
    let end = (at + s.span_chars).min(chars.len());
    let before: String = chars[..at].iter().collect();
    let after: String = chars[end..].iter().collect();
    let span: String = chars[at..end].iter().collect();
    let words = |t: &str| normalize_word(t).split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let b = words(&before);
    let a = words(&after);
    let b = &b[b.len().saturating_sub(CONTEXT_WORDS)..];
    let a = &a[..a.len().min(CONTEXT_WORDS)];
    format!("{}|{}|{}", b.join(" "), normalize_word(&span), a.join(" "))
}

/// The fingerprint of finding `k` of a report (its snippets read).
pub fn fingerprint(report: &Report, k: usize) -> String {
    let f: &Finding = &report.findings[k];
    let mut h = FxHasher::default();
    f.rule.hash(&mut h);
    let snippets = report.snippets.get(k);
    for (i, l) in f.locations.iter().enumerate() {
        let doc = &report.docs[l.doc].name;
        crate::check::short(doc).hash(&mut h);
        match snippets.and_then(|s| s.get(i)).and_then(|s| s.as_ref()) {
            Some(s) => location_key(s).hash(&mut h),
            None => (l.end - l.start).hash(&mut h),
        }
    }
    format!("{:016x}", h.finish())
}

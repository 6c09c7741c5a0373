//! `--changed-since REV`: the lines changed since a git revision, so that a pull
//! request's check reports only findings that touch what it changed. A finding is kept
//! when any of its locations is on a changed line: a draft that contradicts an old
//! article shows, located in both.

use claimcheck::input::Origin;
use claimcheck::report::Report;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Changed lines by file (canonical path); `None` is a whole file (untracked, new).
#[derive(Debug, Default)]
pub struct Changes {
    files: HashMap<PathBuf, Option<Vec<(usize, usize)>>>,
}

fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git").args(args).output().map_err(|e| format!("--changed-since needs git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("--changed-since: git {}: {}", args.join(" "), err.trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Changes {
    /// What changed since `rev` in the repository of the working directory: committed
    /// since, staged, unstaged, and untracked files that are not ignored.
    pub fn since(rev: &str) -> Result<Changes, String> {
        if rev.starts_with('-') {
            return Err(format!("--changed-since: {rev:?} is not a revision"));
        }
        let root = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?.trim_end_matches(['\n', '\r']));
        git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
            .map_err(|_| format!("--changed-since: {rev:?} is not a revision of this repository"))?;
        let diff = git(&["diff", "--no-color", "--no-ext-diff", "--unified=0", "--no-renames", rev, "--"])?;
        let mut changes = Changes::parse_diff(&root, &diff);
        for f in git(&["ls-files", "--others", "--exclude-standard", "--full-name"])?.lines() {
            changes.files.insert(canonical(&root.join(f)), None);
        }
        Ok(changes)
    }

    /// The changed lines of a unified diff with no context (`--unified=0`): each hunk's
    /// new lines, or the line after a deletion.
    pub fn parse_diff(root: &Path, diff: &str) -> Changes {
        let mut changes = Changes::default();
        let mut current: Option<PathBuf> = None;
        for line in diff.lines() {
            if let Some(path) = line.strip_prefix("+++ ") {
                current = path.strip_prefix("b/").map(|p| canonical(&root.join(p)));
                if let Some(p) = &current {
                    changes.files.entry(p.clone()).or_insert_with(|| Some(Vec::new()));
                }
            } else if let (Some(hunk), Some(file)) = (line.strip_prefix("@@ "), &current) {
                // "@@ -a,b +c,d @@": lines c .. c+d of the new file (d = 0: a deletion
                // after line c, which touches c and c + 1).
                let Some(new) = hunk.split(' ').find_map(|w| w.strip_prefix('+')) else { continue };
                let mut parts = new.splitn(2, ',');
                let start: usize = parts.next().and_then(|x| x.parse().ok()).unwrap_or(0);
                let count: usize = parts.next().and_then(|x| x.parse().ok()).unwrap_or(1);
                let range = if count == 0 { (start.max(1), start + 1) } else { (start, start + count - 1) };
                if let Some(Some(ranges)) = changes.files.get_mut(file) {
                    ranges.push(range);
                }
            }
        }
        changes
    }

    /// Is line `line` (1-based) of `file` changed?
    pub fn touches(&self, file: &Path, line: usize) -> bool {
        match self.files.get(&canonical(file)) {
            Some(None) => true,
            Some(Some(ranges)) => ranges.iter().any(|&(a, b)| a <= line && line <= b),
            None => false,
        }
    }

    /// Keep the findings of `report` that have a location on a changed line; counts the
    /// others in `report.unchanged`.
    pub fn filter(&self, report: &mut Report) {
        let keep: Vec<bool> = report
            .findings
            .iter()
            .map(|f| {
                f.locations.iter().any(|l| {
                    let doc = &report.docs[l.doc];
                    match &doc.origin {
                        Origin::File(p) => self.touches(p, l.line),
                        // A record is changed when its line of the JSON Lines file is.
                        Origin::Record { file, line } => self.touches(file, *line),
                        Origin::Stdin => true,
                    }
                })
            })
            .collect();
        report.unchanged += report.keep(&keep);
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_new_lines() {
        let dir = std::env::temp_dir();
        let diff = "diff --git a/x.txt b/x.txt\n--- a/x.txt\n+++ b/x.txt\n@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +21,0 @@\n-e\n-f\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-g\n";
        let c = Changes::parse_diff(&dir, diff);
        let x = dir.join("x.txt");
        let on: Vec<usize> = (1..=25).filter(|&l| c.touches(&x, l)).collect();
        assert_eq!(on, vec![3, 11, 12, 21, 22]);
        assert!(!c.touches(&dir.join("y.txt"), 3));
    }
}

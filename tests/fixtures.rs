//! Every fixture corpus with a gold.yaml is checked and scored as the evaluation
//! scorer would: claims and dates found, values right, few false alarms.

mod common;

use claimcheck::Options;
use std::path::{Path, PathBuf};

fn corpora() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        // Corpora written blind to judge extraction ("*-blind") are scored with the
        // evaluation scorer before and after a change, not gated here.
        let blind = dir.components().any(|c| c.as_os_str().to_string_lossy().ends_with("-blind"));
        if dir.join("gold.yaml").exists() && !blind {
            out.push(dir.clone());
        }
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn fixture_corpora_score_well_on_claims_and_dates() {
    let corpora = corpora();
    assert!(corpora.len() >= 2, "fixture corpora with gold.yaml: {corpora:?}");
    let mut failures = Vec::new();
    for dir in corpora {
        let (gold, docs) = common::load_gold(&dir);
        let report = claimcheck::check(std::slice::from_ref(&dir), &Options::default()).expect("default rules load");
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        for (what, s) in [
            ("claims", common::score_claims(&report, &gold, &docs)),
            ("dates", common::score_dates(&report, &gold, &docs)),
        ] {
            let line = format!(
                "{} {what}: recall {:.2} precision {:.2} values {:.2}\n  misses {:?}\n  false alarms {:?}",
                dir.display(),
                s.recall(),
                s.precision(),
                s.value_accuracy(),
                s.misses,
                s.false_alarms
            );
            eprintln!("{line}");
            if s.recall() < 0.9 || s.precision() < 0.9 || s.value_accuracy() < 0.85 {
                failures.push(line);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

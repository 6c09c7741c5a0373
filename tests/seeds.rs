//! The five seed articles in `../shared/seeds` (present beside the repository in CI and
//! on the developers' machines), scored with their gold.yaml: the extraction targets
//! of the claim-extraction issue.

mod common;

use claimcheck::Options;
use std::path::Path;

#[test]
fn seed_claims_and_dates_meet_the_targets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !dir.join("gold.yaml").exists() {
        eprintln!("../shared/seeds not present; nothing to score");
        return;
    }
    let (gold, docs) = common::load_gold(&dir);
    let report = claimcheck::check(std::slice::from_ref(&dir), &Options::default()).expect("default rules load");
    let s = common::score_claims(&report, &gold, &docs);
    eprintln!("seeds: recall {:.2} precision {:.2} values {:.2}", s.recall(), s.precision(), s.value_accuracy());
    assert!(s.recall() >= 0.95, "recall {:.2}, misses {:?}", s.recall(), s.misses);
    assert!(s.precision() >= 0.90, "precision {:.2}, false alarms {:?}", s.precision(), s.false_alarms);
    assert!(s.value_accuracy() >= 0.95, "value and bound right for {:.2}", s.value_accuracy());
    let d = common::score_dates(&report, &gold, &docs);
    eprintln!("seed dates: recall {:.2} precision {:.2} values {:.2}", d.recall(), d.precision(), d.value_accuracy());
    assert!(d.recall() >= 0.95, "date recall {:.2}, misses {:?}", d.recall(), d.misses);
    assert!(d.precision() >= 0.90, "date precision {:.2}, false alarms {:?}", d.precision(), d.false_alarms);
    assert!(d.value_accuracy() >= 0.85, "date values right for {:.2}: {:?}", d.value_accuracy(), d.misses);
}

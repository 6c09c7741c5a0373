//! `junit`: JUnit XML (through quick-junit), for CI dashboards. `check` writes one
//! test case a document (failed by its findings at or above the failing level,
//! skipped inputs as errors); `claimcheck test` writes one a corpus.

use super::Report;
use crate::check::Severity;
use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};
use std::io::Write;

/// One corpus's verdict, for `claimcheck test --format junit`.
pub struct CorpusCase {
    pub name: String,
    pub failures: Vec<String>,
}

fn write_junit(j: &Junit, out: &mut dyn Write) -> std::io::Result<()> {
    let s = j.to_string().map_err(std::io::Error::other)?;
    out.write_all(s.as_bytes())?;
    out.write_all(b"\n")
}

pub fn write(report: &Report, out: &mut dyn Write, fail_on: Severity) -> std::io::Result<()> {
    let mut suite = TestSuite::new("claimcheck");
    let mut by_doc: Vec<Vec<usize>> = vec![Vec::new(); report.docs.len()];
    for (k, f) in report.findings.iter().enumerate() {
        if let Some(l) = f.locations.first() {
            by_doc[l.doc].push(k);
        }
    }
    for (d, doc) in report.docs.iter().enumerate() {
        let failing: Vec<&crate::check::Finding> =
            by_doc[d].iter().map(|&k| &report.findings[k]).filter(|f| f.severity <= fail_on).collect();
        let status = if failing.is_empty() {
            TestCaseStatus::success()
        } else {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(format!("{} finding(s)", failing.len()));
            let text: Vec<String> = failing
                .iter()
                .map(|f| {
                    let l = &f.locations[0];
                    format!("{}:{}: {}[{}] {}", doc.name, l.line, f.severity.as_str(), f.rule, f.message)
                })
                .collect();
            s.set_description(text.join("\n"));
            s
        };
        let mut case = TestCase::new(doc.name.clone(), status);
        case.set_classname("claimcheck.check");
        suite.add_test_case(case);
    }
    for e in report.errors.iter().filter(|e| e.skipped) {
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
        s.set_message(e.message.clone());
        let mut case = TestCase::new(e.path.clone(), s);
        case.set_classname("claimcheck.input");
        suite.add_test_case(case);
    }
    let mut j = Junit::new("claimcheck");
    j.add_test_suite(suite);
    write_junit(&j, out)
}

/// The verdicts of `claimcheck test`, one test case a corpus.
pub fn write_corpora(cases: &[CorpusCase], out: &mut dyn Write) -> std::io::Result<()> {
    let mut suite = TestSuite::new("claimcheck test");
    for c in cases {
        let status = if c.failures.is_empty() {
            TestCaseStatus::success()
        } else {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(format!("{} difference(s) from the expected findings", c.failures.len()));
            s.set_description(c.failures.join("\n"));
            s
        };
        let mut case = TestCase::new(c.name.clone(), status);
        case.set_classname("claimcheck.corpus");
        suite.add_test_case(case);
    }
    let mut j = Junit::new("claimcheck");
    j.add_test_suite(suite);
    write_junit(&j, out)
}

//! The CI surface that needs more than a folder of cases: SARIF validated against the
//! official 2.1.0 schema, `--changed-since` in a temporary git repository, completion
//! scripts and the manual page.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimcheck-surface-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// An Arabic report whose weekday is not its date's (14 August 2024 was a Wednesday).
const FIRE: &str =
    "---\npublished: 2024-08-15\n---\nحريق في سوق المدينة\n\nاندلع حريق الخميس 14 آب 2024 في سوق المدينة القديمة.\n";

#[test]
fn sarif_validates_against_the_official_schema_with_character_columns() {
    let dir = tempdir("sarif");
    std::fs::write(dir.join("a b.txt"), FIRE).unwrap();
    // A skipped input becomes a tool execution notification.
    std::fs::write(dir.join("bin.txt"), b"abc\0\0def").unwrap();
    let (code, out, err) = run(bin().current_dir(&dir).args(["check", ".", "--format", "sarif"]));
    assert_eq!(code, 1, "{err}");
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("sarif/sarif-schema-2.1.0.json")).expect("the vendored schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "SARIF does not validate:\n{}", errors.join("\n"));
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let result = &run0["results"][0];
    assert_eq!(result["ruleId"], "weekday-mismatch");
    let loc = &result["locations"][0]["physicalLocation"];
    // Percent-encoded, relative to the source root.
    assert_eq!(loc["artifactLocation"]["uri"], "a%20b.txt");
    // "اندلع حريق " is 11 characters (22 bytes): the date starts at column 12, and
    // "الخميس 14 آب 2024" is 17 characters.
    assert_eq!((loc["region"]["startLine"].as_u64(), loc["region"]["startColumn"].as_u64()), (Some(6), Some(12)));
    assert_eq!(loc["region"]["endColumn"].as_u64(), Some(29));
    assert!(result["partialFingerprints"].as_object().is_some_and(|m| !m.is_empty()));
    let notes = &run0["invocations"][0]["toolExecutionNotifications"];
    assert!(notes.to_string().contains("bin.txt"), "{notes}");
}

fn git(dir: &Path, args: &[&str]) {
    let (code, _, err) = run(Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.email=ci@example.com", "-c", "user.name=ci", "-c", "commit.gpgsign=false"])
        .args(args));
    assert_eq!(code, 0, "git {args:?}: {err}");
}

#[test]
fn changed_since_keeps_findings_on_changed_lines_in_any_location() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempdir("changed");
    git(&dir, &["init", "-q"]);
    // Two wires of one fire; the archive's toll is 23 killed, and an untouched old
    // wrong weekday in old.txt.
    let wire = "---\npublished: 2024-06-18\n---\nانفجار في سوق للوقود\n\nقتل 23 شخصًا مساء الاثنين في انفجار سوق الوقود قرب ترحين شرقي الباب، بحسب الدفاع المدني.\n";
    std::fs::write(dir.join("a.txt"), wire).unwrap();
    std::fs::write(dir.join("old.txt"), FIRE).unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "archive"]);
    let check = |rev: &str| {
        let (code, out, err) =
            run(bin().current_dir(&dir).args(["check", ".", "--format", "line", "--changed-since", rev]));
        assert!(code == 0 || code == 1, "{err}");
        out
    };
    // Nothing changed: nothing reported, though old.txt has a finding.
    assert_eq!(check("HEAD"), "");
    // An untracked draft that contradicts the archive: reported in both places, and
    // old.txt's finding still left out.
    let draft = wire.replace("قتل 23 شخصًا", "قتل 32 شخصًا");
    std::fs::write(dir.join("draft.txt"), &draft).unwrap();
    let out = check("HEAD");
    assert!(out.contains("./draft.txt:6:") && out.contains("./a.txt:6:") && out.contains("32"), "{out}");
    assert!(!out.contains("weekday-mismatch"), "{out}");
    // Committed: the change is since the first commit, not since HEAD.
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "draft"]);
    assert_eq!(check("HEAD"), "");
    assert!(check("HEAD~1").contains("./draft.txt:6:"));
    // An edit on one line of old.txt brings its finding back.
    std::fs::write(dir.join("old.txt"), FIRE.replace("حريق في سوق المدينة\n", "حريق كبير في سوق المدينة\n")).unwrap();
    let out = check("HEAD");
    assert!(!out.contains("weekday-mismatch"), "the title changed, not the dated line: {out}");
    std::fs::write(dir.join("old.txt"), FIRE.replace("القديمة", "القديمة جدا")).unwrap();
    assert!(check("HEAD").contains("weekday-mismatch"));
    // A revision that is not one is a usage error.
    let (code, _, err) = run(bin().current_dir(&dir).args(["check", ".", "--changed-since", "no-such-rev"]));
    assert_eq!(code, 2);
    assert!(err.contains("no-such-rev") && err.contains("not a revision"), "{err}");
}

#[test]
fn completions_and_the_manual_page_cover_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = run(bin().args(["completions", shell]));
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("claimcheck") && out.contains("changed-since"), "{shell}: {out}");
    }
    let (code, out, _) = run(bin().args(["completions", "tcsh"]));
    assert_eq!(code, 2, "{out}");
    let (code, out, err) = run(bin().arg("man"));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(".ie") || out.contains(".TH claimcheck"), "{}", &out[..out.len().min(300)]);
    for sub in ["check", "extract", "test", "rules"] {
        assert!(out.contains(sub), "{sub}");
    }
}

//! The `claimcheck` binary as a user runs it: outputs and exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimcheck-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out: Output = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn check_json_reports_claims_with_original_byte_spans() {
    let dir = tempdir("spans");
    let text = "\u{FEFF}قال البيان إن نحو ٦٥ ألف شخص نزحوا،\r\nوأكثر من 22 عملية نفذت في 2023.\r\n";
    let file = write(&dir, "a.txt", text.as_bytes());
    let (code, out, err) = run(bin().args(["check", "--format", "json"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    assert_eq!(report["version"], 1);
    assert_eq!(report["documents"][0]["language"], "ar");
    let claims = report["claims"].as_array().unwrap();
    let got: Vec<(String, f64, String)> = claims
        .iter()
        .map(|c| {
            let (s, e) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[s..e], c["text"].as_str().unwrap(), "span and text agree");
            (
                c["text"].as_str().unwrap().to_string(),
                c["value"].as_f64().unwrap(),
                c["bound"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("نحو ٦٥ ألف شخص".to_string(), 65000.0, "approx".to_string()),
            ("أكثر من 22 عملية".to_string(), 22.0, "at_least".to_string()),
        ]
    );
    assert_eq!(claims[1]["line"], 2);
    assert_eq!(claims[0]["noun"], "شخص");
    assert_eq!(claims[1]["value"].to_string(), "22", "integral values print as integers");
}

#[test]
fn unreadable_files_are_named_and_skipped_and_the_rest_is_checked() {
    let dir = tempdir("bad");
    write(&dir, "good.txt", "more than 1,200 families fled".as_bytes());
    write(&dir, "latin1.txt", b"caf\xe9 au lait, 12 cups");
    write(&dir, "empty.txt", b"");
    write(&dir, "binary.txt", b"PK\x03\x04\x00\x00");
    write(&dir, "notes.yaml", b"ignored: 12 people");
    let (code, out, err) = run(bin().args(["check", "--format", "json"]).arg(&dir));
    assert_eq!(code, 0, "skipped files are reported, not a failure of the run: {err}");
    let (strict, _, _) = run(bin().args(["check", "--strict", "--format", "json"]).arg(&dir));
    assert_eq!(strict, 2, "--strict makes any skipped file exit 2");
    assert!(err.contains("latin1.txt: not UTF-8 (invalid byte at offset 3)"), "{err}");
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(err.contains("binary.txt: binary file (NUL byte at offset 4)"), "{err}");
    assert_eq!(err.lines().count(), 3, "one line per skipped file: {err}");
    let report = json(&out);
    let docs: Vec<&str> = report["documents"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 1);
    assert!(docs[0].ends_with("good.txt"));
    assert_eq!(report["claims"][0]["value"], 1200);
    assert_eq!(report["claims"][0]["bound"], "at_least");
    assert_eq!(report["claims"][0]["noun"], "family");
}

#[test]
fn missing_paths_and_bad_flags_are_usage_errors() {
    let (code, _, err) = run(bin().args(["check", "/no/such/dir"]));
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/dir: no such file or directory"), "{err}");
    let (code, _, err) = run(bin().args(["check", "--format", "xml", "."]));
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'xml'"), "{err}");
    let (code, _, err) = run(bin().args(["check", "--published", "yesterday", "."]));
    assert_eq!(code, 2);
    assert!(err.contains("expected YYYY-MM-DD"), "{err}");
    let (code, _, _) = run(&mut bin());
    assert_eq!(code, 2);
}

#[test]
fn glob_selects_files_in_directory_walks() {
    let dir = tempdir("glob");
    write(&dir, "a.txt", "نفذ 73 عملية".as_bytes());
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    write(&dir.join("sub"), "b.news", "قتل 5 مدنيين".as_bytes());
    let (code, out, _) = run(bin().args(["check", "--format", "json", "--glob", "*.news"]).arg(&dir));
    assert_eq!(code, 0);
    let report = json(&out);
    assert_eq!(report["documents"].as_array().unwrap().len(), 1);
    assert_eq!(report["claims"][0]["value"], 5);
}

#[test]
fn extract_prints_a_table() {
    let dir = tempdir("table");
    let file = write(&dir, "a.txt", "وأسفرت عن مقتل خمسة أعضاء وأسر 19 آخرين".as_bytes());
    let (code, out, _) = run(bin().arg("extract").arg(&file));
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].contains("a.txt:1") && lines[0].contains("5") && lines[0].contains("عضو"), "{out}");
    assert!(lines[1].contains("19") && lines[1].contains("عضو") && lines[1].contains("19 آخرين"), "{out}");
    assert_eq!(lines[2], "2 claims in 1 document");
}

#[test]
fn parse_number_answers_every_line_in_order() {
    let mut child = bin()
        .args(["parse", "number"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("ثلاثمائة وخمسين\n٤٥ ألف\nnot a number\n\nالحادي والعشرين\r\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let values: Vec<serde_json::Value> = lines.iter().map(|l| l["value"].clone()).collect();
    assert_eq!(values, vec![350.into(), 45000.into(), serde_json::Value::Null, serde_json::Value::Null, 21.into()]);
    assert_eq!(lines[0]["text"], "ثلاثمائة وخمسين");
    assert_eq!(lines[4]["text"], "الحادي والعشرين", "CR is not part of the text");
}

#[test]
fn help_documents_every_flag() {
    let (code, out, _) = run(bin().args(["check", "--help"]));
    assert_eq!(code, 0);
    for flag in ["--format", "--glob", "--published"] {
        assert!(out.contains(flag), "{flag} missing from help: {out}");
    }
    let (_, out, _) = run(bin().arg("--help"));
    assert!(out.contains("Exit codes"), "{out}");
}

#[test]
fn parse_date_resolves_each_line_against_the_reference() {
    let mut child = bin()
        .args(["parse", "date", "--reference", "2013-02-12"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = "الاربعاء الموافق الثالث عشر من شباط 2013\nمن 13 تموز الى 15 تموز\nالشهر الماضي\nليس تاريخا\n10 جمادى الأولى 1446 هـ\n";
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let values: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["value"].clone())
        .collect();
    assert_eq!(
        values,
        vec![
            serde_json::json!("2013-02-13"),
            serde_json::json!("2013-07-13/2013-07-15"),
            serde_json::json!("2013-01"),
            serde_json::Value::Null,
            serde_json::json!("2024-11-12"),
        ]
    );
}

#[test]
fn parse_date_reads_the_forms_news_writes() {
    let cases = [
        ("5. مارس", "2018-03-05"),
        ("5.يوليو", "2018-07-05"),
        ("تموز 13 الى 15", "2018-07-13/2018-07-15"),
        ("السبت (3 يونيو 2017)", "2017-06-03"),
        ("الأسبوع المقبل الخميس", "2018-08-30"),
        ("الربع الأول من عام 2022", "2022-01/2022-03"),
        ("7-2019", "2019-07"),
        ("2021/11", "2021-11"),
        ("2021.11", "2021-11"),
        ("2021.5", "null"),
        ("9.17", "2018-09-17"),
        ("17.09", "2018-09-17"),
        ("9. يونيو. 2020", "2020-06-09"),
        ("العقد الماضي", "2000/2017"),
        ("وقبل أسبوع", "2018-08-13"),
    ];
    let mut child = bin()
        .args(["parse", "date", "--reference", "2018-08-20"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input: String = cases.iter().map(|(s, _)| format!("{s}\n")).collect();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let got: Vec<(String, String)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["text"].as_str().unwrap().to_string(), v["value"].as_str().unwrap_or("null").to_string())
        })
        .collect();
    let want: Vec<(String, String)> = cases.iter().map(|(s, v)| (s.to_string(), v.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn publication_dates_come_from_front_matter_sidecars_labels_and_the_option() {
    let dir = tempdir("published");
    write(&dir, "front.md", "---\npublished: 2024-05-02\n---\nقتل 5 مدنيين الشهر الماضي.".as_bytes());
    write(&dir, "label.txt", "تاريخ النشر: 13th, January 2024\nنفذ 73 عملية خلال العام الماضي.".as_bytes());
    write(&dir, "side.txt", "أجلت الفرق 40 عائلة أمس.".as_bytes());
    write(&dir, "side.txt.meta.yaml", b"published: 2023-02-18\n");
    write(&dir, "bare.txt", "وصل 12 شاحنة هذا العام.".as_bytes());
    let (code, out, err) = run(bin().args(["check", "--format", "json", "--published", "2020-06-01"]).arg(&dir));
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    let docs = report["documents"].as_array().unwrap();
    let by_name = |n: &str| docs.iter().find(|d| d["path"].as_str().unwrap().ends_with(n)).unwrap().clone();
    assert_eq!(
        (by_name("front.md")["published"].clone(), by_name("front.md")["published_source"].clone()),
        ("2024-05-02".into(), "front-matter".into())
    );
    assert_eq!(
        (by_name("label.txt")["published"].clone(), by_name("label.txt")["published_source"].clone()),
        ("2024-01-13".into(), "text-label".into())
    );
    assert_eq!(
        (by_name("side.txt")["published"].clone(), by_name("side.txt")["published_source"].clone()),
        ("2023-02-18".into(), "sidecar".into())
    );
    assert_eq!(
        (by_name("bare.txt")["published"].clone(), by_name("bare.txt")["published_source"].clone()),
        ("2020-06-01".into(), "option".into())
    );
    let dates: Vec<(String, String)> = report["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["text"].as_str().unwrap().to_string(), d["value"].as_str().unwrap_or("null").to_string()))
        .collect();
    for want in [
        ("الشهر الماضي", "2024-04"),
        ("13th, January 2024", "2024-01-13"),
        ("العام الماضي", "2023"),
        ("أمس", "2023-02-17"),
        ("هذا العام", "2020"),
    ] {
        assert!(dates.contains(&(want.0.to_string(), want.1.to_string())), "{want:?} not in {dates:?}");
    }
    // Claims carry the time they hold for.
    let claim = report["claims"].as_array().unwrap().iter().find(|c| c["value"] == 73).unwrap().clone();
    assert_eq!((claim["time"].clone(), claim["time_source"].clone()), ("2023".into(), "sentence".into()));
}

#[test]
fn test_gates_corpora_on_their_expected_findings() {
    let dir = tempdir("gate");
    let corpus = dir.join("caption");
    std::fs::create_dir_all(&corpus).unwrap();
    let caption = "دورية لجنود في بلدة تل حميس بمحافظة الحسكة شمال شرق سوريا - كانون الثاني";
    write(&corpus, "a.txt", format!("{caption} 2025 (وكالة)\n\ncamera {caption} 2024 (وكالة)\n").as_bytes());
    let expected = "conflicts:\n  - kind: date\n    a: {doc: a.txt, text: \"كانون الثاني 2025\"}\n    b: {doc: a.txt, text: \"كانون الثاني 2024\"}\n    why: caption twin\n";
    write(&corpus, "expected.yaml", expected.as_bytes());
    let (code, out, err) = run(bin().arg("test").arg(&dir));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("ok ") && out.contains("(1/1 conflicts found)"), "{out}");
    assert!(out.ends_with("1 corpus, 1 passed, 0 failed\n"), "{out}");

    // Expecting a conflict that is not there fails the gate, and says why.
    let quiet = dir.join("quiet");
    std::fs::create_dir_all(&quiet).unwrap();
    write(&quiet, "b.txt", "قال المسؤول إن 40 عائلة عادت إلى القرية.".as_bytes());
    let expected =
        "conflicts:\n  - kind: value\n    a: {doc: b.txt, text: \"40 عائلة\"}\n    why: planted but absent\n";
    write(&quiet, "expected.yaml", expected.as_bytes());
    let (code, out, _) = run(bin().arg("test").arg(&dir));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAILED") && out.contains("missed: planted but absent"), "{out}");

    let (code, _, err) = run(bin().args(["test", "/no/such/dir"]));
    assert_eq!(code, 2);
    assert!(err.contains("no corpus"), "{err}");
}

#[test]
fn rules_lists_every_rule_and_rejects_bad_rule_files() {
    let (code, out, _) = run(bin().arg("rules"));
    assert_eq!(code, 0);
    for id in ["value-mismatch", "aligned-passage", "weekday-mismatch", "hijri-mismatch", "event-date-mismatch"] {
        assert!(out.contains(id), "{id} missing: {out}");
    }
    assert!(out.contains("What:") && out.contains("Why:") && out.contains("Example:"));
    let (code, out, _) = run(bin().args(["rules", "weekday-mismatch"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("weekday-mismatch (error, kind weekday)"), "{out}");
    let (code, _, err) = run(bin().args(["rules", "no-such-rule"]));
    assert_eq!(code, 2);
    assert!(err.contains("no rule `no-such-rule`"), "{err}");

    let dir = tempdir("badrules");
    write(&dir, "r.yaml", b"id: x\nkind: nonsense\nseverity: error\nmessage: m\ndocs: {what: a, why: b, example: c}\n");
    let (code, _, err) = run(bin().args(["check", "--rules"]).arg(&dir).arg(&dir));
    assert_eq!(code, 2);
    assert!(err.contains("r.yaml:2: unknown rule kind `nonsense`, must be one of:"), "{err}");
}

#[test]
fn a_user_rule_overrides_an_embedded_one() {
    let dir = tempdir("override");
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    write(&docs, "a.txt", "تاريخ النشر: 18 آب 2024\nوقع الحادث يوم الخميس 14 آب 2024 في المدينة.".as_bytes());
    let (code, out, _) = run(bin().args(["check", "--format", "line"]).arg(&docs));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[weekday-mismatch] 2024-08-14 was a Wednesday, not a Thursday"), "{out}");
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    write(&rules, "weekday.yaml", "id: weekday-mismatch\nkind: weekday\nseverity: info\nmessage: \"weekday: {stated} vs {real}\"\ndocs: {what: a, why: b, example: c}\n".as_bytes());
    let (code, out, _) = run(bin().args(["check", "--format", "line", "--rules"]).arg(&rules).arg(&docs));
    assert_eq!(code, 0, "info findings do not fail: {out}");
    assert!(out.contains("info[weekday-mismatch] weekday: Thursday vs Wednesday"), "{out}");
}

#[test]
fn a_year_less_weekday_in_a_month_the_article_dates_in_another_year_is_that_year_s() {
    let dir = tempdir("weekday-past");
    write(
        &dir,
        "a.txt",
        "---\npublished: 2018-10-25\n---\nصباح يوم 20 أكتوبر 2011، أمر القائد بالتحرك.\nوقال إنه زار المدينة يوم الأحد (16 أكتوبر) ثم عاد يوم الخميس (20 أكتوبر).\n".as_bytes(),
    );
    // 16 and 20 October 2011 were a Sunday and a Thursday: nothing to report.
    assert_eq!(findings_of(&dir), vec![]);
    let other = tempdir("weekday-this-year");
    write(
        &other,
        "a.txt",
        "---\npublished: 2018-10-25\n---\nوقال إنه زار المدينة يوم الأحد (16 أكتوبر) الجاري.\n".as_bytes(),
    );
    let found = findings_of(&other);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("weekday-mismatch", "error"));
}

#[test]
fn a_count_the_text_says_rose_to_its_figure_does_not_clash_with_the_earlier_one() {
    let a = "---\npublished: 2026-08-03\n---\nالعراق.. الحرارة تتجاوز 50 درجة وعطلة رسمية في 4 محافظات\n\nسكاي نيوز عربية - أبوظبي\nأعلنت الحكومة العراقية عطلة رسمية في أربع محافظات جنوبية بسبب ارتفاع درجات الحرارة إلى مستويات قياسية.\nوأعلنت وزارة الصحة أن مستشفيات البلاد استقبلت 112 حالة إصابة بضربات الشمس والإجهاد الحراري، داعية المواطنين إلى الإكثار من شرب الماء.\nوتعاني شبكة الكهرباء من انقطاعات متكررة تزيد معاناة السكان في ساعات الذروة.\n";
    // Told as a plain count the same day, 168 against 112 is a conflict ...
    let plain = tempdir("rise-plain");
    write(&plain, "a.txt", a.as_bytes());
    write(&plain, "b.txt", "---\npublished: 2026-08-03\n---\nالبصرة تسجل 52 درجة مئوية والعراق يواجه إحدى أشد موجات الحر\n\nبي بي سي نيوز عربي\nسجلت مدينة البصرة في جنوب العراق أعلى درجة حرارة في البلاد منذ بدء موجة الحر الحالية، في وقت قالت فيه وزارة الصحة إن مستشفيات البلاد استقبلت 168 حالة إصابة بضربات الشمس.\nويخشى خبراء أن تتكرر موجات الحر مع تغير المناخ في المنطقة.\n".as_bytes());
    let found = findings_of(&plain);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "value-mismatch");
    assert_eq!(found[0].2, vec!["112 حالة".to_string(), "168 حالة".to_string()]);
    // ... but "ارتفاع عدد الحالات إلى 168" says the count rose from the lower figure.
    let rose = tempdir("rise-rose");
    write(&rose, "a.txt", a.as_bytes());
    write(&rose, "b.txt", "---\npublished: 2026-08-03\n---\nالبصرة تسجل 52 درجة مئوية والعراق يواجه إحدى أشد موجات الحر\n\nبي بي سي نيوز عربي\nسجلت مدينة البصرة في جنوب العراق أعلى درجة حرارة في البلاد منذ بدء موجة الحر الحالية، في وقت أعلنت فيه وزارة الصحة ارتفاع عدد حالات الإصابة بضربات الشمس إلى 168 حالة.\nويخشى خبراء أن تتكرر موجات الحر مع تغير المناخ في المنطقة.\n".as_bytes());
    assert_eq!(findings_of(&rose), vec![]);
}

#[test]
fn a_headline_toll_the_body_contradicts_is_a_lead_whatever_larger_figures_follow() {
    // The AP copy of the blind train-collision cluster: "kills 18" in the headline,
    // "killing 16 people" in the lead, and "more than 370 people" aboard further down,
    // which is another quantity and must not make the headline agree.
    let dir = tempdir("headline-toll");
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpora/clusters2-blind/train-collision-zagazig-2025");
    for name in ["c.txt", "c.txt.meta.yaml"] {
        std::fs::copy(src.join(name), dir.join(name)).unwrap();
    }
    let found = findings_of(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("internal-mismatch", "info"));
    assert_eq!(found[0].2, vec!["18".to_string(), "16 people".to_string()]);
}

#[test]
fn two_copies_of_one_text_are_no_story_pair_but_both_are_compared_with_other_tellings() {
    let a = "---\npublished: 2026-08-03\n---\nالعراق.. الحرارة تتجاوز 50 درجة وعطلة رسمية في 4 محافظات\n\nأعلنت الحكومة العراقية عطلة رسمية في أربع محافظات جنوبية بسبب ارتفاع درجات الحرارة إلى مستويات قياسية.\nوأعلنت وزارة الصحة أن مستشفيات البلاد استقبلت 112 حالة إصابة بضربات الشمس والإجهاد الحراري.\nوتعاني شبكة الكهرباء من انقطاعات متكررة تزيد معاناة السكان في ساعات الذروة.\n";
    let b = "---\npublished: 2026-08-03\n---\nالبصرة تسجل 52 درجة مئوية والعراق يواجه إحدى أشد موجات الحر\n\nسجلت مدينة البصرة في جنوب العراق أعلى درجة حرارة في البلاد منذ بدء موجة الحر الحالية، في وقت قالت فيه وزارة الصحة إن مستشفيات البلاد استقبلت 168 حالة إصابة بضربات الشمس.\nويخشى خبراء أن تتكرر موجات الحر مع تغير المناخ في المنطقة.\n";
    let dir = tempdir("copies");
    write(&dir, "a.txt", a.as_bytes());
    write(&dir, "a-copy.txt", a.as_bytes());
    write(&dir, "b.txt", b.as_bytes());
    let (_, out, err) = run(bin().args(["check", "--format", "json", "--fail-on", "never"]).arg(&dir));
    let report = json(&out);
    // a-b and copy-b; the copy and its original are not two tellings of the story.
    assert_eq!(report["summary"]["story_pairs"], 2, "{err}");
    let mut pairs: Vec<Vec<String>> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "value-mismatch")
        .map(|f| {
            let mut docs: Vec<String> = f["locations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| Path::new(l["doc"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            docs.sort();
            docs
        })
        .collect();
    pairs.sort();
    // One finding: the figure of the two copies against the other telling's.
    assert_eq!(pairs, vec![vec!["a-copy.txt", "a.txt", "b.txt"]]);
}

#[test]
fn figures_over_one_stated_period_are_one_quantity_and_a_toll_that_fell_by_a_digit_is_a_slip() {
    // "منذ بداية العام" after the figure states its period: both are the loss since January.
    let period = tempdir("period-after");
    write(&period, "a.txt", "---\npublished: 2018-08-10\n---\nالليرة التركية تواصل الهبوط أمام الدولار\n\nوانخفضت العملة التركية بنسبة تقترب من 70 بالمائة منذ بداية العام، رافعة كلفة البضائع للشعب التركي، كما هزت ثقة المستثمرين في الليرة.\nوقال أردوغان إن بلاده تواجه حربا اقتصادية.\n".as_bytes());
    write(&period, "b.txt", "---\npublished: 2018-08-10\n---\nأردوغان يدعو الأتراك لدعم الليرة والعملة تواصل الهبوط\n\nلكن خطاب أردوغان لم يفعل الكثير لتهدئة الأسواق، إذ استأنفت الليرة طريق الهبوط، لتصل خسائرها إلى 40٪ تقريبًا مقابل الدولار منذ بداية 2018.\nوقال أردوغان إن بلاده تواجه حربا اقتصادية.\n".as_bytes());
    let found = findings_of(&period);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("value-mismatch", "warning"));
    assert_eq!(found[0].2, vec!["تقترب من 70 بالمائة".to_string(), "40٪ تقريبًا".to_string()]);
    let (_, out, _) = run(bin().args(["check", "--format", "json", "--fail-on", "never"]).arg(&period));
    let evidence = json(&out)["findings"][0]["evidence"].to_string();
    assert!(evidence.contains("the same stated period: since 2018-01"), "{evidence}");
    // A toll "as of Tuesday morning" one digit lower than Monday night's.
    let slip = tempdir("toll-slip");
    write(&slip, "a.txt", "---\npublished: 2018-05-14\n---\nمقتل 58 فلسطينيا في غزة برصاص القوات الإسرائيلية\n\nوحسب وزارة الصحة الفلسطينية في غزة، ارتفع عدد القتلى إلى 58 والجرحى إلى 2771 في مسيرات العودة على حدود قطاع غزة.\n".as_bytes());
    write(&slip, "b.txt", "---\npublished: 2018-05-15\n---\nالفلسطينيون يحيون ذكرى النكبة بعد يوم دام في غزة\n\nوقال الناطق باسم وزارة الصحة في غزة إن حصيلة الضحايا حتى صباح الثلاثاء \"بلغت 59 شهيدا و2271 مصابا بجروح مختلفة\" في مسيرات العودة على حدود قطاع غزة.\n".as_bytes());
    let found = findings_of(&slip);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("value-mismatch", "warning"));
    assert_eq!(found[0].2, vec!["2771".to_string(), "2271 مصابا".to_string()]);
}

#[test]
fn extract_reads_today_and_the_years_of_named_events() {
    let dir = tempdir("today");
    write(
        &dir,
        "a.txt",
        "---\npublished: 2018-07-16\n---\nعنوان\n\nقالت الوزارة في بيان أصدرته اليوم إن المباراة انتهت. وفي اليوم الأول من البطولة فاز الفريق. ويحتفل العالم باليوم العالمي للمرأة. وفي ذلك اليوم عاد اللاعبون. وانتهت المباراة النهائية لمونديال روسيا 2018، وفاز بكأس العالم 1998 على أرضه.\n".as_bytes(),
    );
    let (code, out, err) = run(bin().args(["extract", "--format", "jsonl"]).arg(&dir));
    assert_eq!(code, 0, "{err}");
    let dates: Vec<(String, String)> = out
        .lines()
        .map(json)
        .filter(|v| v["type"] == "date")
        .map(|v| (v["text"].as_str().unwrap().to_string(), v["value"].as_str().unwrap_or("null").to_string()))
        .collect();
    let want = [("اليوم", "2018-07-16"), ("2018", "2018"), ("1998", "1998")];
    assert_eq!(dates, want.map(|(t, v)| (t.to_string(), v.to_string())).to_vec());
}

/// Findings of a corpus as (rule, severity, quoted spans), from the JSON report.
fn findings_of(dir: &Path) -> Vec<(String, String, Vec<String>)> {
    let (code, out, err) = run(bin().args(["check", "--format", "json", "--fail-on", "never"]).arg(dir));
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    let texts: std::collections::HashMap<String, Vec<u8>> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let p = d["path"].as_str().unwrap().to_string();
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let spans = f["locations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    let t = &texts[l["doc"].as_str().unwrap()];
                    let (s, e) = (l["start"].as_u64().unwrap() as usize, l["end"].as_u64().unwrap() as usize);
                    String::from_utf8(t[s..e].to_vec()).unwrap()
                })
                .collect();
            (f["rule"].as_str().unwrap().to_string(), f["severity"].as_str().unwrap().to_string(), spans)
        })
        .collect()
}

#[test]
fn a_zero_too_many_is_a_slip_in_one_article_and_in_a_sentence_retold_the_next_day() {
    // One article: a toll aside told twice for one day, the second a zero longer.
    let dir = tempdir("zero-internal");
    write(
        &dir,
        "a.txt",
        "بركان يقذف الحمم فوق قرى الوادي\n\n\
         أسفر ثوران بركان الوادي الأحمر الثلاثاء عن 40 قتيلا على الأقل وحوالى 300 مفقود.\n\
         وقالت هيئة الأرصاد إن الرماد غطى الطرق المؤدية إلى العاصمة.\n\
         وارتفعت حصيلة ضحايا بركان الوادي الأحمر الثلاثاء إلى 40 قتيلا وما يقرب من ثلاثة آلاف مفقود بحسب فرق الدفاع المدني.\n"
            .as_bytes(),
    );
    write(&dir, "a.txt.meta.yaml", b"published: 2025-03-05\n");
    let got = findings_of(&dir);
    let want = vec![(
        "internal-mismatch".to_string(),
        "warning".to_string(),
        vec!["حوالى 300 مفقود".to_string(), "ما يقرب من ثلاثة آلاف مفقود".to_string()],
    )];
    assert_eq!(got, want);

    // Two days, one background sentence, a zero apart: a slip (a warning).
    let dir = tempdir("zero-retold");
    let background = |figure: &str| {
        format!("وبنت الحكومة منذ ذلك الحين عشرات الأحياء السكنية في ضواحي المدينة الساحلية، {figure}. وتعد هذه الأحياء مخالفة لقوانين البناء وفق منظمات حقوقية.")
    };
    write(
        &dir,
        "a.txt",
        format!(
            "احتجاجات في المدينة الساحلية بعد قرار الهدم\n\nتظاهر مئات السكان في المدينة الساحلية احتجاجا على قرار هدم الحي القديم قرب الميناء.\n{}\n",
            background("يسكنها نحو 30 ألف عامل")
        )
        .as_bytes(),
    );
    write(
        &dir,
        "b.txt",
        format!(
            "محافظ المدينة الساحلية: قرار هدم الحي القديم نهائي\n\nأكد محافظ المدينة الساحلية أن قرار هدم الحي القديم قرب الميناء نهائي.\n{}\n",
            background("التي باتت مسكنا لنحو 300 ألف عامل")
        )
        .as_bytes(),
    );
    write(&dir, "a.txt.meta.yaml", b"published: 2025-03-04\n");
    write(&dir, "b.txt.meta.yaml", b"published: 2025-03-05\n");
    let got = findings_of(&dir);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("value-mismatch", "warning"));
    assert_eq!(got[0].2, vec!["نحو 30 ألف عامل".to_string(), "نحو 300 ألف عامل".to_string()]);

    // A market report's sentence recurs every day with other figures: not a slip.
    let dir = tempdir("zero-market");
    let report = |cents: &str| {
        format!("أسعار النفط تتراجع\n\nوتراجعت العقود الآجلة لخام القياس الأميركي غرب تكساس الوسيط تسليم مايو {cents} سنتا إلى 63 دولارا للبرميل في تعاملات اليوم.\n")
    };
    write(&dir, "a.txt", report("41").as_bytes());
    write(&dir, "b.txt", report("14").as_bytes());
    write(&dir, "a.txt.meta.yaml", b"published: 2025-04-08\n");
    write(&dir, "b.txt.meta.yaml", b"published: 2025-04-09\n");
    let got = findings_of(&dir);
    assert!(got.iter().all(|f| f.1 == "info"), "{got:?}");
}

/// A finding as a draft's reader sees it: rule, severity, the draft's spans.
type DraftFinding = (String, String, Vec<(u64, u64)>);

/// The findings of a `check --format json` run that touch `draft`: (rule, severity, the
/// draft's spans), sorted, and the run's whole output.
fn draft_findings(args: &[&std::ffi::OsStr], draft: &Path) -> (Vec<DraftFinding>, String) {
    let (code, out, err) = run(bin().args(["check", "--format", "json", "--fail-on", "never"]).args(args));
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    let name = draft.to_string_lossy();
    let mut got: Vec<DraftFinding> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| {
            let spans: Vec<(u64, u64)> = f["locations"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["doc"].as_str() == Some(&*name))
                .map(|l| (l["start"].as_u64().unwrap(), l["end"].as_u64().unwrap()))
                .collect();
            (!spans.is_empty())
                .then(|| (f["rule"].as_str().unwrap().to_string(), f["severity"].as_str().unwrap().to_string(), spans))
        })
        .collect();
    got.sort();
    (got, out)
}

#[test]
fn a_draft_against_an_archive_gets_what_a_full_check_gives_it_cold_warm_and_after_an_edit() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example");
    let archive = tempdir("archive");
    for f in ["01_ar_storm.txt", "03_en_wire.txt", "04_ar_convoy.txt"] {
        std::fs::copy(example.join(f), archive.join(f)).unwrap();
    }
    let drafts = tempdir("drafts");
    let draft = drafts.join("02_en_storm.txt");
    std::fs::copy(example.join("02_en_storm.txt"), &draft).unwrap();
    let cache = tempdir("cache");
    let against: Vec<&std::ffi::OsStr> =
        vec![draft.as_os_str(), "--against".as_ref(), archive.as_os_str(), "--cache-dir".as_ref(), cache.as_os_str()];
    let full: Vec<&std::ffi::OsStr> = vec![draft.as_os_str(), archive.as_os_str()];

    let (want, _) = draft_findings(&full, &draft);
    let (cold, cold_out) = draft_findings(&against, &draft);
    assert!(want.iter().any(|f| f.0 == "value-mismatch" && f.1 == "error"), "{want:?}");
    assert_eq!(cold, want);
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1, "one cache file for the archive");
    let (warm, warm_out) = draft_findings(&against, &draft);
    assert_eq!(warm, want);
    assert_eq!(warm_out, cold_out, "a warm cache gives the same report");

    // The wire copy now agrees with the draft ("at least 40"): the cache must not hide it.
    let wire = archive.join("03_en_wire.txt");
    let text = std::fs::read_to_string(&wire).unwrap().replace("26 rescue operations", "146 rescue operations");
    std::fs::write(&wire, text).unwrap();
    let (want, _) = draft_findings(&full, &draft);
    let (after, _) = draft_findings(&against, &draft);
    assert!(!want.iter().any(|f| f.0 == "value-mismatch" && f.1 == "error"), "{want:?}");
    assert_eq!(after, want);
}

#[test]
fn a_baseline_hides_known_findings_through_unrelated_edits_and_shows_new_ones() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example");
    let dir = tempdir("baseline-corpus");
    for f in ["01_ar_storm.txt", "02_en_storm.txt", "03_en_wire.txt", "04_ar_convoy.txt"] {
        std::fs::copy(example.join(f), dir.join(f)).unwrap();
    }
    let baseline = tempdir("baseline").join("baseline.json");
    let (code, _, err) = run(bin().args(["check", "--format", "json", "--write-baseline"]).arg(&baseline).arg(&dir));
    assert_eq!(code, 1, "the findings still fail the run that records them: {err}");
    let recorded = json(&std::fs::read_to_string(&baseline).unwrap());
    let n = recorded["findings"].as_array().unwrap().len();
    assert!(n >= 3, "{recorded}");

    let check = |dir: &Path| {
        let (code, out, err) = run(bin().args(["check", "--format", "json", "--baseline"]).arg(&baseline).arg(dir));
        (code, json(&out), err)
    };
    let (code, report, err) = check(&dir);
    assert_eq!(code, 0, "{err}");
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    assert_eq!(report["summary"]["hidden_by_baseline"], n as u64);

    // An unrelated edit (a new first paragraph) moves every offset: still hidden.
    let wire = dir.join("03_en_wire.txt");
    let text = std::fs::read_to_string(&wire).unwrap();
    let (title, body) = text.split_once("\n\n").unwrap();
    std::fs::write(&wire, format!("{title}\n\nAid agencies appealed for blankets and fuel.\n\n{body}")).unwrap();
    let (code, report, _) = check(&dir);
    assert_eq!((code, report["findings"].as_array().unwrap().len()), (0, 0), "{report}");

    // A changed figure is a new finding: the caption's twin now says 2023.
    let caption = dir.join("01_ar_storm.txt");
    let text = std::fs::read_to_string(&caption).unwrap();
    assert!(text.contains("كانون الثاني 2024"));
    std::fs::write(&caption, text.replace("كانون الثاني 2024", "كانون الثاني 2023")).unwrap();
    let (code, report, _) = check(&dir);
    assert_eq!(code, 1);
    let rules: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"aligned-passage"), "{rules:?}");

    // A file that is not a baseline is a usage error, named.
    let bad = dir.join("notes.json");
    std::fs::write(&bad, "{\"a\": 1}").unwrap();
    let (code, _, err) = run(bin().args(["check", "--baseline"]).arg(&bad).arg(&dir));
    assert_eq!(code, 2);
    assert!(err.contains("notes.json") && err.contains("not a claimcheck baseline"), "{err}");
}

#[test]
fn bad_inputs_are_named_and_skipped_in_bounded_time_and_the_rest_is_checked() {
    let dir = tempdir("bad-inputs");
    let mkfifo = |p: &Path| {
        let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    };
    mkfifo(&dir.join("pipe.txt"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    write(&dir, "good.txt", "عنوان\n\nقتل 12 شخصا في الهجوم.\n".as_bytes());
    // Old Mac line endings: three lines, not one.
    write(&dir, "cr.txt", b"Title\rThe storm killed 23 people on Monday.\rMore than 40 families fled.\r");
    write(&dir, "side.txt", "عنوان\n\nأصيب 7 أشخاص.\n".as_bytes());
    mkfifo(&dir.join("side.txt.meta.yaml"));
    write(&dir, "deep.txt", "عنوان\n\nأصيب 9 أشخاص.\n".as_bytes());
    write(&dir, "deep.txt.meta.yaml", format!("published: {}{}\n", "[".repeat(30_000), "]".repeat(30_000)).as_bytes());
    write(&dir, "huge.txt", "عنوان\n\nأصيب 5 أشخاص.\n".as_bytes());
    write(&dir, "huge.txt.meta.yaml", format!("published: {}\n", "x".repeat(200_000)).as_bytes());
    // One line of 256 KiB, dense with figures and dates (the benchmark has 10 MiB ones).
    let sentence = "قتل 12 شخصا في الهجوم يوم الأربعاء 12 من تشرين الثاني وأصيب أكثر من 40 آخرين. ";
    let repeats = (256 << 10) / sentence.len();
    write(&dir, "long.txt", format!("عنوان\n\n{}\n", sentence.repeat(repeats)).as_bytes());

    let child = bin()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Generous: a hang (a FIFO read, /dev/zero) would never end.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output().unwrap()));
    let out = rx.recv_timeout(std::time::Duration::from_secs(300)).expect("the run hung");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("pipe.txt: not a regular file (a FIFO)"), "{err}");
    assert!(err.contains("zero.txt: not a regular file (a device)"), "{err}");
    assert!(err.contains("side.txt.meta.yaml: sidecar not a regular file"), "{err}");
    assert!(err.contains("deep.txt.meta.yaml:1: metadata not read: nested more than 32 levels deep"), "{err}");
    assert!(err.contains("huge.txt.meta.yaml: sidecar not read: larger than 64 KiB"), "{err}");
    let report = json(&String::from_utf8(out.stdout).unwrap());
    let claims = report["claims"].as_array().unwrap();
    let of = |file: &str| -> Vec<(u64, String)> {
        claims
            .iter()
            .filter(|c| c["doc"].as_str().unwrap().ends_with(file))
            .map(|c| (c["line"].as_u64().unwrap(), c["text"].as_str().unwrap().to_string()))
            .collect()
    };
    assert_eq!(of("good.txt"), vec![(3, "12 شخصا".to_string())]);
    assert_eq!(of("side.txt"), vec![(3, "7 أشخاص".to_string())]);
    assert_eq!(of("deep.txt"), vec![(3, "9 أشخاص".to_string())]);
    assert_eq!(of("huge.txt"), vec![(3, "5 أشخاص".to_string())]);
    assert_eq!(of("cr.txt"), vec![(2, "23 people".to_string()), (3, "More than 40 families".to_string())]);
    assert_eq!(of("long.txt").len(), 2 * repeats, "every figure of the long line is read");
}

#[test]
fn a_date_that_closes_a_relative_clause_makes_a_date_order_only_a_warning() {
    // "took office on 1 June after the vote on 11 June": the dates contradict "after".
    let plain = tempdir("order-plain");
    write(&plain, "a.txt", "---\npublished: 2018-06-20\n---\nرئيس الحكومة الإسبانية الجديد\n\nوتولى رئيس الوزراء الحكم في 1 حزيران/يونيو 2018 بعد حجب الثقة عن الحكومة السابقة في 11 حزيران/يونيو 2018.\n".as_bytes());
    let found = findings_of(&plain);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("date-order", "error"));
    // "X، الذي تولى … بعد …، في 11 حزيران، عرض": the second date may date the main verb,
    // so the sentence is ambiguous: a warning that says so.
    let relative = tempdir("order-relative");
    write(&relative, "a.txt", "---\npublished: 2018-06-20\n---\nرئيس الحكومة الإسبانية يعرض استقبال المهاجرين\n\nوعرض رئيس الوزراء، الذي تولى الحكم في 1 حزيران/يونيو 2018 بعد حجب الثقة عن الحكومة السابقة في 11 حزيران/يونيو 2018، استقبال المهاجرين في ميناء فالنسيا.\n".as_bytes());
    let found = findings_of(&relative);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("date-order", "warning"));
}

#[test]
fn the_readme_example_is_what_check_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let marker = "$ cargo run --release -- check fixtures/example\n";
    let start = readme.find(marker).expect("the README shows the example run") + marker.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let (code, stdout, _) = run(bin().current_dir(root).args(["check", "fixtures/example"]));
    assert_eq!(code, 1, "the example has errors: the run fails");
    assert_eq!(stdout, shown, "README.md's example output is out of date");
}

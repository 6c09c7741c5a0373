//! No input makes extraction panic, and every span lies on char boundaries inside
//! the input and maps back to the text it reports.

use claimcheck::input::{read::text_from_bytes, Document, Origin};
use claimcheck::text::DocText;
use proptest::prelude::*;

fn check_spans(text: &str) {
    let doc = DocText::new(text);
    let found = claimcheck::extract::extract(&doc);
    for c in found.claims {
        assert!(c.start <= c.end && c.end <= text.len());
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        assert_eq!(&text[c.start..c.end], c.text);
        assert!(c.value.is_finite());
    }
    for d in found.dates {
        assert!(d.start <= d.end && d.end <= text.len());
        assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
        assert_eq!(&text[d.start..d.end], d.text);
    }
}

/// Text made of the pieces claims are made of, to reach deep into the grammar.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "نحو",
        "أكثر من",
        "بـ",
        "و",
        "ألف",
        "آلاف",
        "مليون",
        "عملية",
        "شخص",
        "من",
        "بين",
        "إلى",
        "فقط",
        "تشرين الثاني",
        "الأربعاء",
        "عام",
        "في",
        "١",
        "٢٣",
        "٫",
        "٬",
        "،",
        "٪",
        "%",
        "1,200",
        "3.5",
        "-",
        "/",
        ":",
        "more than",
        "about",
        "million",
        "people",
        "twenty",
        "-three",
        "\u{200F}",
        "\u{0640}",
        "\u{064B}",
        "آخرين",
        "العضو",
        "التسعين",
        "الحادي",
        "عشر",
        " ",
        "\n",
        "\r\n",
        "0944",
        "+963",
        "http://x.org/2024",
        "22nd",
        "e\u{301}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC*") {
        check_spans(&s);
    }

    #[test]
    fn newsy_text_never_panics(s in newsy()) {
        check_spans(&s);
    }

    #[test]
    fn the_whole_check_never_panics(docs in prop::collection::vec(newsy(), 1..4), published in prop::option::of(0u32..3000)) {
        let docs: Vec<Document> = docs
            .into_iter()
            .enumerate()
            .map(|(k, text)| Document {
                name: format!("d{k}.txt"),
                origin: Origin::Stdin,
                text: format!("تاريخ النشر: 12 آذار 2024\n{text}\n{text} 2023"),
                published: published
                    .and_then(|d| chrono::NaiveDate::from_num_days_from_ce_opt(730_000 + d as i32))
                    .map(|d| (d, claimcheck::input::PublishedSource::FrontMatter)),
                ignore_rules: Vec::new(),
            })
            .collect();
        let rules = claimcheck::check::load_rules(&[]).unwrap();
        let facts = docs.iter().map(|d| claimcheck::analyse(d, &Default::default())).collect();
        let mut report = claimcheck::check_documents(facts, &rules);
        report.read_snippets();
        for f in &report.findings {
            for l in &f.locations {
                let text = &docs[l.doc].text;
                prop_assert!(l.start <= l.end && l.end <= text.len());
                prop_assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end));
            }
        }
        let mut sink = Vec::new();
        claimcheck::report::render::human::write(&report, &mut sink, &Default::default()).unwrap();
        claimcheck::report::render::sarif::write(&report, &rules, &mut sink).unwrap();
        claimcheck::report::render::json::write(&report, &mut sink).unwrap();
    }

    #[test]
    fn arbitrary_bytes_are_read_or_rejected(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(text) = text_from_bytes(bytes) {
            check_spans(&text);
        }
    }
}

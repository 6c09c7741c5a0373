//! Extraction: from a document's indices to its claims, its date expressions and the
//! publication date it states. One candidate scan ([`candidates`]) feeds both
//! grammars; page chrome (related-headline lists that print each title twice) is left
//! out.

pub mod candidates;
pub mod claims;
pub mod dates;
pub mod publication;

pub use claims::{Claim, ClaimFlags, Extractor};
pub use dates::FoundDate;
pub use publication::Stated;

use crate::lexicon::Lexicon;
use crate::text::DocText;
use chrono::NaiveDate;

/// What one document states.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub dates: Vec<FoundDate>,
    /// The publication date the text states.
    pub stated: Option<(NaiveDate, Stated)>,
}

/// Claims and dates of one document, and its stated publication date.
pub fn extract(doc: &DocText) -> Extraction {
    let lex = Lexicon::default_lexicon();
    let found = candidates::Triggers::default_triggers().find(doc.text());
    let chrome = doubled_lines(doc.original);
    // Front matter is metadata, not the article: its date is read by `input`.
    let body = crate::text::front_matter_end(doc.original);
    let outside = |start: usize| start >= body && !chrome.iter().any(|&(s, e)| start >= s && start < e);
    let mut claims = Extractor::default_extractor().claims(doc, &found.claims);
    claims.retain(|c| outside(c.start));
    let mut dates = dates::find(lex, doc, &found.dates);
    dates.retain(|d| outside(d.start));
    claims.sort_by_key(|c| (c.start, c.end));
    // A year of a named event with a counted noun after it ("كأس العالم 2018 مشجعا")
    // is a count.
    dates.retain(|d| {
        let bare_year =
            matches!(d.expr, crate::parse::date::DateExpr::Year { .. }) && d.text.bytes().all(|b| b.is_ascii_digit());
        let k = claims.partition_point(|c| c.start < d.start);
        !(bare_year && claims.get(k).is_some_and(|c| c.start == d.start && c.noun.is_some()))
    });
    // "قبل سبعة أسابيع" is a date, not a count of weeks. (Dates are in text order and
    // do not overlap: the one that could hold a claim is the last to start before it.)
    // Nor is a number that a date reads ("عام ألفين وتسعة تغير": the year, not 2009 of
    // "تغير").
    claims.retain(|c| {
        let k = dates.partition_point(|d| d.start <= c.start);
        let Some(d) = k.checked_sub(1).map(|k| &dates[k]) else { return true };
        !(c.end <= d.end || d.norm.start <= c.number.start && c.number.end <= d.norm.end)
    });
    let stated = publication::publication_in_text(lex, doc, &dates);
    Extraction { claims, dates, stated }
}

/// Lines that print the same headline twice ("عنوان عنوان"), as scraped lists of
/// related articles do: page chrome, not the article. (start, end) in original bytes.
pub fn doubled_lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        // Long lines are prose, never a doubled title; this keeps the check linear.
        if t.len() <= 1200 {
            let n = t.chars().count();
            if n >= 21 {
                let mid = n / 2;
                let (lo, hi) = (mid - 2, (mid + 2).min(n - 1));
                let doubled = t
                    .char_indices()
                    .skip(lo)
                    .take(hi - lo + 1)
                    .any(|(at, c)| c == ' ' && t[..at].trim() == t[at..].trim());
                if doubled {
                    out.push((start, start + line.len()));
                }
            }
        }
        start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_headlines_are_chrome() {
        let text = "مقدمة الخبر هنا.\nعنوان خبر آخر عن 97 حالة عنوان خبر آخر عن 97 حالة\nنهاية";
        let spans = doubled_lines(text);
        assert_eq!(spans.len(), 1);
        assert!(text[spans[0].0..spans[0].1].starts_with("عنوان"));
        let doc = DocText::new(text);
        assert!(extract(&doc).claims.is_empty());
    }

    #[test]
    fn years_in_words_duals_of_scales_glued_nouns_and_decimal_commas() {
        let claims_and_dates = |text: &str| {
            let e = extract(&DocText::new(text));
            let claims: Vec<(String, f64)> = e.claims.iter().map(|c| (c.text.clone(), c.value)).collect();
            let dates: Vec<(String, DateExpr)> = e.dates.iter().map(|d| (d.text.clone(), d.expr.clone())).collect();
            (claims, dates)
        };
        use crate::parse::date::{DateExpr, MonthRef, YearRef};
        let day = |d, m, y| DateExpr::Day { day: d, month: MonthRef::Abs(m), year: y, modifier: None, weekday: None };
        // A year in words after a day and month, or after "عام", is the date's year,
        // and no count of what follows it.
        let (c, d) = claims_and_dates("ولد في الخامس من مايو ، ألفين وعشرين.");
        assert_eq!(c, []);
        assert_eq!(d, [("الخامس من مايو ، ألفين وعشرين".to_string(), day(5, 5, YearRef::Abs(2020)))]);
        let (c, d) = claims_and_dates("وفي عام ألفين وتسعة تغير كل شيء.");
        assert_eq!(c, []);
        assert_eq!(d, [("عام ألفين وتسعة".to_string(), DateExpr::Year { year: YearRef::Abs(2009), relative: None })]);
        // A dual of a scale takes what is smaller after it.
        let (c, _) = claims_and_dates("خصصت الحكومة مليونين وخمسمائة ألف دولار، وقتل ألفين وعشرين شخصا.");
        assert_eq!(
            c,
            [("مليونين وخمسمائة ألف دولار".to_string(), 2_500_000.0), ("ألفين وعشرين شخصا".to_string(), 2020.0)]
        );
        // Letters glued after the digits, a decimal comma in Arabic digits, a dotted date.
        let (c, d) = claims_and_dates("وكان على متنها 12مسافرًا، وبلغت نسبة المشاركة ٤٧،٥٪، وافتتح في 9. يونيو. 2020.");
        assert_eq!(c, [("12مسافرًا".to_string(), 12.0), ("٤٧،٥٪".to_string(), 47.5)]);
        assert_eq!(d, [("9. يونيو. 2020".to_string(), day(9, 6, YearRef::Abs(2020)))]);
        // A day and month in digits without a year, after a word that makes it a day;
        // a calibre and a name are none.
        let (_, d) = claims_and_dates("وصل الوفد يوم 17/09 إلى بغداد، بعد تدمير مدفع عيار 14/5 ولجنة هجمات 11/9.");
        assert_eq!(d, [("17/09".to_string(), day(17, 9, YearRef::Unknown))]);
        // A unit glued to the digits; "others" counts what the claim before counts.
        let (c, _) = claims_and_dates("ووصلت شحنة 3341طن من القمح. Two people were killed and 70 others were injured.");
        assert_eq!(
            c,
            [("3341طن".to_string(), 3341.0), ("Two people".to_string(), 2.0), ("70 others".to_string(), 70.0)]
        );
        let e = extract(&DocText::new("Two people were killed and 70 others were injured."));
        assert_eq!(e.claims[1].noun, e.claims[0].noun);
        // A weekday with "المقبل" points forward.
        let (_, d) = claims_and_dates("وقال إنه سيزور القاهرة الخميس المقبل.");
        assert_eq!(d, [("الخميس المقبل".to_string(), DateExpr::Weekday { weekday: 4, modifier: Some(1) })]);
    }

    #[test]
    fn a_number_glued_to_the_word_before_it_is_read_with_its_own_span() {
        let text = "ارتفعت حصيلة القتلى إلى870 قتيلا، وعثر على متنها48 راكبا.";
        let e = extract(&DocText::new(text));
        let got: Vec<(&str, f64)> = e.claims.iter().map(|c| (c.text.as_str(), c.value)).collect();
        assert_eq!(got, [("870 قتيلا", 870.0), ("48 راكبا", 48.0)]);
        let c = &e.claims[0];
        assert_eq!(&text[c.start..c.end], "870 قتيلا");
    }

    #[test]
    fn duals_by_shape_and_nouns_before_the_number() {
        let text = "رست سفينتين إيطاليتين، ووصل غواصان بريطانيان، وقال الرئيس بوتين إن قتيلين على الأقل سقطا.\n\
                    أصاب المرض 44 شخصا وقتل 15.\nارتفعت حصيلة القتلى إلى 25 في الهجوم.\nThe death toll rose to 3,115.";
        let e = extract(&DocText::new(text));
        let got: Vec<(&str, f64, &str, &str)> = e
            .claims
            .iter()
            .map(|c| (c.text.as_str(), c.value, c.bound.as_str(), c.noun.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            [
                ("سفينتين", 2.0, "exact", "سفينة"),
                ("غواصان", 2.0, "exact", "غواص"),
                ("قتيلين على الأقل", 2.0, "at_least", "قتيل"),
                ("44 شخصا", 44.0, "exact", "شخص"),
                ("15", 15.0, "exact", "قتيل"),
                ("25", 25.0, "exact", "قتيل"),
                ("3,115", 3115.0, "exact", "قتيل"),
            ]
        );
    }

    #[test]
    fn weekdays_and_relative_dates_are_not_counts() {
        let text =
            "بدأت الحكومة عملها يوم الاثنين من داخل المبنى، بعد احتجاج بدأ قبل سبعة أسابيع.\nوقتل اثنين من مقاتليه.";
        let e = extract(&DocText::new(text));
        let got: Vec<(&str, f64)> = e.claims.iter().map(|c| (c.text.as_str(), c.value)).collect();
        assert_eq!(got, [("اثنين من مقاتليه", 2.0)]);
        assert!(e.dates.iter().any(|d| d.text == "قبل سبعة أسابيع"), "{:?}", e.dates);
    }

    #[test]
    fn claims_dates_and_stated_date() {
        let text = "تاريخ النشر: 13 كانون الثاني 2024\nقال إن نحو ٦٥ ألف شخص نزحوا الأربعاء 12 من تشرين الثاني.";
        let doc = DocText::new(text);
        let e = extract(&doc);
        assert_eq!(e.claims.len(), 1);
        assert_eq!(e.claims[0].text, "نحو ٦٥ ألف شخص");
        assert_eq!(e.dates.len(), 2);
        assert_eq!(e.stated.map(|s| s.0.to_string()), Some("2024-01-13".into()));
    }
}

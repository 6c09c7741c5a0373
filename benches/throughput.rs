//! Extraction throughput on a deterministic generated corpus (≥ 20 MB of Arabic and
//! English news-like text), on one core, compared with `wc -w` on the same file.
//!
//! Run with `cargo bench --bench throughput`. Prints MB/s for normalisation plus claim
//! extraction, the claims found, and the peak resident memory of the process.
//! `CLAIMCHECK_BENCH_MB=N` sets the corpus size; `CLAIMCHECK_BENCH_DIR=DIR` also writes
//! the documents to DIR, for timing the whole `claimcheck check`.

use claimcheck::text::DocText;
use std::time::Instant;

const DEFAULT_MB: usize = 24;
const DOC_BYTES: usize = 6 * 1024;

/// Sentences in the styles of the fixtures; `{n}` is replaced by a number.
const TEMPLATES: &[&str] = &[
    "أعلنت المديرية أن فرق الإنقاذ أجلت نحو {n} شخص من القرى المتضررة خلال الأسبوع الماضي.",
    "وبحسب البيان، نفذت القوات أكثر من {n} عملية في ريف المحافظة منذ مطلع العام.",
    "وقال المتحدث إن عدد العائلات النازحة انخفض إلى {n} ألف عائلة فقط، مقارنة بالعام السابق.",
    "سجلت وزارة الصحة ٣٤ إصابة جديدة، ليرتفع العدد الإجمالي إلى {n} حالة.",
    "تم نشره الثلاثاء 14 من آذار 2023 الساعة 10:30 صباحًا — للتواصل: 0944123456",
    "وأسفر القصف عن مقتل خمسة مدنيين وإصابة {n} آخرين بجروح متفاوتة.",
    "The ministry said more than {n} families had been relocated since March 4, 2025.",
    "About {n} tonnes of wheat were delivered, roughly 62% of the planned volume.",
    "Officials counted between {n} and 90 damaged buildings in the district on Tuesday.",
    "اقرأ أيضاً: مشروع جديد لتأهيل {n} مدرسة في المنطقة الشرقية https://example.org/news/2024/123",
    "وتضم المحافظة ما يزيد على ١٢٠ ألف نسمة، بحسب إحصاء عام 2019.",
    "Read more | Share this article | © 2024 The Daily Example",
];

/// Sentences without figures: most of an article is prose, page chrome and quotes.
const PROSE: &[&str] = &[
    "وأكد المسؤول في تصريح صحفي أن الجهود متواصلة لإعادة الخدمات الأساسية إلى الأحياء المتضررة، داعيًا المنظمات الإنسانية إلى تكثيف دعمها للأسر.",
    "وشهدت المنطقة خلال الأيام الأخيرة توترًا أمنيًا متزايدًا، وسط مخاوف السكان من عودة الاشتباكات إلى محيط البلدات القريبة من خطوط التماس.",
    "ويرى مراقبون أن الاتفاق الأخير يفتح الباب أمام مرحلة جديدة من التعاون الإقليمي، رغم العقبات السياسية والاقتصادية التي ما زالت قائمة.",
    "الرئيسية | أخبار محلية | اقتصاد | رياضة | منوعات | اتصل بنا | سياسة الخصوصية",
    "The statement said relief convoys had reached several villages in the north, though access to the mountain roads remained difficult after the storms.",
    "Local officials urged residents to follow the guidance of the civil defence teams and to avoid the flooded areas until further notice.",
    "Analysts said the decision reflected growing pressure on the government to show progress before the next round of talks.",
    "وتابع أن المرحلة المقبلة تتطلب تنسيقًا أوسع بين الجهات المعنية، مشيرًا إلى أهمية إشراك المجتمعات المحلية في خطط التعافي وإعادة الإعمار.",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn corpus() -> Vec<String> {
    let mut rng = Lcg(42);
    let mut docs = Vec::new();
    let mut total = 0;
    // CLAIMCHECK_BENCH_MB makes a smaller corpus, for profiling.
    let mb = std::env::var("CLAIMCHECK_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_MB);
    while total < mb * 1024 * 1024 {
        let mut doc = String::with_capacity(DOC_BYTES + 256);
        while doc.len() < DOC_BYTES {
            // About one sentence in four carries figures, as in the fixture articles.
            if !rng.next().is_multiple_of(4) {
                doc.push_str(PROSE[(rng.next() % PROSE.len() as u64) as usize]);
                doc.push(' ');
                continue;
            }
            let t = TEMPLATES[(rng.next() % TEMPLATES.len() as u64) as usize];
            let n = (rng.next() % 5000 + 2).to_string();
            doc.push_str(&t.replace("{n}", &n));
            doc.push(if rng.next().is_multiple_of(3) { '\n' } else { ' ' });
        }
        total += doc.len();
        docs.push(doc);
    }
    docs
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
}

fn main() {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let mut best = f64::INFINITY;
    let mut claims = 0;
    for _ in 0..3 {
        let t = Instant::now();
        claims = 0;
        for d in &docs {
            claims += claimcheck::extract::extract(&DocText::new(d)).claims.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("corpus: {} documents, {:.1} MB (deterministic, seed 42)", docs.len(), mb);
    println!("extract (normalise + claims), 1 thread: {:.3} s = {:.0} MB/s, {} claims", best, mb / best, claims);

    let path = std::env::temp_dir().join(format!("claimcheck-bench-{}.txt", std::process::id()));
    if std::fs::write(&path, docs.concat()).is_ok() {
        let mut wc_best = f64::INFINITY;
        for _ in 0..3 {
            let t = Instant::now();
            let ok = std::process::Command::new("wc").arg("-w").arg(&path).output().is_ok_and(|o| o.status.success());
            if !ok {
                wc_best = f64::NAN;
                break;
            }
            wc_best = wc_best.min(t.elapsed().as_secs_f64());
        }
        println!("wc -w on the same file: {:.3} s = {:.0} MB/s", wc_best, mb / wc_best);
        let _ = std::fs::remove_file(&path);
    }
    // CLAIMCHECK_BENCH_DIR=DIR writes the documents there, one file each, to time the
    // whole `claimcheck check` on them.
    if let Ok(dir) = std::env::var("CLAIMCHECK_BENCH_DIR") {
        let dir = std::path::PathBuf::from(dir);
        if std::fs::create_dir_all(&dir).is_ok() {
            for (k, d) in docs.iter().enumerate() {
                let _ = std::fs::write(dir.join(format!("{k:05}.txt")), d);
            }
            println!("wrote {} documents to {}", docs.len(), dir.display());
        }
    }
    if let Some(kib) = peak_rss_kib() {
        println!("peak resident memory: {:.0} MiB (corpus held in memory)", kib as f64 / 1024.0);
    }
}

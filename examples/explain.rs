//! For developers: for every conflict and look-alike of a corpus's gold.yaml (or
//! expected.yaml), whether claimcheck takes the two claims for one quantity, and why
//! (descriptors, subject overlap, time relation). `cargo run --release --example explain -- DIR`.

use claimcheck::text::symbols::name;

fn show(docs: &[claimcheck::resolve::DocFacts], r: (usize, usize)) -> String {
    let c = &docs[r.0].claims[r.1];
    let d = &c.desc;
    let names = |v: &[u32]| v.iter().map(|s| name(*s).to_string()).collect::<Vec<_>>().join(",");
    format!(
        "{}:{} {:?} what={:?} people={} role={:?} near=[{}] scope=[{}] part={} source=[{}] status={:?} time={:?}/{:?}\n      subject=[{}]",
        docs[r.0].name.rsplit('/').next().unwrap(),
        c.text,
        c.value,
        d.what.map(|w| name(w).to_string()),
        d.people,
        d.role.map(|r| claimcheck::lexicon::describe::Describe::default_describe().role(r).id.clone()),
        names(d.near()),
        names(d.scope()),
        d.part,
        names(d.source()),
        d.status,
        c.time.as_ref().map(|t| t.to_string()),
        c.time_source,
        names(d.subject())
    )
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: cargo run --release --example explain -- CORPUS_DIR");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    let expected = claimcheck::gate::load_expected(&dir).unwrap();
    let (docs, _) = claimcheck::analyse_inputs(std::slice::from_ref(&dir), &claimcheck::Options::default()).unwrap();
    let report = claimcheck::check_documents(docs, &[]);
    let docs = &report.docs;
    let stories = claimcheck::check::stories::Stories::new(docs);
    let corpus = claimcheck::check::Corpus::with_stories(docs, stories);
    let find = |r: &claimcheck::gate::Ref| -> Option<(usize, usize)> {
        let d = docs.iter().position(|d| d.name.ends_with(&format!("/{}", r.doc)))?;
        let text = std::fs::read_to_string(dir.join(&r.doc)).ok()?;
        let at = text.match_indices(&r.text).nth(r.nth.unwrap_or(1) - 1)?.0;
        let end = at + r.text.len();
        let k = docs[d].claims.iter().position(|c| c.start < end && at < c.end)?;
        Some((d, k))
    };
    for (label, pairs) in [("CONFLICT", &expected.conflicts), ("CONSISTENT", &expected.consistent)] {
        for p in pairs.iter() {
            let (Some(a), Some(b)) = (find(&p.a), p.b.as_ref().and_then(find)) else { continue };
            let m = claimcheck::check::comparable::same_quantity(&corpus, a, b);
            let t = claimcheck::check::comparable::time_relation(corpus.claim(a), corpus.claim(b));
            let verdict = match &m {
                Ok(m) => format!(
                    "SAME {:?} subj={:.2} near_alike={:.2} clause_alike={:.2}",
                    m.strength, m.subject, m.near_alike, m.clause_alike
                ),
                Err(e) => format!("NOT {e:?}"),
            };
            let (ca, cb) = (corpus.claim(a), corpus.claim(b));
            let (win, _) =
                claimcheck::check::comparable::subject_overlap(&corpus, ca.desc.subject(), cb.desc.subject());
            let sa = claimcheck::check::comparable::support_in(&corpus, ca.desc.subject(), b.0);
            let sb = claimcheck::check::comparable::support_in(&corpus, cb.desc.subject(), a.0);
            eprintln!("{label} {verdict} time={t:?} story={:?} window={win:.2} support={sa:.2}/{sb:.2}\n  {}\n  {}\n  why: {}", corpus.stories.similarity(a.0, b.0), show(docs, a), show(docs, b), p.why.chars().take(150).collect::<String>());
        }
    }
}

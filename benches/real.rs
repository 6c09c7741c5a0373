//! What users run, on real news, beside `wc -w` on the same text: `extract` on 10,000
//! real articles as one file, `check` of 10,000 and of all 30,023 (JSON Lines, gzip, as
//! shipped), with wall time and peak memory of each run, and a one-article draft
//! `--against` the 30k archive: first with a cold facts cache (a fresh `--cache-dir`),
//! then warm.
//!
//! Run with `cargo bench --bench real`. The corpus is `../shared/real/ant-2018.jsonl.gz`
//! beside the repository, or `CLAIMCHECK_REAL=FILE`; without it the bench says so and
//! stops. `CLAIMCHECK_BENCH_300K=1` also checks the corpus ten times over (ids varied).
//! `wc -w`, `extract` and the 10k and 30k checks run three times each, and the fastest
//! wall time (with the highest peak) is shown; the others run once.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Wall seconds and peak resident memory (MiB) of a child process.
///
/// The peak is the child's own high-water mark (`VmHWM` in `/proc/PID/status`), read
/// every few milliseconds until it exits: `wait4`'s `ru_maxrss` would also count the
/// memory of this process, whose address space a spawned child starts from.
fn run(what: &str, cmd: &mut Command) -> (f64, f64) {
    let (secs, mib) = measure(cmd);
    println!("{what:<48} {secs:>8.2} s {mib:>8.0} MiB");
    (secs, mib)
}

/// [`run`] `n` times in a row: the fastest wall time and the highest peak (a shared
/// VM's neighbours slow single runs by a third at times).
fn best_of(n: usize, what: &str, make: impl Fn() -> Command) -> (f64, f64) {
    let runs: Vec<(f64, f64)> = (0..n).map(|_| measure(&mut make())).collect();
    let secs = runs.iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
    let mib = runs.iter().map(|r| r.1).fold(0.0, f64::max);
    println!("{:<48} {secs:>8.2} s {mib:>8.0} MiB", format!("{what} (best of {n})"));
    (secs, mib)
}

fn measure(cmd: &mut Command) -> (f64, f64) {
    let t = Instant::now();
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
    let pid = child.id();
    let status_file = format!("/proc/{pid}/status");
    let mut peak_kib = 0u64;
    loop {
        // SAFETY: waitid on our own child with a zeroed siginfo; WNOWAIT leaves it to reap.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::waitid(libc::P_PID, pid, &mut info, libc::WEXITED | libc::WNOHANG | libc::WNOWAIT) };
        assert_eq!(r, 0, "waitid");
        // SAFETY: si_pid is set by waitid when a child has changed state, zero otherwise.
        if unsafe { info.si_pid() } != 0 {
            break;
        }
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            let hwm = status.lines().find_map(|l| l.strip_prefix("VmHWM:"));
            if let Some(kib) = hwm.and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok()) {
                peak_kib = peak_kib.max(kib);
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.wait().expect("wait");
    (t.elapsed().as_secs_f64(), peak_kib as f64 / 1024.0)
}

fn main() {
    let real = std::env::var_os("CLAIMCHECK_REAL")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real/ant-2018.jsonl.gz"));
    if !real.exists() {
        println!("no real corpus at {} (set CLAIMCHECK_REAL); nothing measured", real.display());
        return;
    }
    let bin = env!("CARGO_BIN_EXE_claimcheck");
    let dir = std::env::temp_dir().join(format!("claimcheck-bench-real-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // 10,000 articles: as one text file (for extract and wc -w) and as JSON Lines.
    let lines: Vec<String> = {
        let f = std::fs::File::open(&real).unwrap();
        let r = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(f));
        r.lines().map(|l| l.unwrap()).collect()
    };
    let text10k = dir.join("ant10k.txt");
    let jsonl10k = dir.join("ant10k.jsonl");
    {
        let mut t = std::io::BufWriter::new(std::fs::File::create(&text10k).unwrap());
        let mut j = std::io::BufWriter::new(std::fs::File::create(&jsonl10k).unwrap());
        for l in lines.iter().take(10_000) {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            writeln!(t, "{}\n\n{}\n", v["title"].as_str().unwrap_or(""), v["text"].as_str().unwrap_or("")).unwrap();
            writeln!(j, "{l}").unwrap();
        }
    }
    let mb = std::fs::metadata(&text10k).unwrap().len() as f64 / 1e6;
    println!("real corpus: {} articles; 10k as one file: {mb:.1} MB", lines.len());
    // The children's peak memory counts what they share of this process before exec.
    let first_line = lines[0].clone();
    drop(lines);
    let cmd = |program: &str, args: &[&str], file: &Path| {
        let mut c = Command::new(program);
        c.args(args).arg(file);
        c
    };
    let (wc, _) = best_of(3, "wc -w, 10k articles as one file", || cmd("wc", &["-w"], &text10k));
    let (ex, _) = best_of(3, "claimcheck extract, same file", || cmd(bin, &["extract"], &text10k));
    println!("  extract / wc -w = {:.2}x ({:.1} MB/s)", ex / wc, mb / ex);
    let json = ["check", "--format", "json"];
    let (c10, _) = best_of(3, "claimcheck check, 10k (.jsonl)", || cmd(bin, &json, &jsonl10k));
    let (c30, _) = best_of(3, "claimcheck check, 30,023 (.jsonl.gz)", || cmd(bin, &json, &real));
    println!("  30k / 10k = {:.2}x", c30 / c10);
    // A one-article draft against the archive.
    let draft = dir.join("draft.txt");
    let first: serde_json::Value = serde_json::from_str(&first_line).unwrap();
    std::fs::write(
        &draft,
        format!(
            "---\npublished: {}\n---\n{}\n\n{}\n",
            first["published"].as_str().unwrap_or("2018-01-01"),
            first["title"].as_str().unwrap_or(""),
            first["text"].as_str().unwrap_or("")
        ),
    )
    .unwrap();
    let cache = dir.join("cache");
    let _ = std::fs::remove_dir_all(&cache);
    let against = |label: &str| {
        run(
            label,
            Command::new(bin)
                .args(["check", "--format", "json"])
                .arg(&draft)
                .arg("--against")
                .arg(&real)
                .arg("--cache-dir")
                .arg(&cache),
        )
    };
    against("draft --against the 30k archive, cold cache");
    against("draft --against the 30k archive, warm cache");
    against("draft --against the 30k archive, warm cache (again)");
    // One article on one line of 10 MiB: time linear in its length, memory bounded.
    let line = dir.join("one-line.txt");
    let sentence = "قتل 12 شخصا في الهجوم يوم الأربعاء 12 من تشرين الثاني وأصيب أكثر من 40 آخرين. ";
    std::fs::write(&line, format!("عنوان\n\n{}\n", sentence.repeat((10 << 20) / sentence.len()))).unwrap();
    run("claimcheck check, one 10 MiB line", Command::new(bin).args(["check", "--format", "json"]).arg(&line));
    if std::env::var_os("CLAIMCHECK_BENCH_300K").is_some() {
        let f = std::fs::File::open(&real).unwrap();
        let r = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(f));
        let lines: Vec<String> = r.lines().map(|l| l.unwrap()).collect();
        let big = dir.join("ant300k.jsonl");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        for k in 0..10 {
            for l in &lines {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                let id = format!("{}-{k}", v["id"]);
                v["id"] = serde_json::Value::String(id);
                writeln!(w, "{v}").unwrap();
            }
        }
        drop(w);
        run("claimcheck check, 300k (.jsonl)", Command::new(bin).args(["check", "--format", "json"]).arg(&big));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

//! CLI tests as folders: each `tests/cmd/*.trycmd` runs `claimcheck` commands in a
//! copy of its `*.in` folder and compares what they print and their exit codes (and,
//! where there is a `*.out` folder, the files they leave). `TRYCMD=overwrite cargo test
//! --test cmd` rewrites the expected output after a deliberate change.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.trycmd");
}

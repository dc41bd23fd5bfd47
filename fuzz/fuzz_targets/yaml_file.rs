//! (a) One YAML program file, any bytes, through load, validate, schedule and the
//! renderers: never a panic, a hang or unbounded memory.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milepost::source::Memory;

fuzz_target!(|data: &[u8]| {
    let source = Memory::new()
        .with("milepost.toml", milepost_fuzz::CONFIG)
        .with("sites.yaml", milepost_fuzz::SITES)
        .with("plan.yaml", data);
    milepost_fuzz::run(&source, milepost_fuzz::today());
});

//! (b) Any bytes as milepost.toml, with a small program using two calendars, through
//! load, validate, schedule and the renderers.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milepost::source::Memory;

fuzz_target!(|data: &[u8]| {
    let source = Memory::new()
        .with("milepost.toml", data)
        .with("sites.yaml", milepost_fuzz::SITES)
        .with("plan.yaml", milepost_fuzz::PLAN);
    milepost_fuzz::run(&source, milepost_fuzz::today());
});

//! (c) A whole generated program (random DAG, relation types, lags, calendars, date
//! bounds, progress) through schedule, checking the scheduler's invariants (SPEC §2).
#![no_main]
use libfuzzer_sys::fuzz_target;
use milepost_fuzz::generate::Spec;

fuzz_target!(|spec: Spec| {
    milepost_fuzz::invariants::check(&spec);
});

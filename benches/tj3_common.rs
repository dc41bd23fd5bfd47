// The TaskJuggler cross-check's program model, generator, writers and runners, shared
// by tests/taskjuggler.rs and the benchmark generator (benches/generate.rs) with
// `include!`. The mapping of SPEC §2 boundaries onto tj3 instants is explained at the
// top of tests/taskjuggler.rs.

// ---------------------------------------------------------------------------------------
// Program model shared by generator, writers and hand-written cases
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rel {
    Fs,
    Ss,
}

#[derive(Clone, Debug)]
struct Dep {
    pred: usize,
    rel: Rel,
    lag: u32,
    /// How the dependency is spelled in YAML (0..4), to exercise every accepted form.
    form: u8,
}

#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub(crate) id: String,
    duration: u32,
    deps: Vec<Dep>,
    /// Index into `Program::files`.
    file: usize,
    /// Optional `cluster:` (index into `CLUSTERS`) or `site:` (index into `SITES`).
    place: Option<Place>,
    /// Write `duration: 0` explicitly (otherwise a milestone omits it: 0 is the default).
    explicit_zero: bool,
    /// `calendar: elapsed` (every day works; tj3 `duration`/`gapduration`), else the
    /// program calendar (tj3 `length`/`gaplength`).
    elapsed: bool,
}

#[derive(Clone, Copy, Debug)]
enum Place {
    Cluster(usize),
    Site(usize),
}

#[derive(Clone, Debug)]
pub(crate) struct Program {
    name: String,
    pub(crate) start: NaiveDate,
    holidays: Vec<NaiveDate>,
    pub(crate) items: Vec<Item>,
    /// Relative paths of the YAML program files.
    files: Vec<String>,
    /// Whether to write `sites.yaml` with `SITES`/`CLUSTERS` (needed if any item has a place).
    with_sites: bool,
}

const SITES: &[&str] = &["dfw1", "phx2", "tpe1"];
const CLUSTERS: &[(&str, usize)] = &[
    ("dfw1-h200", 0),
    ("dfw1-gb200", 0),
    ("phx2-h100", 1),
    ("tpe1-b200", 2),
    ("tpe1-gb300", 2),
];

// ---------------------------------------------------------------------------------------
// Calendar and the SPEC §2 reference model
// ---------------------------------------------------------------------------------------

struct Calendar {
    holidays: HashSet<NaiveDate>,
    /// SPEC's built-in `elapsed` calendar: every day works, no holidays.
    elapsed: bool,
    /// Working days from day 0 on, extended on demand.
    days: Vec<NaiveDate>,
}

impl Calendar {
    fn new(start: NaiveDate, holidays: &[NaiveDate]) -> Self {
        Self::with_days(start, holidays, false)
    }

    fn new_elapsed(start: NaiveDate) -> Self {
        Self::with_days(start, &[], true)
    }

    fn with_days(start: NaiveDate, holidays: &[NaiveDate], elapsed: bool) -> Self {
        let mut cal = Calendar {
            holidays: holidays.iter().copied().collect(),
            elapsed,
            days: Vec::new(),
        };
        let day0 = cal.working_on_or_after(start);
        cal.days.push(day0);
        cal
    }

    fn is_working(&self, d: NaiveDate) -> bool {
        self.elapsed
            || (!matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
                && !self.holidays.contains(&d))
    }

    fn working_on_or_after(&self, mut d: NaiveDate) -> NaiveDate {
        while !self.is_working(d) {
            d = d + Days::new(1);
        }
        d
    }

    fn working_after(&self, d: NaiveDate) -> NaiveDate {
        self.working_on_or_after(d + Days::new(1))
    }

    /// Date of working day `k` (k >= 0).
    fn day(&mut self, k: u32) -> NaiveDate {
        while self.days.len() <= k as usize {
            let last = *self.days.last().unwrap();
            let next = self.working_after(last);
            self.days.push(next);
        }
        self.days[k as usize]
    }

    /// How many working days (from day 0) fall on or before `d`: the index of the first
    /// working day after `d`.
    fn index_after(&mut self, d: NaiveDate) -> u32 {
        while *self.days.last().unwrap() <= d {
            let next = self.working_after(*self.days.last().unwrap());
            self.days.push(next);
        }
        self.days.partition_point(|&x| x <= d) as u32
    }

    /// The index of the first working day on or after `d`.
    fn index_on_or_after(&mut self, d: NaiveDate) -> u32 {
        self.index_after(d - Days::new(1))
    }
}

/// The program calendar and the `elapsed` calendar, indexed by `Item::elapsed`.
fn calendars(p: &Program) -> [Calendar; 2] {
    [
        Calendar::new(p.start, &p.holidays),
        Calendar::new_elapsed(p.start),
    ]
}

/// SPEC §2 forward pass for this subset (all not_started, today = program start, the
/// program calendar and `elapsed`, FS/SS with lag >= 0), in boundaries of each item's own
/// calendar. Returns (s, f) per item.
fn spec_model(p: &Program, cals: &mut [Calendar; 2]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(p.items.len());
    for it in &p.items {
        // program start bound (and "not before today", the same day): a task may start
        // at boundary 0, a milestone no earlier than boundary 1 (dated day 0).
        let mut s = if it.duration == 0 { 1 } else { 0 };
        for d in &it.deps {
            let carried = carry(p, cals, &out, d, it.elapsed);
            s = s.max(carried + d.lag);
        }
        out.push((s, s + it.duration));
    }
    out
}

/// SPEC §2 "Relations": the predecessor's boundary carried into the successor's calendar
/// (the identity when both use the same one). A finish (FS), or a milestone event's start,
/// carries to the first working day after its dated day; a task's start (SS) to the first
/// working day on or after its first day.
fn carry(p: &Program, cals: &mut [Calendar; 2], out: &[(u32, u32)], d: &Dep, elapsed: bool) -> u32 {
    let pred = &p.items[d.pred];
    let (ps, pf) = out[d.pred];
    let from = &mut cals[usize::from(pred.elapsed)];
    let (date, on_or_after) = if d.rel == Rel::Ss && pred.duration > 0 {
        (from.day(ps), true)
    } else {
        (from.day(pf - 1), false)
    };
    let to = &mut cals[usize::from(elapsed)];
    if on_or_after {
        to.index_on_or_after(date)
    } else {
        to.index_after(date)
    }
}

/// Shown (start, finish) dates for boundaries (s, f) under SPEC §2.
fn shown_dates(cal: &mut Calendar, s: u32, f: u32) -> (NaiveDate, NaiveDate) {
    if f == s {
        let d = cal.day(s - 1);
        (d, d)
    } else {
        (cal.day(s), cal.day(f - 1))
    }
}

// ---------------------------------------------------------------------------------------
// Random program generator (seeded; the test kit's splitmix64)
// ---------------------------------------------------------------------------------------

use milepost::testkit::Rng;

const PREFIXES: &[&str] = &[
    "po", "ship", "dock", "rack", "power", "cool", "net", "optics", "burnin", "accept",
];

/// A random valid program with `n` items. Items are built as "workstreams" (runs of
/// 10-40 consecutive items that mostly depend on each other) plus cross-stream links to
/// arbitrary earlier items, which keeps the critical path at a realistic couple of years.
pub(crate) fn generate(seed: u64, n: usize, start: NaiveDate, extra_holidays: &[NaiveDate]) -> Program {
    let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x6D69_6C65_706F_7374);

    // ~9 weekday holidays a year for five years, plus a couple before the start (ignored).
    let mut holidays: BTreeSet<NaiveDate> = extra_holidays.iter().copied().collect();
    let first = start - Days::new(60);
    for _ in 0..47 {
        let d = first + Days::new(rng.index(5 * 365 + 60) as u64);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            holidays.insert(d);
        }
    }

    let nfiles = 5 + rng.index(4);
    let files: Vec<String> = (0..nfiles)
        .map(|k| match k % 3 {
            0 => format!("streams/stream-{k:02}.yaml"),
            1 => format!("streams/nested/part-{k:02}.yml"),
            _ => format!("program-{k:02}.yaml"),
        })
        .collect();

    let mut items: Vec<Item> = Vec::with_capacity(n);
    let mut stream_start = 0usize;
    let mut stream_len = 0usize;
    let mut stream_file = 0usize;
    for i in 0..n {
        if i - stream_start >= stream_len {
            stream_start = i;
            stream_len = 10 + rng.index(30);
            stream_file = rng.index(nfiles);
        }
        let in_stream = i - stream_start;
        let milestone = in_stream > 0 && rng.percent(15);
        let duration = if milestone { 0 } else { rng.range(1, 15) };
        let ndeps = if i == 0 {
            0
        } else if in_stream == 0 {
            // a new stream hangs off the program start or off something earlier
            if rng.percent(40) { 0 } else { 1 }
        } else if milestone {
            1 + rng.index(3)
        } else if rng.percent(5) {
            0
        } else {
            1 + rng.index(3)
        };
        let mut deps: Vec<Dep> = Vec::new();
        for _ in 0..ndeps {
            let pred = if in_stream > 0 && rng.percent(85) {
                // inside the stream, mostly near the end of it
                let window = in_stream.min(8);
                i - 1 - rng.index(window)
            } else {
                rng.index(i)
            };
            if deps.iter().any(|d| d.pred == pred) {
                continue;
            }
            let rel = if rng.percent(30) { Rel::Ss } else { Rel::Fs };
            let lag = if rng.percent(55) { 0 } else { rng.range(1, 10) };
            let form = rng.index(4) as u8;
            deps.push(Dep {
                pred,
                rel,
                lag,
                form,
            });
        }
        let prefix = PREFIXES[rng.index(PREFIXES.len())];
        let id = match rng.index(3) {
            0 => format!("{prefix}-{i:05}"),
            1 => format!("s{}.{prefix}-{i}", stream_start),
            _ => format!("{prefix}_{i}"),
        };
        let place = match rng.index(6) {
            0 => Some(Place::Site(rng.index(SITES.len()))),
            1 | 2 => Some(Place::Cluster(rng.index(CLUSTERS.len()))),
            _ => None,
        };
        // a few items land in a random file rather than their stream's
        let file = if rng.percent(10) {
            rng.index(nfiles)
        } else {
            stream_file
        };
        items.push(Item {
            id,
            duration,
            deps,
            file,
            place,
            explicit_zero: rng.percent(50),
            elapsed: false,
        });
    }
    Program {
        name: format!("tj3 cross-check seed {seed}"),
        start,
        holidays: holidays.into_iter().collect(),
        items,
        files,
        with_sites: true,
    }
}

/// Moves about `percent`% of the items onto the `elapsed` calendar (freight, burn-in),
/// keeping the graph except where tj3 cannot express SPEC §2: an SS relation from a task
/// on the program calendar into an elapsed item becomes FS. tj3 measures `onstart` from
/// the task's start *instant*, which is its predecessor's end (17:00 on a Friday, say),
/// not its first working hour (Monday 09:00); an elapsed successor counts the weekend in
/// between, where SPEC §2 carries the start to the first day the task works.
pub(crate) fn with_elapsed(mut p: Program, seed: u64, percent: u64) -> Program {
    let mut rng = Rng(seed ^ 0x656C_6170_7365_6421);
    for i in 0..p.items.len() {
        if !rng.percent(percent) {
            continue;
        }
        p.items[i].elapsed = true;
        let mut deps = std::mem::take(&mut p.items[i].deps);
        for d in &mut deps {
            let pred = &p.items[d.pred];
            if d.rel == Rel::Ss && pred.duration > 0 && !pred.elapsed {
                d.rel = Rel::Fs;
            }
        }
        p.items[i].deps = deps;
    }
    p.name.push_str(" with elapsed items");
    p
}

// ---------------------------------------------------------------------------------------
// Writers: milepost program directory and .tjp
// ---------------------------------------------------------------------------------------

pub(crate) fn write_milepost(p: &Program, dir: &Path) {
    let mut toml = String::new();
    writeln!(
        toml,
        "[program]\nname = \"{}\"\nstart = {}\n",
        p.name, p.start
    )
    .unwrap();
    let hol: Vec<String> = p.holidays.iter().map(|d| d.to_string()).collect();
    writeln!(toml, "[calendar]\nholidays = [{}]", hol.join(", ")).unwrap();
    fs::write(dir.join("milepost.toml"), toml).unwrap();

    if p.with_sites {
        let mut y = String::from("sites:\n");
        for s in SITES {
            writeln!(y, "  - id: {s}\n    name: Site {s}").unwrap();
        }
        y.push_str("clusters:\n");
        for (c, s) in CLUSTERS {
            writeln!(
                y,
                "  - id: {c}\n    site: {}\n    gpus: 1024\n    lifecycle: deploying",
                SITES[*s]
            )
            .unwrap();
        }
        fs::write(dir.join("sites.yaml"), y).unwrap();
    }

    let mut bodies: Vec<String> = vec![String::from("milestones:\n"); p.files.len()];
    for it in &p.items {
        let y = &mut bodies[it.file];
        writeln!(y, "  - id: {}", it.id).unwrap();
        if it.duration > 0 || it.explicit_zero {
            writeln!(y, "    duration: {}", it.duration).unwrap();
        }
        if it.elapsed {
            y.push_str("    calendar: elapsed\n");
        }
        match it.place {
            Some(Place::Cluster(c)) => writeln!(y, "    cluster: {}", CLUSTERS[c].0).unwrap(),
            Some(Place::Site(s)) => writeln!(y, "    site: {}", SITES[s]).unwrap(),
            None => {}
        }
        if it.deps.is_empty() {
            continue;
        }
        y.push_str("    depends_on:\n");
        for d in &it.deps {
            let pid = &p.items[d.pred].id;
            let line = match (d.rel, d.lag, d.form) {
                (Rel::Fs, 0, 0 | 1) => pid.clone(),
                (Rel::Fs, 0, 2) => format!("{{ id: {pid} }}"),
                (Rel::Fs, lag, 0 | 2) => format!("{{ id: {pid}, lag: {lag} }}"),
                (Rel::Fs, lag, _) => format!("{{ id: {pid}, type: fs, lag: {lag} }}"),
                (Rel::Ss, 0, 0) => format!("{{ id: {pid}, type: SS }}"),
                (Rel::Ss, lag, 1) => format!("{{ id: {pid}, type: ss, lag: {lag} }}"),
                (Rel::Ss, lag, _) => format!("{{ id: {pid}, type: SS, lag: {lag} }}"),
            };
            writeln!(y, "      - {line}").unwrap();
        }
    }
    for (path, body) in p.files.iter().zip(bodies) {
        let full = dir.join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, body).unwrap();
    }
}

pub(crate) fn write_tjp(p: &Program, end: NaiveDate) -> String {
    let mut t = String::new();
    let span = (end - p.start).num_days();
    writeln!(
        t,
        "project cc \"{}\" {} +{span}d {{\n  timezone \"UTC\"\n  now {}\n}}",
        p.name, p.start, p.start
    )
    .unwrap();
    for (k, h) in p.holidays.iter().enumerate() {
        writeln!(t, "leaves holiday \"h{k}\" {h}").unwrap();
    }
    // SPEC's program-start bound for milestones (boundary >= 1) in each calendar: the end
    // of day 0 (program calendar: 17:00 on its first working day; elapsed: midnight after
    // the start day). See the file comment.
    t.push_str("task floor \"milestone floor\" { length 1d }\n");
    t.push_str("task efloor \"elapsed milestone floor\" { duration 1d }\n");
    for (i, it) in p.items.iter().enumerate() {
        write!(t, "task t{i} \"{}\" {{", it.id).unwrap();
        let mut deps: Vec<String> = Vec::new();
        if it.duration == 0 {
            deps.push(if it.elapsed { "efloor" } else { "floor" }.to_string());
        }
        for d in &it.deps {
            let mut attrs: Vec<String> = Vec::new();
            // SS from a milestone is FS (its start is its finish); see the file comment.
            if d.rel == Rel::Ss && p.items[d.pred].duration > 0 {
                attrs.push("onstart".into());
            }
            // Lags count in the successor's calendar (SPEC §2).
            if d.lag > 0 {
                let gap = if it.elapsed { "gapduration" } else { "gaplength" };
                attrs.push(format!("{gap} {}d", d.lag));
            }
            if attrs.is_empty() {
                deps.push(format!("t{}", d.pred));
            } else {
                deps.push(format!("t{} {{ {} }}", d.pred, attrs.join(" ")));
            }
        }
        if it.duration == 0 {
            t.push_str(" milestone");
        }
        if !deps.is_empty() {
            write!(t, " depends {}", deps.join(", ")).unwrap();
        }
        if it.duration > 0 {
            let span = if it.elapsed { "duration" } else { "length" };
            write!(t, " {span} {}d", it.duration).unwrap();
        }
        t.push_str(" }\n");
    }
    t.push_str(
        "taskreport dates \"dates\" {\n  formats csv\n  columns id, start, end\n  \
         timeformat \"%Y-%m-%d %H:%M\"\n}\n",
    );
    t
}

// ---------------------------------------------------------------------------------------
// Running the tools
// ---------------------------------------------------------------------------------------

pub(crate) fn tj3_available() -> bool {
    match StdCommand::new("tj3").arg("--version").output() {
        Ok(out) => out.status.success(),
        Err(_) => false,
    }
}

fn skip_tj3() {
    eprintln!("skipping TaskJuggler cross-check: tj3 not installed (apt-get install tj3)");
}

/// A tj3 instant as the boundary of a calendar: the number of its working days (from day
/// 0) whose 17:00 has passed. Instants are only ever 17:00 (a working task's end, and
/// everything carried from it) or 00:00 (the project start, and elapsed time counted
/// from it); anything else is rejected.
fn instant_boundary(cal: &mut Calendar, s: &str) -> u32 {
    let (d, t) = s
        .split_once(' ')
        .unwrap_or_else(|| panic!("tj3 time `{s}` is not `%Y-%m-%d %H:%M`"));
    let date =
        NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|e| panic!("tj3 date `{d}`: {e}"));
    match t {
        "17:00" => cal.index_after(date),
        "00:00" => cal.index_on_or_after(date),
        _ => panic!("tj3 instant `{s}` is neither 00:00 nor 17:00"),
    }
}

/// Runs tj3 on the program and maps its CSV report onto shown (start, finish) dates per
/// item index, with the rules in the file comment.
pub(crate) fn run_tj3(p: &Program, end: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("program.tjp"), write_tjp(p, end)).unwrap();
    let out = StdCommand::new("tj3")
        .args(["--silent", "--no-color", "program.tjp"])
        .current_dir(tmp.path())
        .output()
        .expect("run tj3");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() || stderr.contains("Error") || stderr.contains("Warning") {
        let kept = tmp.keep();
        panic!(
            "tj3 failed ({}), input kept in {}:\n{}\n{}",
            out.status,
            kept.display(),
            String::from_utf8_lossy(&out.stdout),
            stderr
        );
    }
    let csv = fs::read_to_string(tmp.path().join("dates.csv")).expect("tj3 wrote dates.csv");
    let mut cals = calendars(p);
    let mut got: Vec<Option<(NaiveDate, NaiveDate)>> = vec![None; p.items.len()];
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(r#""Id";"Start";"End""#),
        "tj3 CSV header"
    );
    for line in lines {
        let cols: Vec<&str> = line.split(';').map(|c| c.trim_matches('"')).collect();
        assert_eq!(cols.len(), 3, "tj3 CSV line `{line}`");
        if cols[0] == "floor" || cols[0] == "efloor" {
            continue;
        }
        let idx: usize = cols[0]
            .strip_prefix('t')
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("unexpected tj3 task id `{}`", cols[0]));
        let it = &p.items[idx];
        let cal = &mut cals[usize::from(it.elapsed)];
        let s = instant_boundary(cal, cols[1]);
        let f = instant_boundary(cal, cols[2]);
        assert!(
            f == s + it.duration && f >= 1,
            "{} (d={}) spans tj3 instants {} .. {}: boundaries {s} .. {f}",
            it.id,
            it.duration,
            cols[1],
            cols[2]
        );
        got[idx] = Some(shown_dates(cal, s, f));
    }
    got.into_iter()
        .enumerate()
        .map(|(i, d)| d.unwrap_or_else(|| panic!("tj3 report lacks t{i} ({})", p.items[i].id)))
        .collect()
}

fn describe(p: &Program, i: usize) -> String {
    let it = &p.items[i];
    let deps: Vec<String> = it
        .deps
        .iter()
        .map(|d| {
            let r = if d.rel == Rel::Ss { "SS" } else { "FS" };
            format!("{} {r}+{}", p.items[d.pred].id, d.lag)
        })
        .collect();
    let cal = if it.elapsed { ", elapsed" } else { "" };
    format!("{} (d={}{cal}, deps=[{}])", it.id, it.duration, deps.join(", "))
}

/// Compares two date lists; returns a report of the first ten differences, or None.
pub(crate) fn diff(
    p: &Program,
    a_name: &str,
    a: &[(NaiveDate, NaiveDate)],
    b_name: &str,
    b: &[(NaiveDate, NaiveDate)],
    model: Option<&[(NaiveDate, NaiveDate)]>,
) -> Option<String> {
    let bad: Vec<usize> = (0..p.items.len()).filter(|&i| a[i] != b[i]).collect();
    if bad.is_empty() {
        return None;
    }
    let mut msg = format!(
        "{}: {} of {} items differ between {a_name} and {b_name}; first {}:\n",
        p.name,
        bad.len(),
        p.items.len(),
        bad.len().min(10)
    );
    for &i in bad.iter().take(10) {
        writeln!(msg, "  {}", describe(p, i)).unwrap();
        writeln!(msg, "    {a_name:>10}: {} .. {}", a[i].0, a[i].1).unwrap();
        writeln!(msg, "    {b_name:>10}: {} .. {}", b[i].0, b[i].1).unwrap();
        if let Some(model) = model {
            writeln!(
                msg,
                "    {:>10}: {} .. {}",
                "SPEC model", model[i].0, model[i].1
            )
            .unwrap();
        }
    }
    Some(msg)
}

/// Writes the program and its .tjp to a directory that outlives the test, for debugging.
fn keep_program(p: &Program, end: NaiveDate) -> PathBuf {
    let dir = tempfile::Builder::new()
        .prefix("milepost-tj3-")
        .tempdir()
        .unwrap()
        .keep();
    write_milepost(p, &dir);
    fs::write(dir.join("program.tjp"), write_tjp(p, end)).unwrap();
    dir
}

pub(crate) fn tj3_end(p: &Program, model: &[(NaiveDate, NaiveDate)]) -> NaiveDate {
    let last = model.iter().map(|d| d.1).max().unwrap_or(p.start);
    last.max(p.start) + Days::new(60)
}

pub(crate) fn model_dates(p: &Program) -> Vec<(NaiveDate, NaiveDate)> {
    let mut cals = calendars(p);
    let bounds = spec_model(p, &mut cals);
    bounds
        .into_iter()
        .zip(&p.items)
        .map(|((s, f), it)| shown_dates(&mut cals[usize::from(it.elapsed)], s, f))
        .collect()
}

// ---------------------------------------------------------------------------------------
// The random cross-check
// ---------------------------------------------------------------------------------------

pub(crate) fn ymd(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}


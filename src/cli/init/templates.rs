//! The files `milepost init` writes, with `{placeholders}` it fills in.

/// milepost.toml: `{name}` is a TOML string, `{start}` a date.
pub const CONFIG: &str = r#"#:schema ./{config_schema}
# milepost.toml marks the root of a milepost program: every *.yaml file below this
# directory (except hidden paths and `exclude` globs) is a program file.
# `milepost validate` checks them all; `milepost status` shows the schedule.

[program]
name = {name}
start = {start}                 # program start (a TOML date): working day 0
# timezone = "America/Los_Angeles" # the IANA zone that decides what "today" is; default UTC
# exclude = ["drafts/**"]          # paths below the root that are not program files
# finish_by = 2027-06-30           # a commitment: every item finishes by this day

[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri"]
holidays = []                      # days off for everyone, e.g. [2026-11-26, 2026-12-25]

# A regional calendar: work at sites with `region: tw` also skips these days.
# [calendar.regions.tw]
# holidays = [2027-02-16, 2027-02-17]
# inherit_holidays = false         # default true: the program's holidays count here too
# An item may name its calendar: `calendar: tw`, `calendar: program`, or
# `calendar: elapsed` (every day works: freight, burn-in).

[policy]
at_risk_days = 5                   # float to a commitment below this (working days) is at risk
fail_on = ["overdue"]              # what makes `milepost check` exit 1: overdue, slipping, at_risk, stale
"#;

/// sites.yaml.
pub const SITES: &str = r#"{modeline}
# Sites: the data centers of the program, owned or a partner's colocation space.
# Work at a site uses its region's calendar ([calendar.regions.X] in milepost.toml).
sites:
  - id: dc1
    name: Data center 1
    timezone: UTC           # the site's IANA timezone, e.g. America/Chicago
    country: US
    # region: us            # a [calendar.regions.us] key, for regional holidays
    # partner: colo-co      # a vendor id, when this is a partner's colocation site
    # power_mw: 20
"#;

/// clusters.yaml: `{ready}` is the committed ready date.
pub const CLUSTERS: &str = r#"{modeline}
# Clusters: the GPU clusters the program delivers, each at a site. `milepost clusters`
# compares each one's forecast ready date (its last milestone) with `ready_by`.
clusters:
  - id: dc1-gpu1
    site: dc1
    gpu: H200
    gpus: 512
    lifecycle: planned      # planned | procuring | deploying | production | retiring | retired
    ready_by: {ready}    # the committed production date
    # allocated_gpus: 0     # for utilisation
    # customer: acme-ai
"#;

/// vendors.yaml.
pub const VENDORS: &str = r#"{modeline}
# Vendors: suppliers and partners that milestones and partner sites refer to.
vendors:
  - id: oem
    name: Server OEM
    category: oem           # oem | network | optics | facility | power | cooling | colo | logistics | software | other
    lead_time_days: 45      # quoted lead time, calendar days
    # contact: "TAM: name@example.com"
    # contract: MSA-0000
"#;

/// milestones/dc1-gpu1.yaml: `{ready}` is the committed handover date.
pub const MILESTONES: &str = r#"{modeline}
# The starting plan for dc1-gpu1: procure → deliver → install → accept → handover.
# `duration` is in working days (0, the default, makes a milestone event); `depends_on`
# lists predecessors, finish-to-start unless a `type` says otherwise. Record progress
# with `status: in_progress` + `started` (and a forecast: `expected_finish: DATE`, or
# `remaining: N` + `as_of: DATE`), then `status: done` + `finished`.
milestones:
  - id: dc1-gpu1-po
    name: Server purchase order placed
    cluster: dc1-gpu1
    vendor: oem
    owner: tpm
    kind: procurement
    duration: 5

  - id: dc1-gpu1-delivered
    name: Servers delivered to dc1
    cluster: dc1-gpu1
    vendor: oem
    owner: tpm
    kind: delivery
    duration: 30            # factory build, burn-in and freight
    depends_on: [dc1-gpu1-po]

  - id: dc1-gpu1-installed
    name: Racked, cabled and powered on
    cluster: dc1-gpu1
    owner: dc-ops
    kind: deployment
    duration: 10
    depends_on:
      - dc1-gpu1-delivered
      # - { id: dc1-power-ready, type: SS, lag: 2 }   # FS | SS | FF | SF; lag in working days

  - id: dc1-gpu1-accepted
    name: Acceptance tests passed
    cluster: dc1-gpu1
    owner: dc-ops
    kind: acceptance
    duration: 5
    depends_on: [dc1-gpu1-installed]

  - id: dc1-gpu1-handover
    name: Handover to production
    cluster: dc1-gpu1
    owner: tpm
    kind: handover          # no duration: a milestone event
    depends_on: [dc1-gpu1-accepted]
    due: {ready}         # committed: done by the end of this day
"#;

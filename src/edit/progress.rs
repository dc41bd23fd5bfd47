//! What each edit command means as key changes (SPEC §1 progress rules): `start`,
//! `done`, `forecast`, and `set`'s `KEY=VALUE` pairs read against the item's fields.
use chrono::NaiveDate;

use super::Op;
use super::scalar::Value;
use crate::load::raw::parse_date;
use crate::model::{Kind, Status};

/// What an edit command needs to know of an item.
#[derive(Clone, Debug)]
pub struct ItemNow {
    pub id: String,
    pub duration: i64,
    pub status: Status,
    pub started: Option<NaiveDate>,
    /// The schedule's start (for `done` on an item never started).
    pub scheduled_start: Option<NaiveDate>,
    /// For `done`: the start its duration implies for the finish day, in its calendar
    /// (used when the scheduled start is after the finish).
    pub implied_start: Option<NaiveDate>,
}

/// A command that cannot be carried out, and what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    pub message: String,
    pub hint: Option<String>,
}

fn reject(message: String, hint: Option<String>) -> Reject {
    Reject { message, hint }
}

/// Refuses a date after today for an actual (`started`, `finished`, `as_of`).
fn not_future(what: &str, date: NaiveDate, today: NaiveDate) -> Result<(), Reject> {
    if date > today {
        return Err(reject(
            format!("{what} {date} is after today ({today}): actual dates cannot be in the future"),
            Some("record it on the day, or pass --today when replaying".into()),
        ));
    }
    Ok(())
}

/// `milepost start`: in progress since `on`. An item already in progress is refused
/// unless `on` was given (to correct its start).
pub fn start(
    item: &ItemNow,
    on: NaiveDate,
    on_given: bool,
    today: NaiveDate,
) -> Result<Vec<Op>, Reject> {
    if item.duration == 0 {
        return Err(reject(
            format!(
                "`{}` is a milestone event (duration 0): an event happens on a day, it is never in progress",
                item.id
            ),
            Some(format!("record it with `milepost done {}`", item.id)),
        ));
    }
    if item.status == Status::Done {
        return Err(reject(
            format!("`{}` is already done", item.id),
            Some(format!(
                "to reopen it: milepost set {} status=in_progress finished=",
                item.id
            )),
        ));
    }
    if item.status == Status::InProgress && !on_given {
        let since = item
            .started
            .map(|d| format!(" since {d}"))
            .unwrap_or_default();
        return Err(reject(
            format!("`{}` is already in progress{since}", item.id),
            Some(format!(
                "to correct its start date: milepost start {} --on DATE",
                item.id
            )),
        ));
    }
    not_future("started", on, today)?;
    Ok(vec![
        Op::Set(
            "status",
            Some(Value::Word(Status::InProgress.as_str().into())),
        ),
        Op::Set("started", Some(Value::Date(on))),
    ])
}

/// `milepost done`: finished on `on`; `started` kept, or taken from the schedule (the
/// note says so) for a task never started; in-progress forecasts removed. An item
/// already done is refused unless `on` was given (to correct its finish).
pub fn done(
    item: &ItemNow,
    on: NaiveDate,
    on_given: bool,
    today: NaiveDate,
) -> Result<(Vec<Op>, Option<String>), Reject> {
    not_future("finished", on, today)?;
    if item.status == Status::Done && !on_given {
        return Err(reject(
            format!("`{}` is already done", item.id),
            Some(format!(
                "to correct its finish date: milepost done {} --on DATE",
                item.id
            )),
        ));
    }
    if let Some(started) = item.started
        && started > on
    {
        return Err(reject(
            format!("`{}` started on {started}, after {on}", item.id),
            Some("give the finish date with --on DATE".into()),
        ));
    }
    let mut ops = vec![
        Op::Set("status", Some(Value::Word(Status::Done.as_str().into()))),
        Op::Set("finished", Some(Value::Date(on))),
    ];
    let mut note = None;
    if item.duration > 0 && item.started.is_none() {
        let (started, from) = match item.scheduled_start {
            Some(s) if s <= on => (s, "the schedule's start".to_string()),
            _ => (
                item.implied_start.unwrap_or(on).min(on),
                format!(
                    "its duration ({} working days) back from the finish",
                    item.duration
                ),
            ),
        };
        ops.push(Op::Set("started", Some(Value::Date(started))));
        note = Some(format!(
            "`{}` was not started: started {started} is {from}; correct it with `milepost set {} started=DATE`",
            item.id, item.id
        ));
    }
    for key in ["expected_finish", "remaining", "as_of"] {
        ops.push(Op::Set(key, None));
    }
    Ok((ops, note))
}

/// The forecast `milepost forecast` records.
#[derive(Clone, Copy, Debug)]
pub enum Forecast {
    /// `--finish DATE`: the last working day.
    Finish(NaiveDate),
    /// `--remaining N --as-of DATE`.
    Remaining(i64, NaiveDate),
}

/// `milepost forecast`: one forecast form set, the other removed.
pub fn forecast(item: &ItemNow, forecast: Forecast, today: NaiveDate) -> Result<Vec<Op>, Reject> {
    if item.status != Status::InProgress {
        return Err(reject(
            format!(
                "`{}` is {}: a forecast is recorded for work in progress",
                item.id,
                item.status.words()
            ),
            Some(format!("start it first: milepost start {}", item.id)),
        ));
    }
    Ok(match forecast {
        Forecast::Finish(date) => vec![
            Op::Set("expected_finish", Some(Value::Date(date))),
            Op::Set("remaining", None),
            Op::Set("as_of", None),
        ],
        Forecast::Remaining(days, as_of) => {
            not_future("as_of", as_of, today)?;
            if days < 1 {
                return Err(reject(
                    format!(
                        "--remaining {days}: at least 1 working day is left of work in progress"
                    ),
                    Some(format!("if it is finished: milepost done {}", item.id)),
                ));
            }
            vec![
                Op::Set("expected_finish", None),
                Op::Set("remaining", Some(Value::Int(days))),
                Op::Set("as_of", Some(Value::Date(as_of))),
            ]
        }
    })
}

/// How `set` reads a key's value.
#[derive(Clone, Copy)]
enum Type {
    Date,
    Count,
    Word,
    Text,
}

/// The keys `set` writes, with their types.
const SETTABLE: &[(&str, Type)] = &[
    ("name", Type::Text),
    ("cluster", Type::Word),
    ("site", Type::Word),
    ("vendor", Type::Word),
    ("owner", Type::Text),
    ("kind", Type::Word),
    ("calendar", Type::Word),
    ("duration", Type::Count),
    ("start_no_earlier", Type::Date),
    ("due", Type::Date),
    ("status", Type::Word),
    ("started", Type::Date),
    ("finished", Type::Date),
    ("expected_finish", Type::Date),
    ("remaining", Type::Count),
    ("as_of", Type::Date),
    ("notes", Type::Text),
];

/// Reads `KEY=VALUE` (or `KEY=` to remove the key) for `milepost set`.
pub fn set_pair(pair: &str) -> Result<Op, Reject> {
    let Some((key, value)) = pair.split_once('=') else {
        return Err(reject(
            format!("`{pair}` is not KEY=VALUE"),
            Some("e.g. due=2027-03-01, owner=\"Lee H.\", or notes= to remove a key".into()),
        ));
    };
    let key = key.trim();
    let Some(&(key, kind)) = SETTABLE.iter().find(|(k, _)| *k == key) else {
        return Err(unsettable(key));
    };
    if value.is_empty() {
        return Ok(Op::Set(key, None));
    }
    let value = match kind {
        Type::Date => {
            Value::Date(parse_date(value).map_err(|e| reject(format!("{key}: {e}"), None))?)
        }
        Type::Count => Value::Int(value.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(
            || {
                reject(
                    format!("{key}: expected a whole number of working days, found `{value}`"),
                    None,
                )
            },
        )?),
        Type::Word => Value::Word(word(key, value)?),
        Type::Text => Value::Text(value.to_string()),
    };
    Ok(Op::Set(key, Some(value)))
}

/// An id or vocabulary value, checked when the key has a closed set of names.
fn word(key: &str, value: &str) -> Result<String, Reject> {
    let checked = match key {
        "status" => value.parse::<Status>().map(|s| s.as_str().to_string()),
        "kind" => value.parse::<Kind>().map(|k| k.as_str().to_string()),
        _ => Ok(value.to_string()),
    };
    checked.map_err(|message| reject(format!("{key}: {message}"), None))
}

fn unsettable(key: &str) -> Reject {
    let hint = match key {
        "id" => "an id is how other items and files refer to the item: rename it by hand (and every reference)".to_string(),
        "depends_on" => "use `milepost link ID --after PRED` and `milepost unlink ID PRED`".to_string(),
        "links" | "duration_range" => format!("`{key}` is a list: edit it in the file"),
        _ => {
            let keys: Vec<&str> = SETTABLE.iter().map(|(k, _)| *k).collect();
            match crate::load::de::did_you_mean(key, &keys) {
                Some(best) => format!("did you mean `{best}`? keys: {}", keys.join(", ")),
                None => format!("keys: {}", keys.join(", ")),
            }
        }
    };
    reject(
        format!("`{key}` cannot be set with milepost set"),
        Some(hint),
    )
}

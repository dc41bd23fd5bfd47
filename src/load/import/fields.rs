//! The MSPDI custom task fields milepost writes (`export --format mspdi`) and reads back
//! (`import`): each is a Microsoft Project field (Text1, Number1…) with an alias that
//! says what it holds. The importer finds them by alias, so a plan that names its own
//! custom field "Owner" is read the same way.

/// One custom task field: its MSPDI field id, Project's name for it, and milepost's alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub id: u32,
    pub name: &'static str,
    pub alias: &'static str,
}

/// `milepost:<id>` (a milestone), `milepost:site:<id>`, `milepost:cluster:<id>`.
pub const MILEPOST_ID: Field = Field {
    id: 188_743_731,
    name: "Text1",
    alias: "milepost id",
};
/// The owner (free text).
pub const OWNER: Field = Field {
    id: 188_743_734,
    name: "Text2",
    alias: "Owner",
};
/// The vendor's id.
pub const VENDOR: Field = Field {
    id: 188_743_737,
    name: "Text3",
    alias: "Vendor",
};
/// The vendor's name.
pub const VENDOR_NAME: Field = Field {
    id: 188_743_740,
    name: "Text4",
    alias: "Vendor name",
};
/// The milestone kind (`delivery`, `facility`…).
pub const KIND: Field = Field {
    id: 188_743_743,
    name: "Text5",
    alias: "Kind",
};
/// The planned duration in working days, where the task's Duration shows its actual or
/// forecast one instead (progress).
pub const PLANNED_DURATION: Field = Field {
    id: 188_743_767,
    name: "Number1",
    alias: "Planned duration (days)",
};
/// An in-progress item's recorded forecast finish, where it has passed (a stale item:
/// its Finish shows the forecast milepost schedules, no earlier than today).
pub const RECORDED_FINISH: Field = Field {
    id: 188_743_733,
    name: "Finish1",
    alias: "Recorded forecast finish",
};

/// Every field, in the order the export defines them.
pub const ALL: [Field; 7] = [
    MILEPOST_ID,
    OWNER,
    VENDOR,
    VENDOR_NAME,
    KIND,
    PLANNED_DURATION,
    RECORDED_FINISH,
];

/// What `milepost id` values start with.
pub const ID_PREFIX: &str = "milepost:";

/// Working minutes in a day, as the export writes durations and lags (8 h).
pub const MINUTES_PER_DAY: i64 = 480;

//! Plans from other tools, read into milepost's file format: Microsoft Project XML
//! (MSPDI) and a documented CSV column set.
pub mod fields;

//! Calendar dates (`YYYY-MM-DD`): the date whose rules apply to an assessment.
//!
//! A date is all the tool needs of time, so it carries its own small type rather than a
//! time-zone-aware library: no clock is read except through [`Date::today`].

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::said::{Said, say};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, Said> {
        let bad = || say("value.not-a-date", &[("text", text)]);
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(bad());
        };
        Date::new(y, m, d).ok_or_else(|| say("value.not-in-calendar", &[("text", text)]))
    }

    /// The date `days` days after 1970-01-01 (negative: before it).
    pub fn from_unix_days(days: i64) -> Self {
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_unix_days`]).
    pub fn to_unix_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_unix_days((secs / 86_400) as i64)
    }

    pub fn year(&self) -> i32 {
        self.year
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Parsing inside the visitor lets the YAML reader put the error at the value's place.
        d.deserialize_str(DateVisitor)
    }
}

struct DateVisitor;

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&say("value.expecting-date", &[]).encode())
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
        Date::parse(v).map_err(|e| E::custom(e.encode()))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        assert_eq!(Date::parse("2026-11-26").unwrap().to_string(), "2026-11-26");
        assert!(Date::parse("2024-02-29").is_ok());
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-1-1",
            "26-11-2026",
            "today",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn converts_unix_days() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_454).to_string(), "2026-01-01");
        assert_eq!(Date::from_unix_days(20_453).to_string(), "2025-12-31");
        assert_eq!(Date::from_unix_days(-1).to_string(), "1969-12-31");
        for days in [-800_000, -1, 0, 59, 20_454, 2_932_896] {
            assert_eq!(Date::from_unix_days(days).to_unix_days(), days);
        }
    }

    #[test]
    fn orders_by_calendar() {
        assert!(Date::parse("2025-12-31").unwrap() < Date::parse("2026-01-01").unwrap());
    }
}

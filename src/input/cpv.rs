//! CPV codes (Common Procurement Vocabulary, Regulation (EC) No 213/2008): eight digits and an
//! optional check digit, as buyers and notices write them.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::said::{Said, say};

/// A CPV code: `77310000`, or `77310000-6` with its check digit, which is kept as given.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cpv {
    code: String,
    check: Option<u8>,
}

impl Cpv {
    /// Parses `NNNNNNNN` or `NNNNNNNN-C`, with white space around it allowed.
    pub fn parse(text: &str) -> Result<Self, Said> {
        let text = text.trim();
        let (code, check) = match text.split_once('-') {
            Some((code, check)) => (code.trim(), Some(check.trim())),
            None => (text, None),
        };
        if code.len() != 8 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(say("value.cpv-digits", &[("text", text)]));
        }
        let check = match check {
            None => None,
            Some(c) if c.len() == 1 && c.as_bytes()[0].is_ascii_digit() => {
                Some(c.as_bytes()[0] - b'0')
            }
            Some(_) => {
                return Err(say("value.cpv-check-digit", &[("text", text)]));
            }
        };
        Ok(Cpv {
            code: code.to_string(),
            check,
        })
    }

    /// The eight digits, without check digit.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Whether the code starts with `prefix` (a division such as `"45"`, or any longer prefix).
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.code.starts_with(prefix)
    }
}

impl fmt::Display for Cpv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.check {
            Some(c) => write!(f, "{}-{c}", self.code),
            None => f.write_str(&self.code),
        }
    }
}

impl Serialize for Cpv {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cpv {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CpvVisitor)
    }
}

struct CpvVisitor;

impl Visitor<'_> for CpvVisitor {
    type Value = Cpv;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&say("value.expecting-cpv", &[]).encode())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cpv, E> {
        Cpv::parse(v).map_err(|e| E::custom(e.encode()))
    }

    // YAML reads an unquoted 77310000 as a number. Eight digits are unambiguous; fewer mean a
    // leading zero was lost (03000000 read as 3000000), which must not pass silently.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cpv, E> {
        if (10_000_000..100_000_000).contains(&v) {
            Ok(Cpv {
                code: v.to_string(),
                check: None,
            })
        } else {
            Err(E::custom(
                say("value.cpv-number", &[("number", &v.to_string())]).encode(),
            ))
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cpv, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::custom(
                say("value.not-cpv", &[("text", &v.to_string())]).encode(),
            )),
        }
    }
}

impl JsonSchema for Cpv {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cpv".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{8}(-[0-9])?$",
            "description": "A CPV code: 8 digits, optionally followed by `-` and the check digit.",
            "examples": ["77310000", "77310000-6"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_eight_digits_with_or_without_check_digit() {
        assert_eq!(Cpv::parse("77313000").unwrap().to_string(), "77313000");
        let c = Cpv::parse(" 77310000-6 ").unwrap();
        assert_eq!(
            (c.code(), c.to_string().as_str()),
            ("77310000", "77310000-6")
        );
        assert!(c.starts_with("77"));
    }

    #[test]
    fn refuses_anything_else() {
        for bad in [
            "7731000",
            "773100000",
            "7731000a",
            "77310000-",
            "77310000-66",
            "",
        ] {
            assert!(Cpv::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_pass_only_with_eight_digits() {
        let ok: Vec<Cpv> = serde_yaml::from_str("[77313000, \"03000000-1\"]").unwrap();
        assert_eq!(ok[1].code(), "03000000");
        let err = serde_yaml::from_str::<Vec<Cpv>>("[3000000]").unwrap_err();
        assert!(err.to_string().contains("write it in quotes"), "{err}");
    }
}

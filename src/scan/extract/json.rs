//! The prose of an OCDS notice: every text field of the releases the input module reads (the
//! release's own, or a record's compiled release), each with its JSON path.

use serde_json::Value;

use crate::error::Diagnostic;
use crate::input::Source;
use crate::input::ocds::releases;

/// Fields that hold prose a buyer wrote.
const TEXT_KEYS: &[&str] = &[
    "title",
    "description",
    "awardCriteriaDetails",
    "eligibilityCriteria",
    "submissionMethodDetails",
    "procurementMethodDetails",
    "procurementMethodRationale",
    "periodRationale",
    "performanceTerms",
    "minimum",
];

/// Parts of a release that name organisations, not requirements.
const SKIPPED: &[&str] = &[
    "parties",
    "buyer",
    "tenderers",
    "suppliers",
    "procuringEntity",
];

/// One prose field of a notice.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Which of the releases read it belongs to (their order in [`releases`]).
    pub release: usize,
    /// Its JSON path in the file: `releases[0].tender.description`.
    pub path: String,
    pub text: String,
}

/// Every prose field, in document order.
pub fn text_fields(source: &Source) -> Result<Vec<Field>, Diagnostic> {
    let json: Value = serde_json::from_str(&source.text)
        .map_err(|e| Diagnostic::new(&source.name, e.to_string()))?;
    Ok(fields_of(&json))
}

/// The fields of release `release` alone.
pub fn of_release(fields: &[Field], release: usize) -> Vec<Field> {
    fields
        .iter()
        .filter(|f| f.release == release)
        .cloned()
        .collect()
}

/// Every prose field of the releases read from `json`.
pub fn fields_of(json: &Value) -> Vec<Field> {
    let chosen = releases(json).unwrap_or_default();
    let mut fields = Vec::new();
    walk(json, &mut String::new(), &chosen, None, &mut fields);
    fields
}

fn walk(
    value: &Value,
    path: &mut String,
    chosen: &[&Value],
    inside: Option<usize>,
    out: &mut Vec<Field>,
) {
    let inside = inside.or_else(|| chosen.iter().position(|r| std::ptr::eq(*r, value)));
    let len = path.len();
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if SKIPPED.contains(&key.as_str()) {
                    continue;
                }
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                match v {
                    Value::String(s) if !s.trim().is_empty() && is_prose(key, path) => {
                        if let Some(release) = inside {
                            out.push(Field {
                                release,
                                path: path.clone(),
                                text: s.clone(),
                            });
                        }
                    }
                    _ => walk(v, path, chosen, inside, out),
                }
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                walk(v, path, chosen, inside, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// A prose field: one of [`TEXT_KEYS`], or the name of an award or selection criterion.
fn is_prose(key: &str, path: &str) -> bool {
    TEXT_KEYS.contains(&key) || (key == "name" && path.to_ascii_lowercase().contains("criteria"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_of_the_chosen_release_with_paths() {
        let json = r#"{"ocid":"ocds-x-1","records":[{"ocid":"ocds-x-1",
            "releases":[{"ocid":"ocds-x-1","description":"old"}],
            "compiledRelease":{"ocid":"ocds-x-1","description":"Community benefits are included",
              "parties":[{"name":"Council","description":"not prose of the tender"}],
              "tender":{"id":"t1","title":"Care","lots":[{"id":"1","description":"Lot one"}],
                "awardCriteria":{"criteria":[{"name":"Price","weight":"100"}]},
                "status":"active"}}}]}"#;
        let source = Source::from_text("n.json", json);
        let fields = text_fields(&source).unwrap();
        let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "records[0].compiledRelease.description",
                "records[0].compiledRelease.tender.awardCriteria.criteria[0].name",
                "records[0].compiledRelease.tender.lots[0].description",
                "records[0].compiledRelease.tender.title",
            ]
        );
        assert_eq!(fields[0].text, "Community benefits are included");
        assert!(fields.iter().all(|f| f.release == 0));
    }
}

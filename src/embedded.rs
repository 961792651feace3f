//! The embedded YAML files as JSON, made by `build.rs`: the clause library and the data files
//! are read from JSON (several times faster than YAML) when the text asked for is exactly the
//! file compiled in. Anything else, a user's file or an override, is read as YAML.

include!(concat!(env!("OUT_DIR"), "/embedded_json.rs"));

/// The JSON form of an embedded file, if `text` is that file's text.
pub fn json(name: &str, text: &str) -> Option<&'static str> {
    let i = FILES.binary_search_by(|(n, ..)| (*n).cmp(name)).ok()?;
    let (_, yaml, json) = FILES[i];
    (yaml == text).then_some(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_reads_the_same_from_json_and_yaml() {
        assert!(
            FILES.len() > 60,
            "the clause library and data files are embedded"
        );
        for (name, yaml, json) in FILES {
            let from_yaml: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
            let from_json: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(from_yaml, from_json, "{name}");
        }
    }

    #[test]
    fn only_the_text_compiled_in_gets_its_json() {
        let (name, yaml, _) = FILES[0];
        assert!(json(name, yaml).is_some());
        assert!(json(name, &format!("{yaml}\n# edited")).is_none());
        assert!(json("<embedded>/nowhere.yaml", yaml).is_none());
    }
}

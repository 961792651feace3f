//! All YAML parsing: documents into typed values, serde errors into diagnostics that point at
//! the line and suggest a fix, and paths inside a document back to their line and column.
//!
//! Nothing else in the crate touches `serde_yaml`, so its quirks stay here: a stream with a
//! syntax error yields that error for ever, parse errors give byte positions in their text,
//! and serde's messages ("unknown field", "expected one of") need rewording for people who
//! have never seen a Rust type.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use super::source::{Source, line_column};
use crate::error::{Diagnostic, did_you_mean};
use crate::said::{Said, declared_language, say, say_with};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(&'static str),
    /// A key the user chose (a clause id under `clauses.params`).
    Name(String),
    Index(usize),
}

/// One value from a YAML stream: which document it came from, and which list item if the
/// document was a list.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub document: usize,
    pub item: Option<usize>,
    pub value: T,
}

/// Parses a source holding exactly one document into `T`. A file compiled into the binary is
/// read from its JSON form (see `crate::embedded`), with YAML as the fallback that can say
/// where a problem is.
pub fn parse_one<T: DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
    if let Some(json) = crate::embedded::json(&source.name, &source.text)
        && let Ok(value) = serde_json::from_str(json)
    {
        return Ok(value);
    }
    let mut values = parse_stream::<T>(source, false)?;
    match values.len() {
        1 => Ok(values.remove(0).value),
        0 => Err(empty(source)),
        n => Err(at_source(
            source,
            say("yaml.several-documents", &[("count", &n.to_string())]),
        )
        .help(say("yaml.several-documents.help", &[]))),
    }
}

/// Parses a source holding one value, a list of values, or several `---` documents.
pub fn parse_many<T: DeserializeOwned>(source: &Source) -> Result<Vec<Located<T>>, Diagnostic> {
    let values = parse_stream::<T>(source, true)?;
    if values.is_empty() {
        return Err(empty(source));
    }
    Ok(values)
}

/// At most this many problems are reported from one file in one run.
pub const MAX_PROBLEMS: usize = 20;

/// Parses like [`parse_many`], but where the file is bad, reports every problem that can be
/// found in one run instead of the first alone: the node of each problem is set aside (its
/// lines read as comments) and the file read again, up to [`MAX_PROBLEMS`]. A syntax error
/// stops the search, since nothing after it can be told apart, and so does a problem that
/// setting a node aside caused (a required key it held).
pub fn parse_many_reporting_all<T: DeserializeOwned>(
    source: &Source,
) -> Result<Vec<Located<T>>, Vec<Diagnostic>> {
    let first = match parse_many(source) {
        Ok(values) => return Ok(values),
        Err(d) => d,
    };
    let mut found = vec![first];
    // Text nested too deeply was refused before parsing, and parsing it again to look for more
    // problems would take the time the refusal saves.
    if check_flow_nesting(source).is_err() || syntax_error(&source.text) {
        return Err(found);
    }
    let mut text = source.text.clone();
    let mut set_aside_keys: Vec<String> = Vec::new();
    while found.len() < MAX_PROBLEMS {
        let Some(last) = found.last() else { break };
        // A missing key is reported at its mapping, which holds every other key: there is
        // no node to set aside, and serde names it only once the rest has been read.
        let missing = backquoted(&last.message.en)
            .first()
            .is_some_and(|k| last.message == say("yaml.missing-key", &[("key", k)]));
        let Some(line) = last.line.filter(|_| !missing) else {
            break;
        };
        let Some(keys) = set_aside(&mut text, line as usize) else {
            break;
        };
        set_aside_keys.extend(keys);
        if syntax_error(&text) {
            break;
        }
        let retry = Source::from_text(source.name.clone(), text.clone());
        let Err(next) = parse_stream::<T>(&retry, true) else {
            break;
        };
        let caused = next.line.is_none()
            || backquoted(&next.message.en)
                .iter()
                .any(|k| set_aside_keys.iter().any(|s| s == k));
        let again = found
            .iter()
            .any(|d| d.line == next.line && d.message == next.message);
        if caused || again {
            break;
        }
        found.push(next);
    }
    if found.len() == MAX_PROBLEMS {
        found.push(
            at_source(
                source,
                say("yaml.stopped", &[("count", &MAX_PROBLEMS.to_string())]),
            )
            .help(say("yaml.stopped.help", &[])),
        );
    }
    Err(found)
}

/// Whether the text is not well-formed YAML at all.
fn syntax_error(text: &str) -> bool {
    serde_yaml::Deserializer::from_str(text)
        .any(|d| <de::IgnoredAny as serde::Deserialize>::deserialize(d).is_err())
}

/// Turns the node that starts on `line` (1-based) into comments: the line and the lines below
/// it indented further (its children, the rest of its list item). Gives the keys set aside,
/// or `None` where there is nothing to set aside.
fn set_aside(text: &mut String, line: usize) -> Option<Vec<String>> {
    let lines: Vec<&str> = text.split('\n').collect();
    let start = line.checked_sub(1)?;
    let head = lines.get(start)?;
    if head.trim_start().is_empty() || head.trim_start().starts_with('#') {
        return None;
    }
    let indent = |l: &str| l.len() - l.trim_start().len();
    let depth = indent(head);
    let mut end = start + 1;
    while let Some(l) = lines.get(end) {
        let blank = l.trim().is_empty() || l.trim_start().starts_with('#');
        if !blank && (indent(l) <= depth || l.starts_with("---") || l.starts_with("...")) {
            break;
        }
        end += 1;
    }
    let key = |l: &str| {
        l.trim_start()
            .trim_start_matches("- ")
            .split_once(':')
            .map(|(k, _)| k.trim().to_string())
    };
    let keys = lines[start..end].iter().filter_map(|l| key(l)).collect();
    let out: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if (start..end).contains(&i) {
                format!("#{l}")
            } else {
                l.to_string()
            }
        })
        .collect();
    *text = out.join("\n");
    Some(keys)
}

fn empty(source: &Source) -> Diagnostic {
    at_source(source, say("yaml.empty", &[])).help(say("yaml.empty.help", &[]))
}

/// A problem with the whole of `source`, marked with the language the file declares.
fn at_source(source: &Source, message: Said) -> Diagnostic {
    Diagnostic::new(&source.name, message).in_file_language(declared_language(&source.text))
}

fn parse_stream<T: DeserializeOwned>(
    source: &Source,
    lists: bool,
) -> Result<Vec<Located<T>>, Diagnostic> {
    check_flow_nesting(source)?;
    let _budget = TextBudget::start(source.text.len());
    let mut out = Vec::new();
    for (document, deserializer) in serde_yaml::Deserializer::from_str(&source.text).enumerate() {
        let parsed = OneOrMany::<T> {
            lists,
            marker: std::marker::PhantomData,
        }
        .deserialize(deserializer);
        match parsed {
            Ok(OneOrManyValue::Nothing) => {}
            Ok(OneOrManyValue::One(value)) => out.push(Located {
                document,
                item: None,
                value,
            }),
            Ok(OneOrManyValue::Many(values)) => {
                out.extend(values.into_iter().enumerate().map(|(i, value)| Located {
                    document,
                    item: Some(i),
                    value,
                }))
            }
            // A broken stream yields its error for every following document: stop at the first.
            Err(e) => return Err(diagnostic(source, &e)),
        }
    }
    Ok(out)
}

/// After this many bad procurements in one file, [`parse_each`] reads no more of it.
pub const MAX_FAILURES_PER_FILE: usize = 100;

/// Parses every value of a source one at a time and hands each to `sink`, with its own error
/// when it is bad: one bad list item or document does not stop the others (for batch runs).
/// A syntax error ends the file, since nothing after it can be told apart; it is handed on as
/// the failure of the document where it stands.
pub fn parse_each<T: DeserializeOwned>(
    source: &Source,
    sink: &mut dyn FnMut(Located<Result<T, Diagnostic>>),
) {
    if let Err(d) = check_flow_nesting(source) {
        sink(Located {
            document: 0,
            item: None,
            value: Err(d),
        });
        return;
    }
    let _budget = TextBudget::start(source.text.len());
    // A syntax error ends what can be read: find it first, so that it is reported once, for
    // the document where it stands, and not as whatever type error it causes on the way.
    let broken = serde_yaml::Deserializer::from_str(&source.text)
        .enumerate()
        .find_map(|(document, d)| {
            <de::IgnoredAny as serde::Deserialize>::deserialize(d)
                .err()
                .map(|e| (document, diagnostic(source, &e)))
        });
    let mut documents = serde_yaml::Deserializer::from_str(&source.text).enumerate();
    // A document to read again, skipping the items already handed on.
    let mut resume: Option<(usize, usize)> = None;
    let mut last_error = None;
    let mut failures = 0;
    let mut any = false;
    loop {
        let (document, deserializer, skip) = match resume.take() {
            Some((document, skip)) => {
                documents = serde_yaml::Deserializer::from_str(&source.text).enumerate();
                match documents.nth(document) {
                    Some((_, d)) => (document, d, skip),
                    None => break,
                }
            }
            None => match documents.next() {
                Some((document, d)) => (document, d, 0),
                None => break,
            },
        };
        if let Some((at, d)) = &broken
            && document >= *at
        {
            any = true;
            sink(Located {
                document: *at,
                item: None,
                value: Err(d.clone()),
            });
            break;
        }
        let failed_item = std::cell::Cell::new(None);
        let result = EachItem::<T> {
            skip,
            document,
            failed_item: &failed_item,
            sink: &mut *sink,
            any: &mut any,
        }
        .deserialize(deserializer);
        let Err(e) = result else { continue };
        let d = diagnostic(source, &e);
        let key = (d.line, d.column, d.message.clone());
        let item = failed_item.get();
        if last_error.as_ref() == Some(&key) {
            // The same error again: a broken stream, which repeats it for ever.
            break;
        }
        last_error = Some(key);
        any = true;
        sink(Located {
            document,
            item,
            value: Err(d),
        });
        failures += 1;
        // An alias bomb spends the text budget, and every later item would fail on it; and
        // each failure reads the document again, so a file of thousands of bad items would
        // take the square of its size. Stop, saying so.
        if TextBudget::spent() || failures == MAX_FAILURES_PER_FILE {
            if !TextBudget::spent() {
                sink(Located {
                    document,
                    item: None,
                    value: Err(at_source(
                        source,
                        say(
                            "yaml.too-many-failures",
                            &[("count", &MAX_FAILURES_PER_FILE.to_string())],
                        ),
                    )
                    .help(say("yaml.too-many-failures.help", &[]))),
                });
            }
            break;
        }
        match item {
            // Read the rest of the list, past the bad item.
            Some(i) => resume = Some((document, i + 1)),
            // A whole document (or the stream) is bad: go on with the next document.
            None => resume = Some((document + 1, 0)),
        }
    }
    if !any {
        sink(Located {
            document: 0,
            item: None,
            value: Err(empty(source)),
        });
    }
}

/// Reads one document for [`parse_each`]: a mapping, or a list whose items from `skip` on are
/// handed to the sink as they are read.
struct EachItem<'a, 's, T> {
    skip: usize,
    document: usize,
    failed_item: &'a std::cell::Cell<Option<usize>>,
    sink: &'a mut (dyn FnMut(Located<Result<T, Diagnostic>>) + 's),
    any: &'a mut bool,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for EachItem<'_, '_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for EachItem<'_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping of keys, or a list of them")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
        *self.any = true;
        (self.sink)(Located {
            document: self.document,
            item: None,
            value: Ok(value),
        });
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while i < self.skip {
            if seq.next_element::<de::IgnoredAny>()?.is_none() {
                return Ok(());
            }
            i += 1;
        }
        loop {
            self.failed_item.set(Some(i));
            match seq.next_element::<T>()? {
                Some(value) => {
                    *self.any = true;
                    (self.sink)(Located {
                        document: self.document,
                        item: Some(i),
                        value: Ok(value),
                    });
                }
                None => {
                    self.failed_item.set(None);
                    return Ok(());
                }
            }
            i += 1;
        }
    }
}

enum OneOrManyValue<T> {
    Nothing,
    One(T),
    Many(Vec<T>),
}

struct OneOrMany<T> {
    lists: bool,
    marker: std::marker::PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for OneOrMany<T> {
    type Value = OneOrManyValue<T>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for OneOrMany<T> {
    type Value = OneOrManyValue<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.lists {
            "a mapping of keys, or a list of them"
        } else {
            "a mapping of keys"
        })
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OneOrManyValue::Nothing)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OneOrManyValue::Nothing)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(OneOrManyValue::One)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if !self.lists {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut values = Vec::new();
        while let Some(value) = seq.next_element()? {
            values.push(value);
        }
        Ok(OneOrManyValue::Many(values))
    }
}

/// Deeper than this, `[` and `{` nesting is refused before parsing.
const MAX_FLOW_DEPTH: usize = 256;

/// Refuses deeply nested flow collections (`[[[[…`) before the parser sees them: the YAML
/// scanner slows down with the square of their depth (100 000 levels take 20 seconds), while
/// no procurement or clause needs more than a few. Brackets inside quotes count too, which
/// only matters for text holding hundreds of unclosed brackets.
fn check_flow_nesting(source: &Source) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    for (at, c) in source.text.char_indices() {
        match c {
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    let (line, column) = line_column(&source.text, at);
                    return Err(too_deep(&source.name)
                        .in_file_language(declared_language(&source.text))
                        .at(line, column));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

thread_local! {
    /// Bytes of text a parse may still allocate; `None` outside a parse (no limit).
    static TEXT_BUDGET: Cell<Option<usize>> = const { Cell::new(None) };
    /// Whether the budget ran out during this parse.
    static TEXT_BUDGET_SPENT: Cell<bool> = const { Cell::new(false) };
}

/// Limits the text one parse may allocate to about twice its input. YAML aliases can repeat
/// a large string thousands of times ("alias bombs"): 2.6 MB of YAML would otherwise become
/// 20 GB of strings. Text fields charge the budget before they copy anything.
struct TextBudget;

impl TextBudget {
    fn start(input_len: usize) -> Self {
        TEXT_BUDGET.with(|b| b.set(Some(input_len.saturating_mul(2).max(1 << 20))));
        TEXT_BUDGET_SPENT.with(|s| s.set(false));
        TextBudget
    }

    fn charge(len: usize) -> bool {
        let ok = TEXT_BUDGET.with(|b| match b.get() {
            None => true,
            Some(left) if left >= len => {
                b.set(Some(left - len));
                true
            }
            Some(_) => false,
        });
        if !ok {
            TEXT_BUDGET_SPENT.with(|s| s.set(true));
        }
        ok
    }

    /// Whether a charge has failed: every later text of this parse would fail too.
    fn spent() -> bool {
        TEXT_BUDGET_SPENT.with(|s| s.get())
    }
}

impl Drop for TextBudget {
    fn drop(&mut self) {
        TEXT_BUDGET.with(|b| b.set(None));
        TEXT_BUDGET_SPENT.with(|s| s.set(false));
    }
}

/// A string read from YAML, charged to the parse's text budget.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.to_string())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(s)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        if TextBudget::charge(v.len()) {
            Ok(Text(v.to_string()))
        } else {
            Err(E::custom(say("yaml.alias-text", &[]).encode()))
        }
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "String".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

/// The line and column of the node at `path` in document `document`, if it exists.
pub fn locate(source: &Source, document: usize, path: &[Step]) -> Option<(usize, usize)> {
    let deserializer = serde_yaml::Deserializer::from_str(&source.text).nth(document)?;
    let err = Locator(path).deserialize(deserializer).err()?;
    (err.to_string().contains(Locator::FOUND))
        .then(|| err.location())
        .flatten()
        .map(|l| (l.line(), l.column()))
}

/// Walks to a path and fails there, so that `serde_yaml` reports the node's position.
struct Locator<'a>(&'a [Step]);

impl Locator<'_> {
    const FOUND: &'static str = "\u{0}found";
}

impl<'de> DeserializeSeed<'de> for Locator<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locator<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (key, rest) = match self.0.split_first() {
            Some((Step::Key(key), rest)) => (*key, rest),
            Some((Step::Name(key), rest)) => (key.as_str(), rest),
            _ => return Err(de::Error::custom(Self::FOUND)),
        };
        while let Some(k) = map.next_key::<serde_yaml::Value>()? {
            if k.as_str() == Some(key) {
                return map.next_value_seed(Locator(rest));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Step::Index(index), rest)) = self.0.split_first() else {
            return Err(de::Error::custom(Self::FOUND));
        };
        for _ in 0..*index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Locator(rest)).map(drop)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.scalar()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }
}

impl Locator<'_> {
    fn scalar<E: de::Error>(&self) -> Result<(), E> {
        if self.0.is_empty() {
            Err(E::custom(Self::FOUND))
        } else {
            Ok(())
        }
    }
}

/// Serialises a value to YAML (for `init` round trips and `clauses show`).
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("plain data always serialises to YAML")
}

/// The name of an enum value as written in YAML (`targeted-recruitment`).
pub fn name_of<T: serde::Serialize>(value: &T) -> String {
    match serde_yaml::to_value(value) {
        Ok(serde_yaml::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Rewords a `serde_yaml` error as a diagnostic with place, expectation and suggestion.
fn diagnostic(source: &Source, error: &serde_yaml::Error) -> Diagnostic {
    let full = error.to_string();
    let mut text = full.as_str();
    // serde_yaml appends " at line L column C" (or "at position N" for scanner errors).
    if let Some(i) = text.rfind(" at line ") {
        text = &text[..i];
    }
    let mut place = error.location().map(|l| (l.line(), l.column()));
    if let Some(i) = text.rfind(" at position ") {
        if let Ok(at) = text[i + " at position ".len()..].trim().parse::<usize>()
            && at <= source.text.len()
            && source.text.is_char_boundary(at)
        {
            place = Some(line_column(&source.text, at));
        }
        text = &text[..i];
    }
    // An unclosed quote is reported where the file ends; point at the quote that opened it.
    if let Some(rest) = full.split("while scanning a quoted scalar at line ").nth(1)
        && let Some((line, column)) = rest.split_once(" column ")
        && let (Ok(line), Ok(column)) = (
            line.trim().parse::<usize>(),
            column
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .trim()
                .parse::<usize>(),
        )
    {
        place = Some((line, column));
    }
    let (path, message) = split_path(text);
    let mut d = reword(&source.name, message).in_file_language(declared_language(&source.text));
    if let Some(path) = path {
        d.message = say_with(
            "yaml.at-path",
            &[
                ("message", &d.message),
                ("path", &Said::from(path.trim_start_matches('.'))),
            ],
        );
    }
    if let Some(key) = message
        .strip_prefix("duplicate field `")
        .and_then(|r| r.split('`').next())
        && let Some(second) = place.and_then(|(line, _)| second_key(&source.text, line, key))
    {
        place = Some(second);
    }
    // `{ amount: 1,5 MSEK }` on the line: the amount as written, and the number to write.
    if message.starts_with("unknown field `")
        && let Some((line, _)) = place
        && let Some(written) = source
            .text
            .lines()
            .nth(line - 1)
            .and_then(|l| l.split("amount:").nth(1))
            .map(|r| r.split(['}', '\n']).next().unwrap_or(r))
            .and_then(|r| r.rsplit_once(',').map(|(amount, _)| amount))
            .map(str::trim)
        && let Some(amount) = super::money::human_amount(written)
    {
        d.help = Some(Box::new(say(
            "yaml.amount-cut",
            &[
                ("written", written),
                ("amount", &super::validate::trim(amount)),
            ],
        )));
    }
    match place {
        Some((line, column)) => d.at(line, column),
        None => d,
    }
}

/// serde_yaml writes errors below the root as `path.to[1].node: message`.
fn split_path(text: &str) -> (Option<&str>, &str) {
    match text.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && path
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_-.[]".contains(c)) =>
        {
            (Some(path), rest)
        }
        _ => (None, text),
    }
}

/// The names in serde's "expected one of `a`, `b`" / "expected `a` or `b`" tails.
fn backquoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn reword(file: &str, message: &str) -> Diagnostic {
    let (head, expected) = match message.split_once(", expected ") {
        Some((h, e)) => (h, Some(e)),
        None => (message, None),
    };
    let named = |prefix: &str| head.strip_prefix(prefix).map(|r| r.trim_matches('`'));
    if let Some(key) = named("unknown field ") {
        let candidates = expected.map(backquoted).unwrap_or_default();
        let d = Diagnostic::new(file, say("yaml.unknown-key", &[("key", key)]));
        let d = match expected {
            Some(_) if !candidates.is_empty() => d.expected(one_of(&candidates)),
            _ => d.expected(say("yaml.no-keys-here", &[])),
        };
        // `{ amount: 1,5 MSEK }`: in braces a comma ends the value, and the rest reads as a key.
        if key.starts_with(|c: char| c.is_ascii_digit()) {
            return d.help(say("yaml.number-cut", &[]));
        }
        return match did_you_mean(key, candidates.iter().copied()) {
            Some(m) => d.help(say("yaml.did-you-mean", &[("name", m)])),
            None => d.help(say("yaml.unknown-key.help", &[])),
        };
    }
    if let Some(value) = named("unknown variant ") {
        let candidates = expected.map(backquoted).unwrap_or_default();
        let d = Diagnostic::new(file, say("yaml.unknown-value", &[("value", value)]))
            .expected(one_of(&candidates));
        // "se type": a line indented too far is read as the rest of the value above it.
        let first = value.split_whitespace().next().unwrap_or(value);
        if first != value && candidates.contains(&first) {
            return d.help(say("yaml.value-run-on", &[("value", first)]));
        }
        return match did_you_mean(value, candidates.iter().copied()) {
            Some(m) => d.help(say("yaml.did-you-mean", &[("name", m)])),
            None => d.help(say("yaml.unknown-value.help", &[])),
        };
    }
    if let Some(key) = named("missing field ") {
        return Diagnostic::new(file, say("yaml.missing-key", &[("key", key)]))
            .help(say("yaml.missing-key.help", &[("key", key)]));
    }
    if let Some(key) = named("duplicate field ") {
        return Diagnostic::new(file, say("yaml.duplicate-key", &[("key", key)]))
            .help(say("yaml.duplicate-key.help", &[]));
    }
    if let Some(found) = head.strip_prefix("invalid type: ") {
        let d = Diagnostic::new(
            file,
            say_with("yaml.wrong-kind", &[("found", &unexpected(found))]),
        );
        let d = match expected {
            Some(e) => d.expected(plain_expectation(e)),
            None => d,
        };
        // "1,5 MSEK" where a number belongs: say which number to write.
        let written = found
            .strip_prefix("string \"")
            .and_then(|r| r.strip_suffix('"'));
        return match (expected, written.and_then(super::money::human_amount)) {
            (Some("f64" | "f32"), Some(amount)) => d.help(say(
                "yaml.number-alone",
                &[
                    ("amount", &super::validate::trim(amount)),
                    ("written", written.unwrap_or_default()),
                ],
            )),
            _ => d,
        };
    }
    if let Some(found) = head.strip_prefix("invalid value: ") {
        let d = Diagnostic::new(file, say("yaml.invalid-value", &[("found", found)]));
        return match expected {
            Some(e) => d.expected(plain_expectation(e)),
            None => d,
        };
    }
    if head.contains("recursion limit exceeded") {
        return too_deep(file);
    }
    if head.contains("repetition limit exceeded") {
        return Diagnostic::new(file, say("yaml.alias-bomb", &[]))
            .help(say("yaml.alias-bomb.help", &[]));
    }
    if let Some((message, help)) = syntax(head) {
        return Diagnostic::new(file, message).help(help);
    }
    if head.contains("while scanning") || head.contains("while parsing") {
        // The scanner repeats the place inside its message; the diagnostic carries it already.
        let message = match (head.find(" at line "), head.find(", while ")) {
            (Some(at), Some(w)) if at < w => format!("{}{}", &head[..at], &head[w..]),
            _ => head.to_string(),
        };
        return Diagnostic::new(file, say("yaml.unreadable", &[("message", &message)]))
            .help(say("yaml.unreadable.help", &[]));
    }
    // Our own checks are already worded for people, in both languages.
    let d = Diagnostic::new(file, Said::decode(head));
    match expected {
        Some(e) => d.expected(plain_expectation(e)),
        None => d,
    }
}

/// The YAML syntax errors people make by hand, in plain words with the fix: serde_yaml's
/// scanner messages name parser states, not what to change.
fn syntax(head: &str) -> Option<(Said, Said)> {
    const KNOWN: [(&str, &str, &str); 6] = [
        (
            "mapping values are not allowed",
            "yaml.syntax.mapping-values",
            "yaml.syntax.mapping-values.help",
        ),
        (
            "did not find expected key",
            "yaml.syntax.indentation",
            "yaml.syntax.indentation.help",
        ),
        (
            "could not find expected ':'",
            "yaml.syntax.colon",
            "yaml.syntax.colon.help",
        ),
        (
            "found character that cannot start any token",
            "yaml.syntax.tab",
            "yaml.syntax.tab.help",
        ),
        (
            "while scanning a quoted scalar",
            "yaml.syntax.quote",
            "yaml.syntax.quote.help",
        ),
        (
            "did not find expected ',' or ']'",
            "yaml.syntax.bracket",
            "yaml.syntax.bracket.help",
        ),
    ];
    KNOWN
        .iter()
        .find(|(pattern, ..)| head.contains(pattern))
        .map(|&(_, message, help)| (say(message, &[]), say(help, &[])))
}

/// The nesting limit, reached in the scanner or before it.
fn too_deep(file: &str) -> Diagnostic {
    Diagnostic::new(file, say("yaml.too-deep", &[])).help(say("yaml.too-deep.help", &[]))
}

fn one_of(names: &[&str]) -> Said {
    let quoted = |n: &&str| format!("`{n}`");
    match names {
        [] => say("yaml.expected.nothing", &[]),
        [one] => Said::from(quoted(one)),
        _ => say(
            "yaml.expected.one-of",
            &[(
                "names",
                &names.iter().map(quoted).collect::<Vec<_>>().join(", "),
            )],
        ),
    }
}

/// What serde found, as it words it ("string \"1,5\"", "integer `5`"), in both languages.
fn unexpected(found: &str) -> Said {
    const KINDS: [(&str, &str); 6] = [
        ("string ", "yaml.found.string"),
        ("integer ", "yaml.found.integer"),
        ("floating point ", "yaml.found.float"),
        ("boolean ", "yaml.found.boolean"),
        ("sequence", "yaml.found.list"),
        ("map", "yaml.found.mapping"),
    ];
    KINDS
        .iter()
        .find_map(|&(prefix, key)| {
            let value = found.strip_prefix(prefix)?;
            Some(say(key, &[("value", value)]))
        })
        .unwrap_or_else(|| Said::from(found))
}

/// serde's expectations name Rust types; say what to write instead.
fn plain_expectation(expected: &str) -> Said {
    match expected {
        "f64" | "f32" => say("yaml.expected.number", &[]),
        "u8" | "u16" | "u32" | "u64" | "usize" => say("yaml.expected.count", &[]),
        "i32" | "i64" => say("yaml.expected.whole-number", &[]),
        "a boolean" => say("yaml.expected.boolean", &[]),
        "a sequence" => say("yaml.expected.list", &[]),
        e if e.starts_with("struct ") => say("yaml.expected.mapping", &[]),
        e => Said::decode(e),
    }
}

/// The second `key:` at or after `line`, for duplicate keys (serde reports the mapping).
fn second_key(text: &str, line: usize, key: &str) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (n, l) in text.lines().enumerate().skip(line - 1) {
        let trimmed = l.trim_start().trim_start_matches("- ");
        let rest = trimmed.strip_prefix(key).or_else(|| {
            trimmed
                .strip_prefix('{')
                .map(str::trim_start)
                .and_then(|t| t.strip_prefix(key))
        });
        if rest.is_some_and(|r| r.trim_start().starts_with(':')) {
            seen += 1;
            if seen == 2 {
                return Some((n + 1, l.len() - trimmed.len() + 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod embedded_tests {
    use super::*;
    use crate::library::{Clause, Localized};

    /// Every embedded clause and message catalogue reads the same from its JSON form as from
    /// its YAML, typed as the program reads it.
    #[test]
    fn json_and_yaml_give_the_same_values() {
        let mut clauses = 0;
        for (name, yaml, json) in crate::embedded::FILES {
            let source = Source::from_text(*name, *yaml);
            if name.starts_with("<embedded>/clauses/") {
                let from_yaml = parse_stream::<Clause>(&source, false)
                    .unwrap()
                    .remove(0)
                    .value;
                let from_json: Clause = serde_json::from_str(json).unwrap();
                assert_eq!(from_yaml, from_json, "{name}");
                clauses += 1;
            } else if name.ends_with("strings.yaml") || name.ends_with("messages.yaml") {
                type Catalogue = std::collections::BTreeMap<String, Localized>;
                let from_yaml = parse_stream::<Catalogue>(&source, false)
                    .unwrap()
                    .remove(0)
                    .value;
                let from_json: Catalogue = serde_json::from_str(json).unwrap();
                assert_eq!(from_yaml, from_json, "{name}");
            }
        }
        assert!(clauses >= 60, "only {clauses} clauses compared");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        title: String,
        kind: Option<Kind>,
        lots: Option<Vec<Lot>>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Lot {
        title: String,
        amount: Option<f64>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        Works,
        Services,
    }

    fn src(text: &str) -> Source {
        Source::from_text("t.yaml", text)
    }

    #[test]
    fn reads_one_a_list_or_several_documents() {
        let one = parse_many::<Item>(&src("title: a\n")).unwrap();
        assert_eq!(one.len(), 1);
        let list = parse_many::<Item>(&src("- title: a\n- title: b\n")).unwrap();
        assert_eq!(list[1].item, Some(1));
        let docs = parse_many::<Item>(&src("title: a\n---\n- title: b\n- title: c\n")).unwrap();
        assert_eq!(
            docs.iter()
                .map(|d| (d.document, d.item))
                .collect::<Vec<_>>(),
            [(0, None), (1, Some(0)), (1, Some(1))]
        );
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let d = parse_many::<Item>(&src("title: a\nkidn: works\n")).unwrap_err();
        assert_eq!(d.message.en, "unknown key `kidn`");
        assert_eq!((d.line, d.column), (Some(2), Some(1)));
        assert_eq!(
            d.help.as_ref().map(|h| h.en.as_str()),
            Some("did you mean `kind`?")
        );
    }

    #[test]
    fn unknown_values_get_a_suggestion_and_a_path() {
        let d = parse_many::<Item>(&src("title: a\nkind: wroks\n")).unwrap_err();
        assert_eq!(d.message.en, "unknown value `wroks` (at `kind`)");
        assert_eq!(
            d.expected.as_ref().map(|h| h.en.as_str()),
            Some("one of `works`, `services`")
        );
        assert_eq!(
            d.help.as_ref().map(|h| h.en.as_str()),
            Some("did you mean `works`?")
        );
        assert_eq!((d.line, d.column), (Some(2), Some(7)));
    }

    #[test]
    fn wrong_types_say_what_to_write() {
        let d = parse_many::<Item>(&src("title: a\nlots:\n  - title: x\n    amount: lots\n"))
            .unwrap_err();
        assert!(
            d.message.en.starts_with("wrong kind of value"),
            "{}",
            d.message
        );
        assert!(
            d.message.en.ends_with("(at `lots[0].amount`)"),
            "{}",
            d.message
        );
        assert_eq!(d.expected.as_ref().map(|h| h.en.as_str()), Some("a number"));
        assert_eq!(d.line, Some(4));
    }

    #[test]
    fn duplicate_keys_point_at_the_second() {
        let d = parse_many::<Item>(&src("title: a\nkind: works\ntitle: b\n")).unwrap_err();
        assert_eq!(d.message.en, "the key `title` appears twice");
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
    }

    /// Every syntax error a person makes by hand gets plain words and a fix, at its line.
    #[test]
    fn syntax_errors_say_what_to_change() {
        for (text, message, line) in [
            (
                "title: a\nauthority:\n  name: X\n kind: central\n",
                "the indentation does not match the lines around it",
                4,
            ),
            (
                "title: a\njurisdiction:se\ntype: services\n",
                "a key has no `: ` after it (a colon needs a space after it)",
                3,
            ),
            (
                "title: a\nauthority:\n\tname: X\n",
                "a character here cannot begin a value; a tab used for indentation is the usual cause",
                3,
            ),
            (
                "title: \"a\njurisdiction: se\n",
                "a quote is opened and not closed",
                1,
            ),
            (
                "title: a\n  jurisdiction: se\n",
                "a `key: value` stands where only a value can: the line is indented too far, or a value holds `: `",
                2,
            ),
        ] {
            let d = parse_many::<serde_yaml::Value>(&src(text)).unwrap_err();
            assert_eq!(d.message.en, message, "{text:?}");
            assert!(d.help.is_some(), "{text:?}");
            assert_eq!(d.line, Some(line), "{text:?}: {d}");
        }
    }

    #[test]
    fn syntax_errors_stop_the_stream_with_a_place() {
        let d = parse_many::<Item>(&src("title: a\n---\ntitle: [b\n---\ntitle: c\n")).unwrap_err();
        assert!(d.line.is_some(), "{d}");
    }

    #[test]
    fn empty_and_comment_only_files_are_empty() {
        for text in ["", "   \n", "# nothing\n", "---\n"] {
            let d = parse_many::<Item>(&src(text)).unwrap_err();
            assert_eq!(d.message.en, "the file holds nothing to read", "{text:?}");
        }
    }

    #[test]
    fn parse_one_refuses_lists_and_streams() {
        assert!(parse_one::<Item>(&src("- title: a\n")).is_err());
        assert!(parse_one::<Item>(&src("title: a\n---\ntitle: b\n")).is_err());
        assert_eq!(parse_one::<Item>(&src("title: a\n")).unwrap().title, "a");
    }

    #[test]
    fn locates_paths_inside_documents() {
        let s = src("title: a\n---\ntitle: b\nlots:\n  - title: x\n  - title: y\n    amount: 7\n");
        assert_eq!(
            locate(
                &s,
                1,
                &[Step::Key("lots"), Step::Index(1), Step::Key("amount")]
            ),
            Some((7, 13))
        );
        assert_eq!(
            locate(&s, 1, &[Step::Key("lots"), Step::Index(1)]),
            Some((6, 5))
        );
        assert_eq!(locate(&s, 0, &[Step::Key("title")]), Some((1, 8)));
        assert_eq!(locate(&s, 0, &[Step::Key("lots")]), None);
    }
}

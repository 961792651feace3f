//! Published notices in the Open Contracting Data Standard (OCDS): releases, records and their
//! packages, as Public Contracts Scotland, Contracts Finder, Find a Tender and Sell2Wales publish
//! them, mapped onto the same [`Procurement`] a YAML description gives.
//!
//! Publishers fill OCDS differently, so the notice is read as loose JSON and every field is
//! optional: what a notice lacks stays unknown, and nothing is invented. Where a field is
//! empty but the notice's prose states the fact (insurance cover, years of trading, no lots),
//! [`crate::scan::notice`] reads it, with the words it was read from.

use serde_json::Value;

use super::cpv::Cpv;
use super::date::Date;
use super::money::{Currency, Money, Vat};
use super::procurement::{
    Authority, Award, ContractType, Jurisdiction, JurisdictionFrom, Lot, Notice, Procurement,
    PublishedCriterion, Suitability,
};
use super::source::Source;
use crate::error::Diagnostic;
use crate::said::say;
use crate::scan::extract::{Extracted, json};

/// Publishers by ocid prefix, and the regime their notices follow.
const PUBLISHERS: &[(&str, &str, Jurisdiction)] = &[
    (
        "ocds-r6ebe6",
        "Public Contracts Scotland",
        Jurisdiction::Scotland,
    ),
    ("ocds-b5fd17", "Contracts Finder", Jurisdiction::England),
    ("ocds-h6vhtk", "Find a Tender", Jurisdiction::England),
    ("ocds-kuma6s", "Sell2Wales", Jurisdiction::Wales),
];

/// Publishers whose notices come from buyers anywhere in the UK: the buyer's address tells
/// Wales, Northern Ireland and Scotland from England.
const UK_WIDE: &[&str] = &["ocds-b5fd17", "ocds-h6vhtk"];

/// The regime a UK buyer's address points to: NUTS/ITL region codes (`UKL` Wales, `UKN`
/// Northern Ireland, `UKM` Scotland), region or country names, or a postcode area that lies
/// wholly in Wales or Northern Ireland.
fn regime_of_address(release: &Value) -> Option<(Jurisdiction, String)> {
    let buyer_id = text(release, &["buyer", "id"]);
    let buyer = release.get("parties")?.as_array()?.iter().find(|p| {
        roles(p).contains(&"buyer") || (buyer_id.is_some() && text(p, &["id"]) == buyer_id)
    })?;
    let address = buyer.get("address")?;
    let field = |key: &str| {
        text(address, &[key])
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    for key in ["region", "countryName"] {
        let Some(value) = field(key) else { continue };
        let upper = value.to_uppercase();
        let regime = if upper.starts_with("UKL") || upper == "WALES" || upper == "CYMRU" {
            Jurisdiction::Wales
        } else if upper.starts_with("UKN") || upper == "NORTHERN IRELAND" {
            Jurisdiction::NorthernIreland
        } else if upper.starts_with("UKM") || upper == "SCOTLAND" {
            Jurisdiction::Scotland
        } else {
            continue;
        };
        return Some((regime, format!("{key} {value}")));
    }
    let postcode = field("postalCode")?;
    let area: String = postcode
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_uppercase();
    let regime = match area.as_str() {
        "BT" => Jurisdiction::NorthernIreland,
        "CF" | "SA" | "NP" | "LL" | "LD" => Jurisdiction::Wales,
        _ => return None,
    };
    Some((regime, format!("postalCode {postcode}")))
}

/// Words in an award criterion's name that mark it as social (it is weighted as `social`).
const SOCIAL_CRITERIA: &[&str] = &[
    "community benefit",
    "social value",
    "fair work",
    "social",
    "sustainab",
    "samhällsnytta",
    "social hänsyn",
];

const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// Whether a source looks like JSON (and so like a notice rather than a YAML description).
pub fn looks_like_json(source: &Source) -> bool {
    source.text.trim_start().starts_with(['{', '['])
}

/// Every procurement in an OCDS release, record, or package of either.
pub fn load(
    source: &Source,
    jurisdiction: Option<Jurisdiction>,
) -> Result<Vec<Procurement>, Diagnostic> {
    load_each(source, jurisdiction)?.into_iter().collect()
}

/// Every release of a notice read on its own: the file fails as a whole only when it is not
/// OCDS JSON; a release that cannot be read fails alone.
pub fn load_each(
    source: &Source,
    jurisdiction: Option<Jurisdiction>,
) -> Result<Vec<Result<Procurement, Diagnostic>>, Diagnostic> {
    let json: Value = serde_json::from_str(&source.text).map_err(|e| {
        Diagnostic::new(
            &source.name,
            say("ocds.bad-json", &[("message", &strip_position(&e))]),
        )
        .at(e.line(), e.column())
        .expected(say("ocds.bad-json.expected", &[]))
        .help(say("ocds.bad-json.help", &[]))
    })?;
    let releases = releases(&json).ok_or_else(|| not_ocds(source))?;
    if releases.is_empty() {
        return Err(Diagnostic::new(&source.name, say("ocds.no-releases", &[])).at(1, 1));
    }
    // What the prose says where the structured fields are silent.
    let fields = json::fields_of(&json);
    Ok(releases
        .into_iter()
        .enumerate()
        .map(|(i, release)| {
            let mut p = procurement(source, release, jurisdiction)?;
            let prose = json::of_release(&fields, i);
            let doc = Extracted::from_fields(source.name.clone(), prose, Vec::new());
            crate::scan::notice::read(&doc, &mut p);
            Ok(p)
        })
        .collect())
}

fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn not_ocds(source: &Source) -> Diagnostic {
    Diagnostic::new(&source.name, say("ocds.not-ocds", &[]))
        .at(1, 1)
        .expected(say("ocds.not-ocds.expected", &[]))
        .help(say("ocds.not-ocds.help", &[]))
}

/// The releases to read: a release itself, a record's compiled release (or its newest
/// release), or every one in a package.
pub fn releases(json: &Value) -> Option<Vec<&Value>> {
    let object = json.as_object()?;
    if let Some(list) = object.get("releases").and_then(Value::as_array) {
        if object.contains_key("ocid") {
            // A record with releases but no compiled release: the newest release.
            return Some(newest(list).into_iter().collect());
        }
        return Some(list.iter().filter(|r| r.is_object()).collect());
    }
    if let Some(records) = object.get("records").and_then(Value::as_array) {
        return Some(records.iter().filter_map(record_release).collect());
    }
    if object.contains_key("compiledRelease") {
        return record_release(json).map(|r| vec![r]);
    }
    (object.contains_key("ocid") && (object.contains_key("tender") || object.contains_key("tag")))
        .then(|| vec![json])
}

fn record_release(record: &Value) -> Option<&Value> {
    record
        .get("compiledRelease")
        .filter(|r| r.is_object())
        .or_else(|| newest(record.get("releases")?.as_array()?))
}

fn newest(releases: &[Value]) -> Option<&Value> {
    releases
        .iter()
        .filter(|r| r.is_object())
        .max_by_key(|r| r.get("date").and_then(Value::as_str).unwrap_or(""))
}

fn text<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(v, |v, key| v.get(key))?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn procurement(
    source: &Source,
    release: &Value,
    option: Option<Jurisdiction>,
) -> Result<Procurement, Diagnostic> {
    let ocid = text(release, &["ocid"]).unwrap_or("").to_string();
    let publisher = PUBLISHERS
        .iter()
        .find(|(prefix, ..)| ocid.starts_with(prefix));
    let (jurisdiction, jurisdiction_from) = match (option, publisher) {
        (Some(j), _) => (j, JurisdictionFrom::Option),
        (None, Some((prefix, _, j))) => match regime_of_address(release) {
            Some((regime, address)) if UK_WIDE.contains(prefix) => (
                regime,
                JurisdictionFrom::BuyerAddress {
                    prefix: prefix.to_string(),
                    address,
                },
            ),
            _ => (
                *j,
                JurisdictionFrom::OcidPrefix {
                    prefix: prefix.to_string(),
                },
            ),
        },
        (None, None) => {
            let publishers = PUBLISHERS
                .iter()
                .map(|(p, name, _)| format!("{name} ({p})"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Diagnostic::new(
                &source.name,
                if ocid.is_empty() {
                    say("ocds.no-ocid", &[])
                } else {
                    say("ocds.unknown-ocid", &[("ocid", &ocid)])
                },
            )
            .expected(say(
                "ocds.unknown-ocid.expected",
                &[("publishers", &publishers)],
            ))
            .help(say("ocds.unknown-ocid.help", &[])));
        }
    };
    let empty = Value::Null;
    let tender = release.get("tender").unwrap_or(&empty);
    let lots = tender.get("lots").and_then(Value::as_array);
    let single_lot = lots.filter(|l| l.len() == 1).map(|l| &l[0]);

    let title = text(tender, &["title"])
        .or_else(|| text(release, &["title"]))
        .map_or_else(|| ocid.clone(), str::to_string);
    let description = [
        text(tender, &["description"]),
        text(release, &["description"]),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n\n");
    let buyer = text(release, &["buyer", "name"]).or_else(|| {
        release
            .get("parties")?
            .as_array()?
            .iter()
            .find(|p| roles(p).contains(&"buyer"))
            .and_then(|p| text(p, &["name"]))
    });
    let kind = match text(tender, &["mainProcurementCategory"]) {
        Some("goods") => Some(ContractType::Supplies),
        Some("services") => Some(ContractType::Services),
        Some("works") => Some(ContractType::Works),
        _ => None,
    };

    let lot_values: Option<Vec<Money>> =
        lots.and_then(|l| l.iter().map(|lot| money(lot.get("value"))).collect());
    let value = money(tender.get("value"))
        .or_else(|| {
            let values = lot_values.as_ref()?;
            let first = values.first()?;
            values
                .iter()
                .all(|v| v.currency == first.currency)
                .then(|| Money {
                    amount: values.iter().map(|v| v.amount).sum(),
                    ..*first
                })
        })
        .or_else(|| money(tender.get("minValue")));

    let divided = lots.map(|l| {
        if l.len() < 2 {
            Vec::new()
        } else {
            l.iter().map(|lot| map_lot(tender, lot)).collect()
        }
    });

    Ok(Procurement {
        schema: None,
        id: (!ocid.is_empty()).then(|| ocid.as_str().into()),
        title: title.into(),
        jurisdiction,
        language: None,
        date: text(release, &["date"]).and_then(|d| Date::parse(d.get(..10)?).ok()),
        authority: buyer.map(|name| Authority {
            name: name.into(),
            kind: None,
            region: None,
            school: false,
        }),
        kind,
        cpv: Some(cpv_codes(tender, None)).filter(|c| !c.is_empty()),
        value,
        labour_share: None,
        framework: tender
            .get("techniques")
            .and_then(|t| t.get("hasFrameworkAgreement"))
            .and_then(Value::as_bool),
        duration_months: duration(tender.get("contractPeriod"))
            .or_else(|| duration(single_lot?.get("contractPeriod"))),
        procedure: None,
        lots: divided,
        description: (!description.is_empty()).then(|| description.into()),
        priorities: None,
        tender_period_days: tender_period(tender),
        qualification: None,
        award: None,
        social: None,
        award_criteria: None,
        suitability: tender.get("suitability").map(|s| Suitability {
            sme: s.get("sme").and_then(Value::as_bool),
            vcse: s.get("vcse").and_then(Value::as_bool),
        }),
        annex: None,
        clauses: None,
        notice: Some(Notice {
            ocid: ocid.clone(),
            publisher: publisher.map(|(_, name, _)| name.to_string()),
            jurisdiction_from,
        }),
        read: Vec::new(),
    }
    .with_award(criteria(tender, lots)))
}

impl Procurement {
    /// Sets the published criteria, and the weights when they can be read as percentages
    /// summing to 100.
    fn with_award(mut self, criteria: Option<Vec<PublishedCriterion>>) -> Self {
        self.award = criteria.as_deref().and_then(weights);
        self.award_criteria = criteria;
        self
    }
}

fn roles(party: &Value) -> Vec<&str> {
    party
        .get("roles")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn money(v: Option<&Value>) -> Option<Money> {
    let v = v?;
    let amount = v
        .get("amount")?
        .as_f64()
        .filter(|a| a.is_finite() && *a > 0.0)?;
    let currency = match v.get("currency")?.as_str()? {
        "SEK" => Currency::SEK,
        "GBP" => Currency::GBP,
        "EUR" => Currency::EUR,
        _ => return None,
    };
    Some(Money {
        amount,
        currency,
        vat: Vat::Excluded,
    })
}

/// CPV codes from the tender's classification, its additional classifications and its items'
/// (only the items of `lot`, when given), main code first, without repeats.
fn cpv_codes(tender: &Value, lot: Option<&str>) -> Vec<Cpv> {
    let mut found: Vec<Cpv> = Vec::new();
    let mut add = |c: &Value| {
        let scheme = c.get("scheme").and_then(Value::as_str).unwrap_or("CPV");
        if !scheme.eq_ignore_ascii_case("CPV") {
            return;
        }
        let id = match c.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return,
        };
        if let Ok(cpv) = Cpv::parse(&id)
            && !found.iter().any(|f| f.code() == cpv.code())
        {
            found.push(cpv);
        }
    };
    let list = |v: &Value, key: &str| -> Vec<Value> {
        v.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    if lot.is_none() {
        if let Some(c) = tender.get("classification") {
            add(c);
        }
        list(tender, "additionalClassifications")
            .iter()
            .for_each(&mut add);
    }
    for item in list(tender, "items") {
        let related = match item.get("relatedLot") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        if lot.is_some() && related.as_deref() != lot {
            continue;
        }
        if let Some(c) = item.get("classification") {
            add(c);
        }
        list(&item, "additionalClassifications")
            .iter()
            .for_each(&mut add);
    }
    found
}

fn map_lot(tender: &Value, lot: &Value) -> Lot {
    let id = match lot.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let title = text(lot, &["title"])
        .map(str::to_string)
        .unwrap_or_else(|| match &id {
            // An id such as "Lot 1" names itself; "1" becomes "Lot 1", never "Lot Lot 1".
            Some(id) if id.to_lowercase().starts_with("lot") => id.clone(),
            Some(id) => format!("Lot {id}"),
            None => "Lot".to_string(),
        });
    let cpv = id
        .as_deref()
        .map(|id| cpv_codes(tender, Some(id)))
        .filter(|c| !c.is_empty());
    Lot {
        id: id.map(Into::into),
        title: title.into(),
        value: money(lot.get("value")),
        cpv,
        description: text(lot, &["description"]).map(Into::into),
        duration_months: duration(lot.get("contractPeriod")),
        reserved: None,
    }
}

/// Months from `durationInDays`, or from the start and end dates.
fn duration(period: Option<&Value>) -> Option<u32> {
    let period = period?;
    let days = match period.get("durationInDays").and_then(Value::as_f64) {
        Some(d) => d,
        None => {
            let day = |key| Date::parse(text(period, &[key])?.get(..10)?).ok();
            (day("endDate")?.to_unix_days() - day("startDate")?.to_unix_days()) as f64
        }
    };
    let months = (days / DAYS_PER_MONTH).round();
    (1.0..1200.0).contains(&months).then_some(months as u32)
}

fn tender_period(tender: &Value) -> Option<u32> {
    let day = |key| Date::parse(text(tender, &["tenderPeriod", key])?.get(..10)?).ok();
    let days = day("endDate")?.to_unix_days() - day("startDate")?.to_unix_days();
    u32::try_from(days).ok().filter(|d| *d > 0)
}

/// The criteria of the tender, or of its lots when they all publish the same ones.
fn criteria(tender: &Value, lots: Option<&Vec<Value>>) -> Option<Vec<PublishedCriterion>> {
    let read = |holder: &Value| -> Option<Vec<PublishedCriterion>> {
        let list = holder.get("awardCriteria")?.get("criteria")?.as_array()?;
        let out: Vec<PublishedCriterion> = list
            .iter()
            .map(|c| PublishedCriterion {
                kind: text(c, &["type"]).map(Into::into),
                name: text(c, &["name"]).map(Into::into),
                weight: match c.get("description") {
                    Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().into()),
                    Some(Value::Number(n)) => Some(n.to_string().into()),
                    _ => None,
                },
            })
            .collect();
        (!out.is_empty()).then_some(out)
    };
    read(tender).or_else(|| {
        let per_lot: Vec<Vec<PublishedCriterion>> = lots?.iter().filter_map(read).collect();
        let first = per_lot.first()?;
        per_lot.iter().all(|c| c == first).then(|| first.clone())
    })
}

/// Price, quality and social weights from published criteria, when every weight is a number
/// (a trailing `%` allowed) and they sum to 100; otherwise none, and the weight checks stay
/// unknown. A criterion with only a price type and no weight, alone, is a price-only award.
fn weights(criteria: &[PublishedCriterion]) -> Option<Award> {
    let is_price = |c: &PublishedCriterion| matches!(c.kind.as_deref(), Some("price" | "cost"));
    if criteria.len() == 1 && is_price(&criteria[0]) && criteria[0].weight.is_none() {
        return Some(Award {
            price: 100.0,
            quality: 0.0,
            social: 0.0,
        });
    }
    let mut award = Award {
        price: 0.0,
        quality: 0.0,
        social: 0.0,
    };
    for c in criteria {
        let weight: f64 = c
            .weight
            .as_deref()?
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse()
            .ok()?;
        if !weight.is_finite() || weight < 0.0 {
            return None;
        }
        let name = c.name.as_deref().unwrap_or("").to_lowercase();
        if is_price(c) {
            award.price += weight;
        } else if SOCIAL_CRITERIA.iter().any(|w| name.contains(w)) {
            award.social += weight;
        } else {
            award.quality += weight;
        }
    }
    let total = award.price + award.quality + award.social;
    ((total - 100.0).abs() < 0.01).then_some(award)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source::from_text("n.json", text)
    }

    #[test]
    fn a_uk_wide_notice_is_placed_by_the_buyers_address() {
        let regime = |ocid: &str, address: &str| {
            let json = format!(
                r#"{{"ocid":"{ocid}-1","parties":[{{"id":"b","name":"Buyer","roles":["buyer"],"address":{address}}}],"tender":{{"title":"T"}}}}"#
            );
            let p = load(&src(&json), None).unwrap().remove(0);
            (p.jurisdiction, p.notice.unwrap().jurisdiction_from)
        };
        let (j, from) = regime("ocds-h6vhtk", r#"{"region":"UKL14"}"#);
        assert_eq!(j, Jurisdiction::Wales);
        assert!(
            matches!(from, JurisdictionFrom::BuyerAddress { ref address, .. } if address == "region UKL14")
        );
        assert_eq!(
            regime("ocds-b5fd17", r#"{"postalCode":"BT1 5GS"}"#).0,
            Jurisdiction::NorthernIreland
        );
        assert_eq!(
            regime("ocds-h6vhtk", r#"{"region":"UKM71"}"#).0,
            Jurisdiction::Scotland
        );
        assert_eq!(
            regime(
                "ocds-b5fd17",
                r#"{"region":"North West","postalCode":"M1 1AA"}"#
            )
            .0,
            Jurisdiction::England
        );
        // SY and CH straddle the border: they decide nothing.
        assert_eq!(
            regime("ocds-b5fd17", r#"{"postalCode":"SY1 1AA"}"#).0,
            Jurisdiction::England
        );
        // Sell2Wales is Welsh whatever the address says; Public Contracts Scotland Scottish.
        assert_eq!(
            regime("ocds-kuma6s", r#"{"region":"UKI"}"#).0,
            Jurisdiction::Wales
        );
        assert_eq!(
            regime("ocds-r6ebe6", r#"{"region":"UKL14"}"#).0,
            Jurisdiction::Scotland
        );
    }

    #[test]
    fn reads_a_minimal_release() {
        let p = load(
            &src(r#"{"ocid":"ocds-r6ebe6-1","date":"2026-03-01T00:00:00Z","tender":{"title":"Roads","mainProcurementCategory":"works","value":{"amount":5000000,"currency":"GBP"},"classification":{"scheme":"CPV","id":"45233140"}}}"#),
            None,
        )
        .unwrap()
        .remove(0);
        assert_eq!(p.title, "Roads");
        assert_eq!(p.jurisdiction, Jurisdiction::Scotland);
        assert_eq!(p.kind, Some(ContractType::Works));
        assert_eq!(p.value.unwrap().amount, 5_000_000.0);
        assert_eq!(p.date.unwrap().to_string(), "2026-03-01");
        assert_eq!(p.lots, None);
        assert!(matches!(
            p.notice.unwrap().jurisdiction_from,
            JurisdictionFrom::OcidPrefix { ref prefix } if prefix == "ocds-r6ebe6"
        ));
    }

    #[test]
    fn a_package_gives_one_procurement_per_release() {
        let package = r#"{"uri":"x","releases":[
            {"ocid":"ocds-b5fd17-a","tender":{"title":"A"}},
            {"ocid":"ocds-b5fd17-b","tender":{"title":"B"}}]}"#;
        let all = load(&src(package), None).unwrap();
        assert_eq!(
            all.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(),
            ["A", "B"]
        );
        let records = r#"{"records":[{"ocid":"ocds-b5fd17-a","compiledRelease":{"ocid":"ocds-b5fd17-a","tender":{"title":"C"}}}]}"#;
        assert_eq!(load(&src(records), None).unwrap()[0].title, "C");
    }

    #[test]
    fn unknown_publishers_need_a_jurisdiction() {
        let release = r#"{"ocid":"ocds-zzzzzz-1","tender":{"title":"T"}}"#;
        let d = load(&src(release), None).unwrap_err();
        assert!(
            d.message
                .en
                .contains("cannot be told from the ocid `ocds-zzzzzz-1`"),
            "{d}"
        );
        let p = load(&src(release), Some(Jurisdiction::Se))
            .unwrap()
            .remove(0);
        assert_eq!(p.jurisdiction, Jurisdiction::Se);
    }

    #[test]
    fn broken_and_foreign_json_are_refused() {
        let d = load(&src("{\n  \"ocid\": \"x\",\n  \"tender\": {\n}"), None).unwrap_err();
        assert_eq!(d.line, Some(4));
        assert!(d.message.en.starts_with("the JSON cannot be read"), "{d}");
        let d = load(&src(r#"{"name":"not a notice"}"#), None).unwrap_err();
        assert_eq!(d.message.en, "this JSON is not an OCDS notice");
        let d = load(&src("[1, 2]"), None).unwrap_err();
        assert_eq!(d.message.en, "this JSON is not an OCDS notice");
    }

    #[test]
    fn weights_are_read_only_when_they_add_up() {
        let c = |kind: &str, name: &str, weight: Option<&str>| PublishedCriterion {
            kind: Some(kind.into()),
            name: Some(name.into()),
            weight: weight.map(Into::into),
        };
        let a = weights(&[
            c("quality", "Technical", Some("60%")),
            c("quality", "Community Benefits", Some("10")),
            c("price", "", Some("30")),
        ])
        .unwrap();
        assert_eq!((a.price, a.quality, a.social), (30.0, 60.0, 10.0));
        assert!(
            weights(&[
                c("quality", "Workforce", Some("17.5")),
                c("price", "", Some("30"))
            ])
            .is_none()
        );
        assert!(weights(&[c("quality", "Q", Some("high")), c("price", "", Some("50"))]).is_none());
        assert_eq!(weights(&[c("price", "", None)]).unwrap().price, 100.0);
    }
}

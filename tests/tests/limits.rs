//! The documented limits (`api_envelope::format::limits`), each tested exactly at its
//! boundary in every format: message size, number of violations, nesting depth; and
//! inputs far past them (a message that never ends, a million violations, a detail a
//! million levels deep) render a bounded, valid envelope without a panic.

use std::fmt;
use std::time::Instant;

use api_envelope::client::{RemoteError, WireFormat};
use api_envelope::format::limits::{
    MAX_DEPTH, MAX_MESSAGE_BYTES, MAX_VIOLATIONS, OMITTED_KIND, TRUNCATION_MARKER,
};
use api_envelope::format::{Format, Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::{ApiError, Context, Violation};
use serde::ser::{SerializeMap, SerializeSeq};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
enum LimitError {
    /// A conflict.
    #[code("LIMIT_CONFLICT", status = 409)]
    #[message("{0}")]
    Message(String),

    /// A conflict whose message never ends.
    #[code("LIMIT_ENDLESS", status = 409)]
    #[message("{0}")]
    Endless(Endless),

    /// Validation failed.
    #[code("LIMIT_INVALID", status = 422)]
    #[message("invalid")]
    Invalid {
        #[violations]
        violations: Vec<Violation>,
    },

    /// Validation failed, with a detail.
    #[code("LIMIT_INVALID_DETAIL", status = 422)]
    #[message("invalid")]
    InvalidWithDetail {
        #[violations]
        violations: Vec<Violation>,
        #[detail]
        deep: Deep,
    },

    /// Something is missing.
    #[code("LIMIT_NOT_FOUND", status = 404)]
    #[message("not found")]
    Deep {
        #[detail]
        deep: Deep,
    },
}

/// A `Display` that writes until told to stop.
#[derive(Debug)]
struct Endless;

impl fmt::Display for Endless {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        loop {
            f.write_str("endless ")?;
        }
    }
}

/// A value `levels` arrays and objects deep (alternating, an array outermost), built
/// while serialising, so it costs nothing to hold.
#[derive(Debug, Clone, Copy)]
struct Deep(usize);

impl serde::Serialize for Deep {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            0 => serializer.serialize_str("bottom"),
            n if n % 2 == 1 => {
                let mut seq = serializer.serialize_seq(Some(1))?;
                seq.serialize_element(&Deep(n - 1))?;
                seq.end()
            }
            n => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("k", &Deep(n - 1))?;
                map.end()
            }
        }
    }
}

fn formats() -> [(WireFormat, Box<dyn Format>); 5] {
    [
        (WireFormat::ScaiWave, Box::new(ScaiWave)),
        (WireFormat::ScaiGrid, Box::new(ScaiGrid)),
        (WireFormat::ScaiDrive, Box::new(ScaiDrive)),
        (WireFormat::ScaiKey, Box::new(ScaiKey)),
        (
            WireFormat::Problem,
            Box::new(Problem::new("https://docs.example.com/errors/")),
        ),
    ]
}

fn ctx() -> Context<'static> {
    Context::new().request_id("req_limits")
}

fn body(err: &LimitError, format: &dyn Format) -> Value {
    let res = err.to_response(format, &ctx());
    assert_eq!(res.status(), err.status());
    serde_json::from_slice(res.body()).expect("valid JSON")
}

/// The message member of each format's body.
fn message_of(wire: WireFormat, body: &Value) -> &str {
    let v = match wire {
        WireFormat::ScaiWave | WireFormat::ScaiGrid | WireFormat::ScaiKey => {
            &body["error"]["message"]
        }
        _ => &body["detail"],
    };
    v.as_str().expect("a message")
}

/// The violations list of each format's body.
fn list_of(wire: WireFormat, body: &Value) -> &Vec<Value> {
    let v = match wire {
        WireFormat::ScaiWave | WireFormat::ScaiGrid => &body["error"]["details"],
        WireFormat::ScaiDrive => &body["detail"],
        WireFormat::ScaiKey => &body["error"]["details"]["fields"],
        _ => &body["errors"],
    };
    v.as_array().expect("a list")
}

/// The text of one listed violation.
fn entry_text(wire: WireFormat, entry: &Value) -> &str {
    let key = match wire {
        WireFormat::ScaiWave | WireFormat::ScaiDrive => "msg",
        WireFormat::ScaiGrid | WireFormat::ScaiKey => "message",
        _ => "detail",
    };
    entry[key].as_str().expect("a text")
}

// ---------------------------------------------------------------------------------------
// Message size

#[test]
fn a_message_at_the_limit_is_sent_whole_and_one_byte_over_is_cut() {
    let exact = "m".repeat(MAX_MESSAGE_BYTES);
    let over = format!("{exact}X");
    // A multi-byte character straddling the limit is left out whole.
    let straddle = format!("{}\u{20ac}tail", "m".repeat(MAX_MESSAGE_BYTES - 1));
    for (wire, format) in formats() {
        let sent = body(&LimitError::Message(exact.clone()), &*format);
        assert_eq!(message_of(wire, &sent), exact, "{wire}");

        let sent = body(&LimitError::Message(over.clone()), &*format);
        assert_eq!(message_of(wire, &sent), format!("{exact}…"), "{wire}");

        let sent = body(&LimitError::Message(straddle.clone()), &*format);
        let want = format!("{}…", "m".repeat(MAX_MESSAGE_BYTES - 1));
        assert_eq!(message_of(wire, &sent), want, "{wire}");

        // And the client reads back the same cut text.
        let res = LimitError::Message(over.clone()).to_response(&*format, &ctx());
        assert_eq!(
            RemoteError::from_response(&res).message,
            format!("{exact}{TRUNCATION_MARKER}")
        );
    }
}

#[test]
fn a_message_that_never_ends_is_cut_and_formatting_stops() {
    let started = Instant::now();
    for (wire, format) in formats() {
        let sent = body(&LimitError::Endless(Endless), &*format);
        let message = message_of(wire, &sent);
        assert!(message.ends_with(TRUNCATION_MARKER), "{wire}");
        assert_eq!(message.len(), MAX_MESSAGE_BYTES + TRUNCATION_MARKER.len());
        assert!(message.starts_with("endless endless "));
    }
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn a_localised_message_is_cut_too() {
    let long = "\u{e9}".repeat(MAX_MESSAGE_BYTES); // two bytes each
    let localizer =
        |_: &str, _: &str| -> Option<std::borrow::Cow<'static, str>> { Some(long.clone().into()) };
    let ctx = Context::new().locale("fr").localizer(&localizer);
    for (wire, format) in formats() {
        let res = LimitError::Message("short".into()).to_response(&*format, &ctx);
        let sent: Value = serde_json::from_slice(res.body()).unwrap();
        let want = format!("{}…", "\u{e9}".repeat(MAX_MESSAGE_BYTES / 2));
        assert_eq!(message_of(wire, &sent), want, "{wire}");
    }
}

#[test]
fn each_violation_text_is_cut_at_the_limit() {
    let exact = "v".repeat(MAX_MESSAGE_BYTES);
    let violations = vec![
        Violation::new(["body", "a"], exact.clone()),
        Violation::new(["body", "b"], format!("{exact}!")),
    ];
    let err = LimitError::Invalid { violations };
    for (wire, format) in formats() {
        let sent = body(&err, &*format);
        let list = list_of(wire, &sent);
        assert_eq!(list.len(), 2, "{wire}");
        assert_eq!(entry_text(wire, &list[0]), exact, "{wire}");
        assert_eq!(entry_text(wire, &list[1]), format!("{exact}…"), "{wire}");
    }
}

// ---------------------------------------------------------------------------------------
// Number of violations

fn numbered(n: usize) -> Vec<Violation> {
    (0..n)
        .map(|i| Violation::new(["body", "items"], format!("item {i} is bad")).at(i))
        .collect()
}

#[test]
fn at_most_max_violations_are_listed_then_one_entry_counts_the_rest() {
    for (wire, format) in formats() {
        // At the limit: all of them, no marker.
        let sent = body(
            &LimitError::Invalid {
                violations: numbered(MAX_VIOLATIONS),
            },
            &*format,
        );
        let list = list_of(wire, &sent);
        assert_eq!(list.len(), MAX_VIOLATIONS, "{wire}");
        assert_eq!(
            entry_text(wire, &list[MAX_VIOLATIONS - 1]),
            format!("item {} is bad", MAX_VIOLATIONS - 1)
        );

        // One over: the first MAX_VIOLATIONS and the marker.
        for (extra, text) in [
            (1, "1 more violation was left out".to_owned()),
            (
                1_000_000 - MAX_VIOLATIONS,
                format!(
                    "{} more violations were left out",
                    1_000_000 - MAX_VIOLATIONS
                ),
            ),
        ] {
            let err = LimitError::Invalid {
                violations: numbered(MAX_VIOLATIONS + extra),
            };
            let res = err.to_response(&*format, &ctx());
            assert!(res.body().len() < 16 * 1024, "{wire}: {}", res.body().len());
            let sent: Value = serde_json::from_slice(res.body()).unwrap();
            let list = list_of(wire, &sent);
            assert_eq!(list.len(), MAX_VIOLATIONS + 1, "{wire}");
            assert_eq!(
                entry_text(wire, &list[MAX_VIOLATIONS - 1]),
                format!("item {} is bad", MAX_VIOLATIONS - 1)
            );
            let marker = &list[MAX_VIOLATIONS];
            let want = match wire {
                WireFormat::ScaiWave | WireFormat::ScaiDrive => {
                    json!({"type": OMITTED_KIND, "loc": [], "msg": text, "input": extra})
                }
                WireFormat::ScaiGrid => json!({"field": "", "message": text}),
                WireFormat::ScaiKey => {
                    json!({"field": "", "message": text, "code": OMITTED_KIND})
                }
                _ => json!({"detail": text, "pointer": "#"}),
            };
            assert_eq!(*marker, want, "{wire}");

            // The client reads the marker as one more (location-less) violation.
            let remote = RemoteError::from_response(&res);
            assert_eq!(remote.violations.len(), MAX_VIOLATIONS + 1, "{wire}");
            assert_eq!(remote.violations[MAX_VIOLATIONS].message, text, "{wire}");
            assert!(remote.violations[MAX_VIOLATIONS].loc.is_empty(), "{wire}");
        }
    }
}

#[test]
fn a_scaiwave_list_with_details_keeps_its_detail_entries_after_the_marker() {
    let err = LimitError::InvalidWithDetail {
        violations: numbered(MAX_VIOLATIONS + 3),
        deep: Deep(0),
    };
    let sent = body(&err, &ScaiWave);
    let list = list_of(WireFormat::ScaiWave, &sent);
    assert_eq!(list.len(), MAX_VIOLATIONS + 2);
    assert_eq!(list[MAX_VIOLATIONS]["type"], OMITTED_KIND);
    assert_eq!(
        list[MAX_VIOLATIONS + 1],
        json!({"type": "detail", "loc": ["deep"], "msg": "invalid", "input": "bottom"})
    );
}

// ---------------------------------------------------------------------------------------
// Depth

/// How many levels a `#[detail]` value may nest in each format: `MAX_DEPTH` less the
/// levels of the envelope around it.
fn detail_room(wire: WireFormat, with_violations: bool) -> usize {
    MAX_DEPTH
        - match (wire, with_violations) {
            (WireFormat::Problem, _) => 1,
            (WireFormat::ScaiWave, false) | (WireFormat::ScaiKey, _) => 3,
            (WireFormat::ScaiWave, true) | (WireFormat::ScaiGrid, _) => 4,
            (WireFormat::ScaiDrive, _) => unreachable!("no details"),
            _ => unreachable!(),
        }
}

fn json_depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(json_depth).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(json_depth).max().unwrap_or(0),
        _ => 0,
    }
}

#[test]
fn a_detail_at_the_depth_limit_renders_and_one_level_more_is_refused() {
    for (wire, format) in formats() {
        if wire == WireFormat::ScaiDrive {
            // `{"detail": ...}` carries no details: any depth renders.
            let sent = body(
                &LimitError::Deep {
                    deep: Deep(1_000_000),
                },
                &*format,
            );
            assert_eq!(sent, json!({"detail": "not found"}));
            continue;
        }
        for with_violations in [false, true] {
            let room = detail_room(wire, with_violations);
            let make = |levels| {
                if with_violations {
                    LimitError::InvalidWithDetail {
                        violations: numbered(1),
                        deep: Deep(levels),
                    }
                } else {
                    LimitError::Deep { deep: Deep(levels) }
                }
            };
            let what = format!("{wire}, violations: {with_violations}");

            // At the limit: the whole body, exactly MAX_DEPTH deep.
            let err = make(room);
            let mut out = Vec::new();
            err.write_body(&*format, &ctx(), &mut out)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let sent: Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(json_depth(&sent), MAX_DEPTH, "{what}");
            assert_eq!(err.to_response(&*format, &ctx()).body(), &out, "{what}");

            // One level more, and far more: refused, the buffer left as it was ...
            for levels in [room + 1, 1_000_000] {
                let err = make(levels);
                let mut out = b"kept".to_vec();
                let refused = err.write_body(&*format, &ctx(), &mut out).unwrap_err();
                assert_eq!(out, b"kept", "{what}");
                assert!(
                    std::error::Error::source(&refused)
                        .unwrap()
                        .to_string()
                        .contains("deeper than 64 levels"),
                    "{what}: {refused}"
                );

                // ... and the response falls back to the error without details or
                // violations, with its public text.
                let res = err.to_response(&*format, &ctx());
                assert_eq!(res.status(), err.status(), "{what}");
                let remote = RemoteError::from_response(&res);
                assert_eq!(remote.message, err.meaning(), "{what}");
                assert!(remote.details.is_empty(), "{what}");
                assert!(remote.violations.is_empty(), "{what}");
                assert_eq!(remote.code.as_deref(), Some(err.code()), "{what}");
            }
        }
    }
}

#[test]
fn a_violation_input_at_the_depth_limit_renders_and_one_level_more_is_refused() {
    let room = |wire| match wire {
        // {"error":{"details":[{"input":..}]}} and {"detail":[{"input":..}]}
        WireFormat::ScaiWave => MAX_DEPTH - 4,
        _ => MAX_DEPTH - 3,
    };
    for (wire, format) in formats() {
        if !matches!(wire, WireFormat::ScaiWave | WireFormat::ScaiDrive) {
            continue; // the other shapes carry no `input`
        }
        for levels in [room(wire), room(wire) + 1] {
            let input = serde_json::to_value(Deep(levels)).unwrap();
            let err = LimitError::Invalid {
                violations: vec![Violation::new(["body", "x"], "bad").input(input)],
            };
            let mut out = Vec::new();
            let rendered = err.write_body(&*format, &ctx(), &mut out);
            assert_eq!(rendered.is_ok(), levels == room(wire), "{wire} {levels}");
        }
    }
}

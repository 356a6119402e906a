//! Bodies of every shape a hostile server may send, at any size: what
//! `client_memory.rs` and `client_time.rs` read (and `tests/tests/client_hostile.rs`
//! includes). Each is valid JSON or nearly so, in one of the five envelopes, and made
//! to cost the reader the most per byte in one way.

#![allow(dead_code, reason = "each test binary uses part of it")]

/// A body of about `size` bytes: `head`, `entry(i)` repeated (comma-separated), `tail`.
pub fn grown(size: usize, head: &str, entry: impl Fn(usize) -> String, tail: &str) -> Vec<u8> {
    let mut body = head.as_bytes().to_vec();
    let mut i = 0;
    while body.len() + tail.len() < size {
        if !matches!(body.last(), Some(b'[' | b'{')) {
            body.push(b',');
        }
        body.extend_from_slice(entry(i).as_bytes());
        i += 1;
    }
    body.extend_from_slice(tail.as_bytes());
    body
}

/// A body of `size` bytes: `head`, `unit` repeated, `tail`.
pub fn filled(size: usize, head: &[u8], unit: &[u8], tail: &[u8]) -> Vec<u8> {
    let mut body = head.to_vec();
    while body.len() + unit.len() + tail.len() <= size {
        body.extend_from_slice(unit);
    }
    body.extend_from_slice(tail);
    body
}

/// A shape's name and its maker: `make(size)` is a body of about `size` bytes.
pub type Shape = (&'static str, fn(usize) -> Vec<u8>);

/// Every shape.
pub fn shapes() -> Vec<Shape> {
    const KEY: &str = r#"{"error":{"code":"conflict","message":"m","request_id":"r","details":{"#;
    vec![
        ("zeros in a detail", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","request_id":"r","details":{"a":[0"#,
                b",0",
                b"]}}}",
            )
        }),
        ("empty lists in a detail", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","request_id":"r","details":{"a":[[]"#,
                b",[]",
                b"]}}}",
            )
        }),
        ("empty objects in a detail", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","request_id":"r","details":{"a":[{}"#,
                b",{}",
                b"]}}}",
            )
        }),
        ("short strings in a detail", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","request_id":"r","details":{"a":["a""#,
                br#","a""#,
                b"]}}}",
            )
        }),
        ("a problem's long invalid UTF-8 title", |n| {
            filled(
                n,
                br#"{"type":"https://e.x/errors/c","status":409,"title":""#,
                b"\xff",
                br#""}"#,
            )
        }),
        ("a problem's long type", |n| {
            filled(
                n,
                br#"{"title":"t","status":409,"type":"https://e.x/errors/"#,
                b"\xff",
                br#""}"#,
            )
        }),
        ("a ScaiDrive detail object of control characters", |n| {
            filled(n, br#"{"detail":{"text":""#, b"\x01", br#""}}"#)
        }),
        ("a ScaiDrive violation of control characters", |n| {
            filled(
                n,
                br#"{"detail":[{"type":"t","loc":[{"a":""#,
                b"\x01",
                br#""}],"msg":"m"}]}"#,
            )
        }),
        ("detail members", |n| {
            grown(n, KEY, |i| format!(r#""k{i}":{i}"#), "}}}")
        }),
        ("one long message", |n| {
            filled(n, br#"{"error":{"code":"c","message":""#, b"a", br#""}}"#)
        }),
        ("one long invalid UTF-8 message", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":""#,
                b"\xff",
                br#""}}"#,
            )
        }),
        ("invalid UTF-8 in a detail, then the message", |n| {
            let mut body = filled(
                n - 64,
                br#"{"error":{"code":"c","details":{"a":""#,
                b"\xff",
                br#""}"#,
            );
            body.extend_from_slice(br#","message":"m","request_id":"r"}}"#);
            body
        }),
        ("escapes", |n| {
            filled(n, br#"{"detail":""#, br"\u00e9", br#""}"#)
        }),
        ("ScaiDrive violations", |n| {
            grown(
                n,
                r#"{"detail":["#,
                |i| {
                    format!(
                        r#"{{"type":"string_too_short","loc":["body","items",{i},"name"],"msg":"String should have at least 1 character","input":"","ctx":{{"min_length":1}}}}"#
                    )
                },
                "]}",
            )
        }),
        ("ScaiWave detail entries", |n| {
            grown(
                n,
                r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"m","details":[{"type":"missing","loc":["body","x"],"msg":"Field required"}"#,
                |i| format!(r#"{{"type":"detail","loc":["n{i}"],"msg":"m","input":{i}}}"#),
                "]}}",
            )
        }),
        ("ScaiGrid detail entries", |n| {
            grown(
                n,
                r#"{"status":"error","error":{"code":"C","message":"m","details":["#,
                |i| format!(r#"{{"field":"f{i}","message":"m","value":[{i}]}}"#),
                r#"]},"meta":{"request_id":"r"}}"#,
            )
        }),
        ("problem extension members", |n| {
            grown(
                n,
                r#"{"type":"https://e.x/errors/c","title":"T","status":409,"detail":"d","code":"c""#,
                |i| format!(r#""x{i}":[{i}]"#),
                "}",
            )
        }),
        ("deep nests", |n| {
            filled(
                n,
                br#"{"detail":["#,
                &[b"[".repeat(200), b"]".repeat(200), b",".to_vec()].concat(),
                b"0]}",
            )
        }),
        ("junk", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","details":{"#,
                br#""a":x,"#,
                b"}}}",
            )
        }),
        ("known keys repeated", |n| {
            filled(
                n,
                br#"{"type":"t","title":"T","#,
                br#""detail":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","#,
                br#""code":"c"}"#,
            )
        }),
        ("root members", |n| {
            grown(n, "{", |i| format!(r#""k{i}":{i}"#), "}")
        }),
        ("one long key", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","details":{""#,
                b"k",
                br#"":1}}}"#,
            )
        }),
        ("one long number", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","details":{"n":1"#,
                b"1",
                b"}}}",
            )
        }),
        ("one long exponent", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","details":{"n":1e"#,
                b"0",
                b"1}}}",
            )
        }),
        ("numbers out of range", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","details":{"n":[1e999"#,
                b",1e999",
                b"]}}}",
            )
        }),
        ("a string cut short", |n| {
            filled(
                n,
                br#"{"error":{"code":"c","message":"m","details":{"n":""#,
                b"ab",
                b"",
            )
        }),
        ("escaped quotes", |n| {
            filled(n, br#"{"detail":""#, br#"\""#, br#""}"#)
        }),
        ("rich violations", |n| {
            grown(
                n,
                r#"{"error":{"code":"validation.error","message":"invalid","request_id":"r","details":{"fields":["#,
                |i| {
                    format!(
                        r#"{{"field":"body.items[{i}].name","message":"too short","code":"string_too_short","input":{{"a":[1,2,{{"b":"c"}}],"d":null}},"ctx":{{"min_length":1,"max":[{i}]}}}}"#
                    )
                },
                "]}}}",
            )
        }),
        ("zeros before the code", |n| {
            filled(
                n,
                br#"{"error":{"details":[0"#,
                b",0",
                br#"],"code":"c","message":"m"}}"#,
            )
        }),
    ]
}

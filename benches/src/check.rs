//! The honesty check, run once before measuring: every arm renders the same envelope.

use crate::fixture::{MESSAGE, ROOM_ID, Request};
use crate::{Fmt, json_value, limit, literal, literal2, ours, problem_crate, thiserror_arm};

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("JSON is UTF-8")
}

fn value(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("the body is JSON")
}

fn headers(res: &http::Response<Vec<u8>>) -> Vec<(String, String)> {
    let mut h: Vec<(String, String)> = res
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("?").to_owned()))
        .collect();
    h.sort();
    h
}

/// Asserts that, for each format, L, L1, L2, T and D write the same bytes, V and H the
/// same JSON value, and that the full responses (D's, L's and L1's) carry the same status,
/// headers and body.
///
/// # Panics
/// When an arm renders something else: the comparison would not be honest.
pub fn all() {
    let req = Request::new();
    let l_err = limit::Frozen {
        room_id: ROOM_ID.to_owned(),
    };
    let t_err = thiserror_arm::frozen();
    let d = ours::Fixture::new();
    assert_eq!(l_err.to_string(), MESSAGE);
    assert_eq!(t_err.to_string(), MESSAGE);
    assert_eq!(d.err.to_string(), MESSAGE);

    for fmt in Fmt::ALL {
        let name = fmt.name();
        let mut l = Vec::new();
        limit::body(fmt, &l_err, &req, &mut l);

        let mut dbuf = Vec::new();
        ours::body(fmt, &d, &mut dbuf);
        assert_eq!(text(&dbuf), text(&l), "{name}: D and L bodies differ");

        let mut l1 = Vec::new();
        literal::body(fmt, &l_err, &req, &mut l1);
        assert_eq!(text(&l1), text(&dbuf), "{name}: L1 and D bodies differ");

        let mut l2 = Vec::new();
        literal2::body(fmt, &l_err, &req, &mut l2);
        assert_eq!(text(&l2), text(&dbuf), "{name}: L2 and D bodies differ");

        let mut t = Vec::new();
        thiserror_arm::body(fmt, &t_err, &req, &mut t);
        assert_eq!(text(&t), text(&l), "{name}: T and L bodies differ");

        let mut v = Vec::new();
        json_value::body(fmt, &t_err, &req, &mut v);
        assert_eq!(value(&v), value(&l), "{name}: V and L differ");

        let dres = ours::response(fmt, &d);
        let lres = limit::response(fmt, &l_err, &req);
        assert_eq!(dres.status(), lres.status(), "{name}: status");
        assert_eq!(
            text(dres.body()),
            text(lres.body()),
            "{name}: response bodies"
        );
        assert_eq!(headers(&dres), headers(&lres), "{name}: response headers");
        let l1res = literal::response(fmt, &l_err, &req);
        assert_eq!(l1res.status(), dres.status(), "{name}: L1 status");
        assert_eq!(
            text(l1res.body()),
            text(dres.body()),
            "{name}: L1 response body"
        );
        assert_eq!(
            headers(&l1res),
            headers(&dres),
            "{name}: L1 response headers"
        );
        let tres = thiserror_arm::response(fmt, &t_err, &req);
        assert_eq!(headers(&tres), headers(&lres), "{name}: T response headers");

        if fmt == Fmt::Problem {
            let mut h = Vec::new();
            problem_crate::body(&t_err, &req, &mut h);
            assert_eq!(value(&h), value(&l), "problem: H and L differ");
            let hres = problem_crate::response(&t_err, &req);
            assert_eq!(hres.status(), lres.status(), "problem: H status");
            assert_eq!(headers(&hres), headers(&lres), "problem: H headers");
        }
    }

    // code() / status(): the derive against the hand-written match, on every variant.
    for (d_err, t_err) in ours::all_variants()
        .iter()
        .zip(thiserror_arm::all_variants())
    {
        assert_eq!(ours::code(d_err), t_err.code());
        assert_eq!(ours::status(d_err), t_err.status());
    }
}

/// The five envelopes of the fixture as D renders them, with their status and headers.
#[must_use]
pub fn envelopes() -> Vec<(Fmt, String)> {
    let d = ours::Fixture::new();
    Fmt::ALL
        .into_iter()
        .map(|fmt| {
            let res = ours::response(fmt, &d);
            let hs: Vec<String> = headers(&res)
                .into_iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            (
                fmt,
                format!(
                    "{} [{}] {}",
                    res.status().as_u16(),
                    hs.join(", "),
                    text(res.body())
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::fixture::Request;
    use crate::{Fmt, limit, literal, literal2, ours};

    #[test]
    fn every_arm_renders_the_same_envelope() {
        super::all();
        for (fmt, e) in super::envelopes() {
            println!("{fmt}: {e}");
        }
    }

    /// L1 and L2 are hand-writers of this error, not of these bytes: a room id that needs
    /// escaping comes out as D writes it.
    #[test]
    fn l1_and_l2_escape_as_d_does() {
        let room_id = "r\"4\\2\n\u{1}\u{20ac}";
        let req = Request::new();
        let err = limit::Frozen {
            room_id: room_id.to_owned(),
        };
        let mut d = ours::Fixture::new();
        d.err = ours::RoomError::Frozen {
            room_id: room_id.to_owned(),
        };
        for fmt in Fmt::ALL {
            let (mut dbuf, mut l1, mut l2) = (Vec::new(), Vec::new(), Vec::new());
            ours::body(fmt, &d, &mut dbuf);
            literal::body(fmt, &err, &req, &mut l1);
            literal2::body(fmt, &err, &req, &mut l2);
            assert_eq!(super::text(&l1), super::text(&dbuf), "{fmt}: L1");
            assert_eq!(super::text(&l2), super::text(&dbuf), "{fmt}: L2");
        }
    }
}

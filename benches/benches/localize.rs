//! Instruction counts (callgrind, through gungraun) of a localised render against a
//! plain one: the derived `RoomError::Frozen` (`room {room_id} is closed`) rendered as a
//! ScaiWave body into a reused buffer,
//!
//! - `plain`: no localizer;
//! - `by_code`: a closure localizer giving a fixed German text by code (what the
//!   `Localizer` trait asked before the error's fields were passed);
//! - `fluent`: a `FluentLocalizer` with the message `Raum { $room_id } ist geschlossen`,
//!   formatted with the error's fields (locale `de`);
//! - `fluent_fallback`: the same localizer asked for a locale it does not have (`fr`):
//!   the chain is walked and the catalogue text rendered.
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench localize`

use std::borrow::Cow;
use std::hint::black_box;

use api_envelope::format::ScaiWave;
use api_envelope::localize::fluent::FluentLocalizer;
use api_envelope::render::write_body;
use api_envelope::{Context, Localizer};
use arms::ours::RoomError;
use gungraun::{library_benchmark, library_benchmark_group, main};

/// Which localizer, if any.
#[derive(Debug, Clone, Copy)]
enum Arm {
    Plain,
    ByCode,
    Fluent,
    FluentFallback,
}

fn by_code(code: &str, locale: &str) -> Option<Cow<'static, str>> {
    (code == "SW_ROOM_FROZEN" && locale == "de").then_some(Cow::Borrowed("Raum ist geschlossen"))
}

struct In {
    arm: Arm,
    err: RoomError,
    fluent: FluentLocalizer,
    buf: Vec<u8>,
}

impl In {
    fn render(&mut self) {
        let by_code = by_code;
        let localizer: Option<(&dyn Localizer, &str)> = match self.arm {
            Arm::Plain => None,
            Arm::ByCode => Some((&by_code, "de")),
            Arm::Fluent => Some((&self.fluent, "de")),
            Arm::FluentFallback => Some((&self.fluent, "fr")),
        };
        let ctx = match localizer {
            Some((l, locale)) => Context::new().locale(locale).localizer(l),
            None => Context::new(),
        };
        self.buf.clear();
        let _ = black_box(write_body(&self.err, &ScaiWave, &ctx, &mut self.buf));
    }
}

fn setup(arm: Arm) -> Box<In> {
    let fluent = FluentLocalizer::new()
        .with_ftl("de", "sw-room-frozen = Raum { $room_id } ist geschlossen\n")
        .expect("valid FTL");
    let mut i = Box::new(In {
        arm,
        err: RoomError::Frozen {
            room_id: "r_42".to_owned(),
        },
        fluent,
        buf: Vec::with_capacity(512),
    });
    // Warm-up, and the output checked.
    i.render();
    let body = String::from_utf8(i.buf.clone()).expect("UTF-8");
    let expected = match arm {
        Arm::Plain | Arm::FluentFallback => "room r_42 is closed",
        Arm::ByCode => "Raum ist geschlossen",
        Arm::Fluent => "Raum r_42 ist geschlossen",
    };
    assert!(body.contains(expected), "{arm:?}: {body}");
    i
}

#[library_benchmark(setup = setup)]
#[bench::plain(Arm::Plain)]
#[bench::by_code(Arm::ByCode)]
#[bench::fluent(Arm::Fluent)]
#[bench::fluent_fallback(Arm::FluentFallback)]
fn render(mut i: Box<In>) -> Box<In> {
    i.render();
    i
}

library_benchmark_group!(name = localized; benchmarks = render);

main!(library_benchmark_groups = localized);

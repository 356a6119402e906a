//! Support for the code `#[derive(ApiError)]` generates. Not public API.

use std::time::Duration;

use crate::format::Format;

pub use core;
pub use http::StatusCode;
pub use std;

/// A status from its number, for `const` contexts; the derive has already checked it.
#[must_use]
pub const fn status(code: u16) -> StatusCode {
    match StatusCode::from_u16(code) {
        Ok(s) => s,
        Err(_) => panic!("invalid HTTP status"),
    }
}

/// Conversion of a `#[retry_after]` field: integer seconds or a `Duration`.
#[diagnostic::on_unimplemented(
    message = "`#[retry_after]` field of type `{Self}` is not a retry hint",
    label = "expected an integer number of seconds, a `Duration`, or an `Option` of one",
    note = "use `u64` seconds or `std::time::Duration`, optionally wrapped in `Option`"
)]
pub trait RetryAfter {
    /// The retry hint.
    fn retry_after(&self) -> Option<Duration>;
}

macro_rules! retry_unsigned {
    ($($t:ty),*) => {$(
        impl RetryAfter for $t {
            #[allow(clippy::cast_lossless, trivial_numeric_casts)]
            fn retry_after(&self) -> Option<Duration> {
                Some(Duration::from_secs(u64::try_from(*self).unwrap_or(u64::MAX)))
            }
        }
    )*};
}
macro_rules! retry_signed {
    ($($t:ty),*) => {$(
        impl RetryAfter for $t {
            fn retry_after(&self) -> Option<Duration> {
                Some(Duration::from_secs(u64::try_from(*self).unwrap_or(0)))
            }
        }
    )*};
}
retry_unsigned!(u8, u16, u32, u64, u128, usize);
retry_signed!(i8, i16, i32, i64, i128, isize);

impl RetryAfter for Duration {
    fn retry_after(&self) -> Option<Duration> {
        Some(*self)
    }
}

impl<T: RetryAfter> RetryAfter for Option<T> {
    fn retry_after(&self) -> Option<Duration> {
        self.as_ref().and_then(RetryAfter::retry_after)
    }
}

impl<T: RetryAfter + ?Sized> RetryAfter for &T {
    fn retry_after(&self) -> Option<Duration> {
        (**self).retry_after()
    }
}

/// Conversion of a `#[status]` field: a `u16` or an `http::StatusCode`.
#[diagnostic::on_unimplemented(
    message = "`#[status]` field of type `{Self}` is not an HTTP status",
    label = "expected `u16` or `http::StatusCode`",
    note = "a `#[status]` field chooses among the statuses declared in `#[code(.., status = [..])]`"
)]
pub trait AsStatus {
    /// The status number.
    fn as_status(&self) -> u16;
}

impl AsStatus for u16 {
    fn as_status(&self) -> u16 {
        *self
    }
}

impl AsStatus for StatusCode {
    fn as_status(&self) -> u16 {
        self.as_u16()
    }
}

impl<T: AsStatus + ?Sized> AsStatus for &T {
    fn as_status(&self) -> u16 {
        (**self).as_status()
    }
}

/// The status a `#[status]` field chose, if it is one of `declared`; else the first
/// declared status (a value can only take a declared status).
#[must_use]
pub fn choose_status(value: &dyn AsStatus, declared: &'static [StatusCode]) -> StatusCode {
    let n = value.as_status();
    for s in declared {
        if s.as_u16() == n {
            return *s;
        }
    }
    declared[0]
}

pub use serde::Serialize;

/// `&T` to `&dyn Error` for `#[source]` fields, also for unsized `dyn Error` sources
/// (`Box<dyn Error + Send + Sync>` fields), like `thiserror`'s helper of the same name.
pub trait AsDynError<'a> {
    /// The field as a trait object.
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a);
}

impl<'a, T: std::error::Error + 'a> AsDynError<'a> for T {
    #[inline]
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

macro_rules! as_dyn_error_dyn {
    ($($t:ty),*) => {$(
        impl<'a> AsDynError<'a> for $t {
            #[inline]
            fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
                self
            }
        }
    )*};
}
as_dyn_error_dyn!(
    dyn std::error::Error + 'a,
    dyn std::error::Error + Send + 'a,
    dyn std::error::Error + Send + Sync + 'a,
    dyn std::error::Error + Send + Sync + std::panic::UnwindSafe + 'a
);

/// The framework impls of a derived type: one per serving feature that is on, axum's
/// `IntoResponse` (`axum`) and actix-web's `ResponseError` (`actix-web`); nothing with
/// neither. `#[derive(ApiError)]` calls it once per type as
/// `framework_impls! { [impl generics] [Type<params>] [where clause] }`, with the bounds
/// of its `ApiError` impl.
///
/// Which impls exist is decided here, by the runtime's features, not by the derive: each
/// per-feature macro below has a `#[cfg]`-gated twin expanding to nothing.
#[doc(hidden)]
#[macro_export]
macro_rules! __api_envelope_framework_impls {
    ($generics:tt $ty:tt $where_clause:tt) => {
        $crate::__api_envelope_axum_impl! { $generics $ty $where_clause }
        $crate::__api_envelope_actix_web_impl! { $generics $ty $where_clause }
        $crate::__api_envelope_tonic_impl! { $generics $ty $where_clause }
    };
}

/// `From<E> for tonic::Status` (see `integrations::grpc`): the type's catalogue name as
/// the `ErrorInfo` domain, no request context.
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __api_envelope_tonic_impl {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status
        $($where_clause)*
        {
            fn from(err: $($ty)*) -> Self {
                $crate::integrations::grpc::to_status(
                    &err,
                    &$crate::Context::new(),
                    <$($ty)* as $crate::ApiError>::catalog().name,
                )
            }
        }
    };
}

/// Without the `tonic` feature: nothing.
#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __api_envelope_tonic_impl {
    ($($any:tt)*) => {};
}

/// What the derive's tonic impl names.
#[cfg(feature = "tonic")]
pub mod tonic {
    pub use ::tonic::Status;
}
pub use crate::__api_envelope_framework_impls as framework_impls;

/// `IntoResponse`, rendered for the request being served (see `integrations::axum`).
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __api_envelope_axum_impl {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::axum::IntoResponse for $($ty)*
        $($where_clause)*
        {
            #[inline]
            fn into_response(self) -> $crate::__private::axum::Response {
                $crate::integrations::axum::into_response(&self)
            }
        }
    };
}

/// Without the `axum` feature: nothing.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __api_envelope_axum_impl {
    ($($any:tt)*) => {};
}

/// `ResponseError`, rendered for the request being served (see
/// `integrations::actix_web`).
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __api_envelope_actix_web_impl {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        $($where_clause)*
        {
            #[inline]
            fn status_code(&self) -> $crate::__private::actix_web::StatusCode {
                $crate::integrations::actix_web::status_code(self)
            }

            #[inline]
            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::integrations::actix_web::error_response(self)
            }
        }
    };
}

/// Without the `actix-web` feature: nothing.
#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __api_envelope_actix_web_impl {
    ($($any:tt)*) => {};
}

/// Boxes the value of `#[api_error(format = ..)]`; a value that is no format is reported
/// on the expression.
pub fn __boxed_format<F: Format + Send + Sync + 'static>(
    format: F,
) -> Box<dyn Format + Send + Sync> {
    Box::new(format)
}

/// What the derive's axum impl names.
#[cfg(feature = "axum")]
pub mod axum {
    pub use ::axum::response::{IntoResponse, Response};
}

/// What the derive's actix-web impl names.
#[cfg(feature = "actix-web")]
pub mod actix_web {
    pub use ::actix_web::http::StatusCode;
    pub use ::actix_web::{HttpResponse, ResponseError};
}

/// The catalogue of a type with transparent variants: its own rows and the catalogues of
/// the types they wrap. Evaluated at compile time (the derive's `Catalogued::CATALOG`),
/// where a code repeated anywhere in the union is a compile error naming both
/// declarations ([`Catalog::with_nested`](crate::Catalog::with_nested)).
#[must_use]
pub const fn union_catalog(
    own: crate::Catalog,
    nested: &'static [crate::Catalog],
) -> crate::Catalog {
    own.with_nested(nested)
}

/// What a source interpolated in a message shows on the wire: for an [`ApiError`](crate::ApiError),
/// its public text on a 5xx (unless its variant says `expose`), else its own wire
/// message. The derive picks this or [`PlainTag`] by the field's type (autoref: a type
/// that is an `ApiError` takes [`WireKind`], any other [`PlainKind`]).
pub struct Wire<'a, E: ?Sized>(&'a E);

impl<E: crate::ApiError + ?Sized> core::fmt::Display for Wire<'_, E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let err = self.0.as_dyn_api_error();
        if crate::format::shows_own_message(err) {
            err.fmt_wire(f)
        } else {
            f.write_str(crate::format::public_text(err))
        }
    }
}

/// The tag of a source that is an `ApiError`.
pub struct WireTag;

impl WireTag {
    /// The source as the wire shows it.
    pub fn shown<E: crate::ApiError + ?Sized>(self, err: &E) -> Wire<'_, E> {
        Wire(err)
    }
}

/// The tag of any other source: shown as it is.
pub struct PlainTag;

impl PlainTag {
    /// The source itself.
    pub fn shown<T: ?Sized>(self, value: &T) -> &T {
        value
    }
}

/// Chosen first, for a reference to an `ApiError`: `(&field).__api_wire_kind()`.
pub trait WireKind {
    /// [`WireTag`].
    fn __api_wire_kind(&self) -> WireTag {
        WireTag
    }
}

impl<E: crate::ApiError + ?Sized> WireKind for &E {}

/// Chosen otherwise (one more autoref away).
pub trait PlainKind {
    /// [`PlainTag`].
    fn __api_wire_kind(&self) -> PlainTag {
        PlainTag
    }
}

impl<T: ?Sized> PlainKind for &&T {}

/// A message placeholder written into a [`JsonText`](crate::format::JsonText) by the
/// derive's `write_wire_text`: `(&TextArg(field)).__api_text(text)`. A string, integer or
/// `bool` takes [`FastText`] (no `fmt`), any other type [`DisplayText`] (its `Display`;
/// autoref picks it only when `FastText` does not apply).
pub struct TextArg<'a, T: ?Sized>(pub &'a T);

/// The placeholder of a string, integer or `bool` field.
pub trait FastText {
    /// Writes the value as its `Display` would.
    ///
    /// # Errors
    /// When the text is cut.
    fn __api_text(&self, text: &mut crate::format::JsonText<'_>) -> core::fmt::Result;
}

/// The placeholder of any other field: its `Display`.
pub trait DisplayText {
    /// Writes the value's `Display`.
    ///
    /// # Errors
    /// When the text is cut or the `Display` fails.
    fn __api_text(&self, text: &mut crate::format::JsonText<'_>) -> core::fmt::Result;
}

impl<T: core::fmt::Display + ?Sized> DisplayText for &TextArg<'_, T> {
    fn __api_text(&self, text: &mut crate::format::JsonText<'_>) -> core::fmt::Result {
        text.display(&self.0)
    }
}

impl FastText for TextArg<'_, bool> {
    #[inline]
    fn __api_text(&self, text: &mut crate::format::JsonText<'_>) -> core::fmt::Result {
        text.plain(if *self.0 { "true" } else { "false" })
    }
}

/// A `#[detail]` field reported by the derive's `visit_details`:
/// `(&DetailArg(field)).__api_detail()`. A string, integer or `bool` takes [`FastDetail`]
/// (written without `serde`), any other type [`SerdeDetail`] ([`Detail::new`](crate::Detail::new)).
pub struct DetailArg<'a, T: ?Sized>(pub &'a T);

/// The detail of a string, integer or `bool` field.
pub trait FastDetail<'a> {
    /// The detail.
    fn __api_detail(&self) -> crate::Detail<'a>;
}

/// The detail of any other field.
pub trait SerdeDetail<'a> {
    /// The detail.
    fn __api_detail(&self) -> crate::Detail<'a>;
}

impl<'a, T: serde::Serialize> SerdeDetail<'a> for &DetailArg<'a, T> {
    #[inline]
    fn __api_detail(&self) -> crate::Detail<'a> {
        crate::Detail::new(self.0)
    }
}

/// [`FastText`] and [`FastDetail`] of the string types: one list for both.
macro_rules! fast_str {
    ($($t:ty),*) => {$(
        impl FastText for TextArg<'_, $t> {
            #[inline]
            fn __api_text(&self, text: &mut crate::format::JsonText<'_>) -> core::fmt::Result {
                text.str(self.0)
            }
        }

        impl<'a> FastDetail<'a> for DetailArg<'a, $t> {
            #[inline]
            fn __api_detail(&self) -> crate::Detail<'a> {
                crate::Detail::str(self.0)
            }
        }
    )*};
}
fast_str!(
    str,
    &str,
    String,
    Box<str>,
    std::sync::Arc<str>,
    std::rc::Rc<str>,
    std::borrow::Cow<'_, str>
);

/// [`FastText`] and [`FastDetail`] of the integer types, widened to `$method`'s.
macro_rules! fast_int {
    ($method:ident: $($t:ty),*) => {$(
        impl FastText for TextArg<'_, $t> {
            #[inline]
            fn __api_text(&self, text: &mut crate::format::JsonText<'_>) -> core::fmt::Result {
                #[allow(clippy::cast_lossless, trivial_numeric_casts)]
                text.$method(*self.0 as _)
            }
        }

        impl<'a> FastDetail<'a> for DetailArg<'a, $t> {
            #[inline]
            fn __api_detail(&self) -> crate::Detail<'a> {
                #[allow(clippy::cast_lossless, trivial_numeric_casts)]
                crate::Detail::$method(*self.0 as _)
            }
        }
    )*};
}
fast_int!(u64: u8, u16, u32, u64, usize);
fast_int!(i64: i8, i16, i32, i64, isize);

impl<'a> FastDetail<'a> for DetailArg<'a, bool> {
    #[inline]
    fn __api_detail(&self) -> crate::Detail<'a> {
        crate::Detail::bool(*self.0)
    }
}

/// A message argument reported by the derive's `visit_message_args`:
/// `(&&&MsgArg(field)).__api_arg()`. A string, number or `bool` takes [`FastArg`] (kept as
/// itself), any other `Display` type [`DisplayArg`], any other type [`NoArg`] (none: such
/// a field is already an error of the message's `Display`, so this adds no second one).
/// Autoref picks the first that applies.
pub struct MsgArg<'a, T: ?Sized>(pub &'a T);

/// The argument of a string, number or `bool` field.
pub trait FastArg<'a> {
    /// The value as itself.
    fn __api_arg(&self) -> Option<crate::localize::MessageArg<'a>>;
}

/// The argument of any other `Display` field.
pub trait DisplayArg<'a> {
    /// The value by its `Display`.
    fn __api_arg(&self) -> Option<crate::localize::MessageArg<'a>>;
}

/// A field of no `Display`: no argument.
pub trait NoArg<'a> {
    /// `None`.
    fn __api_arg(&self) -> Option<crate::localize::MessageArg<'a>>;
}

impl<'a, T: core::fmt::Display> DisplayArg<'a> for &MsgArg<'a, T> {
    fn __api_arg(&self) -> Option<crate::localize::MessageArg<'a>> {
        Some(crate::localize::MessageArg::Display(self.0))
    }
}

impl<'a, T: ?Sized> NoArg<'a> for MsgArg<'a, T> {
    fn __api_arg(&self) -> Option<crate::localize::MessageArg<'a>> {
        None
    }
}

macro_rules! arg_str {
    ($($t:ty),*) => {$(
        impl<'a> FastArg<'a> for &&MsgArg<'a, $t> {
            #[inline]
            fn __api_arg(&self) -> Option<crate::localize::MessageArg<'a>> {
                Some(crate::localize::MessageArg::Str(core::convert::AsRef::<str>::as_ref(self.0)))
            }
        }
    )*};
}
arg_str!(
    str,
    &str,
    String,
    Box<str>,
    std::sync::Arc<str>,
    std::rc::Rc<str>,
    std::borrow::Cow<'_, str>
);

macro_rules! arg_num {
    ($variant:ident as $wide:ty: $($t:ty),*) => {$(
        impl<'a> FastArg<'a> for &&MsgArg<'a, $t> {
            #[inline]
            fn __api_arg(&self) -> Option<crate::localize::MessageArg<'a>> {
                #[allow(clippy::cast_lossless, trivial_numeric_casts)]
                Some(crate::localize::MessageArg::$variant(*self.0 as $wide))
            }
        }
    )*};
}
arg_num!(U64 as u64: u8, u16, u32, u64, usize);
arg_num!(I64 as i64: i8, i16, i32, i64, isize);
arg_num!(F64 as f64: f32, f64);

impl<'a> FastArg<'a> for &&MsgArg<'a, bool> {
    #[inline]
    fn __api_arg(&self) -> Option<crate::localize::MessageArg<'a>> {
        Some(crate::localize::MessageArg::Bool(*self.0))
    }
}

/// A `#[detail]` field of another type as a message argument: its JSON (a string's
/// text).
pub fn detail_arg<R>(
    value: crate::Detail<'_>,
    f: impl FnOnce(crate::localize::MessageArg<'_>) -> R,
) -> R {
    crate::localize::detail_arg(value, f)
}

/// The derive's `write_wire_text` for a variant that needs `fmt`: its `fmt_wire`, escaped
/// into `text` as it is formatted (the trait's default).
///
/// # Errors
/// When the text is cut or the `Display` fails.
pub fn wire_text<E: crate::ApiError + ?Sized>(
    err: &E,
    text: &mut crate::format::JsonText<'_>,
) -> core::fmt::Result {
    text.display(&crate::format::WireMessage(err))
}

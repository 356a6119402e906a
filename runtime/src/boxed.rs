//! [`ApiError`] for boxed and shared trait objects: `Box<dyn ApiError + Send + Sync>`
//! (and the `+ Send` and bare flavours) and `Arc<dyn ApiError + Send + Sync>` (likewise),
//! every method delegating to the error inside.
//!
//! A boxed error is one value of some error type chosen at run time, so its type has no
//! catalogue of its own: [`ApiError::catalog`] of the box is an empty catalogue named
//! `dyn ApiError`, and the codes it can carry are the catalogues of the types put in it
//! (list those in a [`Product`](crate::Product)).
//!
//! `Box<dyn Trait>` is not `std::error::Error` in std (only `Box<T>` for a sized `T`),
//! so the boxes get it here, `source` delegating. `Arc<T: Error + ?Sized>` already is.
//!
//! There is deliberately no `From<E: ApiError> for Box<dyn ApiError + Send + Sync>`: it
//! would overlap the reflexive `From<T> for T` now that the box is an `ApiError` itself.
//! `#[derive(ApiError)]` generates `From<TheType>` for the box instead, one type at a time.

use std::error::Error;
use std::sync::Arc;
use std::time::Duration;

use http::StatusCode;

use crate::catalog::{Catalog, CatalogEntry, Convention};
use crate::context::Context;
use crate::details::DetailVisitor;
use crate::format::{Format, RenderError};
use crate::violation::Violation;
use crate::{ApiError, render};

/// The catalogue of a boxed or shared error type: empty, its codes are those of the
/// values put in it.
static DYN_CATALOG: Catalog = DYN;

/// [`DYN_CATALOG`] as a constant, for [`Catalogued`](crate::Catalogued).
const DYN: Catalog = Catalog::new("dyn ApiError", Convention::Any, "", &[]);

/// `ApiError` for a pointer type `$ptr<dyn ApiError + ..>`: every method delegating.
macro_rules! delegate_api_error {
    ($($ptr:ident<$obj:ty>),* $(,)?) => {$(
        /// Every method delegates to the error inside; the rendering methods render that
        /// error itself. [`catalog`](ApiError::catalog) is empty: a boxed error's codes
        /// are not known at compile time (they are the catalogues of the types boxed).
        /// Empty: a boxed error's codes are those of the types boxed. So a
        /// `#[code(transparent)]` variant may wrap a box; its type's catalogue then
        /// joins nothing of it.
        impl crate::Catalogued for $ptr<$obj> {
            const CATALOG: Catalog = DYN;
        }

        impl ApiError for $ptr<$obj> {
            #[inline]
            fn code(&self) -> &'static str {
                (**self).code()
            }

            #[inline]
            fn status(&self) -> StatusCode {
                (**self).status()
            }

            #[inline]
            fn entry(&self) -> &'static CatalogEntry {
                (**self).entry()
            }

            #[inline]
            fn family(&self) -> Option<&'static str> {
                (**self).family()
            }

            #[inline]
            fn meaning(&self) -> &'static str {
                (**self).meaning()
            }

            #[inline]
            fn retry_after(&self) -> Option<Duration> {
                (**self).retry_after()
            }

            #[inline]
            fn has_details(&self) -> bool {
                (**self).has_details()
            }

            #[inline]
            fn visit_details(&self, visitor: &mut dyn DetailVisitor) {
                (**self).visit_details(visitor);
            }

            #[inline]
            fn visit_message_args(
                &self,
                visitor: &mut dyn FnMut(&str, crate::localize::MessageArg<'_>),
            ) {
                (**self).visit_message_args(visitor);
            }

            #[inline]
            fn violations(&self) -> &[Violation] {
                (**self).violations()
            }

            #[inline]
            fn declared_format(&self) -> Option<&'static (dyn Format + Send + Sync)> {
                (**self).declared_format()
            }

            #[inline]
            fn fmt_wire(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                (**self).fmt_wire(f)
            }

            fn catalog() -> &'static Catalog {
                &DYN_CATALOG
            }

            #[inline]
            fn to_response(
                &self,
                format: &dyn Format,
                ctx: &Context<'_>,
            ) -> http::Response<Vec<u8>> {
                render::to_response(&**self, format, ctx)
            }

            #[inline]
            fn write_body(
                &self,
                format: &dyn Format,
                ctx: &Context<'_>,
                out: &mut Vec<u8>,
            ) -> Result<(), RenderError> {
                render::write_body(&**self, format, ctx, out)
            }
        }
    )*};
}

delegate_api_error!(
    Box<dyn ApiError + Send + Sync>,
    Box<dyn ApiError + Send>,
    Box<dyn ApiError>,
    Arc<dyn ApiError + Send + Sync>,
    Arc<dyn ApiError + Send>,
    Arc<dyn ApiError>,
);

/// `std::error::Error` for `Box<dyn ApiError + ..>`, `source` delegating (std has it
/// for `Box<T>` of a sized `T` only).
macro_rules! box_error {
    ($($obj:ty),* $(,)?) => {$(
        /// The error inside: `source` delegates to it.
        impl Error for Box<$obj> {
            #[inline]
            fn source(&self) -> Option<&(dyn Error + 'static)> {
                (**self).source()
            }
        }
    )*};
}

box_error!(
    dyn ApiError + Send + Sync,
    dyn ApiError + Send,
    dyn ApiError,
);

// Serving: a box is a framework response exactly as a derived error is (the same
// `framework_impls!` the derive calls): axum's `IntoResponse` and actix-web's
// `ResponseError`, each behind its feature. An `Arc` cannot have them (neither the trait
// nor `Arc` is this crate's); serve one as `Envelope(arc)` or `Box::new(arc)`.
crate::__private::framework_impls! { [] [Box<dyn ApiError + Send + Sync>] [] }
crate::__private::framework_impls! { [] [Box<dyn ApiError + Send>] [] }
crate::__private::framework_impls! { [] [Box<dyn ApiError>] [] }

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use http::StatusCode;

    use crate::catalog::{Catalog, CatalogEntry, Convention};
    use crate::details::{Detail, DetailVisitor};
    use crate::format::{Problem, ScaiWave};
    use crate::{ApiError, Context, Violation};

    static ENTRY: CatalogEntry = CatalogEntry::new(
        "SW_RATE_LIMITED",
        &[StatusCode::TOO_MANY_REQUESTS],
        Some("limits"),
        "Too many requests.",
        "Limited",
    );
    static CATALOG: Catalog = Catalog::new("Limited", Convention::Any, "", &[]);

    /// A hand-written error using every method, with a source.
    #[derive(Debug)]
    struct Limited {
        io: std::io::Error,
        violations: Vec<Violation>,
    }

    impl std::fmt::Display for Limited {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("slow down")
        }
    }

    impl std::error::Error for Limited {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.io)
        }
    }

    impl ApiError for Limited {
        fn code(&self) -> &'static str {
            ENTRY.code
        }
        fn status(&self) -> StatusCode {
            StatusCode::TOO_MANY_REQUESTS
        }
        fn entry(&self) -> &'static CatalogEntry {
            &ENTRY
        }
        fn retry_after(&self) -> Option<Duration> {
            Some(Duration::from_secs(7))
        }
        fn has_details(&self) -> bool {
            true
        }
        fn visit_details(&self, visitor: &mut dyn DetailVisitor) {
            visitor.detail("bucket", Detail::new(&"rooms"));
        }
        fn violations(&self) -> &[Violation] {
            &self.violations
        }
        fn catalog() -> &'static Catalog {
            &CATALOG
        }
    }

    fn limited() -> Limited {
        Limited {
            io: std::io::Error::other("disk"),
            violations: vec![Violation::new(["body", "name"], "Field required").kind("missing")],
        }
    }

    fn assert_same(boxed: &dyn ApiError, plain: &Limited) {
        assert_eq!(boxed.code(), plain.code());
        assert_eq!(boxed.status(), plain.status());
        assert!(std::ptr::eq(boxed.entry(), plain.entry()));
        assert_eq!(boxed.family(), Some("limits"));
        assert_eq!(boxed.meaning(), "Too many requests.");
        assert_eq!(boxed.retry_after(), Some(Duration::from_secs(7)));
        assert!(boxed.has_details());
        assert_eq!(boxed.violations(), plain.violations());
        assert!(boxed.declared_format().is_none());
        assert_eq!(boxed.to_string(), "slow down");
        assert_eq!(
            boxed.source().map(ToString::to_string).as_deref(),
            Some("disk")
        );
        let ctx = Context::new().request_id("req_1");
        let problem = Problem::new("https://docs.example.com/errors/");
        for format in [&ScaiWave as &dyn crate::Format, &problem] {
            let (a, b) = (
                boxed.to_response(format, &ctx),
                plain.to_response(format, &ctx),
            );
            assert_eq!(a.status(), b.status());
            assert_eq!(a.headers(), b.headers());
            assert_eq!(a.body(), b.body());
            let (mut x, mut y) = (Vec::new(), Vec::new());
            boxed.write_body(format, &ctx, &mut x).unwrap();
            plain.write_body(format, &ctx, &mut y).unwrap();
            assert_eq!(x, y);
        }
    }

    #[test]
    fn boxes_and_arcs_delegate_every_method() {
        let plain = limited();
        let boxed: Box<dyn ApiError + Send + Sync> = Box::new(limited());
        assert_same(&boxed, &plain);
        assert_same(&(Box::new(limited()) as Box<dyn ApiError + Send>), &plain);
        assert_same(&(Box::new(limited()) as Box<dyn ApiError>), &plain);
        let shared: Arc<dyn ApiError + Send + Sync> = Arc::new(limited());
        assert_same(&shared, &plain);
        assert_same(&(Arc::new(limited()) as Arc<dyn ApiError + Send>), &plain);
        assert_same(&(Arc::new(limited()) as Arc<dyn ApiError>), &plain);
        // A box of a box, or of an Arc, is one more delegation.
        let twice: Box<dyn ApiError + Send + Sync> = Box::new(boxed);
        assert_same(&twice, &plain);
        let of_arc: Box<dyn ApiError + Send + Sync> = Box::new(shared);
        assert_same(&of_arc, &plain);
    }

    #[test]
    fn a_box_has_an_empty_catalogue() {
        let catalog = <Box<dyn ApiError + Send + Sync> as ApiError>::catalog();
        assert_eq!(catalog.name, "dyn ApiError");
        assert!(catalog.is_empty());
        assert!(<Arc<dyn ApiError> as ApiError>::catalog().is_empty());
    }
}

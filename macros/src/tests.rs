//! Unit tests of the token-level expansion: `crate::derive` on `proc_macro2` streams.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Arg, Convention, Piece, SpecPart, parse_format};
use crate::pipeline::derive;
use crate::tables::iana_assigned;
use crate::valid::{follows, retry_type};

fn expand(input: TokenStream) -> String {
    derive(input).to_string()
}

/// The messages of the `compile_error!`s of an expansion.
fn errors(input: TokenStream) -> Vec<String> {
    let out = derive(input);
    let mut messages = Vec::new();
    let tokens: Vec<_> = out.into_iter().collect();
    for window in tokens.windows(3) {
        if let [
            proc_macro2::TokenTree::Ident(i),
            _,
            proc_macro2::TokenTree::Group(g),
        ] = window
            && i == "compile_error"
        {
            messages.push(g.stream().to_string());
        }
    }
    messages
}

fn assert_one_error(input: TokenStream, needle: &str) {
    let errors = errors(input);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    assert!(
        errors[0].contains(needle),
        "{:?} does not contain {needle:?}",
        errors[0]
    );
}

#[test]
fn valid_enum_expands_without_errors() {
    let out = expand(quote! {
        #[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
        enum RoomError {
            /// Closed or archived.
            #[code("SW_ROOM_FROZEN", status = 409)]
            #[message("room {room_id} is closed")]
            Frozen { room_id: String },
        }
    });
    assert!(!out.contains("compile_error"), "{out}");
    assert!(
        out.contains(":: api_envelope :: ApiError for RoomError"),
        "{out}"
    );
    assert!(
        out.contains(":: api_envelope :: Catalogued for RoomError"),
        "{out}"
    );
    assert!(out.contains("\"SW_ROOM_FROZEN\""));
    assert!(out.contains("\"room {__api_room_id} is closed\""), "{out}");
    assert!(out.contains("Convention :: ScreamingSnake"));
    assert!(out.contains("__ApiStatus :: CONFLICT"), "{out}");
}

#[test]
fn crate_override_replaces_every_runtime_path() {
    let out = expand(quote! {
        #[api_error(crate = "renamed::inner")]
        enum E {
            /// Doc.
            #[code("A", status = [502, 503])]
            A { #[status] s: u16, #[retry_after] r: u64, #[detail] d: String },
            /// Doc.
            #[code("B", status = 422)]
            B(#[violations] Vec<V>),
            /// Doc.
            #[code("C", status = 500)]
            C(#[from] Io),
        }
    });
    assert!(!out.contains("compile_error"), "{out}");
    assert!(!out.contains("api_envelope"), "{out}");
    assert!(out.contains("renamed :: inner :: __private :: choose_status"));
}

#[test]
fn only_absolute_paths_for_std() {
    let out = expand(quote! {
        enum E {
            /// Doc.
            #[code("A", status = 500)]
            A(#[source] Io, #[retry_after] Option<u64>),
        }
    });
    for bad in [
        " Option ::",
        " Some (",
        " None",
        " Result ::",
        " core ::",
        " std ::",
    ] {
        for (i, _) in out.match_indices(bad) {
            let before = &out[..i];
            assert!(
                before.ends_with(" ::") || before.ends_with("::"),
                "relative `{bad}` in {out}"
            );
        }
    }
}

#[test]
fn rules_report_one_error_each() {
    assert_one_error(
        quote!(
            enum E {
                /// D.
                #[code("A", status = 200)]
                A,
            }
        ),
        "400..=599",
    );
    assert_one_error(
        quote!(
            enum E {
                /// D.
                #[code("A", status = 420)]
                A,
            }
        ),
        "IANA",
    );
    assert_one_error(
        quote!(
            enum E {
                /// D.
                #[code("A", status = "409")]
                A,
            }
        ),
        "write `status = 409`",
    );
    assert_one_error(
        quote!(
            enum E {
                /// D.
                A,
            }
        ),
        "has no `#[code]`",
    );
    assert_one_error(
        quote!(
            enum E {
                /// D.
                #[code("A", stauts = 409)]
                A,
            }
        ),
        "did you mean `status`?",
    );
    assert_one_error(
        quote!(
            #[api_error(convention = "snake_case")]
            enum E {
                /// D.
                #[code("NotSnake", status = 400)]
                A,
            }
        ),
        "write `\\\"not_snake\\\"`",
    );
    assert_one_error(
        quote!(
            enum E {
                #[code("A", status = 400)]
                A,
            }
        ),
        "has no message",
    );
    assert_one_error(
        quote!(
            enum E {
                /// D.
                #[code("A", status = [502, 503])]
                A,
            }
        ),
        "no `#[status]` field",
    );
    assert_one_error(
        quote!(
            enum E {
                /// D.
                #[code("A", status = 400)]
                #[message("{nope}")]
                A { yes: u8 },
            }
        ),
        "names no field",
    );
    assert_one_error(
        quote!(
            enum E {
                /// D.
                #[code("A", status = 400)]
                A(#[detail] u8),
            }
        ),
        "needs a name",
    );
    assert_one_error(quote!(union U { a: u8 }), "union");
}

#[test]
fn duplicate_code_points_at_both() {
    let errors = errors(quote! {
        enum E {
            /// D.
            #[code("A", status = 400)] X,
            /// D.
            #[code("A", status = 400)] Y,
        }
    });
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].contains("duplicate code `A`"));
    assert!(errors[1].contains("first used here"));
}

#[test]
fn errors_accumulate_and_placeholders_follow() {
    let out = derive(quote! {
        #[api_error(convention = "SCREAMING_SNAKE", typo = 1)]
        enum E {
            /// D.
            #[code("a", status = 999)] #[message("{x}")] A,
            #[code("B", status = 400)] B(#[from] Io, u8),
        }
    });
    let text = out.to_string();
    assert_eq!(text.matches("compile_error").count(), 6, "{text}");
    // Placeholder impls, so users of `E` see no follow-on errors.
    assert!(text.contains("ApiError for E"));
    assert!(text.contains("Catalogued for E"));
    assert!(text.contains(":: core :: convert :: From < Io > for E"));
    assert!(text.contains(":: core :: unreachable !"));
}

#[test]
fn union_gets_errors_only() {
    let out = expand(quote!(union U { a: u8 }));
    assert!(out.contains("compile_error"));
    assert!(!out.contains("impl"));
}

#[test]
fn never_panics_on_odd_input() {
    let inputs = [
        quote!(),
        quote!(garbage tokens here),
        quote!(
            fn f() {}
        ),
        quote!(
            enum E {}
        ),
        quote!(
            struct S;
        ),
        quote!(
            enum E {
                A = 1,
            }
        ),
        quote!(
            enum E {
                #[code]
                A,
            }
        ),
        quote!(
            enum E {
                #[code()]
                A,
            }
        ),
        quote!(
            enum E {
                #[code = "A"]
                A,
            }
        ),
        quote!(
            enum E {
                #[code(1)]
                A,
            }
        ),
        quote!(
            enum E {
                #[code(status = 400)]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A" status = 400)]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = [])]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = [[400]])]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = -400)]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 99999999999999999999999999)]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400, status = 401)]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400, expose = true, public)]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400, crate::x = 1)]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message = "x"]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message(1)]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message("{:.*}")]
                A(u8, u8),
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message("{ }{0:}{}}")]
                A(u8),
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message("{99999999999999999999}")]
                A(u8),
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message("{é}{r#}{_}{a-b}")]
                A { é: u8 },
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message("{0:$$}{0:x$}")]
                A(u8),
            }
        ),
        quote!(
            enum E {
                #[code("\u{0}", status = 400)]
                #[message("x")]
                A,
            }
        ),
        quote!(
            enum E {
                #[code("A B", status = 400)]
                #[message("x")]
                A,
            }
        ),
        quote!(
            #[api_error]
            enum E {}
        ),
        quote!(
            #[api_error = "x"]
            enum E {}
        ),
        quote!(
            #[api_error(crate = "not a path")]
            enum E {}
        ),
        quote!(
            #[api_error(crate = 1, convention = 2, prefix)]
            enum E {}
        ),
        quote!(
            #[api_error(format = some::path)]
            enum E {}
        ),
        quote!(
            enum E<const N: usize, 'a, T: ?Sized>
            where
                T: 'a,
            {
                #[code("A", status = 400)]
                #[message("x")]
                A(&'a T),
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message("x")]
                A(
                    #[detail(name)] u8,
                    #[detail(name = 1)] u8,
                    #[detail = "x"] u8,
                ),
            }
        ),
        quote!(
            enum E {
                #[code("A", status = 400)]
                #[message("x")]
                A(#[source(x)] u8, #[from = 1] u8),
            }
        ),
        quote!(
            struct S(#[retry_after] fn() -> u8);
        ),
        quote!(
            struct S {
                #[status]
                a: u8,
            }
        ),
    ];
    for input in inputs {
        let _ = derive(input);
    }
}

#[test]
fn format_strings() {
    let pieces = parse_format("a {x} {{b}} {0:>5} {y:.prec$?} {r#type}").unwrap();
    let args: Vec<_> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Arg { arg, trait_, spec } => Some((arg.clone(), trait_.clone(), spec.len())),
            Piece::Text(_) => None,
        })
        .collect();
    assert!(args[0] == (Arg::Named("x".into()), String::new(), 0));
    assert!(args[1] == (Arg::Index(0), String::new(), 1));
    assert!(args[2].0 == Arg::Named("y".into()) && args[2].1 == "?");
    assert!(args[3].0 == Arg::Named("type".into()));
    let Piece::Arg { spec, .. } = &pieces[5] else {
        panic!("arg")
    };
    assert!(matches!(&spec[1], SpecPart::Ref(Arg::Named(p)) if p == "prec"));
    assert!(matches!(&pieces[2], Piece::Text(t) if t == " {b} "));
    assert!(parse_format("{").is_err());
    assert!(parse_format("}").is_err());
    // `{}` takes the next argument after the format string, in order.
    let pieces = parse_format("{} {:?} {0}").unwrap();
    let args: Vec<&Arg> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Arg { arg, .. } => Some(arg),
            Piece::Text(_) => None,
        })
        .collect();
    assert!(args == [&Arg::Positional(0), &Arg::Positional(1), &Arg::Index(0)]);
    assert!(parse_format("{x:.*}").is_err());
    assert!(parse_format("{x:*^9}").is_ok(), "`*` as a fill character");
}

#[test]
fn conventions() {
    assert!(follows(Convention::ScreamingSnake, "SW_ROOM_FROZEN"));
    assert!(follows(Convention::ScreamingSnake, "HTTP_403"));
    assert!(!follows(Convention::ScreamingSnake, "SW__ROOM"));
    assert!(!follows(Convention::ScreamingSnake, "_SW"));
    assert!(!follows(Convention::ScreamingSnake, "sw_room"));
    assert!(follows(Convention::SnakeCase, "secret_not_found"));
    assert!(!follows(Convention::SnakeCase, "secret-not-found"));
    assert!(follows(Convention::Dotted, "service.not-ready"));
    assert!(follows(Convention::Dotted, "http.403"));
    assert!(follows(Convention::Dotted, "auth.api_key.expired"));
    assert!(!follows(Convention::Dotted, "auth..token"));
    assert!(!follows(Convention::Dotted, "Auth.token"));
    assert!(follows(Convention::Any, "Whatever-1.x"));
    assert!(!follows(Convention::Any, "two words"));
}

#[test]
fn iana_statuses() {
    for n in [
        400, 417, 421, 424, 426, 428, 429, 431, 451, 500, 501, 507, 508, 510, 511,
    ] {
        assert!(iana_assigned(n), "{n}");
    }
    for n in [418, 419, 420, 427, 430, 499, 509, 512, 599] {
        assert!(!iana_assigned(n), "{n}");
    }
}

#[test]
fn retry_types() {
    for ok in [
        quote!(u64),
        quote!(i32),
        quote!(Duration),
        quote!(std::time::Duration),
        quote!(::core::time::Duration),
        quote!(Option<u8>),
        quote!(std::option::Option<Duration>),
    ] {
        assert!(retry_type(&syn::parse2(ok.clone()).unwrap()), "{ok}");
    }
    for bad in [
        quote!(f64),
        quote!(String),
        quote!(Option<Option<u8>>),
        quote!(&u64),
        quote!(T),
    ] {
        assert!(!retry_type(&syn::parse2(bad.clone()).unwrap()), "{bad}");
    }
}

#[test]
fn a_field_named_underscore_is_rejected_on_the_field() {
    assert_one_error(
        quote!(
            /// Doc.
            #[code("CODE_0", status = 409)]
            struct S {
                #[detail]
                _: &'static str,
            }
        ),
        "has a field named `_`",
    );
}

#[test]
fn codes_are_printable_ascii_and_under_any_uri_segment_safe() {
    for (code, needle) in [
        // (The messages are compared as escaped literals.)
        ("ROOM\"FROZEN", r#"contains a `\"`"#),
        ("ROOM\\FROZEN", r"contains a `\\`"),
        ("ROOM_FRÖZEN", "the non-ASCII character `Ö`"),
        ("ROOM\u{7}", "the control character U+0007"),
    ] {
        let lit = proc_macro2::Literal::string(code);
        assert_one_error(
            quote!(
                enum E {
                    /// Doc.
                    #[code(#lit, status = 409)]
                    A,
                }
            ),
            needle,
        );
    }
    // Whitespace stays the convention's rule (one error, with the fix).
    assert_one_error(
        quote!(
            enum E {
                /// Doc.
                #[code("ROOM FROZEN", status = 409)]
                A,
            }
        ),
        "which a URI path segment",
    );
    // Under `any`: what a URI path segment, a header and JSON carry as they are.
    for code in ["a.b-c", "X!$&'()*+,-.:;=@_~"] {
        assert!(
            errors(quote!(
                enum E {
                    /// Doc.
                    #[code(#code, status = 409)]
                    A,
                }
            ))
            .is_empty(),
            "{code}"
        );
    }
    // `/`, `?`, `#`, `%` and the like would break the RFC 9457 `type` URI: one error, with
    // the fix.
    for code in [
        "a/b", "a?b", "a#b", "a%20b", "a<b>", "a[0]", "a{b}", "a|b", "a^b", "a`b",
    ] {
        assert_one_error(
            quote!(
                enum E {
                    /// Doc.
                    #[code(#code, status = 409)]
                    A,
                }
            ),
            "which a URI path segment",
        );
    }
}

#[test]
fn meaning_overrides_the_doc_comment() {
    let out = expand(quote! {
        enum E {
            /// Rustdoc only.
            #[code("A", status = 409, meaning = "The catalogue meaning.")]
            A,
            #[code("B", status = 404, meaning = "")]
            #[message("b")]
            B,
        }
    });
    assert!(!out.contains("compile_error"), "{out}");
    assert!(out.contains("\"The catalogue meaning.\""), "{out}");
    assert!(!out.contains("\"Rustdoc only.\" , \"A\""), "{out}");
    // The doc comment is still A's message.
    assert!(
        out.contains("write_str (__formatter , \"Rustdoc only.\")"),
        "{out}"
    );
    assert_one_error(
        quote!(
            enum E {
                /// Doc.
                #[code("A", status = 409, meaning = 1)]
                A,
            }
        ),
        "`meaning` takes a string",
    );
}

#[test]
fn framework_impls_can_be_turned_off() {
    let on = expand(quote! {
        enum E {
            /// Doc.
            #[code("A", status = 409)]
            A,
        }
    });
    assert!(on.contains("framework_impls !"), "{on}");
    let off = expand(quote! {
        #[api_error(framework_impls = false)]
        enum E {
            /// Doc.
            #[code("A", status = 409)]
            A,
        }
    });
    assert!(!off.contains("compile_error"), "{off}");
    assert!(!off.contains("framework_impls"), "{off}");
    assert_one_error(
        quote!(
            #[api_error(framework_impls = "no")]
            enum E {
                /// Doc.
                #[code("A", status = 409)]
                A,
            }
        ),
        "`framework_impls` takes `true` or `false`: write `framework_impls = false`",
    );
}

/// The token-level reader of `#[code]` / `#[message]` and the general path agree: the same
/// expansion whether an attribute takes the fast path or not (a raw key, a raw string or
/// a hexadecimal status are only read by the general path).
#[test]
fn fast_and_general_attribute_paths_agree() {
    let fast = expand(quote! {
        enum E {
            /// Doc.
            #[code("A", status = [502, 503], family = "f", public = "p", meaning = "m", expose)]
            #[message("upstream {s}")]
            A { #[status] s: u16 },
            /// Doc.
            #[code("B", status = 404u16,)]
            #[message("b",)]
            B,
        }
    });
    let general = expand(quote! {
        enum E {
            /// Doc.
            #[code("A", r#status = [502, 0x1F7], family = r"f", public = "p", meaning = "m", expose)]
            #[message(r"upstream {s}")]
            A { #[status] s: u16 },
            /// Doc.
            #[code("B", r#status = 404u16,)]
            #[message("b",)]
            B,
        }
    });
    assert!(!fast.contains("compile_error"), "{fast}");
    assert_eq!(fast, general);
}

#[test]
fn the_derive_declares_every_helper_attribute_of_the_tables() {
    use crate::tables::{CONTAINER_ATTRS, FIELD_ATTRS, HABIT_ATTRS, VARIANT_ATTRS};
    let lib = include_str!("lib.rs");
    let start = lib
        .find("attributes(")
        .expect("the derive's attribute list");
    let end = start + lib[start..].find(")\n)]").expect("its end");
    let declared: Vec<&str> = lib[start + "attributes(".len()..end]
        .split(',')
        .map(|item| {
            item.lines()
                .filter(|l| !l.trim().starts_with("//"))
                .collect::<String>()
        })
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .map(|item| Box::leak(item.into_boxed_str()) as &str)
        .collect();
    let tables: Vec<&str> = [CONTAINER_ATTRS, VARIANT_ATTRS, FIELD_ATTRS, HABIT_ATTRS].concat();
    let mut a = declared.clone();
    let mut b = tables.clone();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(
        a, b,
        "lib.rs declares {declared:?}, the tables list {tables:?}"
    );
}

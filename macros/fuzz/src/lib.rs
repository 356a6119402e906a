//! The macro crate's expansion, compiled as a plain library so a fuzz target can call it
//! (a proc-macro crate exports nothing but its macros). The modules are the macro
//! crate's own files (every one but `lib.rs`, whose `#[proc_macro_derive]` needs a
//! proc-macro crate, and its tests); keep this list in step with the `mod`s of
//! `macros/src/lib.rs`.

#![allow(dead_code, missing_docs)]

// `expand/code.rs` lexes through the compiler when it is there (never, here).
extern crate proc_macro;

#[path = "../../src/accept.rs"]
mod accept;
#[path = "../../src/ast.rs"]
mod ast;
#[path = "../../src/attr/mod.rs"]
mod attr;
#[path = "../../src/expand/mod.rs"]
mod expand;
#[path = "../../src/pipeline.rs"]
mod pipeline;
#[path = "../../src/prop.rs"]
mod prop;
#[path = "../../src/tables.rs"]
mod tables;
#[path = "../../src/valid.rs"]
mod valid;

use proc_macro2::TokenStream;

/// Expands `data` read as a derive input and checks the result with the macro crate's
/// own acceptance check (`accept.rs`, which its robustness harness runs too): no panic
/// (libFuzzer reports one as a crash), items that parse, the impls or `compile_error!`s.
///
/// Text whose first line is `#!template` fills the holes of a derive input line by
/// line (container attribute, `#[code]` arguments, `#[message]` arguments, fields), so
/// the fuzzer reaches the attribute parsers without having to find a whole item first;
/// any other text is the whole input.
pub fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let source = match text.strip_prefix("#!template\n") {
        Some(rest) => {
            let mut holes = rest.splitn(4, '\n');
            let mut hole = || holes.next().unwrap_or("");
            let (container, code, message, fields) = (hole(), hole(), hole(), hole());
            format!(
                "#[api_error({container})]\nenum E {{\n/// Doc.\n#[code({code})]\n#[message({message})]\nV {{ {fields} }}\n}}"
            )
        }
        None => text.into_owned(),
    };
    let Ok(input) = source.parse::<TokenStream>() else {
        return;
    };
    let out = pipeline::derive(input);
    if let Err(why) = accept::accept(&out) {
        panic!("{why}\ninput: {source}\noutput: {out}");
    }
}

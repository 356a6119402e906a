//! The macro crate's expansion, compiled as a plain library so a fuzz target can call it
//! (a proc-macro crate exports nothing but its macros). The modules are the macro
//! crate's own files; keep this list in step with the `mod`s of `macros/src/lib.rs`.

#![allow(dead_code, missing_docs)]

#[path = "../../src/ast.rs"]
mod ast;
#[path = "../../src/attr.rs"]
mod attr;
#[path = "../../src/expand.rs"]
mod expand;
#[path = "../../src/valid.rs"]
mod valid;

use proc_macro2::{TokenStream, TokenTree};

/// Expands `data` read as a derive input and checks the result: no panic (libFuzzer
/// reports one as a crash), and items that parse: the impls, or `compile_error!`s.
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
    let out = expand::derive(input);
    if let Err(e) = syn::parse2::<syn::File>(out.clone()) {
        panic!("the expansion does not parse as items: {e}\ninput: {source}\noutput: {out}");
    }
    let has_error = contains_ident(&out, "compile_error");
    assert!(
        has_error || out.to_string().contains("ApiError for"),
        "neither impls nor an error\ninput: {source}\noutput: {out}"
    );
}

fn contains_ident(stream: &TokenStream, name: &str) -> bool {
    stream.clone().into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == name,
        TokenTree::Group(g) => contains_ident(&g.stream(), name),
        _ => false,
    })
}

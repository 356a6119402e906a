//! The acceptance check of an expansion, one copy for the robustness harness
//! (`harness.rs`) and the fuzz target (`macros/fuzz`): whatever the input, the derive
//! gives items that parse, and either the impls or at least one non-empty
//! `compile_error!`.

use proc_macro2::{TokenStream, TokenTree};

/// What an acceptable expansion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The impls, no error.
    Expanded,
    /// At least one `compile_error!` (with placeholder impls).
    Rejected,
}

/// Whether `out` is an acceptable expansion, and which; `Err` says what is wrong.
pub(crate) fn accept(out: &TokenStream) -> Result<Outcome, String> {
    if let Err(e) = syn::parse2::<syn::File>(out.clone()) {
        return Err(format!("the expansion does not parse as items ({e})"));
    }
    let errors = compile_errors(out);
    if errors.is_empty() {
        if out.to_string().contains("ApiError for") {
            Ok(Outcome::Expanded)
        } else {
            Err("no error and no impl".to_owned())
        }
    } else if errors
        .iter()
        .any(|m| m.trim_matches(|c| c == '"' || c == ' ').is_empty())
    {
        Err("an empty compile_error!".to_owned())
    } else {
        Ok(Outcome::Rejected)
    }
}

/// The messages of the `compile_error!`s in `out`, at any depth.
pub(crate) fn compile_errors(out: &TokenStream) -> Vec<String> {
    fn walk(stream: TokenStream, found: &mut Vec<String>) {
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        for (i, token) in tokens.iter().enumerate() {
            match token {
                TokenTree::Ident(ident) if ident == "compile_error" => {
                    if let Some(TokenTree::Group(g)) = tokens.get(i + 2) {
                        found.push(g.stream().to_string());
                    }
                }
                TokenTree::Group(g) => walk(g.stream(), found),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    walk(out.clone(), &mut found);
    found
}

//! The derive on `proc_macro2` tokens, stage by stage: parse, build the model (`ast`),
//! check every rule (`valid`), expand (`expand`). Its own file so the fuzz target
//! (`macros/fuzz`) compiles the same pipeline outside a proc-macro crate.

use proc_macro2::TokenStream;

use crate::{ast, expand, valid};

/// `#[derive(ApiError)]` on `proc_macro2` tokens: parse, build the model (`ast`), check
/// every rule (`valid`), then expand (`expand`): the impls, or every error beside
/// placeholder impls (so no follow-on errors appear).
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let node = match syn::parse2::<syn::DeriveInput>(input) {
        Ok(node) => node,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = darling::Error::accumulator();
    let model = ast::input(&node, &mut errors);
    valid::check(&model, &mut errors);
    let krate: syn::Path = model
        .attrs
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::api_envelope));
    match errors.finish() {
        Ok(()) => expand::impls(&model, krate),
        Err(e) if matches!(model.shape, ast::Shape::Union(_)) => e.write_errors(),
        Err(e) => {
            let mut out = e.write_errors();
            out.extend(expand::fallback(&model, krate));
            out
        }
    }
}

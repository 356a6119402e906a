//! Placeholder
use proc_macro::TokenStream;
#[proc_macro_derive(ApiError, attributes(api_error, code, message, source, from, retry_after, detail, violations, status))]
pub fn derive_api_error(_input: TokenStream) -> TokenStream { TokenStream::new() }

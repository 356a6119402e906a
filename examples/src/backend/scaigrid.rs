//! ScaiGrid's model catalogue and a toy chat completion over it.
//!
//! ```
//! use api_envelope::ApiError;
//! use api_envelope_examples::backend::scaigrid::{ChatMessage, ChatRequest, Models, Role};
//!
//! let models = Models::seeded();
//! assert_eq!(models.get("scai-fast").unwrap().slug, "scai-fast");
//! assert_eq!(models.get("gpt-9").unwrap_err().code(), "MODEL_NOT_FOUND");
//!
//! let request = ChatRequest {
//!     model: "scai-fast".into(),
//!     messages: vec![ChatMessage { role: Role::User, content: "ping".into() }],
//! };
//! let completion = models.complete(&request).unwrap();
//! assert_eq!(completion.choices[0].message.content, "You said: ping");
//! ```

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::{Error, boxed, constraints, field_errors, length, lock};
use crate::scaigrid::{ModelError, ValidationError};

/// A model as `GET /v1/models/{slug}` answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Model {
    /// The frontend slug clients name it by.
    pub slug: String,
    /// Its context window, in tokens.
    pub context_window: u32,
    /// The provider serving it.
    pub provider: String,
}

/// Who said a chat message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The system prompt.
    System,
    /// The caller.
    User,
    /// The model.
    Assistant,
}

/// One chat message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Who said it.
    pub role: Role,
    /// What was said.
    pub content: String,
}

/// The body of `POST /v1/chat/completions`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ChatRequest {
    /// The model's slug.
    pub model: String,
    /// The conversation so far: at least one message.
    pub messages: Vec<ChatMessage>,
}

impl validator::Validate for ChatRequest {
    /// What `#[validate(length(min = 1, message = "must contain at least 1 item"))]` on
    /// `messages` checks.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        let empty = length(&self.messages, self.messages.len(), Some(1), None)
            .map(|e| e.with_message("must contain at least 1 item".into()));
        field_errors([("messages", empty)])
    }
}

/// One choice of a completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// Its index.
    pub index: u32,
    /// The model's answer.
    pub message: ChatMessage,
}

/// A chat completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// The completion's id (`cmpl_1`, `cmpl_2`, ...).
    pub id: String,
    /// The model that answered.
    pub model: String,
    /// The answers (one).
    pub choices: Vec<Choice>,
}

/// ScaiGrid's success envelope: `{"status":"success","data":..,"meta":{"request_id"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Success<T> {
    /// Always `success`.
    pub status: &'static str,
    /// The answer.
    pub data: T,
    /// The request's facts.
    pub meta: Meta,
}

/// The `meta` of a ScaiGrid envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// The request's id (its `X-Request-ID`).
    pub request_id: String,
}

impl<T> Success<T> {
    /// `data` as the answer to the request `request_id`.
    pub fn new(request_id: &str, data: T) -> Self {
        Self {
            status: "success",
            data,
            meta: Meta {
                request_id: request_id.to_owned(),
            },
        }
    }
}

#[derive(Debug)]
struct State {
    models: Vec<Model>,
    next_completion: u64,
}

/// The gateway's models. Clones share the same state.
#[derive(Debug, Clone)]
pub struct Models(Arc<Mutex<State>>);

impl Models {
    /// Two models: `scai-fast` and `scai-smart`.
    #[must_use]
    pub fn seeded() -> Self {
        let model = |slug: &str, context_window| Model {
            slug: slug.to_owned(),
            context_window,
            provider: "scaiinfer".to_owned(),
        };
        Self(Arc::new(Mutex::new(State {
            models: vec![model("scai-fast", 8_192), model("scai-smart", 131_072)],
            next_completion: 1,
        })))
    }

    /// Every model, by slug.
    #[must_use]
    pub fn list(&self) -> Vec<Model> {
        lock(&self.0).models.clone()
    }

    /// The model `slug`.
    ///
    /// # Errors
    /// `MODEL_NOT_FOUND` when there is none.
    pub fn get(&self, slug: &str) -> Result<Model, ModelError> {
        lock(&self.0)
            .models
            .iter()
            .find(|m| m.slug == slug)
            .cloned()
            .ok_or_else(|| ModelError::NotFound {
                model: slug.to_owned(),
            })
    }

    /// Answers `request` (the toy model echoes the last message).
    ///
    /// # Errors
    /// `VALIDATION_ERROR` when there is no message, `MODEL_NOT_FOUND` when the model is
    /// unknown.
    pub fn complete(&self, request: &ChatRequest) -> Result<Completion, Error> {
        // The extractor (`Valid<Json<ChatRequest>>`) checks first; this guards direct
        // callers with the same constraints.
        constraints(request, "body")
            .map_err(|violations| boxed(ValidationError::Invalid { violations }))?;
        // At least one message: the constraints hold.
        let said = request.messages.last().map_or("", |m| m.content.as_str());
        let model = self.get(&request.model).map_err(boxed)?;
        let mut state = lock(&self.0);
        let id = format!("cmpl_{}", state.next_completion);
        state.next_completion += 1;
        Ok(Completion {
            id,
            model: model.slug,
            choices: vec![Choice {
                index: 0,
                message: ChatMessage {
                    role: Role::Assistant,
                    content: format!("You said: {said}"),
                },
            }],
        })
    }
}

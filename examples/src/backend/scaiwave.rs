//! ScaiWave's rooms: `general` (open, up to 2 participants), `solo` (open, 1) and
//! `frozen` (closed), each with its messages and participants.
//!
//! ```
//! use api_envelope::ApiError;
//! use api_envelope_examples::backend::scaiwave::{NewMessage, Rooms};
//!
//! let rooms = Rooms::seeded();
//! let sent = rooms.post_message("general", NewMessage { text: "hello".into() }).unwrap();
//! assert_eq!(sent.room_id, "general");
//! assert_eq!(rooms.get("general").unwrap().messages, 1);
//! assert_eq!(rooms.post_message("frozen", NewMessage { text: "hi".into() }).unwrap_err().code(), "SW_ROOM_FROZEN");
//! assert_eq!(rooms.get("nope").unwrap_err().code(), "SW_ROOM_NOT_FOUND");
//! assert_eq!(rooms.join("solo", "ana").unwrap().participants, ["ana"]);
//! assert_eq!(rooms.join("solo", "bo").unwrap_err().code(), "SW_ROOM_CAPACITY");
//! ```

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::{Error, boxed, constraints, field_errors, length, lock, range};
use crate::scaiwave::{MiscError, RoomError};

/// The most messages one page lists, and the default page size.
pub const MAX_PAGE: i64 = 100;

/// A room as `GET /v1/rooms/{room_id}` answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Room {
    /// The room's id.
    pub room_id: String,
    /// Its display name.
    pub name: String,
    /// Whether it is closed (posting answers `SW_ROOM_FROZEN`).
    pub frozen: bool,
    /// How many messages it holds.
    pub messages: usize,
}

/// A posted message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// The event's id (`evt_1`, `evt_2`, ...).
    pub event_id: String,
    /// The room it was posted in.
    pub room_id: String,
    /// Its text.
    pub text: String,
}

/// The body of `POST /v1/rooms/{room_id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewMessage {
    /// The text, at least one character.
    pub text: String,
}

impl validator::Validate for NewMessage {
    /// What `#[validate(length(min = 1))]` on `text` checks.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        field_errors([(
            "text",
            length(&self.text, self.text.chars().count(), Some(1), None),
        )])
    }
}

/// The query of `GET /v1/rooms/{room_id}/messages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub struct MessagePage {
    /// How many of the latest messages to list: 1 to [`MAX_PAGE`] (default).
    pub limit: Option<i64>,
}

impl validator::Validate for MessagePage {
    /// What `#[validate(range(min = 1, max = 100))]` on `limit` checks.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        field_errors([(
            "limit",
            self.limit
                .and_then(|limit| range(limit.into(), 1, MAX_PAGE)),
        )])
    }
}

/// A room's participants, as `PUT /v1/rooms/{room_id}/participants/{user_id}` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participants {
    /// The room's id.
    pub room_id: String,
    /// Who is in it, in the order they joined.
    pub participants: Vec<String>,
    /// How many it holds at most.
    pub max_participants: u32,
}

#[derive(Debug)]
struct Slot {
    room: Room,
    messages: Vec<Message>,
    participants: Vec<String>,
    max_participants: u32,
}

#[derive(Debug)]
struct State {
    rooms: BTreeMap<String, Slot>,
    next_event: u64,
}

/// The rooms of one ScaiWave tenant. Clones share the same rooms.
#[derive(Debug, Clone)]
pub struct Rooms(Arc<Mutex<State>>);

impl Rooms {
    /// Three rooms: `general`, open, for 2 participants; `solo`, open, for 1; and
    /// `frozen`, closed.
    #[must_use]
    pub fn seeded() -> Self {
        let room = |id: &str, name: &str, frozen, max_participants| {
            let room = Room {
                room_id: id.to_owned(),
                name: name.to_owned(),
                frozen,
                messages: 0,
            };
            let slot = Slot {
                room,
                messages: Vec::new(),
                participants: Vec::new(),
                max_participants,
            };
            (id.to_owned(), slot)
        };
        Self(Arc::new(Mutex::new(State {
            rooms: [
                room("general", "General", false, 2),
                room("solo", "Solo", false, 1),
                room("frozen", "Archive", true, 2),
            ]
            .into_iter()
            .collect(),
            next_event: 1,
        })))
    }

    /// The room `room_id`.
    ///
    /// # Errors
    /// `SW_ROOM_NOT_FOUND` when there is none.
    pub fn get(&self, room_id: &str) -> Result<Room, RoomError> {
        lock(&self.0)
            .rooms
            .get(room_id)
            .map(|slot| slot.room.clone())
            .ok_or_else(|| not_found(room_id))
    }

    /// Posts `new` in `room_id`.
    ///
    /// # Errors
    /// `SW_ROOM_NOT_FOUND`, `SW_ROOM_FROZEN` when the room is closed, `SW_VALIDATION_ERROR`
    /// when the text is empty.
    pub fn post_message(&self, room_id: &str, new: NewMessage) -> Result<Message, Error> {
        // The extractor (`Valid<Json<NewMessage>>`) checks first; this guards direct
        // callers with the same constraints.
        constraints(&new, "body").map_err(validation)?;
        let text = new.text;
        let mut state = lock(&self.0);
        let event_id = format!("evt_{}", state.next_event);
        let Slot { room, messages, .. } = state
            .rooms
            .get_mut(room_id)
            .ok_or_else(|| boxed(not_found(room_id)))?;
        if room.frozen {
            return Err(Box::new(RoomError::Frozen {
                room_id: room_id.to_owned(),
            }));
        }
        let message = Message {
            event_id,
            room_id: room_id.to_owned(),
            text,
        };
        messages.push(message.clone());
        room.messages = messages.len();
        state.next_event += 1;
        Ok(message)
    }

    /// The latest messages of `room_id`, oldest first.
    ///
    /// # Errors
    /// `SW_ROOM_NOT_FOUND`, `SW_VALIDATION_ERROR` when `limit` is outside 1 to
    /// [`MAX_PAGE`].
    pub fn messages(&self, room_id: &str, page: MessagePage) -> Result<Vec<Message>, Error> {
        constraints(&page, "query").map_err(validation)?;
        let limit = page.limit.unwrap_or(MAX_PAGE);
        let state = lock(&self.0);
        let messages = &state
            .rooms
            .get(room_id)
            .ok_or_else(|| boxed(not_found(room_id)))?
            .messages;
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        Ok(messages[messages.len().saturating_sub(limit)..].to_vec())
    }
}

impl Rooms {
    /// Adds `user_id` to the participants of `room_id` (once: joining again changes
    /// nothing).
    ///
    /// # Errors
    /// `SW_ROOM_NOT_FOUND`, `SW_ROOM_FROZEN` when the room is closed, `SW_ROOM_CAPACITY`
    /// when it is full.
    pub fn join(&self, room_id: &str, user_id: &str) -> Result<Participants, RoomError> {
        let mut state = lock(&self.0);
        let slot = state
            .rooms
            .get_mut(room_id)
            .ok_or_else(|| not_found(room_id))?;
        if slot.room.frozen {
            return Err(RoomError::Frozen {
                room_id: room_id.to_owned(),
            });
        }
        if !slot.participants.iter().any(|p| p == user_id) {
            let full =
                u32::try_from(slot.participants.len()).map_or(true, |n| n >= slot.max_participants);
            if full {
                return Err(RoomError::Capacity {
                    room_id: room_id.to_owned(),
                    max_participants: slot.max_participants,
                });
            }
            slot.participants.push(user_id.to_owned());
        }
        Ok(Participants {
            room_id: room_id.to_owned(),
            participants: slot.participants.clone(),
            max_participants: slot.max_participants,
        })
    }
}

fn validation(violations: Vec<api_envelope::Violation>) -> Error {
    boxed(MiscError::Validation { violations })
}

fn not_found(room_id: &str) -> RoomError {
    RoomError::NotFound {
        room_id: room_id.to_owned(),
    }
}

//! The one error shape that crosses IPC: a stable `kind` the UI can branch on and a `message`
//! it can show as it is.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub kind: String,
    pub message: String,
}

impl IpcError {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        IpcError {
            kind: kind.into(),
            message: message.into(),
        }
    }
}

impl From<cuttings_core::Error> for IpcError {
    fn from(e: cuttings_core::Error) -> Self {
        IpcError::new(e.kind(), e.to_string())
    }
}

impl From<tauri::Error> for IpcError {
    fn from(e: tauri::Error) -> Self {
        IpcError::new("app", e.to_string())
    }
}

pub type Res<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_core_error_crosses_ipc_as_its_kind_and_message() {
        let e: IpcError =
            cuttings_core::Error::invalid("date", "2015-02-30 is not a calendar date").into();
        assert_eq!(e.kind, "invalid");
        assert_eq!(e.message, "date: 2015-02-30 is not a calendar date");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "invalid", "message": "date: 2015-02-30 is not a calendar date"})
        );
    }
}

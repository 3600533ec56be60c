//! The one status table (docs/nats.md §2.1) and the micro error headers an
//! error answer gets (`Nats-Service-Error`, `Nats-Service-Error-Code`).

use kkrpc_runtime::frame::{
    read_error_payload, ErrorPayload, FrameKind, RawHeader, SystemErrorCode, HEADER_LEN,
};
use kkrpc_runtime::wire::Limits;

/// The status of a typed error (any).
pub const TYPED_ERROR_STATUS: u16 = 422;

/// The status of a system error code.
pub fn system_status(code: SystemErrorCode) -> u16 {
    use SystemErrorCode::*;
    match code {
        Decode | BadFrame => 400,
        Forbidden => 403,
        UnknownOp => 404,
        TooLarge => 413,
        Cancelled => 499,
        Trap | Internal => 500,
        Overloaded | Unavailable => 503,
        Timeout => 504,
    }
}

/// The micro error of an answer frame: `Nats-Service-Error` (for a system
/// error `<name>: <message>`, for a typed error `typed error <wire_id>`: the
/// descriptor names no error types) and `Nats-Service-Error-Code`; `None`
/// for an ok answer.
pub fn answer_error(answer: &[u8]) -> Option<(String, u16)> {
    let h = RawHeader::read(answer)?;
    if h.kind != FrameKind::Error as u8 {
        return None;
    }
    let payload = answer.get(HEADER_LEN..).unwrap_or_default();
    let (text, status) = match read_error_payload(payload, &Limits::default()) {
        Ok(ErrorPayload::Typed(t)) => (format!("typed error {}", t.error_id), TYPED_ERROR_STATUS),
        Ok(ErrorPayload::System { code, message }) => {
            let code = SystemErrorCode::from_u32_lossy(code);
            let text = if message.starts_with(code.as_str()) {
                message.to_string()
            } else {
                format!("{code}: {message}")
            };
            (text, system_status(code))
        }
        Err(e) => (format!("internal: malformed error frame: {e}"), 500),
    };
    Some((header_safe(&text), status))
}

/// `text` fit for a header value: one line, at most [`MAX_ERROR_TEXT`] bytes.
fn header_safe(text: &str) -> String {
    let mut end = text.len().min(MAX_ERROR_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].replace(['\r', '\n'], " ")
}

/// The longest `Nats-Service-Error` text; the frame keeps the whole message.
pub const MAX_ERROR_TEXT: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;
    use kkrpc_runtime::frame::{empty_ok_frame, system_error_frame, typed_error_frame};

    #[test]
    fn answers_map_to_statuses() {
        assert_eq!(answer_error(&empty_ok_frame(1, 2)), None);
        assert_eq!(
            answer_error(&typed_error_frame(1, 2, 7, &5u32)),
            Some(("typed error 7".into(), 422))
        );
        assert_eq!(
            answer_error(&system_error_frame(
                1,
                2,
                SystemErrorCode::UnknownOp,
                "no op 9"
            )),
            Some(("unknown_op: no op 9".into(), 404))
        );
        assert_eq!(
            answer_error(&system_error_frame(
                1,
                2,
                SystemErrorCode::Forbidden,
                "forbidden: x"
            )),
            Some(("forbidden: x".into(), 403))
        );
        let long = format!("a\r\nb{}", "é".repeat(300));
        let (text, _) =
            answer_error(&system_error_frame(1, 2, SystemErrorCode::Trap, &long)).unwrap();
        assert!(text.starts_with("trap: a  b") && text.len() <= MAX_ERROR_TEXT);
        let all = [
            (SystemErrorCode::Decode, 400),
            (SystemErrorCode::BadFrame, 400),
            (SystemErrorCode::TooLarge, 413),
            (SystemErrorCode::Cancelled, 499),
            (SystemErrorCode::Trap, 500),
            (SystemErrorCode::Internal, 500),
            (SystemErrorCode::Overloaded, 503),
            (SystemErrorCode::Unavailable, 503),
            (SystemErrorCode::Timeout, 504),
        ];
        for (code, status) in all {
            assert_eq!(system_status(code), status, "{code}");
        }
    }
}

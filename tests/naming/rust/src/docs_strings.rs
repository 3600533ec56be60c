//! `docs_strings.kkidl`: doc comments and `@deprecated` messages holding
//! newlines, comment terminators, control and bidi characters reach the
//! generated Rust without breaking it or tripping rustc's deny-by-default
//! `text_direction_codepoint_*` lints.

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/demo_docs_v1.rs"));
}

pub use generated::*;

/// Implements the service.
#[derive(Debug, Default)]
pub struct Writer;

#[allow(deprecated)]
impl Scribe for Writer {
    fn write(&mut self, note: Note, _mood: Mood, _sign: Sign, _pen: Pen) -> Result<Note, Bad> {
        if note.text.is_empty() {
            Err(Bad {
                why: "empty".into(),
            })
        } else {
            Ok(note)
        }
    }
}

#[cfg(test)]
#[allow(deprecated)]
mod tests {
    use super::*;
    use kkrpc_runtime::client::InProcess;

    #[test]
    fn items_with_hostile_docs_still_work() {
        let mut c = ScribeClient::new(InProcess::new(ScribeDispatcher::new(Writer)));
        let note = Note { text: "hi".into() };
        assert_eq!(
            c.write(&note, Mood::Loud, &Sign::Empty, Pen(1)).unwrap(),
            note
        );
    }
}

//! A handler refusing its call with a system error before doing the work
//! (`docs/abi.md` §1.6): [`answer_limit`] tells it the largest answer the
//! caller accepts, [`refuse`] makes the call's answer a system error whatever
//! the handler then returns. Typed errors stay the handler's `Err`; this is
//! for the runtime's own codes, chiefly `too_large` for an answer that would
//! not fit (building it first could exhaust the module's memory).

use crate::frame::{system_error_frame, SystemErrorCode};
use crate::wire::Limits;
use std::cell::Cell;

thread_local! {
    /// The largest answer frame the caller accepts (header included): per
    /// thread, as each server loop (and a wasm instance) runs its handlers on
    /// its own thread.
    static ANSWER_LIMIT: Cell<usize> = const { Cell::new(Limits::DEFAULT_MAX_FRAME_LEN) };
    /// The refusal of the call running on this thread, if its handler made one.
    static REFUSAL: Cell<Option<(SystemErrorCode, String)>> = const { Cell::new(None) };
}

/// The largest answer frame, header included, that the caller of this module
/// or server accepts: the host's frame limit (`kk_set_max_frame_len`,
/// `docs/abi.md` §1.6) in a wasm module, the server's own limit in the stdio
/// server, else the default of `docs/wire.md` §5.1 (256 MiB). A handler whose
/// answer would be larger can [`refuse`] with `too_large` before building it.
pub fn answer_limit() -> usize {
    ANSWER_LIMIT.with(Cell::get)
}

/// Sets [`answer_limit`] for the calls that run on this thread from now on
/// (the module ABI's `kk_set_max_frame_len`, the stdio server at its start).
pub fn set_answer_limit(max_frame_len: usize) {
    ANSWER_LIMIT.with(|l| l.set(max_frame_len));
}

/// Answers the running call with system error `code` and `message` instead
/// of whatever its handler returns (return any value after this; it is
/// dropped). For framed calls (`kk_call`, the stdio server, NATS): a scalar
/// fast export or a typed `#[wasm_bindgen]` export has no error frame to
/// carry it, and ignores it.
pub fn refuse(code: SystemErrorCode, message: &str) {
    REFUSAL.with(|r| r.set(Some((code, message.to_owned()))));
}

/// Forgets a refusal left by a call that could not carry it (see [`refuse`]).
pub(crate) fn clear_refusal() {
    REFUSAL.with(|r| drop(r.take()));
}

/// The handler's answer `frame`, or the error frame of its refusal.
pub(crate) fn refusal_or(call_id: u32, op_id: u32, frame: Vec<u8>) -> Vec<u8> {
    match REFUSAL.with(Cell::take) {
        Some((code, message)) => system_error_frame(call_id, op_id, code, &message),
        None => frame,
    }
}

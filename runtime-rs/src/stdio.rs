//! The stdio server (`docs/abi.md` §4): call frames back to back on stdin,
//! ok/error frames back to back on stdout. Used by `wasm32-wasip1` builds
//! (under wasmtime or node's WASI) and by native processes.
//!
//! Frames are read into 8-aligned buffers, so typed buffers in arguments are
//! borrowed in place just as in linear memory. The buffer grows as bytes
//! arrive rather than trusting the header's length. A header it cannot
//! accept is answered with `bad_frame` / `too_large` and ends the server;
//! end of input ends it cleanly.

use crate::frame::{refusal_frame, FrameKind, RawHeader, HEADER_LEN};
use crate::service::Dispatch;
use crate::wire::{DecodeErrorKind, Limits};
use std::io::{self, Read, Write};

/// Serves `dispatcher` over this process's stdin and stdout until stdin ends
/// (or a frame is rejected); returns why it stopped. Answers go to stdout's
/// descriptor in one `write` each ([`RawStdout`]); stdout stays locked while
/// it serves, so a `println!` from another thread cannot land inside a frame.
pub fn serve<D: Dispatch>(mut dispatcher: D) -> io::Result<Stop> {
    let stdin = io::stdin();
    let mut stdout = io::stdout().lock();
    stdout.flush()?;
    serve_streams(
        &mut dispatcher,
        stdin.lock(),
        RawStdout::new(&mut stdout),
        Limits::DEFAULT_MAX_FRAME_LEN,
    )
}

/// This process's stdout descriptor written directly, for as long as the
/// lock it borrows is held. `io::stdout()` is line buffered: it scans every
/// answer for its last `0x0a` byte and writes up to it and the rest in two
/// `write`s (measured: 7% of small answers, each costing the reader a second
/// wake-up); here one `write_all` of an answer is one `write` (a bulk answer
/// as many as the pipe needs), and nothing is buffered, so there is nothing to
/// flush.
struct RawStdout<'a> {
    #[cfg(any(unix, target_os = "wasi"))]
    file: std::mem::ManuallyDrop<std::fs::File>,
    lock: &'a mut io::StdoutLock<'static>,
}

impl<'a> RawStdout<'a> {
    /// Writes to fd 1 while `lock` is held (elsewhere: through the lock).
    fn new(lock: &'a mut io::StdoutLock<'static>) -> Self {
        Self {
            #[cfg(any(unix, target_os = "wasi"))]
            // SAFETY: fd 1 is open for the life of the process, and
            // ManuallyDrop never closes it.
            file: std::mem::ManuallyDrop::new(unsafe {
                <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(1)
            }),
            lock,
        }
    }
}

impl Write for RawStdout<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        #[cfg(any(unix, target_os = "wasi"))]
        return (&*self.file).write(buf);
        #[cfg(not(any(unix, target_os = "wasi")))]
        return self.lock.write(buf);
    }

    fn flush(&mut self) -> io::Result<()> {
        self.lock.flush()
    }
}

/// Why the server stopped reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The input ended between frames.
    EndOfInput,
    /// A frame could not be accepted; it was answered and reading stopped.
    Rejected,
}

/// Serves `dispatcher` over any byte streams, accepting frames of at most
/// `max_frame_len` bytes (header included); returns why it stopped.
pub fn serve_streams<D: Dispatch + ?Sized>(
    dispatcher: &mut D,
    mut input: impl Read,
    mut output: impl Write,
    max_frame_len: usize,
) -> io::Result<Stop> {
    let limits = Limits {
        max_frame_len,
        ..Limits::default()
    };
    // Its answers go out under the same limit: handlers see it as answer_limit().
    crate::service::set_answer_limit(max_frame_len);
    let mut frame = AlignedBuf::default();
    loop {
        let mut prefix = [0u8; HEADER_LEN];
        match read_full(&mut input, &mut prefix)? {
            0 => return Ok(Stop::EndOfInput),
            HEADER_LEN => {}
            _ => {
                return refuse(
                    &mut output,
                    &refusal_frame(
                        0,
                        0,
                        DecodeErrorKind::Truncated,
                        "input ended inside a frame header",
                    ),
                );
            }
        }
        let raw = RawHeader::from_prefix(&prefix);
        let reject = |kind: DecodeErrorKind, detail: &str| {
            refusal_frame(raw.call_id, raw.op_id, kind, detail)
        };
        let h = match raw.check(&limits) {
            Ok(h)
                if matches!(
                    h.kind,
                    FrameKind::Call | FrameKind::Cancel | FrameKind::Event
                ) =>
            {
                h
            }
            Ok(_) => {
                return refuse(
                    &mut output,
                    &reject(
                        DecodeErrorKind::BadFrame,
                        "the server accepts call, cancel and event frames",
                    ),
                );
            }
            Err(e) => {
                return refuse(&mut output, &reject(e.kind(), "frame header refused"));
            }
        };
        frame.clear();
        frame.extend(&prefix);
        if !frame.read_exactly(&mut input, h.payload_len as usize)? {
            return refuse(
                &mut output,
                &reject(DecodeErrorKind::Truncated, "input ended inside a frame"),
            );
        }
        if h.kind != FrameKind::Call {
            // Cancel and event frames: calls run to completion one at a time,
            // so there is nothing to cancel; events are ignored in version 1.
            continue;
        }
        let answer = dispatcher.dispatch(frame.as_bytes());
        output.write_all(&answer)?;
        output.flush()?;
    }
}

/// Writes the answer refusing a frame; the server stops reading after it.
fn refuse(output: &mut impl Write, answer: &[u8]) -> io::Result<Stop> {
    output.write_all(answer)?;
    output.flush()?;
    Ok(Stop::Rejected)
}

/// Reads until `buf` is full or input ends; returns the bytes read.
fn read_full(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// A growable byte buffer whose start is 8-aligned (backed by `u64`s).
#[derive(Default)]
struct AlignedBuf {
    words: Vec<u64>,
    len: usize,
}

impl AlignedBuf {
    fn clear(&mut self) {
        self.len = 0;
    }

    fn reserve_total(&mut self, total: usize) {
        let words = total.div_ceil(8);
        if self.words.len() < words {
            self.words.resize(words, 0);
        }
    }

    fn spare(&mut self, upto: usize) -> &mut [u8] {
        let bytes: &mut [u8] = bytemuck_bytes_mut(&mut self.words);
        &mut bytes[self.len..upto]
    }

    fn extend(&mut self, data: &[u8]) {
        self.reserve_total(self.len + data.len());
        let end = self.len + data.len();
        self.spare(end).copy_from_slice(data);
        self.len = end;
    }

    /// Appends exactly `n` bytes from `input`, growing as they arrive;
    /// `false` if the input ended first.
    fn read_exactly(&mut self, input: &mut impl Read, n: usize) -> io::Result<bool> {
        let target = self.len + n;
        while self.len < target {
            let step = (target - self.len).min(self.len.max(64 << 10));
            self.reserve_total(self.len + step);
            let end = self.len + step;
            let got = read_full(input, self.spare(end))?;
            self.len += got;
            if got < step {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn as_bytes(&self) -> &[u8] {
        // SAFETY: u64 storage viewed as bytes; `len <= 8 * words.len()`.
        unsafe { std::slice::from_raw_parts(self.words.as_ptr() as *const u8, self.len) }
    }
}

fn bytemuck_bytes_mut(words: &mut [u64]) -> &mut [u8] {
    // SAFETY: any byte pattern is a valid u64 and vice versa; the length is exact.
    unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr() as *mut u8, words.len() * 8) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{frame_bytes, SystemErrorCode};

    /// Answers with the payload's address alignment and length.
    struct Probe;
    impl Dispatch for Probe {
        fn dispatch(&mut self, frame: &[u8]) -> Vec<u8> {
            let h = RawHeader::read(frame).unwrap();
            let aligned = (frame.as_ptr() as usize).is_multiple_of(8) as u8;
            frame_bytes(2, h.call_id, h.op_id, &[aligned, frame.len() as u8])
        }
    }

    fn answers(out: &[u8]) -> Vec<(RawHeader, Vec<u8>)> {
        let mut rest = out;
        let mut all = vec![];
        while let Some(h) = RawHeader::read(rest) {
            all.push((h, rest[16..h.frame_len()].to_vec()));
            rest = &rest[h.frame_len()..];
        }
        all
    }

    #[test]
    fn serves_frames_back_to_back_and_skips_cancel() {
        let mut input = frame_bytes(1, 1, 9, &[0; 5]);
        input.extend(frame_bytes(4, 1, 0, &[]));
        input.extend(frame_bytes(1, 2, 9, &[]));
        let mut out = vec![];
        let stop = serve_streams(&mut Probe, &input[..], &mut out, 1024).unwrap();
        assert_eq!(stop, Stop::EndOfInput);
        assert_eq!(
            crate::service::answer_limit(),
            1024,
            "handlers see the server's limit"
        );
        let a = answers(&out);
        assert_eq!(a.len(), 2);
        assert_eq!((a[0].0.call_id, a[0].1.clone()), (1, vec![1, 21]));
        assert_eq!((a[1].0.call_id, a[1].1.clone()), (2, vec![1, 16]));
    }

    #[test]
    fn rejects_bad_headers_and_stops() {
        for (frame, code) in [
            (frame_bytes(9, 4, 1, &[]), SystemErrorCode::BadFrame),
            (frame_bytes(2, 4, 1, &[]), SystemErrorCode::BadFrame),
            (
                {
                    let mut f = frame_bytes(1, 4, 1, &[]);
                    f[0] = 2;
                    f
                },
                SystemErrorCode::BadFrame,
            ),
            (frame_bytes(1, 4, 1, &[0; 100]), SystemErrorCode::TooLarge),
        ] {
            let mut input = frame.clone();
            input.extend(frame_bytes(1, 5, 1, &[]));
            let mut out = vec![];
            assert_eq!(
                serve_streams(&mut Probe, &input[..], &mut out, 64).unwrap(),
                Stop::Rejected
            );
            let a = answers(&out);
            assert_eq!(a.len(), 1);
            assert_eq!((a[0].0.kind, a[0].0.call_id), (3, 4));
            assert_eq!(&a[0].1[1..5], &(code as u32).to_le_bytes());
        }
    }

    #[test]
    fn huge_declared_length_does_not_allocate_it() {
        let mut f = frame_bytes(1, 4, 1, &[1, 2, 3]);
        f[12..16].copy_from_slice(&(200u32 << 20).to_le_bytes());
        let mut out = vec![];
        assert_eq!(
            serve_streams(&mut Probe, &f[..], &mut out, Limits::DEFAULT_MAX_FRAME_LEN).unwrap(),
            Stop::Rejected
        );
        assert_eq!(answers(&out)[0].0.kind, 3);
    }
}

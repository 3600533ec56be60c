//! `stdio-echo`: the floor of `cargo xtask bench stdio` — reads a frame
//! (16-byte header, `payload_len` at offset 12, then the payload;
//! `docs/wire.md` §2) from stdin and writes the same bytes back to stdout,
//! until stdin ends. No decoding, no dispatch: what a pipe round trip costs.

use std::io::{self, Read, Write};

fn main() -> io::Result<()> {
    let mut input = io::stdin().lock();
    let mut output = io::stdout().lock();
    let mut frame = vec![0u8; 16];
    loop {
        match input.read_exact(&mut frame[..16]) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        }
        let payload_len = u32::from_le_bytes([frame[12], frame[13], frame[14], frame[15]]) as usize;
        let total = 16 + payload_len;
        if frame.len() < total {
            frame.resize(total, 0);
        }
        input.read_exact(&mut frame[16..total])?;
        output.write_all(&frame[..total])?;
        output.flush()?;
    }
}

//! The sizes a module is shipped at: raw, gzip (level 9) and brotli (quality 11, window 22, as
//! node's zlib and the usual web servers' static compression; quality 9 above 1 MiB, where 11
//! takes about 5 s per MiB for some 10 % less), and the table `kkgen build` prints.

use super::{BuildError, Built};
use std::io::Write;
use std::path::Path;

/// One module's sizes in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// The file as written.
    pub raw: u64,
    /// gzip -9.
    pub gzip: u64,
    /// brotli -q 11 (-q 9 above [`BROTLI_MAX_Q11`] bytes).
    pub brotli: u64,
}

impl Sizes {
    /// The sizes of `bytes`.
    pub fn of(bytes: &[u8]) -> Sizes {
        Sizes {
            raw: bytes.len() as u64,
            gzip: gzip_len(bytes),
            brotli: brotli_len(bytes),
        }
    }

    /// The sizes of the file at `path`.
    pub fn of_file(path: &Path) -> Result<Sizes, BuildError> {
        let bytes = std::fs::read(path)
            .map_err(BuildError::io(format!("cannot read {}", path.display())))?;
        Ok(Sizes::of(&bytes))
    }
}

fn gzip_len(bytes: &[u8]) -> u64 {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |v| v.len() as u64)
}

/// The largest input compressed at brotli quality 11; larger ones (Go modules, 2 MB and more) at 9.
pub const BROTLI_MAX_Q11: usize = 1 << 20;

fn brotli_len(bytes: &[u8]) -> u64 {
    let params = brotli::enc::BrotliEncoderParams {
        quality: if bytes.len() > BROTLI_MAX_Q11 { 9 } else { 11 },
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    match brotli::BrotliCompress(&mut &bytes[..], &mut out, &params) {
        Ok(_) => out.len() as u64,
        Err(_) => 0,
    }
}

/// `n` bytes in KB with one decimal, right-aligned.
pub fn kb(n: u64) -> String {
    format!("{:>8.1} KB", n as f64 / 1024.0)
}

/// The size table of `modules`: file, target, raw, gzip, brotli (one line each, under a header).
pub fn table(modules: &[Built]) -> Result<String, BuildError> {
    let width = modules
        .iter()
        .map(|m| m.path.display().to_string().len())
        .max()
        .unwrap_or(0)
        .max(4);
    let mut text = format!(
        "{:<width$}  {:<12} {:>11} {:>11} {:>11}\n",
        "file", "target", "raw", "gzip", "brotli"
    );
    // One thread per module: brotli takes up to a second or so per module.
    let measured: Vec<Result<Sizes, BuildError>> = std::thread::scope(|scope| {
        let running: Vec<_> = modules
            .iter()
            .map(|m| scope.spawn(|| Sizes::of_file(&m.path)))
            .collect();
        running
            .into_iter()
            .map(|t| {
                t.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    for (m, s) in modules.iter().zip(measured) {
        let s = s?;
        text += &format!(
            "{:<width$}  {:<12} {} {} {}\n",
            m.path.display(),
            m.target,
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        );
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::Sizes;

    #[test]
    fn repetitive_bytes_compress_and_empty_input_has_a_header_only() {
        let bytes = vec![7u8; 100_000];
        let s = Sizes::of(&bytes);
        assert_eq!(s.raw, 100_000);
        assert!(s.gzip > 0 && s.gzip < 1_000, "{s:?}");
        assert!(s.brotli > 0 && s.brotli < 100, "{s:?}");
        let empty = Sizes::of(&[]);
        assert_eq!(empty.raw, 0);
        assert!(empty.gzip >= 20, "gzip header and trailer: {empty:?}");
    }
}

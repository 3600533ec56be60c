//! Top-level `T[]` parameters reach the handler as views of the call frame
//! (`docs/wire.md` §3.6, `docs/abi.md` §1.1): the generated dispatcher borrows
//! `&[f32]` in place when the frame sits 8-aligned, as it does in linear
//! memory and in the stdio server's buffers, and copies only when it does not.
//! A bare `f32[]` result goes the other way without a copy: the answer frame
//! is the handler's `Buffer` itself (`docs/build.md` §2).

use geometry_service::*;
use kkrpc_runtime::client::{read_answer, Answer};
use kkrpc_runtime::frame::FrameKind;
use kkrpc_runtime::service::Dispatch;
use kkrpc_runtime::wire::{decode_from_slice, Buffer, Writer};

/// Records where `bounds_of` found its vertices and where `tessellate`'s
/// result lives; no other op is called.
#[derive(Default)]
struct Probe {
    seen: Option<(usize, Vec<f32>)>,
    result_at: usize,
}

impl Geometry for Probe {
    fn create(&mut self, _: Shape, _: &str) -> Result<Model, InvalidParams> {
        unreachable!()
    }
    fn tessellate(
        &mut self,
        _: Model,
        segments: u32,
    ) -> Result<Buffer<f32>, GeometryTessellateError> {
        let out: Buffer<f32> = (0..segments * 18).map(|i| i as f32).collect();
        self.result_at = out.data_ptr() as usize;
        Ok(out)
    }
    fn bounds(&mut self, _: Model) -> Result<Bounds, UnknownModel> {
        unreachable!()
    }
    fn bounds_of(&mut self, vertices: &[f32]) -> Bounds {
        self.seen = Some((vertices.as_ptr() as usize, vertices.to_vec()));
        Bounds::default()
    }
    fn name(&mut self, _: Model) -> Result<String, UnknownModel> {
        unreachable!()
    }
    fn release(&mut self, _: Model) -> Result<(), UnknownModel> {
        unreachable!()
    }
    fn is_live(&mut self, _: Model) -> bool {
        false
    }
}

/// A `bounds_of` call frame copied into 8-aligned storage at byte `offset`.
fn frame_at(offset: usize, vertices: &[f32]) -> (Vec<u64>, usize, usize) {
    let mut w = Writer::frame(FrameKind::Call, 9, geometry_ops::BOUNDS_OF);
    let body = w.begin_struct();
    w.buffer(vertices);
    w.end_struct(body);
    let frame = w.finish();
    let mut words = vec![0u64; (offset + frame.len()).div_ceil(8)];
    let base = words.as_mut_ptr() as usize;
    // SAFETY: within `words`, which has room for `offset + frame.len()` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(frame.as_ptr(), (base + offset) as *mut u8, frame.len())
    };
    (words, base + offset, frame.len())
}

fn dispatch(offset: usize, vertices: &[f32]) -> (usize, usize, usize) {
    let (words, start, len) = frame_at(offset, vertices);
    // SAFETY: the frame bytes written by `frame_at`, alive as long as `words`.
    let frame = unsafe { std::slice::from_raw_parts(start as *const u8, len) };
    let mut d = GeometryDispatcher::new(Probe::default());
    let answer = d.dispatch(frame);
    assert!(
        matches!(read_answer(&answer, 9, geometry_ops::BOUNDS_OF), Ok(Answer::Ok(p)) if decode_from_slice::<Bounds>(p).is_ok())
    );
    let (ptr, seen) = d.service.seen.take().expect("bounds_of was called");
    assert_eq!(seen, vertices);
    drop(words);
    (ptr, start, len)
}

#[test]
fn aligned_frames_lend_buffers_in_place() {
    let vertices: Vec<f32> = (0..300).map(|i| i as f32 * 0.5).collect();
    let (ptr, start, len) = dispatch(0, &vertices);
    assert!(
        ptr >= start && ptr + 4 * vertices.len() <= start + len,
        "the handler's &[f32] points into the frame"
    );
    assert_eq!(ptr % 4, 0);
}

#[test]
fn misaligned_frames_are_copied_not_misread() {
    let vertices = [1.0f32, -2.0, 3.5];
    let (ptr, start, len) = dispatch(2, &vertices);
    assert!(
        ptr < start || ptr >= start + len,
        "a misaligned buffer is copied out of the frame"
    );
}

#[test]
fn buffer_results_are_their_own_answer_frame() {
    let mut w = Writer::frame(FrameKind::Call, 4, geometry_ops::TESSELLATE);
    let body = w.begin_struct();
    w.u32(1);
    w.u32(100);
    w.end_struct(body);
    let mut d = GeometryDispatcher::new(Probe::default());
    let answer = d.dispatch(&w.finish());
    assert_eq!(
        answer.as_ptr() as usize + 20,
        d.service.result_at,
        "the answer frame is the handler's buffer: its data was not copied"
    );
    match read_answer(&answer, 4, geometry_ops::TESSELLATE) {
        Ok(Answer::Ok(p)) => {
            let values = decode_from_slice::<Buffer<f32>>(p).unwrap();
            assert_eq!(values.len(), 1800);
            assert_eq!(values[1799], 1799.0);
        }
        _ => panic!("tessellate answered an error"),
    }
}

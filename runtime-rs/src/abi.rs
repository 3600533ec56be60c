//! The wasm module ABI (`docs/abi.md` §1): `kk_abi_version`, `kk_alloc`,
//! `kk_free` and `kk_call` over linear memory, the version-2 scratch region
//! (`kk_scratch`, `kk_scratch_len`, `kk_call_scratch`: a small call in one
//! crossing, §1.5), `kk_set_max_frame_len` (the host's frame limit, §1.6),
//! and the module's lazily built service instance.
//!
//! The functions here take real pointers so they can be tested natively;
//! [`export_abi!`](crate::export_abi) wraps them into the four exports with
//! `u32` addresses: `#[wasm_bindgen]` exports on `wasm32-unknown-unknown`
//! (so the module links with other wasm-bindgen crates, while the signatures
//! stay plain `i32` and need no JS glue) and `#[no_mangle] extern "C"`
//! everywhere else.
//!
//! The service behind them is built by its factory on the first call
//! ([`with_service`], `docs/abi.md` §1.3) and kept in a thread-local, one
//! instance per dispatcher type: the ABI exports and the typed per-op
//! `#[wasm_bindgen]` exports (`docs/build.md` §5) given the same factory share
//! one instance, so a handle made through one is valid through the other.

use crate::frame::{refusal_frame, RawHeader};
use crate::service::Dispatch;
use crate::wire::DecodeErrorKind;
use std::alloc::{alloc as raw_alloc, dealloc, Layout};
use std::any::{Any, TypeId};
use std::cell::RefCell;

/// The ABI version `kk_abi_version` returns (2: the scratch region of `docs/abi.md` §1.5).
pub const ABI_VERSION: u32 = 2;

/// Length of the scratch region in bytes (`kk_scratch_len`, `docs/abi.md` §1.5).
pub const SCRATCH_LEN: usize = 4096;

/// Alignment of every block handed to the host.
const ALIGN: usize = 8;

thread_local! {
    /// The services built so far, one per type (each a `RefCell<D>`), alive
    /// as long as the module instance (or native thread): leaked on purpose.
    static SERVICES: RefCell<Vec<&'static dyn Any>> = const { RefCell::new(Vec::new()) };
    /// Responses handed to the host and not yet freed (usually one), owned
    /// here so that a response needs no copy into a separate block.
    static LIVE_RESPONSES: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    /// The scratch region (`docs/abi.md` §1.5): small call frames in, small
    /// answers out; 8-aligned, at a fixed address for the thread's life.
    static SCRATCH: std::cell::UnsafeCell<[u64; SCRATCH_LEN / 8]> = const { std::cell::UnsafeCell::new([0; SCRATCH_LEN / 8]) };
    /// An answer of [`call_scratch`] too big for the scratch region, handed
    /// out and freed by the next [`call`] or [`call_scratch`] (null when none).
    static SCRATCH_ANSWER: std::cell::Cell<(*mut u8, usize)> = const { std::cell::Cell::new((std::ptr::null_mut(), 0)) };
}

/// The service [`with_service`] found last: its `RefCell<D>`'s type and
/// address (a module has one service, so every call after the first hits it).
type LastService = std::cell::Cell<Option<(TypeId, *const ())>>;

/// On single-threaded wasm the last service is a plain static (no
/// thread-local access on every fast call).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod last_service {
    /// A `Sync` wrapper: without the atomics feature a wasm module has one thread.
    pub struct Single(pub super::LastService);
    // SAFETY: wasm32 without atomics has no threads, so the cell is never shared.
    unsafe impl Sync for Single {}
    pub static LAST: Single = Single(std::cell::Cell::new(None));
    #[inline(always)]
    pub fn get() -> Option<(super::TypeId, *const ())> {
        LAST.0.get()
    }
    pub fn set(v: (super::TypeId, *const ())) {
        LAST.0.set(Some(v));
    }
}

/// Elsewhere (native threads, threaded wasm) it is per thread, like the services.
#[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
mod last_service {
    thread_local! {
        static LAST: super::LastService = const { std::cell::Cell::new(None) };
    }
    pub fn get() -> Option<(super::TypeId, *const ())> {
        LAST.with(std::cell::Cell::get)
    }
    pub fn set(v: (super::TypeId, *const ())) {
        LAST.with(|last| last.set(Some(v)));
    }
}

/// `kk_scratch`: the address of this thread's scratch region of
/// [`SCRATCH_LEN`] bytes, 8-aligned and fixed (`docs/abi.md` §1.5).
pub fn scratch() -> *mut u8 {
    SCRATCH.with(|s| s.get() as *mut u8)
}

/// Frees the answer of the previous [`call_scratch`] when it lives outside
/// the scratch region (its validity ends with the next call, §1.5).
fn release_scratch_answer() {
    let (ptr, len) = SCRATCH_ANSWER.with(|a| a.replace((std::ptr::null_mut(), 0)));
    if !ptr.is_null() {
        // SAFETY: `ptr` is a response handed out by `call_scratch`, `len` its frame length.
        unsafe { free(ptr, len) }
    }
}

/// Runs `f` with this thread's instance of `D`, building it with `factory`
/// first if there is none yet (nothing is built before the first call).
///
/// # Panics
/// When called again for the same `D` from inside `f` (a handler that calls
/// its own module re-entrantly).
#[inline(always)]
pub fn with_service<D: 'static, R>(factory: impl FnOnce() -> D, f: impl FnOnce(&mut D) -> R) -> R {
    let id = TypeId::of::<ServiceCell<D>>();
    let service: &'static ServiceCell<D> = match last_service::get() {
        // SAFETY: the last service is the address of a leaked `ServiceCell` of type `id`.
        Some((last, ptr)) if last == id => unsafe { &*ptr.cast::<ServiceCell<D>>() },
        _ => find_service(factory),
    };
    service.with(f)
}

/// The registered `ServiceCell<D>`, built with `factory` and registered when
/// there is none yet; remembered as the last service ([`with_service`]'s slow path).
#[inline(never)]
fn find_service<D: 'static>(factory: impl FnOnce() -> D) -> &'static ServiceCell<D> {
    let found = SERVICES.with(|s| {
        s.borrow()
            .iter()
            .find_map(|any| any.downcast_ref::<ServiceCell<D>>())
    });
    let service = found.unwrap_or_else(|| {
        let built: &'static ServiceCell<D> = Box::leak(Box::new(ServiceCell {
            busy: std::cell::Cell::new(false),
            value: std::cell::UnsafeCell::new(factory()),
        }));
        SERVICES.with(|s| s.borrow_mut().push(built));
        built
    });
    let id = TypeId::of::<ServiceCell<D>>();
    last_service::set((id, (service as *const ServiceCell<D>).cast()));
    service
}

/// A service and whether a call is running on it: a `RefCell` whose borrow
/// check is inlined into every call (a scalar fast export is a few
/// instructions; `RefCell`'s out-of-line borrow calls cost more than it).
struct ServiceCell<D> {
    busy: std::cell::Cell<bool>,
    value: std::cell::UnsafeCell<D>,
}

impl<D> ServiceCell<D> {
    /// Runs `f` on the service; panics when a call is already running on it.
    #[inline(always)]
    fn with<R>(&self, f: impl FnOnce(&mut D) -> R) -> R {
        /// Marks the service idle again when the call ends (also by unwinding, natively).
        struct Idle<'a>(&'a std::cell::Cell<bool>);
        impl Drop for Idle<'_> {
            #[inline(always)]
            fn drop(&mut self) {
                self.0.set(false);
            }
        }
        if self.busy.replace(true) {
            reentered();
        }
        let _idle = Idle(&self.busy);
        // SAFETY: `busy` was false, so no other reference to the value exists
        // until `_idle` is dropped (the cell is not `Sync`: one thread).
        f(unsafe { &mut *self.value.get() })
    }
}

/// The panic of a handler that called its own module re-entrantly.
#[cold]
#[inline(never)]
fn reentered() -> ! {
    panic!("with_service: a handler called its own module re-entrantly (the service is busy)");
}

/// An enum argument of a scalar fast export (`docs/abi.md` §1.4) from its
/// value. A value naming no variant aborts (the instance traps): a fast export
/// has no error channel, and hosts pass only known values (runtime-ts's
/// generated clients send anything else through `kk_call`, which answers
/// system error `decode`).
pub fn fast_enum<T: for<'de> crate::wire::Decode<'de>>(value: u32) -> T {
    match crate::wire::decode_from_slice(&value.to_le_bytes()) {
        Ok(v) => v,
        Err(_) => std::process::abort(),
    }
}

fn layout(len: usize) -> Option<Layout> {
    Layout::from_size_align(len.max(1), ALIGN).ok()
}

/// `kk_alloc`: an 8-aligned block of `len` bytes, or null when it cannot.
pub fn alloc(len: usize) -> *mut u8 {
    match layout(len) {
        // SAFETY: the layout has a non-zero size.
        Some(l) => unsafe { raw_alloc(l) },
        None => std::ptr::null_mut(),
    }
}

/// `kk_free`: frees a block from [`alloc`] or a response from [`call`].
///
/// # Safety
/// `ptr` must come from [`alloc`]`(len)` or be a response of [`call`] whose
/// frame is `len` bytes long, and must not be used afterwards.
pub unsafe fn free(ptr: *mut u8, len: usize) {
    if ptr.is_null() {
        return;
    }
    let was_response = LIVE_RESPONSES.with(|live| {
        let mut live = live.borrow_mut();
        match live.iter().position(|r| std::ptr::eq(r.as_ptr(), ptr)) {
            Some(i) => {
                live.swap_remove(i);
                true
            }
            None => false,
        }
    });
    if !was_response {
        if let Some(l) = layout(len) {
            dealloc(ptr, l);
        }
    }
}

/// Hands a response frame to the host: its own buffer when already 8-aligned
/// (kept alive until `kk_free`), else a copy in an aligned block.
fn hand_out(response: Vec<u8>) -> *mut u8 {
    if (response.as_ptr() as usize).is_multiple_of(ALIGN) {
        let ptr = response.as_ptr() as *mut u8;
        LIVE_RESPONSES.with(|live| live.borrow_mut().push(response));
        ptr
    } else {
        let block = alloc(response.len());
        if !block.is_null() {
            // SAFETY: `block` has room for `response.len()` bytes and does not overlap it.
            unsafe { std::ptr::copy_nonoverlapping(response.as_ptr(), block, response.len()) };
        }
        block
    }
}

/// Answers the call frame in `block` (of `cap` bytes) with `dispatcher`,
/// checking the header's length against `cap` first (the dispatcher checks
/// the rest, [`check_call_header`](crate::service::check_call_header)).
pub fn answer(block: &[u8], dispatcher: &mut dyn Dispatch) -> Vec<u8> {
    let Some(h) = RawHeader::read(block) else {
        return refusal_frame(
            0,
            0,
            DecodeErrorKind::BadFrame,
            "block shorter than a frame header",
        );
    };
    match block.get(..h.frame_len()) {
        Some(frame) => dispatcher.dispatch(frame),
        None => refusal_frame(
            h.call_id,
            h.op_id,
            DecodeErrorKind::BadFrame,
            "frame longer than the block handed to kk_call",
        ),
    }
}

/// `kk_call`: dispatches the frame at `ptr` (a block of `cap` bytes from
/// [`alloc`]), frees the block, and returns the response frame (null if it
/// could not be allocated). The service is built by `factory` on first use
/// ([`with_service`]).
///
/// # Safety
/// `ptr` must come from [`alloc`]`(cap)`; ownership passes to this function.
pub unsafe fn call<D: Dispatch + 'static>(
    ptr: *mut u8,
    cap: usize,
    factory: impl FnOnce() -> D,
) -> *mut u8 {
    release_scratch_answer();
    let response = if ptr.is_null() {
        refusal_frame(0, 0, DecodeErrorKind::BadFrame, "null block")
    } else {
        let block = std::slice::from_raw_parts(ptr as *const u8, cap);
        let response = with_service(factory, |d| answer(block, d));
        free(ptr, cap);
        response
    };
    hand_out(response)
}

/// `kk_call_scratch` (`docs/abi.md` §1.5): dispatches the call frame of
/// `len` bytes the host wrote at [`scratch`] and returns the answer frame's
/// address — the scratch region itself when the answer fits (it does for
/// small calls), else a handed-out response. Either stays valid until the
/// next [`call`] or [`call_scratch`]; the host frees nothing. The service is
/// built by `factory` on first use ([`with_service`]).
pub fn call_scratch<D: Dispatch + 'static>(len: usize, factory: impl FnOnce() -> D) -> *mut u8 {
    release_scratch_answer();
    let scratch = scratch();
    // SAFETY: the region is SCRATCH_LEN bytes and not otherwise borrowed
    // while the frame is dispatched (a module instance is single-threaded).
    let block = unsafe { std::slice::from_raw_parts(scratch as *const u8, len.min(SCRATCH_LEN)) };
    let response = with_service(factory, |d| answer(block, d));
    if response.len() <= SCRATCH_LEN {
        // SAFETY: the region has room; `copy` allows the response to overlap it.
        unsafe { std::ptr::copy(response.as_ptr(), scratch, response.len()) };
        crate::wire::recycle_frame(response);
        return scratch;
    }
    let rlen = response.len();
    let ptr = hand_out(response);
    if !ptr.is_null() {
        SCRATCH_ANSWER.with(|a| a.set((ptr, rlen)));
    }
    ptr
}

/// Defines the module's ABI exports (`docs/abi.md` §1) for a service.
///
/// `$factory` is an expression of a `fn() -> D` (a path or a closure that
/// captures nothing), `D: Dispatch + 'static`, typically
/// `|| CadDispatcher::new(MyCad::default())`; it runs on the first `kk_call`
/// ([`abi::with_service`](crate::abi::with_service)). Invoke it once, in the
/// crate that becomes the `.wasm` (a `cdylib`).
#[macro_export]
macro_rules! export_abi {
    ($factory:expr) => {
        #[doc(hidden)]
        #[allow(unsafe_code)]
        pub mod __kkrpc_abi_exports {
            #[allow(unused_imports)]
            use super::*;

            /// ABI version (`docs/abi.md`).
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            #[$crate::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::__private::wasm_bindgen)]
            pub fn kk_abi_version() -> u32 {
                $crate::abi::ABI_VERSION
            }
            /// Allocates an 8-aligned block of `len` bytes.
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            #[$crate::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::__private::wasm_bindgen)]
            pub fn kk_alloc(len: u32) -> u32 {
                $crate::abi::alloc(len as usize) as usize as u32
            }
            /// Frees a block or a response.
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            #[$crate::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::__private::wasm_bindgen)]
            pub fn kk_free(ptr: u32, len: u32) {
                // SAFETY: the host hands back what kk_alloc/kk_call gave it (docs/abi.md §1.1).
                unsafe { $crate::abi::free(ptr as usize as *mut u8, len as usize) }
            }
            /// Dispatches the call frame at `ptr`; returns the response frame.
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            #[$crate::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::__private::wasm_bindgen)]
            pub fn kk_call(ptr: u32, cap: u32) -> u32 {
                // SAFETY: the host passes a block from kk_alloc(cap) (docs/abi.md §1.1).
                unsafe { $crate::abi::call(ptr as usize as *mut u8, cap as usize, $factory) as usize as u32 }
            }
            /// The scratch region's address (docs/abi.md §1.5).
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            #[$crate::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::__private::wasm_bindgen)]
            pub fn kk_scratch() -> u32 {
                $crate::abi::scratch() as usize as u32
            }
            /// The scratch region's length.
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            #[$crate::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::__private::wasm_bindgen)]
            pub fn kk_scratch_len() -> u32 {
                $crate::abi::SCRATCH_LEN as u32
            }
            /// Dispatches the call frame of `len` bytes in the scratch region; returns the answer frame.
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            #[$crate::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::__private::wasm_bindgen)]
            pub fn kk_call_scratch(len: u32) -> u32 {
                $crate::abi::call_scratch(len as usize, $factory) as usize as u32
            }
            /// Takes the host's frame limit (docs/abi.md §1.6).
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            #[$crate::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::__private::wasm_bindgen)]
            pub fn kk_set_max_frame_len(len: u32) {
                $crate::service::set_answer_limit(len as usize)
            }

            /// ABI version (`docs/abi.md`).
            #[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
            #[unsafe(no_mangle)]
            pub extern "C" fn kk_abi_version() -> u32 {
                $crate::abi::ABI_VERSION
            }
            /// Allocates an 8-aligned block of `len` bytes.
            #[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
            #[unsafe(no_mangle)]
            pub extern "C" fn kk_alloc(len: u32) -> u32 {
                $crate::abi::alloc(len as usize) as usize as u32
            }
            /// Frees a block or a response.
            #[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
            #[unsafe(no_mangle)]
            pub extern "C" fn kk_free(ptr: u32, len: u32) {
                // SAFETY: the host hands back what kk_alloc/kk_call gave it (docs/abi.md §1.1).
                unsafe { $crate::abi::free(ptr as usize as *mut u8, len as usize) }
            }
            /// Dispatches the call frame at `ptr`; returns the response frame.
            #[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
            #[unsafe(no_mangle)]
            pub extern "C" fn kk_call(ptr: u32, cap: u32) -> u32 {
                // SAFETY: the host passes a block from kk_alloc(cap) (docs/abi.md §1.1).
                unsafe { $crate::abi::call(ptr as usize as *mut u8, cap as usize, $factory) as usize as u32 }
            }
            /// The scratch region's address (docs/abi.md §1.5).
            #[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
            #[unsafe(no_mangle)]
            pub extern "C" fn kk_scratch() -> u32 {
                $crate::abi::scratch() as usize as u32
            }
            /// The scratch region's length.
            #[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
            #[unsafe(no_mangle)]
            pub extern "C" fn kk_scratch_len() -> u32 {
                $crate::abi::SCRATCH_LEN as u32
            }
            /// Dispatches the call frame of `len` bytes in the scratch region; returns the answer frame.
            #[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
            #[unsafe(no_mangle)]
            pub extern "C" fn kk_call_scratch(len: u32) -> u32 {
                $crate::abi::call_scratch(len as usize, $factory) as usize as u32
            }
            /// Takes the host's frame limit (docs/abi.md §1.6).
            #[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
            #[unsafe(no_mangle)]
            pub extern "C" fn kk_set_max_frame_len(len: u32) {
                $crate::service::set_answer_limit(len as usize)
            }

            /// Native builds have no exports; this keeps the factory type-checked.
            #[cfg(not(target_arch = "wasm32"))]
            pub fn factory() -> impl $crate::service::Dispatch + 'static {
                ($factory)()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{frame_bytes, SystemErrorCode, HEADER_LEN};

    struct Echo;
    impl Dispatch for Echo {
        fn dispatch(&mut self, frame: &[u8]) -> Vec<u8> {
            let h = RawHeader::read(frame).unwrap();
            frame_bytes(2, h.call_id, h.op_id, &frame[HEADER_LEN..])
        }
    }
    fn echo() -> Echo {
        Echo
    }

    #[test]
    fn call_round_trip_through_raw_blocks() {
        let frame = frame_bytes(1, 42, 7, b"hello");
        let cap = frame.len() + 11; // an upper bound, as hosts may pass
        let block = alloc(cap);
        assert_eq!(block as usize % ALIGN, 0);
        unsafe {
            std::ptr::copy_nonoverlapping(frame.as_ptr(), block, frame.len());
            let rptr = call(block, cap, echo);
            assert_eq!(rptr as usize % ALIGN, 0);
            let h = RawHeader::read(std::slice::from_raw_parts(rptr, 16)).unwrap();
            let resp = std::slice::from_raw_parts(rptr, h.frame_len());
            assert_eq!((h.kind, h.call_id, h.op_id), (2, 42, 7));
            assert_eq!(&resp[16..], b"hello");
            free(rptr, h.frame_len());
        }
        LIVE_RESPONSES.with(|l| assert!(l.borrow().is_empty()));
    }

    thread_local! {
        static RESULT_AT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Answers with its payload's bytes doubled as a bare `f32[]` result
    /// (collected into a [`Buffer`](crate::wire::Buffer)), recording where
    /// the result's data lives.
    struct Doubler;
    impl Dispatch for Doubler {
        fn dispatch(&mut self, frame: &[u8]) -> Vec<u8> {
            let h = RawHeader::read(frame).unwrap();
            let out: crate::wire::Buffer<f32> = frame[HEADER_LEN..]
                .iter()
                .map(|&b| f32::from(b) * 2.0)
                .collect();
            RESULT_AT.with(|a| a.set(out.data_ptr() as usize));
            crate::frame::ok_buffer_frame(h.call_id, h.op_id, out)
        }
    }
    fn doubler() -> Doubler {
        Doubler
    }

    #[test]
    fn buffer_result_is_handed_out_in_place() {
        let frame = frame_bytes(1, 5, 6, &[1, 2, 3]);
        unsafe {
            let block = alloc(frame.len());
            std::ptr::copy_nonoverlapping(frame.as_ptr(), block, frame.len());
            let rptr = call(block, frame.len(), doubler);
            // No copy: the answer is the result's own allocation, its data at offset 20.
            assert_eq!(rptr as usize + 20, RESULT_AT.with(|a| a.get()));
            let h = RawHeader::read(std::slice::from_raw_parts(rptr, 16)).unwrap();
            assert_eq!((h.kind, h.call_id, h.op_id, h.payload_len), (2, 5, 6, 16));
            let resp = std::slice::from_raw_parts(rptr, h.frame_len());
            let expected =
                crate::frame::ok_frame(5, 6, &crate::wire::Buffer::from(vec![2.0f32, 4.0, 6.0]));
            assert_eq!(resp, &expected[..]);
            free(rptr, h.frame_len());
        }
        LIVE_RESPONSES.with(|l| assert!(l.borrow().is_empty()));
    }

    /// Writes `frame` into the scratch region and calls [`call_scratch`]; returns the answer frame.
    fn scratch_call(frame: &[u8]) -> Vec<u8> {
        unsafe {
            std::ptr::copy_nonoverlapping(frame.as_ptr(), scratch(), frame.len());
            let rptr = call_scratch(frame.len(), echo);
            assert_eq!(rptr as usize % ALIGN, 0);
            let h = RawHeader::read(std::slice::from_raw_parts(rptr, 16)).unwrap();
            std::slice::from_raw_parts(rptr, h.frame_len()).to_vec()
        }
    }

    #[test]
    fn scratch_call_answers_small_frames_in_the_region() {
        assert_eq!(scratch() as usize % ALIGN, 0);
        let frame = frame_bytes(1, 9, 7, b"hi there");
        let before = scratch();
        let resp = scratch_call(&frame);
        assert_eq!(scratch(), before, "fixed address");
        let h = RawHeader::read(&resp).unwrap();
        assert_eq!((h.kind, h.call_id, h.op_id), (2, 9, 7));
        assert_eq!(&resp[16..], b"hi there");
        // A frame claiming more than the host wrote is bad_frame, answered in the region too.
        let mut long = frame_bytes(1, 4, 7, b"abc");
        long[12] = 200;
        let resp = scratch_call(&long);
        assert_eq!(RawHeader::read(&resp).unwrap().kind, 3);
        LIVE_RESPONSES.with(|l| assert!(l.borrow().is_empty()));
    }

    /// Answers every call with `SCRATCH_LEN` bytes of payload (too big for the region).
    struct Big;
    impl Dispatch for Big {
        fn dispatch(&mut self, frame: &[u8]) -> Vec<u8> {
            let h = RawHeader::read(frame).unwrap();
            frame_bytes(2, h.call_id, h.op_id, &[7; SCRATCH_LEN])
        }
    }
    fn big() -> Big {
        Big
    }

    #[test]
    fn big_scratch_answers_are_handed_out_until_the_next_call() {
        let frame = frame_bytes(1, 5, 1, &[]);
        unsafe { std::ptr::copy_nonoverlapping(frame.as_ptr(), scratch(), frame.len()) };
        let rptr = call_scratch(frame.len(), big);
        assert_ne!(rptr, scratch());
        let h = unsafe { RawHeader::read(std::slice::from_raw_parts(rptr, 16)).unwrap() };
        assert_eq!(h.payload_len as usize, SCRATCH_LEN);
        LIVE_RESPONSES.with(|l| assert_eq!(l.borrow().len(), 1));
        // The next call (of either kind) frees it.
        let _ = scratch_call(&frame_bytes(1, 6, 1, b"x"));
        LIVE_RESPONSES.with(|l| assert!(l.borrow().is_empty()));
    }

    #[test]
    fn frame_longer_than_block_is_bad_frame() {
        let mut frame = frame_bytes(1, 3, 7, b"abc");
        frame[12] = 200;
        let resp = answer(&frame, &mut Echo);
        let h = RawHeader::read(&resp).unwrap();
        assert_eq!((h.kind, h.call_id), (3, 3));
        assert_eq!(
            &resp[17..21],
            &(SystemErrorCode::BadFrame as u32).to_le_bytes()
        );
        let short = answer(&[1, 1, 0], &mut Echo);
        assert_eq!(RawHeader::read(&short).unwrap().kind, 3);
    }

    thread_local! {
        static BUILDS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }

    /// Counts its calls; built by [`counted`], which counts the builds.
    #[derive(Debug)]
    struct Counted(u32);
    impl Dispatch for Counted {
        fn dispatch(&mut self, frame: &[u8]) -> Vec<u8> {
            self.0 += 1;
            let h = RawHeader::read(frame).unwrap();
            frame_bytes(2, h.call_id, h.op_id, &self.0.to_le_bytes())
        }
    }
    fn counted() -> Counted {
        BUILDS.with(|b| b.set(b.get() + 1));
        Counted(0)
    }

    /// Sends one empty call through the raw ABI; returns the answer's payload.
    fn raw_call(call_id: u32) -> Vec<u8> {
        let frame = frame_bytes(1, call_id, 1, &[]);
        unsafe {
            let block = alloc(frame.len());
            std::ptr::copy_nonoverlapping(frame.as_ptr(), block, frame.len());
            let rptr = call(block, frame.len(), counted);
            let h = RawHeader::read(std::slice::from_raw_parts(rptr, 16)).unwrap();
            let payload = std::slice::from_raw_parts(rptr.add(16), h.payload_len as usize).to_vec();
            free(rptr, h.frame_len());
            payload
        }
    }

    #[test]
    fn service_is_built_lazily_once_and_shared_with_typed_callers() {
        let builds = || BUILDS.with(|b| b.get());
        // Allocating (what a host does before its first call) builds nothing.
        unsafe { free(alloc(64), 64) };
        assert_eq!(builds(), 0);
        assert_eq!(raw_call(1), 1u32.to_le_bytes());
        assert_eq!(builds(), 1);
        assert_eq!(raw_call(2), 2u32.to_le_bytes());
        // A typed caller with the same factory type reaches the same instance.
        assert_eq!(with_service(counted, |c: &mut Counted| c.0), 2);
        assert_eq!(builds(), 1);
        // Another dispatcher type gets an instance of its own.
        with_service(echo, |_: &mut Echo| ());
        assert_eq!(raw_call(3), 3u32.to_le_bytes());
        assert_eq!(builds(), 1);
    }

    #[test]
    fn reentrant_use_of_one_service_panics_instead_of_aliasing() {
        let nested = std::panic::catch_unwind(|| {
            with_service(counted, |_: &mut Counted| {
                with_service(counted, |_: &mut Counted| ())
            })
        });
        assert!(nested.is_err());
    }
}

//! The peers benchmark's kkgen variant (A): `peers.kkidl` implemented with the checked-in generated
//! bindings (`../sdk/rust/peers_v1.rs`, `npm run sdk:peers`; suite `sdk` fails when they are stale)
//! over the shared logic (`peers-logic`), with the module ABI and the scalar fast exports, built by
//! `kkgen build rust`.

mod generated {
    include!("../../sdk/rust/peers_v1.rs");
    // The scalar fast exports (kk_op_<id>, docs/abi.md §1.4): `add` qualifies.
    peers_fast_ops!(crate::dispatcher);
}

pub use generated::*;

use kkrpc_runtime::wire::Buffer;

/// The service: stateless, every op is the shared logic.
#[derive(Debug, Default)]
pub struct PeersService;

impl Peers for PeersService {
    fn add(&mut self, a: u32, b: u32) -> u32 {
        peers_logic::add(a, b)
    }

    fn greet(&mut self, name: &str) -> String {
        peers_logic::greet(name)
    }

    fn bounds(&mut self, v: &[f32]) -> Bounds {
        let b = peers_logic::bounds(v);
        Bounds {
            min: b.min,
            max: b.max,
            sum: b.sum,
        }
    }

    fn scale(&mut self, v: &[f32], k: f32) -> Buffer<f32> {
        // Collected into the buffer the response frame is built around (docs/build.md).
        peers_logic::scaled(v, k).collect::<Buffer<f32>>()
    }
}

/// Builds the dispatcher the module ABI runs.
pub fn dispatcher() -> PeersDispatcher<PeersService> {
    PeersDispatcher::new(PeersService)
}

kkrpc_runtime::export_abi!(crate::dispatcher);

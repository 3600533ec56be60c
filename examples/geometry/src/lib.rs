//! The geometry example service: parametric solids held behind handles,
//! tessellated into `f32[]` vertex buffers.
//!
//! The bindings are the checked-in SDK's `sdk/rust/geo_v1.rs`, generated from
//! `geometry.kkidl` by `npm run sdk:geometry` (docs/sdk.md; suite `sdk`
//! fails when it is stale). This one crate builds for every Rust target:
//! `wasm32-unknown-unknown` (a `cdylib` with the module ABI as
//! `#[wasm_bindgen]` exports, for the TS host, and the typed per-op
//! `#[wasm_bindgen]` exports `geometryCreate`, `geometryTessellate`, ... for
//! wasm-bindgen's JS glue; both reach one lazily built service),
//! `wasm32-wasip1` and native (the `geometry-stdio` binary serves frames over
//! stdin/stdout).

mod generated {
    include!("../sdk/rust/geo_v1.rs");
    geometry_wasm_bindgen_ops!(crate::dispatcher);
    // The scalar fast exports (kk_op_<id>, docs/abi.md §1.4) on the same service.
    geometry_fast_ops!(crate::dispatcher);
}

pub use generated::*;

use kkrpc_runtime::frame::SystemErrorCode;
use kkrpc_runtime::service;
use kkrpc_runtime::wire::Buffer;
use std::collections::HashMap;
use std::f64::consts::{PI, TAU};

/// Largest accepted `segments`: 2048² quads is already ~75M floats.
pub const MAX_SEGMENTS: u32 = 2048;

/// The service state: live models by handle. Built lazily on the first call.
#[derive(Debug, Default)]
pub struct GeometryService {
    models: HashMap<u32, Entry>,
    last_handle: u32,
}

#[derive(Debug)]
struct Entry {
    shape: Shape,
    name: String,
}

impl GeometryService {
    fn entry(&self, model: &Model) -> Result<&Entry, UnknownModel> {
        self.models
            .get(&model.0)
            .ok_or(UnknownModel { model: *model })
    }
}

fn positive(what: &str, v: f64) -> Result<(), InvalidParams> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(InvalidParams {
            reason: format!("{what} must be a positive finite number, got {v}"),
        })
    }
}

/// The point of `shape` at surface parameters `u` (around z) and `v` in [0, 1].
fn surface_point(shape: &Shape, u: f64, v: f64) -> [f32; 3] {
    let theta = u * TAU;
    match shape {
        Shape::Sphere(s) => {
            let phi = v * PI;
            let r = s.radius;
            [
                (r * phi.sin() * theta.cos()) as f32,
                (r * phi.sin() * theta.sin()) as f32,
                (r * phi.cos()) as f32,
            ]
        }
        Shape::Torus(t) => {
            let phi = v * TAU;
            let ring = t.major + t.minor * phi.cos();
            [
                (ring * theta.cos()) as f32,
                (ring * theta.sin()) as f32,
                (t.minor * phi.sin()) as f32,
            ]
        }
    }
}

fn tessellate_shape(shape: &Shape, segments: u32) -> Buffer<f32> {
    let n = segments as usize;
    // Built with room for the response frame in front: handed out without a copy.
    let mut out = Buffer::with_capacity(n * n * 18);
    let step = 1.0 / f64::from(segments);
    for i in 0..n {
        for j in 0..n {
            let (u0, u1) = (i as f64 * step, (i + 1) as f64 * step);
            let (v0, v1) = (j as f64 * step, (j + 1) as f64 * step);
            let a = surface_point(shape, u0, v0);
            let b = surface_point(shape, u1, v0);
            let c = surface_point(shape, u1, v1);
            let d = surface_point(shape, u0, v1);
            for p in [a, b, c, a, c, d] {
                out.extend_from_slice(&p);
            }
        }
    }
    out
}

fn vec3(x: f64, y: f64, z: f64) -> Vec3 {
    Vec3 {
        x: x as f32,
        y: y as f32,
        z: z as f32,
    }
}

impl Geometry for GeometryService {
    fn create(&mut self, shape: Shape, name: &str) -> Result<Model, InvalidParams> {
        match &shape {
            Shape::Sphere(s) => positive("radius", s.radius)?,
            Shape::Torus(t) => {
                positive("major", t.major)?;
                positive("minor", t.minor)?;
                if t.minor >= t.major {
                    return Err(InvalidParams {
                        reason: "minor must be smaller than major".into(),
                    });
                }
            }
        }
        self.last_handle = self.last_handle.checked_add(1).unwrap_or(1);
        let handle = self.last_handle;
        self.models.insert(
            handle,
            Entry {
                shape,
                name: name.to_owned(),
            },
        );
        Ok(Model(handle))
    }

    fn tessellate(
        &mut self,
        model: Model,
        segments: u32,
    ) -> Result<Buffer<f32>, GeometryTessellateError> {
        let entry = self
            .entry(&model)
            .map_err(GeometryTessellateError::UnknownModel)?;
        if !(1..=MAX_SEGMENTS).contains(&segments) {
            return Err(GeometryTessellateError::InvalidParams(InvalidParams {
                reason: format!("segments must be in 1..={MAX_SEGMENTS}, got {segments}"),
            }));
        }
        // Refused before it is built when the caller could not take it (the host's frame
        // limit, docs/abi.md §1.6): building 300 MB first could exhaust the module's memory.
        // 18 floats (two triangles) per quad.
        let answer_len = Buffer::<f32>::ok_frame_len(u64::from(segments).pow(2) * 18);
        let limit = service::answer_limit();
        if answer_len > limit as u64 {
            service::refuse(
                SystemErrorCode::TooLarge,
                &format!("tessellate({segments}) would answer {answer_len} bytes, over the caller's frame limit of {limit} bytes"),
            );
            return Ok(Buffer::new());
        }
        Ok(tessellate_shape(&entry.shape, segments))
    }

    fn bounds(&mut self, model: Model) -> Result<Bounds, UnknownModel> {
        let entry = self.entry(&model)?;
        let (xy, z) = match &entry.shape {
            Shape::Sphere(s) => (s.radius, s.radius),
            Shape::Torus(t) => (t.major + t.minor, t.minor),
        };
        Ok(Bounds {
            min: vec3(-xy, -xy, -z),
            max: vec3(xy, xy, z),
        })
    }

    fn bounds_of(&mut self, vertices: &[f32]) -> Bounds {
        let mut min = [f32::INFINITY; 3];
        let mut max = [f32::NEG_INFINITY; 3];
        for p in vertices.chunks_exact(3) {
            for k in 0..3 {
                min[k] = min[k].min(p[k]);
                max[k] = max[k].max(p[k]);
            }
        }
        if vertices.len() < 3 {
            (min, max) = ([0.0; 3], [0.0; 3]);
        }
        Bounds {
            min: Vec3 {
                x: min[0],
                y: min[1],
                z: min[2],
            },
            max: Vec3 {
                x: max[0],
                y: max[1],
                z: max[2],
            },
        }
    }

    fn name(&mut self, model: Model) -> Result<String, UnknownModel> {
        Ok(self.entry(&model)?.name.clone())
    }

    fn release(&mut self, model: Model) -> Result<(), UnknownModel> {
        self.models
            .remove(&model.0)
            .map(|_| ())
            .ok_or(UnknownModel { model })
    }

    fn is_live(&mut self, model: Model) -> bool {
        self.models.contains_key(&model.0)
    }
}

/// Builds the dispatcher the module ABI and the stdio server run.
pub fn dispatcher() -> GeometryDispatcher<GeometryService> {
    GeometryDispatcher::new(GeometryService::default())
}

kkrpc_runtime::export_abi!(crate::dispatcher);

//! A fixture for the typed `#[wasm_bindgen]` per-op exports (docs/build.md
//! §5): a service over `kinds.kkidl`, whose ops cover every JS mapping, built
//! as a `cdylib` for `wasm32-unknown-unknown` and called from node through
//! wasm-bindgen's glue (`host/kinds-test.mjs`). It has no module ABI
//! exports: the typed exports stand alone. `kindsBuildCount` (not an op)
//! tells how many times the service was built, to check that instantiation
//! builds nothing and the first call builds it once.

pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/kk_kinds_v1.rs"));
    kinds_wasm_bindgen_ops!(crate::dispatcher);
    // The scalar fast exports (kk_op_<id>, docs/abi.md §1.4) on the same service.
    kinds_fast_ops!(crate::dispatcher);
}

use generated::*;
use kkrpc_runtime::wire::Buffer;
use std::cell::Cell;
use std::collections::BTreeMap;

thread_local! {
    static BUILDS: Cell<u32> = const { Cell::new(0) };
}

/// The service: the items stored (handle `n` is `items[n - 1]`).
#[derive(Default)]
pub struct KindsService {
    items: Vec<(Point, Vec<String>)>,
    nothings: u32,
}

/// Builds the service (counted); bound to the exports by `kinds_wasm_bindgen_ops!`.
pub fn dispatcher() -> KindsDispatcher<KindsService> {
    BUILDS.with(|b| b.set(b.get() + 1));
    KindsDispatcher::new(KindsService::default())
}

/// How many times the service has been built.
#[cfg_attr(
    all(target_arch = "wasm32", target_os = "unknown"),
    kkrpc_runtime::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = kkrpc_runtime::__private::wasm_bindgen,
        js_name = kindsBuildCount
    )
)]
pub fn build_count() -> u32 {
    BUILDS.with(Cell::get)
}

impl KindsService {
    fn item(&self, item: Item) -> Result<&(Point, Vec<String>), Missing> {
        self.items
            .get((item.0 as usize).wrapping_sub(1))
            .ok_or(Missing { item })
    }
}

impl Kinds for KindsService {
    fn scalars(
        &mut self,
        flag: bool,
        tiny: i8,
        small: u16,
        count: u32,
        big: i64,
        huge: u64,
        ratio: f32,
        precise: f64,
    ) -> String {
        format!("{flag} {tiny} {small} {count} {big} {huge} {ratio} {precise}")
    }

    fn wrap(&mut self, value: i64) -> u64 {
        value as u64
    }

    fn negate(&mut self, flag: bool) -> bool {
        !flag
    }

    fn half(&mut self, value: f32) -> f32 {
        value / 2.0
    }

    fn concat(&mut self, text: &str, raw: &[u8]) -> Vec<u8> {
        [text.as_bytes(), raw].concat()
    }

    fn upper(&mut self, text: &str) -> String {
        text.to_uppercase()
    }

    fn scale(&mut self, values: &[f64], by: f64) -> Buffer<f64> {
        values.iter().map(|v| v * by).collect()
    }

    fn widen(&mut self, values: &[i32]) -> Buffer<i64> {
        values.iter().map(|&v| i64::from(v) << 32).collect()
    }

    fn next_color(&mut self, color: Color) -> Color {
        match color {
            Color::Red => Color::Green,
            Color::Green => Color::Blue,
            Color::Blue => Color::Red,
        }
    }

    fn describe(
        &mut self,
        color: Option<Color>,
        item: Option<Item>,
        count: Option<u32>,
        text: Option<String>,
        values: Option<Buffer<f32>>,
    ) -> String {
        format!(
            "{color:?} {item:?} {count:?} {text:?} {:?}",
            values.as_deref()
        )
    }

    fn maybe_color(&mut self, on: bool) -> Option<Color> {
        on.then_some(Color::Blue)
    }

    fn maybe_item(&mut self, on: bool) -> Option<Item> {
        on.then_some(Item(7))
    }

    fn maybe_values(&mut self, on: bool) -> Option<Buffer<f32>> {
        on.then(|| Buffer::from([0.5, -1.0]))
    }

    fn store(&mut self, at: Point, tags: Vec<String>) -> Result<Item, Rejected> {
        if tags.is_empty() {
            return Err(Rejected {
                reason: "no tags".into(),
                color: Color::Green,
                item: None,
                at,
                big: -1 << 40,
                raw: vec![1, 2, 3],
            });
        }
        self.items.push((at, tags));
        Ok(Item(self.items.len() as u32))
    }

    fn lookup(&mut self, item: Item) -> Result<Point, Missing> {
        Ok(self.item(item)?.0.clone())
    }

    fn tags(&mut self, item: Item) -> Result<BTreeMap<String, u32>, KindsTagsError> {
        let (at, tags) = self.item(item)?;
        if tags.iter().any(|t| t == "secret") {
            return Err(KindsTagsError::Rejected(Rejected {
                reason: "secret".into(),
                color: Color::Red,
                item: Some(item),
                at: at.clone(),
                big: i64::MAX,
                raw: vec![],
            }));
        }
        Ok(tags.iter().map(|t| (t.clone(), t.len() as u32)).collect())
    }

    fn nothing(&mut self) {
        self.nothings += 1;
    }

    fn nothings(&mut self) -> u32 {
        self.nothings
    }

    fn keywords(
        &mut self,
        default: u32,
        r#type: &str,
        self_: bool,
        r#await: i32,
        r#fn: u8,
    ) -> String {
        format!("{default} {type} {self_} {await} {fn}", type = r#type, await = r#await, fn = r#fn)
    }

    fn crash(&mut self, message: &str) -> u32 {
        panic!("{message}")
    }
}

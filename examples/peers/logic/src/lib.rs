//! The four ops of the peers benchmark (`examples/peers/peers.kkidl`), written once. Every variant
//! (kkgen, hand-written wasm-bindgen, wit-bindgen/jco, the JSON boundary) calls these functions, so
//! the benchmark times the boundary, not the logic.

/// `a + b`, wrapping.
pub fn add(a: u32, b: u32) -> u32 {
    a.wrapping_add(b)
}

/// `"Hello, <name>!"`.
pub fn greet(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    out.push_str("Hello, ");
    out.push_str(name);
    out.push('!');
    out
}

/// The smallest value, the largest and the sum of a sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// The smallest element (0 when empty).
    pub min: f32,
    /// The largest element (0 when empty).
    pub max: f32,
    /// The sum, in f64.
    pub sum: f64,
}

/// The bounds of `v` (all zero when empty).
pub fn bounds(v: &[f32]) -> Bounds {
    let Some(&first) = v.first() else {
        return Bounds {
            min: 0.0,
            max: 0.0,
            sum: 0.0,
        };
    };
    let (mut min, mut max, mut sum) = (first, first, 0.0f64);
    for &x in v {
        min = min.min(x);
        max = max.max(x);
        sum += f64::from(x);
    }
    Bounds { min, max, sum }
}

/// Every element of `v` times `k`, lazily: each variant collects it into its own result type (kkgen
/// into a `Buffer<f32>` built inside its response frame, the others into a `Vec<f32>`).
pub fn scaled(v: &[f32], k: f32) -> impl ExactSizeIterator<Item = f32> + '_ {
    v.iter().map(move |x| x * k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops() {
        assert_eq!(add(u32::MAX, 2), 1);
        assert_eq!(greet("kk"), "Hello, kk!");
        assert_eq!(
            bounds(&[2.0, -1.0, 3.0]),
            Bounds {
                min: -1.0,
                max: 3.0,
                sum: 4.0
            }
        );
        assert_eq!(bounds(&[]).sum, 0.0);
        assert_eq!(scaled(&[1.0, 2.0], 3.0).collect::<Vec<_>>(), [3.0, 6.0]);
    }
}

//! Front-end benchmark (`cargo xtask bench idl`): parse + check + IR of a
//! generated schema with 1,000 ops and 2,000 types, next to a baseline in
//! the same run: deserializing the resulting IR from JSON (the cost of merely
//! reading the model). Goal: under 100 ms for the front end.

use std::fmt::Write;
use std::time::{Duration, Instant};

/// A schema with `types` types (structs, enums, unions, errors, handles,
/// cross-referencing) and `ops` ops spread over 10 services.
fn generate(types: usize, ops: usize) -> String {
    let mut s = String::from("/// Generated for the benchmark.\npackage bench.big.v1;\n\n");
    for i in 0..types {
        let _ = writeln!(s, "/// Type number {i}.");
        match i % 5 {
            0 => {
                let _ = writeln!(s, "struct S{i} {{\n    id: u64,\n    name: string,\n    values: f32[],\n    tags: map<string, i32>,\n    maybe: u32?,");
                if i >= 5 {
                    let _ = writeln!(s, "    prev: S{}?,\n    items: list<S{}>,", i - 5, i - 5);
                }
                s.push_str("}\n\n");
            }
            1 => {
                let _ = writeln!(s, "enum E{i} {{\n    A,\n    B,\n    C = 10,\n    D,\n}}\n");
            }
            2 => {
                let _ = writeln!(s, "union U{i} {{\n    First(S{}),\n    Second(f64),\n    @id(9)\n    Third,\n}}\n", i - 2);
            }
            3 => {
                let _ = writeln!(
                    s,
                    "error Err{i} {{\n    reason: string,\n    code: u32,\n}}\n"
                );
            }
            _ => {
                let _ = writeln!(s, "handle H{i};\n");
            }
        }
    }
    let per_service = ops / 10;
    for svc in 0..10 {
        let _ = writeln!(s, "/// Service {svc}.\nservice Svc{svc} {{");
        for o in 0..per_service {
            let t = (svc * per_service + o) * 5 % types.max(5);
            let base = t - t % 5;
            let _ = writeln!(
                s,
                "    /// Op {o}.\n    op op_{o}(input: S{base}, kind: E{}, samples: f32[]) -> U{} throws Err{};",
                base + 1,
                base + 2,
                base + 3
            );
        }
        s.push_str("}\n\n");
    }
    s
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let text = generate(2000, 1000);
    let compiled = kkidl::compile_str("big.kkidl", &text, &[]).unwrap_or_else(|e| panic!("{e}"));
    let ops: usize = compiled.ir.services.iter().map(|s| s.ops.len()).sum();
    let json = serde_json::to_string(&compiled.ir).unwrap();
    println!(
        "schema: {} types, {} ops, {} KB of source, {} KB of IR JSON",
        compiled.ir.types.len(),
        ops,
        text.len() / 1024,
        json.len() / 1024
    );
    let front = best_of(10, || {
        kkidl::compile_str("big.kkidl", &text, &[]).unwrap();
    });
    let parse_only = best_of(10, || {
        kkidl::parse::parse_file(kkidl::source::SourceId(0), &text).unwrap();
    });
    let baseline = best_of(10, || {
        let _: kkidl::ir::Ir = serde_json::from_str(&json).unwrap();
    });
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("{:<40} {:>10}", "", "best of 10");
    println!("{:<40} {:>8.2} ms", "parse only", ms(parse_only));
    println!(
        "{:<40} {:>8.2} ms",
        "parse + check + IR (kkidl::compile)",
        ms(front)
    );
    println!(
        "{:<40} {:>8.2} ms",
        "baseline: serde_json IR from JSON",
        ms(baseline)
    );
    println!(
        "front end / baseline: {:.1}x; goal < 100 ms: {}",
        ms(front) / ms(baseline),
        if ms(front) < 100.0 { "met" } else { "NOT met" }
    );
}

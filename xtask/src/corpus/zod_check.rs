//! The type check of a unit's `zod.ts` against its `types.ts`: for every
//! declared type and every op's params and result, `z.output<typeof
//! XSchema>` is assignable to the TS type and back (`gen/<unit>/zod_check.ts`,
//! compiled by the corpus's strictest tsc run; it asserts nothing at run time).

use kkgen::ts::naming;
use kkgen::ts::types::ts_type_in;
use kkgen::zod::emitted::{params_schema_name, result_schema_name, type_schema_name};
use kkidl::ir::Ir;
use std::fmt::Write as _;

/// The source of `zod_check.ts` for `ir`.
pub fn zod_check(ir: &Ir) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for def in &ir.types {
        pairs.push((
            type_schema_name(&def.name),
            format!("T.{}", naming::type_name(&def.name)),
        ));
    }
    for s in &ir.services {
        for op in &s.ops {
            pairs.push((
                params_schema_name(&s.name, &op.name),
                format!("T.{}", naming::params_name(&s.name, &op.name)),
            ));
            let result = op
                .result
                .as_ref()
                .map_or_else(|| "void".into(), |r| ts_type_in(ir, r, "T."));
            pairs.push((result_schema_name(&s.name, &op.name), result));
        }
    }
    let mut out = String::from(
        "// Each Zod schema's output and its TS type, assigned both ways (tsc checks them).\n",
    );
    if pairs.is_empty() {
        out.push_str("export {};\n");
        return out;
    }
    out.push_str("import type { z } from \"zod\";\nimport type * as T from \"./types.js\";\nimport type * as Z from \"./zod.js\";\n\n");
    for (i, (schema, ts)) in pairs.iter().enumerate() {
        writeln!(
            out,
            "export const to{i} = (v: z.output<typeof Z.{schema}>): {ts} => v;\nexport const from{i} = (v: {ts}): z.output<typeof Z.{schema}> => v;"
        )
        .unwrap();
    }
    out
}

//! The three projects the corpus compiles, written around the generated
//! code: one Rust crate (a library with a module per schema, and a program
//! that encodes each carrier's samples, decodes them back and writes their
//! bytes to `samples.json`), one Go module (a package per schema, and a
//! command that decodes every sample, re-encodes it and compares the bytes)
//! and one TypeScript project (the same through the JSON of `zod.ts`,
//! compiled with the strictest flags).

use std::fmt::Write as _;
use std::path::Path;

/// One compiled unit: a schema of `tests/schemas/good/`, of the type-form
/// corpus or the name corpus.
pub struct Unit {
    /// Rust module, Go package and TS folder name.
    pub name: String,
    /// The `.kkidl` file.
    pub source: std::path::PathBuf,
    /// The structs and errors round-tripped, each with a non-trivial Rust
    /// value (the other sample is its default); none for a good schema.
    pub carriers: Vec<(&'static str, String)>,
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The Rust crate in `dir`; `modules` are `(unit, generated file name)` pairs that compiled.
pub fn rust_crate(
    dir: &Path,
    root: &Path,
    units: &[&Unit],
    modules: &[(String, String)],
) -> Result<(), String> {
    let runtime = root.join("runtime-rs");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"kk-corpus\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [workspace]\n\n[dependencies]\nkkrpc-runtime = {{ path = {:?} }}\n\n\
             # Only run once, to write the samples: no debug info keeps the build short.\n\
             [profile.dev]\ndebug = false\n",
            runtime.display().to_string()
        ),
    )?;
    let mut lib = String::from(
        "//! The Rust kkgen generates for every corpus and good schema, one module each.\n\n",
    );
    for (name, file) in modules {
        writeln!(lib, "/// Generated from `{name}`.\npub mod {name} {{\n    include!(\"gen/{name}/{file}\");\n}}").unwrap();
    }
    write(&dir.join("src/lib.rs"), &lib)?;
    let mut main = String::from(MAIN_RS_HEAD);
    let samples: Vec<&&Unit> = units
        .iter()
        .filter(|u| !u.carriers.is_empty() && modules.iter().any(|(m, _)| *m == u.name))
        .collect();
    main.push_str("mod samples {\n");
    for u in &samples {
        writeln!(main, "    pub mod {};", u.name).unwrap();
    }
    main.push_str("}\n\nfn main() {\n    let path = std::env::args().nth(1).expect(\"usage: kk-corpus SAMPLES.json\");\n    #[allow(unused_mut)] // no samples when no corpus module compiled\n    let mut samples = Samples::default();\n");
    for u in &samples {
        writeln!(main, "    samples::{}::add(&mut samples);", u.name).unwrap();
    }
    main.push_str("    samples.finish(&path);\n}\n");
    write(&dir.join("src/main.rs"), &main)?;
    for u in samples {
        let mut s = format!("//! Samples of `{}`.\n\nuse kk_corpus::{}::*;\n\n/// Adds the carriers' samples.\npub fn add(samples: &mut crate::Samples) {{\n", u.name, u.name);
        for (carrier, value) in &u.carriers {
            writeln!(s, "    samples.add(\n        \"{}.{carrier}\",\n        [\n            {carrier}::default(),\n            {value},\n        ],\n    );", u.name)
                .unwrap();
        }
        s.push_str("}\n");
        write(&dir.join(format!("src/samples/{}.rs", u.name)), &s)?;
    }
    Ok(())
}

const MAIN_RS_HEAD: &str = r#"//! Encodes two samples (default and non-trivial) of each corpus carrier,
//! checks they decode back equal and re-encode to the same bytes, and writes
//! the bytes as JSON for the Go and TypeScript round trips.

use kkrpc_runtime::wire::{decode_from_slice, encode_to_vec, Decode, Encode};
use std::fmt::Write as _;

/// The samples written so far, and what went wrong.
#[derive(Default)]
pub struct Samples {
    json: Vec<String>,
    failures: Vec<String>,
}

impl Samples {
    /// Encodes each value, decodes it back and records its bytes.
    pub fn add<T>(&mut self, name: &str, values: [T; 2])
    where
        T: Encode + for<'de> Decode<'de> + PartialEq + std::fmt::Debug,
    {
        for (i, value) in values.iter().enumerate() {
            let bytes = encode_to_vec(value);
            match decode_from_slice::<T>(&bytes) {
                Ok(back) if &back == value && encode_to_vec(&back) == bytes => {}
                Ok(back) => self.failures.push(format!("{name} sample {i}: decodes to {back:?}, not {value:?}")),
                Err(e) => self.failures.push(format!("{name} sample {i}: {e:?}")),
            }
            let mut hex = String::with_capacity(bytes.len() * 2);
            for b in &bytes {
                let _ = write!(hex, "{b:02x}");
            }
            self.json.push(format!("{{\"name\": \"{name}\", \"sample\": {i}, \"hex\": \"{hex}\"}}"));
        }
    }

    /// Writes the JSON file; prints each failure and exits 1 if any.
    fn finish(self, path: &str) {
        std::fs::write(path, format!("[\n{}\n]\n", self.json.join(",\n"))).expect("write the samples");
        for f in &self.failures {
            println!("FAIL {f}");
        }
        println!("ok {}", self.json.len() - self.failures.len());
        if !self.failures.is_empty() {
            std::process::exit(1);
        }
    }
}

"#;

/// The Go module in `dir`: `packages` are the units whose generated package compiled.
pub fn go_module(dir: &Path, root: &Path, packages: &[&Unit]) -> Result<(), String> {
    write(
        &dir.join("go.mod"),
        &format!(
            "module kkgen.dev/kkcorpus\n\ngo 1.24\n\nrequire kkgen.dev/kkrpc v0.0.0\n\nreplace kkgen.dev/kkrpc => {}\n",
            root.join("runtime-go").display()
        ),
    )?;
    let corpus: Vec<&&Unit> = packages.iter().filter(|u| !u.carriers.is_empty()).collect();
    let mut imports = String::new();
    let mut table = String::new();
    for u in &corpus {
        writeln!(
            imports,
            "\t{} \"kkgen.dev/kkcorpus/gen/{}\"",
            u.name, u.name
        )
        .unwrap();
        for (c, _) in &u.carriers {
            writeln!(table, "\t\"{}.{c}\": roundTrip[{}.{c}],", u.name, u.name).unwrap();
        }
    }
    write(
        &dir.join("roundtrip/main.go"),
        &GO_MAIN
            .replace("\t//IMPORTS\n", &imports)
            .replace("\t//TABLE\n", &table),
    )
}

const GO_MAIN: &str = r#"// Command roundtrip decodes every sample the Rust corpus program encoded
// with the generated Go codecs, re-encodes it and compares the bytes.
package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"kkgen.dev/kkrpc/wire"

	//IMPORTS
)

type codec interface {
	EncodeTo(w *wire.Writer)
	DecodeFrom(r *wire.Reader) error
}

func roundTrip[T any, P interface {
	*T
	codec
}](b []byte) ([]byte, error) {
	var v T
	r := wire.NewReader(b)
	if err := P(&v).DecodeFrom(r); err != nil {
		return nil, err
	}
	if err := r.Finish(); err != nil {
		return nil, err
	}
	var w wire.Writer
	P(&v).EncodeTo(&w)
	return w.Bytes(), nil
}

var codecs = map[string]func([]byte) ([]byte, error){
	//TABLE
}

type sample struct {
	Name   string `json:"name"`
	Sample int    `json:"sample"`
	Hex    string `json:"hex"`
}

func main() {
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Println("FAIL", err)
		os.Exit(1)
	}
	var samples []sample
	if err := json.Unmarshal(text, &samples); err != nil {
		fmt.Println("FAIL", err)
		os.Exit(1)
	}
	passed, failed := 0, 0
	for _, s := range samples {
		in, _ := hex.DecodeString(s.Hex)
		f, ok := codecs[s.Name]
		if !ok {
			continue
		}
		out, err := f(in)
		switch {
		case err != nil:
			fmt.Printf("FAIL %s sample %d: decode: %v\n", s.Name, s.Sample, err)
			failed++
		case !bytes.Equal(in, out):
			fmt.Printf("FAIL %s sample %d: re-encoded %d bytes differ from the %d decoded\n", s.Name, s.Sample, len(out), len(in))
			failed++
		default:
			passed++
		}
	}
	fmt.Printf("ok %d\n", passed)
	if failed > 0 {
		os.Exit(1)
	}
}
"#;

/// The TypeScript project in `dir` (strictest flags, like tests/conformance/ts/tsconfig.strictest.json).
pub fn ts_project(dir: &Path, units: &[&Unit]) -> Result<(), String> {
    write(
        &dir.join("package.json"),
        "{ \"type\": \"module\", \"private\": true }\n",
    )?;
    write(&dir.join("tsconfig.json"), TSCONFIG)?;
    let corpus: Vec<&&Unit> = units.iter().filter(|u| !u.carriers.is_empty()).collect();
    let mut imports = String::new();
    let mut table = String::new();
    for u in &corpus {
        writeln!(
            imports,
            "import * as {n} from \"./gen/{n}/codecs.js\";\nimport * as {n}_zod from \"./gen/{n}/zod.js\";",
            n = u.name
        )
        .unwrap();
        for (c, _) in &u.carriers {
            writeln!(
                table,
                "  [\"{n}.{c}\", roundTrip({n}.decode{c}, {n}.encode{c}, {n}.maxSize{c}, {n}_zod.{c}Schema)],",
                n = u.name
            )
            .unwrap();
        }
    }
    write(
        &dir.join("roundtrip.ts"),
        &TS_MAIN
            .replace("//IMPORTS\n", &imports)
            .replace("  //TABLE\n", &table),
    )
}

const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2022", "DOM"],
    "types": ["node"],
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noImplicitOverride": true,
    "isolatedModules": true,
    "verbatimModuleSyntax": true,
    "skipLibCheck": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "exactOptionalPropertyTypes": true,
    "noUncheckedIndexedAccess": true,
    "noImplicitReturns": true,
    "noPropertyAccessFromIndexSignature": true,
    "noFallthroughCasesInSwitch": true,
    "rootDir": ".",
    "outDir": "build"
  },
  "include": ["gen/**/*.ts", "roundtrip.ts"]
}
"#;

const TS_MAIN: &str = r#"// Decodes every sample the Rust corpus program encoded with the generated
// TypeScript codecs, turns it into JSON text with the zod.ts schema and back,
// re-encodes it, checks maxSize, and compares the bytes.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { Reader, Writer } from "@kkgen/runtime";
//IMPORTS

function roundTrip<T>(
  decode: (r: Reader) => T,
  encode: (w: Writer, v: T) => void,
  maxSize: (v: T) => number,
  schema: z.ZodType<T, unknown>,
): (bytes: Uint8Array) => Uint8Array {
  return (bytes) => {
    const r = new Reader(bytes);
    const v = schema.parse(JSON.parse(JSON.stringify(z.encode(schema, decode(r)))));
    r.finish();
    const w = Writer.growable();
    encode(w, v);
    const out = w.finish();
    if (maxSize(v) < out.length) throw new Error(`maxSize ${maxSize(v)} < encoded ${out.length}`);
    return out;
  };
}

const codecs = new Map<string, (bytes: Uint8Array) => Uint8Array>([
  //TABLE
]);

interface Sample {
  name: string;
  sample: number;
  hex: string;
}

const samples = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Sample[];
let passed = 0;
let failed = 0;
for (const s of samples) {
  const f = codecs.get(s.name);
  if (f === undefined) continue;
  const bytes = new Uint8Array(s.hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(s.hex.slice(2 * i, 2 * i + 2), 16);
  try {
    const out = f(bytes);
    if (out.length !== bytes.length || out.some((b, i) => b !== bytes[i])) {
      console.log(`FAIL ${s.name} sample ${s.sample}: re-encoded ${out.length} bytes differ from the ${bytes.length} decoded`);
      failed++;
    } else {
      passed++;
    }
  } catch (e) {
    console.log(`FAIL ${s.name} sample ${s.sample}: ${String(e)}`);
    failed++;
  }
}
console.log(`ok ${passed}`);
process.exitCode = failed > 0 ? 1 : 0;
"#;

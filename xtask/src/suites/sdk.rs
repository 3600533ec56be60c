//! Suite `sdk`: the examples' checked-in generated code (`examples/<name>/sdk/{rust,go,ts}`,
//! docs/sdk.md) is what kkgen writes now. Each example with a schema (`examples/<name>/<name>.kkidl`)
//! has an npm script `sdk:<name>` in the root package.json, the one place its `kkgen gen` command
//! is written; the suite runs it with `-- --check` (kkgen from this checkout on PATH), so a stale
//! SDK fails with the unified diff. Then the Go idiom: `go generate ./...` in examples/rules (the
//! `//go:generate` line of logic/logic.go) leaves the SDK as `--check` wants it. The headers' schema
//! hash is checked by `cargo test -p kkgen` (generator/tests/sdk_headers.rs).

use crate::run::{cmdline, Ctx, Step};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "examples/*/sdk is what kkgen writes: npm run sdk:<name> -- --check per example, go generate";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::kkgen(ctx)?;
    let path = kkgen_on_path(ctx)?;
    let examples = examples_with_schema(ctx)?;
    let scripts = sdk_scripts(ctx)?;
    ctx.check(scripts == examples, || {
        format!(
            "every example with a schema needs an npm script sdk:<name> (root package.json), and only those: examples {examples:?}, scripts {scripts:?}"
        )
    })?;
    for name in &examples {
        ctx.log(&format!("npm run sdk:{name} -- --check"));
        ctx.run(
            cmdline("npm run --silent")
                .arg(format!("sdk:{name}"))
                .args(["--", "--check"])
                .env("PATH", &path),
        )?;
        ctx.add_tests(1);
    }
    ctx.log("go generate ./... in examples/rules, then the rules SDK is still current");
    ctx.run(
        cmdline("go generate ./...")
            .dir("examples/rules")
            .env("PATH", &path),
    )?;
    ctx.run(cmdline("npm run --silent sdk:rules -- --check").env("PATH", &path))?;
    ctx.add_tests(1);
    Ok(())
}

/// PATH with this checkout's `target/debug` (where [`shared::kkgen`] builds `kkgen`) first.
fn kkgen_on_path(ctx: &Ctx) -> Step<String> {
    let bin = ctx.path("target/debug");
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let joined = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&rest)))
        .map_err(|e| format!("PATH: {e}"))?;
    joined
        .into_string()
        .map_err(|_| "PATH is not UTF-8".to_string())
}

/// The examples with a schema `examples/<name>/<name>.kkidl`, sorted.
fn examples_with_schema(ctx: &Ctx) -> Step<Vec<String>> {
    let entries = std::fs::read_dir(ctx.path("examples")).map_err(|e| format!("examples: {e}"))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| ctx.path(format!("examples/{n}/{n}.kkidl")).is_file())
        .collect();
    names.sort();
    Ok(names)
}

/// The `<name>` of every `sdk:<name>` script of the root package.json, sorted.
fn sdk_scripts(ctx: &Ctx) -> Step<Vec<String>> {
    let text = std::fs::read_to_string(ctx.path("package.json"))
        .map_err(|e| format!("package.json: {e}"))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("package.json: {e}"))?;
    let scripts = json["scripts"]
        .as_object()
        .ok_or("package.json has no scripts")?;
    let mut names: Vec<String> = scripts
        .keys()
        .filter_map(|k| k.strip_prefix("sdk:").map(str::to_string))
        .collect();
    names.sort();
    Ok(names)
}

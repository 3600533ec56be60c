//! The named test suites of `cargo xtask test`, in the order a whole run takes them. Each is one
//! file with a `run(&mut Ctx) -> Step` that runs its steps through [`crate::run`]; builds several
//! suites share live in [`crate::shared`] and run once per run.

use crate::run::{Ctx, Step};

mod browser;
mod cargo;
mod corpus;
mod events;
mod evolution;
mod fmt;
pub mod go;
pub mod go_wire;
mod guide;
mod http;
mod idl;
pub mod kkrun;
mod naming;
pub mod nats;
mod nats_ts;
mod peers;
mod rust;
mod rust_wire;
mod sdk;
mod service;
mod stdio;
mod template;
mod ts;
pub mod ts_wire;
pub mod workers;

/// A named suite.
pub struct Suite {
    /// The name `cargo xtask test <name>` selects it by.
    pub name: &'static str,
    /// One line for `cargo xtask test --list`.
    pub about: &'static str,
    /// Runs its steps; stops at the first failing one.
    pub run: fn(&mut Ctx) -> Step,
}

/// Every suite, in the order lanes take them: the long ones early, so that the two lanes of a
/// whole run end together (`rust`'s single-threaded LTO links leave a core for the others; `cargo`
/// comes once the geometry build it needs is done; `template` mid-run, not last: it waits for the
/// cargo-generate build setup started in the background, and a long suite last would leave the
/// other lane idle).
pub const ALL: &[Suite] = &[
    Suite {
        name: "idl",
        about: idl::ABOUT,
        run: idl::run,
    },
    Suite {
        name: "rust",
        about: rust::ABOUT,
        run: rust::run,
    },
    Suite {
        name: "go-wire",
        about: go_wire::ABOUT,
        run: go_wire::run,
    },
    Suite {
        name: "go",
        about: go::ABOUT,
        run: go::run,
    },
    Suite {
        name: "ts-wire",
        about: ts_wire::ABOUT,
        run: ts_wire::run,
    },
    Suite {
        name: "corpus",
        about: "every good schema, the generated type-form corpus and the name corpus through every backend, compiled and round-tripped",
        run: corpus_suite,
    },
    Suite {
        name: "ts",
        about: ts::ABOUT,
        run: ts::run,
    },
    Suite {
        name: "naming",
        about: naming::ABOUT,
        run: naming::run,
    },
    Suite {
        name: "cargo",
        about: cargo::ABOUT,
        run: cargo::run,
    },
    Suite {
        name: "kkrun",
        about: kkrun::ABOUT,
        run: kkrun::run,
    },
    Suite {
        name: "nats",
        about: nats::ABOUT,
        run: nats::run,
    },
    Suite {
        name: "service",
        about: service::ABOUT,
        run: service::run,
    },
    Suite {
        name: "template",
        about: template::ABOUT,
        run: template::run,
    },
    Suite {
        name: "guide",
        about: guide::ABOUT,
        run: guide::run,
    },
    Suite {
        name: "stdio",
        about: stdio::ABOUT,
        run: stdio::run,
    },
    Suite {
        name: "evolution",
        about: evolution::ABOUT,
        run: evolution::run,
    },
    Suite {
        name: "events",
        about: events::ABOUT,
        run: events::run,
    },
    Suite {
        name: "http",
        about: http::ABOUT,
        run: http::run,
    },
    Suite {
        name: "workers",
        about: workers::ABOUT,
        run: workers::run,
    },
    Suite {
        name: "nats-ts",
        about: nats_ts::ABOUT,
        run: nats_ts::run,
    },
    Suite {
        name: "browser",
        about: browser::ABOUT,
        run: browser::run,
    },
    Suite {
        name: "peers",
        about: peers::ABOUT,
        run: peers::run,
    },
    Suite {
        name: "rust-wire",
        about: rust_wire::ABOUT,
        run: rust_wire::run,
    },
    Suite {
        name: "sdk",
        about: sdk::ABOUT,
        run: sdk::run,
    },
    Suite {
        name: "fmt",
        about: fmt::ABOUT,
        run: fmt::run,
    },
];

/// Suite `corpus` (suites/corpus.rs): its checks count as its tests.
fn corpus_suite(ctx: &mut Ctx) -> Step {
    crate::shared::runtime_ts(ctx)?;
    let checks = corpus::run(&ctx.root)?;
    ctx.add_tests(checks);
    Ok(())
}

//! Rust generated from the corner-case schemas of `tests/schemas/good/`,
//! compiled with clippy `-D warnings` and called in process through the
//! generated clients. This root module is `keywords.kkidl`: a service whose
//! every name is a keyword or a prelude name somewhere (`Result`, `Option`,
//! `Error`, `type`, `self`, `await`, ...); the others are submodules.

pub mod deprecated;
pub mod docs_strings;
pub mod empty_service;
pub mod every_name;
pub mod hygiene;
pub mod lints;
pub mod recursive_default;

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/demo_keywords_v1.rs"));
}

pub use generated::*;

/// Answers every op from its arguments.
#[derive(Debug, Default)]
pub struct Impl;

impl Promise for Impl {
    fn r#type(
        &mut self,
        r#type: &str,
        r#fn: u32,
        self_: Kind,
    ) -> ::core::result::Result<Result, Error> {
        if self_ == Kind::Err {
            return Err(Error {
                message: format!("asked for {type}"),
                code: r#fn,
            });
        }
        Ok(Result {
            r#type: r#type.to_string(),
            r#fn,
            self_: f64::from(r#fn),
            ..Result::default()
        })
    }

    fn interface(
        &mut self,
        default: ::core::option::Option<Option>,
        range: &[f32],
    ) -> kkrpc_runtime::wire::Buffer<f32> {
        let add = match default {
            Some(Option::Some(r)) => r.r#let,
            Some(Option::None) | Some(Option::Default) => 1.0,
            None => 0.0,
        };
        range.iter().map(|x| x + add).collect::<Vec<f32>>().into()
    }

    fn r#await(&mut self) {}

    fn string(&mut self, value: Map) -> Map {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kkrpc_runtime::client::{CallError, InProcess};

    #[test]
    fn keyword_names_round_trip() {
        let mut c = PromiseClient::new(InProcess::new(PromiseDispatcher::new(Impl)));
        let r = c.r#type("struct", 7, Kind::Type).unwrap();
        assert_eq!((r.r#type.as_str(), r.r#fn, r.self_), ("struct", 7, 7.0));
        match c.r#type("enum", 3, Kind::Err) {
            Err(CallError::Typed(Error { message, code })) => {
                assert_eq!((message.as_str(), code), ("asked for enum", 3))
            }
            other => panic!("expected the typed Error, got {other:?}"),
        }
        let with = Option::Some(Result {
            r#let: 0.5,
            ..Result::default()
        });
        assert_eq!(
            &c.interface(&Some(with), &[1.0, 2.0]).unwrap()[..],
            &[1.5, 2.5]
        );
        assert_eq!(&c.interface(&None, &[1.0]).unwrap()[..], &[1.0]);
        c.r#await().unwrap();
        assert_eq!(c.string(Map(9)).unwrap(), Map(9));
    }
}

//! `empty_service.kkidl`: a service without ops compiles without warnings
//! and answers every call with `unknown_op`.

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/demo_idle_v1.rs"));
}

pub use generated::*;

/// Implements nothing.
#[derive(Debug, Default)]
pub struct Nothing;

impl Idle for Nothing {}

#[cfg(test)]
mod tests {
    use super::*;
    use kkrpc_runtime::service::Dispatch;

    #[test]
    fn every_op_is_unknown() {
        let mut d = IdleDispatcher::new(Nothing);
        let mut frame = vec![0u8; kkrpc_runtime::service::HEADER_LEN];
        frame[..4].copy_from_slice(b"KKRP");
        let answer = d.dispatch(&frame);
        assert!(!answer.is_empty());
        let _client: IdleClient<kkrpc_runtime::client::InProcess<IdleDispatcher<Nothing>>> =
            IdleClient::new(kkrpc_runtime::client::InProcess::new(d));
    }
}

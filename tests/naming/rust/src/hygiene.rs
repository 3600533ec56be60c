//! `hygiene.kkidl`: parameters named like the generated code's own locals
//! (`call_id`, `payload`, `r`, `w`, `body`, `reply`, ...) neither shadow
//! them nor change what goes on the wire.

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/demo_hygiene_v1.rs"));
}

pub use generated::*;

/// Answers from the arguments.
#[derive(Debug, Default)]
pub struct Echo;

impl Shadow for Echo {
    #[allow(clippy::too_many_arguments)]
    fn echo(
        &mut self,
        call_id: u32,
        payload: &str,
        r: u8,
        w: u8,
        body: &[u8],
        value: i64,
        error: bool,
    ) -> Result<u32, ShadowEchoError> {
        if error {
            return Err(ShadowEchoError::Refused(Refused {
                call_id,
                body: payload.to_string(),
            }));
        }
        if value < 0 {
            return Err(ShadowEchoError::Busy(Busy { payload: call_id }));
        }
        Ok(call_id + u32::from(r) + u32::from(w) + body.len() as u32)
    }

    #[allow(clippy::too_many_arguments)]
    fn more(
        &mut self,
        header: u32,
        decoded: u32,
        params: u32,
        e: u32,
        other: u32,
        error_id: u32,
        reply: u32,
        frame: u32,
        options: u32,
        transport: u32,
        f: u32,
        err: u32,
        self_: u32,
        kk_service: u32,
        kk_value: u32,
    ) -> u32 {
        [
            header, decoded, params, e, other, error_id, reply, frame, options, transport, f, err,
            self_, kk_service, kk_value,
        ]
        .iter()
        .sum()
    }

    fn drop(&mut self, into: &str) -> String {
        into.to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kkrpc_runtime::client::{CallError, InProcess};

    fn client() -> ShadowClient<InProcess<ShadowDispatcher<Echo>>> {
        ShadowClient::new(InProcess::new(ShadowDispatcher::new(Echo)))
    }

    #[test]
    fn a_call_id_parameter_is_only_a_parameter() {
        let mut c = client();
        // Several calls, so the frame's call id differs from the argument.
        for _ in 0..3 {
            assert_eq!(c.echo(1000, "p", 1, 2, &[9, 9, 9], 0, false).unwrap(), 1006);
        }
        match c.echo(77, "why", 0, 0, &[], 0, true) {
            Err(CallError::Typed(ShadowEchoError::Refused(Refused { call_id, body }))) => {
                assert_eq!((call_id, body.as_str()), (77, "why"))
            }
            other => panic!("expected Refused, got {other:?}"),
        }
        match c.echo(5, "", 0, 0, &[], -1, false) {
            Err(CallError::Typed(ShadowEchoError::Busy(Busy { payload }))) => {
                assert_eq!(payload, 5)
            }
            other => panic!("expected Busy, got {other:?}"),
        }
    }

    #[test]
    fn every_local_name_is_a_plain_parameter() {
        let mut c = client();
        assert_eq!(
            c.more(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
                .unwrap(),
            120
        );
        assert_eq!(c.drop("x").unwrap(), "X");
    }
}

//! Every name the backends generate (`kkgen::name_corpus`), used as a
//! variant, field, parameter and op name beside the declarations it was
//! generated for: the Rust compiles under clippy `-D warnings` and encodes.

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/probe_v1.rs"));
}

pub use generated::*;

#[cfg(test)]
mod tests {
    use super::*;
    use kkrpc_runtime::wire::{Decode, Encode, Reader, Writer};

    #[test]
    fn the_probe_struct_round_trips() {
        let value = ProbeStruct::default();
        let mut w = Writer::new();
        value.encode(&mut w);
        let bytes = w.finish();
        assert_eq!(
            ProbeStruct::decode(&mut Reader::new(&bytes)).unwrap(),
            value
        );
        assert_eq!(ProbeUnion::default(), ProbeUnion::ProbeOther);
    }
}

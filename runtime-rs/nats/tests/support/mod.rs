//! Test support: a real `nats-server` per test.

pub mod nats_server;

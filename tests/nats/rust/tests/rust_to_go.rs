//! The Rust client → the Go service over a real nats-server (docs/nats.md §7): the generated Rust
//! rules client over `NatsTransport` calls the Go rules service (`rulesnats`, the artifact
//! `rules_nats`): results, a typed error, a bulk buffer, a Go panic as `trap`, an unknown op; and
//! two Go instances in the queue group `q` share the calls (each instance's `$SRV.STATS` counts).

// The one nats-server helper of the Rust tests (kkrpc-nats's); not all of it is used here.
#[allow(dead_code)]
#[path = "../../../../runtime-rs/nats/tests/support/nats_server.rs"]
mod nats_server;

use kk_nats_matrix::*;
use kkrpc_nats::{NatsTransport, TransportOptions};
use kkrpc_runtime::client::CallError;
use nats_server::NatsServer;
use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

/// An artifact recorded in `target/kk-artifacts.json` (fails when missing).
fn artifact(key: &str) -> String {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../target/kk-artifacts.json"
    );
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("{file}: {e} (cargo xtask test builds the artifacts)"));
    let artifacts: serde_json::Value = serde_json::from_str(&text).unwrap();
    artifacts[key]
        .as_str()
        .unwrap_or_else(|| panic!("{file} has no {key} (cargo xtask test cargo builds it)"))
        .into()
}

/// A Go rules service on `url`; ends when dropped (its stdin closes, then it is killed).
struct GoRules {
    child: Child,
    stdin: Option<ChildStdin>,
    id: String,
}

impl GoRules {
    fn start(url: &str) -> GoRules {
        let mut child = Command::new(artifact("rules_nats"))
            .arg(url)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start rulesnats");
        let stdin = child.stdin.take();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let id = line
            .strip_prefix("ready ")
            .unwrap_or_else(|| panic!("rulesnats said {line:?}"))
            .trim()
            .to_string();
        GoRules { child, stdin, id }
    }
}

impl Drop for GoRules {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn rules_client(
    rt: &tokio::runtime::Runtime,
    url: &str,
) -> (async_nats::Client, RulesClient<NatsTransport>) {
    let nc = rt.block_on(async_nats::connect(url)).unwrap();
    let options = TransportOptions {
        timeout: Duration::from_secs(10),
        ..TransportOptions::default()
    };
    let transport =
        NatsTransport::new(nc.clone(), rt.handle().clone(), &RULES_DESCRIPTOR, options).unwrap();
    (nc, RulesClient::new(transport))
}

#[test]
fn rust_client_calls_the_go_rules_service() {
    let server = NatsServer::start("max_payload: 2MB");
    let _go = GoRules::start(&server.url());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (_nc, mut client) = rules_client(&rt, &server.url());

    let order = Order {
        id: "A-1".into(),
        customer: "ada".into(),
        currency: Currency::Eur,
        items: vec![LineItem {
            sku: "BOLT".into(),
            quantity: 10,
            unit_price_cents: 25,
        }],
        coupon: Some("SAVE10".into()),
    };
    let quote = client.validate_order(&order).unwrap();
    assert_eq!((quote.total_cents, quote.discount_cents), (225, 25));
    match client.validate_order(&Order {
        id: "A-2".into(),
        ..Order::default()
    }) {
        Err(CallError::Typed(RulesValidateOrderError::InvalidOrder(e))) => {
            assert_eq!(e.field, "customer")
        }
        other => panic!("expected InvalidOrder, got {other:?}"),
    }
    let samples: Vec<f32> = (0..100_000).map(|i| (i % 10) as f32 - 2.0).collect();
    let report = client.check_parameters(&samples, 0.0, 4.0).unwrap();
    assert_eq!((report.count, report.out_of_range.len()), (100_000, 50_000));
    let panics = Order {
        id: "x".into(),
        customer: "y".into(),
        items: vec![LineItem {
            sku: "PANIC".into(),
            quantity: 1,
            unit_price_cents: 0,
        }],
        ..Order::default()
    };
    match client.validate_order(&panics) {
        Err(CallError::System(e)) => assert_eq!(e.name(), "trap"),
        other => panic!("expected trap, got {other:?}"),
    }
    client.ping().unwrap();
    assert_eq!(
        client
            .exchange(10_000, Currency::Eur, Currency::Eur)
            .unwrap(),
        10_000
    );
}

#[test]
fn two_go_instances_share_the_rust_clients_calls() {
    let server = NatsServer::start("");
    let (a, b) = (GoRules::start(&server.url()), GoRules::start(&server.url()));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (nc, mut client) = rules_client(&rt, &server.url());
    for _ in 0..60 {
        client.ping().unwrap();
    }
    // Each instance's own stats ($SRV.STATS.<name>.<id>): both served, none twice.
    let served = |id: &str| -> u64 {
        let reply = rt
            .block_on(nc.request(format!("$SRV.STATS.Rules.{id}"), "".into()))
            .unwrap();
        let stats: serde_json::Value = serde_json::from_slice(&reply.payload).unwrap();
        stats["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == "ping")
            .map(|e| e["num_requests"].as_u64().unwrap())
            .unwrap()
    };
    let (na, nb) = (served(&a.id), served(&b.id));
    assert!(na > 0 && nb > 0, "both instances serve: {na} and {nb}");
    assert_eq!(na + nb, 60);
}

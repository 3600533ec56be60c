//! The geometry service over a real nats-server (docs/nats.md): served by
//! [`kkrpc_nats::serve`], called by the generated Rust client through
//! [`NatsTransport`]; micro discovery, queue groups, faults, limits and
//! permissions. Every test starts its own server (`support::nats_server`).

mod support;

use async_nats::{Client, ConnectOptions, Event};
use geometry_service::*;
use kkrpc_nats::{
    serve, NatsServer, NatsTransport, PermissionWatch, ServeOptions, TransportOptions,
};
use kkrpc_runtime::client::{CallError, SystemError};
use kkrpc_runtime::frame::{frame_bytes, read_error_payload, ErrorPayload, RawHeader, TypedError};
use kkrpc_runtime::wire::Limits;
use serde_json::Value;
use std::time::{Duration, Instant};
use support::nats_server::NatsServer as Server;
use tokio::runtime::Runtime;

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn connect(rt: &Runtime, url: &str) -> Client {
    rt.block_on(async_nats::connect(url)).unwrap()
}

fn serve_geometry(rt: &Runtime, client: &Client, options: ServeOptions) -> NatsServer {
    rt.block_on(serve(
        client.clone(),
        dispatcher(),
        &GEOMETRY_DESCRIPTOR,
        options,
    ))
    .unwrap()
}

fn geometry_client(
    rt: &Runtime,
    client: &Client,
    options: TransportOptions,
) -> GeometryClient<NatsTransport> {
    GeometryClient::new(
        NatsTransport::new(
            client.clone(),
            rt.handle().clone(),
            &GEOMETRY_DESCRIPTOR,
            options,
        )
        .unwrap(),
    )
}

/// A call's result that should be a system error.
trait Failed {
    /// The system error (panics on anything else).
    fn system_error(self) -> SystemError;
}

impl<T: std::fmt::Debug, E: std::fmt::Debug> Failed for Result<T, CallError<E>> {
    fn system_error(self) -> SystemError {
        match self {
            Err(CallError::System(e)) => e,
            other => panic!("expected a system error, got {other:?}"),
        }
    }
}

impl<T: std::fmt::Debug> Failed for Result<T, SystemError> {
    fn system_error(self) -> SystemError {
        self.expect_err("expected a system error")
    }
}

/// The system error of a failed call.
fn system(r: impl Failed) -> SystemError {
    r.system_error()
}

/// A raw request; returns the reply's payload and headers.
fn raw_request(
    rt: &Runtime,
    client: &Client,
    subject: &str,
    payload: Vec<u8>,
) -> async_nats::Message {
    rt.block_on(client.request(subject.to_string(), payload.into()))
        .unwrap()
}

/// A discovery request's JSON.
fn discover(rt: &Runtime, client: &Client, subject: &str) -> Value {
    let m = raw_request(rt, client, subject, vec![]);
    serde_json::from_slice(&m.payload).unwrap()
}

/// The system error (code, message) in an answer frame.
fn system_answer(frame: &[u8]) -> (u32, String) {
    match read_error_payload(&frame[16..], &Limits::default()).unwrap() {
        ErrorPayload::System { code, message } => (code, message.to_string()),
        other => panic!("expected a system error frame, got {other:?}"),
    }
}

fn sphere(radius: f64) -> Shape {
    Shape::Sphere(Sphere { radius })
}

#[test]
fn geometry_served_and_called_over_nats() {
    let server = Server::start("");
    let rt = runtime();
    let nc = connect(&rt, &server.url());
    let served = serve_geometry(&rt, &nc, ServeOptions::default());
    assert_eq!(served.subjects()[1], "geo.v1.Geometry.tessellate");
    let mut client = geometry_client(
        &rt,
        &connect(&rt, &server.url()),
        TransportOptions::default(),
    );

    let donut = client
        .create(
            &Shape::Torus(Torus {
                major: 3.0,
                minor: 1.0,
            }),
            "donut",
        )
        .unwrap();
    let vertices = client.tessellate(donut, 40).unwrap();
    assert_eq!(vertices.len(), 40 * 40 * 18);
    let measured = client.bounds_of(&vertices).unwrap();
    assert!((measured.max.x - client.bounds(donut).unwrap().max.x).abs() < 1e-2);
    assert_eq!(client.name(donut).unwrap(), "donut");
    assert!(client.is_live(donut).unwrap());
    match client.create(&sphere(-1.0), "neg") {
        Err(CallError::Typed(InvalidParams { reason })) => assert!(reason.contains("radius")),
        other => panic!("expected InvalidParams, got {other:?}"),
    }
    client.release(donut).unwrap();
    match client.name(donut) {
        Err(CallError::Typed(UnknownModel { model })) => assert_eq!(model, donut),
        other => panic!("expected UnknownModel, got {other:?}"),
    }

    // With a prefix on both sides.
    let prefixed = ServeOptions {
        prefix: Some("acme.prod".into()),
        ..ServeOptions::default()
    };
    let served2 = serve_geometry(&rt, &nc, prefixed);
    assert_eq!(served2.subjects()[0], "acme.prod.geo.v1.Geometry.create");
    let options = TransportOptions {
        prefix: Some("acme.prod".into()),
        ..TransportOptions::default()
    };
    let mut client2 = geometry_client(&rt, &nc, options);
    assert!(!client2.is_live(Model(77)).unwrap());
    let bad = TransportOptions {
        prefix: Some("acme.*".into()),
        ..TransportOptions::default()
    };
    assert!(
        NatsTransport::new(nc.clone(), rt.handle().clone(), &GEOMETRY_DESCRIPTOR, bad).is_err()
    );
    rt.block_on(served.stop());
}

#[test]
fn micro_ping_info_stats_in_all_three_forms() {
    let server = Server::start("");
    let rt = runtime();
    let nc = connect(&rt, &server.url());
    let served = serve_geometry(&rt, &nc, ServeOptions::default());
    let id = served.id().to_string();
    assert_eq!(id.len(), 22);
    let mut client = geometry_client(&rt, &nc, TransportOptions::default());
    let ball = client.create(&sphere(1.0), "ball").unwrap();
    assert!(client.name(Model(ball.0 + 1)).is_err());

    for (verb, kind) in [
        ("PING", "io.nats.micro.v1.ping_response"),
        ("INFO", "io.nats.micro.v1.info_response"),
        ("STATS", "io.nats.micro.v1.stats_response"),
    ] {
        for subject in [
            format!("$SRV.{verb}"),
            format!("$SRV.{verb}.Geometry"),
            format!("$SRV.{verb}.Geometry.{id}"),
        ] {
            let v = discover(&rt, &nc, &subject);
            assert_eq!(v["type"], kind, "{subject}");
            assert_eq!(
                (v["name"].as_str(), v["id"].as_str()),
                (Some("Geometry"), Some(id.as_str()))
            );
            assert_eq!(v["version"], "1.0.0");
            assert_eq!(v["metadata"]["kk.package"], "geo.v1");
            assert_eq!(v["metadata"]["kk.wire"], "1");
        }
    }
    let info = discover(&rt, &nc, "$SRV.INFO.Geometry");
    assert_eq!(info["description"], GEOMETRY_DESCRIPTOR.doc);
    let endpoints = info["endpoints"].as_array().unwrap();
    assert_eq!(endpoints.len(), GEOMETRY_DESCRIPTOR.ops.len());
    assert_eq!(endpoints[1]["name"], "tessellate");
    assert_eq!(endpoints[1]["subject"], "geo.v1.Geometry.tessellate");
    assert_eq!(endpoints[1]["queue_group"], "q");
    assert_eq!(endpoints[1]["metadata"]["kk.op_id"], ops_id("tessellate"));

    let stats = discover(&rt, &nc, &format!("$SRV.STATS.Geometry.{id}"));
    assert!(stats["started"].as_str().unwrap().ends_with('Z'));
    let by_name = |n: &str| {
        stats["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == n)
            .unwrap()
            .clone()
    };
    let create = by_name("create");
    assert_eq!(
        (
            create["num_requests"].as_u64(),
            create["num_errors"].as_u64()
        ),
        (Some(1), Some(0))
    );
    assert!(create["processing_time"].as_u64().unwrap() > 0);
    assert!(create["average_processing_time"].as_u64().unwrap() > 0);
    let name = by_name("name");
    assert_eq!(
        (name["num_requests"].as_u64(), name["num_errors"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        name["last_error"],
        format!("typed error {}", UnknownModel::WIRE_ID)
    );
}

/// The op id of `name`, as the INFO metadata writes it.
fn ops_id(name: &str) -> String {
    GEOMETRY_DESCRIPTOR
        .ops
        .iter()
        .find(|o| o.name == name)
        .unwrap()
        .id
        .to_string()
}

/// `num_requests` of the op `name` of the instance `id`.
fn requests_of(rt: &Runtime, nc: &Client, id: &str, name: &str) -> u64 {
    let stats = discover(rt, nc, &format!("$SRV.STATS.Geometry.{id}"));
    let endpoints = stats["endpoints"].as_array().unwrap();
    let e = endpoints.iter().find(|e| e["name"] == name).unwrap();
    e["num_requests"].as_u64().unwrap()
}

#[test]
fn a_queue_group_shares_the_calls_and_none_fans_out() {
    let server = Server::start("");
    let rt = runtime();
    let nc = connect(&rt, &server.url());
    let a = serve_geometry(&rt, &connect(&rt, &server.url()), ServeOptions::default());
    let b = serve_geometry(&rt, &connect(&rt, &server.url()), ServeOptions::default());
    let mut client = geometry_client(&rt, &nc, TransportOptions::default());
    const CALLS: u64 = 40;
    for _ in 0..CALLS {
        assert!(!client.is_live(Model(1)).unwrap());
    }
    let (na, nb) = (
        requests_of(&rt, &nc, a.id(), "is_live"),
        requests_of(&rt, &nc, b.id(), "is_live"),
    );
    assert_eq!(na + nb, CALLS);
    assert!(na > 0 && nb > 0, "both instances serve: {na} + {nb}");
    rt.block_on(a.stop());
    rt.block_on(b.stop());

    let fan_out = || ServeOptions {
        queue_group: None,
        ..ServeOptions::default()
    };
    let c = serve_geometry(&rt, &connect(&rt, &server.url()), fan_out());
    let d = serve_geometry(&rt, &connect(&rt, &server.url()), fan_out());
    let info = discover(&rt, &nc, &format!("$SRV.INFO.Geometry.{}", c.id()));
    assert!(info["endpoints"][0].get("queue_group").is_none());
    for _ in 0..5 {
        assert!(!client.is_live(Model(1)).unwrap());
    }
    // Both instances got every call (the discovery round trips come after
    // the answers both sent).
    assert_eq!(requests_of(&rt, &nc, c.id(), "is_live"), 5);
    assert_eq!(requests_of(&rt, &nc, d.id(), "is_live"), 5);
}

#[test]
fn no_responders_fail_at_once_with_unavailable() {
    let server = Server::start("");
    let rt = runtime();
    let nc = connect(&rt, &server.url());
    let options = TransportOptions {
        timeout: Duration::from_secs(20),
        ..TransportOptions::default()
    };
    let mut client = geometry_client(&rt, &nc, options);
    let started = Instant::now();
    let e = system(client.is_live(Model(1)));
    assert_eq!(e.name(), "unavailable");
    assert!(
        e.message
            .contains("no responders on geo.v1.Geometry.is_live"),
        "{e}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "not a timeout: {:?}",
        started.elapsed()
    );
}

#[test]
fn a_slow_answer_fails_with_timeout() {
    let server = Server::start("");
    let rt = runtime();
    let nc = connect(&rt, &server.url());
    // A subscriber that never answers.
    let _mute = rt
        .block_on(nc.subscribe("geo.v1.Geometry.is_live"))
        .unwrap();
    rt.block_on(nc.flush()).unwrap();
    let options = TransportOptions {
        timeout: Duration::from_millis(200),
        ..TransportOptions::default()
    };
    let mut client = geometry_client(&rt, &nc, options);
    let e = system(client.is_live(Model(1)));
    assert_eq!(e.name(), "timeout");
    assert!(e.message.contains("within 200 ms"), "{e}");
}

/// A connection that reports each (re)connection on the returned channel.
fn connect_watched(rt: &Runtime, url: &str) -> (Client, std::sync::mpsc::Receiver<()>) {
    let (tx, rx) = std::sync::mpsc::channel();
    let options = ConnectOptions::new().event_callback(move |event| {
        if matches!(event, Event::Connected) {
            let _ = tx.send(());
        }
        async {}
    });
    (rt.block_on(options.connect(url)).unwrap(), rx)
}

#[test]
fn nats_server_restart_mid_test_recovers_and_pending_calls_settle() {
    let mut server = Server::start("");
    let rt = runtime();
    let (service_nc, service_up) = connect_watched(&rt, &server.url());
    let (client_nc, client_up) = connect_watched(&rt, &server.url());
    let _served = serve_geometry(&rt, &service_nc, ServeOptions::default());
    let options = TransportOptions {
        timeout: Duration::from_millis(1500),
        ..TransportOptions::default()
    };
    let mut client = geometry_client(&rt, &client_nc, options);
    let ball = client.create(&sphere(1.0), "ball").unwrap();
    // The first connection reports itself too: drain it so that the waits
    // below see the reconnection.
    for up in [&service_up, &client_up] {
        while up.try_recv().is_ok() {}
    }

    server.stop();
    // A call while the server is away settles (the library buffers it: it
    // is answered after the reconnect, ends at its deadline, or — when the
    // client is back before the service has resubscribed — finds no
    // responders, docs/nats.md §5).
    let pending = std::thread::spawn(move || {
        let r = client.is_live(ball);
        (client, r)
    });
    server.restart();
    let (mut client, r) = pending.join().unwrap();
    match r {
        Ok(live) => assert!(live),
        Err(e) => assert!(
            e.name() == "timeout" || e.name() == "unavailable",
            "timeout or unavailable (no responders), got {e}"
        ),
    }
    let within = Duration::from_secs(30);
    service_up
        .recv_timeout(within)
        .expect("the service reconnects");
    client_up
        .recv_timeout(within)
        .expect("the client reconnects");
    rt.block_on(service_nc.flush()).unwrap();
    // The service resubscribes on reconnect, but nothing orders that against
    // the client's reconnect: until its subscriptions reach the server a call
    // finds no responders (unavailable). Poll, bounded, for the first answer.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let live = loop {
        match client.is_live(ball) {
            Ok(live) => break live,
            Err(e) if e.name() == "unavailable" && std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("after the restart: {e}"),
        }
    };
    // The same service (state kept, no process restart) answers again.
    assert!(live);
    assert_eq!(client.name(ball).unwrap(), "ball");
}

#[test]
fn max_payload_refuses_both_ways_with_too_large() {
    let server = Server::start("max_payload: 65536");
    let rt = runtime();
    let nc = connect(&rt, &server.url());
    assert_eq!(nc.max_payload(), 65536);
    let served = serve_geometry(&rt, &nc, ServeOptions::default());
    let mut client = geometry_client(&rt, &nc, TransportOptions::default());
    // A request over the limit: refused before anything is published.
    let e = system(client.bounds_of(&vec![1.0f32; 20_000]));
    assert_eq!(e.name(), "too_large");
    assert!(
        e.message.contains("80024 bytes") && e.message.contains("max_payload of 65536"),
        "{e}"
    );
    assert_eq!(requests_of(&rt, &nc, served.id(), "bounds_of"), 0);
    // An answer over the limit: the server told the handler max_payload as its answer
    // limit, and geometry's tessellate refuses with too_large before building it.
    let ball = client.create(&sphere(1.0), "ball").unwrap();
    let e = system(client.tessellate(ball, 50));
    assert_eq!(e.name(), "too_large");
    assert!(
        e.message
            .contains("over the caller's frame limit of 65536 bytes"),
        "{e}"
    );
    // What fits still goes.
    assert_eq!(client.tessellate(ball, 10).unwrap().len(), 1800);
}

#[test]
fn a_larger_max_payload_carries_a_million_floats_both_ways() {
    let server = Server::start("max_payload: 8388608");
    let rt = runtime();
    let nc = connect(&rt, &server.url());
    let _served = serve_geometry(&rt, &nc, ServeOptions::default());
    let mut client = geometry_client(&rt, &nc, TransportOptions::default());
    let ball = client.create(&sphere(2.0), "ball").unwrap();
    let vertices = client.tessellate(ball, 236).unwrap();
    assert!(vertices.len() >= 1_000_000);
    let b = client.bounds_of(&vertices).unwrap();
    assert!((b.max.z - 2.0).abs() < 1e-3 && (b.min.z + 2.0).abs() < 1e-3);
}

#[test]
fn a_server_requiring_credentials_refuses_a_client_without() {
    let server = Server::start("authorization { user: kk, password: s3cret }");
    let rt = runtime();
    let e = rt.block_on(async_nats::connect(server.url())).unwrap_err();
    assert!(e.to_string().contains("authorization violation"), "{e}");
    let nc = rt
        .block_on(
            ConnectOptions::with_user_and_password("kk".into(), "s3cret".into())
                .connect(server.url()),
        )
        .unwrap();
    let _served = serve_geometry(&rt, &nc, ServeOptions::default());
    let mut client = geometry_client(&rt, &nc, TransportOptions::default());
    assert!(!client.is_live(Model(3)).unwrap());
}

#[test]
fn permissions_for_some_ops_make_the_others_forbidden() {
    let server = Server::start(
        r#"authorization {
  users: [
    { user: svc, password: svc }
    { user: app, password: app, permissions: {
        publish: { allow: ["geo.v1.Geometry.create", "geo.v1.Geometry.is_live"] }
        subscribe: { allow: ["_INBOX.>"] } } }
  ]
}"#,
    );
    let rt = runtime();
    let svc = rt
        .block_on(
            ConnectOptions::with_user_and_password("svc".into(), "svc".into())
                .connect(server.url()),
        )
        .unwrap();
    let _served = serve_geometry(&rt, &svc, ServeOptions::default());
    let watch = PermissionWatch::new();
    let app = rt
        .block_on(
            watch
                .install(ConnectOptions::with_user_and_password(
                    "app".into(),
                    "app".into(),
                ))
                .connect(server.url()),
        )
        .unwrap();
    let options = TransportOptions {
        timeout: Duration::from_secs(20),
        permissions: Some(watch),
        ..TransportOptions::default()
    };
    let mut client = geometry_client(&rt, &app, options);
    let ball = client.create(&sphere(1.0), "ball").unwrap();
    assert!(client.is_live(ball).unwrap());
    let started = Instant::now();
    let e = system(client.name(ball));
    assert_eq!(e.name(), "forbidden");
    assert!(e.message.contains("geo.v1.Geometry.name"), "{e}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "not a timeout: {:?}",
        started.elapsed()
    );
    // The connection is still good for the allowed ops.
    assert!(client.is_live(ball).unwrap());
}

#[test]
fn a_frame_smuggled_onto_another_ops_subject_is_forbidden() {
    let server = Server::start("");
    let rt = runtime();
    let nc = connect(&rt, &server.url());
    let served = serve_geometry(&rt, &nc, ServeOptions::default());
    let mut client = geometry_client(&rt, &nc, TransportOptions::default());
    let ball = client.create(&sphere(1.0), "ball").unwrap();
    // A release call (model handle: u32) sent on is_live's subject.
    let release = frame_bytes(1, 9, geometry_ops::RELEASE, &ball.0.to_le_bytes());
    let reply = raw_request(&rt, &nc, "geo.v1.Geometry.is_live", release);
    let h = RawHeader::read(&reply.payload).unwrap();
    assert_eq!((h.kind, h.call_id, h.op_id), (3, 9, geometry_ops::RELEASE));
    let (code, message) = system_answer(&reply.payload);
    assert_eq!(code, 11);
    assert!(message.contains("geo.v1.Geometry.is_live"), "{message}");
    let headers = reply.headers.expect("error headers");
    assert_eq!(
        headers.get("Nats-Service-Error-Code").unwrap().as_str(),
        "403"
    );
    assert!(headers
        .get("Nats-Service-Error")
        .unwrap()
        .as_str()
        .starts_with("forbidden: "));
    // Not dispatched: the model is still live.
    assert!(client.is_live(ball).unwrap());
    // A payload that is no call frame: the frame module's refusal.
    let reply = raw_request(&rt, &nc, "geo.v1.Geometry.is_live", b"hello".to_vec());
    assert_eq!(system_answer(&reply.payload).0, 10);
    assert_eq!(
        reply
            .headers
            .unwrap()
            .get("Nats-Service-Error-Code")
            .unwrap()
            .as_str(),
        "400"
    );
    let stats = discover(&rt, &nc, &format!("$SRV.STATS.Geometry.{}", served.id()));
    let is_live = stats["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "is_live")
        .unwrap()
        .clone();
    assert_eq!(is_live["num_errors"].as_u64(), Some(2));
}

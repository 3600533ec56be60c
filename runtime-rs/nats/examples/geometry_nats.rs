//! `geometry-nats`: the geometry example service (`examples/geometry`) on
//! NATS, for the cross-language tests and by hand:
//!
//! ```text
//! cargo run -p kkrpc-nats --example geometry-nats -- nats://127.0.0.1:4222 [--prefix P] [--queue-group Q | --no-queue-group]
//! ```
//!
//! Prints `ready <instance id>` on stdout once subscribed, and serves until
//! its stdin ends (close it, or kill the process).

use kkrpc_nats::{serve, ServeOptions};
use std::io::Read;

fn main() {
    if let Err(e) = run() {
        eprintln!("geometry-nats: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut url = "nats://127.0.0.1:4222".to_string();
    let mut options = ServeOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--prefix" => options.prefix = Some(args.next().ok_or("--prefix needs a value")?),
            "--queue-group" => {
                options.queue_group = Some(args.next().ok_or("--queue-group needs a value")?)
            }
            "--no-queue-group" => options.queue_group = None,
            _ if arg.starts_with("--") => return Err(format!("unknown flag {arg}").into()),
            _ => url = arg,
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client = async_nats::connect(url).await?;
        let server = serve(
            client,
            geometry_service::dispatcher(),
            &geometry_service::GEOMETRY_DESCRIPTOR,
            options,
        )
        .await?;
        println!("ready {}", server.id());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let _ = std::io::stdin().read_to_end(&mut Vec::new());
            let _ = tx.send(());
        });
        let _ = rx.await;
        server.stop().await;
        Ok(())
    })
}

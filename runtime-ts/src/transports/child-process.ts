/**
 * One child process of the stdio transport: spawned with `node:child_process`
 * (node, and the same module in bun and deno, so one code path serves all
 * three), its stdin written, its stdout handed on as chunks, its stderr split
 * into lines for a logger and kept as a bounded tail for error messages, and
 * its end (exit code or signal, or a failed spawn) reported once. Children
 * still alive when the parent exits are killed (SIGKILL); a parent killed
 * outright closes their stdin, and a kkgen stdio server exits at the end of
 * its input.
 *
 * The module is loaded with `process.getBuiltinModule` (node ≥ 20.16, bun,
 * deno), not an `import`, so a browser bundle of the runtime never sees it.
 * @module
 */

import type { ChildProcess, spawn as SpawnFn } from "node:child_process";

/** How to start the child. */
export interface ChildSpec {
  /** The program (looked up on PATH). */
  readonly command: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** Its environment (default: the parent's). */
  readonly env: Readonly<Record<string, string>> | undefined;
  /** Its working directory (default: the parent's). */
  readonly cwd: string | undefined;
  /** Gets every stderr line (without the newline). */
  readonly onStderrLine: (line: string, pid: number) => void;
  /** How many of the last stderr lines to keep for error messages. */
  readonly tailLines: number;
}

/** How a child ended. */
export interface ChildEnd {
  /** The exit code, when it exited. */
  readonly code: number | null;
  /** The signal that killed it, when one did. */
  readonly signal: string | null;
  /** Why it could not be started, when it could not. */
  readonly spawnError: Error | undefined;
}

/** The longest stderr line kept or logged in one piece (longer ones are split). */
const MAX_LINE_CHARS = 4096;

/** Children alive, killed when the parent exits. */
const live = new Set<Child>();
let exitHookInstalled = false;

/** `node:child_process`'s `spawn`, from the runtime's built-in module. */
function spawnFunction(): typeof SpawnFn {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const cp = proc?.getBuiltinModule?.("node:child_process") as { spawn?: typeof SpawnFn } | undefined;
  if (!cp?.spawn) throw new Error("node:child_process is not available (the stdio transport runs on node >= 20.16, bun and deno)");
  return cp.spawn;
}

/** Kills every live child when the parent exits (installed once, on the first spawn). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const proc = (globalThis as { process?: { on?: (event: string, listener: () => void) => void } }).process;
  proc?.on?.("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

/** A running (or ended) child process; see the module doc. */
export class Child {
  /** The process id (undefined when the spawn failed). */
  readonly pid: number | undefined;
  /** How it ended, once it did. */
  end: ChildEnd | undefined;
  private readonly proc: ChildProcess;
  private readonly tail: string[] = [];
  private partialLine = "";
  private readonly decoder = new TextDecoder();
  private exit: { code: number | null; signal: string | null } | undefined;
  private spawnError: Error | undefined;
  private corked = false;
  /** Whether the child's handles keep the event loop alive (they do when spawned). */
  private held = true;

  /**
   * Spawns the child. `onData` gets stdout chunks, `onDrain` fires when stdin
   * takes more after {@link write} returned false, `onEnd` fires once when the
   * child has ended and its output has been read.
   */
  constructor(
    private readonly spec: ChildSpec,
    onData: (chunk: Uint8Array) => void,
    onDrain: () => void,
    private readonly onEnd: (child: Child, end: ChildEnd) => void,
  ) {
    installExitHook();
    const spawn = spawnFunction();
    this.proc = spawn(spec.command, [...spec.args], {
      stdio: ["pipe", "pipe", "pipe"],
      ...(spec.env !== undefined ? { env: { ...spec.env } } : {}),
      ...(spec.cwd !== undefined ? { cwd: spec.cwd } : {}),
    });
    this.pid = this.proc.pid;
    live.add(this);
    const proc = this.proc;
    // A plain Uint8Array over the chunk's bytes: node's Buffer.slice() is a view, not a copy, and the
    // readers copy with slice() (a Buffer there would alias the chunk, or read the pool from offset 0).
    proc.stdout!.on("data", (chunk: Uint8Array) => onData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    proc.stderr!.on("data", (chunk: Uint8Array) => this.onStderr(chunk));
    proc.stdin!.on("drain", onDrain);
    // EPIPE and the like: the child is gone, its exit reports why.
    proc.stdin!.on("error", () => {});
    proc.stdout!.on("error", () => {});
    proc.stderr!.on("error", () => {});
    proc.on("exit", (code, signal) => {
      this.exit = { code, signal };
    });
    proc.on("error", (e: Error) => {
      // A failed spawn (no pid) may never emit "close": end now.
      this.spawnError ??= e;
      if (this.pid === undefined) this.finish();
    });
    proc.on("close", (code: number | null, signal: string | null) => {
      this.exit ??= { code, signal };
      this.finish();
    });
  }

  /**
   * Writes bytes to the child's stdin; false when the caller should wait for
   * `onDrain`. `written`, if given, runs once stdin is done with `bytes`
   * (they may be reused then); it never runs when the child is gone first.
   */
  write(bytes: Uint8Array, written?: () => void): boolean {
    const stdin = this.proc.stdin!;
    if (stdin.destroyed || stdin.writableEnded) return true; // the end report follows
    if (written === undefined) return stdin.write(bytes);
    return stdin.write(bytes, (error?: Error | null) => {
      if (!error) written();
    });
  }

  /** Holds small writes made in this task back until the next microtask (one write to the pipe). */
  cork(): void {
    const stdin = this.proc.stdin!;
    if (this.corked || typeof stdin.cork !== "function") return;
    this.corked = true;
    stdin.cork();
    queueMicrotask(() => {
      this.corked = false;
      stdin.uncork();
    });
  }

  /** Closes the child's stdin (a stdio server exits at the end of its input). */
  endInput(): void {
    const stdin = this.proc.stdin!;
    if (!stdin.writableEnded) stdin.end();
  }

  /**
   * Sends `signal` unless the child already exited. Through `process.kill`
   * rather than `ChildProcess.kill`: deno's `ChildProcess.kill` does nothing
   * once the child was signalled before (its `killed` flag), which would
   * swallow the SIGKILL after a SIGTERM.
   */
  kill(signal: "SIGTERM" | "SIGKILL"): void {
    if (this.end !== undefined || this.exit !== undefined || this.pid === undefined) return;
    const proc = (globalThis as { process?: { kill?: (pid: number, signal: string) => void } }).process;
    try {
      if (proc?.kill) proc.kill(this.pid, signal);
      else this.proc.kill(signal);
    } catch {
      /* already gone */
    }
  }

  /** Lets the parent exit while this child idles (or keeps it alive while calls are out); a no-op when already so. */
  hold(keepAlive: boolean): void {
    if (this.held === keepAlive) return;
    this.held = keepAlive;
    type Refable = { ref?: () => void; unref?: () => void } | null;
    const handles = [this.proc, this.proc.stdout, this.proc.stderr, this.proc.stdin] as unknown as Refable[];
    for (const h of handles) {
      try {
        if (keepAlive) h?.ref?.();
        else h?.unref?.();
      } catch {
        // deno's ChildProcess.ref throws for a child that failed to spawn: nothing to hold then.
      }
    }
  }

  /** `command (pid N)`, for messages. */
  get name(): string {
    return `${this.spec.command} (pid ${this.pid ?? "none"})`;
  }

  /** How the child ended, in words: `exited with code 1`, `was killed by SIGKILL`, `could not be started: ...`. */
  describeEnd(): string {
    const end = this.end;
    if (end === undefined) return "is running";
    if (end.spawnError && this.pid === undefined) return `could not be started: ${end.spawnError.message}`;
    if (end.signal) return `was killed by ${end.signal}`;
    return `exited with code ${end.code}`;
  }

  /** The last stderr lines (at most `tailLines`), oldest first, including an unterminated last line. */
  stderrTail(): string[] {
    const lines = [...this.tail];
    if (this.partialLine !== "") lines.push(this.partialLine);
    return lines.slice(-this.spec.tailLines);
  }

  private onStderr(chunk: Uint8Array): void {
    let text = this.partialLine + this.decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = text.indexOf("\n")) >= 0) {
      this.line(text.slice(0, nl));
      text = text.slice(nl + 1);
    }
    while (text.length > MAX_LINE_CHARS) {
      this.line(text.slice(0, MAX_LINE_CHARS));
      text = text.slice(MAX_LINE_CHARS);
    }
    this.partialLine = text;
  }

  private line(line: string): void {
    this.tail.push(line);
    if (this.tail.length > this.spec.tailLines) this.tail.shift();
    this.spec.onStderrLine(line, this.pid ?? 0);
  }

  private finish(): void {
    if (this.end !== undefined) return;
    live.delete(this);
    if (this.partialLine !== "") {
      const last = this.partialLine;
      this.partialLine = "";
      this.line(last);
    }
    this.end = { code: this.exit?.code ?? null, signal: this.exit?.signal ?? null, spawnError: this.spawnError };
    this.onEnd(this, this.end);
  }
}

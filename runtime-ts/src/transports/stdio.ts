/**
 * The stdio transport (docs/stdio.md): a child process — a native kkgen
 * stdio server, or a `wasm32-wasip1` one under a wasm runtime — spoken to
 * with frames back to back on its stdin and stdout (docs/wire.md §2), on
 * node, bun and deno (all through `node:child_process`, see
 * `child-process.ts`).
 *
 * Many calls are in flight on the one pipe, matched by call id. At most
 * `maxInFlight` call frames are out at once (a call given up on keeps its
 * slot until its late answer comes: the child is still busy with it);
 * further calls wait in a queue of at most `maxQueued`, and past that
 * reject `overloaded`. Writes respect stdin's back-pressure (`write()`
 * returning false: nothing more is written until `drain`). So memory stays
 * bounded by the two limits and `maxFrameLen` however slow the child or
 * eager the caller.
 *
 * A child that ends fails every pending call with `unavailable` (the message
 * says how it ended and carries its last stderr lines); the next call starts
 * a new one as `restart` allows. A child that breaks the protocol (a header
 * the frame module refuses, a frame kind a server must not send, an answer
 * to a call id never sent or already answered) fails every pending call with
 * `bad_frame`, is killed (SIGKILL), and is replaced on the next call the
 * same way.
 *
 * Copies per call for a typed buffer: 1 to encode it into the call frame;
 * on the way back 0 with `borrow` when the answer lies whole and aligned in
 * one stdout chunk (a view of the chunk), otherwise 1. A bulk call frame (at
 * least {@link BULK_FRAME_BYTES}) is encoded into the buffer of the last bulk
 * frame once stdin is done with it, when that is big enough: a fresh buffer
 * of 64 MiB costs more in page faults (~50 ms measured) than the copy into
 * it (~11 ms). The transport keeps that one buffer until `close()`.
 * @module
 */

import type { CallOptions, OpCall, Transport } from "../rpc/call.js";
import { SystemError } from "../rpc/errors.js";
import { callFrameRoom, encodeCall } from "../rpc/encode-call.js";
import { PendingCalls, type AbandonReason, type PendingCall } from "../rpc/pending.js";
import { cancelFrame, FRAME_HEADER_LEN, FrameKind, type FrameHeader } from "../wire/frame.js";
import { FrameAssembler } from "../wire/frame-stream.js";
import { DEFAULT_LIMITS } from "../wire/limits.js";
import { Child, type ChildEnd } from "./child-process.js";

/** Whether a child that ended is started again on the next call. */
export type RestartPolicy = "always" | "never" | { readonly maxPerMinute: number };

/** Options of {@link connectStdio}. */
export interface StdioOptions {
  /** The program to run (looked up on PATH), e.g. a native stdio server or `wasmtime`. */
  readonly command: string;
  /** Its arguments (default none). */
  readonly args?: readonly string[];
  /** Its whole environment (default: the parent's). */
  readonly env?: Readonly<Record<string, string>>;
  /** Its working directory (default: the parent's). */
  readonly cwd?: string;
  /** Default per-call timeout in ms (none when absent); `CallOptions.timeoutMs` overrides it. */
  readonly timeoutMs?: number;
  /**
   * After a call times out, kill the child (an op stuck in a loop cannot
   * wedge the pipe), fail the other pending calls with `unavailable`, and
   * start a new child on the next call (as `restart` allows). Default false.
   */
  readonly restartOnTimeout?: boolean;
  /** Call frames written and not yet answered, at most (default {@link DEFAULT_MAX_IN_FLIGHT}). */
  readonly maxInFlight?: number;
  /** Calls waiting for an in-flight slot, at most; one more rejects `overloaded` (default {@link DEFAULT_MAX_QUEUED}). */
  readonly maxQueued?: number;
  /** Restart policy after the child ended or was killed (default `"always"`; the first start is always allowed). */
  readonly restart?: RestartPolicy;
  /** `close()`: ms after closing stdin before SIGTERM, and again before SIGKILL (default {@link DEFAULT_CLOSE_GRACE_MS}). */
  readonly closeGraceMs?: number;
  /** Gets each line the child writes to stderr (default: the parent's stderr, prefixed `[command pid]`). */
  readonly stderr?: (line: string, pid: number) => void;
  /** Stderr lines kept for the message of an `unavailable` error (default {@link DEFAULT_STDERR_TAIL_LINES}). */
  readonly stderrTailLines?: number;
  /** Largest answer frame accepted, header included (default `DEFAULT_LIMITS.maxFrameLen`, 256 MiB). */
  readonly maxFrameLen?: number;
}

/** Default {@link StdioOptions.maxInFlight}. */
export const DEFAULT_MAX_IN_FLIGHT = 64;
/** Default {@link StdioOptions.maxQueued}. */
export const DEFAULT_MAX_QUEUED = 1024;
/** Default {@link StdioOptions.closeGraceMs}. */
export const DEFAULT_CLOSE_GRACE_MS = 1000;
/** Default {@link StdioOptions.stderrTailLines}. */
export const DEFAULT_STDERR_TAIL_LINES = 20;
/** Call frames of at least this many bytes are bulk: written uncorked, their buffer reused (see the module doc). */
export const BULK_FRAME_BYTES = 64 * 1024;

/** Counters of a stdio transport. */
export interface StdioStats {
  /** Children started (1 + restarts). */
  spawns: number;
  /** Call frames written. */
  framesSent: number;
  /** Cancel frames written. */
  cancelsSent: number;
  /** Answer frames read. */
  framesReceived: number;
  /** Protocol violations (each killed a child). */
  protocolErrors: number;
  /** Bulk call frames encoded into the reused buffer of an earlier one. */
  bulkFramesReused: number;
}

/** Carries calls to a child process over its stdin and stdout; see the module doc. */
export class StdioTransport implements Transport {
  /** Counters (spawns, frames, protocol errors). */
  readonly stats: StdioStats = { spawns: 0, framesSent: 0, cancelsSent: 0, framesReceived: 0, protocolErrors: 0, bulkFramesReused: 0 };
  private child: Child | undefined;
  private assembler: FrameAssembler | undefined;
  /** Children killed or closing that have not ended yet (close() waits for them). */
  private readonly ending = new Map<Child, Promise<void>>();
  private readonly endWaiters = new Map<Child, () => void>();
  private readonly pending = new PendingCalls<Uint8Array>((p, reason) => this.abandoned(p, reason));
  /** Ids of call frames written to the current child and not answered yet (pending or given up on). */
  private readonly written = new Set<number>();
  /** Calls waiting for a slot (their frame still in `frame`); entries before `queueHead` are done. */
  private queue: PendingCall<Uint8Array>[] = [];
  private queueHead = 0;
  private queued = 0;
  /** stdin said "wait for drain". */
  private blocked = false;
  private closed = false;
  /** The pending idle check ({@link idleCheck}). */
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** How the last child ended, for the message of a refused restart. */
  private lastEnd = "";
  /** When the restarts of the last minute happened (ms). */
  private restarts: number[] = [];
  /** The buffer of the last bulk call frame stdin is done with, for the next one. */
  private spare: Uint8Array | undefined;

  private readonly maxInFlight: number;
  private readonly maxQueued: number;
  private readonly maxFrameLen: number;

  /** Prefer {@link connectStdio}. The child starts on the first call. */
  constructor(private readonly options: StdioOptions) {
    this.maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
    this.maxQueued = Math.max(0, options.maxQueued ?? DEFAULT_MAX_QUEUED);
    this.maxFrameLen = options.maxFrameLen ?? DEFAULT_LIMITS.maxFrameLen;
  }

  /** The current child's process id, if one is running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Performs one call (see {@link Transport.call}). */
  call<T>(op: OpCall<T>, options?: CallOptions): Promise<T> {
    if (this.closed) return Promise.reject(new SystemError("unavailable", "transport closed"));
    if (options?.signal?.aborted) return Promise.reject(new SystemError("cancelled"));
    const sendNow = !this.blocked && this.queued === 0 && this.written.size < this.maxInFlight;
    if (!sendNow && this.queued >= this.maxQueued) {
      return Promise.reject(new SystemError("overloaded", `${this.written.size} calls in flight and ${this.queued} queued (maxInFlight ${this.maxInFlight}, maxQueued ${this.maxQueued})`));
    }
    let child: Child;
    try {
      child = this.ensureChild();
    } catch (e) {
      return Promise.reject(e instanceof SystemError ? e : new SystemError("unavailable", e instanceof Error ? e.message : String(e)));
    }
    const callId = this.pending.nextId();
    let frame: Uint8Array;
    try {
      const room = callFrameRoom(op as OpCall<unknown>);
      const spare = this.spare;
      if (room >= BULK_FRAME_BYTES && spare !== undefined && spare.length >= room) {
        this.spare = undefined;
        this.stats.bulkFramesReused++;
        frame = encodeCall(op as OpCall<unknown>, callId, spare);
      } else {
        frame = encodeCall(op as OpCall<unknown>, callId);
      }
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<T>((resolve, reject) => {
      const pending = this.pending.add(callId, op as OpCall<unknown>, frame, options, this.options.timeoutMs, resolve as (value: unknown) => void, reject);
      child.hold(true);
      if (sendNow) {
        this.send(child, pending);
      } else {
        this.queue.push(pending);
        this.queued++;
      }
    });
  }

  /** The running child, or a new one when the restart policy allows it. */
  private ensureChild(): Child {
    if (this.child) return this.child;
    if (this.stats.spawns > 0) this.mayRestart();
    const child: Child = new Child(
      {
        command: this.options.command,
        args: this.options.args ?? [],
        env: this.options.env,
        cwd: this.options.cwd,
        onStderrLine: this.options.stderr ?? ((line, pid) => defaultStderr(this.options.command, pid, line)),
        tailLines: this.options.stderrTailLines ?? DEFAULT_STDERR_TAIL_LINES,
      },
      (chunk) => this.onData(child, chunk),
      () => this.onDrain(child),
      (ended, end) => this.onEnd(ended, end),
    );
    this.stats.spawns++;
    this.child = child;
    this.assembler = new FrameAssembler((header, frame) => this.onFrame(child, header, frame), { maxFrameLen: this.maxFrameLen });
    this.written.clear();
    this.blocked = false;
    return child;
  }

  /** Throws `unavailable` when `restart` forbids starting another child now. */
  private mayRestart(): void {
    const policy = this.options.restart ?? "always";
    if (policy === "always") return;
    if (policy === "never") throw new SystemError("unavailable", `${this.lastEnd}; not restarted (restart: "never")`);
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    if (this.restarts.length >= policy.maxPerMinute) {
      throw new SystemError("unavailable", `${this.lastEnd}; not restarted: ${this.restarts.length} restarts in the last minute (restart: { maxPerMinute: ${policy.maxPerMinute} })`);
    }
    this.restarts.push(now);
  }

  /** Writes a call's frame; the call now holds an in-flight slot. */
  private send(child: Child, pending: PendingCall<Uint8Array>): void {
    const frame = pending.frame!;
    pending.frame = undefined;
    this.written.add(pending.callId);
    this.stats.framesSent++;
    if (frame.length < BULK_FRAME_BYTES) {
      child.cork();
      if (!child.write(frame)) this.blocked = true;
    } else if (!child.write(frame, () => this.keepSpare(frame))) {
      this.blocked = true;
    }
  }

  /** Keeps the whole buffer of a written bulk frame for the next one, if it is the biggest so far. */
  private keepSpare(frame: Uint8Array): void {
    if (this.closed) return;
    const whole = new Uint8Array(frame.buffer, frame.byteOffset, frame.buffer.byteLength - frame.byteOffset);
    if (this.spare === undefined || whole.length > this.spare.length) this.spare = whole;
  }

  /** Writes queued calls while there are slots and stdin takes more. */
  private pump(): void {
    const child = this.child;
    if (!child) return;
    while (!this.blocked && this.written.size < this.maxInFlight && this.queueHead < this.queue.length) {
      const next = this.queue[this.queueHead++]!;
      if (next.frame === undefined) continue; // given up on while queued (already uncounted)
      this.queued--;
      this.send(child, next);
    }
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    } else if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  private onDrain(child: Child): void {
    if (child !== this.child) return;
    this.blocked = false;
    this.pump();
  }

  private onData(child: Child, chunk: Uint8Array): void {
    if (child !== this.child) return;
    try {
      this.assembler!.push(chunk);
    } catch (e) {
      if (child === this.child) this.violation(child, `a frame header it wrote was refused (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  private onFrame(child: Child, header: FrameHeader, frame: Uint8Array): void {
    if (child !== this.child) return;
    if (header.kind === FrameKind.Event) return; // version 1 readers ignore events (docs/wire.md §2)
    if (header.kind !== FrameKind.Ok && header.kind !== FrameKind.Error) {
      throw this.violation(child, `it wrote a frame of kind ${header.kind}; a server answers with ok (2) and error (3) frames`);
    }
    if (!this.written.delete(header.callId)) {
      throw this.violation(child, `it answered call id ${header.callId}, which is not awaiting an answer`);
    }
    this.stats.framesReceived++;
    this.pending.answer(header, frame); // undefined: a call given up on, its late answer ignored (§2)
    this.idleCheck(child);
    this.pump();
  }

  /**
   * Lets the parent exit when nothing is pending: the child's handles are
   * unref'ed on the next timer tick if still idle then, not at once, so a
   * caller awaiting one call after another does not pay a ref/unref of four
   * handles per call (measured: ~2x the round trip to a native child).
   */
  private idleCheck(child: Child): void {
    if (this.pending.size !== 0 || this.idleTimer !== undefined) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.pending.size === 0) child.hold(false);
    }, 0);
  }

  /** What a call given up on means here: a cancel frame if it had been written; a restart if asked to. */
  private abandoned(pending: PendingCall<Uint8Array>, reason: AbandonReason): void {
    const child = this.child;
    if (pending.frame !== undefined) {
      pending.frame = undefined; // still queued: never written, nothing to cancel
      this.queued--;
    } else if (child && this.written.has(pending.callId)) {
      this.stats.cancelsSent++;
      if (!child.write(cancelFrame(pending.callId))) this.blocked = true;
      if (reason === "timeout" && this.options.restartOnTimeout) {
        this.kill(child, `${child.name} was killed after call ${pending.callId} timed out (restartOnTimeout)`, "unavailable");
        return;
      }
    }
    if (child) this.idleCheck(child);
  }

  /** The child broke the protocol: fail everything `bad_frame`, kill it. Returns the error (for `throw`, which stops the assembler). */
  private violation(child: Child, detail: string): Error {
    this.stats.protocolErrors++;
    const message = `${child.name} broke the protocol: ${detail}; it was killed`;
    this.kill(child, message, "bad_frame");
    return new SystemError("bad_frame", message);
  }

  /** Forgets `child` (the next call starts another), fails every pending call with `code`, and SIGKILLs it. */
  private kill(child: Child, message: string, code: "bad_frame" | "unavailable"): void {
    this.forget(child, message);
    this.trackEnding(child);
    this.pending.failAll(() => new SystemError(code, message));
    child.kill("SIGKILL");
  }

  /** Detaches the current child: no more frames to or from it count. */
  private forget(child: Child, lastEnd: string): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.assembler = undefined;
    this.written.clear();
    this.queue = [];
    this.queueHead = 0;
    this.queued = 0;
    this.blocked = false;
    this.lastEnd = lastEnd;
  }

  private onEnd(child: Child, _end: ChildEnd): void {
    this.endWaiters.get(child)?.();
    if (child !== this.child) return;
    const partial = this.assembler?.partial();
    let message = `${child.name} ${child.describeEnd()}`;
    if (partial && partial.have > 0) {
      message += `, inside a frame (${partial.have} of ${partial.want ?? FRAME_HEADER_LEN} ${partial.want === undefined ? "header " : ""}bytes)`;
    }
    const tail = child.stderrTail();
    if (tail.length > 0) message += `; its last stderr lines:\n${tail.join("\n")}`;
    this.forget(child, `${child.name} ${child.describeEnd()}`);
    this.pending.failAll(() => new SystemError("unavailable", message));
  }

  /** Remembers a child that is being ended, so close() can wait for it. */
  private trackEnding(child: Child): Promise<void> {
    let done = this.ending.get(child);
    if (done) return done;
    done = child.end ? Promise.resolve() : new Promise<void>((resolve) => this.endWaiters.set(child, resolve));
    done = done.then(() => {
      this.ending.delete(child);
      this.endWaiters.delete(child);
    });
    this.ending.set(child, done);
    return done;
  }

  /**
   * Ends the transport: pending calls fail with `unavailable`, the child's
   * stdin is closed, then after `closeGraceMs` it gets SIGTERM, and after as
   * long again SIGKILL. Resolves when every child it started has ended.
   */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.spare = undefined;
      const child = this.child;
      if (child) {
        this.forget(child, "transport closed");
        this.pending.failAll(() => new SystemError("unavailable", "transport closed"));
        const done = this.trackEnding(child);
        child.endInput();
        const grace = this.options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;
        const term = setTimeout(() => child.kill("SIGTERM"), grace);
        const kill = setTimeout(() => child.kill("SIGKILL"), 2 * grace);
        void done.then(() => {
          clearTimeout(term);
          clearTimeout(kill);
        });
      }
    }
    return Promise.all([...this.ending.values()]).then(() => undefined);
  }
}

/** The default stderr logger: the line on the parent's stderr, prefixed `[command pid]`. */
function defaultStderr(command: string, pid: number, line: string): void {
  const name = command.slice(command.lastIndexOf("/") + 1);
  const stderr = (globalThis as { process?: { stderr?: { write(text: string): unknown } } }).process?.stderr;
  stderr?.write(`[${name} ${pid}] ${line}\n`);
}

/** Returns a transport to a child process started (lazily, on the first call) from `options`; see {@link StdioOptions}. */
export function connectStdio(options: StdioOptions): StdioTransport {
  return new StdioTransport(options);
}

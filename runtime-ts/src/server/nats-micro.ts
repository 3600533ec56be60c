/**
 * The NATS service protocol ("micro", ADR-32; docs/nats.md §3) of a served
 * kkgen service: its identity (name, version, id, metadata), one endpoint
 * per op with its counters, the standard PING/INFO/STATS JSON, and the
 * `Nats-Service-Error` headers of error replies. Written by hand on the
 * connection (runtime-ts imports no NATS library).
 * @module
 */

import type { ServiceDescriptor } from "../rpc/descriptor.js";
import type { NatsHeadersLike } from "../nats/connection.js";

/** The discovery verbs every instance answers. */
export const MICRO_VERBS = ["PING", "INFO", "STATS"] as const;
/** One discovery verb. */
export type MicroVerb = (typeof MICRO_VERBS)[number];

/** Who a served service is (the common fields of every micro response). */
export interface MicroIdentity {
  /** The micro service name (default the service's name). */
  readonly name: string;
  /** A unique id of this instance. */
  readonly id: string;
  /** SemVer (default `N.0.0` from a package ending in `vN`, else `0.0.0`). */
  readonly version: string;
  /** `kk.package`, `kk.wire` and the caller's own entries. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** One endpoint (an op) and its counters. */
export interface MicroEndpoint {
  /** The op name. */
  readonly name: string;
  /** Its subject (docs/nats.md §1). */
  readonly subject: string;
  /** The queue group ("" when disabled). */
  readonly queue_group: string;
  /** `{"kk.op_id": "<id>"}`. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Requests handled. */
  num_requests: number;
  /** Of those, answered with an error frame. */
  num_errors: number;
  /** The last error's `Nats-Service-Error` text ("" if none). */
  last_error: string;
  /** Total handling time in nanoseconds. */
  processing_time: number;
}

/** SemVer as the micro protocol requires it (ADR-32's pattern, without build metadata edge cases). */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** Micro service names. */
const NAME = /^[A-Za-z0-9_-]+$/;

/** The default version of a service: `N.0.0` from a package ending in `vN`, else `0.0.0`. */
export function defaultVersion(service: ServiceDescriptor): string {
  const m = /(?:^|\.)v(\d+)$/.exec(service.package);
  return m ? `${Number(m[1])}.0.0` : "0.0.0";
}

/** Checks a micro name and version; throws a `TypeError` naming the bad one. */
export function checkIdentity(name: string, version: string): void {
  if (!NAME.test(name)) throw new TypeError(`invalid micro service name ${JSON.stringify(name)}: [A-Za-z0-9_-]+ (docs/nats.md §3)`);
  if (!SEMVER.test(version)) throw new TypeError(`invalid micro service version ${JSON.stringify(version)}: must be SemVer (docs/nats.md §3)`);
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** 22 random base-62 characters (like a NUID): a unique instance id. */
export function instanceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  let id = "";
  for (const b of bytes) id += BASE62[b % 62];
  return id;
}

/** The three subjects of `verb` for this instance: `$SRV.<verb>`, `.<name>`, `.<name>.<id>`. */
export function discoverySubjects(verb: MicroVerb, identity: MicroIdentity): string[] {
  return [`$SRV.${verb}`, `$SRV.${verb}.${identity.name}`, `$SRV.${verb}.${identity.name}.${identity.id}`];
}

/** The standard JSON answering `verb`. */
export function microResponse(verb: MicroVerb, identity: MicroIdentity, description: string, started: string, endpoints: readonly MicroEndpoint[]): unknown {
  const { name, id, version, metadata } = identity;
  switch (verb) {
    case "PING":
      return { name, id, version, metadata, type: "io.nats.micro.v1.ping_response" };
    case "INFO":
      return {
        name,
        id,
        version,
        metadata,
        type: "io.nats.micro.v1.info_response",
        description,
        endpoints: endpoints.map((e) => ({ name: e.name, subject: e.subject, queue_group: e.queue_group, metadata: e.metadata })),
      };
    case "STATS":
      return {
        name,
        id,
        version,
        metadata,
        type: "io.nats.micro.v1.stats_response",
        started,
        endpoints: endpoints.map((e) => ({
          name: e.name,
          subject: e.subject,
          queue_group: e.queue_group,
          num_requests: e.num_requests,
          num_errors: e.num_errors,
          last_error: e.last_error,
          processing_time: e.processing_time,
          average_processing_time: e.num_requests === 0 ? 0 : Math.round(e.processing_time / e.num_requests),
        })),
      };
  }
}

const encoder = new TextEncoder();

/** The longest `Nats-Service-Error` value, in UTF-8 bytes (as the Go and Rust servers write it). */
export const MAX_ERROR_HEADER_BYTES = 256;

/** `text` cut to at most `max` UTF-8 bytes, on a character boundary. */
function capped(text: string, max: number): string {
  if (text.length * 3 <= max || encoder.encode(text).byteLength <= max) return text;
  let out = "";
  let bytes = 0;
  for (const ch of text) {
    const n = encoder.encode(ch).byteLength;
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/**
 * The `Nats-Service-Error` and `Nats-Service-Error-Code` headers of an error
 * reply, in the NATS header block format (`NATS/1.0` and `Key: value` lines).
 * The library writes a headers object by calling its `encode()`, so this
 * small class stands in for the library's own (runtime-ts does not import it).
 */
export class ServiceErrorHeaders implements NatsHeadersLike {
  private readonly values = new Map<string, string>();
  private encoded: Uint8Array | undefined;

  /** Headers with the error's description (one line, at most 256 bytes, docs/nats.md §2) and status. */
  constructor(description: string, status: number) {
    this.set("Nats-Service-Error", capped(description.replace(/[\r\n]+/g, " "), MAX_ERROR_HEADER_BYTES));
    this.set("Nats-Service-Error-Code", String(status));
  }

  /** Sets a header (CR and LF in the value become spaces). */
  set(key: string, value: string): void {
    this.values.set(key, value.replace(/[\r\n]+/g, " "));
    this.encoded = undefined;
  }

  /** The header block (encoded once). */
  encode(): Uint8Array {
    if (this.encoded) return this.encoded;
    let block = "NATS/1.0\r\n";
    for (const [key, value] of this.values) block += `${key}: ${value}\r\n`;
    return (this.encoded = encoder.encode(`${block}\r\n`));
  }
}

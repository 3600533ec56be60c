/**
 * NATS subjects (docs/nats.md §1): the one subject function of runtime-ts,
 * `[<prefix>.]<package>.<Service>.<op>`, and the prefix check. Shared by the
 * NATS client transport and the NATS server.
 * @module
 */

import type { OpDescriptor, ServiceDescriptor } from "../rpc/descriptor.js";

/** One or more tokens of `[A-Za-z0-9_-]` separated by dots (no wildcards, no empty tokens). */
const PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Throws a `TypeError` unless `prefix` is absent, "" or a valid subject prefix (§1). */
export function checkPrefix(prefix: string | undefined): void {
  if (prefix !== undefined && prefix !== "" && !PREFIX.test(prefix)) {
    throw new TypeError(`invalid NATS subject prefix ${JSON.stringify(prefix)}: tokens of [A-Za-z0-9_-] separated by dots (docs/nats.md §1)`);
  }
}

/** The subject of `op` of `service` under `prefix` (none when absent or ""). */
export function natsSubject(service: ServiceDescriptor, op: OpDescriptor, prefix?: string): string {
  const base = `${service.package}.${service.name}.${op.name}`;
  return prefix ? `${prefix}.${base}` : base;
}

/** Every op's subject by op id; checks the prefix first. */
export function natsSubjects(service: ServiceDescriptor, prefix?: string): Map<number, string> {
  checkPrefix(prefix);
  const subjects = new Map<number, string>();
  for (const op of service.ops) subjects.set(op.id, natsSubject(service, op, prefix));
  return subjects;
}

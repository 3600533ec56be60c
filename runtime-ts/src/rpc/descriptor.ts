/**
 * Service descriptors: what a generated service says about itself at run
 * time — its package, name and ops (wire id and name as written) — for
 * transports that address ops by name, such as NATS subjects
 * (docs/nats.md §1). Generated code exports one `{Service}Descriptor` per
 * service.
 * @module
 */

/** One op of a service. */
export interface OpDescriptor {
  /** The op's wire id (docs/wire.md §4.1). */
  readonly id: number;
  /** The op name as written (snake_case), e.g. `tessellate`. */
  readonly name: string;
}

/** A service as the schema declares it. */
export interface ServiceDescriptor {
  /** The kkidl package as written, e.g. `kk.geo.v1`. */
  readonly package: string;
  /** The service name as written, e.g. `Geometry`. */
  readonly name: string;
  /** The first line of the service's doc comment, or empty. */
  readonly doc: string;
  /** Its ops in declaration order. */
  readonly ops: readonly OpDescriptor[];
}

/**
 * Service descriptors: what a generated service is called and which ops it
 * has (package, service name, first doc line, ops with wire id and name),
 * one per service, generated in every language. Transports that name ops
 * rather than number them (NATS subjects, HTTP routes) derive their names
 * from it.
 * @module
 */

/** One op of a service: its wire id and its name as written in the schema (snake_case). */
export interface OpDescriptor {
  /** The op's wire id. */
  readonly id: number;
  /** The op's name as written in the schema. */
  readonly name: string;
}

/** A service as the schema declares it. */
export interface ServiceDescriptor {
  /** The kkidl package as written, e.g. `kk.geo.v1`. */
  readonly package: string;
  /** The service name as written, e.g. `Geometry`. */
  readonly name: string;
  /** The first line of the service's doc comment, or "". */
  readonly doc: string;
  /** Every op, in schema order. */
  readonly ops: readonly OpDescriptor[];
}

// Goal 4's bundle: @kkgen/runtime's direct transport and the generated client
// of the 7-op geometry schema (examples/geometry/sdk/ts), nothing else.
export { connectDirect } from "@kkgen/runtime";
export { createGeometryClient } from "../../../geometry/sdk/ts/client.js";

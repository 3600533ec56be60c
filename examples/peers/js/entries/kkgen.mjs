// Variant A (and the Go rows): the generated TS client of peers.kkidl over
// @kkgen/runtime's direct transport. `load(files)` instantiates the one module
// in `files`; `sync` is the generated sync client, null until it exists.
import { connectDirect } from "@kkgen/runtime";
import * as client from "../../sdk/ts/client.js";

/** The async client and, when generated, the sync client over one direct transport. */
export async function load(files) {
  const transport = connectDirect(Object.values(files)[0]);
  if (typeof transport.ready === "function") await transport.ready();
  const api = client.createPeersClient(transport);
  await api.add(0, 0); // instantiated before the sync client's first call
  const sync = client.createPeersSyncClient?.(transport) ?? null;
  return { api, sync };
}

// A parent that makes one call over stdio and then does nothing more
// (`<runtime> idle-parent.mjs <buggy-child.mjs>`): with no call pending the
// transport must not keep its event loop alive, so this process exits by
// itself. Run by stdio.test.mjs ("an idle transport lets the parent exit").
import process from "node:process";
import { connectStdio } from "@kkgen/runtime";

const transport = connectStdio({ command: "node", args: [process.argv[2], "echo"], stderr: () => {} });
const answer = await transport.call({
  opId: 7,
  maxPayloadLen: 1,
  encode(frame) {
    frame[16] = 42;
    return 1;
  },
  decodeOk: (payload) => payload[0],
  decodeError: () => undefined,
});
console.log(`answered ${answer}`);

// A test double of a stdio server that misbehaves on purpose (run by node:
// `node buggy-child.mjs <mode>`), for tests/stdio/stdio.test.mjs. It reads
// call frames (docs/wire.md §2) from stdin and, per mode:
// - `echo`: answers each call with an ok frame whose payload is the call's payload
// - `silent`: never answers (timeouts, cancellation, in-flight limits)
// - `garbage`: answers the first call with bytes that are no frame header
// - `truncated`: writes half an answer frame, then exits 0
// - `unknown-id`: answers the first call with a call id it never got
// - `wrong-kind`: answers the first call with a call frame
// - `crash`: writes two stderr lines, then exits with code 3 on the first call
// - `stubborn`: ignores the end of stdin and SIGTERM (only SIGKILL ends it); says `ready` on stderr
// Cancel frames are counted and reported on stderr (`cancel <id>`).
import process from "node:process";

const mode = process.argv[2];
let buffered = Buffer.alloc(0);

function header(kind, callId, opId, payloadLen) {
  const h = Buffer.alloc(16);
  h[0] = 1;
  h[1] = kind;
  h.writeUInt32LE(callId, 4);
  h.writeUInt32LE(opId, 8);
  h.writeUInt32LE(payloadLen, 12);
  return h;
}

function onFrame(kind, callId, opId, payload) {
  if (kind === 4) {
    process.stderr.write(`cancel ${callId}\n`);
    return;
  }
  switch (mode) {
    case "echo":
      process.stdout.write(Buffer.concat([header(2, callId, opId, payload.length), payload]));
      return;
    case "silent":
    case "stubborn":
      return;
    case "garbage":
      process.stdout.write("this is not a frame header at all\n");
      return;
    case "truncated":
      process.stdout.write(Buffer.concat([header(2, callId, opId, 64), Buffer.alloc(10)]), () => process.exit(0));
      return;
    case "unknown-id":
      process.stdout.write(header(2, callId + 1000, opId, 0));
      return;
    case "wrong-kind":
      process.stdout.write(header(1, callId, opId, 0));
      return;
    case "crash":
      process.stderr.write("crash: first line\ncrash: about to exit 3\n", () => process.exit(3));
      return;
    default:
      process.stderr.write(`unknown mode ${mode}\n`);
      process.exit(2);
  }
}

process.stdin.on("data", (chunk) => {
  buffered = Buffer.concat([buffered, chunk]);
  while (buffered.length >= 16) {
    const len = 16 + buffered.readUInt32LE(12);
    if (buffered.length < len) break;
    onFrame(buffered[1], buffered.readUInt32LE(4), buffered.readUInt32LE(8), buffered.subarray(16, len));
    buffered = buffered.subarray(len);
  }
});
if (mode === "stubborn") {
  process.on("SIGTERM", () => process.stderr.write("SIGTERM ignored\n"));
  setInterval(() => {}, 1000);
  process.stderr.write("ready\n");
} else {
  process.stdin.on("end", () => process.exit(0));
}

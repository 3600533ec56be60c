/**
 * TS codec benchmark (`cargo xtask bench ts-wire`): encode/decode throughput of
 * the generated kkrpc codecs next to JSON.stringify/parse and protobuf-es
 * (descriptors built at runtime, no protoc) on the same data:
 * (a) a struct of 10 scalar fields, (b) a 1M-element f32 buffer.
 * Prints figures and ratios; asserts nothing (goals: small structs >= 3x
 * faster than JSON, bulk at memcpy speed >= 5 GB/s).
 */

import { create, createFileRegistry, fromBinary, toBinary, type DescMessage } from "@bufbuild/protobuf";
import { FieldDescriptorProto_Label as Label, FieldDescriptorProto_Type as PbType, FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Reader, Writer } from "@kkgen/runtime";
import { decodeSample, decodeSamples, encodeSample, encodeSamples, maxSizeSample, maxSizeSamples } from "../../../../target/ts-wire/bench-gen/codecs.js";
import type { Sample, Samples } from "../../../../target/ts-wire/bench-gen/types.js";

/** Runs `fn` repeatedly for about `ms` milliseconds; returns nanoseconds per call. */
function time(fn: () => unknown, ms = 400): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  let n = 0;
  let sink: unknown;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 16; i++) sink = fn();
    n += 16;
    now = performance.now();
  }
  if (sink === Symbol.for("never")) console.log(sink);
  return ((now - start) * 1e6) / n;
}

/** A protobuf-es message descriptor for the same shapes, built in code. */
function protoDescs(): { sample: DescMessage; samples: DescMessage } {
  const f = (name: string, number: number, type: PbType, label = Label.OPTIONAL) => ({ name, number, type, label, jsonName: name });
  const file = create(FileDescriptorProtoSchema, {
    name: "bench.proto",
    package: "bench",
    syntax: "proto3",
    messageType: [
      {
        name: "Sample",
        field: [
          f("id", 1, PbType.UINT32), f("x", 2, PbType.DOUBLE), f("y", 3, PbType.DOUBLE), f("z", 4, PbType.DOUBLE),
          f("count", 5, PbType.INT32), f("flags", 6, PbType.UINT32), f("kind", 7, PbType.UINT32), f("active", 8, PbType.BOOL),
          f("weight", 9, PbType.FLOAT), f("score", 10, PbType.DOUBLE),
        ],
      },
      { name: "Samples", field: [f("values", 1, PbType.FLOAT, Label.REPEATED)] },
    ],
  });
  const reg = createFileRegistry(file, () => undefined);
  return { sample: reg.getMessage("bench.Sample")!, samples: reg.getMessage("bench.Samples")! };
}

interface Row {
  what: string;
  ns: number;
  bytes: number;
}
const rows: Row[] = [];
function row(what: string, ns: number, bytes: number): number {
  rows.push({ what, ns, bytes });
  return ns;
}

const pb = protoDescs();

// (a) 10 scalar fields.
const sample: Sample = { id: 12345, x: 1.5, y: -2.25, z: 1e10, count: -42, flags: 0xbeef, kind: 7, active: true, weight: 0.5, score: 0.1 };
const sampleBytes = (() => {
  const w = Writer.growable();
  encodeSample(w, sample);
  return w.finish().slice();
})();
const sampleJson = JSON.stringify(sample);
const samplePb = create(pb.sample, sample as unknown as Record<string, unknown>);
const samplePbBytes = toBinary(pb.sample, samplePb);
const scratch = new Uint8Array(maxSizeSample(sample));

const kkEncS = row("struct10 encode  kkrpc (into a region)", time(() => {
  const w = Writer.into(scratch);
  encodeSample(w, sample);
  return w.pos;
}), sampleBytes.length);
row("struct10 encode  kkrpc (fresh growable)", time(() => {
  const w = Writer.growable(64);
  encodeSample(w, sample);
  return w.finish();
}), sampleBytes.length);
const jsonEncS = row("struct10 encode  JSON.stringify", time(() => JSON.stringify(sample)), sampleJson.length);
const pbEncS = row("struct10 encode  protobuf-es toBinary", time(() => toBinary(pb.sample, samplePb)), samplePbBytes.length);
const kkDecS = row("struct10 decode  kkrpc", time(() => decodeSample(new Reader(sampleBytes))), sampleBytes.length);
const jsonDecS = row("struct10 decode  JSON.parse", time(() => JSON.parse(sampleJson) as unknown), sampleJson.length);
const pbDecS = row("struct10 decode  protobuf-es fromBinary", time(() => fromBinary(pb.sample, samplePbBytes)), samplePbBytes.length);

// (b) 1M f32.
const N = 1 << 20;
const values = new Float32Array(N);
for (let i = 0; i < N; i++) values[i] = Math.fround(Math.sin(i) * 1000);
const samples: Samples = { values };
const region = new Uint8Array(maxSizeSamples(samples));
const bulkBytes = (() => {
  const w = Writer.growable();
  encodeSamples(w, samples);
  return w.finish().slice();
})();
const asArray = Array.from(values);
const bulkJson = JSON.stringify({ values: asArray });
const bulkPb = create(pb.samples, { values: asArray });
const bulkPbBytes = toBinary(pb.samples, bulkPb);
const MB4 = N * 4;

const kkEncB = row("f32x1M encode  kkrpc (into a region)", time(() => {
  const w = Writer.into(region);
  encodeSamples(w, samples);
  return w.pos;
}), bulkBytes.length);
const copyB = row("f32x1M baseline Uint8Array.set (memcpy)", time(() => region.set(new Uint8Array(values.buffer), 8)), MB4);
const jsonEncB = row("f32x1M encode  JSON.stringify", time(() => JSON.stringify({ values: asArray }), 1500), bulkJson.length);
const pbEncB = row("f32x1M encode  protobuf-es toBinary", time(() => toBinary(pb.samples, bulkPb), 1500), bulkPbBytes.length);
const kkDecB = row("f32x1M decode  kkrpc (copy)", time(() => decodeSamples(new Reader(bulkBytes))), bulkBytes.length);
row("f32x1M decode  kkrpc (view)", time(() => decodeSamples(new Reader(bulkBytes, { views: true }))), bulkBytes.length);
const jsonDecB = row("f32x1M decode  JSON.parse", time(() => JSON.parse(bulkJson) as unknown, 1500), bulkJson.length);
const pbDecB = row("f32x1M decode  protobuf-es fromBinary", time(() => fromBinary(pb.samples, bulkPbBytes), 1500), bulkPbBytes.length);

console.log(`node ${process.version}; ${rows.length} measurements (ns per op; throughput of the encoded bytes)\n`);
console.log("what".padEnd(44) + "ns/op".padStart(14) + "bytes".padStart(10) + "MB/s".padStart(12));
for (const r of rows) {
  console.log(r.what.padEnd(44) + r.ns.toFixed(1).padStart(14) + String(r.bytes).padStart(10) + ((r.bytes / r.ns) * 1e3).toFixed(0).padStart(12));
}
const x = (a: number, b: number): string => `${(a / b).toFixed(1)}x`;
const gbs = (ns: number): string => `${(MB4 / ns).toFixed(2)} GB/s`;
console.log("\nratios (how many times faster kkrpc is):");
console.log(`  struct10 encode: vs JSON ${x(jsonEncS, kkEncS)}, vs protobuf-es ${x(pbEncS, kkEncS)}   (goal >= 3x vs JSON)`);
console.log(`  struct10 decode: vs JSON ${x(jsonDecS, kkDecS)}, vs protobuf-es ${x(pbDecS, kkDecS)}   (goal >= 3x vs JSON)`);
console.log(`  f32x1M encode:   vs JSON ${x(jsonEncB, kkEncB)}, vs protobuf-es ${x(pbEncB, kkEncB)}; ${gbs(kkEncB)} (memcpy ${gbs(copyB)}; goal >= 5 GB/s)`);
console.log(`  f32x1M decode:   vs JSON ${x(jsonDecB, kkDecB)}, vs protobuf-es ${x(pbDecB, kkDecB)}; copy ${gbs(kkDecB)} (goal >= 5 GB/s)`);

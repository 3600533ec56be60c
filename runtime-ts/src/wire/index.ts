/**
 * The kkrpc wire format for TypeScript (docs/wire.md): {@link Writer},
 * {@link Reader}, {@link DecodeError}, limits and frame helpers. Generated
 * codecs (`encodeX` / `decodeX` / `maxSizeX`) are built on these.
 */

export { DecodeError, DECODE_ERROR_KINDS, type DecodeErrorKind } from "./errors.js";
export { DEFAULT_LIMITS, resolveLimits, type Limits } from "./limits.js";
export { compareUtf8 } from "./utf8.js";
export { Writer, WriterOverflowError, type WireTypedArray } from "./writer.js";
export {
  WireTypeError,
  describeValue,
  expected,
  fieldPath,
  checkScalar,
  checkNumber,
  checkTyped,
  checkObject,
  checkArray,
  checkMap,
  type ScalarKeyword,
} from "./check.js";
export { Reader, type ReaderOptions } from "./reader.js";
export { copyCount } from "./copies.js";
export {
  WIRE_VERSION,
  FRAME_HEADER_LEN,
  FrameKind,
  isFrameKind,
  SystemErrorCodes,
  systemErrorName,
  writeFrameHeader,
  checkFrameHeader,
  readFrameHeader,
  peekFrameKind,
  headerErrorCode,
  decodeFrame,
  beginFrame,
  endFrame,
  encodeFrame,
  cancelFrame,
  payloadReader,
  ERROR_CLASS_TYPED,
  ERROR_CLASS_SYSTEM,
  TYPED_ERROR_FIELDS_AT,
  writeTypedErrorPrefix,
  writeSystemError,
  maxSizeSystemError,
  systemErrorFrame,
  headerErrorFrame,
  readErrorHead,
  type SystemErrorName,
  type FrameHeader,
  type Frame,
  type ErrorPayloadHead,
} from "./frame.js";
export { FrameAssembler } from "./frame-stream.js";

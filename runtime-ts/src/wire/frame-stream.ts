/**
 * Frames out of a byte stream (docs/wire.md §2: frames back to back, as on
 * stdio or a socket): a {@link FrameAssembler} takes chunks as they arrive
 * and hands out whole frames. Bounded: a header is checked with
 * `readFrameHeader` (version, kind, `maxFrameLen`) before a single payload
 * byte is buffered, so an untrusted length never allocates past the limit.
 * A frame lying whole inside one chunk is handed out as a view of the chunk
 * (no copy); one split across chunks is gathered into one 8-aligned buffer
 * of exactly its length (one copy).
 * @module
 */

import { FRAME_HEADER_LEN, readFrameHeader, type FrameHeader } from "./frame.js";
import type { Limits } from "./limits.js";

/** Reassembles frames from stream chunks; see the module doc. */
export class FrameAssembler {
  /** The bytes of a header split across chunks. */
  private readonly head = new Uint8Array(FRAME_HEADER_LEN);
  private headLen = 0;
  /** The frame being gathered (header included), once its header is known. */
  private body: Uint8Array | undefined;
  private bodyHeader: FrameHeader | undefined;
  private bodyLen = 0;
  /** Frames handed out as views of a chunk (no copy). */
  framesInPlace = 0;
  /** Frames gathered across chunks into a buffer of their own (one copy). */
  framesGathered = 0;

  /**
   * `onFrame` gets every whole frame (`frame` is exactly `16 + payloadLen`
   * bytes, a view of the chunk or a buffer of its own, valid for ever).
   */
  constructor(
    private readonly onFrame: (header: FrameHeader, frame: Uint8Array) => void,
    private readonly limits?: Partial<Limits>,
  ) {}

  /**
   * Takes the next chunk of the stream. Throws the header's `DecodeError`
   * (`unsupported_version`, `bad_frame`, `too_large`) for a header it
   * refuses; the stream is unusable after that.
   */
  push(chunk: Uint8Array): void {
    let at = 0;
    const end = chunk.length;
    while (at < end) {
      if (this.body === undefined) {
        if (this.headLen === 0 && end - at >= FRAME_HEADER_LEN) {
          const header = readFrameHeader(chunk, at, this.limits);
          const total = FRAME_HEADER_LEN + header.payloadLen;
          if (end - at >= total) {
            this.framesInPlace++;
            this.onFrame(header, chunk.subarray(at, at + total));
            at += total;
            continue;
          }
          this.begin(header, chunk.subarray(at, at + FRAME_HEADER_LEN));
          at += FRAME_HEADER_LEN;
        } else {
          const n = Math.min(FRAME_HEADER_LEN - this.headLen, end - at);
          this.head.set(chunk.subarray(at, at + n), this.headLen);
          this.headLen += n;
          at += n;
          if (this.headLen < FRAME_HEADER_LEN) return;
          this.headLen = 0;
          this.begin(readFrameHeader(this.head, 0, this.limits), this.head);
        }
      }
      const body = this.body;
      if (body === undefined) continue; // a header-only frame, already handed out
      const n = Math.min(body.length - this.bodyLen, end - at);
      body.set(chunk.subarray(at, at + n), this.bodyLen);
      this.bodyLen += n;
      at += n;
      this.finishIfWhole();
    }
  }

  /** Starts gathering a frame whose validated header is `header` (its 16 bytes: `headBytes`). */
  private begin(header: FrameHeader, headBytes: Uint8Array): void {
    const body = new Uint8Array(FRAME_HEADER_LEN + header.payloadLen);
    body.set(headBytes);
    this.body = body;
    this.bodyHeader = header;
    this.bodyLen = FRAME_HEADER_LEN;
    this.finishIfWhole();
  }

  private finishIfWhole(): void {
    const body = this.body;
    if (body === undefined || this.bodyLen < body.length) return;
    const header = this.bodyHeader!;
    this.body = undefined;
    this.bodyHeader = undefined;
    this.bodyLen = 0;
    this.framesGathered++;
    this.onFrame(header, body);
  }

  /** Bytes of an unfinished frame held so far (0 between frames), and of the whole frame when its header is known. */
  partial(): { readonly have: number; readonly want: number | undefined } {
    if (this.body !== undefined) return { have: this.bodyLen, want: this.body.length };
    return { have: this.headLen, want: undefined };
  }
}

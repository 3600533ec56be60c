/**
 * The media types of the HTTP mapping (docs/http.md §3) and how a
 * `Content-Type` header is read, shared by the routes (`content-type.ts`) and
 * the HTTP client (`client.ts`, which must not import Hono).
 * @module
 */

/** The media type of JSON bodies. */
export const JSON_MEDIA_TYPE = "application/json";
/** The media type of raw typed-buffer bodies. */
export const OCTET_STREAM_MEDIA_TYPE = "application/octet-stream";

/** The media type of a `Content-Type` header value, lower case without parameters (`""` when there is none). */
export function mediaType(header: string | null | undefined): string {
  if (header == null) return "";
  // The usual headers are already what the split would give: one comparison, no new strings.
  if (header === JSON_MEDIA_TYPE || header === OCTET_STREAM_MEDIA_TYPE) return header;
  return header.split(";", 1)[0]!.trim().toLowerCase();
}

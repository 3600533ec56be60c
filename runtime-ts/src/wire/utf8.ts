/**
 * UTF-8 helpers shared by the writer and the reader: a comparison of strings
 * in UTF-8 byte order (the order of map keys, docs/wire.md §3.5) without
 * encoding them.
 */

/**
 * Compares two strings as their UTF-8 bytes would compare (which is code
 * point order). JS `<` compares UTF-16 code units, which differs when a
 * surrogate pair meets a code unit in U+E000..U+FFFF.
 * Returns a negative number, zero or a positive number.
 */
export function compareUtf8(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800..DFFF) encode code points above FFFF: rank them last.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Decides a feed's character encoding before parsing, because rss-parser ignores the XML
 * declaration: BOM, then valid UTF-8, then the HTTP charset, then the XML declaration, then
 * windows-1252 (the web's real meaning of "iso-8859-1").
 *
 * Decoding uses the WHATWG TextDecoder, which on Node >= 22 (full ICU) maps windows-1252's
 * 0x80–0x9F to curly quotes, dashes and € correctly; Node 20's did not, and a unit test pins the
 * behaviour on the Node that runs. It knows every WHATWG encoding but UTF-32, decoded here by hand.
 * (iconv-lite did the same at 480 KiB of tables in every fetch-feed bundle.)
 */

export interface Decoded {
  text: string;
  encoding: string;
  /** Which signal decided it. */
  source: 'bom' | 'utf-8-valid' | 'http' | 'xml-declaration' | 'fallback';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A WHATWG label: "iso-8859-1", "latin1" and "us-ascii" give windows-1252, as in browsers (pinned by a test). */
function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.trim().toLowerCase().replace(/^["']|["']$/g, ''));
  } catch {
    return null;
  }
}

function decodeUtf32(buf: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const parts: string[] = [];
  for (let i = 0; i + 4 <= buf.byteLength; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    parts.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd');
  }
  return parts.join('');
}

export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const m = contentType?.match(/charset\s*=\s*"?([^;"\s]+)/i);
  return m?.[1];
}

export function decodeFeed(bytes: Uint8Array, httpCharset?: string): Decoded {
  const b = bytes;
  const as = (label: string, from = 0) => new TextDecoder(label).decode(b.subarray(from));
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { text: decodeUtf32(b.subarray(4), false), encoding: 'utf-32be', source: 'bom' };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { text: decodeUtf32(b.subarray(4), true), encoding: 'utf-32le', source: 'bom' };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: as('utf-8', 3), encoding: 'utf-8', source: 'bom' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: as('utf-16le', 2), encoding: 'utf-16le', source: 'bom' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: as('utf-16be', 2), encoding: 'utf-16be', source: 'bom' };
  // No BOM: "<?" in UTF-32 or UTF-16 has zero bytes around it.
  if (b[0] === 0x3c && b[1] === 0 && b[2] === 0 && b[3] === 0) return { text: decodeUtf32(b, true), encoding: 'utf-32le', source: 'xml-declaration' };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x3c) return { text: decodeUtf32(b, false), encoding: 'utf-32be', source: 'xml-declaration' };
  if (b[0] === 0x3c && b[1] === 0 && b[2] === 0x3f && b[3] === 0) return { text: as('utf-16le'), encoding: 'utf-16le', source: 'xml-declaration' };
  if (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] === 0x3f) return { text: as('utf-16be'), encoding: 'utf-16be', source: 'xml-declaration' };

  let head = '';
  for (let i = 0; i < Math.min(200, b.byteLength); i++) head += String.fromCharCode(b[i]!);
  const declared = head.match(/<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i)?.[1];
  // Valid UTF-8 wins over single-byte labels: a feed declared latin-1 but written in UTF-8 is
  // common, and latin-1 bytes for å/ä/ö are almost never valid UTF-8 by accident.
  const declaredMultiByte = declared && /^(utf-16|utf-32|ucs|big5|gb|euc|shift|iso-2022|koi8|windows-125[^2])/i.test(declared);
  if (!declaredMultiByte) {
    try {
      return { text: utf8.decode(b), encoding: 'utf-8', source: 'utf-8-valid' };
    } catch {
      /* not UTF-8: use the labels */
    }
  }
  for (const [label, source] of [
    [httpCharset, 'http'],
    [declared, 'xml-declaration'],
  ] as const) {
    if (!label) continue;
    if (/^utf-?32/i.test(label)) return { text: decodeUtf32(b, /le/i.test(label)), encoding: label.toLowerCase(), source };
    const d = decoderFor(label);
    if (d && d.encoding !== 'utf-8') return { text: d.decode(b), encoding: d.encoding, source };
  }
  return { text: new TextDecoder('windows-1252').decode(b), encoding: 'windows-1252', source: 'fallback' };
}

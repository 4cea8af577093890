/**
 * Decides a feed's character encoding before parsing, because rss-parser ignores the XML
 * declaration: BOM, then valid UTF-8, then the HTTP charset, then the XML declaration, then
 * windows-1252 (the web's real meaning of "iso-8859-1"). iconv-lite decodes windows-1252's
 * 0x80–0x9F (curly quotes, en dash) correctly on every Node version.
 */
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  encoding: string;
  /** Which signal decided it. */
  source: 'bom' | 'utf-8-valid' | 'http' | 'xml-declaration' | 'fallback';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function normaliseLabel(label: string): string {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  // Browsers and feeds mean windows-1252 when they say latin-1.
  if (l === 'iso-8859-1' || l === 'latin1' || l === 'latin-1' || l === 'us-ascii' || l === 'ascii') return 'windows-1252';
  return l;
}

export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const m = contentType?.match(/charset\s*=\s*"?([^;"\s]+)/i);
  return m?.[1];
}

export function decodeFeed(bytes: Uint8Array, httpCharset?: string): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', source: 'bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    if (buf[2] === 0 && buf[3] === 0) return { text: iconv.decode(buf.subarray(4), 'utf-32le'), encoding: 'utf-32le', source: 'bom' };
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', source: 'bom' };
  }
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', source: 'bom' };
  if (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) return { text: iconv.decode(buf.subarray(4), 'utf-32be'), encoding: 'utf-32be', source: 'bom' };
  // UTF-16 without a BOM: "<" followed by a zero byte, or the reverse.
  if (buf[0] === 0x3c && buf[1] === 0 && buf[2] === 0x3f && buf[3] === 0) return { text: iconv.decode(buf, 'utf-16le'), encoding: 'utf-16le', source: 'xml-declaration' };
  if (buf[0] === 0 && buf[1] === 0x3c && buf[2] === 0 && buf[3] === 0x3f) return { text: iconv.decode(buf, 'utf-16be'), encoding: 'utf-16be', source: 'xml-declaration' };

  const declared = buf.subarray(0, 200).toString('latin1').match(/<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i)?.[1];
  // Valid UTF-8 wins over labels: a feed declared latin-1 but written in UTF-8 is common, and
  // latin-1 bytes for å/ä/ö are almost never valid UTF-8 by accident.
  const declaredMultiByte = declared && /^(utf-16|utf-32|ucs|big5|gb|euc|shift|iso-2022|koi8|windows-125[^2])/i.test(declared);
  if (!declaredMultiByte) {
    try {
      return { text: utf8.decode(buf), encoding: 'utf-8', source: 'utf-8-valid' };
    } catch {
      /* not UTF-8: use the labels */
    }
  }
  for (const [label, source] of [
    [httpCharset, 'http'],
    [declared, 'xml-declaration'],
  ] as const) {
    if (!label) continue;
    const enc = normaliseLabel(label);
    if (enc !== 'utf-8' && enc !== 'utf8' && iconv.encodingExists(enc)) return { text: iconv.decode(buf, enc), encoding: enc, source };
  }
  return { text: iconv.decode(buf, 'windows-1252'), encoding: 'windows-1252', source: 'fallback' };
}

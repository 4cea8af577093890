/** The letter's HTML building blocks: escaping, safe links, colours and the cell style every renderer shares. */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

/** Only absolute http(s) URLs are linked; anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Colours of the letter (inline: mail clients drop style sheets). */
export const C = {
  text: '#1d2433',
  muted: '#5b6476',
  accent: '#0b5cad',
  rule: '#dfe3ea',
  open: '#0a7a3b',
  bg: '#f4f6f9',
};

export const CELL = 'word-break:break-word;overflow-wrap:anywhere;';

export function link(url: string, text: string, style: string): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}" style="${style}">${escapeHtml(text)}</a>` : `<span style="${style}">${escapeHtml(text)}</span>`;
}


// Product and image links from a feed, normalized and checked once at import, so what the
// creative and the click redirect later use is a plain absolute http(s) URL. Pure.

export type LinkCheck = { ok: true; url: string } | { ok: false; reason: string };

const MAX_LINK = 2000;

export function checkFeedLink(raw: string): LinkCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'missing' };
  if (text.length > MAX_LINK) return { ok: false, reason: `longer than ${MAX_LINK} characters` };
  // Browsers read `\` as `/` in http(s) URLs, so `https:\\evil.example` leads somewhere the text does not say.
  if (text.includes('\\')) return { ok: false, reason: `backslash in the URL ("${text}"); write / instead` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(text)) return { ok: false, reason: `control character or space in the URL ("${text}")` };
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (!m) return { ok: false, reason: `not an absolute http(s) URL: "${text}"` };
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'https' && scheme !== 'http') return { ok: false, reason: `scheme "${m[1]}:" is not http or https` };
  let u: URL;
  try {
    u = new URL(scheme + text.slice(m[1]!.length));
  } catch {
    return { ok: false, reason: `not an absolute http(s) URL: "${text}"` };
  }
  if (u.username || u.password || /^[^/?#]*@/.test(text.slice(m[0].length))) return { ok: false, reason: 'user name or password in the URL (user@host) is not allowed' };
  if (!u.hostname) return { ok: false, reason: `no host in "${text}"` };
  return { ok: true, url: u.href };
}

// CSRF for cookie-authenticated writes: the browser must prove the request comes from the app's
// own origin (or a configured trusted one). Bearer requests are exempt: no browser adds them.
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why this request may not write with a cookie, or null when it may. */
export function csrfProblem(req: Request, trusted: readonly string[]): string | null {
  if (SAFE.has(req.method)) return null;
  const origin = req.headers.get('Origin');
  if (origin !== null) {
    if (origin === new URL(req.url).origin || trusted.includes(origin)) return null;
    return `Origin: "${origin}" is not this app's origin; a signed-in write must come from the app itself`;
  }
  // Browsers that send no Origin still send Fetch Metadata.
  if (req.headers.get('Sec-Fetch-Site') === 'same-origin') return null;
  return 'Origin: a signed-in (cookie) write must carry an Origin header from this app; scripts should use a bearer API token';
}

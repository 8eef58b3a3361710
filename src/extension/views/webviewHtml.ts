// The one HTML template for every webview (panel and sidebar). No `vscode` import: it takes
// the few members of `vscode.Webview` it needs, so Node tests and the Chromium tests use it too.

import { randomBytes } from 'node:crypto';

/** The members of `vscode.Webview` the template uses. */
export interface WebviewLike<U> {
  readonly cspSource: string;
  asWebviewUri(uri: U): { toString(): string };
}

/** A fresh nonce per render: 128 random bits, base64 (letters, digits, `+/=`). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** For a double-quoted attribute: quotes in a CSP (`'none'`) stay readable. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * The Content-Security-Policy of every webview. Scripts run only with the nonce; styles and
 * fonts come from the extension (KaTeX writes `style` attributes, hence `'unsafe-inline'` for
 * styles only); images from the extension or `data:` (the sparsity plot's export).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** The page: CSP, stylesheets, an empty `#root`, and the one nonce'd script. */
export function webviewHtml<U>(
  webview: WebviewLike<U>,
  nonce: string,
  scriptUri: U,
  styleUris: readonly U[],
  title: string,
): string {
  const csp = contentSecurityPolicy(webview.cspSource, nonce);
  const attr = (u: U): string => escapeAttribute(webview.asWebviewUri(u).toString());
  const styles = styleUris.map((u) => `  <link rel="stylesheet" href="${attr(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>${escapeHtml(title)}</title>
</head>
<body>
  <div id="root"></div>
  <script nonce="${escapeAttribute(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}

// The host's guard against what a webview sends, and the one HTML template's CSP (Node only).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../src/extension/views/summary';
import { parsePanelMessage, parseSidebarMessage, parseWebviewMessage } from '../../src/shared/fromWebview';
import { contentSecurityPolicy, escapeHtml, makeNonce, webviewHtml } from '../../src/extension/views/webviewHtml';
import { denseLayer, shapeError } from './fixtures';

describe('parseWebviewMessage', () => {
  it('accepts every well-formed message and keeps only its named fields', () => {
    const ok: unknown[] = [
      { type: 'ready' },
      { type: 'recompute' },
      { type: 'newValues' },
      { type: 'revealDefinition' },
      { type: 'setWrt', wrt: ['W', 'b'] },
      { type: 'setLoss', loss: 'xent' },
      { type: 'setLoss', loss: '' },
      { type: 'setValue', name: 'W', row: 2, col: 0, value: -0.25 },
      { type: 'copyLatex', latex: '\\operatorname{diag}(x)' },
      { type: 'export', format: 'pytorch', action: 'copy' },
      { type: 'export', format: 'mtx', action: 'insert' },
      { type: 'reveal', index: 0 },
      { type: 'openPanel', index: 7 },
    ];
    for (const m of ok) assert.deepEqual(parseWebviewMessage(m), m);
    assert.deepEqual(parseWebviewMessage({ type: 'recompute', extra: '<script>', __proto__: { polluted: 1 } }), { type: 'recompute' });
    assert.deepEqual(parseWebviewMessage({ type: 'setValue', name: 'x', row: 0, col: 0, value: 1, evil: true }),
      { type: 'setValue', name: 'x', row: 0, col: 0, value: 1 });
  });

  it('drops anything malformed', () => {
    const bad: unknown[] = [
      undefined, null, 0, 'ready', [], [{ type: 'ready' }], {}, { type: 42 }, { type: 'READY' }, { type: 'eval' },
      { type: 'setWrt' }, { type: 'setWrt', wrt: 'W' }, { type: 'setWrt', wrt: [1] }, { type: 'setWrt', wrt: [''] },
      { type: 'setWrt', wrt: ['W', 'W'] }, { type: 'setWrt', wrt: ['x'.repeat(129)] },
      { type: 'setWrt', wrt: Array.from({ length: 257 }, (_, i) => `v${i}`) },
      { type: 'export', format: 'matlab', action: 'copy' }, { type: 'export', format: 'numpy', action: 'run' },
      { type: 'export', format: 'numpy' }, { type: 'export', action: 'copy' },
      { type: 'setLoss' }, { type: 'setLoss', loss: 3 }, { type: 'setLoss', loss: 'x'.repeat(2001) },
      { type: 'setValue', name: 'W', row: 0, col: 0 },
      { type: 'setValue', name: 'W', row: 0, col: 0, value: '1' },
      { type: 'setValue', name: 'W', row: 0, col: 0, value: NaN },
      { type: 'setValue', name: 'W', row: 0, col: 0, value: Infinity },
      { type: 'setValue', name: 'W', row: -1, col: 0, value: 1 },
      { type: 'setValue', name: 'W', row: 0.5, col: 0, value: 1 },
      { type: 'setValue', name: 'W', row: 0, col: '0', value: 1 },
      { type: 'setValue', name: '', row: 0, col: 0, value: 1 },
      { type: 'setValue', name: ['W'], row: 0, col: 0, value: 1 },
      { type: 'copyLatex' }, { type: 'copyLatex', latex: { toString: () => 'x' } },
      { type: 'reveal' }, { type: 'reveal', index: -1 }, { type: 'reveal', index: 1.5 }, { type: 'reveal', index: '0' },
      { type: 'openPanel', index: 1e9 },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m) ?? String(m));
  });

  it('tells the panel’s messages from the sidebar’s', () => {
    assert.equal(parsePanelMessage({ type: 'reveal', index: 0 }), undefined);
    assert.equal(parseSidebarMessage({ type: 'setLoss', loss: 'sse' }), undefined);
    assert.deepEqual(parsePanelMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseSidebarMessage({ type: 'ready' }), { type: 'ready' });
    // the sidebar's export names the definition; a bad index, format or action is dropped
    assert.deepEqual(parseSidebarMessage({ type: 'export', index: 2, format: 'csv', action: 'insert', extra: 1 }),
      { type: 'export', index: 2, format: 'csv', action: 'insert' });
    for (const m of [{ type: 'export', format: 'csv', action: 'insert' }, { type: 'export', index: -1, format: 'csv', action: 'copy' },
      { type: 'export', index: 0, format: 'matlab', action: 'copy' }, { type: 'export', index: 0, format: 'csv', action: 'run' }]) {
      assert.equal(parseSidebarMessage(m), undefined, JSON.stringify(m));
    }
  });
});

describe('summarize', () => {
  it('keeps what the inspector shows and leaves the numbers behind', () => {
    const s = summarize(denseLayer(), 2);
    assert.ok(s.ok);
    assert.equal(s.index, 2);
    assert.deepEqual(s.variables.map((v) => [v.name, v.shape, v.role]), [
      ['W', [3, 4], 'parameter'], ['x', [4, 1], 'input'], ['b', [3, 1], 'parameter'],
    ]);
    assert.deepEqual(s.output, { name: 'y', shape: [3, 1], role: 'output' });
    assert.deepEqual(s.jacobian.shape, [3, 15]);
    assert.deepEqual(s.gradient.map((g) => [g.name, g.shape]), [['W', [3, 4]], ['b', [3, 1]]]);
    assert.ok(!JSON.stringify(s).includes('"vals"'));
  });

  it('carries an error with its source range', () => {
    assert.deepEqual(summarize(shapeError(), 0), {
      ok: false, index: 0, input: 'y = sigmoid(W*x + b)',
      error: { message: 'Shape mismatch in +: W*x is 3×1 but b is 4×1', start: 12, end: 19 },
    });
  });
});

describe('webviewHtml', () => {
  const webview = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', asWebviewUri: (p: string) => `https://file+.vscode-resource.vscode-cdn.net/ext/${p}` };

  it('allows scripts only with the nonce, and nothing by default', () => {
    assert.equal(
      contentSecurityPolicy(webview.cspSource, 'abc'),
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; " +
        "style-src https://file+.vscode-resource.vscode-cdn.net 'unsafe-inline'; " +
        "font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc'",
    );
  });

  it('renders one nonce’d script, the stylesheets and an escaped title', () => {
    const nonce = makeNonce();
    const html = webviewHtml(webview, nonce, 'dist/webview/panel.js', ['dist/webview/panel.css'], 'y = <b>&"</b>');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.ok(csp);
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d]));
    assert.equal(directives['script-src'], `script-src 'nonce-${nonce}'`);
    assert.equal(directives['default-src'], "default-src 'none'");
    assert.ok(!csp.includes('unsafe-eval'));
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), [
      `<script nonce="${nonce}" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js">`,
    ]);
    assert.ok(html.includes('<link rel="stylesheet" href="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.css">'));
    assert.ok(html.includes('<title>y = &lt;b&gt;&amp;&quot;&lt;/b&gt;</title>'));
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, makeNonce));
    assert.equal(nonces.size, 100);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
    assert.equal(escapeHtml(`<'&">`), '&lt;&#39;&amp;&quot;&gt;');
  });
});

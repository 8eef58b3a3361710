// Inside a real extension host (code-server's): the commands, the hover provider's results
// through `vscode.executeHoverProvider`, the panel's analysis and the diagnostics.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Analysis } from '../../src/core/analysis';
import type { KroneckerLensApi } from '../../src/extension/main';

const EXT_ID = 'kronecker-lens.kronecker-lens';
const COMMANDS = ['kroneckerLens.showJacobian', 'kroneckerLens.showGradient', 'kroneckerLens.openInspector'];
const LAYER = 'y = \\sigma(Wx + b)';

let api: KroneckerLensApi;

async function openExample(name: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the examples workspace is open');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  return vscode.window.showTextDocument(doc);
}

function positionOf(doc: vscode.TextDocument, text: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(text);
  assert.ok(i >= 0, `${text} is in ${doc.fileName}`);
  return doc.positionAt(i + delta);
}

async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  // The first request may race the document's first scan; the provider answers once it is done.
  for (let i = 0; i < 20; i++) {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .filter((t) => t.includes('Kronecker Lens'))
      .join('\n');
    if (text) return text;
    await new Promise((r) => setTimeout(r, 250));
  }
  return '';
}

/** Hover Markdown escapes punctuation; compare against the text a user reads. */
const unescape = (md: string): string => md.replace(/\\([\\`*_{}[\]()#+\-.!|<>~&$])/g, '$1');

async function until<T>(what: string, f: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('Kronecker Lens in the extension host', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<KroneckerLensApi>(EXT_ID);
    assert.ok(ext, `${EXT_ID} is installed`);
    api = await ext.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('registers its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of COMMANDS) assert.ok(all.includes(id), `${id} is registered`);
  });

  test('hover over the layer: the Jacobian shape, its Kronecker form, nnz and the panel link', async () => {
    const { document: doc } = await openExample('layer.md');
    const md = await hoverText(doc, positionOf(doc, LAYER, 1)); // on `=`, not on a variable
    const text = unescape(md);
    assert.match(text, /ℝ\^\{3×15\}/);
    assert.match(text, /⊗/);
    assert.match(text, /nnz 15 of 45/);
    assert.match(md, /\(command:kroneckerLens\.showJacobian\?/);
  });

  test('hover over a variable: its shape and its Jacobian block', async () => {
    const { document: doc } = await openExample('layer.md');
    const text = unescape(await hoverText(doc, positionOf(doc, LAYER, LAYER.indexOf('W'))));
    assert.match(text, /\*\*W\*\* ∈ ℝ\^\{3×4\}/);
    assert.match(text, /3 × 12/); // ∂y/∂vec W
  });

  test('hovers in LaTeX, Python and plain text: the Jacobian of the definition under the mouse', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['layer.tex', 'y = \\sigma(W x + b)', /ℝ\^\{3×15\}/],
      ['model.py', 'return torch.sigmoid(self.fc(x))', /ℝ\^\{3×15\}/],
      ['cookbook.txt', 'g = trace(A*X*B)', /ℝ\^\{1×48\}/],
      ['cookbook.txt', 'k = inv(X)', /−\(X⁻ᵀ ⊗ X⁻¹\)/],
    ];
    for (const [file, text, expected] of cases) {
      const { document: doc } = await openExample(file);
      const md = unescape(await hoverText(doc, positionOf(doc, text, text.indexOf('=') >= 0 ? text.indexOf('=') : 2)));
      assert.match(md, expected, `${file}: ${text}`);
    }
  });

  test('a notebook is read as one document: nn.Linear in an earlier cell applies to a later one', async () => {
    const code = (text: string): vscode.NotebookCellData => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, 'python');
    const nb = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData([
      code('import torch\nimport torch.nn as nn'),
      code('fc = nn.Linear(4, 3)'),
      code('x = torch.randn(4)\ny = torch.sigmoid(fc(x))'),
    ]));
    const cell = nb.cellAt(2).document;
    const md = unescape(await hoverText(cell, positionOf(cell, 'y = torch', 2)));
    assert.match(md, /ℝ\^\{3×15\}/, md);
  });

  test('hovers can be turned off', async () => {
    const { document: doc } = await openExample('layer.md');
    const cfg = vscode.workspace.getConfiguration('kroneckerLens');
    await cfg.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri,
        positionOf(doc, LAYER, 1));
      const ours = hovers.flatMap((h) => h.contents).filter((c) => (typeof c === 'string' ? c : c.value).includes('Kronecker'));
      assert.equal(ours.length, 0);
    } finally {
      await cfg.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Show Jacobian on the selected layer opens the panel with J ∈ ℝ^{3×15} and a passing check', async () => {
    const editor = await openExample('layer.md');
    const doc = editor.document;
    const start = positionOf(doc, LAYER);
    editor.selection = new vscode.Selection(start, start.translate(0, LAYER.length));
    const a = await vscode.commands.executeCommand<Analysis | undefined>('kroneckerLens.showJacobian');
    assert.ok(a?.ok, a && !a.ok ? a.error.message : 'an analysis');
    assert.deepEqual(a.jacobian.shape, [3, 15]);
    assert.deepEqual(a.wrt, ['W', 'b']);
    assert.ok(a.check?.passed, 'the finite-difference check passes');
    assert.equal(api.panelAnalysis(), a);
  });

  test('Show Gradient from a hover link (uri + offset) analyses that definition with a loss', async () => {
    const { document: doc } = await openExample('layer.md');
    const offset = doc.offsetAt(positionOf(doc, LAYER));
    const a = await vscode.commands.executeCommand<Analysis | undefined>('kroneckerLens.showGradient',
      { uri: doc.uri.toString(), offset });
    assert.ok(a?.ok);
    assert.ok(a.gradient?.W, 'a gradient with respect to W');
    assert.deepEqual(a.gradient.W.shape, [3, 4]);
  });

  test('Open Inspector shows the sidebar, which lists the definitions of the active document', async () => {
    const editor = await openExample('cookbook.txt');
    editor.selection = new vscode.Selection(positionOf(editor.document, 'h = logdet(X)'), positionOf(editor.document, 'h = logdet(X)'));
    await vscode.commands.executeCommand('kroneckerLens.openInspector');
    const m = await until('the inspector', () => {
      const last = api.inspectorMessage();
      return last?.document?.endsWith('cookbook.txt') && last.current?.ok ? last : undefined;
    }, 30_000);
    assert.deepEqual(m.definitions.map((d) => d.label), ["f = a'*X*b", 'g = trace(A*X*B)', 'h = logdet(X)', 'k = inv(X)', 'y = sigmoid(X*a + b)']);
    assert.ok(m.current?.ok);
    assert.deepEqual(m.current.jacobian.shape, [1, 16]);
  });

  test('a shape mismatch is an error diagnostic with the core\'s message', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: '- $W \\in \\mathbb{R}^{3\\times 4}$\n- $b \\in \\mathbb{R}^{3}$\n\n$$\nq = W b\n$$\n',
    });
    await vscode.window.showTextDocument(doc);
    const diags = await until('a diagnostic', () => {
      const d = api.diagnostics(doc.uri);
      return d.length ? d : undefined;
    });
    assert.equal(diags[0]?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diags[0]?.message ?? '', /3.?×.?4|3x4|\[3, ?4\]/);
    assert.equal(diags[0]?.source, 'Kronecker Lens');
    assert.equal(diags[0]?.range.start.line, 4);
  });
});

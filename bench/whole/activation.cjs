// The extension's activation time outside VS Code: dist/extension.js loaded with a stand-in for
// the `vscode` module (every property a callable that returns another stand-in), then
// activate() called. Measures our own start-up work (module load, registrations), not VS Code's.
// Prints one JSON line: {loadMs, activateMs}.
const Module = require('node:module');
const path = require('node:path');

function standIn() {
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, key) {
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.iterator) return function* () {};
      return standIn();
    },
    set: () => true, // status bar items and the like get properties assigned
    apply: () => standIn(),
    construct: () => standIn(),
  });
}

// the names the bundle reads from `vscode` (a bundle copies the module's own keys)
const NAMES = ['CancellationTokenSource', 'ColorThemeKind', 'Diagnostic', 'DiagnosticSeverity', 'Disposable', 'EventEmitter',
  'Hover', 'MarkdownString', 'Position', 'ProgressLocation', 'Range', 'Selection', 'StatusBarAlignment', 'TextEditorRevealType',
  'Uri', 'ViewColumn', 'WorkspaceEdit', 'commands', 'env', 'extensions', 'languages', 'window', 'workspace'];
const root = path.resolve(__dirname, '../..');
const vscode = Object.fromEntries(NAMES.map((n) => [n, standIn()]));
// paths of the bundle's own files (the analysis worker) must be real
vscode.Uri = new Proxy(standIn(), { get: (t, k) => (k === 'joinPath' ? (_base, ...parts) => ({ fsPath: path.join(root, ...parts), path: path.join(root, ...parts) }) : standIn()) });
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const bundle = path.join(root, 'dist/extension.js');
const t0 = performance.now();
const ext = require(bundle);
const t1 = performance.now();
const subscriptions = [];
ext.activate({ subscriptions, extensionUri: standIn(), extensionPath: root, globalState: standIn(), workspaceState: standIn(), asAbsolutePath: (p) => p });
const t2 = performance.now();
console.log(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1 }));
process.exit(0);

// Imports run one way, along the pipeline (README, "Architecture"): a module may import from its own
// layer and from earlier ones, never from a later one. `src/core/analysis.ts` is the contract every
// layer speaks (plain types), so anyone may import its types and it imports nothing but types.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** The pipeline, first to last; modules in one group may import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['core/ast', 'core/ops', 'core/keys', 'core/limits'], // the vocabulary: the nodes, the operations they name, input limits, key-safe tables
  ['core/notations'], // text → AST
  ['core/scan'], // documents → definition sites
  ['core/shape'], // AST → shapes
  ['core/calculus'], // rules → the symbolic operator algebra
  ['core/sparse'], // operators over typed arrays
  ['core/numeric'], // numbers: values, evaluation, checks
  ['core/present'], // text: AST → LaTeX / Unicode while the Analysis is built, and Analysis → text for every surface
  ['core/prepare'], // a program made ready: linked, shaped, valued
  ['core/report'], // the Analysis's parts
  ['core/analyze', 'core/analyzeFile'], // the public entry: text → Analysis
  ['core/export'], // an analysis and its trees → code (NumPy, PyTorch, JAX), LaTeX, Matrix Market, CSV
  ['core/index'],
  ['shared'], // the host ↔ webview protocol
  ['cli', 'cliArgs', 'cliJson', 'cliPreamble', 'cliReport', 'extension', 'webview'], // the surfaces
];

const CONTRACT = 'core/analysis';

const ROOTS = ['src', 'webview'];

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

/** `src/core/ops/x.ts` → `core/ops`; `src/cli.ts` → `cli`; `webview/render/a.ts` → `webview`. */
function moduleOf(file: string): string {
  const parts = normalize(file).split(/[\\/]/);
  if (parts[0] === 'webview') return 'webview';
  const rest = parts.slice(1);
  const strip = (s: string) => s.replace(/\.ts$/, '');
  if (rest[0] === 'core') return `core/${strip(rest[1] ?? '')}`;
  return strip(rest[0] ?? '');
}

const rank = (m: string): number => LAYERS.findIndex((g) => g.includes(m));

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function resolve(from: string, spec: string): string {
  const p = join(dirname(from), spec);
  try {
    if (statSync(p).isDirectory()) return join(p, 'index.ts');
  } catch { /* a file */ }
  return p.endsWith('.ts') ? p : `${p}.ts`;
}

interface Edge { from: string; to: string; file: string; typeOnly: boolean }

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const root of ROOTS) {
    for (const file of files(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const target = relative('.', resolve(file, m[3] as string));
        if (!ROOTS.some((r) => target.startsWith(`${r}/`))) continue;
        out.push({ from: moduleOf(file), to: moduleOf(target), file, typeOnly: m[2] !== undefined });
      }
    }
  }
  return out;
}

test('every module has a place in the layer order', () => {
  const unplaced = new Set(edges().flatMap((e) => [e.from, e.to]).filter((m) => m !== CONTRACT && rank(m) < 0));
  assert.deepEqual([...unplaced], [], 'add these to LAYERS (and to the README\'s architecture section)');
});

const against = (es: readonly Edge[]): string[] =>
  es.filter((e) => e.to !== CONTRACT && e.from !== CONTRACT && rank(e.to) > rank(e.from)).map((e) => `${e.file} imports ${e.to}`);

test('no import runs against the pipeline', () => {
  assert.deepEqual(against(edges()), []);
});

test('the Analysis contract imports types only, and only from the core', () => {
  const bad = edges().filter((e) => e.from === CONTRACT && (!e.typeOnly || !e.to.startsWith('core/')));
  assert.deepEqual(bad.map((e) => `${e.file} imports ${e.to}`), []);
});

test('the core imports no surface, Node module or DOM-only package', () => {
  for (const file of files('src/core')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+['"]([^'".][^'"]*)['"]/g)) {
      assert.ok(['mathjs'].includes(m[1] as string), `${file} imports the package ${m[1]} (the core's only dependency is mathjs)`);
    }
  }
});

test('the check sees the imports there are, and would catch one against the pipeline', () => {
  const seen = edges();
  assert.ok(seen.some((e) => e.from === 'core/notations' && e.to === 'core/ast'), 'a front-end imports the AST');
  assert.ok(seen.some((e) => e.from === 'core/calculus' && e.to === 'core/ops'), 'the rules read the catalogue');
  const backwards: Edge = { from: 'core/notations', to: 'core/calculus', file: 'src/core/notations/x.ts', typeOnly: false };
  assert.deepEqual(against([backwards]), ['src/core/notations/x.ts imports core/calculus']);
  assert.deepEqual(against([{ ...backwards, from: 'core/numeric' }]), [], 'numbers may use the rules');
});

// The extension host's own work on a large document, outside VS Code: the diagnostics pass
// (scan, then one analysis job per definition in the real worker, dist/worker.js) over a 1 MB
// Markdown document with 500 definitions, twice (the second fully cached). Measures the longest
// the host's event loop was blocked (perf_hooks' delay histogram, 1 ms resolution) and the
// process's peak RSS (the worker thread included, as in VS Code's extension host); then how long
// a hover asked for during the pass waits, in its own worker lane and queued behind the pass.
// Bundled by esbuild with `vscode` aliased to ./vscode.ts (bench/whole/peers.ts); prints one JSON line.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Analyzer } from '../../../src/extension/worker/analyzer';
import { Documents } from '../../../src/extension/editor/documents';
import { Diagnostics } from '../../../src/extension/editor/diagnostics';
import type { Ctx } from '../../../src/extension/ctx';
import { published, textDocument } from './vscode';

const [worker] = process.argv.slice(2);
const DEFINITIONS = 500;
const FORMS = [
  (k: number) => `h_{${k}} = \\sigma(W_{${k}} x + b_{${k}})`,
  (k: number) => `p_{${k}} = \\operatorname{softmax}(A_{${k}} h + c_{${k}})`,
  (k: number) => `L_{${k}} = \\tfrac{1}{2}\\lVert V_{${k}} z - t \\rVert^2`,
  (k: number) => `u_{${k}} = \\tanh(U_{${k}} x) \\odot g`,
];
/** Every tenth block declares sizes that do not fit: a shape error, a squiggle. */
const MISFIT = (k: number) => `Let $x_{${k}} \\in \\mathbb{R}^{5}$ and $W_{${k}} \\in \\mathbb{R}^{3 \\times 4}$.\n\n$$\ne_{${k}} = W_{${k}} x_{${k}}\n$$\n\n`;

/** About 1 MB: each definition in its own display block after a paragraph of prose. */
function documentText(): string {
  const prose = 'The layer below maps the previous activations through an affine map and a nonlinearity; '.repeat(22);
  return Array.from({ length: DEFINITIONS }, (_, k) =>
    `## Layer ${k}\n\n${prose}\n\n${k % 10 === 9 ? MISFIT(k) : `$$\n${FORMS[k % FORMS.length]!(k)}\n$$\n\n`}`).join('');
}

async function pass(diagnostics: Diagnostics, doc: never): Promise<{ blockMs: number; ms: number; squiggles: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  const out = await diagnostics.check(doc);
  const ms = performance.now() - t0;
  h.disable();
  return { blockMs: h.max / 1e6, ms, squiggles: out.length };
}

/** A hover's analysis asked for in the middle of the cold pass, in `lane`: the interactive lane
 *  has its own worker; in the background lane it queues behind the pass, as with one worker. */
async function hoverDuring(diagnostics: Diagnostics, documents: Documents, doc: never, lane: 'interactive' | 'background'): Promise<number> {
  const sites = await documents.definitions(doc, 'background');
  await documents.analyzeSite(doc, sites[0]!, { numeric: false }, lane); // the lane's worker started, as after a first hover
  const site = sites[DEFINITIONS / 2]!; // a job of its own: its options differ from the pass's
  const pass = diagnostics.check(doc);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const t0 = performance.now();
  await documents.analyzeSite(doc, site, { numeric: false }, lane);
  const ms = performance.now() - t0;
  await pass;
  return ms;
}

async function main(): Promise<void> {
  const text = documentText();
  const doc = textDocument('big.md', 'markdown', text) as never;
  const analyzer = new Analyzer({ script: worker! });
  const log = { error: () => undefined, warn: () => undefined };
  const documents = new Documents(analyzer);
  const diagnostics = new Diagnostics({ documents, log } as unknown as Ctx);
  const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
  const cold = await pass(diagnostics, doc);
  const cached = await pass(diagnostics, doc);
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  const sites = (await documents.definitions(doc)).length;
  diagnostics.dispose();
  analyzer.dispose();
  // the hover measured on fresh workers and caches, once in each lane
  const hover: Record<string, number> = {};
  for (const lane of ['interactive', 'background'] as const) {
    const a = new Analyzer({ script: worker! });
    const d = new Documents(a);
    const diag = new Diagnostics({ documents: d, log } as unknown as Ctx);
    hover[lane] = await hoverDuring(diag, d, doc, lane);
    diag.dispose();
    a.dispose();
  }
  console.log(JSON.stringify({ chars: text.length, sites, published: published.size, cold, cached, rssBeforeMB, peakRssMB, hover }));
  process.exit(0);
}

void main();

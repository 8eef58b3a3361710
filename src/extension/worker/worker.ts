// The analysis worker: a `worker_threads` entry (bundled as `dist/worker.js`) that runs the
// scanner and the core for the extension host, one job at a time.

import { parentPort } from 'node:worker_threads';
import { analyze, analyzeProgram } from '../../core/index';
import { exportExpression, exportProgram } from '../../core/export';
import { DocumentIndex, type DefinitionSite } from '../../core/scan';
import { texToSvg } from './math/svg';
import type { SiteJSON, WorkerJob, WorkerReady, WorkerRequest, WorkerResponse } from './protocol';

type Ok = Extract<WorkerResponse, { ok: true }>;
type Body<T> = T extends unknown ? Omit<T, 'id' | 'ok'> : never;

/** One incremental index per open document (with the preamble it was read with), the most recently scanned kept. */
const MAX_INDEXES = 16;
const indexes = new Map<string, { index: DocumentIndex; preamble?: string }>();

function scan(job: Extract<WorkerJob, { op: 'scan' }>): { sites: readonly DefinitionSite[]; note?: string } {
  const held = indexes.get(job.document);
  indexes.delete(job.document);
  let index = held?.index;
  let sites: readonly DefinitionSite[];
  if (index && index.language === job.language && held?.preamble === job.preamble) {
    sites = index.setText(job.text);
  } else {
    // a new notation file changes every block's macros: read the document afresh, once
    index = new DocumentIndex(job.text, job.language, job.preamble === undefined ? {} : { preamble: job.preamble });
    sites = index.sites;
  }
  indexes.set(job.document, job.preamble === undefined ? { index } : { index, preamble: job.preamble });
  if (indexes.size > MAX_INDEXES) indexes.delete(indexes.keys().next().value as string);
  // A document's first MAX_DEFINITIONS sites are read (the index stops there); the host's cost stays bounded past that.
  const note = index.skipped?.note;
  return note ? { sites, note } : { sites };
}

function run(job: WorkerJob): Body<Ok> {
  switch (job.op) {
    case 'scan':
    {
      const { sites, note } = scan(job);
      return { op: 'scan', sites: sites.map(plainSite), ...(note ? { note } : {}) };
    }
    case 'analyze':
      return { op: 'analyze', analysis: analyze(job.input, job.options) };
    case 'analyzeProgram':
      return { op: 'analyzeProgram', analysis: analyzeProgram(job.program, job.source, job.notation, job.options) };
    case 'export': {
      const o = job.of;
      const exported = o.op === 'analyzeProgram'
        ? exportProgram(o.program, o.source, o.notation, job.format, o.options)
        : exportExpression(o.input, job.format, o.options);
      return { op: 'export', exported };
    }
    case 'svg':
      return { op: 'svg', svgs: job.latex.map((l) => svgOrNull(l, job.color)) };
    default:
      return exhaustive(job);
  }
}

function exhaustive(job: never): never {
  throw new Error(`unknown worker job ${JSON.stringify(job)}`);
}

function svgOrNull(latex: string, color: string): string | null {
  try {
    return texToSvg(latex, color);
  } catch {
    return null;
  }
}

/** Structured clone drops an Error subclass's own fields: send the error as plain data. */
function plainSite(s: DefinitionSite): SiteJSON {
  const { range, line, notation, label, program, error } = s;
  const out: SiteJSON = { range: { start: range.start, end: range.end }, line, notation, label };
  if (program) out.program = program;
  if (error) out.error = { message: error.message, start: error.start, end: error.end };
  return out;
}

const ready: WorkerReady = { ready: true };
parentPort?.postMessage(ready);

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    res = { id: req.id, ok: true, ...run(req) } as WorkerResponse;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    res = { id: req.id, ok: false, message: err.message, stack: err.stack };
  }
  parentPort?.postMessage(res);
});

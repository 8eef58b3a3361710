// One measurement in a fresh process, so that its peak memory is its own:
//   node --import tsx bench/whole/child.ts loss N     the whole numeric answer for ½‖σ(Wx + b) − t‖², W N×N
//   node --import tsx bench/whole/child.ts mlp FILE   the whole numeric answer for the MLP in a Python file
// Prints one JSON line: {ms, cpuMs, rssBeforeMB, peakRssMB, check}; a user error (over the size
// budget) is printed as {error: message}.
import { readFileSync } from 'node:fs';
import { analyze, analyzeFile, type Analysis } from '../../src/core/index';

const [task, arg] = process.argv.slice(2);
const MB = 2 ** 20;

function run(): () => Analysis {
  if (task === 'loss') {
    const n = Number(arg);
    const shapes = { W: [n, n], x: [n, 1], b: [n, 1], t: [n, 1] };
    return () => analyze('sum((sigmoid(W*x + b) - t).^2)/2', { wrt: ['W', 'b'], numeric: true, shapes });
  }
  if (task === 'mlp') {
    const text = readFileSync(String(arg), 'utf8');
    return () => analyzeFile(text, String(arg), undefined, { numeric: true });
  }
  throw new Error(`child: unknown task ${task}`);
}

const f = run();
analyze('sum((sigmoid(W*x + b) - t).^2)/2', { numeric: true, shapes: { W: [4, 4] } }); // loads the parsers
const rssBeforeMB = process.memoryUsage().rss / MB;
const c0 = process.cpuUsage();
const t0 = performance.now();
const a = f();
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
if (!a.ok) {
  console.log(JSON.stringify({ error: a.error.message }));
  process.exit(0);
}
const peakRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rssBeforeMB, peakRssMB, check: a.check?.passed ?? null }));

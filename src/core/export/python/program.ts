// A runnable script: the forward pass, the scalar L, its gradient in VJP (matrix) form, the
// analysis's numbers as data, and a finite-difference check of the gradient that exits non-zero
// when it fails (PyTorch also checks against torch.autograd).

import type { Expr } from '../../ast';
import { floatLiteral, code, type CodeCtx } from './print';
import { DIALECTS, type Target } from './dialects';

export interface ScriptSpec {
  readonly header: readonly string[];
  /** Forward steps in order, the output last (always named). */
  readonly steps: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>;
  /** The scalar L whose gradient is computed. */
  readonly loss: Expr;
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>;
  readonly gradient: ReadonlyArray<{ readonly wrt: string; readonly expr: Expr }>;
  /** Every input of L (variables, then the loss's own: g or t), with its numbers row-major. */
  readonly inputs: ReadonlyArray<{ readonly name: string; readonly shape: readonly [number, number]; readonly data: ArrayLike<number> }>;
  readonly ctx: Omit<CodeCtx, 'd'>;
}

const indent = (lines: readonly string[]): string => lines.map((l) => `    ${l}`).join('\n');

function rowsLiteral(shape: readonly [number, number], data: ArrayLike<number>): string {
  const [r, c] = shape;
  const row = (i: number) => `[${Array.from({ length: c }, (_, j) => floatLiteral(data[i * c + j] as number)).join(', ')}]`;
  return `[${Array.from({ length: r }, (_, i) => row(i)).join(', ')}]`;
}

/** The check and the main block: numbers through NumPy whatever the library, so one text serves all. */
const CHECK = `def check_gradient(values, h=1e-6, tol=1e-6):
    """Central differences of L along every entry (few) or 24 random directions (many)."""
    base = {k: np.asarray(v, dtype=np.float64) for k, v in values.items()}
    g = {k: np.asarray(v, dtype=np.float64).reshape(SHAPES[k]) for k, v in gradient(**values).items()}
    total = sum(base[k].size for k in WRT)
    rng = np.random.default_rng(0)
    directions = []
    if total <= 64:
        for k in WRT:
            for i in range(base[k].size):
                d = {w: np.zeros_like(base[w]) for w in WRT}
                d[k].reshape(-1)[i] = 1.0
                directions.append(d)
    else:
        directions = [{w: rng.standard_normal(base[w].shape) for w in WRT} for _ in range(24)]
    worst = 0.0
    for d in directions:
        def at(s):
            moved = dict(base)
            for w in WRT:
                moved[w] = base[w] + s * d[w]
            return float(loss(**{k: array(v.tolist()) for k, v in moved.items()}))
        fd = (at(h) - at(-h)) / (2.0 * h)
        exact = sum(float(np.sum(g[w] * d[w])) for w in WRT)
        worst = max(worst, abs(fd - exact) / max(1.0, abs(fd), abs(exact)))
    return worst, worst <= tol`;

const NESTED = `def nested(a, shape):
    """As Kronecker Lens writes values: a number, a column flat, a matrix as rows."""
    a = np.asarray(a, dtype=np.float64).reshape(shape)
    if shape == (1, 1):
        return float(a[0, 0])
    if shape[1] == 1:
        return a[:, 0].tolist()
    return a.tolist()`;

const AUTOGRAD = `def check_autograd(values, tol=1e-9):
    """The formula's gradient against torch.autograd's."""
    leaves = {k: v.clone().requires_grad_(k in WRT) for k, v in values.items()}
    loss(**leaves).backward()
    g = gradient(**values)
    worst = 0.0
    for w in WRT:
        want = leaves[w].grad.reshape(SHAPES[w])
        got = torch.as_tensor(g[w], dtype=torch.float64).reshape(SHAPES[w])
        worst = max(worst, float(torch.max(torch.abs(got - want))) / max(1.0, float(torch.max(torch.abs(want)))))
    return worst, worst <= tol`;

function main(target: Target): string {
  const autograd = target === 'pytorch';
  return [
    'if __name__ == "__main__":',
    '    values = data()',
    '    err, ok = check_gradient(values)',
    ...(autograd ? ['    aerr, aok = check_autograd(values)'] : ['    aerr, aok = None, True']),
    '    g = gradient(**values)',
    '    print(json.dumps({"finiteDifferences": {"maxRelError": err, "passed": ok}, "autograd": {"maxRelError": aerr, "passed": aok},',
    '                      "loss": float(loss(**values)), "gradient": {w: nested(g[w], SHAPES[w]) for w in WRT}}))',
    '    raise SystemExit(0 if ok and aok else 1)',
  ].join('\n');
}

/** The helpers the code calls, and those they call in turn, in their written order. */
function used(helpers: readonly string[], code: string): string[] {
  const name = (h: string) => /def (\w+)/.exec(h)?.[1] ?? '';
  const calls = (text: string, n: string) => new RegExp(`\\b${n}\\(`).test(text);
  const keep = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    const text = [code, ...helpers.filter((h) => keep.has(name(h)))].join('\n');
    for (const h of helpers) if (!keep.has(name(h)) && calls(text, name(h))) (keep.add(name(h)), (grew = true));
  }
  return helpers.filter((h) => keep.has(name(h)));
}

export function pythonScript(spec: ScriptSpec, target: Target): string {
  const d = DIALECTS[target];
  const c: CodeCtx = { ...spec.ctx, d };
  const py = (e: Expr) => code(e, c).text;
  const params = spec.inputs.map((i) => c.name(i.name)).join(', ');
  const forward = spec.steps.map((s) => `${c.name(s.name)} = ${py(s.expr)}`);
  const out = spec.steps[spec.steps.length - 1];
  const key = (n: string) => JSON.stringify(c.name(n));
  const grads = spec.gradient.map((g) => `${key(g.wrt)}: ${py(g.expr)},`);
  const body = [
    `def forward(${params}):\n${indent([...forward, `return ${c.name(out?.name ?? 'y')}`])}`,
    `def loss(${params}):\n${indent([...forward, `return ${py(spec.loss)}`])}`,
    `def gradient(${params}):\n    # vector-Jacobian products in matrix form: no Jacobian, no Kronecker product is formed\n${indent([
      ...forward,
      ...spec.definitions.map((x) => `${c.name(x.name)} = ${py(x.expr)}`),
      'return {', ...grads.map((g) => `    ${g}`), '}',
    ])}`,
    `WRT = [${spec.gradient.map((g) => key(g.wrt)).join(', ')}]\nSHAPES = {${spec.inputs.map((i) => `${key(i.name)}: (${i.shape[0]}, ${i.shape[1]})`).join(', ')}}`,
    `def data():\n    return {\n${spec.inputs.map((i) => `        ${key(i.name)}: array(${rowsLiteral(i.shape, i.data)}),`).join('\n')}\n    }`,
    NESTED,
    CHECK,
    ...(target === 'pytorch' ? [AUTOGRAD] : []),
    main(target),
  ];
  const sections = [spec.header.map((h) => `# ${h}`).join('\n'), d.imports.join('\n'), ...used(d.helpers, body.join('\n')), ...body];
  return `${sections.join('\n\n\n')}\n`;
}

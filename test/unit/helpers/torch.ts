// torch.autograd as an oracle: for each case, the Jacobian of a PyTorch expression over named
// tensors, in the core's layout (d vec F / d [vec X₁; …], vec column-major), and its VJP with g.
// Runs Debian's /usr/bin/python3 (python3-torch) once for all the cases of a file, in float64.

import { execFileSync } from 'node:child_process';
import * as D from './dense';
import type { Dense, Vars } from './oracle';

export interface TorchCase {
  /** A PyTorch expression over the variables (`torch`, `F` in scope). */
  readonly torch: string;
  readonly vars: Vars;
  readonly wrt: readonly string[];
  /** Variables that are 1-D tensors in PyTorch (their M is a row or a column here). */
  readonly oneD?: readonly string[];
  /** The upstream gradient, shaped as the output. */
  readonly g: D.M;
}

const PY = String.raw`
import json, sys, torch
import torch.nn.functional as F
torch.set_default_dtype(torch.float64)
out = []
def vec_order(t):
    i = torch.arange(t.numel()).reshape(t.shape)
    return (i.reshape(1, -1) if t.dim() == 1 else i).T.reshape(-1)
for c in json.load(sys.stdin):
    names = c['wrt']
    env = {n: torch.tensor(v).reshape(-1) if n in c['oneD'] else torch.tensor(v) for n, v in c['vars'].items()}
    def f(*args):
        return eval(c['torch'], {'torch': torch, 'F': F}, dict(env, **dict(zip(names, args))))
    inputs = tuple(env[n] for n in names)
    jac = torch.autograd.functional.jacobian(f, inputs)
    y = f(*inputs)
    rows = vec_order(y)
    J = torch.cat([J.reshape(y.numel(), env[n].numel())[rows][:, vec_order(env[n])] for n, J in zip(names, jac)], dim=1)
    g = torch.tensor(c['g']).reshape(-1)[rows]
    out.append({'J': J.tolist(), 'vjp': (J.T @ g).tolist(), 'y': y.reshape(-1).tolist()})
print(json.dumps(out))
`;

/** Per case: J, Jᵀg, and the output's entries row by row (C order). */
export function torchJacobians(cases: readonly TorchCase[]): Array<{ J: Dense; vjp: number[]; y: number[] }> {
  const payload = cases.map((c) => ({
    torch: c.torch, wrt: c.wrt, oneD: c.oneD ?? [], g: D.toRows(c.g),
    vars: Object.fromEntries(Object.entries(c.vars).map(([n, m]) => [n, D.toRows(m)])),
  }));
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', PY], { input: JSON.stringify(payload), encoding: 'utf8', maxBuffer: 1 << 26 }));
}

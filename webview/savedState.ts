// What the panel keeps in webview state (`setState`, serialised on every save): what to show,
// never the numbers. An analysis is saved without its values; on reload the panel shows the
// symbolic answer at once and the host, which keeps the numbers, sends them again on `ready`.
import type { Analysis } from '../src/core/analysis';

export function withoutNumbers(a: Analysis): Analysis {
  if (!a.ok) return a;
  const { numbers: _numbers, ...rest } = a;
  const { values: _values, ...jacobian } = a.jacobian;
  const gradient = a.gradient && Object.fromEntries(Object.entries(a.gradient).map(([w, { values: _v, ...g }]) => [w, g]));
  return { ...rest, jacobian, ...(gradient ? { gradient } : {}) };
}

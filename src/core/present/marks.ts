// How every surface says whether something shown agreed with the numbers: the symbol, the word
// and the accessible label, so the CLI, hover, sidebar and panel cannot disagree.

export interface Verdict {
  readonly passed: boolean;
  /** ✔ or ✘. */
  readonly symbol: string;
  /** "passed" or "failed". */
  readonly word: string;
  /** What the mark means, for a tooltip or a screen reader. */
  readonly label: string;
}

const PASSED = { passed: true, symbol: '✔', word: 'passed' } as const;
const FAILED = { passed: false, symbol: '✘', word: 'failed' } as const;

/** The whole finite-difference check. */
export function checkVerdict(check: { readonly passed: boolean }): Verdict {
  return check.passed ? { ...PASSED, label: 'check passed' } : { ...FAILED, label: 'check failed' };
}

/** A printed formula evaluated against the numbers; none before any numbers were computed. */
export function formulaVerdict(check: { readonly passed: boolean } | undefined): Verdict | undefined {
  if (!check) return undefined;
  return check.passed
    ? { ...PASSED, label: 'checked against the numbers' }
    : { ...FAILED, label: 'disagrees with the numbers' };
}

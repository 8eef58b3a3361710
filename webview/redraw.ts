// Things a re-render or a theme change must not lose: the focused control (and the caret in
// it), and canvas drawings that read theme colours and the available width.

export interface FocusMemo {
  key?: string;
  selection?: [number, number];
}

export function saveFocus(root: HTMLElement): FocusMemo {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || !root.contains(el)) return {};
  const key = el.closest('[data-focus-key]')?.getAttribute('data-focus-key') ?? undefined;
  const selection: [number, number] | undefined =
    el instanceof HTMLInputElement && el.selectionStart !== null && el.selectionEnd !== null
      ? [el.selectionStart, el.selectionEnd]
      : undefined;
  return { key, selection };
}

export function restoreFocus(root: HTMLElement, memo: FocusMemo): void {
  if (!memo.key) return;
  const el = root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(memo.key)}"]`);
  if (!el) return;
  el.focus({ preventScroll: true });
  if (el instanceof HTMLInputElement && memo.selection) el.setSelectionRange(...memo.selection);
}

/** Repeats the current drawings when the theme (body class, --vscode-* variables) or the width changes. */
export function observeRedraws(current: () => ReadonlyArray<() => void>): void {
  let frame = 0;
  const redraw = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => current().forEach((d) => d()));
  };
  const mo = new MutationObserver(redraw);
  mo.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth !== lastWidth) {
      lastWidth = window.innerWidth;
      redraw();
    }
  });
}

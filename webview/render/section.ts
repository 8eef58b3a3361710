// A collapsible section: native <details>/<summary> (announced as expanded/collapsed by screen
// readers, toggled with Enter/Space), styled as a VS Code section header.

import { h, type Child } from '../dom';

export interface SectionMemory {
  isOpen(id: string, byDefault: boolean): boolean;
  setOpen(id: string, open: boolean): void;
}

export interface SectionSpec {
  id: string;
  heading: string;
  /** Plain text after the heading (shape, counts). */
  description?: string;
  /** Always visible at the right of the header (a badge). */
  decoration?: Child;
  defaultOpen?: boolean;
  body: Child[];
}

export function section(memory: SectionMemory, spec: SectionSpec): HTMLDetailsElement {
  const open = memory.isOpen(spec.id, spec.defaultOpen ?? true);
  const details = h(
    'details',
    { class: 'kl-section', id: `section-${spec.id}`, 'data-section': spec.id, open },
    h(
      'summary',
      { class: 'kl-section-header', 'data-focus-key': `section:${spec.id}` },
      h('span', { class: 'kl-section-title' }, spec.heading),
      spec.description ? h('span', { class: 'kl-section-desc' }, spec.description) : null,
      spec.decoration ? h('span', { class: 'kl-section-deco' }, spec.decoration) : null,
    ),
    h('div', { class: 'kl-section-body' }, ...spec.body),
  );
  details.addEventListener('toggle', () => memory.setOpen(spec.id, details.open));
  return details;
}

/** A labelled sub-block inside a section. */
export function block(label: string, ...children: Child[]): HTMLElement {
  return h('div', { class: 'kl-block' }, h('h4', { class: 'kl-block-label' }, label), ...children);
}

// A small DOM builder. Text is always a text node and attributes are set one by one, so user
// text never passes through an HTML parser (no innerHTML anywhere in the webviews).

export type Child = Node | string | number | null | undefined | false;

/** `onclick: fn` listens; `'.checked': true` sets a property; `true` is a bare attribute. */
export type Attrs = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) setAttr(el, key, value);
  append(el, children);
  return el;
}

function setAttr(el: HTMLElement, key: string, value: unknown): void {
  if (value === undefined || value === null || value === false) return;
  if (key.startsWith('on') && typeof value === 'function') {
    el.addEventListener(key.slice(2), value as EventListener);
  } else if (key.startsWith('.')) {
    (el as unknown as Record<string, unknown>)[key.slice(1)] = value;
  } else if (key.startsWith('on')) {
    throw new Error(`inline handler attribute ${key}`);
  } else {
    el.setAttribute(key, value === true ? '' : String(value));
  }
}

export function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

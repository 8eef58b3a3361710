// The one handle on the host: `acquireVsCodeApi()` may be called once per page.

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel<Out, State> {
  post(message: Out): void;
  getState(): Partial<State> | undefined;
  setState(state: State): void;
}

let api: VsCodeApi | undefined;

export function hostChannel<Out, State>(): HostChannel<Out, State> {
  api ??= acquireVsCodeApi();
  const a = api;
  return {
    post: (m) => a.postMessage(m),
    getState: () => {
      const s = a.getState();
      return typeof s === 'object' && s !== null ? (s as Partial<State>) : undefined;
    },
    setState: (s) => a.setState(toPlain(s)),
  };
}

/** Typed arrays become plain arrays, so the state survives JSON on the host side. */
export function toPlain<T>(x: T): T {
  return JSON.parse(
    JSON.stringify(x, (_k, v: unknown) =>
      ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v,
    ),
  ) as T;
}

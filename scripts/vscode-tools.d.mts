// Types of scripts/vscode-tools.mjs for the TypeScript tests that import it.
export const ROOT: string;
export const TOOLS: string;
export const CHROMIUM: string;
export const VERSIONS: { codeServer: string; playwright: string; vsce: string };
export const PROVISION_COMMAND: string;
export function missing(): string[];
export function provision(): void;
export function ensureVsce(): void;
export function packageVsix(out?: string): string;
export function listVsix(): string;
export interface CodeServer {
  url: string;
  dir: string;
  log: string;
  pgid: number;
  stop(): Promise<void>;
  exited: Promise<number | string | null>;
}
export function startCodeServer(opts: {
  port: number;
  folder: string;
  vsix?: string;
  dir?: string;
  settings?: Record<string, unknown>;
  quiet?: boolean;
}): Promise<CodeServer>;
export function extensionHostLogs(runDir: string): string[];

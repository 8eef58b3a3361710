/** Why `npm ci` is needed in `root`, or undefined when node_modules matches package-lock.json. */
export function staleReason(root?: string): string | undefined;
/** Runs `npm ci` in `root` when `staleReason` says so; exits the process when it fails. */
export function setup(root?: string): void;

// The export formats, apart from the exporters, so the webview protocol can name them without
// bundling the core.

export const EXPORT_FORMATS = ['numpy', 'pytorch', 'jax', 'latex', 'mtx', 'csv'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (f: unknown): f is ExportFormat => typeof f === 'string' && (EXPORT_FORMATS as readonly string[]).includes(f);

/** How the panel names each format. */
export const EXPORT_LABELS: { readonly [F in ExportFormat]: string } = {
  numpy: 'NumPy', pytorch: 'PyTorch', jax: 'JAX', latex: 'LaTeX derivation', mtx: 'Matrix Market (J)', csv: 'CSV (J)',
};

// An export as it is inserted into a document, by the document's language (no `vscode` import):
// a fenced block in Markdown, a comment in Python for anything that is not Python, a verbatim
// environment in LaTeX for anything that is not LaTeX, else the text as it is.

import type { Exported } from '../../core/export';

type Wrap = (e: Exported) => string;

const fence: Wrap = (e) => `\n\`\`\`${e.language === 'plaintext' ? 'text' : e.language}\n${e.text.trimEnd()}\n\`\`\`\n`;
const comment = (mark: string): Wrap => (e) => `\n${e.text.trimEnd().split('\n').map((l) => `${mark} ${l}`.trimEnd()).join('\n')}\n`;

/** By the document's language id. */
const WRAPS: Readonly<Record<string, Wrap>> = {
  markdown: fence,
  python: (e) => (e.language === 'python' ? `\n${e.text}` : comment('#')(e)),
  latex: (e) => (e.language === 'latex' ? `\n${e.text}` : `\n\\begin{verbatim}\n${e.text.trimEnd()}\n\\end{verbatim}\n`),
};

/** The text inserted into a document of `languageId`. */
export const insertionText = (languageId: string, e: Exported): string => (WRAPS[languageId] ?? ((x: Exported) => `\n${x.text}`))(e);


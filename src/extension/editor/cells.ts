// A notebook read as one document: its cells of one language joined into one text, so that a
// declaration or an `nn.Linear` in an earlier cell applies to a definition in a later one; and
// the sites of that text moved to the coordinates of the cell they are in. No `vscode` import.

import type { SiteJSON } from '../worker/protocol';

/** Between two cells: a blank line, so each cell stays whole statements (or paragraphs). */
const SEPARATOR = '\n\n';

export interface JoinedCells {
  text: string;
  /** Offset and line of each cell's first character in `text`. */
  starts: number[];
  lines: number[];
  lengths: number[];
}

export function joinCells(texts: readonly string[]): JoinedCells {
  const starts: number[] = [];
  const lines: number[] = [];
  let offset = 0;
  let line = 0;
  for (const t of texts) {
    starts.push(offset);
    lines.push(line);
    offset += t.length + SEPARATOR.length;
    line += t.split('\n').length - 1 + SEPARATOR.split('\n').length - 1;
  }
  return { text: texts.join(SEPARATOR), starts, lines, lengths: texts.map((t) => t.length) };
}

/** The sites of the joined text that lie in cell `i`, in that cell's offsets and lines. */
export function sitesOfCell(sites: readonly SiteJSON[], joined: JoinedCells, i: number): SiteJSON[] {
  const start = joined.starts[i]!;
  const end = start + joined.lengths[i]!;
  return sites
    .filter((s) => s.range.start >= start && s.range.end <= end)
    .map((s) => ({ ...s, range: { start: s.range.start - start, end: s.range.end - start }, line: s.line - joined.lines[i]! }));
}

/** A site of cell `i` back in the joined text's offsets (where its program's ranges point). */
export function siteInJoined(site: SiteJSON, joined: JoinedCells, i: number): SiteJSON {
  const start = joined.starts[i]!;
  return { ...site, range: { start: site.range.start + start, end: site.range.end + start }, line: site.line + joined.lines[i]! };
}

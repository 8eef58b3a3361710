// Writes the catalogue's table of operations into README.md between its markers:
// node --import tsx scripts/ops-docs.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { operationsTable } from '../src/core/ops/docs';

const BEGIN = '<!-- operations: generated from src/core/ops by scripts/ops-docs.ts -->';
const END = '<!-- /operations -->';
const readme = readFileSync('README.md', 'utf8');
const [head, rest] = readme.split(BEGIN);
const tail = rest?.split(END)[1];
if (head === undefined || tail === undefined) throw new Error(`README.md needs the markers ${BEGIN} … ${END}`);
writeFileSync('README.md', `${head}${BEGIN}\n${operationsTable()}\n${END}${tail}`);

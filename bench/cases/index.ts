// Every benchmark case, in the order they run. Add a case: one file in this folder (or beside
// it), one line here.
import type { BenchCase } from '../harness';
import { scannerCase } from '../scanner.bench';
import { layerCase } from './layer';

export const cases: BenchCase[] = [layerCase, scannerCase];

// Every benchmark case, in the order they run. Add a case: one file in this folder, one line here.
import type { BenchCase } from '../harness';
import { layerCase } from './layer';

export const cases: BenchCase[] = [layerCase];

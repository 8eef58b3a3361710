// Turns: the host's jobs of a diagnostics pass are spread over iterations of the event loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Turns } from '../../../src/extension/editor/turns';

test('turns taken at once resolve one per iteration of the event loop, in order', async () => {
  // A self-renewing immediate counts iterations: it runs once in each.
  let iteration = 0;
  let counting = true;
  const count = (): void => {
    iteration++;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  const turns = new Turns();
  const seen = await Promise.all(Array.from({ length: 50 }, () => turns.next().then(() => iteration)));
  counting = false;
  assert.equal(new Set(seen).size, 50, `iterations seen: ${seen.join(' ')}`);
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
});

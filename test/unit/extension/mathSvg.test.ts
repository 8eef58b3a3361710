// MathJax in the worker: a hover's formula as a standalone SVG in the theme's ink.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { texToSvg } from '../../../src/extension/worker/math/svg';

test('a formula becomes a standalone SVG drawn in the given colour, sized in pixels', () => {
  const svg = texToSvg('J = \\begin{bmatrix} x^\\top \\otimes I_3 & I_3 \\end{bmatrix} \\in \\mathbb{R}^{3 \\times 15}', '#cccccc');
  assert.ok(svg.startsWith('<svg'), svg.slice(0, 40));
  assert.ok(svg.includes('xmlns="http://www.w3.org/2000/svg"'), 'an image needs the SVG namespace');
  assert.ok(!svg.includes('currentColor'), 'an image has no inherited colour');
  assert.ok(svg.includes('fill="#cccccc"') && svg.includes('stroke="#cccccc"'));
  assert.match(svg, /^<svg[^>]* width="[\d.]+px" height="[\d.]+px"/);
  assert.ok(!/"[\d.]+ex"/.test(svg.match(/^<svg[^>]*>/)![0]), 'no ex units on the image');
  // ⊗ (U+2297) and ℝ (\mathbb R, U+211D) are drawn from MathJax's fonts: their glyph ids appear.
  assert.ok(svg.includes('2297'), 'the Kronecker product is drawn');
  assert.ok(svg.includes('211D'), 'ℝ is drawn');
});

test('the ink of each theme kind differs: light text on dark themes, dark on light', () => {
  const dark = texToSvg('x', '#ffffff');
  const light = texToSvg('x', '#000000');
  assert.ok(dark.includes('#ffffff') && !dark.includes('#000000'));
  assert.ok(light.includes('#000000') && !light.includes('#ffffff'));
});

test('LaTeX MathJax cannot read is an error (the hover then shows the Unicode), not a red box', () => {
  assert.throws(() => texToSvg('\\frac{a', '#000000'), /Missing close brace/);
  assert.throws(() => texToSvg('\\nosuchmacro x', '#000000'), /Undefined control sequence \\nosuchmacro/);
  assert.throws(() => texToSvg('x', 'red; background: url(x)'), /not a colour/);
});

// The reading corpus (issue 9): documents written for this test in the styles of real ones — a
// textbook chapter in Markdown with declarations in prose, a PyTorch file with a transformer-style
// block and a classifier, a LaTeX note. Every definition site the scanner finds must have an
// expected reading here (a Jacobian shape and form, or a refusal); a site answered otherwise is a
// misreading. The table of found / answered / refused / misread is printed and kept in the README.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeProgram } from '../../../src/core/analyze';
import { scanDocument, type ScanLanguage } from '../../../src/core/scan';

type Expected =
  | { readonly shape: readonly (string | number)[]; readonly jacobian?: string; /** A note the reading must state. */ readonly note?: string }
  | { readonly refused: string };

interface Fixture {
  readonly file: string;
  readonly language: ScanLanguage;
  /** A notation file the document \input s: its macros are known (the CLI and the extension read it). */
  readonly preamble?: string;
  /** A piece of each site's text → what it must give. */
  readonly sites: Readonly<Record<string, Expected>>;
}

const FIXTURES: readonly Fixture[] = [
  {
    file: 'chapter.md',
    language: 'markdown',
    sites: {
      // X ∈ ℝ^{n×d}, W ∈ ℝ^{d×h} from the prose; φ generic; the bias a row over the batch
      '\\phi(\\mathbf{X}': { shape: ['hn', 'dh + h'], jacobian: 'diag(vec(φ′(XW + b))) [Iₕ ⊗ X, Iₕ ⊗ 𝟏]' },
      // inside a blockquote; W is the declared d×h
      'z = \\sigma(W x + b)': { shape: ['d', 'dh + d'], jacobian: 'diag(σ′(Wx + b)) [xᵀ ⊗ I_d, I_d]' },
      // inside a list item
      'u = \\tanh(V z)': { shape: ['m', 'mn + n'] },
      // √d of the size d is a scalar
      'S = Q K^\\top / \\sqrt{d}': { shape: ['mp', 'mn + np + 1'] },
    },
  },
  {
    file: 'block.py',
    language: 'python',
    sites: {
      'torch.tanh(self.expand(x))': { shape: ['4d_model', '4d_model² + 4d_model'] },
      'self.shrink(u)': { shape: ['d_model', '8d_model² + 5d_model'] },
      'img.flatten(1)': { refused: 'reshapes are not supported' },
      // the unreadable flatten above becomes a noted input: 32*32 = 1024 inputs, 100 outputs
      'torch.sigmoid(self.hidden(img))': { shape: [100, 100 * 1024 + 100] },
      // math.sqrt(d) is a scalar function of a scalar d
      'math.sqrt(d)': { shape: ['m', 'm + 1'] },
    },
  },
  {
    file: 'paper.tex',
    language: 'latex',
    sites: {
      'y = \\phi(W x + b)': { shape: ['m', 'mn + m'], jacobian: 'diag(φ′(Wx + b)) [xᵀ ⊗ Iₘ, Iₘ]' },
      // data-first: differentiated by V₁ and the row c₁
      'H = X V^{(1)}': { shape: ['Nm', 'mn + m'], jacobian: '[Iₘ ⊗ X, Iₘ ⊗ 𝟏]' },
      // σ² of a variance is a scalar
      'z = \\sigma^2 W x': { shape: ['m', 'mn + n + 1'] },
      '\\sigma^2$': { shape: [1, 1] },
      // 𝟏ᵀX of the N×n batch is the row of column sums (once read as the total sum(X), a 1×1)
      's = \\mathbf{1}^\\top X': { shape: ['n', 'Nn'], jacobian: 'Iₙ ⊗ 𝟏ᵀ' },
    },
  },
  {
    // a GPT-style decoder block: sizes from a config, submodules that are classes of the same file
    file: 'gpt_block.py',
    language: 'python',
    sites: {
      'x = self.widen(x)': { shape: ['4width', '4width² + 4width'] },
      'x = self.squash(x)': { shape: ['4width', '4width² + 4width'] },
      'x = self.narrow(x)': { shape: ['width', '8width² + 5width'] },
      'x = self.drop(x)': { shape: ['width', '8width² + 5width'], note: 'Dropout is read as the identity' },
      // q comes from a reshape that cannot be read: an input, and the reading says so
      'return self.out(q)': { shape: ['width', 'width² + width'], note: 'q is assigned by a statement that cannot be read' },
      // the attention's forward splits heads: refused at the call, naming the class
      'x = x + self.attend(x)': { refused: 'self.attend is a SelfAttention, defined in this file, whose forward is not a straight line' },
      // FeedForward.forward inlined, its layers' parameters named after the attribute
      'x = x + self.mix(x)': { shape: ['width', '8width² + 5width'] },
      // Q Kᵀ/√d of declared T×d_head matrices: (K ⊗ I_T) for Q, (I_T ⊗ Q) K for K, and the scalar d_head
      'scores = q @ k.T': { shape: ['T²', '2T·d_head + 1'] },
      // the second element of `return scores, softmax(…)`: a column softmax (dim=0)
      'torch.softmax(scores, dim=0)': { shape: ['T²', '2T·d_head + 1'] },
    },
  },
  {
    // a paper with its own macros and an \input notation file in the style of a book's
    file: 'macro_paper.tex',
    language: 'latex',
    preamble: 'notation.tex',
    sites: {
      '\\vh = \\act(\\aff{\\mW}{\\vx})': { shape: ['m', 'mn + m'], jacobian: 'diag(φ′(Wx + b)) [xᵀ ⊗ Iₘ, Iₘ]' },
      '\\vh = \\relu(\\mW\\vx + \\vb)': { shape: ['m', 'mn + m'], jacobian: 'diag(ReLU′(Wx + b)) [xᵀ ⊗ Iₘ, Iₘ]' },
      // \mI is the identity, not a variable
      '(\\mI + \\mA)\\vx': { shape: ['n', 'n² + n'], jacobian: '[xᵀ ⊗ Iₙ, Iₙ + A]' },
      '\\exp(\\mA)': { shape: ['mn', 'mn'], note: 'exp of the matrix \\mA is read entry by entry, not as the matrix exponential' },
      '\\Tr(\\mA^\\top \\mA)': { shape: [1, 'mn'] },
    },
  },
  {
    // a textbook chapter: declarations in prose, a quoted display formula, a list item, front matter, Octave
    file: 'textbook.md',
    language: 'markdown',
    sites: {
      '\\mathbf{H} = \\sigma': { shape: ['hn', 'dh + h'], jacobian: 'diag(vec(σ′(X W₁ + b₁))) [Iₕ ⊗ X, Iₕ ⊗ 𝟏]' },
      '\\mathbf{O} = \\mathbf{X}': { shape: ['mn', 'dh + dn + hm'] },
      '\\mathbf{u} = e^{\\mathbf{v}}': { shape: ['m', 'm'], jacobian: 'diag(exp(v))' },
      'h = sigmoid(X * w)': { shape: ['n', 'dn + d'], jacobian: 'diag(σ′(Xw)) [wᵀ ⊗ Iₙ, X]' },
      // the mean's 1/m: m a scalar
      "g = X' * (h - y) / m": { shape: ['d', 'dn + d + n + 1'] },
    },
  },
  {
    // a NumPy classifier from course notes: data-first layers with undeclared biases (rows), a softmax
    // written by hand with a kept sum, a centring by a kept mean, a sequence pooled by its mean
    file: 'numpy_net.py',
    language: 'python',
    sites: {
      // the undeclared b1 is 1-D, a column here as NumPy's 1-D tensors are, repeated over X's rows
      'hidden = np.maximum(0, X @ W1 + b1)': { shape: ['HN', 'DH + H'], jacobian: 'diag(vec(ReLU′(X W₁ + 𝟏 b₁ᵀ))) [I_H ⊗ X, I_H ⊗ 𝟏]' },
      // hidden is data by its name, so b2 is a row over the batch (it was once an N×1 column)
      'scores = hidden @ W2 + b2': { shape: ['CN', 'CH + DH + C + H'] },
      'e = np.exp(scores)': { shape: ['CN', 'CH + DH + C + H'] },
      // the kept row sums spread over the columns: e / (e𝟏𝟏ᵀ), not e / e
      'return e / np.sum(e, axis=1, keepdims=True)': { shape: ['CN', 'CH + DH + C + H'], note: 'A sum or mean kept with keepdim is spread over the columns' },
      'mu = x.mean(axis=-1, keepdims=True)': { shape: ['N', 'DN'], jacobian: '(1 / (𝟏ᵀ 𝟏)) (𝟏ᵀ ⊗ I_N)' },
      'return x - mu': { shape: ['DN', 'DN'], note: 'mean: the last axis (dim=-1, axis=1) runs along each row' },
      // the mean over time, 1-D: a column here; then the inner product with the 1-D w
      'summary = H.mean(axis=0)': { shape: ['D', 'DT'], jacobian: '(1 / (𝟏ᵀ 𝟏)) (I_D ⊗ 𝟏ᵀ)' },
      'return np.tanh(summary @ w)': { shape: [1, 'DT + D'] },
    },
  },
  {
    // one attention head scaled by a size read off a tensor, a step that cannot be read before a
    // softmax, token lookups on a declared table, and a NumPy dense layer with a 1-D bias
    file: 'head_and_lookup.py',
    language: 'python',
    sites: {
      // k.size(-1) is the declared d_head, a constant: q and k are the only parameters
      'scores = (q @ k.transpose(-2, -1))': { shape: ['T²', '2T·d_head'], note: 'The size of axis -1 of k is read from its declaration as the constant d_head' },
      'weights = F.softmax(q @ k.T / math.sqrt(k.shape[-1]), dim=-1)': { shape: ['T²', '2T·d_head'] },
      'out = weights @ v': { shape: ['T·d_head', '3T·d_head'] },
      // logits comes from a step that is not read: its rank is a guess, so the softmax along an axis is refused
      'probs = F.softmax(logits, dim=-1)': { refused: 'softmax along this axis depends on whether logits is 1-D or 2-D, and its shape is a guess' },
      'return probs @ v': { shape: ['d_head·m', 'T·d_head + Tm'], note: 'An earlier assignment to probs cannot be read' },
      'rows = F.embedding(tokens, table)': { shape: ['T·width', 'V·width'], jacobian: 'I_width ⊗ onehotₜₒₖₑₙₛ' },
      'return torch.tanh(rows @ proj)': { shape: ['T·width', 'V·width + width²'] },
      'picked = table[tokens]': { shape: ['T·width', 'V·width'], note: 'table[tokens] looks up rows of table' },
      // X undeclared: a batch of rows, so the 1-D b is a row over it (once a column tying X's rows to b)
      'pre = X @ W + b': { shape: ['m·n_out', 'm·n_in + n_in·n_out + n_out'], note: 'X is not declared: an upper-case name is read as a matrix' },
      'return np.tanh(pre)': { shape: ['m·n_out', 'm·n_in + n_in·n_out + n_out'] },
    },
  },
  {
    // inputs joined before the weights see them: a token's features beside its condition (dim=-1), the
    // state and the input of a GRU-style gate (1-D, stacked), three blocks side by side, and widths that differ
    file: 'gated_cell.py',
    language: 'python',
    sites: {
      'h = torch.cat([x, c], dim=-1)': { shape: ['T·d_cond + T·d_feat', 'T·d_cond + T·d_feat'], jacobian: '[[I_d_feat; 0] ⊗ I_T, [0; I_d_cond] ⊗ I_T]' },
      // the module's parameters, with h the joined T×(d_feat + d_cond) input
      'return torch.tanh(self.proj(h))': { shape: ['T·d_out', 'd_cond·d_out + d_feat·d_out + d_out'] },
      'z = torch.sigmoid(W_z @ torch.cat([h, x]))': {
        shape: ['m', 'd_h·m + d_x·m + d_h + d_x'], jacobian: 'diag(σ′(W_z [h; x])) [[h; x]ᵀ ⊗ Iₘ, W_z [I_d_h; 0], W_z [0; I_d_x]]',
        note: 'cat of 1-D tensors joins them into one longer 1-D tensor',
      },
      'return torch.tanh(W_h @ torch.cat((r * h, x), 0))': { shape: ['m', 'd_h·m + d_x·m + 2d_h + d_x'] },
      'return np.hstack([A, B, C])': { shape: ['np + nq + nr', 'np + nq + nr'], jacobian: '[[Iₚ; 0] ⊗ Iₙ, [0; I_q; 0] ⊗ Iₙ, [0; Iᵣ] ⊗ Iₙ]' },
      'return np.concatenate((top, bottom), axis=0)': { refused: 'shape mismatch in a concatenation stacked one above the other: top is k×m but bottom is k×n' },
    },
  },
];

const DIR = join(__dirname, '..', '..', 'corpus', 'reading');

test('reading corpus: every site read as expected or refused; none misread', (t) => {
  const rows: string[] = ['| document | sites found | answered | refused | misread |', '|---|---|---|---|---|'];
  const totals = [0, 0, 0, 0];
  const misreadings: string[] = [];
  for (const fx of FIXTURES) {
    const text = readFileSync(join(DIR, fx.file), 'utf8');
    const sites = scanDocument(text, fx.language, fx.preamble ? { preamble: readFileSync(join(DIR, fx.preamble), 'utf8') } : {});
    const counts = { found: sites.length, answered: 0, refused: 0, misread: 0 };
    const met = new Set<string>();
    for (const s of sites) {
      const around = text.slice(s.range.start, s.range.end + 2);
      const key = Object.keys(fx.sites).find((k) => around.includes(k));
      const want = key === undefined ? undefined : fx.sites[key];
      if (key) met.add(key);
      const r = s.program ? analyzeProgram(s.program, text, s.notation) : undefined;
      const error = s.error?.message ?? (r && !r.ok ? r.error.message : undefined);
      if (error !== undefined) counts.refused++;
      else counts.answered++;
      const ok = want !== undefined && ('refused' in want
        ? error?.startsWith(want.refused)
        : r?.ok && JSON.stringify(r.jacobian.shape) === JSON.stringify(want.shape) && (want.jacobian === undefined || r.jacobian.unicode === want.jacobian)
          && (want.note === undefined || (r.notes ?? []).some((n) => n.startsWith(want.note as string))));
      if (!ok) {
        counts.misread++;
        misreadings.push(`${fx.file}: ${JSON.stringify(text.slice(s.range.start, s.range.end))} → ${error ?? (r?.ok ? `${JSON.stringify(r.jacobian.shape)} ${r.jacobian.unicode}` : '?')}`);
      }
    }
    for (const k of Object.keys(fx.sites)) if (!met.has(k)) misreadings.push(`${fx.file}: no site found for ${JSON.stringify(k)}`);
    const line = [counts.found, counts.answered, counts.refused, counts.misread];
    line.forEach((c, i) => (totals[i] = (totals[i] as number) + c));
    rows.push(`| ${fx.file} | ${line.join(' | ')} |`);
  }
  rows.push(`| all | ${totals.join(' | ')} |`);
  t.diagnostic(`\n${rows.join('\n')}`);
  assert.deepEqual(misreadings, []);
});

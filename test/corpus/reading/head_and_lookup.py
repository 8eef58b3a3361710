"""One attention head and a token lookup, written out for a single sequence.

Shapes are given in comments so that a reader (and the tool) can follow them.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F


def scaled_scores(q, k):
    # q: (T, d_head), k: (T, d_head)
    # scale by the key width, read off the tensor itself
    scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
    return scores


def one_head(q, k, v):
    # q: (T, d_head), k: (T, d_head), v: (T, d_head)
    weights = F.softmax(q @ k.T / math.sqrt(k.shape[-1]), dim=-1)
    out = weights @ v
    return out


def masked_head(q, k, v, mask):
    # v: (T, d_head)
    # the mask step is not something the matrix form reads
    logits = (q @ k.T).masked_fill(mask == 0, float("-inf"))
    probs = F.softmax(logits, dim=-1)
    return probs @ v


def embed_tokens(tokens, table, proj):
    # tokens: (T,), table: (V, width), proj: (width, width)
    rows = F.embedding(tokens, table)
    return torch.tanh(rows @ proj)


def embed_by_index(tokens, table):
    # tokens: (T,), table: (V, width)
    picked = table[tokens]
    return picked


def dense_numpy(X, W, b):
    # W: (n_in, n_out), b: (n_out,)
    # X is a batch of rows; b is added to every row
    pre = X @ W + b
    return np.tanh(pre)

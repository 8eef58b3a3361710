"""A conditioned projection and a hand-rolled gated recurrent step, as in a small sequence model.

Written for the corpus test: the inputs are joined with torch.cat / np.concatenate / np.hstack
before the weights see them, as many recurrent and conditioning layers do.
"""
import numpy as np
import torch
import torch.nn as nn


class ConditionedProjection(nn.Module):
    """Project each token's features together with a per-token condition vector."""

    def __init__(self, d_feat, d_cond, d_out):
        super().__init__()
        self.proj = nn.Linear(d_feat + d_cond, d_out)

    def forward(self, x, c):
        # x: (T, d_feat), c: (T, d_cond)
        h = torch.cat([x, c], dim=-1)
        return torch.tanh(self.proj(h))


def update_gate(h, x, W_z):
    # h: (d_h,), x: (d_x,)
    # one step of a GRU-style gate on a single example; W_z reads the joined vector
    z = torch.sigmoid(W_z @ torch.cat([h, x]))
    return z


def candidate(r, h, x, W_h):
    # r: (d_h,), h: (d_h,), x: (d_x,)
    # the reset gate scales the old state before it is joined to the input
    return torch.tanh(W_h @ torch.cat((r * h, x), 0))


def side_by_side(A, B, C):
    # A: (n, p), B: (n, q), C: (n, r)
    return np.hstack([A, B, C])


def stacked_wrong(top, bottom):
    # top: (k, m), bottom: (k, n)
    # widths differ: rows cannot be stacked
    return np.concatenate((top, bottom), axis=0)

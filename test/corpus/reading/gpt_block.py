# A small GPT-style decoder block, written for the corpus test in the manner of public model files:
# a config object carries the sizes, submodules are classes of the same file, the block adds
# residuals around them.
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.widen = nn.Linear(config.width, 4 * config.width)
        self.squash = nn.GELU()
        self.narrow = nn.Linear(4 * config.width, config.width)
        self.drop = nn.Dropout(config.dropout)

    def forward(self, x):
        x = self.widen(x)
        x = self.squash(x)
        x = self.narrow(x)
        x = self.drop(x)
        return x


class SelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.qkv = nn.Linear(config.width, 3 * config.width)
        self.out = nn.Linear(config.width, config.width)
        self.heads = config.heads

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.heads, C // self.heads).transpose(1, 2)
        return self.out(q)


class DecoderBlock(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.attend = SelfAttention(config)
        self.mix = FeedForward(config)

    def forward(self, x):
        x = x + self.attend(x)
        x = x + self.mix(x)
        return x


def head_scores(q, k, d_head):
    # q: (T, d_head), k: (T, d_head)
    scores = q @ k.T / math.sqrt(d_head)
    return scores, torch.softmax(scores, dim=0)

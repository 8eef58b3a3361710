# A transformer-style feed-forward block and a small image classifier, written for the corpus test.
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.expand = nn.Linear(cfg.d_model, 4 * cfg.d_model)
        self.shrink = nn.Linear(4 * cfg.d_model, cfg.d_model)

    def forward(self, x):
        u = torch.tanh(self.expand(x))
        return self.shrink(u)


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(32*32, 100)

    def forward(self, img):
        img = img.flatten(1)
        h = torch.sigmoid(self.hidden(img))
        return h


def scaled(scores, d):
    return torch.softmax(scores, dim=0) / math.sqrt(d)

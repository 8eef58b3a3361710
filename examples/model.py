"""A PyTorch layer and a small MLP. Put the cursor on a line of `forward` and run
Kronecker Lens: Show Jacobian (Ctrl+K J); hover over it for its shape."""

import torch
import torch.nn as nn


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(4, 5),
            nn.Tanh(),
            nn.Linear(5, 3),
            nn.Sigmoid(),
        )

    def forward(self, x):
        return self.net(x)

#!/usr/bin/python3
"""Writes the PyTorch fixture of the import tests (Debian's python3-torch 1.13 made the committed one).

A small VGG-style network (widths 4-4-8-8 on 28x28 grey images) with random weights and batch-norm
statistics, in eval mode, saved twice: as TorchScript (torch.jit.trace + save) and as a state_dict
(torch.save). expected.json holds the logits PyTorch computes for two fixed inputs, which PruneLab must
reproduce after importing either file.

usage: cd tests/org.prunelab.runtime.tests/data/torch && ./make-torch-fixture.py
"""
import json
import torch
import torch.nn as nn

torch.manual_seed(0)

def unit(i, o):
    return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU()]

net = nn.Sequential(*unit(1, 4), *unit(4, 4), nn.MaxPool2d(2), *unit(4, 8), *unit(8, 8), nn.MaxPool2d(2),
                    nn.Flatten(), nn.Linear(8 * 7 * 7, 10))
with torch.no_grad():
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.2, 0.2)
net.eval()
# inputs: x[n, 0, i, j] = sin(0.1 * (n + 1) * (28 * i + j))
idx = torch.arange(28 * 28, dtype=torch.float32).reshape(1, 1, 28, 28)
x = torch.cat([torch.sin(0.1 * (n + 1) * idx) for n in range(2)])
torch.jit.trace(net, torch.zeros(1, 1, 28, 28)).save('small-vgg-torchscript.pt')
torch.save(net.state_dict(), 'small-vgg-state-dict.pt')
with torch.no_grad():
    logits = net(x)
with open('expected.json', 'w') as f:
    json.dump({'torch': torch.__version__, 'widths': [4, 4, 8, 8],
               'input': 'x[n,0,i,j] = sin(0.1*(n+1)*(28*i+j)), n = 0, 1',
               'logits': logits.tolist()}, f, indent=1)

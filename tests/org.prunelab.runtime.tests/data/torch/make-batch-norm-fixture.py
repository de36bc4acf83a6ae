#!/usr/bin/python3
"""Prints the running statistics PyTorch re-estimates for the hand-made case of BatchNormStatisticsTest.

A conv (2 filters, 3x3, padding 1, bias) -> BN -> ReLU -> conv (3 filters, 3x3, no bias) -> BN -> ReLU ->
global average pool -> linear (2), its weights and five 1 x 4 x 4 images given by the formulas the test
uses too; the images are normalised with mean 0.5 and std 0.25 and run in batches of 2 (2, 2, then 1)
through torch.optim.swa_utils.update_bn, PyTorch's recalibration (momentum=None: the mean of the
batches' means and of their unbiased variances). Prints the running statistics and the logits of the
images in eval mode afterwards, to paste into the test (Debian's python3-torch 1.13 printed the
committed ones).

usage: ./make-batch-norm-fixture.py
"""
import torch
import torch.nn as nn
from torch.optim.swa_utils import update_bn


def values(n, a, b, scale):
    """((a * i + b) mod 17 - 8) * scale for i = 0 .. n-1: fixed, irregular, both signs."""
    return torch.tensor([((a * i + b) % 17 - 8) * scale for i in range(n)], dtype=torch.float32)


net = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1, bias=True), nn.BatchNorm2d(2), nn.ReLU(),
                    nn.Conv2d(2, 3, 3, bias=False), nn.BatchNorm2d(3), nn.ReLU(),
                    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(3, 2))
with torch.no_grad():
    net[0].weight.copy_(values(18, 5, 3, 0.1).reshape(2, 1, 3, 3))
    net[0].bias.copy_(torch.tensor([0.2, -0.3]))
    net[1].weight.copy_(torch.tensor([1.5, 0.5]))
    net[1].bias.copy_(torch.tensor([0.1, 0.4]))
    net[3].weight.copy_(values(54, 7, 2, 0.05).reshape(3, 2, 3, 3))
    net[4].weight.copy_(torch.tensor([0.8, 1.2, 2.0]))
    net[4].bias.copy_(torch.tensor([-0.2, 0.0, 0.3]))
    net[8].weight.copy_(values(6, 3, 1, 0.1).reshape(2, 3))
    net[8].bias.copy_(torch.tensor([0.05, -0.05]))
pixels = torch.tensor([(37 * i + 11) % 256 for i in range(5 * 16)], dtype=torch.float32).reshape(5, 1, 4, 4)
images = (pixels / 255 - 0.5) / 0.25
seen = {1: [], 4: []}
hooks = [net[i].register_forward_pre_hook(lambda m, x, i=i: seen[i].append(x[0].detach())) for i in seen]
update_bn(torch.utils.data.DataLoader(images, batch_size=2, shuffle=False), net)
for hook in hooks:
    hook.remove()
# the estimator spelt out: every batch alike, unbiased variances
for i, inputs in seen.items():
    assert torch.allclose(net[i].running_mean, torch.stack([x.mean((0, 2, 3)) for x in inputs]).mean(0))
    assert torch.allclose(net[i].running_var, torch.stack([x.var((0, 2, 3), unbiased=True) for x in inputs]).mean(0))
net.eval()
with torch.no_grad():
    logits = net(images)
print('torch', torch.__version__)
for name, bn in [('bn1', net[1]), ('bn2', net[4])]:
    print(name, 'runningMean', ', '.join('%.7ef' % v for v in bn.running_mean.tolist()))
    print(name, 'runningVar', ', '.join('%.7ef' % v for v in bn.running_var.tolist()))
print('logits', ', '.join('%.7ef' % v for v in logits.flatten().tolist()))

#!/usr/bin/python3
"""Writes the class-activation maps PyTorch computes for the import fixture (run make-torch-fixture.py first).

Grad-CAM and Grad-CAM++ of the last convolution (PruneLab's conv4) and of conv3, for the two inputs of
expected.json, explaining the predicted class and classes 7 and 1: gradients by autograd, upsampled with
F.interpolate(mode='bilinear', align_corners=False), min-max normalised. Grad-CAM++'s channel weights are
Chattopadhay et al.'s closed form as the pytorch-grad-cam package computes it (eps 1e-6).

usage: cd tests/org.prunelab.runtime.tests/data/torch && ./make-gradcam-fixture.py
"""
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

def unit(i, o):
    return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU()]

net = nn.Sequential(*unit(1, 4), *unit(4, 4), nn.MaxPool2d(2), *unit(4, 8), *unit(8, 8), nn.MaxPool2d(2),
                    nn.Flatten(), nn.Linear(8 * 7 * 7, 10))
net.load_state_dict(torch.load('small-vgg-state-dict.pt'))
net.eval()
idx = torch.arange(28 * 28, dtype=torch.float32).reshape(1, 1, 28, 28)
x = torch.cat([torch.sin(0.1 * (n + 1) * idx) for n in range(2)])

def cam(layer, method, classes):
    saved = {}
    def keep(module, inputs, output):
        output.retain_grad()
        saved['a'] = output
    handle = net[layer].register_forward_hook(keep)
    logits = net(x)
    handle.remove()
    predicted = logits.argmax(1)
    target = predicted if classes is None else torch.tensor(classes)
    logits.gather(1, target[:, None]).sum().backward()
    a, g = saved['a'].detach(), saved['a'].grad
    if method == 'GRAD_CAM':
        w = g.mean((2, 3))
    else:
        g2, g3 = g ** 2, g ** 3
        aij = g2 / (2 * g2 + a.sum((2, 3), keepdim=True) * g3 + 1e-6)
        aij = torch.where(g != 0, aij, torch.zeros_like(aij))
        w = (F.relu(g) * aij).sum((2, 3))
    m = F.relu((w[:, :, None, None] * a).sum(1, keepdim=True))
    m = F.interpolate(m, size=(28, 28), mode='bilinear', align_corners=False)[:, 0]
    lo, hi = m.amin((1, 2), keepdim=True), m.amax((1, 2), keepdim=True)
    m = torch.where(hi > lo, (m - lo) / (hi - lo), torch.zeros_like(m))
    return {'predicted': predicted.tolist(), 'classes': target.tolist(), 'maps': m.tolist()}

cases = []
for layer, name in [(10, 'conv4'), (7, 'conv3')]:
    for method in ['GRAD_CAM', 'GRAD_CAM_PLUS_PLUS']:
        for classes in [None, [7, 1]]:
            case = cam(layer, method, classes)
            case.update({'layer': name, 'method': method, 'chosen': classes is not None})
            cases.append(case)
with open('gradcam.json', 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f)

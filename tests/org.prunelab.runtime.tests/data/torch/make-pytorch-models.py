#!/usr/bin/python3
"""Writes the models of the bring-your-own-model tests, as a lab's PyTorch code would define them
(Debian's python3-torch 1.13 made the committed ones).

- vgg-bias: a conv-BN-ReLU small VGG (widths 4-4-8-8 on 28x28 grey images) with nn.Conv2d's default bias;
- resnet14: a CIFAR-style ResNet of depth 14 (two basic blocks per stage, 16-32-64 filters) for 1x28x28
  input, with 1x1 conv + BN projection shortcuts where the resolution halves;
- concat-dw: a network with a channel concatenation and a depthwise-separable block (depthwise 3x3 then
  pointwise 1x1), ReLU6 and SiLU, global average pooling and a two-layer MLP head.

Each starts from random weights and batch-norm statistics, is trained for 3 epochs on the committed
Fashion-MNIST subset's training images (Adam 1e-3, batches of 50), put in eval mode, and is saved as a state_dict
(MODEL-state-dict.pt) and as ONNX (MODEL.onnx, opset 13, dynamic batch; concat-dw also as
concat-dw-with-bn.onnx, exported so that its batch norms stay, the architecture its state_dict fits); MODEL.json holds the logits
PyTorch computes for the inputs x[n, 0, i, j] = sin(0.1 * (n + 1) * (28 * i + j)), n = 0, 1, and its
predictions and accuracy on the test images of the committed Fashion-MNIST subset (normalised with mean
0.2860 and deviation 0.3530, as PruneLab does). The VGG is
also saved whole (torch.save(model)), which needs PyTorch's classes to load: what PruneLab must refuse,
saying what to save instead.

usage: cd tests/org.prunelab.runtime.tests/data/torch && ./make-pytorch-models.py
"""
import gzip
import json
import struct
import torch
import torch.nn as nn

torch.manual_seed(0)


def unit(i, o):
    return [nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU()]


class BasicBlock(nn.Module):
    def __init__(self, inputs, filters, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, filters, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(filters)
        self.conv2 = nn.Conv2d(filters, filters, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(filters)
        self.shortcut = nn.Sequential()
        if stride != 1 or inputs != filters:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, filters, 1, stride, bias=False), nn.BatchNorm2d(filters))

    def forward(self, x):
        h = torch.relu(self.bn1(self.conv1(x)))
        h = self.bn2(self.conv2(h))
        return torch.relu(h + self.shortcut(x))


class ResNet(nn.Module):
    def __init__(self, blocks, classes=10):
        super().__init__()
        self.conv = nn.Conv2d(1, 16, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        layers = []
        width = 16
        for stage, filters in enumerate([16, 32, 64]):
            for block in range(blocks):
                layers.append(BasicBlock(width, filters, 2 if stage > 0 and block == 0 else 1))
                width = filters
        self.blocks = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        return self.fc(torch.flatten(self.pool(self.blocks(x)), 1))


class ConcatDepthwise(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU6())
        self.left = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU())
        self.right = nn.Sequential(nn.Conv2d(8, 4, 1, bias=False), nn.BatchNorm2d(4), nn.ReLU())
        self.depthwise = nn.Sequential(nn.Conv2d(12, 12, 3, stride=2, padding=1, groups=12, bias=False),
                                       nn.BatchNorm2d(12), nn.SiLU())
        self.pointwise = nn.Sequential(nn.Conv2d(12, 16, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(16, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, classes))

    def forward(self, x):
        x = self.stem(x)
        x = torch.cat([self.left(x), self.right(x)], 1)
        return self.head(self.pool(self.pointwise(self.depthwise(x))))


models = {
    'vgg-bias': nn.Sequential(*unit(1, 4), *unit(4, 4), nn.MaxPool2d(2), *unit(4, 8), *unit(8, 8), nn.MaxPool2d(2),
                              nn.Flatten(), nn.Linear(8 * 7 * 7, 10)),
    'resnet14': ResNet(2),
    'concat-dw': ConcatDepthwise(),
}
def fashion(split):
    """A split of the committed Fashion-MNIST subset, normalised as PruneLab does, and its labels."""
    with gzip.open('../fashion-mnist-subset/' + split + '-images-idx3-ubyte.gz') as f:
        n, rows, cols = struct.unpack('>iiii', f.read(16))[1:]
        pixels = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).float().reshape(n, 1, rows, cols)
    with gzip.open('../fashion-mnist-subset/' + split + '-labels-idx1-ubyte.gz') as f:
        f.read(8)
        labels = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).long()
    return (pixels / 255 - 0.2860) / 0.3530, labels


def train(net, epochs=3):
    """A few epochs of Adam on the subset's training images, so that the test predictions mean something."""
    optimizer = torch.optim.Adam(net.parameters(), 1e-3)
    for epoch in range(epochs):
        order = torch.randperm(len(train_labels))
        for start in range(0, len(order), 50):
            batch = order[start:start + 50]
            optimizer.zero_grad()
            nn.functional.cross_entropy(net(train_images[batch]), train_labels[batch]).backward()
            optimizer.step()


torch.set_num_threads(1)
train_images, train_labels = fashion('train')
images, labels = fashion('t10k')
idx = torch.arange(28 * 28, dtype=torch.float32).reshape(1, 1, 28, 28)
x = torch.cat([torch.sin(0.1 * (n + 1) * idx) for n in range(2)])
for name, net in models.items():
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    net.train()
    train(net)
    net.eval()
    torch.save(net.state_dict(), name + '-state-dict.pt')
    if name == 'vgg-bias':
        torch.save(net, name + '-whole-module.pt')
    torch.onnx.export(net, x, name + '.onnx', opset_version=13, input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}})
    if name == 'concat-dw':
        # the architecture with its batch norms, for the state_dict: eval-mode export folds them into the convs
        torch.onnx.export(net, x, name + '-with-bn.onnx', opset_version=13, input_names=['input'],
                          output_names=['logits'], training=torch.onnx.TrainingMode.PRESERVE,
                          do_constant_folding=False, dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}})
    with torch.no_grad():
        logits = net(x)
        predicted = net(images).argmax(1)
    with open(name + '.json', 'w') as f:
        json.dump({'torch': torch.__version__, 'model': name,
                   'input': 'x[n,0,i,j] = sin(0.1*(n+1)*(28*i+j)), n = 0, 1',
                   'logits': logits.tolist(),
                   'fashionTest': {'accuracy': (predicted == labels).float().mean().item(),
                                   'predicted': predicted.tolist()}}, f, indent=1)

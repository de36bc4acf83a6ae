#!/usr/bin/python3
"""The small VGG of the runtime benchmark, in PyTorch (Debian's python3-torch), for comparison.

Same network (conv-BN-ReLU x2, max pool, x2, max pool, linear), same data (Fashion-MNIST IDX files of
PruneLab's split), same batch size, optimiser and thread count. Prints one JSON line.

usage: torch_small_vgg.py IDX_DIR WIDTHS TRAIN_BATCHES THREADS
"""
import gzip, json, struct, sys, time
import numpy as np
import torch
import torch.nn as nn

idx_dir, widths, train_batches, threads = sys.argv[1], [int(w) for w in sys.argv[2].split(',')], int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
torch.manual_seed(1)

def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    magic, n = struct.unpack('>ii', data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack('>ii', data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, 1, rows, cols)
    return np.frombuffer(data, np.uint8, offset=8)

def load(prefix):
    x = torch.from_numpy((idx(f'{idx_dir}/{prefix}-images-idx3-ubyte.gz').astype(np.float32) / 255 - 0.2860) / 0.3530)
    y = torch.from_numpy(idx(f'{idx_dir}/{prefix}-labels-idx1-ubyte.gz').astype(np.int64))
    return x, y

def unit(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]

net = nn.Sequential(*unit(1, widths[0]), *unit(widths[0], widths[1]), nn.MaxPool2d(2),
                    *unit(widths[1], widths[2]), *unit(widths[2], widths[3]), nn.MaxPool2d(2),
                    nn.Flatten(), nn.Linear(widths[3] * 49, 10))
xtr, ytr = load('train')
xte, yte = load('t10k')
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
perm = torch.randperm(len(xtr))
net.train()
warmup = 5
for b in range(warmup + train_batches):
    if b == warmup:
        start = time.perf_counter()
    i = perm[b * 128:(b + 1) * 128]
    opt.zero_grad()
    loss = loss_fn(net(xtr[i]), ytr[i])
    loss.backward()
    opt.step()
train_ips = train_batches * 128 / (time.perf_counter() - start)
net.eval()
with torch.no_grad():
    for b in range(5):
        net(xte[b * 128:(b + 1) * 128])
    start = time.perf_counter()
    for b in range(0, len(xte), 128):
        net(xte[b:b + 128])
    infer_ips = len(xte) / (time.perf_counter() - start)
print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'train_img_s': train_ips,
                  'inference_img_s': infer_ips}))

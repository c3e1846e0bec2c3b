"""`trim`: keep only the vocabulary French medical text needs (any SentencePiece/Unigram checkpoint).

Kept ids: special tokens, every piece used when tokenizing the domain texts (QUAERO train, BDPM denominations,
eds-pseudo templates, the project lexicons and generated sentences), every single-character piece (so that no
character ever becomes <unk>), then the highest-scoring pieces made of French letters until --size. QUAERO dev is
left out on purpose: the embedding cosine vs the untrimmed model is measured on it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from . import data, hf, lexicon
from .probe_texts import SENTENCES
from .record import Record

FRENCH_PIECE = re.compile(r"^\u2581?[A-Za-zÀ-ÖØ-öø-ÿœŒæÆ'’-]+$")


def domain_texts(seed: int) -> list[str]:
    shared = data.SHARED
    texts = [json.loads(line)["text"]
             for line in (shared / "corpora/quaero/train.jsonl").read_text(encoding="utf-8").splitlines()]
    texts += lexicon.bdpm_denominations(shared / "lexicons/bdpm/CIS_bdpm.txt")
    templates = (shared / "corpora/eds_pseudo_templates/templates.txt").read_text(encoding="utf-8")
    texts += [re.sub(r"\[([^\]]*)\]\([A-Z_]+\)", r"\1", line) for line in templates.splitlines()]
    texts += lexicon.all_terms() + SENTENCES
    brands = sorted({b.split(" ")[0] for b in lexicon.bdpm_brands(shared / "lexicons/bdpm/CIS_bdpm.txt")})
    texts += [row["text"] for row in data.generated(seed, 3000, brands)]
    return texts


def remap_tokenizer_json(tj: dict, keep: list[int]) -> dict:
    new_id = {old: new for new, old in enumerate(keep)}
    model = tj["model"]
    if model.get("type") != "Unigram":
        raise SystemExit(f"trim supports SentencePiece Unigram tokenizers; this one is {model.get('type')}")
    model["vocab"] = [model["vocab"][i] for i in keep]
    model["unk_id"] = new_id[model["unk_id"]]
    for tok in tj.get("added_tokens", []):
        tok["id"] = new_id[tok["id"]]
    post = tj.get("post_processor") or {}
    for proc in post.get("processors", [post]):
        for spec in (proc.get("special_tokens") or {}).values():
            spec["ids"] = [new_id[i] for i in spec["ids"]]
        for key in ("cls", "sep"):
            if key in proc:
                proc[key][1] = new_id[proc[key][1]]
    return tj


def run(args) -> None:
    hf.require_torch()
    import torch
    from tokenizers import Tokenizer
    from transformers import PreTrainedTokenizerFast

    src, out = Path(args.src), Path(args.out)
    rec = Record("trim", vars(args))
    rec.input("checkpoint", src)
    tok, model = hf.load_encoder(src)
    dev = [json.loads(line)["text"] for line in
           (data.SHARED / "corpora/quaero/dev.jsonl").read_text(encoding="utf-8").splitlines()]
    probe = [s[:400] for s in dev[:300]] + SENTENCES
    before = hf.mean_pooled(tok, model, probe)
    tj = json.loads(tok.backend_tokenizer.to_str())
    vocab = tj["model"]["vocab"]

    used: set[int] = set()
    for enc in tok.backend_tokenizer.encode_batch(domain_texts(args.seed), add_special_tokens=False):
        used.update(enc.ids)
    specials = set(tok.all_special_ids) | {t["id"] for t in tj.get("added_tokens", [])}
    single = {i for i, (piece, _) in enumerate(vocab) if len(piece) == 1}
    keep = set(used) | specials | single
    rec.metric("ids_used_by_domain_texts", len(used))
    rec.metric("single_character_pieces", len(single))
    by_score = sorted(range(len(vocab)), key=lambda i: -vocab[i][1])
    for i in by_score:
        if len(keep) >= args.size:
            break
        if FRENCH_PIECE.match(vocab[i][0]):
            keep.add(i)
    keep_list = sorted(keep)

    trimmed = Tokenizer.from_str(json.dumps(remap_tokenizer_json(tj, keep_list)))
    fast = PreTrainedTokenizerFast(tokenizer_object=trimmed, model_max_length=tok.model_max_length,
                                   model_input_names=tok.model_input_names, **tok.special_tokens_map)
    emb = model.get_input_embeddings().weight.data
    new_emb = torch.nn.Embedding(len(keep_list), emb.shape[1], padding_idx=None)
    new_emb.weight.data = emb[torch.tensor(keep_list)].clone()
    model.set_input_embeddings(new_emb)
    model.config.vocab_size = len(keep_list)
    for key in ("pad_token_id", "bos_token_id", "eos_token_id"):
        old = getattr(model.config, key, None)
        if old is not None:
            setattr(model.config, key, keep_list.index(old))
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    fast.save_pretrained(out)

    tok2, model2 = hf.load_encoder(out)
    unk = sum(enc.ids.count(tok2.unk_token_id)
              for enc in tok2.backend_tokenizer.encode_batch(dev + SENTENCES, add_special_tokens=False))
    cos = (before * hf.mean_pooled(tok2, model2, probe)).sum(1)
    size_before = hf.folder_bytes(src) - sum(p.stat().st_size for p in src.glob("record_*"))
    size_after = hf.folder_bytes(out) - sum(p.stat().st_size for p in out.glob("record_*"))
    for name, value in {"vocab_before": len(vocab), "vocab_after": len(keep_list),
                        "bytes_before": size_before, "bytes_after": size_after,
                        "unk_tokens_on_quaero_dev": unk, "cosine_vs_untrimmed_mean": round(float(cos.mean()), 5),
                        "cosine_vs_untrimmed_min": round(float(cos.min()), 5),
                        "cosine_probe_texts": len(probe)}.items():
        rec.metric(name, value)
    print(json.dumps(rec.data["metrics"], indent=1))
    if unk:
        raise SystemExit(f"FAILED: {unk} <unk> tokens on QUAERO dev after trimming")
    for f in sorted(out.iterdir()):
        if f.is_file() and not f.name.startswith("record_"):
            rec.output(f.name, f)
    rec.write(out)


def add_parser(sub) -> None:
    p = sub.add_parser("trim", help="French vocabulary trimming of a base checkpoint")
    p.add_argument("--src", required=True, help="base checkpoint folder (from `base`)")
    p.add_argument("--out", required=True)
    p.add_argument("--size", type=int, default=32000, help="target vocabulary size (at least the used ids)")
    p.add_argument("--seed", type=int, default=13)
    p.set_defaults(func=run)

"""`evaluate`, `parity`, `benchmark`: the shipped runtime measured against gold data and against PyTorch.

PyTorch runs behind the runtime's own `Encoder` (a session shim), so both see exactly the same token ids, windows
and batches; only the engine differs.
"""
from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

import numpy as np

from . import hf
from .data import GROUP_OF_LABEL
from .record import Record
from .scoring import prf
from .train import gold_spans, load_jsonl


class TorchSession:
    """The subset of `onnxruntime.InferenceSession` that `inference.encoder.Encoder` uses, over PyTorch."""

    class _Arg:
        def __init__(self, name: str):
            self.name = name

    def __init__(self, model_dir: Path, threads: int = 2, num_labels: int | None = None):
        """`num_labels` lets a bare encoder (random head) stand in for speed-only references."""
        import torch
        from transformers import AutoModelForTokenClassification

        torch.set_num_threads(threads)
        self.torch = torch
        extra = {"num_labels": num_labels} if num_labels else {}
        self.model = AutoModelForTokenClassification.from_pretrained(model_dir, local_files_only=True,
                                                                     **extra).eval()

    def get_inputs(self):
        return [self._Arg("input_ids"), self._Arg("attention_mask")]

    def get_outputs(self):
        return [self._Arg("logits"), self._Arg("last_hidden_state")]

    def run(self, names, feed):
        torch = self.torch
        with torch.inference_mode():
            out = self.model(input_ids=torch.from_numpy(feed["input_ids"]),
                             attention_mask=torch.from_numpy(feed["attention_mask"]), output_hidden_states=True)
        values = {"logits": out.logits, "last_hidden_state": out.hidden_states[-1]}
        return [values[n].float().numpy() for n in names]


def ner_model(runtime_dir: Path, torch_dir: Path | None = None, threads: int = 2):
    """The runtime NerModel from `runtime_dir`, optionally with PyTorch (torch_dir) as its engine."""
    from inference.encoder import Encoder, EncoderConfig
    from inference.ner_model import NerModel
    from tokenizers import Tokenizer

    model = NerModel.load(runtime_dir, threads=threads)
    if torch_dir is not None:
        tok = Tokenizer.from_file(str(runtime_dir / "tokenizer.json"))
        tok.no_truncation()
        tok.no_padding()
        cfg = EncoderConfig.read(runtime_dir / "encoder.json")
        model.encoder = Encoder(TorchSession(torch_dir, threads, len(model.id2label)), tok, cfg)
    return model


def predict(model, rows: list[dict]) -> list[set]:
    return [{(s.start, s.end, s.label) for s in model.spans(row["text"])} for row in rows]


def to_groups(spans: list[set]) -> list[set]:
    return [{(a, b, GROUP_OF_LABEL[label]) for a, b, label in doc if label in GROUP_OF_LABEL} for doc in spans]


def edsnlp_baseline(rows: list[dict]) -> list[set] | None:
    """edsnlp's rule pipes `drugs` (→ CHEM) and `cim10` (→ DISO) when edsnlp is installed, else None."""
    try:
        import edsnlp
    except ImportError:
        return None
    nlp = edsnlp.blank("eds")
    nlp.add_pipe("eds.normalizer")
    nlp.add_pipe("eds.drugs")
    nlp.add_pipe("eds.cim10")
    out = []
    for row in rows:
        doc = nlp(row["text"])
        out.append({(e.start_char, e.end_char, "CHEM" if e.label_ == "drug" else "DISO") for e in doc.ents})
    return out


def run_evaluate(args) -> None:
    runtime_dir, data_dir = Path(args.model), Path(args.data)
    rec = Record("evaluate", vars(args))
    model = ner_model(runtime_dir, Path(args.torch) if args.torch else None)
    results = {}
    dev = load_jsonl(data_dir / "dev.jsonl")
    pred_dev = predict(model, dev)
    results["quaero_dev_product_labels"] = prf(gold_spans(dev), pred_dev)
    groups = load_jsonl(data_dir / "dev_groups.jsonl")
    results["quaero_dev_groups"] = prf(gold_spans(groups), to_groups(pred_dev), ["CHEM", "DISO", "PROC", "ANAT"])
    gen_path = data_dir / "dev_generated.jsonl"
    if gen_path.exists():
        gen = load_jsonl(gen_path)
        results["generated_dev_product_labels"] = prf(gold_spans(gen), predict(model, gen))
    if args.edsnlp:
        cache = data_dir / "edsnlp_baseline.json"
        if cache.exists():
            results["edsnlp_baseline_quaero_dev_groups"] = json.loads(cache.read_text())
        else:
            base = edsnlp_baseline(groups)
            if base is None:
                results["edsnlp_baseline_quaero_dev_groups"] = "edsnlp is not installed"
            else:
                results["edsnlp_baseline_quaero_dev_groups"] = prf(gold_spans(groups), base, ["CHEM", "DISO"])
                cache.write_text(json.dumps(results["edsnlp_baseline_quaero_dev_groups"]) + "\n")
    for k, v in results.items():
        rec.metric(k, v)
    g = results["quaero_dev_groups"]
    print("QUAERO dev groups micro-F1", g["micro"]["f1"], {k: g[k]["f1"] for k in ("CHEM", "DISO", "PROC", "ANAT")})
    print("QUAERO dev product labels micro-F1", results["quaero_dev_product_labels"]["micro"]["f1"])
    if "generated_dev_product_labels" in results:
        gm = results["generated_dev_product_labels"]
        print("generated dev", {k: v["f1"] for k, v in gm.items()})
    rec.write(Path(args.record_dir) if args.record_dir else runtime_dir)


def run_parity(args) -> None:
    hf.require_torch()
    runtime_dir, torch_dir = Path(args.model), Path(args.torch)
    rec = Record("parity", vars(args))
    rows = load_jsonl(Path(args.data))[:args.limit or None]
    onnx_model = ner_model(runtime_dir, threads=args.threads)
    torch_model = ner_model(runtime_dir, torch_dir, threads=args.threads)
    agree = total = 0
    max_diff = 0.0
    onnx_spans, torch_spans = [], []
    for row in rows:
        a = onnx_model.encoder.run(row["text"]).outputs["logits"]
        b = torch_model.encoder.run(row["text"]).outputs["logits"]
        agree += int((a.argmax(-1) == b.argmax(-1)).sum())
        total += a.shape[0]
        max_diff = max(max_diff, float(np.abs(a - b).max())) if a.size else max_diff
        onnx_spans.append({(s.start, s.end, s.label) for s in onnx_model.spans(row["text"])})
        torch_spans.append({(s.start, s.end, s.label) for s in torch_model.spans(row["text"])})
    gold = gold_spans(rows)
    f1_onnx, f1_torch = prf(gold, onnx_spans)["micro"]["f1"], prf(gold, torch_spans)["micro"]["f1"]
    metrics = {"documents": len(rows), "tokens": total, "token_prediction_agreement": round(agree / max(total, 1), 5),
               "entity_agreement_f1_onnx_vs_torch": prf(torch_spans, onnx_spans)["micro"]["f1"],
               "max_abs_logit_diff": round(max_diff, 4), "f1_torch": f1_torch, "f1_onnx": f1_onnx,
               "f1_points_lost": round(100 * (f1_torch - f1_onnx), 2)}
    for k, v in metrics.items():
        rec.metric(k, v)
    print(json.dumps(metrics, indent=1))
    rec.write(Path(args.record_dir) if args.record_dir else runtime_dir)
    if metrics["token_prediction_agreement"] < args.min_agreement:
        raise SystemExit(f"FAILED parity: token agreement {metrics['token_prediction_agreement']} < "
                         f"{args.min_agreement}")
    if metrics["f1_points_lost"] > args.max_f1_drop:
        raise SystemExit(f"FAILED parity: {metrics['f1_points_lost']} F1 points lost > {args.max_f1_drop}")


def _time(model, texts: list[str], warmup: int) -> dict:
    for text in texts[:warmup]:
        model.encoder.forget()
        model.spans(text)
    lat, tokens = [], 0
    t0 = time.perf_counter()
    for text in texts:
        model.encoder.forget()
        s = time.perf_counter()
        model.spans(text)
        lat.append(1000 * (time.perf_counter() - s))
        tokens += len(model.encoder.run(text).ids)
    wall = time.perf_counter() - t0
    lat.sort()
    return {"docs": len(texts), "tokens": tokens, "ms_per_doc_mean": round(statistics.mean(lat), 2),
            "ms_per_doc_p50": round(lat[len(lat) // 2], 2), "ms_per_doc_p95": round(lat[int(len(lat) * 0.95)], 2),
            "docs_per_s": round(len(texts) / wall, 2), "tokens_per_s": round(tokens / wall, 1)}


def run_benchmark(args) -> None:
    hf.require_torch()
    rec = Record("benchmark", vars(args))
    texts = [row["text"] for row in load_jsonl(Path(args.data))][:args.limit or None]
    variants = {"pytorch_fp32": ner_model(Path(args.fp32), Path(args.torch), args.threads),
                "onnxruntime_fp32": ner_model(Path(args.fp32), threads=args.threads),
                "onnxruntime_shipped": ner_model(Path(args.model), threads=args.threads)}
    if args.reference_torch:
        variants["pytorch_fp32_reference"] = ner_model(Path(args.fp32), Path(args.reference_torch), args.threads)
    results = {name: _time(model, texts, args.warmup) for name, model in variants.items()}
    for name in list(results):
        if name != "pytorch_fp32":
            results[name]["speedup_vs_pytorch_fp32"] = round(
                results["pytorch_fp32"]["ms_per_doc_mean"] / results[name]["ms_per_doc_mean"], 2)
    if "pytorch_fp32_reference" in results:
        results["onnxruntime_shipped"]["speedup_vs_reference"] = round(
            results["pytorch_fp32_reference"]["ms_per_doc_mean"] / results["onnxruntime_shipped"]["ms_per_doc_mean"],
            2)
    for k, v in results.items():
        rec.metric(k, v)
    rec.metric("threads", args.threads)
    rec.metric("load_average_at_end", [round(x, 2) for x in os.getloadavg()])
    print(json.dumps(results, indent=1))
    rec.write(Path(args.record_dir) if args.record_dir else Path(args.model))


def add_parser(sub) -> None:
    e = sub.add_parser("evaluate", help="exact-span P/R/F1 per label (QUAERO dev, its groups, generated dev)")
    e.add_argument("--model", required=True, help="runtime folder (model.onnx, tokenizer.json, ...)")
    e.add_argument("--torch", help="evaluate this PyTorch checkpoint instead, through the same runtime")
    e.add_argument("--data", required=True, help="folder written by `data`")
    e.add_argument("--edsnlp", action="store_true",
                   help="also score edsnlp's drugs/cim10 rule pipes (slow to build: about 10 min; cached)")
    e.add_argument("--record-dir")
    e.set_defaults(func=run_evaluate)
    p = sub.add_parser("parity", help="predictions and F1 of the runtime folder vs the PyTorch checkpoint")
    p.add_argument("--model", required=True, help="runtime folder (the shipped variant)")
    p.add_argument("--torch", required=True, help="the fine-tuned PyTorch checkpoint")
    p.add_argument("--data", required=True, help="a jsonl of {text, entities}")
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--min-agreement", type=float, default=0.98)
    p.add_argument("--max-f1-drop", type=float, default=1.0, help="in F1 points")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--record-dir")
    p.set_defaults(func=run_parity)
    b = sub.add_parser("benchmark", help="latency and throughput: PyTorch fp32, onnxruntime fp32, shipped")
    b.add_argument("--model", required=True, help="shipped runtime folder")
    b.add_argument("--fp32", required=True, help="fp32 ONNX runtime folder")
    b.add_argument("--torch", required=True, help="the fine-tuned PyTorch checkpoint")
    b.add_argument("--reference-torch",
                   help="another checkpoint to time, e.g. the 12-layer base before layer dropping (speed only)")
    b.add_argument("--data", required=True, help="a jsonl of documents")
    b.add_argument("--limit", type=int, default=200)
    b.add_argument("--warmup", type=int, default=5)
    b.add_argument("--threads", type=int, default=2)
    b.add_argument("--record-dir")
    b.set_defaults(func=run_benchmark)

"""Request understanding heads on the frozen shared encoder (issue 4): features, train, evaluate, export, card.

The encoder (the entity model's ONNX graph with its `last_hidden_state` output) stays frozen: each document runs
once through `inference.encoder.Encoder`, exactly as at run time, and its pooled features are cached; then small
heads (request type, 15 elements, allergy, urgency) are trained on generated requests with torch and saved as
numpy arrays that `inference.request_model.RequestModel` applies.

    python -m export.request_model features --encoder resources/models/ner --data train.jsonl --out f/train.npz
    python -m export.request_model train --train f/train.npz --dev f/dev.npz --out .work/request/heads
    python -m export.request_model evaluate --model .work/request/heads --features f/handwritten.npz \
        --gold resources/eval/requests_handwritten.jsonl
    python -m export.request_model export --model .work/request/heads --out resources/models/request \
        --encoder-path ../ner
    python -m export.request_model model-card --model resources/models/request

Every command writes a JSON record (arguments, inputs with hashes, outputs, metrics, versions) next to its output.
The hand-written evaluation set is never used to train or to choose thresholds: thresholds come from the
generated dev split.
"""
from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

import numpy as np

from export.record import Record, sha256
from export.request_data import ELEMENTS, TYPES, URGENCY_LEVELS
from export.request_eval import Prediction, evaluate, load_jsonl, markdown

BLOCKS_DEFAULT = ["hmean", "hmax"]


def _record_name(out: Path, command: str) -> str:
    return f"{command}_{out.stem}" if out.suffix else command


# ---------------------------------------------------------------------------------------------------- features
def labels_of(rows: list[dict]) -> dict[str, np.ndarray]:
    return {
        "type": np.array([TYPES.index(r["request_type"]) for r in rows], dtype=np.int64),
        "elements": np.array([[e in r["elements"] for e in ELEMENTS] for r in rows], dtype=np.float32),
        "allergy": np.array([int(r["allergy"]) for r in rows], dtype=np.float32),
        "urgency": np.array([URGENCY_LEVELS.index(r.get("urgency") or "non_precise") for r in rows], dtype=np.int64),
    }


def run_features(args) -> None:
    from inference.encoder import Encoder
    from inference.request_model import pool_blocks

    out = Path(args.out)
    rec = Record(_record_name(out, "features"), vars(args))
    rec.input("data", args.data, hash_file=True)
    rec.input("encoder_model", Path(args.encoder) / "model.onnx", hash_file=True)
    rows = load_jsonl(Path(args.data))
    if args.limit:
        rows = rows[:args.limit]
    encoder = Encoder.load(args.encoder, threads=args.threads)
    blocks: dict[str, list[np.ndarray]] = {}
    tokens = windows = 0
    t0 = time.perf_counter()
    for i, row in enumerate(rows):
        run = encoder.run(row["text"])
        tokens += len(run.ids)
        windows += run.windows
        for name, vec in pool_blocks(run).items():
            blocks.setdefault(name, []).append(vec)
        if args.progress and (i + 1) % args.progress == 0:
            print(f"{i + 1}/{len(rows)} {time.perf_counter() - t0:.0f}s", flush=True)
    seconds = time.perf_counter() - t0
    arrays = {f"x_{k}": np.stack(v) for k, v in blocks.items()}
    arrays.update({f"y_{k}": v for k, v in labels_of(rows).items()})
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, ids=np.array([r["id"] for r in rows]), **arrays,
                        encoder_sha256=np.array(rec.data["inputs"]["encoder_model"]["sha256"]))
    rec.output("features", out)
    rec.metric("documents", len(rows))
    rec.metric("tokens_mean", round(tokens / max(len(rows), 1), 1))
    rec.metric("windows", windows)
    rec.metric("seconds", round(seconds, 1))
    rec.metric("ms_per_document", round(1000 * seconds / max(len(rows), 1), 1))
    rec.metric("blocks", {k: list(v.shape) for k, v in arrays.items() if k.startswith("x_")})
    rec.write(out.parent)
    print(f"features: {len(rows)} documents, {1000 * seconds / max(len(rows), 1):.0f} ms/doc -> {out}")


def load_features(path: Path, blocks: list[str]) -> tuple[np.ndarray, dict[str, np.ndarray], dict]:
    with np.load(path) as z:
        missing = [b for b in blocks if f"x_{b}" not in z.files]
        if missing:
            raise SystemExit(f"{path} has no feature blocks {missing}")
        x = np.concatenate([z[f"x_{b}"] for b in blocks], axis=1).astype(np.float32)
        y = {k[2:]: z[k] for k in z.files if k.startswith("y_")}
        meta = {"ids": [str(i) for i in z["ids"]], "encoder_sha256": str(z["encoder_sha256"])}
    return x, y, meta


def load_training_features(sources: list[str], blocks: list[str], rec: Record) -> tuple[np.ndarray, dict, dict]:
    """Feature files given as `FILE` or `FILE:COPIES`, concatenated (a small hand-written set can weigh as several
    copies of itself among thousands of generated documents); all must come from one encoder."""
    parts = []
    for source in sources:
        path, copies = source, 1
        name, colon, count = source.rpartition(":")
        if colon and count.isdigit():
            path, copies = name, int(count)
        x, y, meta = load_features(Path(path), blocks)
        rec.input(f"train {Path(path).name} x{copies}", path, hash_file=True)
        parts += [(x, y, meta)] * copies
    encoders = {meta["encoder_sha256"] for _, _, meta in parts}
    if len(encoders) != 1:
        raise SystemExit("the training feature files come from different encoders")
    x = np.concatenate([part[0] for part in parts])
    y = {key: np.concatenate([part[1][key] for part in parts]) for key in parts[0][1]}
    return x, y, {"ids": [i for part in parts for i in part[2]["ids"]], "encoder_sha256": encoders.pop()}


# ------------------------------------------------------------------------------------------------------- train
def fit_heads(x: np.ndarray, y: dict[str, np.ndarray], hidden: int, epochs: int, lr: float, weight_decay: float,
              dropout: float, batch: int, seed: int, log=print) -> dict[str, np.ndarray]:
    """Multi-task heads (shared hidden layer if `hidden` > 0, else four logistic regressions) with torch/AdamW."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    mean = x.mean(0)
    scale = x.std(0) + 1e-4
    xt = torch.from_numpy((x - mean) / scale)
    yt = {k: torch.from_numpy(v) for k, v in y.items()}
    width = x.shape[1]
    trunk = torch.nn.Sequential(torch.nn.Dropout(dropout), torch.nn.Linear(width, hidden), torch.nn.ReLU(),
                                torch.nn.Dropout(dropout)) if hidden else torch.nn.Dropout(dropout)
    dim = hidden or width
    heads = {"type": torch.nn.Linear(dim, len(TYPES)), "elements": torch.nn.Linear(dim, len(ELEMENTS)),
             "allergy": torch.nn.Linear(dim, 1), "urgency": torch.nn.Linear(dim, len(URGENCY_LEVELS))}
    params = list(trunk.parameters()) + [p for layer in heads.values() for p in layer.parameters()]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay)
    steps = epochs * ((len(x) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    ce, bce = torch.nn.CrossEntropyLoss(), torch.nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        trunk.train()
        order = rng.permutation(len(x))
        total = 0.0
        for i in range(0, len(x), batch):
            idx = torch.from_numpy(order[i:i + batch])
            z = trunk(xt[idx])
            loss = (ce(heads["type"](z), yt["type"][idx]) + bce(heads["elements"](z), yt["elements"][idx])
                    + bce(heads["allergy"](z)[:, 0], yt["allergy"][idx])
                    + ce(heads["urgency"](z), yt["urgency"][idx]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(idx)
        if log and (epoch + 1) % max(epochs // 5, 1) == 0:
            log(f"epoch {epoch + 1}/{epochs} loss {total / len(x):.4f}")
    w = {"mean": mean.astype(np.float32), "scale": scale.astype(np.float32)}
    if hidden:
        lin = trunk[1]
        w["hidden_w"] = lin.weight.detach().numpy().T.copy()
        w["hidden_b"] = lin.bias.detach().numpy().copy()
    for name, layer in heads.items():
        w[f"{name}_w"] = layer.weight.detach().numpy().T.copy()
        w[f"{name}_b"] = layer.bias.detach().numpy().copy()
    return w


def tune_thresholds(probs: np.ndarray, gold: np.ndarray, low: float = 0.2, high: float = 0.8) -> list[float]:
    """Per column, the threshold in [low, high] with the best F1 on the dev split (0.5 wins ties)."""
    grid = np.round(np.arange(low, high + 1e-9, 0.05), 2)
    out = []
    for j in range(probs.shape[1]):
        g = gold[:, j] > 0.5
        best, best_f = 0.5, -1.0
        for t in sorted(grid, key=lambda t: abs(t - 0.5)):
            p = probs[:, j] >= t
            tp, fp, fn = int((p & g).sum()), int((p & ~g).sum()), int((~p & g).sum())
            f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
            if f > best_f + 1e-9:
                best, best_f = float(t), f
        out.append(best)
    return out


def scores(model, x: np.ndarray, y: dict[str, np.ndarray]) -> dict[str, float]:
    preds = model.predict_features(x)
    el_pred = np.array([[e in p.elements for e in ELEMENTS] for p in preds])
    el_gold = y["elements"] > 0.5
    tp, fp, fn = (el_pred & el_gold).sum(), (el_pred & ~el_gold).sum(), (~el_pred & el_gold).sum()
    return {
        "type_accuracy": float(np.mean([TYPES.index(p.request_type) == t for p, t in zip(preds, y["type"])])),
        "elements_micro_f1": float(2 * tp / max(2 * tp + fp + fn, 1)),
        "allergy_accuracy": float(np.mean([int(p.allergy) == int(a) for p, a in zip(preds, y["allergy"])])),
        "urgency_accuracy": float(np.mean([URGENCY_LEVELS.index(p.urgency) == u for p, u in zip(preds, y["urgency"])])),
    }


def _config(blocks: list[str], encoder_sha: str, thresholds: list[float] | None, hyper: dict) -> dict:
    return {"version": 1, "types": TYPES, "elements": ELEMENTS, "urgency_levels": URGENCY_LEVELS,
            "feature_blocks": blocks, "encoder_sha256": encoder_sha,
            "element_thresholds": dict(zip(ELEMENTS, thresholds or [0.5] * len(ELEMENTS))),
            "allergy_threshold": 0.5, "training": hyper}


def run_train(args) -> None:
    import torch

    from inference.request_model import RequestModel

    torch.set_num_threads(args.threads)
    out = Path(args.out)
    rec = Record("train", vars(args))
    blocks = args.blocks.split(",")
    x, y, meta = load_training_features(args.train, blocks, rec)
    xd, yd, meta_d = load_features(Path(args.dev), blocks)
    if meta["encoder_sha256"] != meta_d["encoder_sha256"]:
        raise SystemExit("train and dev features come from different encoders")
    rec.input("dev", args.dev, hash_file=True)
    hyper = {k: getattr(args, k) for k in ("hidden", "epochs", "lr", "weight_decay", "dropout", "batch", "seed")}
    t0 = time.perf_counter()
    w = fit_heads(x, y, **hyper)
    rec.metric("train_seconds", round(time.perf_counter() - t0, 1))
    model = RequestModel(_config(blocks, meta["encoder_sha256"], None, hyper), w)
    rec.metric("dev_at_0.5", scores(model, xd, yd))
    thresholds = None
    if args.tune_thresholds:
        probs = np.array([[p.element_probs[e] for e in ELEMENTS] for p in model.predict_features(xd)])
        thresholds = tune_thresholds(probs, yd["elements"])
    config = _config(blocks, meta["encoder_sha256"], thresholds, hyper)
    model = RequestModel(config, w)
    rec.metric("dev", scores(model, xd, yd))
    rec.metric("train", scores(model, x, y))
    rec.metric("examples", {"train": len(x), "dev": len(xd)})
    rec.metric("feature_width", int(x.shape[1]))
    save(out, config, w)
    for name in ("heads.npz", "request.json"):
        rec.output(name, out / name)
    rec.write(out)
    print(json.dumps(rec.data["metrics"], indent=1))


def save(out: Path, config: dict, w: dict[str, np.ndarray]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / "heads.npz", **{k: v.astype(np.float32) for k, v in w.items()})
    (out / "request.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------------- finetune
def pooled_torch(hidden, content_mask):
    """Mean and max over content tokens (specials and padding excluded), as `pool_blocks` does at run time."""
    import torch

    m = content_mask.unsqueeze(-1).to(hidden.dtype)
    mean = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
    mx = hidden.masked_fill(m == 0, torch.finfo(hidden.dtype).min).amax(1)
    mx = torch.where(m.sum(1) > 0, mx, torch.zeros_like(mx))
    return torch.cat([mean, mx], dim=-1)


def _batches(tok, rows: list[dict], labels: dict[str, np.ndarray], max_length: int, batch: int, rng, shuffle: bool):
    """Length-bucketed batches: (input_ids, attention_mask, content_mask, label tensors)."""
    import torch

    enc = tok([r["text"] for r in rows], truncation=True, max_length=max_length, add_special_tokens=True)
    order = np.argsort([len(ids) for ids in enc["input_ids"]], kind="stable")
    chunks = [order[i:i + batch] for i in range(0, len(order), batch)]
    if shuffle:
        rng.shuffle(chunks)
    for idx in chunks:
        width = max(len(enc["input_ids"][i]) for i in idx)
        ids = np.full((len(idx), width), tok.pad_token_id, dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for r, i in enumerate(idx):
            n = len(enc["input_ids"][i])
            ids[r, :n] = enc["input_ids"][i]
            mask[r, :n] = 1
        content = mask.copy()
        content[:, 0] = 0
        content[np.arange(len(idx)), mask.sum(1) - 1] = 0
        yield (torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(content),
               {k: torch.from_numpy(v[idx]) for k, v in labels.items()})


class _Heads:
    """The four linear heads on pooled [mean; max] features, trained with the encoder."""

    def __init__(self, torch, dim: int, dropout: float):
        self.dropout = torch.nn.Dropout(dropout)
        self.layers = {"type": torch.nn.Linear(dim, len(TYPES)), "elements": torch.nn.Linear(dim, len(ELEMENTS)),
                       "allergy": torch.nn.Linear(dim, 1), "urgency": torch.nn.Linear(dim, len(URGENCY_LEVELS))}

    def parameters(self):
        return [p for layer in self.layers.values() for p in layer.parameters()]

    def __call__(self, z):
        z = self.dropout(z)
        return {k: layer(z) for k, layer in self.layers.items()}

    def train(self, mode: bool = True):
        self.dropout.train(mode)

    def weights(self, width: int) -> dict[str, np.ndarray]:
        w = {"mean": np.zeros(width, np.float32), "scale": np.ones(width, np.float32)}
        for name, layer in self.layers.items():
            w[f"{name}_w"] = layer.weight.detach().numpy().T.copy()
            w[f"{name}_b"] = layer.bias.detach().numpy().copy()
        return w


def _loss(torch, out, y):
    ce, bce = torch.nn.functional.cross_entropy, torch.nn.functional.binary_cross_entropy_with_logits
    return (ce(out["type"], y["type"]) + bce(out["elements"], y["elements"])
            + bce(out["allergy"][:, 0], y["allergy"]) + ce(out["urgency"], y["urgency"]))


def run_finetune(args) -> None:
    """Fine-tune the bottom `--layers` layers of the base encoder with the four heads (multi-task), then save it
    as a token-classification checkpoint with a zero classifier (so the factory's `export-onnx` gives the graph
    with `last_hidden_state`) next to the heads."""
    from export import hf

    hf.require_torch()
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from inference.request_model import RequestModel

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    out = Path(args.out)
    rec = Record("finetune", vars(args))
    rec.input("train", args.train, hash_file=True)
    rec.input("dev", args.dev, hash_file=True)
    rec.input("base", args.base)
    train_rows, dev_rows = load_jsonl(Path(args.train)), load_jsonl(Path(args.dev))
    if args.limit:
        train_rows, dev_rows = train_rows[:args.limit], dev_rows[:args.limit]
    tok = AutoTokenizer.from_pretrained(args.base, local_files_only=True)
    extra = {"num_hidden_layers": args.layers} if args.layers else {}
    model = AutoModelForTokenClassification.from_pretrained(
        args.base, local_files_only=True, num_labels=1, id2label={0: "O"}, label2id={"O": 0}, **extra)
    encoder = model.base_model
    dim = 2 * model.config.hidden_size
    heads = _Heads(torch, dim, args.dropout)
    opt = torch.optim.AdamW([{"params": encoder.parameters(), "lr": args.lr},
                             {"params": heads.parameters(), "lr": args.head_lr}], weight_decay=0.01)
    steps_per_epoch = (len(train_rows) + args.batch - 1) // args.batch
    total = int(args.epochs * steps_per_epoch)
    warmup = max(1, min(int(0.06 * total), 60))
    t0 = time.monotonic()

    def factor(s: int) -> float:
        """Linear warm-up, then linear decay to the planned end or to --max-minutes, whichever comes first (a
        shared CPU's speed varies, so the decay follows the clock as well as the steps)."""
        left = (total - s) / max(total - warmup, 1)
        if args.max_minutes:
            left = min(left, 1 - (time.monotonic() - t0) / (args.max_minutes * 60))
        return max(0.0, min((s + 1) / warmup, left))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, factor)
    y_train, y_dev = labels_of(train_rows), labels_of(dev_rows)

    def forward(ids, mask, content):
        hidden = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        return heads(pooled_torch(hidden, content))

    step, done, log = 0, False, []
    while not done:
        encoder.train()
        heads.train()
        for ids, mask, content, y in _batches(tok, train_rows, y_train, args.max_length, args.batch, rng, True):
            loss = _loss(torch, forward(ids, mask, content), y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(encoder.parameters()) + heads.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 25 == 0:
                minutes = (time.monotonic() - t0) / 60
                log.append({"step": step, "loss": round(float(loss.detach()), 4), "minutes": round(minutes, 1)})
                print(f"step {step}/{total} loss {float(loss.detach()):.4f} {minutes:.1f} min", flush=True)
            if step >= total or (args.max_minutes and time.monotonic() - t0 > args.max_minutes * 60):
                done = True
                break
    rec.metric("train_steps", step)
    rec.metric("planned_steps", total)
    rec.metric("train_minutes", round((time.monotonic() - t0) / 60, 1))
    rec.metric("loss_log", log)

    encoder.eval()
    heads.train(False)
    feats = []
    with torch.inference_mode():
        for ids, mask, content, _ in _batches(tok, dev_rows, y_dev, args.max_length, 32, rng, False):
            feats.append(pooled_torch(encoder(input_ids=ids, attention_mask=mask).last_hidden_state, content).numpy())
    order = np.argsort([len(ids) for ids in tok([r["text"] for r in dev_rows], truncation=True,
                                                 max_length=args.max_length)["input_ids"]], kind="stable")
    x_dev = np.zeros((len(dev_rows), dim), np.float32)
    x_dev[order] = np.concatenate(feats)
    w = heads.weights(dim)
    hyper = {k: getattr(args, k) for k in ("layers", "epochs", "lr", "head_lr", "dropout", "batch", "seed",
                                           "max_length")}
    model_heads = RequestModel(_config(["hmean", "hmax"], "", None, hyper), w)
    rec.metric("dev_torch_at_0.5", scores(model_heads, x_dev, y_dev))
    probs = np.array([[p.element_probs[e] for e in ELEMENTS] for p in model_heads.predict_features(x_dev)])
    config = _config(["hmean", "hmax"], "", tune_thresholds(probs, y_dev["elements"]), hyper)
    rec.metric("dev_torch", scores(RequestModel(config, w), x_dev, y_dev))
    rec.metric("examples", {"train": len(train_rows), "dev": len(dev_rows)})
    ckpt = out / "checkpoint"
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
    model.save_pretrained(ckpt)
    tok.save_pretrained(ckpt)
    (ckpt / "labels.json").write_text(json.dumps({"id2label": ["O"]}) + "\n")
    save(out / "heads", config, w)
    for name in ("heads.npz", "request.json"):
        rec.output(name, out / "heads" / name)
    rec.output("checkpoint", ckpt / "model.safetensors")
    rec.write(out)
    print(json.dumps({k: rec.data["metrics"][k] for k in ("train_steps", "dev_torch")}, indent=1))


def run_bind(args) -> None:
    """Binds heads to an exported encoder folder (records its sha256): the heads folder then evaluates and
    ships with that encoder."""
    heads, encoder = Path(args.model), Path(args.encoder)
    rec = Record("bind", vars(args))
    config = json.loads((heads / "request.json").read_text(encoding="utf-8"))
    config["encoder_sha256"] = sha256(encoder / "model.onnx")
    (heads / "request.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    rec.input("encoder_model", encoder / "model.onnx", hash_file=True)
    rec.output("request.json", heads / "request.json")
    rec.write(heads)
    print(f"bound {heads} to {encoder / 'model.onnx'}")


# ---------------------------------------------------------------------------------------------------- evaluate
def run_evaluate(args) -> None:
    from inference.request_model import RequestModel

    folder = Path(args.model)
    gold_path = Path(args.gold)
    rec = Record(_record_name(Path(args.name + ".x"), "evaluate"), vars(args))
    rec.input("heads", folder / "heads.npz", hash_file=True)
    rec.input("gold", gold_path, hash_file=True)
    gold = load_jsonl(gold_path)
    if args.features:
        model = _heads_only(folder)
        x, _, meta = load_features(Path(args.features), model.blocks)
        if meta["ids"] != [r["id"] for r in gold]:
            raise SystemExit(f"{args.features} does not hold the features of {gold_path} in order")
        if meta["encoder_sha256"] != model.config.get("encoder_sha256"):
            raise SystemExit("the features come from another encoder than the heads were trained on")
        rec.input("features", args.features, hash_file=True)
        preds = dict(zip(meta["ids"], model.predict_features(x)))
    else:
        from inference.encoder import Encoder

        model = RequestModel.load(folder, encoder=Encoder.load(args.encoder, threads=args.threads))
        preds = {r["id"]: model.predict(r["text"]) for r in gold}
    as_eval = {i: Prediction(p.request_type, p.elements, int(p.allergy), p.urgency) for i, p in preds.items()}
    m = evaluate(gold, predictions=as_eval)
    report = markdown(m, title=f"Request model heads alone — {gold_path.name}", max_errors=args.errors)
    out = Path(args.out or folder)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"eval_{args.name}.md").write_text(report, encoding="utf-8")
    (out / f"eval_{args.name}.json").write_text(json.dumps(m.to_dict(), ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    if args.pred:
        with open(args.pred, "w", encoding="utf-8") as f:
            for i, p in preds.items():
                f.write(json.dumps({"id": i, "request_type": p.request_type, "elements": sorted(p.elements),
                                    "allergy": int(p.allergy), "urgency": p.urgency}, ensure_ascii=False) + "\n")
    for k in ("type_accuracy", "type_macro_f1", "elements_micro_f1", "elements_macro_f1", "allergy_accuracy",
              "urgency_accuracy", "spec_passed"):
        rec.metric(k, getattr(m, k) if k != "spec_passed" else m.spec_passed)
    rec.metric("type_f1", {t: round(v["f1"], 3) for t, v in m.type_per_class.items()})
    rec.output("report", out / f"eval_{args.name}.md")
    rec.write(out)
    print(report if args.verbose else "\n".join(report.splitlines()[:14]))


def _heads_only(folder: Path):
    from inference.request_model import RequestModel

    config = json.loads((folder / "request.json").read_text(encoding="utf-8"))
    with np.load(folder / "heads.npz") as npz:
        weights = {k: npz[k].astype(np.float32) for k in npz.files}
    return RequestModel(config, weights)


# ------------------------------------------------------------------------------------------------------ export
def run_export(args) -> None:
    src, out = Path(args.model), Path(args.out)
    rec = Record("export", vars(args))
    rec.input("heads", src / "heads.npz", hash_file=True)
    out.mkdir(parents=True, exist_ok=True)
    config = json.loads((src / "request.json").read_text(encoding="utf-8"))
    encoder_dir = (out / args.encoder_path).resolve()
    if args.with_encoder:
        encoder_dir.mkdir(parents=True, exist_ok=True)
        for name in ("model.onnx", "tokenizer.json", "encoder.json"):
            shutil.copy(Path(args.with_encoder) / name, encoder_dir / name)
            rec.output(f"encoder/{name}", encoder_dir / name)
    onnx_file = encoder_dir / "model.onnx"
    if not onnx_file.exists():
        raise SystemExit(f"no encoder at {encoder_dir} (--encoder-path is relative to --out)")
    if sha256(onnx_file) != config["encoder_sha256"]:
        raise SystemExit(f"{onnx_file} is not the encoder the heads were trained on")
    config["encoder"] = args.encoder_path
    shutil.copy(src / "heads.npz", out / "heads.npz")
    (out / "request.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for f in sorted(src.glob("record_*.json")) + sorted(src.glob("eval_*")):
        shutil.copy(f, out / f.name)
    for name in ("heads.npz", "request.json"):
        rec.output(name, out / name)
    rec.write(out)
    print(f"exported heads to {out} ({(out / 'heads.npz').stat().st_size / 1024:.0f} KiB), encoder {args.encoder_path}")


# -------------------------------------------------------------------------------------------------- model card
def _metrics_table(evals: dict[str, dict]) -> list[str]:
    out = ["| set | n | type acc | type macro-F1 | elements micro-F1 | elements macro-F1 | allergy acc | "
           "urgency acc | SPEC §5 |", "|---" * 9 + "|"]
    for name, m in evals.items():
        urg = "n/a" if m.get("urgency_accuracy") is None else f"{m['urgency_accuracy']:.3f}"
        checked = [c for c in m["spec_checks"] if c["why"] != "no prediction"]
        spec = f"{sum(c['ok'] for c in checked)}/{len(checked)}" if checked else "n/a"
        out.append(f"| {name} | {m['n']} | {m['type_accuracy']:.3f} | {m['type_macro_f1']:.3f} | "
                   f"{m['elements_micro_f1']:.3f} | {m['elements_macro_f1']:.3f} | {m['allergy_accuracy']:.3f} | "
                   f"{urg} | {spec} |")
    return out


def run_model_card(args) -> None:
    folder = Path(args.model)
    config = json.loads((folder / "request.json").read_text(encoding="utf-8"))
    evals = {p.stem[5:]: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("eval_*.json"))}
    sizes = {p.name: p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in
             (".npz", ".onnx", ".json") and not p.name.startswith(("record_", "eval_"))}
    lines = ["# MedClair request model — model card", "",
             "Request type (10 classes, SPEC §3), elements present (15, SPEC §4), allergy mentioned (the user's "
             "binary task) and urgency level (urgent / rapide / programme / non_precise), as four small heads on "
             "one encoder pass (`inference/request_model.py`, `RequestModel.load(folder).predict(text_or_run)`).", ""]
    if args.notes:
        lines += [Path(args.notes).read_text(encoding="utf-8").strip(), ""]
    lines += ["## Files", "", "| file | bytes |", "|---|---|"]
    lines += [f"| {name} | {size:,} |" for name, size in sizes.items()]
    lines += ["", f"Encoder: `{config.get('encoder')}` (relative to this folder), sha256 "
                  f"`{config.get('encoder_sha256', '')[:16]}…`; feature blocks {config['feature_blocks']}.",
              f"Training settings: `{json.dumps(config.get('training', {}))}`.", "",
              "Element thresholds (chosen on the generated dev split, never on the hand-written set): "
              + ", ".join(f"{e} {t:.2f}" for e, t in config["element_thresholds"].items()) + ".", ""]
    if evals:
        lines += ["## Metrics (heads alone, no rules)", ""] + _metrics_table(evals) + [""]
        for name, m in evals.items():
            if not name.startswith(args.detail):
                continue
            lines += [f"### {name}: request type per class", "", "| type | precision | recall | F1 | support |",
                      "|---|---|---|---|---|"]
            lines += [f"| {t} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} | {v['support']} |"
                      for t, v in m["type_per_class"].items()]
            lines += ["", f"### {name}: elements", "", "| element | precision | recall | F1 | support |",
                      "|---|---|---|---|---|"]
            lines += [f"| {e} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} | {v['support']} |"
                      for e, v in m["elements_per_class"].items()]
            lines += ["", f"### {name}: SPEC §5 examples", ""]
            lines += [f"- {'OK' if c['ok'] else 'FAIL'} « {c['text']} »" + (f" — {c['why']}" if c["why"] else "")
                      for c in m["spec_checks"]]
            lines.append("")
    (folder / "MODEL_CARD.md").write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    print(f"wrote {folder / 'MODEL_CARD.md'}")


def add_parser(sub) -> None:
    p = sub.add_parser("features", help="pooled features of a JSONL set through the frozen encoder")
    p.add_argument("--encoder", required=True, help="runtime encoder folder (model.onnx with last_hidden_state)")
    p.add_argument("--data", required=True, help="JSONL with text and labels (request_data format)")
    p.add_argument("--out", required=True, help=".npz file")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--progress", type=int, default=500)
    p.set_defaults(func=run_features)

    p = sub.add_parser("train", help="train the heads on cached features")
    p.add_argument("--train", required=True, nargs="+", metavar="FILE[:COPIES]",
                   help="feature files (from `features`), each optionally repeated COPIES times")
    p.add_argument("--dev", required=True, help="generated dev split (thresholds are tuned here)")
    p.add_argument("--out", required=True)
    p.add_argument("--blocks", default=",".join(BLOCKS_DEFAULT), help="feature blocks: hmean,hmax,pmean,pmax")
    p.add_argument("--hidden", type=int, default=256, help="shared hidden layer width (0 = logistic heads)")
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--weight-decay", type=float, default=1e-2)
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--tune-thresholds", action="store_true", help="element thresholds from the dev split")
    p.set_defaults(func=run_train)

    p = sub.add_parser("evaluate", help="heads alone on a labelled set (request_eval metrics)")
    p.add_argument("--model", required=True, help="heads folder")
    p.add_argument("--gold", required=True, help="labelled JSONL")
    p.add_argument("--name", required=True, help="report name: eval_<name>.md/json")
    p.add_argument("--features", help="cached features of --gold (else run --encoder)")
    p.add_argument("--encoder", help="runtime encoder folder")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out", help="report folder (default: the model folder)")
    p.add_argument("--pred", help="also write predictions JSONL (request_eval --pred format)")
    p.add_argument("--errors", type=int, default=30)
    p.add_argument("--verbose", action="store_true")
    p.set_defaults(func=run_evaluate)

    p = sub.add_parser("finetune", help="fine-tune a (layer-dropped) encoder with the four heads")
    p.add_argument("--base", required=True, help="base checkpoint (e.g. .work/models/e5-fr)")
    p.add_argument("--train", required=True, help="generated JSONL")
    p.add_argument("--dev", required=True, help="generated dev JSONL (thresholds are tuned here)")
    p.add_argument("--out", required=True)
    p.add_argument("--layers", type=int, default=6, help="keep the bottom N layers (0 = all)")
    p.add_argument("--epochs", type=float, default=2)
    p.add_argument("--lr", type=float, default=6e-5)
    p.add_argument("--head-lr", type=float, default=2e-3)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--max-length", type=int, default=256)
    p.add_argument("--max-minutes", type=float, default=0, help="stop training after this time")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--limit", type=int, default=0, help="first N examples only (smoke tests)")
    p.set_defaults(func=run_finetune)

    p = sub.add_parser("bind", help="record the exported encoder (sha256) that a heads folder reads")
    p.add_argument("--model", required=True, help="heads folder")
    p.add_argument("--encoder", required=True, help="runtime encoder folder")
    p.set_defaults(func=run_bind)

    p = sub.add_parser("export", help="copy the heads into the shipped folder, bound to the shipped encoder")
    p.add_argument("--model", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--encoder-path", required=True, help="encoder folder relative to --out, e.g. ../ner")
    p.add_argument("--with-encoder", help="copy this runtime encoder folder to --out/--encoder-path first")
    p.set_defaults(func=run_export)

    p = sub.add_parser("model-card", help="MODEL_CARD.md from request.json, the records and eval_*.json")
    p.add_argument("--model", required=True, help="shipped folder")
    p.add_argument("--notes", help="markdown written by hand: variant chosen and why, data, limits, rebuild")
    p.add_argument("--detail", default="handwritten", help="eval sets (name prefix) to detail per class")
    p.set_defaults(func=run_model_card)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m export.request_model", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()

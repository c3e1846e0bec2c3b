"""`train`: fine-tune a token-classification model (transformers Trainer) on the `data` sets.

`--layers N` keeps the bottom N transformer layers of the base encoder (layer dropping): half the layers makes
the model about twice as fast, the main speed lever on CPUs without int8 instructions. Model selection: the
checkpoint with the best exact-span micro-F1 on QUAERO dev (product labels).
"""
from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import hf
from .record import Record
from .scoring import prf


def bio_labels(labels: list[str]) -> list[str]:
    return ["O"] + [f"{p}-{label}" for label in labels for p in ("B", "I")]


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def token_labels(text: str, offsets, entities: list[dict], label2id: dict[str, int]) -> list[int]:
    """B- on the token holding an entity's first character, I- on the others inside it, -100 on specials."""
    owner = {}
    for e in entities:
        for c in range(e["start"], e["end"]):
            owner[c] = e
    out = []
    for a, b in offsets:
        while a < b and text[a].isspace():
            a += 1
        if a >= b:
            out.append(-100)
            continue
        e = owner.get(a)
        if e is None:
            out.append(label2id["O"])
        else:
            out.append(label2id[("B-" if a == e["start"] else "I-") + e["label"]])
    return out


def encode(rows: list[dict], tok, label2id: dict[str, int], max_length: int) -> list[dict]:
    feats = []
    for row in rows:
        enc = tok(row["text"], truncation=True, max_length=max_length, return_offsets_mapping=True)
        offsets = enc.pop("offset_mapping")
        special = set(tok.all_special_ids)
        offsets = [(0, 0) if i in special else o for i, o in zip(enc["input_ids"], offsets)]
        enc["labels"] = token_labels(row["text"], offsets, row["entities"], label2id)
        feats.append({"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"],
                      "labels": enc["labels"], "offsets": offsets})
    return feats


def predict_spans(rows: list[dict], feats: list[dict], logits_list, id2label: list[str]):
    from inference.ner_model import decode, softmax

    preds = []
    for row, feat, logits in zip(rows, feats, logits_list):
        n = len(feat["input_ids"])
        spans = decode(row["text"], feat["offsets"], softmax(np.asarray(logits[:n], dtype=np.float32)), id2label)
        preds.append({(s.start, s.end, s.label) for s in spans})
    return preds


def gold_spans(rows: list[dict]):
    return [{(e["start"], e["end"], e["label"]) for e in row["entities"]} for row in rows]


def training_rows(data_dir: Path, args) -> tuple[list[dict], list[dict]]:
    """train/dev rows of a `data` folder, with `--generated-keep` and `--limit` applied (shared with `prune`)."""
    train_rows, dev_rows = load_jsonl(data_dir / "train.jsonl"), load_jsonl(data_dir / "dev.jsonl")
    if args.generated_keep < 1:
        rng = random.Random(args.seed)
        train_rows = [r for r in train_rows if r.get("source") != "generated" or rng.random() < args.generated_keep]
    if args.limit:
        train_rows, dev_rows = train_rows[:args.limit], dev_rows[:args.limit]
    return train_rows, dev_rows


@dataclass
class TrainingStart:
    """What `train` and `prune` both begin with."""

    out: Path
    rec: Record
    labels: list[str]
    id2label: list[str]
    tok: object
    train_rows: list[dict]
    dev_rows: list[dict]
    train_feats: list[dict]
    dev_feats: list[dict]


def start_training(command: str, args, source_role: str, source: str) -> TrainingStart:
    """Threads and seeds set, the record started with its inputs (the data and the `source` checkpoint), the BIO
    labels of the data, the tokenizer of `source` and the tokenized train/dev rows."""
    import torch
    from transformers import AutoTokenizer, set_seed

    torch.set_num_threads(args.threads)
    set_seed(args.seed)
    data_dir = Path(args.data)
    rec = Record(command, vars(args))
    for name in ("train", "dev"):
        rec.input(name, data_dir / f"{name}.jsonl", hash_file=True)
    rec.input(source_role, source)
    labels = json.loads((data_dir / "labels.json").read_text())
    id2label = bio_labels(labels)
    label2id = {label: i for i, label in enumerate(id2label)}
    tok = AutoTokenizer.from_pretrained(source, local_files_only=True)
    train_rows, dev_rows = training_rows(data_dir, args)
    return TrainingStart(Path(args.out), rec, labels, id2label, tok, train_rows, dev_rows,
                         encode(train_rows, tok, label2id, args.max_length),
                         encode(dev_rows, tok, label2id, args.max_length))


def span_f1_metrics(dev_rows: list[dict], dev_feats: list[dict], id2label: list[str]):
    """Trainer `compute_metrics`: exact-span micro P/R/F1 on the dev rows (model selection)."""

    def compute_metrics(pred):
        scores = prf(gold_spans(dev_rows), predict_spans(dev_rows, dev_feats, pred.predictions, id2label))
        return {"f1": scores["micro"]["f1"], "precision": scores["micro"]["precision"],
                "recall": scores["micro"]["recall"]}

    return compute_metrics


def time_limit(max_minutes: float):
    """Callback that stops training after `max_minutes` (0: never), evaluating and saving first."""
    from transformers import TrainerCallback

    class TimeLimit(TrainerCallback):
        def __init__(self):
            self.t0 = time.monotonic()

        def on_step_end(self, targs, state, control, **kw):
            if max_minutes and time.monotonic() - self.t0 > max_minutes * 60:
                control.should_training_stop = True
                control.should_evaluate = True
                control.should_save = True

    return TimeLimit()


def training_arguments(args, **overrides):
    """One epoch-wise schedule for `train` and `prune`: evaluate and save each epoch, keep the best dev F1."""
    from transformers import TrainingArguments

    settings = dict(
        output_dir=str(Path(args.work) / "checkpoints"), per_device_train_batch_size=args.batch,
        per_device_eval_batch_size=32, learning_rate=args.lr, num_train_epochs=args.epochs,
        warmup_ratio=0.1, weight_decay=0.01, lr_scheduler_type="linear", eval_strategy="epoch",
        save_strategy="epoch", save_total_limit=2, load_best_model_at_end=True, metric_for_best_model="f1",
        greater_is_better=True, logging_steps=25, report_to=[], seed=args.seed, data_seed=args.seed,
        group_by_length=True, dataloader_num_workers=0, use_cpu=True, save_safetensors=True)
    return TrainingArguments(**{**settings, **overrides})


def sequential_eval_trainer():
    """A Trainer that keeps the dev set in order (group_by_length would also reorder it), so spans match texts."""
    import torch
    from transformers import Trainer

    class SequentialEvalTrainer(Trainer):
        def _get_eval_sampler(self, eval_dataset):
            return torch.utils.data.SequentialSampler(eval_dataset)

    return SequentialEvalTrainer


def record_training(rec: Record, trainer, result, seconds: float) -> None:
    rec.metric("train_seconds", round(seconds, 1))
    rec.metric("train_steps", result.global_step)
    rec.metric("train_loss", round(result.training_loss, 4))
    rec.metric("dev_f1_by_epoch", [{"epoch": h.get("epoch"), "f1": h["eval_f1"]}
                                   for h in trainer.state.log_history if "eval_f1" in h and h.get("epoch")])
    rec.metric("best_dev_f1", trainer.state.best_metric)


def save_checkpoint(rec: Record, trainer, tok, out: Path, id2label: list[str], labels: list[str]) -> None:
    """The best model, its tokenizer and labels.json in `out` (the layout export-onnx reads), then the record."""
    out.mkdir(parents=True, exist_ok=True)
    trainer.save_model(str(out))
    tok.save_pretrained(out)
    (out / "labels.json").write_text(json.dumps({"id2label": id2label, "labels": labels}) + "\n")
    for f in sorted(out.iterdir()):
        if f.is_file() and not f.name.startswith("record_"):
            rec.output(f.name, f)
    print(json.dumps(rec.data["metrics"], indent=1))
    rec.write(out)


def run(args) -> None:
    hf.require_torch()
    from transformers import AutoModelForTokenClassification, DataCollatorForTokenClassification

    start = start_training("train", args, "base", args.base)
    id2label = start.id2label
    strip = lambda feats: [{k: v for k, v in f.items() if k != "offsets"} for f in feats]  # noqa: E731

    extra = {"num_hidden_layers": args.layers} if args.layers else {}
    model = AutoModelForTokenClassification.from_pretrained(
        args.base, local_files_only=True, num_labels=len(id2label), id2label=dict(enumerate(id2label)),
        label2id={label: i for i, label in enumerate(id2label)}, **extra)
    trainer = sequential_eval_trainer()(
        model=model, args=training_arguments(args), train_dataset=strip(start.train_feats),
        eval_dataset=strip(start.dev_feats), data_collator=DataCollatorForTokenClassification(start.tok),
        compute_metrics=span_f1_metrics(start.dev_rows, start.dev_feats, id2label),
        callbacks=[time_limit(args.max_minutes)])
    t0 = time.monotonic()
    result = trainer.train()
    record_training(start.rec, trainer, result, time.monotonic() - t0)
    start.rec.metric("examples", {"train": len(start.train_rows), "dev": len(start.dev_rows)})
    save_checkpoint(start.rec, trainer, start.tok, start.out, id2label, start.labels)


def add_parser(sub) -> None:
    p = sub.add_parser("train", help="fine-tune the token-classification model")
    p.add_argument("--base", required=True, help="base checkpoint (from `base`/`trim`)")
    p.add_argument("--data", required=True, help="folder written by `data`")
    p.add_argument("--out", required=True)
    p.add_argument("--work", default=".work/runs/ner", help="checkpoints folder")
    p.add_argument("--layers", type=int, default=0, help="keep the bottom N layers (0 = all)")
    p.add_argument("--epochs", type=float, default=8)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--max-length", type=int, default=256)
    p.add_argument("--max-minutes", type=float, default=0, help="stop (and keep the best epoch) after this time")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--limit", type=int, default=0, help="use only the first N examples (smoke tests)")
    p.add_argument("--generated-keep", type=float, default=1.0,
                   help="fraction of generated examples kept (a second stage can focus on QUAERO)")
    p.set_defaults(func=run)

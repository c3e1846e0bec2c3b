"""`prune`: a smaller, faster entity model cut out of a fine-tuned one, recovered by distillation.

On CPUs without int8 instructions speed comes from fewer FLOPs. The command keeps the bottom `--layers` layers,
scores FFN neurons and attention heads by first-order Taylor importance (|sum over tokens of activation x
gradient| of the gold-label loss, accumulated over training batches), keeps the same top-k in every layer (so
`intermediate_size` stays uniform and the result is a standard Hugging Face checkpoint), then fine-tunes the
student with loss = alpha * KL(teacher_T || student_T) * T^2 + (1 - alpha) * CE(gold) (_T: softmax at
temperature T; teacher logits computed once). Heads are removed with `prune_heads` (config.json `pruned_heads`);
export-onnx still fuses attention on such a checkpoint. Model selection: the epoch with the best exact-span
micro-F1 on QUAERO dev, as `train` does. The output has the layout `train` writes, so `export-onnx`, `quantize`,
`evaluate`, `parity` and `benchmark` take it unchanged.
"""
from __future__ import annotations

import copy
import random
import time

from . import hf
from .train import (record_training, save_checkpoint, sequential_eval_trainer, span_f1_metrics, start_training,
                    time_limit, training_arguments)


def batches(feats: list[dict], size: int, pad_id: int):
    """Padded tensors (input_ids, attention_mask, labels) in the given order."""
    import torch

    for i in range(0, len(feats), size):
        chunk = feats[i:i + size]
        n = max(len(f["input_ids"]) for f in chunk)
        ids = torch.full((len(chunk), n), pad_id, dtype=torch.long)
        mask = torch.zeros((len(chunk), n), dtype=torch.long)
        labels = torch.full((len(chunk), n), -100, dtype=torch.long)
        for j, f in enumerate(chunk):
            k = len(f["input_ids"])
            ids[j, :k] = torch.tensor(f["input_ids"])
            mask[j, :k] = 1
            labels[j, :k] = torch.tensor(f["labels"])
        yield ids, mask, labels


def importance(model, feats: list[dict], batch: int, pad_id: int, score_heads: bool):
    """Taylor importance per FFN neuron [layers, intermediate] and per head [layers, heads] (or None)."""
    import torch

    layers = model.base_model.encoder.layer
    cfg = model.config
    ffn_mask = torch.ones(len(layers), cfg.intermediate_size, requires_grad=True)
    head_mask = torch.ones(len(layers), cfg.num_attention_heads, requires_grad=True) if score_heads else None
    hooks = [layer.intermediate.register_forward_hook(lambda mod, inp, out, i=i: out * ffn_mask[i])
             for i, layer in enumerate(layers)]
    ffn_score = torch.zeros(len(layers), cfg.intermediate_size)
    head_score = torch.zeros(len(layers), cfg.num_attention_heads) if score_heads else None
    model.eval()
    try:
        for ids, mask, labels in batches(feats, batch, pad_id):
            out = model(input_ids=ids, attention_mask=mask, labels=labels, head_mask=head_mask)
            grads = torch.autograd.grad(out.loss, [ffn_mask] + ([head_mask] if score_heads else []))
            ffn_score += grads[0].abs()
            if score_heads:
                head_score += grads[1].abs()
    finally:
        for h in hooks:
            h.remove()
    return ffn_score, head_score


def cut(model, ffn_score, head_score, ffn: int, heads: int) -> dict:
    """Keep the top-`ffn` neurons and top-`heads` heads of every layer; returns the kept importance share."""
    import torch
    from transformers.pytorch_utils import prune_linear_layer

    share = {}
    if ffn and ffn < model.config.intermediate_size:
        kept = []
        for i, layer in enumerate(model.base_model.encoder.layer):
            index = torch.topk(ffn_score[i], ffn).indices.sort().values
            layer.intermediate.dense = prune_linear_layer(layer.intermediate.dense, index, dim=0)
            layer.output.dense = prune_linear_layer(layer.output.dense, index, dim=1)
            kept.append(round(float(ffn_score[i][index].sum() / ffn_score[i].sum()), 4))
        model.config.intermediate_size = ffn
        share["ffn_importance_kept_by_layer"] = kept
    if heads and head_score is not None and heads < model.config.num_attention_heads:
        drop = {i: torch.topk(-head_score[i], model.config.num_attention_heads - heads).indices.tolist()
                for i in range(head_score.shape[0])}
        model.prune_heads(drop)
        share["heads_dropped_by_layer"] = {i: sorted(h) for i, h in drop.items()}
    return share


def run(args) -> None:
    hf.require_torch()
    import torch
    import torch.nn.functional as F
    from transformers import AutoModelForTokenClassification, DataCollatorForTokenClassification

    start = start_training("prune", args, "teacher", args.teacher)
    rec, tok, id2label, train_feats, dev_feats = start.rec, start.tok, start.id2label, start.train_feats, start.dev_feats
    teacher = AutoModelForTokenClassification.from_pretrained(args.teacher, local_files_only=True).eval()
    if [teacher.config.id2label[i] for i in range(teacher.config.num_labels)] != id2label:
        raise SystemExit("the teacher's labels differ from the data's labels.json")

    student = copy.deepcopy(teacher)
    if args.layers and args.layers < student.config.num_hidden_layers:
        student.base_model.encoder.layer = student.base_model.encoder.layer[:args.layers]
        student.config.num_hidden_layers = args.layers
    scoring = random.Random(args.seed).sample(train_feats, min(args.importance_examples, len(train_feats)))
    t0 = time.monotonic()
    ffn_score, head_score = importance(student, scoring, args.batch, tok.pad_token_id, bool(args.heads))
    rec.metric("importance_seconds", round(time.monotonic() - t0, 1))
    rec.metric("importance_examples", len(scoring))
    for k, v in cut(student, ffn_score, head_score, args.ffn, args.heads).items():
        rec.metric(k, v)
    rec.metric("shape", {"layers": student.config.num_hidden_layers,
                         "intermediate_size": student.config.intermediate_size,
                         "heads_per_layer": student.base_model.encoder.layer[0].attention.self.num_attention_heads})
    rec.metric("parameters", {"teacher": sum(p.numel() for p in teacher.parameters()),
                              "student": sum(p.numel() for p in student.parameters())})

    t0 = time.monotonic()
    with torch.inference_mode():
        for i, (ids, mask, _) in enumerate(batches(train_feats if args.epochs > 0 else [], 32, tok.pad_token_id)):
            logits = teacher(input_ids=ids, attention_mask=mask).logits
            for j, f in enumerate(train_feats[i * 32:(i + 1) * 32]):
                f["teacher_logits"] = logits[j, :len(f["input_ids"])].tolist()
    rec.metric("teacher_seconds", round(time.monotonic() - t0, 1))
    base_collator = DataCollatorForTokenClassification(tok)

    def collate(features):
        logits = [f.get("teacher_logits") for f in features]
        batch = base_collator([{k: v for k, v in f.items() if k not in ("offsets", "teacher_logits")}
                               for f in features])
        if all(x is not None for x in logits):
            n = batch["input_ids"].shape[1]
            padded = torch.zeros(len(logits), n, len(id2label))
            for j, x in enumerate(logits):
                padded[j, :len(x)] = torch.tensor(x)
            batch["teacher_logits"] = padded
        return batch

    class DistillTrainer(sequential_eval_trainer()):
        """CE on gold labels mixed with the teacher's softened distribution; dev kept in order for span scoring."""

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            teacher_logits = inputs.pop("teacher_logits", None)
            outputs = model(**inputs)
            loss = outputs.loss
            if teacher_logits is not None and args.alpha > 0:
                keep = inputs["labels"] != -100
                t = args.temperature
                kl = F.kl_div(F.log_softmax(outputs.logits[keep] / t, -1), F.log_softmax(teacher_logits[keep] / t, -1),
                              log_target=True, reduction="batchmean") * t * t
                loss = args.alpha * kl + (1 - args.alpha) * loss
            return (loss, outputs) if return_outputs else loss

    targs = training_arguments(args, num_train_epochs=max(args.epochs, 1), remove_unused_columns=False)
    trainer = DistillTrainer(model=student, args=targs, train_dataset=train_feats, eval_dataset=dev_feats,
                             data_collator=collate, compute_metrics=span_f1_metrics(start.dev_rows, dev_feats, id2label),
                             callbacks=[time_limit(args.max_minutes)])
    rec.metric("dev_f1_after_cut", trainer.evaluate()["eval_f1"])
    if args.epochs > 0:
        t0 = time.monotonic()
        result = trainer.train()
        record_training(rec, trainer, result, time.monotonic() - t0)
    rec.metric("examples", {"train": len(start.train_rows), "dev": len(start.dev_rows)})
    save_checkpoint(rec, trainer, tok, start.out, id2label, start.labels)


def add_parser(sub) -> None:
    p = sub.add_parser("prune", help="structured pruning (FFN neurons, heads, top layers) + distillation")
    p.add_argument("--teacher", required=True, help="fine-tuned token-classification checkpoint (from `train`)")
    p.add_argument("--data", required=True, help="folder written by `data`")
    p.add_argument("--out", required=True)
    p.add_argument("--work", default=".work/runs/prune", help="checkpoints folder")
    p.add_argument("--ffn", type=int, default=0, help="FFN neurons kept per layer (0 = all)")
    p.add_argument("--heads", type=int, default=0, help="attention heads kept per layer (0 = all)")
    p.add_argument("--layers", type=int, default=0, help="keep the bottom N layers (0 = all)")
    p.add_argument("--importance-examples", type=int, default=512, help="training sentences used for scoring")
    p.add_argument("--epochs", type=float, default=6, help="recovery epochs (0 = cut only, no training)")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=8e-5)
    p.add_argument("--alpha", type=float, default=0.5, help="weight of the distillation term")
    p.add_argument("--temperature", type=float, default=2.0)
    p.add_argument("--max-length", type=int, default=192)
    p.add_argument("--max-minutes", type=float, default=0, help="stop (and keep the best epoch) after this time")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--limit", type=int, default=0, help="use only the first N examples (smoke tests)")
    p.add_argument("--generated-keep", type=float, default=1.0, help="fraction of generated examples kept")
    p.set_defaults(func=run)

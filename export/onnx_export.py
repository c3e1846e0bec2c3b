"""`export-onnx`, `quantize`: from a fine-tuned token-classification checkpoint to the runtime folder.

export-onnx: optimum `main_export` (task token-classification), then the classifier's input is added as a second
graph output `last_hidden_state`, so one pass serves the entity head and any other head, then onnxruntime's
transformer optimizer fuses attention/LayerNorm/GELU for CPU. With `--task feature-extraction` a base checkpoint,
cut to its bottom `--layers`, is exported as it is (output `last_hidden_state`): the request heads' encoder, whose
general-purpose sentence features carry the purpose of a letter better than the entity model's. quantize: int8 dynamic quantization
(`onnxruntime.quantization.quantize_dynamic`, per-channel, u8 weights), which works on the fused graph.
The runtime folder holds model.onnx, tokenizer.json, encoder.json (special ids and window) and labels.json.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from . import hf
from .record import Record

RUNTIME_FILES = ("tokenizer.json", "encoder.json", "labels.json")


def expose_hidden_state(onnx_path: Path, output_name: str = "logits") -> None:
    """Add the tensor feeding the classifier (the encoder's last hidden state) as a graph output."""
    import onnx

    model = onnx.load(str(onnx_path))
    graph = model.graph
    producers = {o: n for n in graph.node for o in n.output}
    node = producers[output_name]
    if node.op_type == "Add":
        matmuls = [producers[i] for i in node.input if i in producers and producers[i].op_type == "MatMul"]
        node = matmuls[0] if len(matmuls) == 1 else node
    if node.op_type not in ("MatMul", "Gemm"):
        raise SystemExit(f"unexpected classifier node {node.op_type}: cannot expose the hidden state")
    hidden = node.input[0]
    value = onnx.helper.make_tensor_value_info("last_hidden_state", onnx.TensorProto.FLOAT,
                                               ["batch_size", "sequence_length", None])
    graph.node.append(onnx.helper.make_node("Identity", [hidden], ["last_hidden_state"], name="expose_hidden"))
    graph.output.append(value)
    onnx.save(model, str(onnx_path))


def encoder_json(tok, window: int, overlap: int, batch_windows: int, text_prefix: str = "", max_tokens: int = 0) -> dict:
    bos = tok.cls_token_id if tok.cls_token_id is not None else tok.bos_token_id
    eos = tok.sep_token_id if tok.sep_token_id is not None else tok.eos_token_id
    config = {"bos_id": bos, "eos_id": eos, "pad_id": tok.pad_token_id, "window": window, "overlap": overlap,
              "batch_windows": batch_windows}
    if text_prefix:
        config["text_prefix"] = text_prefix
    if max_tokens:
        config["max_tokens"] = max_tokens
    return config


def run_export(args) -> None:
    hf.require_torch()
    from onnxruntime.transformers.optimizer import optimize_model
    from optimum.exporters.onnx import main_export
    from transformers import AutoConfig, AutoTokenizer

    src, out = Path(args.model), Path(args.out)
    rec = Record("export-onnx", vars(args))
    rec.input("model", src)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = _bottom_layers(src, args.layers, Path(tmp) / "cut") if args.layers else src
        main_export(str(source), str(Path(tmp) / "onnx"), task=args.task, opset=args.opset, local_files_only=True,
                    do_validation=True)
        raw = Path(tmp) / "onnx" / "model.onnx"
        if args.task == "token-classification":
            expose_hidden_state(raw)
        config = AutoConfig.from_pretrained(source, local_files_only=True)
        if args.optimize and config.model_type in ("bert", "roberta", "xlm-roberta", "camembert"):
            opt = optimize_model(str(raw), model_type="bert", num_heads=config.num_attention_heads,
                                 hidden_size=config.hidden_size, opt_level=1)
            opt.save_model_to_file(str(out / "model.onnx"))
            rec.metric("fused_ops", {k: v for k, v in opt.get_fused_operator_statistics().items() if v})
        else:
            shutil.copy(raw, out / "model.onnx")
    tok = AutoTokenizer.from_pretrained(src, local_files_only=True)
    tok.backend_tokenizer.save(str(out / "tokenizer.json"))
    runtime = encoder_json(tok, args.window, args.overlap, args.batch_windows, args.text_prefix, args.max_tokens)
    (out / "encoder.json").write_text(json.dumps(runtime) + "\n")
    labels = src / "labels.json"
    if labels.exists():
        shutil.copy(labels, out / "labels.json")
    elif args.task == "token-classification":
        id2label = [config.id2label[i] for i in range(config.num_labels)]
        (out / "labels.json").write_text(json.dumps({"id2label": id2label}) + "\n")
    for name in ("model.onnx", *RUNTIME_FILES):
        if not (out / name).exists():
            continue
        rec.output(name, out / name)
    print(f"exported {out / 'model.onnx'} ({(out / 'model.onnx').stat().st_size / 2**20:.1f} MiB)")
    rec.write(out)


def _bottom_layers(src: Path, layers: int, out: Path) -> Path:
    """A copy of checkpoint `src` keeping its bottom `layers` transformer layers (no other change)."""
    from transformers import AutoModel, AutoTokenizer

    model = AutoModel.from_pretrained(src, local_files_only=True, add_pooling_layer=False)
    model.encoder.layer = model.encoder.layer[:layers]
    model.config.num_hidden_layers = layers
    model.save_pretrained(out)
    AutoTokenizer.from_pretrained(src, local_files_only=True).save_pretrained(out)
    return out


def run_quantize(args) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src, out = Path(args.src), Path(args.out)
    rec = Record("quantize", vars(args))
    rec.input("model", src / "model.onnx", hash_file=True)
    out.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(str(src / "model.onnx"), str(out / "model.onnx"), per_channel=args.per_channel,
                     weight_type=QuantType.QUInt8 if args.weights == "u8" else QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})  # fused ops lack type info
    for name in RUNTIME_FILES:
        if (src / name).exists():
            shutil.copy(src / name, out / name)
    before, after = (src / "model.onnx").stat().st_size, (out / "model.onnx").stat().st_size
    rec.metric("bytes_fp32", before)
    rec.metric("bytes_int8", after)
    rec.metric("ratio", round(after / before, 3))
    for name in ("model.onnx", *RUNTIME_FILES):
        if (out / name).exists():
            rec.output(name, out / name)
    print(f"quantized: {before / 2**20:.1f} MiB -> {after / 2**20:.1f} MiB ({after / before:.0%})")
    rec.write(out)


def add_parser(sub) -> None:
    p = sub.add_parser("export-onnx", help="ONNX export (optimum) + hidden-state output + graph fusion")
    p.add_argument("--model", required=True, help="fine-tuned checkpoint folder (a base one with --task feature-extraction)")
    p.add_argument("--out", required=True)
    p.add_argument("--task", choices=("token-classification", "feature-extraction"), default="token-classification")
    p.add_argument("--layers", type=int, default=0, help="export only the bottom N layers (0 = all)")
    p.add_argument("--opset", type=int, default=17)
    p.add_argument("--window", type=int, default=256, help="runtime window in tokens (specials included)")
    p.add_argument("--overlap", type=int, default=32,
                   help="tokens shared by neighbouring windows (each kept token sees at least half of it)")
    p.add_argument("--batch-windows", type=int, default=4,
                   help="windows per onnxruntime call (on 2 cores, 4 x 256 tokens ran fastest)")
    p.add_argument("--text-prefix", default="", help='put before every text at run time (e5: "query: ")')
    p.add_argument("--max-tokens", type=int, default=0, help="read only the first N tokens of a document (0 = all)")
    p.add_argument("--no-optimize", dest="optimize", action="store_false")
    p.set_defaults(func=run_export)
    q = sub.add_parser("quantize", help="int8 dynamic quantization of an exported folder")
    q.add_argument("--src", required=True)
    q.add_argument("--out", required=True)
    q.add_argument("--weights", choices=("u8", "s8"), default="u8")
    q.add_argument("--no-per-channel", dest="per_channel", action="store_false")
    q.set_defaults(func=run_quantize)

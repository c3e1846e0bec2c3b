"""Small helpers around transformers/torch shared by the factory commands (never imported at run time)."""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402


def require_torch():
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:
        raise SystemExit(f"this command needs the training stack (pip install -r requirements/train.txt): {exc}")


def load_encoder(folder: Path):
    """Any local Hugging Face encoder checkpoint: tokenizer + base model through the Auto* classes."""
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModel.from_pretrained(folder, local_files_only=True, add_pooling_layer=False) \
        if _accepts_pooler_flag(folder) else AutoModel.from_pretrained(folder, local_files_only=True)
    model.eval()
    return tok, model


def _accepts_pooler_flag(folder: Path) -> bool:
    from transformers import AutoConfig

    model_type = AutoConfig.from_pretrained(folder, local_files_only=True).model_type
    return model_type in {"bert", "roberta", "xlm-roberta", "camembert"}


def mean_pooled(tok, model, texts: list[str], batch_size: int = 16) -> np.ndarray:
    """Mean over all tokens (specials included, as e5's C engine does), L2-normalised."""
    import torch

    out = []
    with torch.inference_mode():
        for i in range(0, len(texts), batch_size):
            enc = tok(texts[i:i + batch_size], padding=True, truncation=True, return_tensors="pt")
            feed = {k: v for k, v in enc.items() if k in ("input_ids", "attention_mask")}
            hidden = model(**feed).last_hidden_state
            mask = feed["attention_mask"].unsqueeze(-1).float()
            vec = (hidden * mask).sum(1) / mask.sum(1)
            out.append(torch.nn.functional.normalize(vec, dim=-1).numpy())
    return np.concatenate(out)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())

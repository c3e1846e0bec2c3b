"""One transformer pass over a whole document, shared by every head that reads it (onnxruntime + tokenizers).

The document is tokenized once with offsets; token sequences longer than the window are cut into windows that
overlap, all windows run as one padded batch, and each token keeps the outputs of the window where it sits
farthest from an edge. Token-level outputs (e.g. `logits`, `last_hidden_state`) come back aligned with the
document's tokens and character offsets, so several heads (entities, request type) can read the same pass.
The last documents' passes are kept for exactly that reason (and so that a batch import can run the next
document's pass in a worker thread while the current one goes through the rules: `Engine.prefetch_model_pass`).
"""
from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


RECENT_RUNS = 2  # the document being analysed and the next one, prepared during a batch import


@dataclass
class EncoderConfig:
    bos_id: int
    eos_id: int
    pad_id: int
    window: int = 256  # tokens per window, specials included
    overlap: int = 32
    batch_windows: int = 4
    text_prefix: str = ""  # put before the text, as the model was trained to read it (e5: "query: ")
    max_tokens: int = 0  # read only the first N tokens (prefix included); 0 = the whole document

    @classmethod
    def read(cls, path: Path) -> "EncoderConfig":
        return cls(**json.loads(path.read_text(encoding="utf-8")))


@dataclass
class EncoderRun:
    text: str
    ids: list[int]
    offsets: list[tuple[int, int]]
    outputs: dict[str, np.ndarray] = field(default_factory=dict)  # name → [T, ...] aligned with ids
    windows: int = 0


def window_bounds(n: int, content: int, overlap: int) -> list[tuple[int, int, int, int]]:
    """(start, end, keep_from, keep_to) per window over n tokens: as few windows of at most `content` tokens as
    cover them with `overlap` shared, all of the same size (so that the padded batch computes no padding); each
    token is kept from exactly one window (the split falls in the middle of each overlap)."""
    if n <= content:
        return [(0, n, 0, n)]
    count = -(-(n - overlap) // (content - overlap))
    size = -(-(n + (count - 1) * overlap) // count)
    starts = [k * (n - size) // (count - 1) for k in range(count)]
    out = []
    for k, start in enumerate(starts):
        end = start + size
        keep_from = start if k == 0 else (start + starts[k - 1] + size) // 2
        keep_to = end if k == count - 1 else (starts[k + 1] + end) // 2
        out.append((start, end, keep_from, keep_to))
    return out


class Encoder:
    def __init__(self, session: ort.InferenceSession, tokenizer: Tokenizer, config: EncoderConfig):
        self.session = session
        self.tokenizer = tokenizer
        self.config = config
        self.input_names = {i.name for i in session.get_inputs()}
        self.output_names = [o.name for o in session.get_outputs()]
        self._recent: OrderedDict[str, EncoderRun] = OrderedDict()  # by insertion, or by last read once read
        self._read: set[str] = set()
        self.passes = 0  # passes run so far (a batch import should run one per document)
        self.kept_runs = RECENT_RUNS  # more while a batch import runs passes ahead (desktop/importer.py)
        self._running: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls, folder: str | Path, model_file: str = "model.onnx", threads: int | None = None) -> "Encoder":
        folder = Path(folder)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(str(folder / model_file), sess_options=opts,
                                       providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return cls(session, tokenizer, EncoderConfig.read(folder / "encoder.json"))

    def run(self, text: str, outputs: list[str] | None = None) -> EncoderRun:
        """All graph outputs for `text`, kept for the last `kept_runs` texts so that heads share one pass.
        Safe to call from several threads (onnxruntime runs concurrently; only the cache is locked); a text whose
        pass another thread is running waits for that pass rather than running it twice."""
        while True:
            cached, running = self._claim(text, read=True)
            if cached is not None:
                return cached
            if running is None:
                return self._run_claimed(text, read=True)
            running.wait()  # then take it from the kept passes (or run it, if it was dropped meanwhile)

    def run_ahead(self, text: str) -> None:
        """Run the pass for `text` now unless it is kept or another thread is running it: a read-ahead thread
        never waits for the thread that is analysing (that one took the pass over because it was free first)."""
        cached, running = self._claim(text, read=False)
        if cached is None and running is None:
            self._run_claimed(text, read=False)

    def _claim(self, text: str, read: bool) -> tuple[EncoderRun | None, threading.Event | None]:
        """The kept pass of `text` (marked as `read` by a head), or the event of the thread running it, or
        (None, None) after marking it as run by this thread."""
        with self._lock:
            cached = self._recent.get(text)
            if cached is not None:
                if read:
                    self._recent.move_to_end(text)
                    self._read.add(text)
                return cached, None
            running = self._running.get(text)
            if running is None:
                self._running[text] = threading.Event()
            return None, running

    def _run_claimed(self, text: str, read: bool) -> EncoderRun:
        try:
            return self._run(text, read)
        finally:
            with self._lock:
                self._running.pop(text).set()

    def _run(self, text: str, read: bool) -> EncoderRun:
        cfg = self.config
        enc = self.tokenizer.encode(cfg.text_prefix + text, add_special_tokens=False)
        ids, offsets = list(enc.ids), [tuple(o) for o in enc.offsets]
        if cfg.text_prefix:  # offsets stay those of `text` (the prefix's own tokens point before it)
            offsets = [(start - len(cfg.text_prefix), end - len(cfg.text_prefix)) for start, end in offsets]
        if cfg.max_tokens:
            ids, offsets = ids[:cfg.max_tokens], offsets[:cfg.max_tokens]
        run = EncoderRun(text, ids, offsets)
        bounds = window_bounds(len(ids), cfg.window - 2, cfg.overlap)
        run.windows = len(bounds)
        collected: dict[str, list[np.ndarray]] = {name: [] for name in self.output_names}
        for b0 in range(0, len(bounds), cfg.batch_windows):
            batch = bounds[b0:b0 + cfg.batch_windows]
            width = max(e - s for s, e, _, _ in batch) + 2
            input_ids = np.full((len(batch), width), cfg.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, (s, e, _, _) in enumerate(batch):
                input_ids[row, :e - s + 2] = [cfg.bos_id, *ids[s:e], cfg.eos_id]
                mask[row, :e - s + 2] = 1
            feed = {"input_ids": input_ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feed["token_type_ids"] = np.zeros_like(input_ids)
            values = self.session.run(self.output_names, feed)
            for name, value in zip(self.output_names, values):
                if value.ndim < 3:  # pooled outputs are per window: keep them as they are
                    collected[name].append(value)
                    continue
                for row, (s, _, keep_from, keep_to) in enumerate(batch):
                    collected[name].append(value[row, 1 + keep_from - s:1 + keep_to - s])
        for name, parts in collected.items():
            if parts:
                run.outputs[name] = np.concatenate(parts, axis=0)
            else:
                run.outputs[name] = np.zeros((0,), dtype=np.float32)
        with self._lock:
            self._recent[text] = run
            self.passes += 1
            if read:
                self._read.add(text)
            self._keep_recent()
        return run

    def _keep_recent(self) -> None:
        """Drop passes beyond `kept_runs`, those already read first (least recently read first): a pass run ahead
        waits for its document. Dropping by age alone threw away the batch's first passes, run during start-up,
        for the passes run ahead of them, and every document's pass ran twice (100 PDFs: 198 passes)."""
        while len(self._recent) > self.kept_runs:
            oldest = next((text for text in self._recent if text in self._read), next(iter(self._recent)))
            del self._recent[oldest]
            self._read.discard(oldest)

    def forget(self) -> None:
        """Drop the kept passes (benchmarks time the pass itself)."""
        with self._lock:
            self._recent.clear()
            self._read.clear()

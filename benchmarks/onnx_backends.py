"""ONNX Runtime backends for the embedding model, against PyTorch, in one run (issue 12: "consider
the ONNX or quantised backends"). Measured here; StoryDiff itself keeps the PyTorch model.

Exports the bundled all-MiniLM-L6-v2 transformer to ONNX (fp32, ``torch.onnx.export``) and
quantises it to int8 weights (``onnxruntime.quantization.quantize_dynamic``), into a temporary
folder. The pooling StoryDiff's model uses (mean over the tokens, then unit length) is done in
numpy around the ONNX session. Then, one process, models loaded once (load and export excluded):

- speed: the strings ``compare`` embeds for ``--articles`` PolNeAR dev articles (passages and
  adjacent pairs), encoded by ``SentenceTransformer.encode`` (batch 32) and by each ONNX session
  (length-sorted batches of 32), alternately, ``--rounds`` times; throughput ratios;
- vectors: the largest difference from PyTorch's and the lowest cosine with them;
- quality: MRPC val accuracy / F1 at the default threshold, and the development story sets
  (``eval_stories``: mean row F1, lowest pair, quote status on present cells, speaker) with
  each backend as the comparison's embedder.

Needs ``onnxruntime`` and ``onnx``, which StoryDiff does not depend on; install them beside the
virtual environment, e.g.:

    .venv/bin/pip install --target /tmp/onnxlib onnxruntime onnx   # then remove its numpy copy
    PYTHONPATH=/tmp/onnxlib:desktop .venv/bin/python benchmarks/onnx_backends.py [--articles 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "desktop"), str(Path(__file__).resolve().parent)]

from embed_speed import article_texts  # noqa: E402
from eval_stories import load_scorer, run_set, score_set, summary  # noqa: E402
from tune_threshold import data_folder, metrics, read_pairs, split_paths  # noqa: E402

from storydiff.alignment.embedder import BATCH_SIZE, Embedder, resolve_model  # noqa: E402
from storydiff.engine import DEFAULT_THRESHOLD  # noqa: E402
from storydiff.storage.cache import EmbeddingCache  # noqa: E402

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


class OrtEmbedder:
    """StoryDiff's embedder interface (``embed``, ``model_id``) over an ONNX Runtime session."""

    def __init__(self, path: Path, tokenizer, max_length: int, label: str) -> None:
        import onnxruntime

        self.session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        self.tokenizer, self.max_length, self.model_id = tokenizer, max_length, label

    def load(self, progress=None) -> None:
        pass

    def embed(self, texts, *, progress=None) -> np.ndarray:
        texts = list(texts)
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start:start + BATCH_SIZE]
            encoded = self.tokenizer([texts[i] for i in batch], padding=True, truncation=True,
                                     max_length=self.max_length, return_tensors="np")
            hidden = self.session.run(None, {name: encoded[name].astype(np.int64) for name in INPUTS})[0]
            mask = encoded["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            out[batch] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return out


def export(model, folder: Path) -> tuple[Path, Path]:
    """The transformer as ONNX (fp32) and its int8-weight quantisation."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Hidden(torch.nn.Module):
        def __init__(self, bert) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    sample = model.tokenizer(["a sentence", "another, longer sentence"], padding=True, return_tensors="pt")
    fp32, int8 = folder / "model.onnx", folder / "model-int8.onnx"
    torch.onnx.export(Hidden(model[0].auto_model.eval()), tuple(sample[n] for n in INPUTS), str(fp32),
                      input_names=list(INPUTS), output_names=["last_hidden_state"],
                      dynamic_axes={n: {0: "batch", 1: "tokens"} for n in (*INPUTS, "last_hidden_state")},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    return fp32, int8


def speed(backends: dict, texts: list[str], rounds: int) -> dict[str, tuple[float, np.ndarray]]:
    times: dict[str, list[float]] = {name: [] for name in backends}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(rounds):
        for name, encode in backends.items():
            began = time.perf_counter()
            vectors[name] = encode(texts)
            times[name].append(time.perf_counter() - began)
    return {name: (statistics.median(times[name]), vectors[name]) for name in backends}


def mrpc(data: Path, embedders: dict) -> dict[str, dict]:
    val = read_pairs(split_paths(data)["val"])
    sentences = list(dict.fromkeys(val.first + val.second))
    results = {}
    for name, embedder in embedders.items():
        vectors = dict(zip(sentences, embedder.embed(sentences)))
        cosines = np.array([float(vectors[a] @ vectors[b]) for a, b in zip(val.first, val.second)])
        results[name] = metrics(cosines, val.labels, DEFAULT_THRESHOLD)
    return results


def stories(data: Path, embedders: dict) -> dict[str, dict]:
    scorer = load_scorer(data)
    sets = sorted(p for p in (data / "stories").glob("*") if (p / "statements.json").is_file())
    results = {}
    for name, embedder in embedders.items():
        scored = {}
        for folder in sets:
            doc, elapsed = run_set(folder, embedder, DEFAULT_THRESHOLD)
            scored[folder.name] = (score_set(scorer, folder, doc), elapsed)
        results[name] = summary(scored)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    data = data_folder(args.data)
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(resolve_model(None).location, device="cpu")
    with tempfile.TemporaryDirectory() as scratch:
        fp32, int8 = export(model, Path(scratch))
        sizes = {path.name: path.stat().st_size / 1e6 for path in (fp32, int8)}
        onnx32 = OrtEmbedder(fp32, model.tokenizer, model.max_seq_length, "onnx-fp32")
        onnx8 = OrtEmbedder(int8, model.tokenizer, model.max_seq_length, "onnx-int8")
        torch_embedder = Embedder(None, cache=EmbeddingCache(persistent=False))
        print(f"ONNX files: {', '.join(f'{k} {v:.1f} MB' for k, v in sizes.items())}")

        texts = article_texts(data, args.articles)
        timed = speed({
            "pytorch": lambda t: np.asarray(model.encode(t, batch_size=BATCH_SIZE, normalize_embeddings=True,
                                                         show_progress_bar=False), dtype=np.float32),
            "onnx-fp32": onnx32.embed, "onnx-int8": onnx8.embed}, texts, args.rounds)
        base_seconds, base_vectors = timed["pytorch"]
        print(f"\nspeed: {len(texts)} strings from {args.articles} PolNeAR dev articles, median of {args.rounds}")
        print(f"{'backend':<11}{'seconds':>9}{'strings/s':>11}{'vs pytorch':>12}{'max |diff|':>12}{'min cosine':>12}")
        for name, (seconds, vectors) in timed.items():
            diff = float(np.abs(vectors - base_vectors).max())
            cosine = float((vectors * base_vectors).sum(axis=1).min())
            print(f"{name:<11}{seconds:>9.2f}{len(texts) / seconds:>11.1f}{base_seconds / seconds:>11.2f}x"
                  f"{diff:>12.2e}{cosine:>12.4f}")

        embedders = {"pytorch": torch_embedder, "onnx-fp32": onnx32, "onnx-int8": onnx8}
        print(f"\nMRPC val at threshold {DEFAULT_THRESHOLD}")
        for name, result in mrpc(data, embedders).items():
            print(f"{name:<11} accuracy {result['accuracy'] * 100:.1f}  F1 {result['f1'] * 100:.1f}")
        print("\ndevelopment story sets (eval_stories)")
        for name, total in stories(data, embedders).items():
            print(f"{name:<11} mean row F1 {total['mean_row_f1']:.3f} (lowest {total['min_row_f1']:.3f}), "
                  f"status on present cells {total['status_present']:.3f}, speaker {total['speaker']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

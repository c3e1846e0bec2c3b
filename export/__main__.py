"""Command line of the model factory: `python -m export COMMAND ...` (see `--help`).

The request heads have their own command group, `python -m export.request_model ...`; the evaluations are
`python -m export.request_eval`, `python -m export.knowledge_eval` and `python -m export.deid_eval`; the lexicons
are compiled by `python -m export.lexicons`.
"""
from __future__ import annotations

import argparse

from . import base, data, model_card, onnx_export, prune, request_data, runtime_eval, train, trim


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m export", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (base, data, trim, train, prune, onnx_export, runtime_eval, model_card, request_data):
        module.add_parser(sub)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()

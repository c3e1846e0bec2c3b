"""Command line of the model factory: `python -m export COMMAND ...` (see `--help`)."""
from __future__ import annotations

import argparse

from . import base, data, model_card, onnx_export, runtime_eval, train, trim


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m export", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (base, data, trim, train, onnx_export, runtime_eval, model_card):
        module.add_parser(sub)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()

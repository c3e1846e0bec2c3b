"""Guards against a Qt binding that corrupts reference counts in signal emission.

PySide6 6.12.0 drops one reference to `True` on every Python-side `Signal.emit` (and one to `None` per call of a
lambda slot). On Python 3.11, where `True` is not immortal, the process aborts after a couple of thousand emits,
i.e. during a few hundred imported files. 6.11.3 is correct.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


class _Receiver(QObject):
    def take(self, value: object) -> None:
        self.value = value


def test_signal_emission_keeps_reference_counts(qapp):
    emitter, receiver = _Emitter(), _Receiver()
    emitter.fired.connect(receiver.take)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.fired.emit(None)
    lost = before - sys.getrefcount(True)
    assert lost < 20, f"PySide6 lost {lost} references to True in 200 emits: pin PySide6-Essentials==6.11.3"

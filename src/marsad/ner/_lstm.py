"""The BiLSTM-CRF tagger's recurrence in numpy: torch LSTM weights in runner gate order
(:func:`_gates`), both directions in lockstep over packed, length-sorted rows (:func:`_run_both`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class _Lstm:
    w_ih: F32
    w_hh: F32
    bias: F32


#: gate order inside the runner: the three sigmoid gates first, then the cell input (torch: i, f, g, o)
_GATE_ORDER = (0, 1, 3, 2)


def _gates(w: F32, hid: int) -> F32:
    """Rows of a torch LSTM matrix (or bias) as ``(4, hid, ...)`` in runner gate order, with the
    sigmoid gates scaled by ½ so that one ``tanh`` serves all four (σ(x) = ½ tanh(x/2) + ½)."""
    g = w.reshape(4, hid, *w.shape[1:])[list(_GATE_ORDER)].copy()
    g[:3] *= 0.5
    return g


def _recurrent(lstm: _Lstm) -> F32:
    """``W_hh^T`` ``(h, 4h)`` in runner gate order and scaling: ``h @ W`` is the recurrent part."""
    hid = lstm.w_hh.shape[1]
    out: F32 = _gates(lstm.w_hh, hid).reshape(4 * hid, hid).T.copy()
    return out


def _input_columns(w_ih: F32, hid: int) -> F32:
    """``W_ih^T`` (or some of its input columns' rows) in runner gate order and scaling."""
    w: F32 = _gates(w_ih, hid).reshape(4 * hid, -1).T.copy()
    return w


def _input_projection(lstm: _Lstm) -> tuple[F32, F32]:
    """``(W_ih^T, bias)`` in runner gate order and scaling: ``x @ W + b`` is one direction's
    ``(…, 4·hid)`` pre-activation."""
    hid = lstm.w_hh.shape[1]
    b: F32 = _gates(lstm.bias, hid).reshape(4 * hid)
    return _input_columns(lstm.w_ih, hid), b


def _run_both(w_fwd: F32, w_bwd: F32, pre_fwd: F32, pre_bwd: F32, lengths: I64) -> F32:
    """Forward and backward LSTM in lockstep over their input pre-activations ``(b, t, 4h)``, the
    backward ones already time-reversed per sentence. Returns ``(b, t, 2h)``: forward states,
    then the backward states (in reversed time); zero past each sentence's end.

    The rows must be sorted by ``lengths``, longest first: step ``k`` then runs only on the
    leading rows whose sentence is still going (a packed sequence, as in torch), so padding costs
    nothing. Each direction's recurrent product is its own ``(n, h) @ (h, 4h)``; the gate
    arithmetic runs on both directions at once over ``(n, 2, h)`` views. The sigmoid gates' inputs
    are pre-scaled by ½ (see ``_gates``), so one ``tanh`` serves all four gates and
    σ(x) = (tanh(x/2) + 1) / 2: c ← σf·c + σi·g = ((tf + 1)·c + (ti + 1)·tg) / 2 and
    h ← σo·tanh(c) = (to + 1)·tanh(c) / 2.
    """
    b, t, _ = pre_fwd.shape
    hid = w_fwd.shape[0]
    if b > 1 and bool((lengths[1:] > lengths[:-1]).any()):
        raise ValueError("rows must be sorted by length, longest first")
    # rows still inside their sentence at each step (lengths are non-increasing)
    alive = np.searchsorted(-lengths, -np.arange(t), side="left") if b else np.zeros(t, np.int64)
    g = np.empty((b, 2, 4 * hid), np.float32)
    h = np.zeros((b, 2, hid), np.float32)
    c = np.zeros((b, 2, hid), np.float32)
    a = np.empty((b, 2, hid), np.float32)
    x = np.empty((b, 2, hid), np.float32)
    out = np.zeros((b, t, 2, hid), np.float32)
    for k, n in enumerate(alive.tolist()):
        gn, hn, cn, an, xn = g[:n], h[:n], c[:n], a[:n], x[:n]
        np.matmul(hn[:, 0], w_fwd, out=gn[:, 0])
        np.matmul(hn[:, 1], w_bwd, out=gn[:, 1])
        gn[:, 0] += pre_fwd[:n, k]
        gn[:, 1] += pre_bwd[:n, k]
        np.tanh(gn, out=gn)
        ti, tf, to, tg = (gn[:, :, j * hid : (j + 1) * hid] for j in range(4))
        np.multiply(tf, cn, out=an)
        an += cn
        np.multiply(ti, tg, out=xn)
        xn += tg
        np.add(an, xn, out=cn)
        cn *= 0.5
        np.tanh(cn, out=xn)
        np.multiply(to, xn, out=hn)
        hn += xn
        hn *= 0.5
        out[:n, k] = hn
    res: F32 = out.reshape(b, t, 2 * hid)
    return res


def _reverse_index(lengths: I64, t: int) -> I64:
    pos = np.arange(t)[None, :]
    rev: I64 = np.where(pos < lengths[:, None], lengths[:, None] - 1 - pos, pos)
    return rev

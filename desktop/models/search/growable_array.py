"""A numpy array that grows at its end in amortised O(1), for indexes built page by page."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


class GrowableArray:
    def __init__(self, dtype: npt.DTypeLike, capacity: int = 1024) -> None:
        self._data: npt.NDArray[Any] = np.empty(max(capacity, 16), dtype=dtype)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    @property
    def array(self) -> npt.NDArray[Any]:
        """The filled part, as a view: writes through it change the array."""
        return self._data[: self._size]

    def extend(self, values: npt.ArrayLike) -> None:
        values = np.asarray(values, dtype=self._data.dtype)
        end = self._size + len(values)
        if end > len(self._data):
            # Growing by half keeps a million-row index from copying itself more than ~30 times.
            bigger = np.empty(max(end, len(self._data) * 3 // 2), dtype=self._data.dtype)
            bigger[: self._size] = self._data[: self._size]
            self._data = bigger
        self._data[self._size : end] = values
        self._size = end

    def clear(self) -> None:
        self._size = 0

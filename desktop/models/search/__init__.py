"""The Qt-free search and sort core: rows, keys, indexes, sort orders. No Qt here, so it
is tested and benchmarked on its own."""

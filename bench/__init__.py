"""Benchmarks for Regie. Speed is measured here, never asserted in tests.

Machines are noisy, so every benchmark reports its figures next to a baseline measured on the
same machine in the same run, as a ratio. See docs/performance.md.
"""

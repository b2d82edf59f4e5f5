"""Benchmarks (``make bench``): see BENCHMARKS.md and bench/run_all.py."""

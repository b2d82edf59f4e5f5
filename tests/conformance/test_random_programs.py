"""Random programs (see ``randprog``) print the same under real Lua 5.3 and compiled.

100 examples of 20 programs each: 2,000 programs per run, compiled 20 to a chunk.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .harness import compiled_output, reference_output
from .randprog import Gen, batch

PER_CHUNK = 20
EXAMPLES = 100


# no shrinking: a batch of 20 programs shrinks slowly; the failure names the program instead
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.randoms(use_true_random=False))
def test_random_programs_match_lua(rnd: random.Random) -> None:
    gen = Gen(rnd)
    programs = [gen.program() for _ in range(PER_CHUNK)]
    src = "-- lua: 5.3\n" + batch(programs)
    expected = reference_output(src, "5.3")
    got = compiled_output(src)
    if got != expected:
        for p in programs:
            one = "-- lua: 5.3\n" + p
            exp1, got1 = reference_output(one, "5.3"), compiled_output(one)
            if exp1 != got1:
                diff = [(a, b) for a, b in zip(exp1 + ["<none>"] * len(got1),
                                               got1 + ["<none>"] * len(exp1)) if a != b]
                raise AssertionError(f"lua: {diff[0][0]}\ngot: {diff[0][1]}\nprogram:\n{one}")
        assert got == expected, src

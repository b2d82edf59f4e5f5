"""The Temporal binding: everything that calls temporalio.

* ``workflow_base``: the base class of generated workflow classes (signals, updates, queries,
  the run); ``backend``/``process_backend``: ``TemporalBackend``, the modules' backend inside a
  workflow (activities, timers, children, signals, versions, search attributes).
* ``converter``: Wippy's payload converter; ``interceptors``: the ``wippy-context`` header.
* ``worker``: clients and workers set up for compiled workflows; ``runner``: ``luac2py run`` and
  ``luac2py worker``; ``replay``: ``luac2py replay``; ``testing``: the Temporal servers of the
  PyPI packages, for tests and ``luac2py run``.

May import ``modules`` and ``lua``, never ``host``.
"""

import temporalio.exceptions
import temporalio.workflow

from ..lua.errors import pass_through

# the SDK's control flow crosses Lua frames: no pcall may catch it
pass_through(temporalio.exceptions.TemporalError, temporalio.workflow.ContinueAsNewError,
             temporalio.workflow.NondeterminismError)

"""The ``wippy-context`` header: ``ctx`` values and the signal sender travel in it
(SEMANTICS.md section 4). Filled in by the context-propagation work; a no-op pass-through
until then."""

from __future__ import annotations

import temporalio.client
import temporalio.worker


class ContextInterceptor(temporalio.client.Interceptor, temporalio.worker.Interceptor):
    """Client and worker interceptor carrying the ``wippy-context`` header."""

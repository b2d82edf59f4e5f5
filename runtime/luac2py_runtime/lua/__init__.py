"""The Lua language and its standard library, as Wippy's VM (go-lua) defines them.

* ``values``: the representation of Lua values in Python (``LuaTable``, ``Userdata``, byte
  strings); ``ops``: operators, indexing and calls (the slow paths of generated code);
  ``errors``: Lua errors and their Lua positions.
* ``base`` (the global functions), ``string`` (with Lua patterns), ``table``, ``math``,
  ``coroutine``; ``lib``: stable names of the library functions generated code imports.
* ``execution``: one execution's Lua state (globals, loaded modules, random source, its Lua
  coroutines) and the slot for its backend.

No Temporal and no I/O here, and no import of the other layers (``modules``, ``temporal``,
``host``): they plug in from above, through ``execution.MODULE_BUILDERS``,
``errors.pass_through`` and the execution's backend object.
"""

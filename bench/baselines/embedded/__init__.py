"""The embedded-interpreter baseline: the workloads' Lua run by lupa inside Python workflows."""

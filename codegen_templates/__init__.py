"""Jinja2 templates for generated modules (package data of luac2py)."""

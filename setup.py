"""Build step for cocolint's optional native speed-ups (cocolint/csrc); the rest is in pyproject.toml."""

from setuptools import Extension, setup

# optional: where no C compiler is at hand the build goes on without it, and cocolint runs the
# same code paths in pure Python (cocolint/accel.py)
setup(ext_modules=[Extension(
    "cocolint._native",
    sources=["cocolint/csrc/module.c", "cocolint/csrc/comments.c", "cocolint/csrc/literals.c",
             "cocolint/csrc/directives.c"],
    depends=["cocolint/csrc/native.h"],
    extra_compile_args=["-O2"],
    optional=True,
)])

"""Build step for cocolint's optional native speed-ups (cocolint/csrc); the rest is in pyproject.toml."""

import glob

from setuptools import Extension, setup

# optional: where no C compiler is at hand the build goes on without it, and cocolint runs the
# same code paths in pure Python (cocolint/accel.py)
setup(ext_modules=[Extension(
    "cocolint._native",
    sources=sorted(glob.glob("cocolint/csrc/*.c")),  # module.c and the file of each piece
    depends=glob.glob("cocolint/csrc/*.h"),
    extra_compile_args=["-O2"],
    optional=True,
)])

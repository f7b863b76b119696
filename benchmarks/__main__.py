"""`make bench` → ``python -m benchmarks``: run every ``benchmarks/bench_*.py`` ``main()``.

Each benchmark prints its own numbers and ratios; a benchmark that cannot run (e.g. no
browser for bench_viz) is reported and the others still run. Pass module names to run
only some: ``python -m benchmarks bench_build``.
"""
from __future__ import annotations

import importlib
import inspect
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def bench_modules() -> list[str]:
    """Names of the benchmark modules, sorted."""
    return sorted(p.stem for p in HERE.glob("bench_*.py"))


def run(names: list[str]) -> int:
    """Run each benchmark's ``main``; return the number that failed."""
    failed = []
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        try:
            main = importlib.import_module(f"benchmarks.{name}").main
            # main(argv) gets no arguments (its defaults); a main() without parameters is called bare.
            main([]) if inspect.signature(main).parameters else main()
        except SystemExit as exc:
            if exc.code not in (None, 0):
                failed.append(name)
                print(f"{name} did not run: {exc.code}")
        except Exception:  # one broken benchmark must not hide the others' numbers
            failed.append(name)
            traceback.print_exc()
        print(f"=== {name}: {time.perf_counter() - started:.0f}s ===", flush=True)
    if failed:
        print(f"\nbenchmarks that failed: {', '.join(failed)}")
    return len(failed)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    wanted = sys.argv[1:] or bench_modules()
    unknown = sorted(set(wanted) - set(bench_modules()))
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(bench_modules())}")
    sys.exit(1 if run(wanted) else 0)

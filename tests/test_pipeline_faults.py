"""Faults around a build: an output that cannot be replaced, builds killed (SIGTERM,
SIGKILL) at several moments, concurrent builds into one OUTDIR, staging folders left
by killed builds. OUTDIR always holds one build's outputs, whole; workers end with the
build; leftovers are cleaned by the next build."""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.pipeline
from kg.errors import BuildError
from kg.pipeline import build_corpus

from conftest import ROOT, SEEDS, TEST_CACHE

KG = [str(Path(sys.executable).with_name("kg"))]
SEED_FILES = sorted(SEEDS.glob("*.txt"))
OUTPUTS = ("graph.ttl", "graph.html")


def _corpus(tmp_path: Path, name: str, seeds: list[Path]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for seed in seeds:
        (folder / seed.name).write_bytes(seed.read_bytes())
        sidecar = seed.with_suffix(".meta.json")
        if sidecar.exists():
            (folder / sidecar.name).write_bytes(sidecar.read_bytes())
    return folder


@pytest.fixture(scope="module")
def two_corpora(tmp_path_factory):
    """Corpora A (one seed) and B (three seeds) and the outputs of a clean build of each."""
    base = tmp_path_factory.mktemp("faults")
    corpora = {"A": _corpus(base, "A", SEED_FILES[:1]), "B": _corpus(base, "B", SEED_FILES[1:4])}
    refs = {}
    for name, corpus in corpora.items():
        build_corpus([corpus], base / f"ref-{name}", cache_dir=TEST_CACHE)
        refs[name] = {f: (base / f"ref-{name}" / f).read_bytes() for f in OUTPUTS}
    return corpora, refs


def _which_build(out: Path, refs: dict) -> str:
    """"A" or "B" when OUTDIR holds exactly that build's outputs and a report.json whose
    digests match them; fails on any mix."""
    found = {f: (out / f).read_bytes() for f in OUTPUTS}
    matches = [name for name, files in refs.items() if files == found]
    assert len(matches) == 1, f"outputs in {out} are of no single build (mixed)"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {f: hashlib.sha256(found[f]).hexdigest() for f in OUTPUTS} == {
        f: report["output_sha256"][f] for f in OUTPUTS}, "report.json is of another build than the outputs"
    return matches[0]


def _staging_left(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".build-" in p.name)


# ---------------------------------------------------------------- an output that cannot be replaced


@pytest.fixture
def immutable(tmp_path):
    """``make(path)``: chattr +i on path (skips where the file system or rights do not allow it)."""
    made: list[Path] = []

    def make(path: Path) -> None:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not permitted here")
        made.append(path)

    yield make
    for path in tmp_path.rglob("*"):
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def _block_html(out: Path, how: str, immutable) -> None:
    if how == "immutable":
        immutable(out / "graph.html")
    else:  # a folder in the way of the file
        (out / "graph.html").unlink()
        (out / "graph.html").mkdir()
        (out / "graph.html" / "keep").write_text("x")


@pytest.mark.parametrize("how", ["immutable", "folder"])
def test_pipeline_faults_unreplaceable_output_swaps_in_the_whole_new_set(tmp_path, two_corpora, immutable, how):
    corpora, refs = two_corpora
    out = tmp_path / "out"
    build_corpus([corpora["A"]], out, cache_dir=TEST_CACHE)
    (out / "notes.md").write_text("my notes", encoding="utf-8")  # not an output: kept
    _block_html(out, how, immutable)
    build_corpus([corpora["B"]], out, cache_dir=TEST_CACHE)
    assert _which_build(out, refs) == "B"
    assert (out / "notes.md").read_text(encoding="utf-8") == "my notes"


@pytest.mark.parametrize("how", ["immutable", "folder"])
def test_pipeline_faults_without_folder_exchange_a_failed_replace_is_undone(tmp_path, two_corpora, immutable,
                                                                            monkeypatch, how):
    """Where renameat2(RENAME_EXCHANGE) is refused, files are replaced one by one; when one
    cannot be, the ones already replaced are put back: the previous build stays whole."""
    def no_exchange(a, b):
        raise OSError(errno.EINVAL, "Invalid argument")

    corpora, refs = two_corpora
    out = tmp_path / "out"
    build_corpus([corpora["A"]], out, cache_dir=TEST_CACHE)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    _block_html(out, how, immutable)
    monkeypatch.setattr(kg.pipeline, "_exchange", no_exchange)
    with pytest.raises(BuildError) as caught:
        build_corpus([corpora["B"]], out, cache_dir=TEST_CACHE)
    assert caught.value.code == "E508"
    assert str(caught.value).startswith(f"[E508] cannot move the outputs into {out}: ")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != "graph.html"} == {
        k: v for k, v in before.items() if k != "graph.html"}
    assert _staging_left(tmp_path) == []


def test_pipeline_faults_without_folder_exchange_outputs_are_replaced(tmp_path, two_corpora, monkeypatch):
    corpora, refs = two_corpora
    out = tmp_path / "out"
    build_corpus([corpora["A"]], out, cache_dir=TEST_CACHE)
    monkeypatch.setattr(kg.pipeline, "_exchange", lambda a, b: (_ for _ in ()).throw(OSError(errno.ENOSYS, "no")))
    build_corpus([corpora["B"]], out, cache_dir=TEST_CACHE)
    assert _which_build(out, refs) == "B"
    assert _staging_left(tmp_path) == []


@pytest.mark.parametrize("layout", ["subfolder", "current folder", "many files"])
def test_pipeline_faults_outdir_that_is_more_than_outputs_is_not_swapped(tmp_path, two_corpora, monkeypatch,
                                                                         layout):
    """A project folder given as OUTDIR (subfolders, ``-o .``, many files) keeps its own
    inode and entries: only the outputs in it are replaced."""
    corpora, refs = two_corpora
    out = tmp_path / "out"
    build_corpus([corpora["A"]], out, cache_dir=TEST_CACHE)
    if layout == "subfolder":
        (out / ".git").mkdir()
        (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    elif layout == "current folder":
        monkeypatch.chdir(out)
    else:
        for i in range(kg.pipeline.MAX_CARRIED_OVER + 1):
            (out / f"note-{i}.md").write_text(str(i))
    inode = out.stat().st_ino
    before = sorted(p.name for p in out.iterdir())
    build_corpus([corpora["B"]], out, cache_dir=TEST_CACHE)
    assert out.stat().st_ino == inode
    assert sorted(p.name for p in out.iterdir()) == before
    assert _which_build(out, refs) == "B"
    assert _staging_left(tmp_path) == []


@pytest.fixture
def small_disk(tmp_path):
    """``make(kib)``: a tmpfs of ``kib`` KiB mounted in tmp_path (skips where mounting is
    not permitted: it needs root or CAP_SYS_ADMIN)."""
    mounted: list[Path] = []

    def make(kib: int) -> Path:
        point = tmp_path / "disk"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(point)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip() or done.returncode}")
        mounted.append(point)
        return point

    yield make
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_pipeline_faults_full_disk_names_outdir_and_cause(small_disk, two_corpora):
    """A disk with room for one build's outputs but not for a second beside them: the
    build fails with one line naming OUTDIR (not the staging folder) and the cause."""
    corpora, refs = two_corpora
    sizes = {name: sum(len(data) for data in files.values()) for name, files in refs.items()}
    disk = small_disk((sizes["A"] + sizes["B"] // 2) // 1024 + 64)
    out = disk / "out"
    first = _cli_build(corpora["A"], out)
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    failed = _cli_build(corpora["B"], out)
    assert failed.wait(timeout=300) == 1
    assert failed.stderr.read().decode().splitlines()[-1] == (
        f"Error: [E508] cannot write the outputs into {out}: No space left on device; the previous outputs "
        "were kept; free space on its disk (or raise the quota or file size limit) or choose another folder with -o")
    assert _which_build(out, refs) == "A"
    assert _staging_left(disk) == []


# ---------------------------------------------------------------- leftovers of killed builds


def test_pipeline_faults_next_build_removes_stale_staging_but_not_a_live_one(tmp_path, two_corpora):
    corpora, _ = two_corpora
    out = tmp_path / "out"
    stale = tmp_path / ".out.build-k1ll3d"
    stale.mkdir()
    (stale / "graph.ttl").write_text("half-written")
    other = tmp_path / ".other.build-k1ll3d"  # another OUTDIR's: not ours to remove
    other.mkdir()
    # A build in progress beside us holds the parent folder's lock (shared).
    lock = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_SH)
    try:
        build_corpus([corpora["A"]], out, cache_dir=TEST_CACHE)
        assert _staging_left(tmp_path) == [".other.build-k1ll3d", ".out.build-k1ll3d"]
    finally:
        os.close(lock)
    build_corpus([corpora["B"]], out, cache_dir=TEST_CACHE)
    assert _staging_left(tmp_path) == [".other.build-k1ll3d"]


# ---------------------------------------------------------------- killed builds


def _cli_build(corpus: Path, out: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        KG + ["build", str(corpus), "-o", str(out), "--cache-dir", str(TEST_CACHE), "-q", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=ROOT,
        start_new_session=True,
    )


def test_pipeline_faults_kill_9_at_several_moments_keeps_outputs_whole(tmp_path, two_corpora):
    corpora, refs = two_corpora
    out = tmp_path / "out"
    build_corpus([corpora["A"]], out, cache_dir=TEST_CACHE)
    t0 = time.monotonic()
    _cli_build(corpora["B"], tmp_path / "timing").wait(timeout=300)
    duration = time.monotonic() - t0
    for round_, fraction in enumerate((0.2, 0.5, 0.7, 0.8, 0.9, 0.95)):
        proc = _cli_build(corpora["B" if round_ % 2 == 0 else "A"], out)
        time.sleep(duration * fraction)
        proc.kill()
        proc.wait(timeout=60)
        _which_build(out, refs)  # A or B, whole, whenever the build died
    final = _cli_build(corpora["B"], out)
    assert final.wait(timeout=300) == 0, final.stderr.read().decode()
    assert _which_build(out, refs) == "B"
    assert _staging_left(tmp_path) == []  # what the kills left was removed by the last build


def _kill_while_staging(corpus: Path, out: Path) -> bool:
    """Start ``kg build`` and kill -9 it as soon as its staging folder appears; whether
    one was seen (a build that ends first left none)."""
    proc = _cli_build(corpus, out)
    prefix = f".{out.name}.build-"
    try:
        while proc.poll() is None:
            if any(name.startswith(prefix) for name in os.listdir(out.parent)):
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=60)
                return True
        return False
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)


def test_pipeline_faults_up_to_date_build_removes_what_a_killed_build_left(tmp_path, two_corpora):
    """kill -9 while writing, then a build that finds everything up to date: the staging
    folder the kill left is removed by that build too, not only by the next real one."""
    corpora, refs = two_corpora
    out = tmp_path / "out"
    build_corpus([corpora["A"]], out, cache_dir=TEST_CACHE)
    for _ in range(5):
        if _kill_while_staging(corpora["B"], out) and _staging_left(tmp_path):
            break
    else:
        pytest.skip("the build ended before it could be killed while writing")
    held = _which_build(out, refs)  # whole: the kill landed before or after the swap
    rebuild = _cli_build(corpora[held], out)
    assert rebuild.wait(timeout=300) == 0, rebuild.stderr.read().decode()
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["up_to_date"] is True
    assert _staging_left(tmp_path) == []


def test_pipeline_faults_concurrent_builds_into_one_outdir_never_mix(tmp_path, two_corpora):
    corpora, refs = two_corpora
    out = tmp_path / "out"
    for _ in range(4):
        pair = [_cli_build(corpora["A"], out), _cli_build(corpora["B"], out)]
        assert [p.wait(timeout=300) for p in pair] == [0, 0], [p.stderr.read().decode() for p in pair]
        _which_build(out, refs)
    assert _staging_left(tmp_path) == []


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_pipeline_faults_workers_end_with_a_killed_parallel_build(tmp_path, sig):
    """A -j 2 build's helper processes and workers end within seconds of the build."""
    proc = _cli_build(ROOT / "tests" / "regression", tmp_path / "out", "-j", "2", "--no-cache")
    helpers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(helpers) < 4:  # forkserver, tracker, 2 workers
            helpers = _descendants(proc.pid)
            time.sleep(0.2)
        assert len(helpers) >= 4, f"the workers did not start: {helpers}"
        time.sleep(4)  # loading the model, then parsing
        helpers = _descendants(proc.pid)
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(p) for p in helpers):
            time.sleep(0.2)
        assert [p for p in helpers if _alive(p)] == []
        if sig == signal.SIGTERM:
            assert code == 143
            assert proc.stderr.read().decode().splitlines()[-1] == (
                f"Error: terminated (SIGTERM); the previous files in {tmp_path / 'out'} were kept")
        else:
            assert code == -signal.SIGKILL
    finally:
        for pid in helpers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()

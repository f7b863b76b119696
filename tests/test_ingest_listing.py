"""iter_input_files: folders expanded to article files, sorted; sidecars and hidden files out."""
from __future__ import annotations

from pathlib import Path

from kg.ingest import iter_input_files

ROOT = Path(__file__).resolve().parent.parent


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("会議が開かれた。", encoding="utf-8")
    return path


def test_ingest_listing_folder(tmp_path: Path):
    b = touch(tmp_path / "b.txt")
    a = touch(tmp_path / "a.HTML")
    c = touch(tmp_path / "sub" / "c.htm")
    touch(tmp_path / "a.meta.json")
    touch(tmp_path / "notes.md")
    touch(tmp_path / ".hidden.txt")
    touch(tmp_path / ".cache" / "d.txt")
    assert iter_input_files([tmp_path]) == [a, b, c]


def test_ingest_listing_explicit_files_kept_as_given_once(tmp_path: Path):
    a = touch(tmp_path / "a.txt")
    odd = touch(tmp_path / "odd.md")
    assert iter_input_files([odd, tmp_path, a]) == [odd, a]


def test_ingest_listing_seeds_are_the_five_articles():
    files = iter_input_files([ROOT / "seeds"])
    assert [f.name for f in files] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert len(files) == 5


def test_ingest_listing_is_deterministic(tmp_path: Path):
    for name in ["z.txt", "m.txt", "a.txt", "k.html"]:
        touch(tmp_path / name)
    assert iter_input_files([tmp_path]) == iter_input_files([str(tmp_path)])
    assert [p.name for p in iter_input_files([tmp_path])] == ["a.txt", "k.html", "m.txt", "z.txt"]


def test_ingest_listing_shell_glob_skips_sidecars(tmp_path: Path):
    # `kg build corpus/*` passes every file, sidecars included.
    article = touch(tmp_path / "a.txt")
    sidecar = touch(tmp_path / "a.meta.json")
    assert iter_input_files(sorted(tmp_path.iterdir())) == [article]
    assert iter_input_files([sidecar]) == []

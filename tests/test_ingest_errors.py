"""Bad input: one-line InputError with a stable code naming the file and the reason."""
from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import DEFAULT_MAX_BYTES, iter_input_files, load_article

TEXT = "韓国と米国は4日、ワシントンで第5回会議を開いた。\n"


def load_error(path: Path, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        load_article(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return info.value


@pytest.mark.parametrize("content, code, reason", [
    (b"", "E101", "empty file (0 bytes); remove it or put the article text in it"),
    (b" \n\t\r\n  \n", "E101", "whitespace-only file; remove it or put the article text in it"),
    ("\u3000\n\u3000".encode("utf-8"), "E101",
     "whitespace-only text (decoded as utf-8); remove it or put the article text in it"),
    (b"GIF89a\x01\x00\x01\x00\x00\xff\x00,", "E102", "binary file (NUL bytes); pass text or HTML files only"),
    (bytes(range(1, 32)) * 20 + TEXT.encode(), "E102",
     "binary file (75% control bytes); pass text or HTML files only"),
])
def test_ingest_errors_bad_content(tmp_path: Path, content: bytes, code: str, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    err = load_error(path)
    assert (err.code, str(err)) == (code, f"[{code}] {path}: {reason}")


@pytest.mark.parametrize("only_high_bytes, code", [(False, "E102"), (True, "E103")])
def test_ingest_errors_random_bytes_are_not_text(tmp_path: Path, only_high_bytes: bool, code: str):
    noise = random.Random(7).randbytes(8192)
    if only_high_bytes:  # no NUL or control bytes: it takes the decoders to reject it
        noise = bytes(b for b in noise if b >= 0x80)
    path = tmp_path / "noise.txt"
    path.write_bytes(noise[:4096])
    assert load_error(path).code == code


def test_ingest_errors_too_large_50mb(tmp_path: Path):
    size = 50 * 1024 * 1024
    if shutil.disk_usage(tmp_path).free < 4 * size:
        pytest.skip("not enough free disk space for a 50 MB file")
    path = tmp_path / "huge.txt"
    line = (TEXT * 20).encode("utf-8")
    with open(path, "wb") as handle:
        written = 0
        while written < size:
            handle.write(line)
            written += len(line)
    err = load_error(path)
    assert err.code == "E106"
    assert str(err) == (
        f"[E106] {path}: file too large ({path.stat().st_size:,} bytes > limit {DEFAULT_MAX_BYTES:,} bytes); "
        "split it into one file per article or raise max_bytes"
    )


def test_ingest_errors_limit_is_configurable(tmp_path: Path):
    path = tmp_path / "small.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert load_error(path, max_bytes=10).code == "E106"
    assert load_article(path, max_bytes=len(TEXT.encode())).text == TEXT


def test_ingest_errors_directory_named_like_article(tmp_path: Path):
    path = tmp_path / "x.txt"
    path.mkdir()
    err = load_error(path)
    assert str(err) == f"[E104] {path}: is a directory, not a file; pass the folder itself as an input, or rename it"


def test_ingest_errors_dangling_symlink(tmp_path: Path):
    path = tmp_path / "link.txt"
    path.symlink_to(tmp_path / "gone.txt")
    assert iter_input_files([tmp_path]) == [path]
    err = load_error(path)
    assert str(err) == (
        f"[E105] {path}: dangling symlink (its target does not exist); check the path or rebuild the file list"
    )


def test_ingest_errors_vanished_file(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    listed = iter_input_files([tmp_path])
    path.unlink()
    err = load_error(listed[0])
    assert str(err) == f"[E105] {path}: file not found (missing or removed); check the path or rebuild the file list"


def test_ingest_errors_not_a_regular_file():
    # /dev/null is a character device: never opened, so it cannot block or stream forever.
    err = load_error(Path("/dev/null"))
    assert err.code == "E104"
    assert "not a regular file" in str(err)


def test_ingest_errors_missing_input_path(tmp_path: Path):
    missing = tmp_path / "nowhere"
    with pytest.raises(InputError) as info:
        iter_input_files([missing])
    assert str(info.value) == f"[E105] {missing}: input path not found; pass an existing file or folder"


def test_ingest_errors_error_carries_path_and_reason(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    err = load_error(path)
    assert (err.path, err.reason) == (str(path), "empty file (0 bytes)")


def _load_as_nobody(path: Path) -> str:
    """str() of the InputError that load_article raises in a forked child running as nobody."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: drop root, try to read, report, exit without pytest's cleanup
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            load_article(path)
            message = "loaded"
        except InputError as err:
            message = str(err)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent as text
            message = f"unexpected {exc!r}"
        os.write(write_end, message.encode("utf-8"))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    return message


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX permissions")
def test_ingest_errors_permission_denied():
    # The folder is world-readable so that only the file's own mode stops the reader.
    folder = Path(tempfile.mkdtemp(prefix="kg-perm-"))
    try:
        folder.chmod(0o755)
        path = folder / "secret.txt"
        path.write_text(TEXT, encoding="utf-8")
        path.chmod(0)
        expected = f"[E104] {path}: cannot read file (Permission denied); check the file's permissions"
        # root reads anything: a child that dropped to nobody really fails to open it.
        message = str(load_error(path)) if os.geteuid() != 0 else _load_as_nobody(path)
        assert message == expected
    finally:
        shutil.rmtree(folder)

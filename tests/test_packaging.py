"""The installer's parts that can be checked without building: what build.spec collects, and
the Debian package made from a bundle folder."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from app.selftest import run_self_test

REPO = Path(__file__).resolve().parents[1]
RESOURCES = REPO / "resources"


class _Recorder:
    """Stands in for PyInstaller's build steps, keeping what the spec hands them."""

    calls: ClassVar[dict[str, dict]] = {}  # each step's last call
    made: ClassVar[list[_Recorder]] = []  # every step made, in order
    hooked: ClassVar[list[tuple[str, str]]] = []  # (source, folder) as PyInstaller's hooks add

    def __init__(self, *args, **kwargs) -> None:
        _Recorder.calls[type(self).__name__] = {"args": args, **kwargs}
        _Recorder.made.append(self)
        self.kwargs = kwargs
        self.scripts = self.pure = self.binaries = []
        # An analysis' files as PyInstaller lists them: path inside the bundle, source, kind.
        collected = [*kwargs.get("datas", []), *_Recorder.hooked]
        self.datas = [
            (f"{folder}/{Path(source).name}", source, "DATA") for source, folder in collected
        ]


def _spec(platform: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict]:
    names = ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    stand_ins = {name: type(name, (_Recorder,), {}) for name in names}
    _Recorder.calls, _Recorder.made = {}, []
    import PyInstaller.utils.hooks  # noqa: F401 (here: imported as another platform, it fails)

    monkeypatch.setattr(sys, "platform", platform)
    source = (REPO / "build.spec").read_text(encoding="utf-8")
    exec(compile(source, "build.spec", "exec"), {"SPECPATH": str(REPO), **stand_ins})
    return _Recorder.calls


@pytest.fixture
def spec(monkeypatch: pytest.MonkeyPatch) -> dict[str, dict]:
    return _spec("linux", monkeypatch)


def _bundled(spec: dict[str, dict]) -> dict[str, str]:
    """Bundled resource files: path inside the bundle -> source path."""
    bundled = {}
    for source, folder in spec["Analysis"]["datas"]:
        path = Path(source)
        if path.is_relative_to(RESOURCES):
            bundled[f"{folder}/{path.name}"] = source
    return bundled


def test_spec_collects_every_runtime_resource(spec: dict[str, dict]):
    bundled = _bundled(spec)
    wanted = [
        *RESOURCES.glob("models/*.safetensors"),
        RESOURCES / "models" / "aliases.json",
        *RESOURCES.glob("translations/*.qm"),
        RESOURCES / "samples" / "sample.png",
        *RESOURCES.glob("icons/rekindle-*.png"),
    ]
    assert len(wanted) >= 10  # three models, a translation, five icon sizes, ...
    for path in wanted:
        assert path.relative_to(REPO).as_posix() in bundled, path
    # Developer notes and translation sources stay out of the bundle.
    assert not [name for name in bundled if name.endswith((".md", ".ts"))]


def test_spec_leaves_ray_out_of_the_bundle(spec: dict[str, dict]):
    """Ray is the cluster's optional part: the installed app runs films on this computer (its
    setting says Ray is not installed) and stays hundreds of megabytes smaller."""
    assert "ray" in spec["Analysis"]["excludes"]


def test_spec_names_the_app_and_its_icon_per_platform(monkeypatch: pytest.MonkeyPatch):
    linux = _spec("linux", monkeypatch)
    assert Path(linux["Analysis"]["args"][0][0]) == REPO / "app" / "__main__.py"
    assert linux["EXE"]["name"] == "Rekindle" and linux["EXE"]["console"] is False
    assert linux["COLLECT"]["name"] == "Rekindle" and "BUNDLE" not in linux
    assert Path(linux["EXE"]["icon"]).name == "rekindle.ico"
    mac = _spec("darwin", monkeypatch)
    assert mac["BUNDLE"]["name"] == "Rekindle.app"
    for icon in (linux["EXE"]["icon"], mac["EXE"]["icon"], mac["BUNDLE"]["icon"]):
        assert Path(icon).is_file() and Path(icon).stat().st_size > 1000


def _executables(platform: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """The programs the bundle of ``platform`` is collected with: name, and whether it has a
    console."""
    spec = _spec(platform, monkeypatch)
    programs = [made for made in spec["COLLECT"]["args"] if isinstance(made, _Recorder)]
    return [(program.kwargs["name"], program.kwargs["console"]) for program in programs]


def test_windows_gets_a_console_program_for_the_command_lines(monkeypatch: pytest.MonkeyPatch):
    """Windows' windowed Rekindle.exe cannot print: rekindle-cli.exe beside it runs `engine`
    and `training`; elsewhere the one program prints to the terminal it was started from."""
    assert _executables("win32", monkeypatch) == [("Rekindle", False), ("rekindle-cli", True)]
    assert _executables("linux", monkeypatch) == [("Rekindle", False)]


def test_the_bundled_resources_alone_pass_the_self_test(
    spec: dict[str, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Laid out as PyInstaller lays them out, the collected files are all the app needs."""
    for inside, source in _bundled(spec).items():
        (tmp_path / inside).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, tmp_path / inside)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    lines: list[str] = []
    assert run_self_test("default", output=lines.append) == 0, lines
    assert lines[0].startswith("self-test passed: Restore 4x (4x)")


def _fake_bundle(folder: Path) -> Path:
    bundle = folder / "Rekindle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "library.so").write_bytes(b"\0" * 4096)
    launcher = bundle / "Rekindle"
    launcher.write_text('#!/bin/sh\necho rekindle "$@"\n')
    launcher.chmod(0o755)
    return bundle


def test_debian_package_installs_the_app_a_menu_entry_and_icons(tmp_path: Path):
    from app.window_check import CHINESE_FONT_PACKAGE

    bundle = _fake_bundle(tmp_path)
    made = subprocess.run(
        ["bash", str(REPO / "packaging/linux/make_deb.sh"), str(bundle), "1.2.3", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    deb = Path(made.stdout.strip())
    assert deb == tmp_path / "rekindle_1.2.3_amd64.deb"

    def field(name: str) -> str:
        return subprocess.check_output(["dpkg-deb", "--field", str(deb), name], text=True).strip()

    assert (field("Package"), field("Version"), field("Architecture")) == (
        "rekindle",
        "1.2.3",
        "amd64",
    )
    assert "libxcb-cursor0" in field("Depends")
    # the font --check-window asks for, or another that draws the Chinese translation
    assert field("Recommends") == f"{CHINESE_FONT_PACKAGE} | fonts-wqy-microhei"
    root = tmp_path / "installed"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert (root / "opt/rekindle/_internal/library.so").stat().st_size == 4096
    launcher = root / "usr/bin/rekindle"
    assert launcher.is_symlink() and str(launcher.readlink()) == "/opt/rekindle/Rekindle"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(root / "usr/share/applications/rekindle.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == launcher.name
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    icons = sorted(root.glob(f"usr/share/icons/hicolor/*/apps/{desktop['Icon']}.png"))
    assert [p.parent.parent.name for p in icons] == [
        "128x128",
        "256x256",
        "32x32",
        "512x512",
        "64x64",
    ]


def test_debian_package_links_the_bundle_rather_than_copying_it(tmp_path: Path):
    """The real bundle is gigabytes: a second copy for staging filled CI's disk."""
    bundle = _fake_bundle(tmp_path)
    fake_tools = tmp_path / "bin"
    fake_tools.mkdir()
    seen = tmp_path / "links.txt"
    fake = fake_tools / "dpkg-deb"
    fake.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != --build ]; do shift; done\n'
        f'stat -c %h "$2/opt/rekindle/_internal/library.so" > {seen}\n'
    )
    fake.chmod(0o755)
    out = tmp_path / "out"
    subprocess.run(
        ["bash", str(REPO / "packaging/linux/make_deb.sh"), str(bundle), "1.0", str(out)],
        check=True,
        env={**os.environ, "PATH": f"{fake_tools}{os.pathsep}{os.environ['PATH']}"},
    )
    assert seen.read_text().strip() == "2"  # the bundle's file and the staged one
    assert list(out.iterdir()) == []  # the staging tree is gone


def _share(bundle: Path, site_packages: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(REPO / "packaging/share_bundle_files.py"),
            str(bundle),
            str(site_packages),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_venvs_large_files_become_links_to_their_bundle_copies(tmp_path: Path):
    """PyInstaller copies torch's gigabytes: sharing them let CI's disk hold the .deb too."""
    bundle, venv = tmp_path / "bundle", tmp_path / "site-packages"
    large = b"\1" * (3 << 20)
    for root, mode in ((bundle, 0o755), (venv, 0o644)):
        (root / "torch/lib").mkdir(parents=True)
        (root / "torch/lib/libtorch.so").write_bytes(large)
        (root / "torch/lib/libtorch.so").chmod(mode)
        (root / "small.so").write_bytes(b"\2" * 100)
    (bundle / "torch/lib/libother.so").write_bytes(large)
    (venv / "torch/lib/libother.so").write_bytes(large[:-1] + b"\0")
    (bundle / "only-in-bundle.so").write_bytes(large)

    done = _share(bundle, venv)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("0.00 GiB of the bundle shared with")
    shared = bundle / "torch/lib/libtorch.so"
    assert shared.stat().st_ino == (venv / "torch/lib/libtorch.so").stat().st_ino
    assert shared.read_bytes() == large and shared.stat().st_mode & 0o777 == 0o755
    assert (bundle / "torch/lib/libother.so").stat().st_nlink == 1  # differs by a byte
    assert (venv / "torch/lib/libother.so").read_bytes()[-1:] == b"\0"
    assert (bundle / "small.so").stat().st_nlink == 1
    assert not list(venv.rglob(".*rekindle-link"))
    again = _share(bundle, venv)  # a second build's run finds nothing left to share
    assert again.returncode == 0 and (bundle / "torch/lib/libtorch.so").stat().st_nlink == 2


def test_sharing_refuses_a_bundle_that_is_not_a_folder(tmp_path: Path):
    done = _share(tmp_path / "missing", tmp_path)
    assert done.returncode == 2 and "is not a folder" in done.stderr


def test_debian_package_refuses_a_folder_that_is_not_a_bundle(tmp_path: Path):
    done = subprocess.run(
        ["bash", str(REPO / "packaging/linux/make_deb.sh"), str(tmp_path), "1.0", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "is not a built bundle" in done.stderr
    assert not list(tmp_path.glob("*.deb"))


def test_the_installer_workflow_builds_every_platform_from_files_that_exist():
    workflow = (REPO / ".github/workflows/package.yml").read_text(encoding="utf-8")
    assert "os: [ubuntu-22.04, windows-2022, macos-14]" in workflow
    assert workflow.count("--self-test --check-window") == 2  # Linux and macOS
    assert '"--self-test","--check-window"' in workflow  # Windows
    used = set(re.findall(r"packaging[/\\][\w/\\.-]+", workflow))
    assert len(used) == 3  # the .deb, Setup.exe and .dmg scripts
    for path in used:
        assert (REPO / path.replace("\\", "/")).is_file(), path
    script = (REPO / "packaging/windows/rekindle.iss").read_text(encoding="utf-8")
    named = re.findall(r"\.\.\\\.\.\\resources\\[\w\\.]+", script)
    assert named  # the icon of Setup.exe
    for name in named:
        assert (REPO / "packaging/windows" / name.replace("\\", "/")).resolve().is_file(), name


PHOTO_MIME_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".webp": "image/webp",
    ".bmp": "image/bmp",
    ".heic": "image/heic",
    ".heif": "image/heif",
    ".dpx": "image/dpx",
}


def test_the_desktop_entry_offers_rekindle_for_every_photo_format_it_reads():
    """A format Rekindle learns to read is added here and to the Linux menu entry, so the
    file manager's "Open with" offers Rekindle for it."""
    from engine.imageio import SUPPORTED_EXTENSIONS

    assert set(PHOTO_MIME_TYPES) == SUPPORTED_EXTENSIONS
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(REPO / "packaging/linux/rekindle.desktop", encoding="utf-8")
    offered = set(entry["Desktop Entry"]["MimeType"].strip(";").split(";"))
    assert set(PHOTO_MIME_TYPES.values()) <= offered

"""Build Rebound for this operating system: the PyInstaller bundle, then the installer.

    uv run python packaging/build.py            # bundle + installer, sizes printed
    uv run python packaging/build.py --smoke    # ... and run the frozen self-test
    uv run python packaging/build.py --baseline # ... and the bare PySide6 bundle, to compare

The bundle is ``dist/Rebound/`` (``dist/Rebound.app`` on macOS). The installer goes
to ``dist/installer/``: ``Rebound-Setup-X.Y.Z.exe`` (Windows, Inno Setup's
``iscc`` when installed), ``Rebound-X.Y.Z.dmg`` (macOS, ``hdiutil``) or
``Rebound-X.Y.Z-linux-<machine>.tar.gz``. Signing is separate
(``packaging/macos/sign_and_notarize.sh``), because it needs secrets.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
INSTALLERS = DIST / "installer"
APP_NAME = "Rebound"
#: Seconds a frozen self-test may take (a cold first start on CI included).
SMOKE_TIMEOUT = 180


def version() -> str:
    """``__version__`` from desktop/__init__.py, read as text like the spec does."""
    for line in (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise LookupError("__version__ not found in desktop/__init__.py")


def bundle_dir(dist: Path = DIST) -> Path:
    """What ships: the .app on macOS, the onedir folder elsewhere."""
    return dist / f"{APP_NAME}.app" if sys.platform == "darwin" else dist / APP_NAME


def frozen_executable(dist: Path = DIST) -> Path:
    if sys.platform == "darwin":
        return bundle_dir(dist) / "Contents" / "MacOS" / APP_NAME
    suffix = ".exe" if sys.platform == "win32" else ""
    return bundle_dir(dist) / f"{APP_NAME}{suffix}"


def tree_size(path: Path) -> int:
    """Bytes in the files under ``path``; symbolic links count as nothing."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def describe_size(size: int) -> str:
    return f"{size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)"


def pyinstaller(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", *args], check=True, cwd=ROOT)


def build_bundle(dist: Path = DIST, work: Path = WORK) -> Path:
    """Run the spec; returns the bundle and prints its size and the build time."""
    started = time.monotonic()
    pyinstaller("--distpath", str(dist), "--workpath", str(work),
                str(PACKAGING / "rebound.spec"))
    bundle = bundle_dir(dist)
    print(f"Bundle: {bundle}  {describe_size(tree_size(bundle))}  "
          f"built in {time.monotonic() - started:.0f} s")
    return bundle


def build_baseline() -> int:
    """The bare PySide6 window frozen the same way (onedir, windowed, no UPX), untrimmed."""
    out = ROOT / "build" / "size_baseline"
    pyinstaller("--onedir", "--windowed", "--noupx", "--name", "hello",
                "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
                "--specpath", str(out), str(PACKAGING / "size_baseline" / "hello.py"))
    size = tree_size(out / "dist" / ("hello.app" if sys.platform == "darwin" else "hello"))
    print(f"Baseline (bare PySide6 window, untrimmed): {describe_size(size)}")
    return size


def self_test(executable: Path, data_dir: Path) -> dict:
    """Run the frozen ``--self-test`` offscreen; returns its JSON report.

    All three standard streams are redirected, so a windowed Windows executable
    (which has no console) still gets the pipe as its stdout.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [str(executable), "--data-dir", str(data_dir), "--self-test"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env,
        timeout=SMOKE_TIMEOUT, check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"no JSON from {executable} (exit {done.returncode}):\n"
                           f"{done.stdout}\n{done.stderr}")
    report = json.loads(lines[-1])
    report["exit_code"] = done.returncode
    return report


def smoke(executable: Path) -> dict:
    """The frozen app starts on a fresh data folder, finds resources/ and renders
    every built-in template; raises with the report otherwise."""
    with tempfile.TemporaryDirectory(prefix="rebound-smoke-") as tmp:
        report = self_test(executable, Path(tmp) / "data")
    print("Frozen self-test:", json.dumps(report))
    templates = report.get("templates") or {}
    if not (report["ok"] and report["exit_code"] == 0 and templates.get("rendered", 0) > 0
            and not templates.get("failed")):
        raise RuntimeError(f"frozen self-test failed: {report}")
    return report


def find_iscc() -> str | None:
    found = shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (candidate := Path(base) / "Inno Setup 6" / "ISCC.exe").is_file():
            return str(candidate)
    return None


def build_installer(app_version: str) -> Path | None:
    INSTALLERS.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        iscc = find_iscc()
        if iscc is None:
            print("Inno Setup (iscc) not found: no Windows installer built")
            return None
        subprocess.run([iscc, "/Q", f"/DAppVersion={app_version}",
                        f"/DBundleDir={DIST / APP_NAME}", f"/DOutputDir={INSTALLERS}",
                        str(PACKAGING / "windows" / "rebound.iss")], check=True)
        return INSTALLERS / f"{APP_NAME}-Setup-{app_version}.exe"
    if sys.platform == "darwin":
        if shutil.which("hdiutil") is None:
            print("hdiutil not found: no disk image built")
            return None
        dmg = INSTALLERS / f"{APP_NAME}-{app_version}.dmg"
        subprocess.run(["bash", str(PACKAGING / "macos" / "make_dmg.sh"),
                        str(bundle_dir()), str(dmg)], check=True)
        return dmg
    archive = INSTALLERS / f"{APP_NAME}-{app_version}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(bundle_dir(), arcname=APP_NAME)
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true",
                        help="run the frozen --self-test on a temporary data folder")
    parser.add_argument("--baseline", action="store_true",
                        help="also build a bare PySide6 window the same way and compare sizes")
    parser.add_argument("--no-installer", action="store_true", help="stop after the bundle")
    args = parser.parse_args(argv)

    app_version = version()
    bundle = build_bundle()
    if args.baseline:
        baseline = build_baseline()
        print(f"Rebound is {tree_size(bundle) / baseline:.0%} of the bare PySide6 bundle")
    if args.smoke:
        smoke(frozen_executable())
    if not args.no_installer:
        installer = build_installer(app_version)
        if installer is not None:
            print(f"Installer: {installer}  {describe_size(installer.stat().st_size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

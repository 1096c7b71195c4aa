#!/usr/bin/env bash
# Installs everything the project needs on a bare Debian 12 machine, idempotently:
#   - Debian packages (OpenFOAM v1912 binaries, VTK, Boost.PO, GoogleTest, nlohmann-json, Open MPI, ...)
#   - the OpenFOAM v1912 headers, from Debian's own source package (the binary package ships none),
#     unpacked into a cache and flattened into lnInclude folders the way wmake would.
# A second run only checks and returns in seconds.
#
# Environment:
#   DRAFTING_CACHE   where the OpenFOAM source tree is kept   (default: $HOME/.cache/drafting)
set -euo pipefail

cache="${DRAFTING_CACHE:-${HOME:-/root}/.cache/drafting}"
foam_src="$cache/openfoam-src"
stamp="$foam_src/.headers-ready"

packages=(
  openfoam libopenfoam
  libvtk9-dev
  libboost-program-options-dev
  libgtest-dev libgmock-dev
  nlohmann-json3-dev
  libopenmpi-dev openmpi-bin
  cmake g++ make python3
  xvfb xauth libgl1-mesa-dri
  valgrind
  dpkg-dev
)

log() { echo "[setup-deps] $*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@";
  else echo "[setup-deps] error: need root (or sudo) to run: $*" >&2; exit 1; fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

need_src=1
[ -f "$stamp" ] && need_src=0

if [ "${#missing[@]}" -gt 0 ] || [ "$need_src" = 1 ]; then
  # The deb-src line lets 'apt-get source openfoam' fetch Debian's own source package.
  # deb822 format with the same Signed-By as Debian's own entry: apt refuses two entries for
  # one URI that disagree on the key.
  src_list=/etc/apt/sources.list.d/drafting-bookworm-src.sources
  if [ ! -f "$src_list" ]; then
    log "adding bookworm deb-src entry ($src_list)"
    printf '%s\n' "Types: deb-src" "URIs: http://deb.debian.org/debian" "Suites: bookworm" \
      "Components: main" "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" \
      | as_root tee "$src_list" >/dev/null
    as_root apt-get update -q
  elif [ "${#missing[@]}" -gt 0 ]; then
    as_root apt-get update -q
  fi
fi

if [ "${#missing[@]}" -gt 0 ]; then
  log "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "Debian packages: all present"
fi

if [ "$need_src" = 1 ]; then
  log "fetching OpenFOAM v1912 source package into $foam_src"
  rm -rf "$foam_src.tmp"
  mkdir -p "$foam_src.tmp"
  (cd "$foam_src.tmp" && apt-get source -q --download-only openfoam >/dev/null)
  dsc=$(ls "$foam_src.tmp"/openfoam_*.dsc | head -n 1)
  (cd "$foam_src.tmp" && dpkg-source --no-check -x "$(basename "$dsc")" tree >/dev/null)
  tree="$foam_src.tmp/tree"
  # wmake's lnInclude: every header of a library flattened into one folder, so that
  # '#include "fvCFD.H"' resolves with one -I per library.
  log "building lnInclude folders"
  python3 - "$tree" <<'PY'
import os, sys
root = sys.argv[1]
src = os.path.join(root, "src")
count = 0
for dirpath, dirnames, filenames in os.walk(src):
    if "Make" in dirnames and os.path.isfile(os.path.join(dirpath, "Make", "files")):
        lninc = os.path.join(dirpath, "lnInclude")
        os.makedirs(lninc, exist_ok=True)
        for d2, dn2, fn2 in os.walk(dirpath):
            dn2[:] = [d for d in dn2 if d not in ("lnInclude", "Make")]
            for f in fn2:
                if f.endswith((".H", ".C", ".h", ".hxx", ".cxx")):
                    dst = os.path.join(lninc, f)
                    if not os.path.lexists(dst):
                        os.symlink(os.path.relpath(os.path.join(d2, f), lninc), dst)
        count += 1
print(f"[setup-deps] lnInclude folders: {count}")
PY
  mkdir -p "$cache"
  rm -rf "$foam_src"
  mv "$tree" "$foam_src"
  rm -rf "$foam_src.tmp"
  touch "$stamp"
else
  log "OpenFOAM headers: cached in $foam_src"
fi
log "done"

#!/usr/bin/env bash
# Installs everything the project needs on a bare Debian 12 machine, idempotently:
#   - Debian packages (OpenFOAM v1912 binaries, VTK, Boost.PO, GoogleTest, nlohmann-json, Open MPI, ...)
#   - the OpenFOAM v1912 headers, from Debian's own source package (the binary package ships none),
#     unpacked into a cache and flattened into lnInclude folders the way wmake would.
#   - the browser test's npm packages (tests/browser: playwright-core driving Debian's chromium),
#     with Debian's nodejs and npm when the machine has no Node.js of its own.
# A second run only checks and returns in seconds.
#
# Environment:
#   DRAFTING_CACHE   where the OpenFOAM source tree is kept   (default: $HOME/.cache/drafting)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
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
  chromium
  paraview
  slurm-wlm munge
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
# Node.js (for the browser test) only when there is none: a machine's own Node ships its npm,
# and Debian's npm would conflict with it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi

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
  # slurm-wlm and munge would start their system daemons on install; the cluster tests run their
  # own (tests/cluster/slurm-cluster.sh). A policy-rc.d that denies starts, only for this install.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# drafting setup-deps: no service starts during this install\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 0755 "$policy"
    own_policy=1
  fi
  status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" || status=$?
  [ "$own_policy" = 1 ] && as_root rm -f "$policy"
  [ "$status" = 0 ] || exit "$status"
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

# npm ci only when node_modules is missing or the lockfile changed since the last install.
browser_dir="$root/tests/browser"
lock_sum=$(sha256sum "$browser_dir/package-lock.json" | cut -d' ' -f1)
lock_stamp="$browser_dir/node_modules/.drafting-lock-sha256"
if [ -f "$lock_stamp" ] && [ "$(cat "$lock_stamp")" = "$lock_sum" ]; then
  log "browser test packages: present ($browser_dir/node_modules)"
else
  log "installing the browser test's npm packages (npm ci in $browser_dir)"
  (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$lock_stamp"
fi
# ParaView's Python (pvpython) for the flow-field test. Debian's python3-paraview conflicts with
# python3-vtk9, which libvtk9-dev needs: it is unpacked into the cache instead of installed, and
# runs on the paraview package's libraries (tests/support/paraview_flow_fields.py puts it on sys.path).
pv_dir="$cache/paraview"
pv_version=$(dpkg-query -W -f='${Version}' paraview)
if [ -f "$pv_dir/.version" ] && [ "$(cat "$pv_dir/.version")" = "$pv_version" ]; then
  log "ParaView Python: cached in $pv_dir"
else
  log "unpacking python3-paraview $pv_version into $pv_dir"
  rm -rf "$pv_dir.tmp"
  mkdir -p "$pv_dir.tmp"
  (cd "$pv_dir.tmp" && apt-get download -q "python3-paraview=$pv_version" >/dev/null)
  dpkg-deb -x "$pv_dir.tmp"/python3-paraview_*.deb "$pv_dir.tmp/root"
  echo "$pv_version" > "$pv_dir.tmp/root/.version"
  rm -rf "$pv_dir"
  mv "$pv_dir.tmp/root" "$pv_dir"
  rm -rf "$pv_dir.tmp"
fi
log "done"

#!/usr/bin/env bash
# Install the Debian packages given as arguments, only those missing. Needs root (CI runs as
# root); without it, names what to install and fails.
set -euo pipefail
missing=()
for pkg in "$@"; do
  # "install ok installed", or "hold ok installed" for a package pinned at its version: both
  # are there (a held package is installed, only pinned). No pipeline: with pipefail, a
  # `dpkg-query | grep -q` could count an installed package as missing when grep exits first.
  status="$(dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null || true)"
  [[ "$status" == *" ok installed"* ]] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

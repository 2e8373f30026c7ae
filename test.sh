#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian machine that has only the .NET SDK and Node.js,
# then runs every test project. Arguments go to `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Intake).
#   Debian packages: libreoffice-writer-nogui, poppler-utils, fonts-dejavu-core (the letter's DOCX rendered to PNG),
#                    chromium (the coordinator page's browser tests, driven by Playwright; never `playwright install`)
#   npm:             the repo's pinned packages (Azurite, axe-core) when node_modules is missing or older than the lock
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "test.sh: missing Debian packages ${missing[*]}: run 'sudo apt-get install -y --no-install-recommends ${missing[*]}' (or run this script as root)" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules/azurite ] || [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "test.sh: npm ci (Azurite and axe-core, pinned in package-lock.json)"
  npm ci --no-audit --no-fund
fi

exec dotnet test MigrationAgenda.sln "$@"

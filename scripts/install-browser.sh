#!/usr/bin/env bash
# Install Debian's chromium and chromium-driver for the dashboard's browser test
# (tests/test_dashboard_browser.py).  Does nothing when both are already there.
# Never fails the caller: when it cannot install (no root, no apt-get, no network) it says
# so and exits 0, and the browser test then skips with a message.
set -u

CHROMIUM="${EVENTWIRE_CHROMIUM:-/usr/bin/chromium}"
DRIVER="${EVENTWIRE_CHROMEDRIVER:-/usr/bin/chromedriver}"

if [ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]; then
    echo "install-browser: chromium and chromedriver already installed ($CHROMIUM, $DRIVER)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: apt-get not found; install chromium and chromium-driver by hand" \
         "(the browser test will be skipped)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-browser: not root and no password-less sudo; run as root:" \
             "apt-get install chromium chromium-driver (the browser test will be skipped)"
        exit 0
    fi
fi

echo "install-browser: installing chromium and chromium-driver with apt-get..."
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
    echo "install-browser: apt-get update failed (no network?); the browser test will be skipped"
    exit 0
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver; then
    echo "install-browser: apt-get install failed; the browser test will be skipped"
    exit 0
fi
if [ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]; then
    echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
else
    echo "install-browser: packages installed but $CHROMIUM or $DRIVER is missing; the browser test will be skipped"
fi
exit 0

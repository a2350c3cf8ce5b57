#!/usr/bin/env bash
# Package the reflector as a Debian service (called by packaging/build.sh):
#
#   bash packaging/linux/build_server_deb.sh WHEEL VERSION BUILD_ID OUT_DIR
#
# callcheck-server: the wheel and its runtime dependencies (pinned by packaging/constraints.txt,
# no PySide6/pyqtgraph) in a virtual environment at /opt/callcheck-server on Debian's own
# python3.11, /usr/bin/callcheck-server (the whole CLI: `callcheck-server test --server ...`),
# the systemd unit callcheck-server.service running `callcheck serve` as the system user
# callcheck, and /usr/share/callcheck-server/serve.toml.example from which the first install
# makes /etc/callcheck/serve.toml with a random token (server/postinst).
# Needs: /usr/bin/python3.11 with venv (python3-venv), dpkg-dev, network access to the package
# index (or a pip cache/wheelhouse holding the pinned versions).
set -euo pipefail

wheel="$1" version="$2" build_id="$3" out="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packaging="$(dirname "$here")"
root="$(dirname "$packaging")"
arch="$(dpkg --print-architecture)"
deb_version="${version}+${build_id}"
python=/usr/bin/python3.11  # Debian 12's: the venv runs on the target's interpreter
prefix=/opt/callcheck-server
stage="$root/build/deb/callcheck-server_${deb_version}_${arch}"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/usr/bin" "$stage/lib/systemd/system" \
    "$stage/usr/share/callcheck-server" "$stage/usr/share/doc/callcheck-server"

# The venv is made at its final path's name inside the stage and then relocated: venvs record
# their path only in pyvenv.cfg's "command", the activate scripts and the scripts' shebangs.
"$python" -m venv --without-pip "$stage$prefix"
"$python" -m pip --python "$stage$prefix/bin/python" install -q --disable-pip-version-check \
    --no-compile --no-warn-script-location -c "$packaging/constraints.txt" "$wheel"
grep -rlI --null "$stage$prefix" "$stage$prefix" | xargs -0 -r sed -i "s|$stage$prefix|$prefix|g"
# The PyAV wheel's GPL encoders (x264, x265) and the codec/device libraries CallCheck never opens
# are replaced by do-nothing stubs, as in the desktop bundle (codec_stubs.py, licenses/README.md);
# libraries only those needed (GnuTLS's nettle, gmp, libunistring) are then dropped.
"$python" "$here/codec_stubs.py" --site-packages "$stage$prefix/lib/python3.11/site-packages" \
    "$root/build/server-codec-stubs" | sed 's/^/build_server_deb: /'
ln -sf python3.11 "$stage$prefix/bin/python3"
ln -sf "$python" "$stage$prefix/bin/python3.11"
# Byte-compile for the final path (the service user cannot write .pyc files under
# ProtectSystem=strict, and every start would compile numpy and aiortc again).
"$python" -m compileall -q -j 0 -s "$stage" -p / "$stage$prefix/lib" >/dev/null
ln -s "$prefix/bin/callcheck" "$stage/usr/bin/callcheck-server"

install -m 0644 "$here/server/callcheck-server.service" "$stage/lib/systemd/system/"
install -m 0644 "$here/server/serve.toml" "$stage/usr/share/callcheck-server/serve.toml.example"
install -m 0755 "$here/server/postinst" "$here/server/prerm" "$here/server/postrm" "$stage/DEBIAN/"
install -m 0644 "$root/LICENSE" "$stage/usr/share/doc/callcheck-server/LICENSE"
install -m 0644 "$here/server/README.server.md" "$stage/usr/share/doc/callcheck-server/"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: CallCheck"
    echo "License: Apache-2.0"
    echo "Comment: CallCheck is licensed under the Apache License 2.0 (LICENSE in this folder)."
    echo " /opt/callcheck-server holds its runtime dependencies as published wheels; each"
    echo " one's licence is in its *.dist-info folder, and packaging/licenses/ of the source"
    echo " lists them (all permissive or LGPL, shipped unmodified)."
} >"$stage/usr/share/doc/callcheck-server/copyright"
find "$stage" -type d -exec chmod 0755 {} +

installed_kb="$(du -sk --apparent-size "$stage" --exclude=DEBIAN | cut -f1)"
python_version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: callcheck-server
Version: $deb_version
Architecture: $arch
Maintainer: CallCheck maintainers <callcheck@localhost>
Installed-Size: $installed_kb
Section: net
Priority: optional
Depends: python$python_version, libc6 (>= 2.36), passwd
Recommends: systemd
Suggests: libportaudio2
Homepage: https://localhost/callcheck
Description: CallCheck reflector server (callcheck serve) as a systemd service
 The reflector that CallCheck's desktop app and command line place test calls
 to: WebRTC (WHIP, RFC 9725) calls are answered and their audio sent back, with
 the server's own uplink figures, plus peer-mode rooms, /healthz and /metrics
 (Prometheus). Runs as the unprivileged user callcheck under a hardened systemd
 unit; settings in /etc/callcheck/serve.toml. Command line only: no desktop app.
CONTROL

mkdir -p "$out"
deb="$out/callcheck-server_${deb_version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz -z"${XZ_LEVEL:-6}" --build "$stage" "$deb" >/dev/null
echo "build_server_deb: $deb ($(du -h "$deb" | cut -f1), installed $((installed_kb / 1024)) MiB)"

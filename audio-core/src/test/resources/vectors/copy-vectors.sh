#!/usr/bin/env bash
# Copies the reference vectors this module's tests use from ../shared/audio-vectors and checks
# them against that folder's MANIFEST.json (sha256). The vectors themselves were generated
# outside the project (see shared/audio-vectors/README.md: G.711 segment definitions validated
# against ITU-T G.191 STL; speexdsp 1.2.1 q5 and soxr 0.1.3 HQ references).
# Usage: audio-core/src/test/resources/vectors/copy-vectors.sh [path/to/shared/audio-vectors]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${1:-$here/../../../../../../shared/audio-vectors}"
files="ulaw_decode.s16le alaw_decode.s16le ulaw_encode_itu.u8 alaw_encode_itu.u8 ulaw_encode_audioop.u8
test_8k_1s.s16le test_8k_1s.ulaw test_8k_1s.alaw test_16k_speex_q5.s16le test_24k_speex_q5.s16le
test_16k_soxr_hq.s16le test_24k_soxr_hq.s16le"
for f in $files; do
  cp "$src/$f" "$here/$f"
  want="$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))[sys.argv[2]]['sha256'])" "$src/MANIFEST.json" "$f")"
  got="$(sha256sum "$here/$f" | cut -d' ' -f1)"
  [ "$want" = "$got" ] || { echo "sha256 mismatch: $f" >&2; exit 1; }
done
echo "copied and verified: $(echo $files | wc -w) files"

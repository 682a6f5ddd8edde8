#!/usr/bin/env bash
# Makes the prompts EKC ships: 8 kHz mono G.711 μ-law WAV, spoken by espeak-ng, into
# media/src/main/resources/ekc/media/prompts/<language>/<name>.wav. Needs espeak-ng and sox
# (Debian: espeak-ng, sox). Run from anywhere; re-running overwrites the files.
#
#   scripts/make-prompts.sh            # every prompt
#   scripts/make-prompts.sh ru         # one language
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/media/src/main/resources/ekc/media/prompts"
for tool in espeak-ng sox; do
    command -v "$tool" >/dev/null || { echo "make-prompts: $tool is not installed (apt-get install $tool)" >&2; exit 1; }
done

# name|text — one prompt a line. Keep them short: every prompt is preloaded into memory.
ru_prompts=(
  "greeting|Здравствуйте! Вы позвонили в Единый контакт-центр Социального фонда России. Меня зовут Яна."
  "goodbye|Спасибо за обращение. До свидания!"
)
en_prompts=(
  "greeting|Hello! You have reached the Unified Contact Centre of the Social Fund of Russia. My name is Yana."
  "goodbye|Thank you for calling. Goodbye!"
)

speak() { # language voice name text
    local lang="$1" voice="$2" name="$3" text="$4" tmp
    tmp="$(mktemp --suffix=.wav)"
    mkdir -p "$out/$lang"
    espeak-ng -v "$voice" -s 150 -w "$tmp" "$text"
    # Band-limit to telephone speech, resample to 8 kHz with sox's own filter, leave a little
    # headroom, store as μ-law (half the size of 16-bit PCM, and what RTP sends anyway).
    sox -q "$tmp" -r 8000 -c 1 -e u-law -b 8 "$out/$lang/$name.wav" highpass 200 lowpass 3400 gain -n -3
    rm -f "$tmp"
    echo "$out/$lang/$name.wav"
}

want="${1:-all}"
if [[ "$want" == all || "$want" == ru ]]; then
    for p in "${ru_prompts[@]}"; do speak ru ru+f3 "${p%%|*}" "${p#*|}"; done
fi
if [[ "$want" == all || "$want" == en ]]; then
    for p in "${en_prompts[@]}"; do speak en en+f3 "${p%%|*}" "${p#*|}"; done
fi

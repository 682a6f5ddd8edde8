#!/usr/bin/env bash
# Makes Yana's prompts from the knowledge base: one 8 kHz mono 16-bit WAV per phrase Yana can say
# (the dialog's prompts in dialog.yaml, every non-personal answer in questions.yaml, every scenario
# step in scenarios.yaml), spoken by espeak-ng and resampled by sox.
#
#   scripts/make-robot-prompts.sh                  # both embedded knowledge bases (ru, en)
#   scripts/make-robot-prompts.sh ru DIR OUT       # the knowledge base in DIR, WAVs into OUT
#
# Needs espeak-ng, sox and python3 with PyYAML (Debian: espeak-ng sox python3-yaml).
# espeak-ng is deterministic: unchanged texts give byte-identical WAVs, so git shows only real changes.
set -euo pipefail
cd "$(dirname "$0")/.."

make_prompts() {
  local lang=$1 kb=$2 out=$3 voice
  case "$lang" in ru) voice=ru ;; en) voice=en-us ;; *) echo "language ru or en, not $lang" >&2; exit 2 ;; esac
  mkdir -p "$out"
  python3 - "$kb" <<'PY' | while IFS=$'\t' read -r name text; do
import sys, yaml, os
kb = sys.argv[1]
def load(f):
    with open(os.path.join(kb, f), encoding='utf-8') as fh:
        return yaml.safe_load(fh) or {}
for name, text in (load('dialog.yaml').get('prompts') or {}).items():
    print(f"{name}\t{' '.join(str(text).split())}")
for q in load('questions.yaml').get('questions') or []:
    if q.get('action', 'answer') == 'answer' and not q.get('personal', False):
        print(f"{q['id']}\t{' '.join(str(q['answer']).split())}")
for s in load('scenarios.yaml').get('scenarios') or []:
    for st in s['steps']:
        print(f"{s['id']}.{st['id']}\t{' '.join(str(st['ask']).split())}")
PY
    local wav="$out/$name.wav" tmp
    tmp=$(mktemp --suffix=.wav)
    espeak-ng -v "$voice" -s 150 -w "$tmp" "$text"
    sox -q -D "$tmp" -r 8000 -c 1 -b 16 -e signed-integer "$wav" norm -1
    rm -f "$tmp"
    echo "$lang/$name.wav"
  done
}

if (($# == 3)); then
  make_prompts "$1" "$2" "$3"
else
  for lang in ru en; do
    make_prompts "$lang" "ivr-robot/src/main/resources/ekc/kb/$lang" "ivr-robot/src/main/resources/ekc/prompts/$lang"
  done
fi

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-potfiles.sh: every file with a translatable string is in po/POTFILES.in (so that
# xgettext, through `meson compile sigla-pot`, sees it), and the list is sorted. Speaks TAP.
set -u
top=${1:?usage: test-potfiles.sh SOURCE_ROOT}
cd "$top" || exit 1

listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$')
wanted=$( (grep -l -E '(^|[^A-Za-z_])(_|N_|C_|ngettext) ?\(' src/app/*.c src/core/*.c src/core/*/*.c 2>/dev/null;
           grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui 2>/dev/null) | sort -u)

echo "1..2"
missing=""
for file in $wanted; do
  echo "$listed" | grep -qx "$file" || missing="$missing $file"
done
if [ -z "$missing" ]; then
  echo "ok 1 - every file with translatable strings is in po/POTFILES.in"
else
  echo "not ok 1 - missing from po/POTFILES.in:$missing"
fi

if [ "$listed" = "$(echo "$listed" | LC_ALL=C sort)" ]; then
  echo "ok 2 - po/POTFILES.in is sorted"
else
  echo "not ok 2 - po/POTFILES.in is not sorted"
fi

[ -z "$missing" ] && [ "$listed" = "$(echo "$listed" | LC_ALL=C sort)" ]

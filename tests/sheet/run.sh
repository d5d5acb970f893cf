#!/bin/sh
# Spreadsheets in and out: clerk export and clerk import, driven by
# tests/sheet/test_sheet.py with Debian's python3-openpyxl, which edits
# the trackers the way Excel saves them. Debian's Python, not the one on
# PATH, is the one that has openpyxl.
PY=/usr/bin/python3
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
	echo "1..0 # SKIP python3-openpyxl is not installed"
	exit 0
fi
exec "$PY" tests/sheet/test_sheet.py

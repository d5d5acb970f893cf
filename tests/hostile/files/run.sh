#!/bin/sh
# Hostile files: what clerk reads must be a regular file. Each case below
# names a FIFO, a device or a folder where clerk expects a file (the
# report itself, the file it extends, a hook, a Lua module, a partial, a
# logo, a theme's brand.yaml or extra.css, a template) and must: exit with
# status 1 without waiting on it (each run is wrapped in `timeout 10`, so
# a FIFO that blocks fails the case instead of hanging the suite), print
# exactly NAME.expected on stderr (the temporary folder's path taken out),
# the error at the place that named the file, and leave the previous
# outputs as they were.
#
# Each case_NAME function makes its inputs in c/NAME (and, for a council's
# files, templates/NAME) of a temporary tree that holds a copy of clerk,
# templates/ and scripts/, and prints the command's arguments.
# CLERK_BLESS=1 rewrites the .expected files from the current output.
dir=$(pwd)/tests/hostile/files
CLERK=${CLERK:-$(pwd)/clerk}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$CLERK" "$tmp/clerk"
cp -R templates scripts "$tmp/"
cd "$tmp" || exit 1
n=0

# report FILE [EXTRA-LINE...]: a minimal report in FILE.
report() {
	f=$1
	shift
	printf 'clerk: 1\nreport: {title: T}\nmeeting:\n  committee: C\n  date: 2020-01-14\n' >"$f"
	for line in "$@"; do echo "$line" >>"$f"; done
}
# council NAME [EXTRA-LINE...]: a council theme templates/NAME.
council() {
	name=$1
	shift
	mkdir -p "templates/$name"
	printf 'council:\n  name: %s Council\n' "$name" >"templates/$name/brand.yaml"
	for line in "$@"; do echo "$line" >>"templates/$name/brand.yaml"; done
}

case_fifo_report() {
	mkfifo c/fifo_report/report.yaml
	echo render -o out/fifo_report c/fifo_report/report.yaml
}
case_folder_report() {
	mkdir c/folder_report/report.yaml
	echo render -o out/folder_report c/folder_report/report.yaml
}
case_dev_zero_report() {
	echo render -o out/dev_zero_report /dev/zero
}
case_fifo_extends() {
	mkfifo c/fifo_extends/plan.yaml
	printf 'extends: plan.yaml\nmeeting: {date: 2020-04-21}\n' \
		>c/fifo_extends/report.yaml
	echo render -o out/fifo_extends c/fifo_extends/report.yaml
}
case_folder_extends() {
	mkdir c/folder_extends/plan.yaml
	printf 'extends: plan.yaml\n' >c/folder_extends/report.yaml
	echo render -o out/folder_extends c/folder_extends/report.yaml
}
case_dev_zero_extends() {
	printf 'extends: /dev/zero\n' >c/dev_zero_extends/report.yaml
	echo render -o out/dev_zero_extends c/dev_zero_extends/report.yaml
}
case_link_to_dev_zero_extends() {
	ln -s /dev/zero c/link_to_dev_zero_extends/zero.yaml
	printf 'extends: zero.yaml\n' >c/link_to_dev_zero_extends/report.yaml
	echo render -o out/link_to_dev_zero_extends \
		c/link_to_dev_zero_extends/report.yaml
}
case_device_extends() {
	# A device node inside the content folder (mknod needs root).
	mknod c/device_extends/zero.yaml c 1 5 2>/dev/null || return 1
	printf 'extends: zero.yaml\n' >c/device_extends/report.yaml
	echo render -o out/device_extends c/device_extends/report.yaml
}
case_fifo_hook() {
	mkfifo c/fifo_hook/count.lua
	report c/fifo_hook/report.yaml 'hooks: [count.lua]'
	echo render -o out/fifo_hook c/fifo_hook/report.yaml
}
case_fifo_module() {
	mkfifo c/fifo_module/figures.lua
	printf 'local f = require("figures")\nreturn {n = 1}\n' \
		>c/fifo_module/count.lua
	report c/fifo_module/report.yaml 'hooks: [count.lua]'
	echo render -o out/fifo_module c/fifo_module/report.yaml
}
case_fifo_partial() {
	council fifo_partial
	echo '<main>{{>masthead}}</main>' >templates/fifo_partial/report.mustache
	mkfifo templates/fifo_partial/masthead.mustache
	report c/fifo_partial/report.yaml 'council: fifo_partial'
	echo render -o out/fifo_partial c/fifo_partial/report.yaml
}
case_fifo_logo() {
	council fifo_logo '  logo: logo.svg'
	mkfifo templates/fifo_logo/logo.svg
	report c/fifo_logo/report.yaml 'council: fifo_logo'
	echo render -o out/fifo_logo c/fifo_logo/report.yaml
}
case_fifo_brand() {
	mkdir -p templates/fifo_brand
	mkfifo templates/fifo_brand/brand.yaml
	report c/fifo_brand/report.yaml 'council: fifo_brand'
	echo render -o out/fifo_brand c/fifo_brand/report.yaml
}
case_fifo_extra_css() {
	council fifo_extra_css
	mkfifo templates/fifo_extra_css/extra.css
	report c/fifo_extra_css/report.yaml 'council: fifo_extra_css'
	echo render -o out/fifo_extra_css c/fifo_extra_css/report.yaml
}
case_fifo_template() {
	mkfifo c/fifo_template/page.mustache
	echo template c/fifo_template/page.mustache
}
case_link_loop_report() {
	ln -s report.yaml c/link_loop_report/report.yaml
	echo render -o out/link_loop_report c/link_loop_report/report.yaml
}

for expected in "$dir"/*.expected; do
	name=$(basename "$expected" .expected)
	n=$((n + 1))
	mkdir -p "c/$name" "out/$name"
	echo previous >"out/$name/report.html"
	echo previous >"out/$name/report.pdf"
	if ! args=$("case_$name"); then
		echo "ok $n - # SKIP $name: cannot make its inputs here"
		continue
	fi
	# shellcheck disable=SC2086 # the arguments are plain words
	timeout 10 ./clerk $args >stdout 2>raw
	status=$?
	sed "s|$tmp/||g" raw >err
	[ -n "${CLERK_BLESS:-}" ] && cp err "$expected"
	left=$(find "out/$name" -type f ! -name 'report.*' | head -1)
	if [ "$status" -eq 124 ]; then
		echo "not ok $n - $name: clerk waited on it for 10 seconds"
	elif [ "$status" -ne 1 ]; then
		echo "not ok $n - $name: exit status $status, expected 1"
		sed 's/^/# /' err
	elif ! cmp -s err "$expected"; then
		echo "not ok $n - $name: diagnostics differ"
		diff "$expected" err | sed 's/^/# /'
	elif [ "$(cat "out/$name/report.html" "out/$name/report.pdf")" != "previous
previous" ]; then
		echo "not ok $n - $name: the previous output was replaced"
	elif [ -n "$left" ]; then
		echo "not ok $n - $name: left $left behind"
	else
		echo "ok $n - $name"
	fi
done

echo "1..$n"

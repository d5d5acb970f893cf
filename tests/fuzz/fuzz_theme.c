/* libFuzzer target for the theme: the input is a council's brand.yaml,
 * merged over templates/default/brand.yaml as theme_load merges it (the
 * fuzzer runs from the repository root), and is also tried as an
 * extra.css. Whatever loads must give CSS that cannot leave the style
 * element or its rules: no "<" or "&" at all, valid UTF-8, strings and
 * comments closed, braces balanced, and outside strings and comments no
 * expression(, javascript:, url( or @import. Any other outcome must be a
 * diagnostic. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "load/load.h"
#include "theme/internal.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct arena base = ARENA_INIT;
static struct value *defaults;
static struct theme plain; /* the default theme, for extra.css */

static void fail(const char *why, const char *css)
{
	fprintf(stderr, "fuzz_theme: %s in:\n%s\n", why, css);
	abort();
}

static bool starts(const char *s, const char *w)
{
	for (; *w; s++, w++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		if (c != *w)
			return false;
	}
	return true;
}

/* A character that continues a CSS name: "xurl(" is not url(. */
static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       (unsigned char)c >= 0x80;
}

/* The oracle, written apart from theme_check_css so it checks it. */
static void check(const char *css, size_t len)
{
	if (strlen(css) != len)
		fail("a NUL byte", css);
	if (utf8_validate(css, len) != len)
		fail("invalid UTF-8", css);
	if (strchr(css, '<'))
		fail("\"<\"", css);
	if (strchr(css, '&'))
		fail("\"&\"", css);
	static const char *const words[] = {
	        "expression(", "javascript:", "url(", "@import", NULL};
	long depth = 0;
	for (const char *p = css; *p; p++) {
		if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			if (!e)
				fail("an open comment", css);
			p = e + 1;
		} else if (*p == '"' || *p == '\'') {
			const char *q = p + 1;
			for (; *q && *q != *p; q++) {
				if (*q == '\n')
					fail("a string across lines", css);
				if (*q == '\\' && q[1])
					q++;
			}
			if (!*q)
				fail("an open string", css);
			p = q;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			if (--depth < 0)
				fail("a \"}\" closing nothing", css);
		} else if (p == css || !name_char(p[-1])) {
			for (int i = 0; words[i]; i++)
				if (starts(p, words[i]))
					fail(words[i], css);
		}
	}
	if (depth != 0)
		fail("unbalanced braces", css);
}

static void generate(const struct theme *t, const char *title)
{
	struct arena a = ARENA_INIT;
	struct pos p = {"fuzz", 1, 1};
	struct value *vars = value_new_map(&a, p);
	value_map_set(&a, vars, "council",
	              value_new_string(&a, p, t->council_name,
	                               strlen(t->council_name)));
	value_map_set(&a, vars, "title",
	              value_new_string(&a, p, title, strlen(title)));
	struct buf css = BUF_INIT;
	theme_css(t, &css);
	theme_css_running(t, vars, &css);
	check(buf_cstr(&css), css.len);
	buf_free(&css);
	arena_free(&a);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diags d = DIAGS_INIT;
	if (load_file(&base, "templates/default/brand.yaml", NULL, &defaults,
	              &d) != 0 ||
	    theme_read_brand(&base, defaults, false, &plain, &d) != 0) {
		diags_print(&d, stderr, false);
		fprintf(stderr, "fuzz_theme: run from the repository root\n");
		exit(1);
	}
	diags_free(&d);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	const char *text = (const char *)data;
	struct value *own = NULL;
	if (load_text(&a, "brand.yaml", text, size, &own, &d) == 0 &&
	    own->kind == VALUE_MAP) {
		struct theme t;
		memset(&t, 0, sizeof t);
		t.name = t.dir = t.default_dir = "fuzz";
		size_t before = d.errors;
		if (theme_read_brand(&a, load_merge(&a, defaults, own), false,
		                     &t, &d) == 0)
			generate(&t, t.header.left);
		else if (d.errors == before)
			__builtin_trap(); /* a refusal must say why */
	}
	diags_free(&d);

	/* The same bytes as a council's extra.css. */
	struct diags cd = DIAGS_INIT;
	if (theme_check_css("extra.css", text, size, &cd) == 0) {
		struct theme t = plain;
		memset(&t.style, 0, sizeof t.style);
		size_t before = cd.errors;
		if (theme_style_parse(&a, &t, "extra.css", text, size, &t.style,
		                      &cd) == 0)
			generate(&t, "extra.css");
		else if (cd.errors == before)
			__builtin_trap();
	} else if (cd.errors == 0) {
		__builtin_trap();
	}
	diags_free(&cd);
	arena_free(&a);
	return 0;
}

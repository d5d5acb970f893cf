/* libFuzzer target for figures in prose: the input is a report's summary,
 * Mustache tags and all, and the view of a small report with the default
 * theme is built around it (the fuzzer runs from the repository root).
 * Either the view is made, and the summary's HTML holds no element the
 * Markdown renderer does not make from text (no <script, no on...=
 * attribute, no javascript:), or the view is refused with at least one
 * error. No crash, no leak, no hang. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "html/view.h"
#include "theme/theme.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct arena base = ARENA_INIT;
static struct theme theme;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diags d = DIAGS_INIT;
	if (theme_load(&base, "templates", "default", (struct pos){0}, NULL,
	               &theme, &d) != 0) {
		fprintf(stderr, "fuzz_prose: the default theme did not load\n");
		abort();
	}
	diags_free(&d);
	return 0;
}

static struct value *str(struct arena *a, const char *s, size_t n)
{
	return value_new_string(a, (struct pos){"fuzz.yaml", 1, 1}, s, n);
}

static const char *contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* HTML made from text by the Markdown renderer: in its tags, never a
 * script, an event attribute or a javascript: address. */
static void check(const char *html)
{
	bool bad = false;
	for (const char *t = strchr(html, '<'); t && !bad;
	     t = strchr(t + 1, '<')) {
		const char *end = strchr(t, '>');
		if (!end)
			break;
		size_t n = (size_t)(end - t);
		char tag[512];
		snprintf(tag, sizeof tag, "%.*s", (int)(n < 511 ? n : 511), t);
		bad = contains(tag, "<script") ||
		      contains(tag, "=\"javascript:") ||
		      contains(tag, "='javascript:");
		for (const char *q = tag; *q && !bad; q++)
			bad = q[0] == ' ' && (q[1] == 'o' || q[1] == 'O') &&
			      (q[2] == 'n' || q[2] == 'N');
	}
	if (bad) {
		fprintf(stderr, "fuzz_prose: markup in %s\n", html);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The loader gives only valid UTF-8 without NUL. */
	if (size > 4096 || memchr(data, 0, size) ||
	    utf8_validate((const char *)data, size) != size)
		return 0;
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct pos p = {"fuzz.yaml", 1, 1};
	struct value *root = value_new_map(&a, p);
	struct value *meeting = value_new_map(&a, p);
	value_map_set(&a, meeting, "committee", str(&a, "Cabinet", 7));
	value_map_set(&a, meeting, "date", str(&a, "2020-01-14", 10));
	struct value *report = value_new_map(&a, p);
	value_map_set(&a, report, "title", str(&a, "Title", 5));
	value_map_set(&a, report, "summary", str(&a, (const char *)data, size));
	value_map_set(&a, root, "clerk", value_new_int(&a, p, 1));
	value_map_set(&a, root, "meeting", meeting);
	value_map_set(&a, root, "report", report);
	struct value *view = html_view(&a, root, NULL, &theme, NULL, ".", &d);
	if (!view && d.errors == 0) {
		fprintf(stderr, "fuzz_prose: refused with no error\n");
		abort();
	}
	/* The summary's HTML is the body of its page section. */
	const struct value *secs =
	        view ? value_map_get(view, "page_sections") : NULL;
	for (size_t i = 0; secs && i < secs->as.list.len; i++) {
		const struct value *b =
		        value_map_get(secs->as.list.items[i], "body");
		if (b && b->text)
			check(b->text);
	}
	diags_free(&d);
	arena_free(&a);
	return 0;
}

/* libFuzzer target for the marks pass (src/html/marks.c): the input is a
 * rendered page. Every paragraph html_marks_each finds marked
 * class="para" is numbered, as the view numbers a block's marks, and
 * html_number_marks writes the numbers in. Either it refuses with at
 * least one error and leaves the page as it was, or it succeeds, and
 * then no mark is left in the page, every mark has its number, and a
 * page that was well-formed XML (dom_parse, the PDF path's parser) is
 * well-formed still. No crash, no leak, no hang. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "html/marks.h"
#include "layout/dom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct found {
	struct arena *a;
	struct value *list;
	size_t n;
};

static struct value *str(struct arena *a, const char *s, size_t n)
{
	return value_new_string(a, (struct pos){NULL, 0, 0}, s, n);
}

/* A mark as the view gives it: its tag, no template, an id and a
 * number of its own. */
static void add(void *ctx, const char *tag, size_t n)
{
	struct found *f = ctx;
	struct pos p = {NULL, 0, 0};
	struct value *m = value_new_map(f->a, p);
	char id[32];
	int k = snprintf(id, sizeof id, "fz%zu", ++f->n);
	value_map_set(f->a, m, "tag", str(f->a, tag, n));
	value_map_set(f->a, m, "at", str(f->a, "", 0));
	value_map_set(f->a, m, "id", str(f->a, id, (size_t)k));
	value_map_set(f->a, m, "number", str(f->a, id + 2, (size_t)k - 2));
	value_list_push(f->a, f->list, m);
}

static int well_formed(const char *s, size_t n)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	int ok = dom_parse(s, n, "fuzz.html", &a, &d) != NULL;
	diags_free(&d);
	arena_free(&a);
	return ok;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A rendered page is valid UTF-8 without NUL. */
	if (size > 8192 || memchr(data, 0, size) ||
	    utf8_validate((const char *)data, size) != size)
		return 0;
	const char *in = (const char *)data;
	struct arena a = ARENA_INIT;
	struct found f = {&a, value_new_list(&a, (struct pos){NULL, 0, 0}), 0};
	size_t n = html_marks_each(in, size, add, &f);
	if (n != f.n)
		abort();
	struct buf page = BUF_INIT;
	buf_put(&page, in, size);
	struct diags d = DIAGS_INIT;
	struct pos where = {"templates/fuzz", 0, 0};
	size_t wrappers = count(buf_cstr(&page), "<span class=\"pn\">");
	int rc = html_number_marks(&page, f.list, NULL, where, &d);
	if (rc != 0) {
		if (d.errors == 0 || page.len != size ||
		    memcmp(buf_cstr(&page), in, size) != 0) {
			fprintf(stderr, "fuzz_marks: refused, but no error or "
			                "the page changed\n");
			abort();
		}
	} else {
		const char *out = buf_cstr(&page);
		if (d.errors || html_marks_each(out, page.len, NULL, NULL) ||
		    count(out, "<span class=\"pn\">") != wrappers + n) {
			fprintf(stderr,
			        "fuzz_marks: a mark left, or a number "
			        "missing, in\n%s\n",
			        out);
			abort();
		}
		if (well_formed(in, size) && !well_formed(out, page.len)) {
			fprintf(stderr,
			        "fuzz_marks: a well-formed page made "
			        "ill-formed:\n%s\n",
			        out);
			abort();
		}
	}
	diags_free(&d);
	buf_free(&page);
	arena_free(&a);
	return 0;
}

/* mustache_spec: runs the Mustache specification's YAML files through
 * clerk's loader and engine, one TAP line per case.
 *
 * usage: mustache_spec SPEC_DIR
 *
 * The spec's lambdas are code in other languages (tagged `!code`); each
 * lambda case maps by name to a C function that does the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "mustache/internal.h"
#include "mustache/value_data.h"

static const char *const files[] = {
        "comments", "delimiters",     "interpolation", "inverted", "partials",
        "sections", "~dynamic-names", "~inheritance",  "~lambdas",
};

/* The spec's lambdas, in C. */
static const char *current;
static int calls;

static int lambda(void *closure, const struct value *fn, const char *raw,
                  size_t len, struct buf *out, struct pos pos, struct diags *d)
{
	(void)closure;
	(void)fn;
	const char *n = current;
	if (strcmp(n, "Interpolation") == 0)
		buf_puts(out, "world");
	else if (strcmp(n, "Interpolation - Expansion") == 0)
		buf_puts(out, "{{planet}}");
	else if (strcmp(n, "Interpolation - Alternate Delimiters") == 0)
		buf_puts(out, "|planet| => {{planet}}");
	else if (strcmp(n, "Interpolation - Multiple Calls") == 0)
		buf_printf(out, "%d", ++calls);
	else if (strcmp(n, "Escaping") == 0)
		buf_puts(out, ">");
	else if (strcmp(n, "Section") == 0)
		buf_puts(out, len == 5 && memcmp(raw, "{{x}}", 5) == 0 ? "yes"
		                                                       : "no");
	else if (strcmp(n, "Section - Expansion") == 0)
		buf_printf(out, "%.*s{{planet}}%.*s", (int)len, raw, (int)len,
		           raw);
	else if (strcmp(n, "Section - Alternate Delimiters") == 0)
		buf_printf(out, "%.*s{{planet}} => |planet|%.*s", (int)len, raw,
		           (int)len, raw);
	else if (strcmp(n, "Section - Multiple Calls") == 0)
		buf_printf(out, "__%.*s__", (int)len, raw);
	else if (strcmp(n, "Inverted Section") == 0)
		; /* returns false; never called for an inverted section */
	else {
		diag_error(d, pos, "no C equivalent for the lambda of \"%s\"",
		           n);
		return -1;
	}
	return 0;
}

static void show(const char *label, const char *s)
{
	printf("#   %s: \"", label);
	for (; *s; s++) {
		if (*s == '\n')
			printf("\\n");
		else if (*s == '\r')
			printf("\\r");
		else if (*s == '\t')
			printf("\\t");
		else
			putchar(*s);
	}
	printf("\"\n");
}

static int run_case(const char *file, const struct value *tc, int n)
{
	const struct value *name = value_map_get(tc, "name");
	const struct value *tmpl = value_map_get(tc, "template");
	const struct value *data = value_map_get(tc, "data");
	const struct value *expected = value_map_get(tc, "expected");
	const struct value *partials = value_map_get(tc, "partials");
	current = name && name->text ? name->text : "?";
	calls = 0;
	struct diags d = DIAGS_INIT;
	struct buf out = BUF_INIT;
	struct mustache_template *t = NULL;
	struct mustache_value_partials mp;
	mustache_value_partials_init(&mp, partials);
	struct mustache_partials res = mustache_value_partials(&mp);
	struct mustache_lambdas lam = {"!code", NULL, lambda, false};
	struct mustache_data md = mustache_value_data(&lam);
	int ok = 0;
	if (tmpl && tmpl->text &&
	    mustache_compile(file, tmpl->text, tmpl->len, &t, &d) == 0 &&
	    mustache_render(t, &md, data, &res, &out, &d) == 0 && expected &&
	    expected->text && strcmp(buf_cstr(&out), expected->text) == 0)
		ok = 1;
	printf("%s %d - %s: %s\n", ok ? "ok" : "not ok", n, file, current);
	if (!ok) {
		show("template", tmpl && tmpl->text ? tmpl->text : "");
		show("expected",
		     expected && expected->text ? expected->text : "");
		show("got", buf_cstr(&out));
		for (size_t i = 0; i < d.len; i++)
			printf("#   %s:%d:%d: %s\n", d.items[i].file,
			       d.items[i].line, d.items[i].col, d.items[i].msg);
	}
	mustache_value_partials_free(&mp);
	mustache_free(t);
	buf_free(&out);
	diags_free(&d);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mustache_spec SPEC_DIR\n");
		return 2;
	}
	int n = 0, failed = 0;
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s.yml", argv[1], files[f]);
		struct arena a = ARENA_INIT;
		struct diags d = DIAGS_INIT;
		struct value *doc;
		if (load_file(&a, path, NULL, &doc, &d) < 0) {
			diags_print(&d, stdout, false);
			printf("not ok %d - %s: cannot load\n", ++n, path);
			failed++;
		} else {
			const struct value *tests = value_map_get(doc, "tests");
			for (size_t i = 0; tests && tests->kind == VALUE_LIST &&
			                   i < tests->as.list.len;
			     i++)
				failed += !run_case(
				        files[f], tests->as.list.items[i], ++n);
		}
		diags_free(&d);
		arena_free(&a);
	}
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}

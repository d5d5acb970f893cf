/* mustache_diff: renders the cases that tests/mustache-js/gen.js wrote
 * (template, partials, data and mustache.js's output) with clerk, and
 * reports every difference that is not one of the documented ones.
 *
 * usage: mustache_diff CASES.json...
 *
 * Prints a TAP line per undocumented difference, and one per outcome with
 * its count: identical, and each documented reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "load/load.h"
#include "mustache/mustache.h"
#include "mustache/value_data.h"

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

struct tally {
	char *reason;
	int n;
};

static struct tally *tallies;
static size_t ntallies, tcap;

static void count(const char *reason)
{
	for (size_t i = 0; i < ntallies; i++)
		if (strcmp(tallies[i].reason, reason) == 0) {
			tallies[i].n++;
			return;
		}
	tallies = xgrow(tallies, &tcap, ntallies + 1, sizeof *tallies);
	tallies[ntallies].reason = xstrdup(reason);
	tallies[ntallies++].n = 1;
}

static int tap;

static int run_case(const struct value *c)
{
	const struct value *name = value_map_get(c, "name");
	const struct value *tmpl = value_map_get(c, "template");
	const struct value *partials = value_map_get(c, "partials");
	const struct value *data = value_map_get(c, "data");
	const struct value *expected = value_map_get(c, "expected");
	const struct value *why = value_map_get(c, "documented");
	struct diags d = DIAGS_INIT;
	struct buf out = BUF_INIT;
	struct mustache_template *t = NULL;
	size_t np = partials && partials->kind == VALUE_MAP
	                    ? partials->as.map.len
	                    : 0;
	struct mustache_value_partials mp;
	mustache_value_partials_init(&mp, partials);
	struct mustache_partials res = mustache_value_partials(&mp);
	struct mustache_data md = mustache_value_data(NULL);
	int rc = mustache_compile("template", tmpl->text, tmpl->len, &t, &d);
	if (rc == 0)
		rc = mustache_render(t, &md, data, &res, &out, &d);
	bool same = rc == 0 && strcmp(buf_cstr(&out), expected->text) == 0;
	int failed = 0;
	if (same)
		count("identical");
	else if (why && why->len)
		count(why->text);
	else {
		failed = 1;
		printf("not ok %d - differential: %s\n", ++tap, name->text);
		show("template", tmpl->text);
		for (size_t i = 0; i < np; i++)
			show(partials->as.map.items[i].key->text,
			     partials->as.map.items[i].value->text);
		struct buf dump = BUF_INIT;
		value_dump(&dump, data);
		printf("#   data: %s\n", buf_cstr(&dump));
		buf_free(&dump);
		show("mustache.js", expected->text);
		show("clerk", buf_cstr(&out));
		for (size_t i = 0; i < d.len; i++)
			printf("#   %s:%d:%d: %s\n", d.items[i].file,
			       d.items[i].line, d.items[i].col, d.items[i].msg);
	}
	mustache_value_partials_free(&mp);
	mustache_free(t);
	buf_free(&out);
	diags_free(&d);
	return failed;
}

int main(int argc, char **argv)
{
	int failed = 0, cases = 0;
	for (int f = 1; f < argc; f++) {
		struct arena a = ARENA_INIT;
		struct diags d = DIAGS_INIT;
		struct value *doc;
		if (load_file(&a, argv[f], NULL, &doc, &d) < 0 ||
		    doc->kind != VALUE_LIST) {
			diags_print(&d, stdout, false);
			printf("not ok %d - differential: cannot load %s\n",
			       ++tap, argv[f]);
			failed++;
		} else {
			for (size_t i = 0; i < doc->as.list.len; i++, cases++)
				failed += run_case(doc->as.list.items[i]);
		}
		diags_free(&d);
		arena_free(&a);
	}
	for (size_t i = 0; i < ntallies; i++) {
		printf("ok %d - differential: %d of %d cases %s%s\n", ++tap,
		       tallies[i].n, cases,
		       strcmp(tallies[i].reason, "identical") == 0
		               ? ""
		               : "differ as documented: ",
		       tallies[i].reason);
		free(tallies[i].reason);
	}
	free(tallies);
	printf("# differential: %d cases, %d undocumented differences\n", cases,
	       failed);
	printf("1..%d\n", tap);
	return failed ? 1 : 0;
}

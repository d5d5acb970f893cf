/* Keeps docs/schema.md and the schema table in step: every field of every
 * map, with its type, whether it is required and its description, must be
 * in both, and nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "schema/schema.h"

/* Each field as one line "MAP.FIELD<TAB>TYPE<TAB>yes|no<TAB>DESCRIPTION". */
static void from_table(struct buf *out)
{
	struct buf b = BUF_INIT;
	schema_describe(&b);
	const char *map = "";
	size_t maplen = 0;
	for (char *line = b.data; line && *line;) {
		char *end = strchr(line, '\n');
		*end = '\0';
		if (strncmp(line, "## ", 3) == 0) {
			map = line + 3;
			maplen = strlen(map);
		} else {
			buf_printf(out, "%.*s.%s\n", (int)maplen, map, line);
		}
		line = end + 1;
	}
	buf_free(&b);
}

/* The same from the docs: a heading "### `MAP`" starts a map, and each row
 * "| `FIELD` | TYPE | yes | DESCRIPTION |" below it is a field. */
static void from_docs(struct buf *out, char *text)
{
	char map[128] = "";
	for (char *line = text; *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (strncmp(line, "### `", 5) == 0) {
			snprintf(map, sizeof map, "%.*s",
			         (int)strcspn(line + 5, "`"), line + 5);
		} else if (strncmp(line, "## ", 3) == 0) {
			map[0] = '\0';
		} else if (map[0] && strncmp(line, "| `", 3) == 0) {
			char *cell[4];
			char *p = line + 1;
			int n = 0;
			while (n < 4 && (cell[n] = strsep(&p, "|")) != NULL)
				n++;
			assert_int_equal(n, 4);
			for (int i = 0; i < 4; i++) {
				while (*cell[i] == ' ')
					cell[i]++;
				size_t len = strlen(cell[i]);
				while (len && cell[i][len - 1] == ' ')
					cell[i][--len] = '\0';
			}
			buf_printf(out, "%s.%.*s\t%s\t%s\t%s\n", map,
			           (int)strlen(cell[0]) - 2, cell[0] + 1,
			           cell[1], cell[2], cell[3]);
		}
		if (!end)
			break;
		line = end + 1;
	}
}

/* Prints each line of `a` that `b` lacks; returns how many. */
static int missing(const char *a, const char *b, const char *what)
{
	int n = 0;
	for (const char *line = a; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = (size_t)(end - line);
		bool found = false;
		for (const char *q = b; *q;) {
			const char *qe = strchr(q, '\n');
			if ((size_t)(qe - q) == len &&
			    memcmp(q, line, len) == 0)
				found = true;
			q = qe + 1;
		}
		if (!found) {
			print_error("# %s: %.*s\n", what, (int)len, line);
			n++;
		}
		line = end + 1;
	}
	return n;
}

static void docs_and_table_agree(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	char *text = NULL;
	size_t len = 0;
	assert_int_equal(fs_read("docs/schema.md", 1 << 20, &text, &len, &d),
	                 0);
	struct buf table = BUF_INIT, docs = BUF_INIT;
	from_table(&table);
	from_docs(&docs, text);
	assert_true(table.len > 0);
	int n = missing(buf_cstr(&table), buf_cstr(&docs),
	                "in src/schema/table.c but not in docs/schema.md");
	n += missing(buf_cstr(&docs), buf_cstr(&table),
	             "in docs/schema.md but not in src/schema/table.c");
	buf_free(&table);
	buf_free(&docs);
	free(text);
	diags_free(&d);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(docs_and_table_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

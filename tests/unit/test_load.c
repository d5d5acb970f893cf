/* Unit tests for the YAML loader: typing, positions, aliases, merge keys,
 * limits and extends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/limits.h"
#include "load/load.h"

struct fixture {
	struct arena a;
	struct diags d;
	struct buf out;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_free(&f->a);
	diags_free(&f->d);
	buf_free(&f->out);
	free(f);
	return 0;
}

/* Loads `yaml` and returns its dump, or "ERR " and the first diagnostic. */
static const char *load(struct fixture *f, const char *yaml)
{
	struct value *v = NULL;
	diags_free(&f->d);
	buf_clear(&f->out);
	if (load_text(&f->a, "t.yaml", yaml, strlen(yaml), &v, &f->d) != 0) {
		assert_true(f->d.errors > 0);
		const struct diag *dg = &f->d.items[0];
		buf_printf(&f->out, "ERR %d:%d: %s", dg->line, dg->col,
		           dg->msg);
	} else {
		assert_int_equal(f->d.errors, 0);
		value_dump(&f->out, v);
	}
	return buf_cstr(&f->out);
}

static struct value *tree(struct fixture *f, const char *yaml)
{
	struct value *v = NULL;
	assert_int_equal(
	        load_text(&f->a, "t.yaml", yaml, strlen(yaml), &v, &f->d), 0);
	return v;
}

static void scalars_follow_yaml_1_2_core(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(
	        load(f, "[no, on, yes, off, NO, y]"),
	        "[\"no\", \"on\", \"yes\", \"off\", \"NO\", \"y\"]");
	assert_string_equal(load(f, "[true, True, FALSE, tRUE]"),
	                    "[true, true, false, \"tRUE\"]");
	assert_string_equal(load(f, "[~, null, NULL, Null, nul]"),
	                    "[null, null, null, null, \"nul\"]");
	assert_string_equal(load(f, "a:\nb: ''\n"),
	                    "{\"a\": null, \"b\": \"\"}");
	assert_string_equal(load(f, "[12, -3, +4, 0o17, 0x1F, 0755, 1_000]"),
	                    "[12, -3, 4, 15, 31, 755, \"1_000\"]");
	assert_string_equal(load(f, "[1.5, -.5, 1e3, 2.E-1, 1.2.3, '.inf']"),
	                    "[1.5, -0.5, 1000, 0.2, \"1.2.3\", \".inf\"]");
	assert_string_equal(load(f, "[2019-07-01, 10:30, 'true', \"12\"]"),
	                    "[\"2019-07-01\", \"10:30\", \"true\", \"12\"]");
	assert_string_equal(
	        load(f, "[9223372036854775807, -9223372036854775808]"),
	        "[9223372036854775807, -9223372036854775808]");
	assert_string_equal(load(f, "[1e308, 1e-300, 0e999, 0.0]"),
	                    "[1e+308, 1e-300, 0, 0]");
	assert_string_equal(load(f, ""), "null");
}

/* No number that a double or a 64-bit integer cannot hold gets through:
 * it would print as Infinity, NaN or a number the author did not write. */
static void numbers_out_of_range_are_errors(void **state)
{
	struct fixture *f = *state;
	static const char *const whole[] = {
	        "99999999999999999999", "-9223372036854775809",
	        "9223372036854775808",  "0xFFFFFFFFFFFFFFFFFF",
	        "0x8000000000000000",   "0o7777777777777777777777"};
	for (size_t i = 0; i < sizeof whole / sizeof *whole; i++) {
		char yaml[64], want[256];
		snprintf(yaml, sizeof yaml, "n: %s\n", whole[i]);
		snprintf(want, sizeof want,
		         "ERR 1:4: expected a whole number from "
		         "-9223372036854775808 to 9223372036854775807, got %s "
		         "(put it in quotes if it is text)",
		         whole[i]);
		assert_string_equal(load(f, yaml), want);
	}
	assert_string_equal(load(f, "- 1\n- 1e999\n"),
	                    "ERR 2:3: expected a number between -1.8e308 and "
	                    "1.8e308, got 1e999 (put it in quotes if it is "
	                    "text)");
	assert_string_equal(load(f, "[-2e308]"),
	                    "ERR 1:2: expected a number between -1.8e308 and "
	                    "1.8e308, got -2e308 (put it in quotes if it is "
	                    "text)");
	assert_string_equal(load(f, "[1e-999]"),
	                    "ERR 1:2: expected a number clerk can hold, got "
	                    "1e-999, which is too close to zero (write 0, or "
	                    "put it in quotes if it is text)");
	assert_string_equal(load(f, "a: .nan"),
	                    "ERR 1:4: expected a number, got .nan ('not a "
	                    "number' is no number a report can use; put it in "
	                    "quotes if it is text)");
	assert_string_equal(load(f, "a: -.Inf"),
	                    "ERR 1:4: expected a number, got -.Inf (infinity "
	                    "is no number a report can use; put it in quotes "
	                    "if it is text)");
	assert_string_equal(load(f, "a: !!float .inf"),
	                    "ERR 1:4: expected a number, got .inf (infinity "
	                    "is no number a report can use; put it in quotes "
	                    "if it is text)");
	assert_string_equal(load(f, "a: !!str .inf"), "{\"a\": \".inf\"}");
}

/* Controls and NUL cannot be printed, and a NUL would cut a C string
 * short: each is refused where it was written, raw or as an escape. */
static void unprintable_characters_are_refused_where_written(void **state)
{
	struct fixture *f = *state;
	struct {
		const char *yaml;
		int line, col;
		unsigned code;
	} cases[] = {
	        {"extends: \"a.yaml\\0x\"\n", 1, 17, 0},
	        {"a: \"\\e[31m\"\n", 1, 5, 0x1B},
	        {"a: \"é \\x01\"\n", 1, 7, 1},
	        {"a: \"one\n  and \\u0007\"\n", 2, 7, 7},
	        {"a: \"\\\\ \\\" \\v\"\n", 1, 11, 0x0B},
	        {"a: \"\\N\"\n", 1, 5, 0x85},
	        {"a: \"\\U0000009F\"\n", 1, 5, 0x9F},
	        {"{\"k\\0\": 1}", 1, 4, 0},
	        {"a: !!str &n \"x\\0\"\n", 1, 15, 0},
	        {"a: x\001y\n", 1, 5, 1},
	        {"a: 1\n\000b: 2\n", 2, 1, 0},
	        {"a: \x7f\n", 1, 4, 0x7F},
	        {"a: \xc2\x80\n", 1, 4, 0x80},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char want[256], got[256];
		snprintf(want, sizeof want,
		         "ERR %d:%d: the text contains a control character "
		         "(U+%04X), which cannot be printed; remove it",
		         cases[i].line, cases[i].col, cases[i].code);
		/* The length by hand where a case holds a raw NUL. */
		size_t len = strlen(cases[i].yaml);
		if (strncmp(cases[i].yaml, "a: 1\n", 5) == 0)
			len = 12;
		struct value *v = NULL;
		diags_free(&f->d);
		assert_int_equal(load_text(&f->a, "t.yaml", cases[i].yaml, len,
		                           &v, &f->d),
		                 -1);
		snprintf(got, sizeof got, "ERR %d:%d: %s", f->d.items[0].line,
		         f->d.items[0].col, f->d.items[0].msg);
		assert_string_equal(got, want);
	}
	assert_string_equal(load(f, "a: \"\\uFFFE\""),
	                    "ERR 1:5: the text contains U+FFFE, which is not a "
	                    "character and cannot be printed; remove it");
	/* Tab, line feed and carriage return pass, raw or escaped (the
	 * Mustache spec's data holds "\r\n"); so do escapes that make
	 * printable text. */
	assert_string_equal(load(f, "a: \"x\\r\\ny\""),
	                    "{\"a\": \"x\\u000d\\ny\"}");
	assert_string_equal(
	        load(f, "a: \"x\\ty\\n\\u00e9\\x41\"\r\nb: 'c\td'\r\n"),
	        "{\"a\": \"x\\ty\\néA\", \"b\": \"c\\td\"}");
}

/* Anchors are found by name however many there are; a name defined again
 * means its latest definition from then on, as YAML says. */
static void anchors_by_name_latest_wins(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(load(f, "- &a 1\n- *a\n- &a 2\n- *a\n"),
	                    "[1, 1, 2, 2]");
	assert_string_equal(load(f, "- &a [&a x, *a]\n- *a\n"),
	                    "[[\"x\", \"x\"], \"x\"]");
	assert_string_equal(load(f, "- &a {k: &b v}\n- &b w\n- [*a, *b]\n"),
	                    "[{\"k\": \"v\"}, \"w\", [{\"k\": \"v\"}, "
	                    "\"w\"]]");
	/* A redefinition inside the node hides the outer anchor at once. */
	assert_string_equal(load(f, "&a [&a [], *a]"), "[[], []]");
	struct buf y = BUF_INIT;
	for (int i = 0; i < 200000; i++)
		buf_printf(&y, "- &a%d %d\n", i, i);
	buf_puts(&y, "- *a0\n- *a199999\n- *a150000\n");
	struct value *v = tree(f, buf_cstr(&y));
	assert_int_equal(v->as.list.len, 200003);
	assert_int_equal(v->as.list.items[200000]->as.i, 0);
	assert_int_equal(v->as.list.items[200001]->as.i, 199999);
	assert_int_equal(v->as.list.items[200002]->as.i, 150000);
	buf_free(&y);
}

static void scalars_keep_their_source_text(void **state)
{
	struct fixture *f = *state;
	struct value *v = tree(f, "version: 1.10\nitem: 4\ncode: 0o17\n");
	struct value *ver = value_map_get(v, "version");
	assert_int_equal(ver->kind, VALUE_NUMBER);
	assert_string_equal(ver->text, "1.10");
	assert_string_equal(value_map_get(v, "item")->text, "4");
	assert_int_equal(value_map_get(v, "code")->as.i, 15);
	assert_string_equal(value_map_get(v, "code")->text, "0o17");
}

static void tags_force_types_or_stay_on_the_node(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(
	        load(f, "[!!str 12, !!float 3, !!int '7', !!null '']"),
	        "[\"12\", 3, 7, null]");
	assert_string_equal(load(f, "!code {js: x}"), "!code {\"js\": \"x\"}");
	assert_string_equal(load(f, "!!int abc"),
	                    "ERR 1:1: expected an integer for tag '!!int', "
	                    "got \"abc\"");
	assert_string_equal(load(f, "!!binary abc"),
	                    "ERR 1:1: unsupported tag '!!binary'");
}

static void every_node_has_its_position(void **state)
{
	struct fixture *f = *state;
	struct value *v = tree(f, "title: A report\n"
	                          "items:\n"
	                          "  - {id: P1, due: 2020-03-31}\n"
	                          "  - name: \"é\"\n"
	                          "    text: x\n");
	assert_int_equal(v->pos.line, 1);
	struct value *title = value_map_get(v, "title");
	assert_int_equal(title->pos.line, 1);
	assert_int_equal(title->pos.col, 8);
	struct value *items = value_map_get(v, "items");
	struct value *due = value_map_get(items->as.list.items[0], "due");
	assert_int_equal(due->pos.line, 3);
	assert_int_equal(due->pos.col, 19);
	struct value *second = items->as.list.items[1];
	assert_int_equal(second->pos.line, 4);
	assert_int_equal(second->pos.col, 5);
	/* Columns count characters, not bytes. */
	assert_int_equal(value_map_get(second, "text")->pos.col, 11);
	assert_int_equal(second->as.map.items[1].key->pos.line, 5);
	assert_string_equal(due->pos.file, "t.yaml");
}

static void aliases_copy_and_merge_keys_merge(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(load(f, "a: &x [1, 2]\nb: *x\n"),
	                    "{\"a\": [1, 2], \"b\": [1, 2]}");
	assert_string_equal(load(f, "base: &b {x: 1, y: 2}\n"
	                            "m:\n  y: 3\n  <<: *b\n  z: 4\n"),
	                    "{\"base\": {\"x\": 1, \"y\": 2}, "
	                    "\"m\": {\"y\": 3, \"z\": 4, \"x\": 1}}");
	assert_string_equal(
	        load(f, "- &a {k: a, p: 1}\n- &b {k: b, q: 2}\n"
	                "- {<<: [*a, *b]}\n"),
	        "[{\"k\": \"a\", \"p\": 1}, {\"k\": \"b\", \"q\": 2}, "
	        "{\"k\": \"a\", \"p\": 1, \"q\": 2}]");
	assert_string_equal(load(f, "m: {'<<': 1}"), "{\"m\": {\"<<\": 1}}");
	assert_string_equal(load(f, "m: {<<: 1}"),
	                    "ERR 1:5: merge key '<<' expects a map or a list "
	                    "of maps, got an integer");
	assert_string_equal(load(f, "a: *nope\n"),
	                    "ERR 1:4: YAML reads a value that starts with "
	                    "'*' as an alias (a copy of a value named earlier "
	                    "with '&'), and no value is named 'nope'. If "
	                    "'*nope' is part of the text, put the whole value "
	                    "in double quotes\n"
	                    "    1 | a: *nope\n"
	                    "      |    ^");
	assert_string_equal(load(f, "&a [1, *a]\n"),
	                    "ERR 1:8: alias *a refers to the node that "
	                    "contains it");
}

static void alias_bomb_fails_at_once(void **state)
{
	struct fixture *f = *state;
	struct buf y = BUF_INIT;
	buf_puts(&y, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (int i = 1; i < 10; i++) {
		buf_printf(&y, "a%d: &a%d [", i, i);
		for (int j = 0; j < 9; j++)
			buf_printf(&y, "%s*a%d", j ? ", " : "", i - 1);
		buf_puts(&y, "]\n");
	}
	const char *r = load(f, buf_cstr(&y));
	assert_non_null(strstr(r, "expands the document past 100000 nodes"));
	assert_true(strncmp(r, "ERR 6:", 6) == 0);
	buf_free(&y);
}

static void duplicate_keys_and_bad_keys_are_errors(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(load(f, "title: a\nsummary: b\ntitle: c\n"),
	                    "ERR 3:1: duplicate key 'title' (first at 1:1)");
	assert_string_equal(
	        load(f, "? [a]\n: b\n"),
	        "ERR 1:3: expected a scalar as a map key, got a list");
	/* An explicit key beside a merged one is no duplicate. */
	assert_string_equal(load(f, "b: &b {x: 1}\nm: {x: 2, <<: *b}\n"),
	                    "{\"b\": {\"x\": 1}, \"m\": {\"x\": 2}}");
}

static void depth_limit(void **state)
{
	struct fixture *f = *state;
	struct buf y = BUF_INIT;
	for (int i = 0; i < LIMIT_YAML_DEPTH; i++)
		buf_putc(&y, '[');
	for (int i = 0; i < LIMIT_YAML_DEPTH; i++)
		buf_putc(&y, ']');
	assert_true(strncmp(load(f, buf_cstr(&y)), "[[[", 3) == 0);
	buf_clear(&y);
	for (int i = 0; i < 10000; i++)
		buf_putc(&y, '[');
	assert_string_equal(load(f, buf_cstr(&y)),
	                    "ERR 1:65: lists and maps nest deeper than 64 "
	                    "levels (LIMIT_YAML_DEPTH)");
	buf_free(&y);
}

static void bad_text_is_reported_where_it_is(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(load(f, "title: ok\nsummary: caf\xe9 au lait\n"),
	                    "ERR 2:13: invalid UTF-8: byte 0xE9 cannot appear "
	                    "here; save the file as UTF-8");
	assert_string_equal(load(f, "a: \xc0\xaf\n"),
	                    "ERR 1:4: invalid UTF-8: byte 0xC0 cannot appear "
	                    "here; save the file as UTF-8");
	assert_string_equal(load(f, "a: 1\n---\nb: 2\n"),
	                    "ERR 2:1: expected one YAML document, found a "
	                    "second ('---')");
	assert_string_equal(load(f, "a: [1, 2\nb: 3\n"),
	                    "ERR 1:4: this {...} or [...] is not closed where "
	                    "YAML expects: a ',', ':' or ' #' inside a value "
	                    "written in brackets is read as part of the "
	                    "brackets. Put the value in double quotes, or "
	                    "write each field on a line of its own\n"
	                    "    1 | a: [1, 2\n"
	                    "      |    ^");
	assert_string_equal(load(f, "a: 'open\n"),
	                    "ERR 1:4: this quote is never closed; add the "
	                    "closing quote at the end of the text\n"
	                    "    1 | a: 'open\n"
	                    "      |    ^");
}

/* ---- extends, on files in a temporary folder ---- */

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static const char *load_path(struct fixture *f, const char *name,
                             const char *root)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct value *v = NULL;
	struct load_options opt = {.extends = true, .root = root};
	diags_free(&f->d);
	buf_clear(&f->out);
	if (load_file(&f->a, path, &opt, &v, &f->d) != 0) {
		const struct diag *dg = &f->d.items[0];
		const char *file = strrchr(dg->file, '/');
		buf_printf(&f->out, "ERR %s:%d:%d: %s",
		           file ? file + 1 : dg->file, dg->line, dg->col,
		           dg->msg);
	} else {
		value_dump(&f->out, v);
	}
	return buf_cstr(&f->out);
}

static void extends_merges_maps_lists_by_id_and_replaces(void **state)
{
	struct fixture *f = *state;
	put("plan.yaml", "meeting: {committee: C, date: 2019-10-01}\n"
	                 "wards: [All]\n"
	                 "actions:\n"
	                 "  - {id: A1, status: on_track, owner: X}\n"
	                 "  - {id: A2, status: not_started}\n");
	put("q3.yaml", "extends: plan.yaml\n"
	               "meeting: {date: 2020-01-14}\n"
	               "wards: [Lee Green]\n"
	               "actions:\n"
	               "  - {id: A2, status: done}\n"
	               "  - {id: A3, status: on_track}\n");
	assert_string_equal(
	        load_path(f, "q3.yaml", NULL),
	        "{\"meeting\": {\"committee\": \"C\", \"date\": "
	        "\"2020-01-14\"}, "
	        "\"wards\": [\"Lee Green\"], "
	        "\"actions\": [{\"id\": \"A1\", \"status\": \"on_track\", "
	        "\"owner\": \"X\"}, {\"id\": \"A2\", \"status\": \"done\"}, "
	        "{\"id\": \"A3\", \"status\": \"on_track\"}], "
	        "\"extends\": \"plan.yaml\"}");
	/* Merged values keep the position of the file that gave them. */
	char path[256];
	snprintf(path, sizeof path, "%s/q3.yaml", dir);
	struct value *v = NULL;
	struct load_options opt = {.extends = true};
	assert_int_equal(load_file(&f->a, path, &opt, &v, &f->d), 0);
	struct value *m = value_map_get(v, "meeting");
	assert_non_null(
	        strstr(value_map_get(m, "committee")->pos.file, "plan.yaml"));
	assert_non_null(strstr(value_map_get(m, "date")->pos.file, "q3.yaml"));
}

static void extends_cycles_and_escapes_are_errors(void **state)
{
	struct fixture *f = *state;
	put("c1.yaml", "extends: c2.yaml\n");
	put("c2.yaml", "extends: c1.yaml\n");
	assert_string_equal(load_path(f, "c1.yaml", NULL),
	                    "ERR c2.yaml:1:10: extends: 'c1.yaml' is already "
	                    "being loaded (a cycle of extends)");
	put("self.yaml", "title: x\nextends: self.yaml\n");
	assert_string_equal(
	        load_path(f, "self.yaml", NULL),
	        "ERR self.yaml:2:10: extends: 'self.yaml' is already "
	        "being loaded (a cycle of extends)");
	put("up.yaml", "extends: ../../etc/passwd\n");
	char msg[256];
	snprintf(msg, sizeof msg,
	         "ERR up.yaml:1:10: extends: '../../etc/passwd' is outside the "
	         "content folder %s",
	         dir);
	assert_string_equal(load_path(f, "up.yaml", NULL), msg);
	put("gone.yaml", "extends: missing.yaml\n");
	assert_string_equal(load_path(f, "gone.yaml", NULL),
	                    "ERR gone.yaml:1:10: extends: cannot open "
	                    "'missing.yaml': No such file or directory");
	put("list.yaml", "extends: [a.yaml]\n");
	assert_string_equal(
	        load_path(f, "list.yaml", NULL),
	        "ERR list.yaml:1:10: extends: expected a file name, "
	        "got a list");
	/* A wider root lets a file extend one in a parent folder. */
	mkdir(strcat(strcpy(msg, dir), "/sub"), 0700);
	put("sub/child.yaml", "extends: ../c0.yaml\nb: 2\n");
	put("c0.yaml", "a: 1\n");
	assert_string_equal(load_path(f, "sub/child.yaml", dir),
	                    "{\"a\": 1, \"extends\": \"../c0.yaml\", "
	                    "\"b\": 2}");
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/clerk-test-load-%ld", (long)getpid());
	mkdir(dir, 0700);
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(scalars_follow_yaml_1_2_core,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(numbers_out_of_range_are_errors,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                unprintable_characters_are_refused_where_written, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(anchors_by_name_latest_wins,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(scalars_keep_their_source_text,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                tags_force_types_or_stay_on_the_node, setup, teardown),
	        cmocka_unit_test_setup_teardown(every_node_has_its_position,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                aliases_copy_and_merge_keys_merge, setup, teardown),
	        cmocka_unit_test_setup_teardown(alias_bomb_fails_at_once, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                duplicate_keys_and_bad_keys_are_errors, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(depth_limit, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                bad_text_is_reported_where_it_is, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                extends_merges_maps_lists_by_id_and_replaces, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                extends_cycles_and_escapes_are_errors, setup, teardown),
	};
	int rc = cmocka_run_group_tests_name("load", tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}

/* Unit tests for the Mustache engine: escaping, numbers, the partial search
 * path, lambdas through the interface, limits. */
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

#include "base/fs.h"
#include "load/load.h"
#include "mustache/mustache.h"
#include "mustache/value_data.h"

static int lambda(void *closure, const struct value *fn, const char *raw,
                  size_t len, struct buf *out, struct pos pos, struct diags *d)
{
	(void)closure;
	(void)pos;
	(void)d;
	if (strcmp(fn->text, "twice") == 0) {
		buf_put(out, raw, len);
		buf_put(out, raw, len);
	} else if (strcmp(fn->text, "evil") == 0)
		buf_printf(out, "<script>x()</script><b onclick='x()'>%.*s</b>",
		           (int)len, raw ? raw : "");
	else if (!raw)
		buf_printf(out, "<%s>", fn->text);
	else
		buf_printf(out, "[%.*s]", (int)len, raw);
	return 0;
}

static bool filters; /* render() makes lambdas filters */

/* Renders `tmpl` with YAML `data`; returns the output or the first error
 * as `line:col: message` (a static buffer). */
static const char *render(const char *tmpl, const char *yaml,
                          const struct mustache_partials *p)
{
	static char result[4096];
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct value *data;
	struct mustache_template *t = NULL;
	struct buf out = BUF_INIT;
	struct mustache_lambdas lam = {"!fn", NULL, lambda, filters};
	struct mustache_data md = mustache_value_data(&lam);
	assert_int_equal(load_text(&a, "d.yaml", yaml, strlen(yaml), &data, &d),
	                 0);
	if (mustache_compile("t.mustache", tmpl, strlen(tmpl), &t, &d) == 0 &&
	    mustache_render(t, &md, data, p, &out, &d) == 0)
		snprintf(result, sizeof result, "%s", buf_cstr(&out));
	else
		snprintf(result, sizeof result, "%d:%d: %s", d.items[0].line,
		         d.items[0].col, d.items[0].msg);
	mustache_free(t);
	buf_free(&out);
	diags_free(&d);
	arena_free(&a);
	return result;
}

static void escapes_five_characters(void **state)
{
	(void)state;
	assert_string_equal(render("{{s}}|{{{s}}}|{{&s}}",
	                           "s: \"<a href='x'>&\\\"/=`\"", NULL),
	                    "&lt;a href=&#39;x&#39;&gt;&amp;&quot;/=`|"
	                    "<a href='x'>&\"/=`|<a href='x'>&\"/=`");
}

static void numbers_print_as_readers_expect(void **state)
{
	(void)state;
	assert_string_equal(render("{{a}} {{b}} {{c}} {{d}}",
	                           "{a: 1.1, b: 3, c: 1.210, d: 0.1}", NULL),
	                    "1.1 3 1.21 0.1");
}

static void falsy_values(void **state)
{
	(void)state;
	assert_string_equal(
	        render("{{#a}}A{{/a}}{{#b}}B{{/b}}{{#c}}C{{/c}}{{#d}}D{{/d}}"
	               "{{#e}}E{{/e}}{{#f}}F{{/f}}{{^g}}G{{/g}}",
	               "{a: 0, b: '', c: [], d: null, e: false, f: {}}", NULL),
	        "FG");
}

static void lambdas_through_the_interface(void **state)
{
	(void)state;
	assert_string_equal(render("{{f}}|{{#f}}x {{y}}{{/f}}|{{^f}}no{{/f}}",
	                           "{f: !fn hello, y: 2}", NULL),
	                    "&lt;hello&gt;|[x 2]|");
}

/* Filters get a section's rendered output and give final text: data that
 * looks like a tag is never rendered as one. */
static void filters_see_rendered_text(void **state)
{
	(void)state;
	filters = true;
	assert_string_equal(
	        render("{{f}}|{{{f}}}|{{#list}}{{#f}}{{d}} "
	               "{{t}}{{/f}};{{/list}}"
	               "|{{^f}}no{{/f}}",
	               "{f: !fn up, list: [{d: 1, t: '{{x}}'}, {d: 2, t: "
	               "'<b>'}], x: X}",
	               NULL),
	        "&lt;up&gt;|&lt;up&gt;|[1 {{x}}];[2 &lt;b&gt;];|");
	filters = false;
}

/* Whatever a filter returns, in whichever tag, and wherever the lookup
 * finds it (here `body` and `html` fall through from each item to the
 * root), the output holds no markup of its own: only the template's. */
static void filters_never_write_markup(void **state)
{
	(void)state;
	filters = true;
	const char *out = render(
	        "{{body}}{{{body}}}{{&body}}{{#body}}{{{raw}}}{{/body}}"
	        "{{#list}}{{{body}}}{{#html}}{{{raw}}}{{t}}{{/html}}{{/list}}"
	        "{{#html}}{{#body}}{{{raw}}}{{/body}}{{/html}}",
	        "{body: !fn evil, html: !fn evil, raw: '<i>r</i>',"
	        " list: [{t: '<u>'}, {t: 2}]}",
	        NULL);
	assert_null(strchr(out, '<'));
	assert_null(strchr(out, '>'));
	/* A filter's body is plain text and its result is escaped once: a
	 * filter inside a filter does not escape twice. */
	assert_string_equal(render("{{#f}}{{#g}}{{s}}{{/g}}{{/f}}",
	                           "{f: !fn f, g: !fn g, s: '<&>'}", NULL),
	                    "[[&lt;&amp;&gt;]]");
	filters = false;
}

/* Sections over long lists nested in each other, and a filter that doubles
 * its text forty times, stop at the output limit with an error. */
static void output_is_capped(void **state)
{
	(void)state;
	struct buf yaml = BUF_INIT;
	buf_puts(&yaml, "{x: '");
	for (int i = 0; i < 1000; i++)
		buf_puts(&yaml, "x");
	buf_puts(&yaml, "', a: [");
	for (int i = 0; i < 100; i++)
		buf_puts(&yaml, i ? ", 1" : "1");
	buf_puts(&yaml, "]}");
	const char *nested = "{{#a}}{{#a}}{{#a}}{{#a}}{{x}}{{/a}}{{/a}}{{/a}}"
	                     "{{/a}}";
	const char *out = render(nested, buf_cstr(&yaml), NULL);
	assert_non_null(strstr(out, "LIMIT_MUSTACHE_OUTPUT_BYTES"));
	assert_non_null(strstr(out, "grew past 64 MiB"));
	buf_free(&yaml);
	filters = true;
	struct buf t = BUF_INIT;
	for (int i = 0; i < 40; i++)
		buf_puts(&t, "{{#f}}");
	buf_puts(&t, "ab");
	for (int i = 0; i < 40; i++)
		buf_puts(&t, "{{/f}}");
	out = render(buf_cstr(&t), "{f: !fn twice}", NULL);
	assert_non_null(strstr(out, "LIMIT_MUSTACHE_OUTPUT_BYTES"));
	buf_free(&t);
	filters = false;
}

static void errors_point_into_the_template(void **state)
{
	(void)state;
	assert_string_equal(render("a\n  {{#s}}\n", "{}", NULL),
	                    "2:3: unclosed section \"s\": expected {{/s}}, got "
	                    "end of template");
	assert_string_equal(render("{{#a}}{{/b}}", "{}", NULL),
	                    "1:7: expected {{/a}} to close the section opened "
	                    "at 1:1, got {{/b}}");
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void search_path_council_first(void **state)
{
	(void)state;
	char root[] = "/tmp/clerk-mustache-XXXXXX";
	assert_non_null(mkdtemp(root));
	char council[256], def[256], path[300];
	snprintf(council, sizeof council, "%s/lewisham", root);
	snprintf(def, sizeof def, "%s/default", root);
	mkdir(council, 0700);
	mkdir(def, 0700);
	snprintf(path, sizeof path, "%s/head.mustache", council);
	write_file(path, "council head");
	snprintf(path, sizeof path, "%s/head.mustache", def);
	write_file(path, "default head");
	snprintf(path, sizeof path, "%s/foot.mustache", def);
	write_file(path, "default foot");
	snprintf(path, sizeof path, "%s/secret.mustache", root);
	write_file(path, "secret");
	const char *dirs[] = {council, def};
	struct mustache_dir *pd = mustache_dir_new(dirs, 2, NULL);
	struct mustache_partials p = mustache_dir_partials(pd);
	assert_string_equal(render("{{>head}}/{{>foot}}/{{>none}}", "{}", &p),
	                    "council head/default foot/");
	assert_string_equal(render("{{>../secret}}", "{}", &p),
	                    "1:1: expected a partial name inside the template "
	                    "folders, got \"../secret\"");
	mustache_dir_free(pd);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

/* A template mustache_warm kept is taken while its file is unchanged,
 * and the file is noted as read all the same; a changed file is read
 * again, and one that does not compile is never kept. */
static void kept_templates_give_way_to_changed_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/clerk-mustache-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char head[300], bad[300];
	snprintf(head, sizeof head, "%s/head.mustache", dir);
	snprintf(bad, sizeof bad, "%s/bad.mustache", dir);
	write_file(head, "kept head");
	write_file(bad, "{{#open}}");
	mustache_warm(dir);
	const char *dirs[] = {dir};
	struct fs_recorder rec = FS_RECORDER_INIT;
	struct mustache_dir *pd = mustache_dir_new(dirs, 1, &rec);
	struct mustache_partials p = mustache_dir_partials(pd);
	assert_string_equal(render("{{>head}}", "{}", &p), "kept head");
	bool noted = false;
	for (size_t i = 0; i < rec.n; i++)
		noted = noted || strcmp(rec.items[i].path, head) == 0;
	assert_true(noted);
	assert_non_null(strstr(render("{{>bad}}", "{}", &p), "open"));
	mustache_dir_free(pd);
	write_file(head, "head, changed since");
	pd = mustache_dir_new(dirs, 1, NULL);
	p = mustache_dir_partials(pd);
	assert_string_equal(render("{{>head}}", "{}", &p),
	                    "head, changed since");
	mustache_dir_free(pd);
	fs_recorder_free(&rec);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static int self(void *closure, const char *name, size_t len, struct pos pos,
                const struct mustache_template **out, struct diags *d)
{
	(void)name;
	(void)len;
	(void)pos;
	(void)d;
	*out = closure;
	return 0;
}

static void self_including_partial_fails_loudly(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct mustache_template *t;
	const char *src = "x{{>me}}{{>me}}";
	assert_int_equal(
	        mustache_compile("me.mustache", src, strlen(src), &t, &d), 0);
	struct mustache_partials p = {t, self};
	struct mustache_data md = mustache_value_data(NULL);
	struct arena a = ARENA_INIT;
	struct pos pos = {"d", 1, 1};
	struct buf out = BUF_INIT;
	assert_int_equal(
	        mustache_render(t, &md, value_new_map(&a, pos), &p, &out, &d),
	        -1);
	assert_non_null(strstr(d.items[0].msg, "LIMIT_MUSTACHE_PARTIAL_DEPTH"));
	buf_free(&out);
	arena_free(&a);
	diags_free(&d);
	mustache_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(escapes_five_characters),
	        cmocka_unit_test(numbers_print_as_readers_expect),
	        cmocka_unit_test(falsy_values),
	        cmocka_unit_test(lambdas_through_the_interface),
	        cmocka_unit_test(filters_see_rendered_text),
	        cmocka_unit_test(filters_never_write_markup),
	        cmocka_unit_test(output_is_capped),
	        cmocka_unit_test(errors_point_into_the_template),
	        cmocka_unit_test(search_path_council_first),
	        cmocka_unit_test(kept_templates_give_way_to_changed_files),
	        cmocka_unit_test(self_including_partial_fails_loudly),
	};
	return cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
}

/* test_report: report_render returns the outputs and every input it read.
 * Run from the top of the tree (templates/, scripts/, content/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "report/report.h"

static const char *const report_path =
        "content/lewisham/progress-2019-20-q3.yaml";

/* The stamp of `rel` (made absolute) in `rec`, or NULL. */
static const struct fs_stamp *find(const struct fs_recorder *rec,
                                   const char *rel)
{
	char *cwd = getcwd(NULL, 0);
	char *want = fs_join(cwd ? cwd : ".", rel);
	free(cwd);
	const struct fs_stamp *found = NULL;
	for (size_t i = 0; i < rec->n && !found; i++)
		if (strcmp(rec->items[i].path, want) == 0)
			found = &rec->items[i];
	free(want);
	return found;
}

static void files_read_are_the_callers(void **state)
{
	(void)state;
	struct fs_recorder rec = FS_RECORDER_INIT;
	struct report r;
	struct report_output out = REPORT_OUTPUT_INIT;
	struct report_render_options o = {.scripts_dir = "scripts",
	                                  .html = true};
	assert_int_equal(report_load(&r, report_path, "templates", NULL, &rec),
	                 0);
	assert_int_equal(report_render(&r, &o, &out), 0);
	assert_true(out.html.len > 0);
	assert_int_equal(out.pdf.len, 0); /* not asked for */
	assert_ptr_equal(out.files, &rec);
	static const char *const read[] = {
	        "content/lewisham/progress-2019-20-q3.yaml",
	        "content/lewisham/improvement-plan.yaml",
	        "templates/default/brand.yaml",
	        "templates/lewisham/brand.yaml",
	        "templates/lewisham/logo.svg",
	        "templates/lewisham/extra.css",
	        "templates/default/report.mustache",
	        "templates/lewisham/header-block.mustache",
	        "scripts/plan.lua",
	        "scripts/lib/dates.lua",
	};
	for (size_t i = 0; i < sizeof read / sizeof *read; i++) {
		const struct fs_stamp *s = find(&rec, read[i]);
		if (!s)
			fail_msg("%s was read but not recorded", read[i]);
		assert_true(s->present);
		assert_true(s->size > 0);
	}
	/* The council's own report template was looked for, not found. */
	const struct fs_stamp *s =
	        find(&rec, "templates/lewisham/report.mustache");
	assert_non_null(s);
	assert_false(s->present);
	report_output_free(&out);
	report_free(&r);
	/* The recorder is the caller's: it outlives the report. */
	assert_non_null(find(&rec, read[0]));
	fs_recorder_free(&rec);
}

static void without_a_recorder_the_report_keeps_one(void **state)
{
	(void)state;
	struct report r;
	struct report_output out = REPORT_OUTPUT_INIT;
	struct report_render_options o = {.scripts_dir = "scripts",
	                                  .pdf = true};
	assert_int_equal(report_load(&r, report_path, "templates", NULL, NULL),
	                 0);
	assert_int_equal(report_render(&r, &o, &out), 0);
	assert_int_equal(out.html.len, 0); /* made, but not asked for */
	assert_true(out.pdf.len > 4);
	assert_memory_equal(out.pdf.data, "%PDF", 4);
	assert_non_null(out.files);
	assert_non_null(find(out.files, report_path));
	report_output_free(&out);
	report_free(&r);
}

/* Renders the report with `templates`, both formats, noting its inputs
 * in `rec`. */
static void render(const char *templates, struct fs_recorder *rec,
                   struct buf *html, struct buf *pdf)
{
	struct report r;
	struct report_output out = REPORT_OUTPUT_INIT;
	struct report_render_options o = {
	        .scripts_dir = "scripts", .html = true, .pdf = true};
	assert_int_equal(report_load(&r, report_path, templates, NULL, rec), 0);
	assert_int_equal(report_render(&r, &o, &out), 0);
	buf_put(html, out.html.data, out.html.len);
	buf_put(pdf, out.pdf.data, out.pdf.len);
	report_output_free(&out);
	report_free(&r);
}

static void same_recorded(const struct fs_recorder *a,
                          const struct fs_recorder *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_string_equal(a->items[i].path, b->items[i].path);
		assert_int_equal(a->items[i].present, b->items[i].present);
		assert_int_equal(a->items[i].size, b->items[i].size);
		assert_int_equal(a->items[i].mtime_ns, b->items[i].mtime_ns);
	}
}

/* What report_warm loads (the hook library, the themes) gives the same
 * bytes and the same inputs as a report that loads everything itself. */
static void warm_renders_the_same(void **state)
{
	(void)state;
	struct fs_recorder cold = FS_RECORDER_INIT, warm = FS_RECORDER_INIT,
	                   again = FS_RECORDER_INIT;
	struct buf h1 = BUF_INIT, p1 = BUF_INIT, h2 = BUF_INIT, p2 = BUF_INIT,
	           h3 = BUF_INIT, p3 = BUF_INIT;
	render("templates", &cold, &h1, &p1);
	report_warm("templates", "scripts");
	render("templates", &warm, &h2, &p2);
	render("templates", &again, &h3, &p3);
	assert_true(h1.len > 0 && p1.len > 0);
	assert_int_equal(h1.len, h2.len);
	assert_memory_equal(h1.data, h2.data, h1.len);
	assert_int_equal(p1.len, p2.len);
	assert_memory_equal(p1.data, p2.data, p1.len);
	assert_int_equal(h1.len, h3.len);
	assert_memory_equal(h1.data, h3.data, h1.len);
	same_recorded(&cold, &warm);
	same_recorded(&cold, &again);
	buf_free(&h1), buf_free(&p1), buf_free(&h2), buf_free(&p2);
	buf_free(&h3), buf_free(&p3);
	fs_recorder_free(&cold);
	fs_recorder_free(&warm);
	fs_recorder_free(&again);
}

/* A theme file changed after report_warm: the theme is loaded again, and
 * the file noted as it is now. */
static void warm_theme_changed_is_loaded_again(void **state)
{
	(void)state;
	char dir[] = "/tmp/clerk-warm-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char cmd[256];
	snprintf(cmd, sizeof cmd, "cp -R templates %s/", dir);
	assert_int_equal(system(cmd), 0);
	char templates[128], brand[160];
	snprintf(templates, sizeof templates, "%s/templates", dir);
	snprintf(brand, sizeof brand, "%s/lewisham/brand.yaml", templates);
	report_warm(templates, "scripts");
	FILE *f = fopen(brand, "a");
	assert_non_null(f);
	fputs("\n# changed after the warm load\n", f);
	fclose(f);
	struct fs_stamp now;
	fs_stamp(brand, &now);
	struct fs_recorder rec = FS_RECORDER_INIT;
	struct buf h = BUF_INIT, p = BUF_INIT;
	render(templates, &rec, &h, &p);
	const struct fs_stamp *s = NULL;
	for (size_t i = 0; i < rec.n && !s; i++)
		if (strcmp(rec.items[i].path, now.path) == 0)
			s = &rec.items[i];
	assert_non_null(s);
	assert_int_equal(s->size, now.size);
	assert_int_equal(s->mtime_ns, now.mtime_ns);
	free(now.path);
	buf_free(&h);
	buf_free(&p);
	fs_recorder_free(&rec);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(files_read_are_the_callers),
	        cmocka_unit_test(without_a_recorder_the_report_keeps_one),
	        cmocka_unit_test(warm_renders_the_same),
	        cmocka_unit_test(warm_theme_changed_is_loaded_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

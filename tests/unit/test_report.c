/* test_report: report_render returns the outputs and every input it read.
 * Run from the top of the tree (templates/, scripts/, content/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(files_read_are_the_callers),
	        cmocka_unit_test(without_a_recorder_the_report_keeps_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

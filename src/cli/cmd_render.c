/* cmd_render: `clerk render REPORT.yaml...`: each report to DIR/NAME.html
 * and DIR/NAME.pdf.
 *
 * Per report: report_load and report_render (report/report.h) make the
 * page and the PDF in memory, and only then are both files written, each
 * to a temporary file, renaming them into place only when both are whole:
 * a failure (a bad report, a full disk, a signal) never leaves a
 * half-written file or a new page beside an old PDF. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/date.h"
#include "base/fs.h"
#include "cli/cli.h"
#include "report/report.h"

/* DIR/NAME.EXT; caller frees. */
static char *output_path(const struct cli_render_options *o, const char *name,
                         const char *ext)
{
	struct buf file = BUF_INIT;
	buf_printf(&file, "%s.%s", name, ext);
	char *out = fs_join(o->out_dir, buf_cstr(&file));
	buf_free(&file);
	return out;
}

/* Writes the page and the PDF (those `o` asks for) as a pair: both are
 * written to temporaries and renamed only when both are whole, so a full
 * disk never leaves a new page beside an old PDF. `*written` lists the
 * paths. */
static int write_outputs(const struct cli_render_options *o, const char *name,
                         const struct buf *page, const struct buf *pdf,
                         struct buf *written, struct diags *d)
{
	struct fs_output outs[2];
	size_t n = 0;
	if (o->html)
		outs[n++] = (struct fs_output){output_path(o, name, "html"),
		                               page->data ? page->data : "",
		                               page->len};
	if (o->pdf)
		outs[n++] = (struct fs_output){output_path(o, name, "pdf"),
		                               pdf->data ? pdf->data : "",
		                               pdf->len};
	int rc = fs_write_all_atomic(outs, n, d);
	for (size_t i = 0; i < n; i++) {
		if (rc == 0)
			buf_printf(written, "%s%s", i ? ", " : "",
			           outs[i].path);
		free((char *)outs[i].path);
	}
	return rc;
}

int cli_render_one(const char *path, const struct cli_render_options *o,
                   struct fs_recorder *rec)
{
	struct report r;
	struct report_output out = REPORT_OUTPUT_INIT;
	struct buf written = BUF_INIT, html_name = BUF_INIT;
	char *name = fs_basename(path, ".yaml");
	/* Diagnostics name the page the PDF is typeset from. */
	buf_printf(&html_name, "%s.html", name);
	char *page_name = fs_join(o->out_dir, buf_cstr(&html_name));
	struct report_render_options ro = {
	        .scripts_dir = cli_scripts_dir(),
	        .as_of = o->as_of,
	        .html = o->html,
	        .pdf = o->pdf,
	        .page_name = page_name,
	};
	int rc = report_load(&r, path, cli_templates_dir(), o->council, rec);
	if (rc == 0)
		rc = report_render(&r, &ro, &out);
	if (rc == 0)
		rc = fs_make_dirs(o->out_dir, &r.diags);
	if (rc == 0)
		rc = write_outputs(o, name, &out.html, &out.pdf, &written,
		                   &r.diags);
	cli_print_diags(&r.diags);
	if (rc == 0 && cli_verbosity > 0)
		fprintf(stderr, "%s: wrote %s\n", path, buf_cstr(&written));
	free(name);
	free(page_name);
	buf_free(&html_name);
	report_output_free(&out);
	buf_free(&written);
	report_free(&r);
	return rc;
}

static int usage(void)
{
	printf("usage: clerk render [-q|-v] REPORT.yaml... [-o DIR] "
	       "[--format html,pdf] [--as-of DATE] [--council NAME]\n"
	       "Renders each report to DIR/NAME.html and DIR/NAME.pdf (DIR is "
	       "out/ unless given);\nthe PDF is typeset from the same HTML, "
	       "so the two never disagree.\n"
	       "  -o DIR          the folder to write to\n"
	       "  --format LIST   html, pdf or html,pdf (the default)\n"
	       "  --as-of DATE    \"today\" for computed figures (YYYY-MM-DD); "
	       "the meeting date when not given\n"
	       "  --council NAME  render with templates/NAME instead of the "
	       "report's council\n");
	return CLI_OK;
}

/* The value of option `argv[*i]`: `--opt=value` or `--opt value`. */
static const char *option_value(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);
	if (strncmp(argv[*i], opt, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (strcmp(argv[*i], opt) != 0)
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

int cmd_render(int argc, char **argv)
{
	struct cli_render_options o = {"out", NULL, NULL, true, true};
	const char *format = "html,pdf";
	const char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0, failed = 0, rc = CLI_OK;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			free(files);
			return usage();
		} else if ((v = option_value(argc, argv, &i, "-o")) ||
		           (v = option_value(argc, argv, &i, "--output"))) {
			o.out_dir = v;
		} else if ((v = option_value(argc, argv, &i, "--format"))) {
			format = v;
		} else if ((v = option_value(argc, argv, &i, "--as-of"))) {
			o.as_of = v;
		} else if ((v = option_value(argc, argv, &i, "--council"))) {
			o.council = v;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			rc = cli_usage_error("render: unknown option '%s'",
			                     argv[i]);
			goto done;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (!*o.out_dir) {
		rc = cli_usage_error("render: -o needs a folder");
		goto done;
	}
	if (o.as_of && !date_valid(o.as_of)) {
		rc = cli_usage_error("render: --as-of: expected a date "
		                     "(YYYY-MM-DD), got \"%s\"",
		                     o.as_of);
		goto done;
	}
	o.html = o.pdf = false;
	for (const char *p = format; *p;) {
		size_t n = strcspn(p, ",");
		if (n == 4 && strncmp(p, "html", 4) == 0) {
			o.html = true;
		} else if (n == 3 && strncmp(p, "pdf", 3) == 0) {
			o.pdf = true;
		} else {
			rc = cli_usage_error("render: --format: expected html "
			                     "or pdf, got \"%.*s\"",
			                     (int)n, p);
			goto done;
		}
		p += n + (p[n] == ',');
	}
	if (!o.html && !o.pdf) {
		rc = cli_usage_error("render: --format: no format given");
		goto done;
	}
	if (nfiles == 0) {
		rc = cli_usage_error("render: no reports given");
		goto done;
	}
	/* The process renders one report at a time and the machine's other
	 * core would idle: the fonts' configuration loads there meanwhile. */
	if (o.pdf)
		report_warm_start();
	for (int i = 0; i < nfiles; i++)
		if (cli_render_one(files[i], &o, NULL) != 0)
			failed++;
	report_warm_wait();
	rc = failed ? CLI_BAD_INPUT : CLI_OK;
done:
	free(files);
	return rc;
}

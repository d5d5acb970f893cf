/* report: the stages one report goes through, shared by the commands. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "html/page.h"
#include "html/view.h"
#include "layout/layout.h"
#include "load/load.h"
#include "paper/paper.h"
#include "pdf/pdf.h"
#include "schema/schema.h"

int report_load(struct report *r, const char *path, const char *templates_dir,
                const char *council, struct fs_recorder *rec)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->rec = rec ? rec : &r->own_rec;
	struct load_chain chain;
	struct load_options lo = {
	        .extends = true, .rec = r->rec, .chain = &chain};
	if (load_file(&r->arena, path, &lo, &r->data, &r->diags) != 0)
		return -1;
	/* The chain's checks come first and run whatever the schema finds:
	 * a skipped quarter is the cause of the unknown ids it leads to. */
	int chained = schema_check_chain(&chain, &r->diags);
	if (schema_check_report(r->data, &r->diags) != 0 || chained != 0)
		return -1;
	if (schema_check_quarters(r->data, &r->diags) != 0)
		return -1;
	const struct value *named = value_map_get(r->data, "council");
	struct pos at = {NULL, 0, 0};
	if (!council && named) {
		council = named->text;
		at = named->pos;
	}
	if (theme_load(&r->arena, templates_dir, council, at, r->rec, &r->theme,
	               &r->diags) != 0)
		return -1;
	return theme_check_report(&r->theme, r->data, &r->diags);
}

int report_compute(struct report *r, const char *scripts_dir, const char *as_of)
{
	r->hooks = hooks_new();
	struct hooks_options opt = {
	        .report_path = r->path,
	        .scripts_dir = scripts_dir,
	        .as_of = as_of,
	        .theme_dir = r->theme.dir,
	        .theme_hooks = r->theme.hooks,
	        .theme_hooks_len = r->theme.nhooks,
	        .vocabulary = r->theme.vocabulary,
	        .rec = r->rec,
	};
	return hooks_run(r->hooks, r->data, &opt, &r->arena, &r->computed,
	                 &r->diags);
}

static int call_hook_lambda(void *closure, const struct value *fn,
                            const char *text, size_t len, struct buf *out,
                            struct pos pos, struct diags *d)
{
	struct hooks *h = closure;
	struct diags mine = DIAGS_INIT;
	int rc = hooks_lambda_call(h, fn->text, text, len, out, &mine);
	if (rc != 0)
		diag_error(d, pos, "lambda '%s' failed (see below)", fn->text);
	diags_move(d, &mine);
	return rc;
}

int report_view(struct report *r, const char *as_of)
{
	/* Each lambda becomes a root-level name, unless the report already
	 * has that name: data always wins over a function. They are named
	 * before the view is built, so prose can call them too. */
	const struct mustache_lambdas *lambdas = NULL;
	if (r->hooks) {
		for (size_t i = 0; i < hooks_lambda_count(r->hooks); i++) {
			const char *name = hooks_lambda_name(r->hooks, i);
			if (value_map_get(r->data, name))
				continue;
			struct value *fn = value_new_string(
			        &r->arena, r->data->pos, name, strlen(name));
			fn->tag = "!hook-lambda";
			value_map_set(&r->arena, r->data, name, fn);
		}
		r->lambdas = (struct mustache_lambdas){
		        .lambda_tag = "!hook-lambda",
		        .closure = r->hooks,
		        .call = call_hook_lambda,
		        .filters = true,
		};
		lambdas = &r->lambdas;
	}
	char *dir = fs_dirname(r->path);
	r->view = html_view_with(&r->arena, r->data, r->computed, &r->theme,
	                         as_of, dir, lambdas, &r->diags);
	free(dir);
	return r->view ? 0 : -1;
}

/* Lays `page` out as the PDF would be and dumps its display list to
 * `dump`. */
static int dump_display_list(struct report *r, const struct buf *page,
                             const char *name, const struct paper *paper,
                             struct buf *dump)
{
	struct pdf_doc *doc = pdf_doc_new(&paper->style, &r->diags);
	if (!doc)
		return -1;
	struct layout_metrics m = pdf_doc_metrics(doc);
	struct arena a = ARENA_INIT;
	struct dl_doc dl = {0};
	size_t errors = r->diags.errors;
	int rc = layout_html(page->data ? page->data : "", page->len, name,
	                     &paper->style, &m, &a, &dl, &r->diags);
	if (rc == 0 && r->diags.errors == errors)
		layout_dump(&dl, dump);
	else
		rc = -1;
	dl_doc_free(&dl);
	arena_free(&a);
	pdf_doc_free(doc);
	return rc;
}

int report_render(struct report *r, const struct report_render_options *o,
                  struct report_output *out)
{
	int rc = report_compute(r, o->scripts_dir, o->as_of);
	if (rc == 0)
		rc = report_view(r, o->as_of);
	if (rc == 0)
		rc = html_page(&r->theme, r->view, &r->lambdas, &out->html,
		               &r->diags);
	if (rc == 0 && (o->pdf || o->display_list)) {
		struct paper paper;
		paper_from_theme(&r->arena, &r->theme, r->view, &paper);
		paper_check(&r->theme, &r->diags);
		char *dir = fs_dirname(r->path);
		paper.style.base_dir = dir;
		paper.style.rec = r->rec;
		const char *name = o->page_name ? o->page_name : r->path;
		if (o->display_list)
			rc = dump_display_list(r, &out->html, name, &paper,
			                       o->display_list);
		if (rc == 0 && o->pdf)
			rc = pdf_render_html(
			        out->html.data ? out->html.data : "",
			        out->html.len, name, &paper.style, &paper.info,
			        &out->pdf, &r->diags, NULL);
		free(dir);
	}
	out->files = r->rec;
	if (rc != 0 || !o->html)
		buf_free(&out->html);
	if (rc != 0)
		buf_free(&out->pdf);
	return rc;
}

void report_output_free(struct report_output *out)
{
	buf_free(&out->html);
	buf_free(&out->pdf);
}

void report_free(struct report *r)
{
	hooks_free(r->hooks);
	fs_recorder_free(&r->own_rec);
	diags_free(&r->diags);
	arena_free(&r->arena);
	r->hooks = NULL;
}

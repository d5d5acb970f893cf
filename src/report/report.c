/* report: the stages one report goes through, shared by the commands. */
#include "report/report.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "base/xalloc.h"
#include "html/page.h"
#include "html/view.h"
#include "layout/layout.h"
#include "load/load.h"
#include "mustache/mustache.h"
#include "paper/paper.h"
#include "pdf/pdf.h"
#include "schema/schema.h"

/* ---- what report_warm loads ----
 *
 * Themes: each council folder under the templates folder, loaded once into
 * an arena of the process's own, with the inputs it read. A report of that
 * council takes the loaded theme, once per process, when those inputs
 * are unchanged, and notes them as its own; otherwise it loads the theme
 * itself. Once: the stages after it may change what a theme holds, which
 * is harmless in a worker that renders one report and then ends. Only a
 * theme that loaded without a word of diagnostics is kept, so a report
 * that takes one has nothing to repeat. */
struct warm_theme {
	char *templates_dir;
	char *council;
	struct theme theme;
	/* The part of the PDF's style that is the theme's (paper_style),
	 * its faces read (pdf_warm_style). */
	const struct layout_style *style;
	struct fs_recorder inputs;
	bool used;
};
static struct arena warm_arena = ARENA_INIT;
static struct warm_theme *warm_themes;
static size_t nwarm_themes, warm_themes_cap;

static void warm_theme(const char *templates_dir, const char *council)
{
	struct warm_theme w = {0};
	struct diags d = DIAGS_INIT;
	if (theme_load(&warm_arena, templates_dir, council,
	               (struct pos){NULL, 0, 0}, &w.inputs, &w.theme,
	               &d) != 0 ||
	    d.len) {
		diags_free(&d);
		fs_recorder_free(&w.inputs);
		return;
	}
	/* Which of the theme's font families are installed is asked of
	 * fontconfig here, once, rather than in every worker; and the faces
	 * of those families are read and measured. */
	paper_check(&w.theme, &d);
	diags_free(&d);
	struct layout_style *style = arena_alloc(&warm_arena, sizeof *style);
	paper_style(&warm_arena, &w.theme, style);
	pdf_warm_style(style);
	w.style = style;
	/* The page's style sheet, which is the theme's alone but for its
	 * running header and footer. */
	theme_css_keep(&warm_arena, &w.theme);
	/* Its templates, compiled. */
	const char *dirs[2];
	size_t ndirs = theme_search_path(&w.theme, dirs);
	for (size_t i = 0; i < ndirs; i++)
		mustache_warm(dirs[i]);
	w.templates_dir = xstrdup(templates_dir);
	w.council = xstrdup(council);
	warm_themes = xgrow(warm_themes, &warm_themes_cap, nwarm_themes + 1,
	                    sizeof *warm_themes);
	warm_themes[nwarm_themes++] = w;
}

void report_warm_start(void)
{
	pdf_warm_start();
}

void report_warm_wait(void)
{
	pdf_warm_wait();
}

void report_warm(const char *templates_dir, const char *scripts_dir)
{
	/* fontconfig loads while the hook library compiles. */
	pdf_warm_start();
	hooks_warm(scripts_dir);
	pdf_warm();
	DIR *dp = opendir(templates_dir);
	if (!dp)
		return;
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.' || e->d_name[0] == '_')
			continue;
		char *dir = fs_join(templates_dir, e->d_name);
		if (fs_is_dir(dir))
			warm_theme(templates_dir, e->d_name);
		free(dir);
	}
	closedir(dp);
}

/* Loads the theme `council` for `r`: the one report_warm loaded when it
 * may be used, else from its files. */
static int load_theme(struct report *r, const char *templates_dir,
                      const char *council, struct pos at, struct diags *d)
{
	const char *name = council && *council ? council : "default";
	for (size_t i = 0; i < nwarm_themes; i++) {
		struct warm_theme *w = &warm_themes[i];
		if (w->used || strcmp(w->council, name) != 0 ||
		    strcmp(w->templates_dir, templates_dir) != 0)
			continue;
		if (!fs_recorder_unchanged(&w->inputs))
			break;
		w->used = true;
		r->theme = w->theme;
		r->theme.rec = r->rec;
		r->paper_style = w->style;
		fs_recorder_add(r->rec, &w->inputs);
		return 0;
	}
	return theme_load(&r->theme_arena, templates_dir, council, at, r->rec,
	                  &r->theme, d);
}

int report_load(struct report *r, const char *path, const char *templates_dir,
                const char *council, struct fs_recorder *rec)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->rec = rec ? rec : &r->own_rec;
	struct load_chain chain;
	struct load_options lo = {
	        .extends = true, .rec = r->rec, .chain = &chain};
	/* Each stage's diagnostics carry its name as their rule unless
	 * they name a rule of their own (base/diag.h). */
	r->diags.rule = "load";
	if (load_file(&r->arena, path, &lo, &r->data, &r->diags) != 0)
		return -1;
	/* The chain's checks come first and run whatever the schema finds:
	 * a skipped quarter is the cause of the unknown ids it leads to. */
	r->diags.rule = "schema";
	int chained = schema_check_chain(&chain, &r->diags);
	/* The theme is loaded before the check, because a status may be
	 * written in the council's own words (brand.yaml status_words:),
	 * which the check must read as the statuses they stand for. The
	 * theme's problems are told only when the report passes, since
	 * a report the check refuses (a `council:` that is no name) is the
	 * likelier cause. */
	const struct value *named = value_map_get(r->data, "council");
	struct pos at = {NULL, 0, 0};
	if (!council && named) {
		council = named->text;
		at = named->pos;
	}
	r->diags.rule = "theme";
	struct diags themes = DIAGS_INIT;
	themes.rule = "theme";
	int themed = load_theme(r, templates_dir, council, at, &themes);
	if (themed == 0)
		schema_apply_status_words(r->data, &r->theme.status_words);
	r->diags.rule = "schema";
	int checked = schema_check_report(r->data, &r->diags);
	if (checked == 0 && chained == 0)
		diags_move(&r->diags, &themes);
	diags_free(&themes);
	if (checked != 0)
		return -1;
	/* A quarter key that disagrees with its as_of also looks like a
	 * skipped quarter to the chain: both are said, the as_of naming
	 * the cause. */
	if (schema_check_quarters(r->data, &r->diags) != 0 || chained != 0 ||
	    themed != 0)
		return -1;
	r->diags.rule = "theme";
	return theme_check_report(&r->theme, r->data, &r->diags);
}

int report_compute(struct report *r, const char *scripts_dir, const char *as_of)
{
	r->diags.rule = "hooks";
	r->hooks = hooks_new();
	struct hooks_options opt = {
	        .report_path = r->path,
	        .scripts_dir = scripts_dir,
	        .as_of = as_of,
	        .theme_dir = r->theme.dir,
	        .theme_hooks = r->theme.hooks,
	        .theme_hooks_len = r->theme.nhooks,
	        .vocabulary = r->theme.vocabulary,
	        .words = r->theme.words,
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
	r->diags.rule = "view";
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

/* Frees the report's data, computed data and view. */
static void drop_data(struct report *r)
{
	arena_free(&r->arena);
	r->data = r->computed = r->view = NULL;
}

int report_render(struct report *r, const struct report_render_options *o,
                  struct report_output *out)
{
	int rc = report_compute(r, o->scripts_dir, o->as_of);
	if (rc == 0)
		rc = report_view(r, o->as_of);
	if (rc == 0) {
		r->diags.rule = "template";
		rc = html_page(&r->theme, r->view, &r->lambdas, &out->html,
		               &r->diags);
	}
	/* The lambdas have done their work on the page: the hooks' Lua
	 * states go before the PDF is made. */
	hooks_free(r->hooks);
	r->hooks = NULL;
	r->lambdas = (struct mustache_lambdas){0};
	if (rc == 0 && (o->pdf || o->display_list)) {
		r->diags.rule = "pdf";
		struct arena paper_arena = ARENA_INIT;
		struct paper paper;
		if (r->paper_style)
			paper_from_style(&paper_arena, &r->theme,
			                 r->paper_style, r->view, &paper);
		else
			paper_from_theme(&paper_arena, &r->theme, r->view,
			                 &paper);
		paper_check(&r->theme, &r->diags);
		/* The page and the paper are all the PDF is made from: the
		 * report's data, its computed data and the view go first,
		 * for the PDF of a long report needs as much again. */
		drop_data(r);
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
		arena_free(&paper_arena);
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
	arena_free(&r->theme_arena);
	r->hooks = NULL;
}

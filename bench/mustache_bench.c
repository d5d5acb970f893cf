/* mustache_bench: compile and render times of a report-sized template.
 *
 * Builds a template of about 50 KB in the shape of a committee report
 * (header table, judgements, findings, recommendations, an action plan of
 * priorities and actions, narrative sections, glossary; escaped and raw
 * variables, dotted names, inverted sections, partials) and data of the
 * size of a full report, then prints the median of many compiles and of
 * many renders. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mustache/mustache.h"
#include "mustache/value_data.h"

static const struct pos P = {"bench.yaml", 1, 1};

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static struct value *str(struct arena *a, const char *s)
{
	return value_new_string(a, P, s, strlen(s));
}

static struct value *report(struct arena *a)
{
	static const char *const grades[] = {
	        "outstanding", "good", "requires_improvement", "inadequate"};
	static const char *const status[] = {"on_track", "done", "at_risk",
	                                     "off_track"};
	const char *para =
	        "The service has made steady progress since the inspection. "
	        "Caseloads for social workers have fallen from 22 to 16 on "
	        "average, & management oversight is now recorded on every "
	        "file. Members asked for \"clear evidence\" of impact; the "
	        "table below sets out what's changed <b>this quarter</b>.";
	struct value *r = value_new_map(a, P);
	struct value *m = value_new_map(a, P);
	value_map_set(a, m, "committee",
	              str(a, "Children and Young People Select Committee"));
	value_map_set(a, m, "date", str(a, "2020-01-14"));
	value_map_set(a, m, "item", str(a, "4"));
	value_map_set(a, r, "meeting", m);
	struct value *rep = value_new_map(a, P);
	value_map_set(a, rep, "title",
	              str(a, "Children's Social Care Post Ofsted Report"));
	value_map_set(a, rep, "summary", str(a, para));
	value_map_set(a, rep, "key_decision", value_new_bool(a, P, false));
	value_map_set(a, r, "report", rep);
	struct value *judg = value_new_list(a, P);
	for (int i = 0; i < 8; i++) {
		struct value *j = value_new_map(a, P);
		char area[64];
		snprintf(area, sizeof area, "Area of practice %d", i + 1);
		value_map_set(a, j, "area", str(a, area));
		value_map_set(a, j, "grade", str(a, grades[i % 4]));
		value_map_set(a, j, "previous", str(a, grades[(i + 1) % 4]));
		value_list_push(a, judg, j);
	}
	value_map_set(a, r, "judgements", judg);
	struct value *recs = value_new_list(a, P);
	for (int i = 0; i < 12; i++) {
		struct value *x = value_new_map(a, P);
		char id[16];
		snprintf(id, sizeof id, "R%d", i + 1);
		value_map_set(a, x, "id", str(a, id));
		value_map_set(a, x, "text", str(a, para));
		value_list_push(a, recs, x);
	}
	value_map_set(a, r, "recommendations", recs);
	struct value *pri = value_new_list(a, P);
	for (int i = 0; i < 6; i++) {
		struct value *p = value_new_map(a, P);
		char id[16];
		snprintf(id, sizeof id, "P%d", i + 1);
		value_map_set(a, p, "id", str(a, id));
		value_map_set(a, p, "title", str(a, "Workforce development"));
		value_map_set(a, p, "issue", str(a, para));
		struct value *acts = value_new_list(a, P);
		for (int k = 0; k < 8; k++) {
			struct value *ac = value_new_map(a, P);
			char aid[16];
			snprintf(aid, sizeof aid, "P%d.%d", i + 1, k + 1);
			value_map_set(a, ac, "id", str(a, aid));
			value_map_set(a, ac, "text",
			              str(a, "Recruit and retain permanent "
			                     "social workers & managers"));
			value_map_set(a, ac, "owner",
			              str(a, "Head of Service"));
			value_map_set(a, ac, "due", str(a, "2020-03-31"));
			value_map_set(a, ac, "status",
			              str(a, status[(i + k) % 4]));
			value_map_set(a, ac, "percent",
			              value_new_number(a, P, 12.5 * (k % 9)));
			value_map_set(a, ac, "overdue",
			              value_new_bool(a, P, k % 3 == 0));
			value_list_push(a, acts, ac);
		}
		value_map_set(a, p, "actions", acts);
		value_list_push(a, pri, p);
	}
	struct value *plan = value_new_map(a, P);
	value_map_set(a, plan, "priorities", pri);
	value_map_set(a, r, "action_plan", plan);
	struct value *secs = value_new_list(a, P);
	for (int i = 0; i < 10; i++) {
		struct value *s = value_new_map(a, P);
		value_map_set(a, s, "title", str(a, "Background"));
		value_map_set(a, s, "body", str(a, para));
		value_list_push(a, secs, s);
	}
	value_map_set(a, r, "sections", secs);
	/* A report prints its action plan once or twice, not in every part
	 * of the template. */
	struct value *shown = value_new_map(a, P);
	value_map_set(a, shown, "p0", value_new_bool(a, P, true));
	value_map_set(a, shown, "p1", value_new_bool(a, P, true));
	value_map_set(a, r, "shown", shown);
	return r;
}

/* One chunk of about 2.5 KB; the template repeats it with its own names,
 * and the action plan renders in the first two only. */
static const char chunk[] =
        "<section class=\"part-%d\">\n"
        "  <h2>{{report.title}}: part %d</h2>\n"
        "  {{#meeting}}\n"
        "  <p class=\"meta\">{{committee}}, {{date}}, item {{item}}</p>\n"
        "  {{/meeting}}\n"
        "  {{^report.key_decision}}<p>This is not a key decision.</p>"
        "{{/report.key_decision}}\n"
        "  <table>\n"
        "    <thead><tr><th scope=\"col\">Area</th><th "
        "scope=\"col\">Grade</th><th scope=\"col\">Previous</th></tr>"
        "</thead>\n"
        "    <tbody>\n"
        "    {{#judgements}}\n"
        "      <tr><td>{{area}}</td><td class=\"{{grade}}\">{{grade}}</td>"
        "<td>{{previous}}</td></tr>\n"
        "    {{/judgements}}\n"
        "    </tbody>\n"
        "  </table>\n"
        "  {{#shown.p%d}}\n"
        "  {{#action_plan.priorities}}\n"
        "  <h3 id=\"{{id}}-%d\">{{id}} {{title}}</h3>\n"
        "  {{>issue}}\n"
        "  <table class=\"actions\">\n"
        "    {{#actions}}\n"
        "    <tr class=\"{{status}}{{#overdue}} overdue{{/overdue}}\">\n"
        "      <td>{{id}}</td><td>{{text}}</td><td>{{owner}}</td>\n"
        "      <td>{{due}}</td><td>{{percent}}%%</td>\n"
        "    </tr>\n"
        "    {{/actions}}\n"
        "  </table>\n"
        "  {{/action_plan.priorities}}\n"
        "  {{/shown.p%d}}\n"
        "  {{! every recommendation, numbered by the template }}\n"
        "  <ol>\n"
        "  {{#recommendations}}\n"
        "    <li id=\"rec-{{id}}\">{{text}}</li>\n"
        "  {{/recommendations}}\n"
        "  </ol>\n"
        "  {{#sections}}\n"
        "  <h3>{{title}}</h3>\n"
        "  <div class=\"prose\">{{{body}}}</div>\n"
        "  {{/sections}}\n"
        "  {{^missing}}<p>Nothing is missing.</p>{{/missing}}\n"
        "  <p>Report author: {{report.author.name}}{{^report.author}}the "
        "council{{/report.author}}.</p>\n"
        "</section>\n";

static int resolve(void *closure, const char *name, size_t len, struct pos pos,
                   const struct mustache_template **out, struct diags *d)
{
	(void)pos;
	(void)d;
	*out = len == 5 && memcmp(name, "issue", 5) == 0 ? closure : NULL;
	return 0;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 200;
	if (runs < 1)
		runs = 1;
	struct buf tb = BUF_INIT;
	buf_puts(&tb, "<article>\n<h1>{{report.title}}</h1>\n");
	for (int i = 0; tb.len < 50 * 1024; i++)
		buf_printf(&tb, chunk, i, i, i, i, i);
	buf_puts(&tb, "</article>\n");
	const char *issue_src = "<div class=\"issue\">{{{issue}}}</div>\n";

	struct diags d = DIAGS_INIT;
	struct mustache_template *issue;
	if (mustache_compile("issue.mustache", issue_src, strlen(issue_src),
	                     &issue, &d) < 0)
		return 1;
	struct arena a = ARENA_INIT;
	struct value *data = report(&a);
	struct mustache_data md = mustache_value_data(NULL);
	struct mustache_partials partials = {issue, resolve};

	double *ct = calloc((size_t)runs, sizeof *ct);
	double *rt = calloc((size_t)runs, sizeof *rt);
	struct mustache_template *t = NULL;
	for (int i = 0; i < runs; i++) {
		mustache_free(t);
		double t0 = now_us();
		if (mustache_compile("report.mustache", tb.data, tb.len, &t,
		                     &d) < 0) {
			diags_print(&d, stderr, false);
			return 1;
		}
		ct[i] = now_us() - t0;
	}
	struct buf out = BUF_INIT;
	for (int i = 0; i < runs; i++) {
		buf_clear(&out);
		double t0 = now_us();
		if (mustache_render(t, &md, data, &partials, &out, &d) < 0) {
			diags_print(&d, stderr, false);
			return 1;
		}
		rt[i] = now_us() - t0;
	}
	qsort(ct, (size_t)runs, sizeof *ct, cmp);
	qsort(rt, (size_t)runs, sizeof *rt, cmp);
	printf("mustache: template %zu bytes, data %zu nodes, output %zu "
	       "bytes, %d runs\n",
	       tb.len, value_count(data), out.len, runs);
	printf("  compile  median %8.1f us   (min %.1f us)\n", ct[runs / 2],
	       ct[0]);
	printf("  render   median %8.1f us   (min %.1f us, %.0f MB/s)\n",
	       rt[runs / 2], rt[0], (double)out.len / rt[runs / 2]);
	free(ct);
	free(rt);
	buf_free(&out);
	buf_free(&tb);
	mustache_free(t);
	mustache_free(issue);
	arena_free(&a);
	diags_free(&d);
	return 0;
}

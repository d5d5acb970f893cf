/* cmd_check: `clerk check FILE|DIR...`: load each report and check it,
 * printing the problems for a person (gcc style, on stderr) or for a tool
 * (`--diagnostics json`: one JSON object a line; `--diagnostics sarif`:
 * one SARIF 2.1.0 log), on stdout. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "build/build.h"
#include "cli/cli.h"
#include "report/report.h"

enum format { HUMAN, JSON, SARIF };

struct check {
	enum format format;
	bool strict;
	struct buf results; /* SARIF: the results so far, comma-separated */
	const char **rules; /* SARIF: each rule id seen, once */
	size_t nrules, caprules;
};

static void json_string(struct buf *out, const char *s, size_t n)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			buf_printf(out, "\\%c", c);
		else if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\t')
			buf_puts(out, "\\t");
		else if (c < 0x20)
			buf_printf(out, "\\u%04x", c);
		else
			buf_putc(out, (char)c);
	}
	buf_putc(out, '"');
}

static void json_cstr(struct buf *out, const char *s)
{
	json_string(out, s, strlen(s));
}

/* The fix a message offers as "did you mean X?", X without its quotes;
 * NULL when it offers none. */
static const char *suggestion(const char *msg, size_t *len)
{
	const char *at = strstr(msg, "did you mean ");
	if (!at)
		return NULL;
	at += strlen("did you mean ");
	const char *end = strchr(at, '?');
	if (!end || end == at)
		return NULL;
	if ((*at == '\'' || *at == '"') && end - at >= 2 && end[-1] == *at) {
		at++;
		end--;
	}
	*len = (size_t)(end - at);
	return at;
}

static const char *level_name(enum diag_level level)
{
	return level == DIAG_ERROR     ? "error"
	       : level == DIAG_WARNING ? "warning"
	                               : "note";
}

static void put_json(const struct diag *dg)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "{\"file\": ");
	json_cstr(&b, dg->file);
	buf_printf(&b,
	           ", \"line\": %d, \"column\": %d, \"severity\": ", dg->line,
	           dg->col);
	json_cstr(&b, level_name(dg->level));
	buf_puts(&b, ", \"rule\": ");
	json_cstr(&b, diag_rule(dg));
	buf_puts(&b, ", \"message\": ");
	json_cstr(&b, dg->msg);
	buf_puts(&b, ", \"suggestion\": ");
	size_t n = 0;
	const char *s = suggestion(dg->msg, &n);
	if (s)
		json_string(&b, s, n);
	else
		buf_puts(&b, "null");
	buf_puts(&b, "}\n");
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

static void add_sarif(struct check *c, const struct diag *dg)
{
	const char *rule = diag_rule(dg);
	size_t i = 0;
	while (i < c->nrules && strcmp(c->rules[i], rule) != 0)
		i++;
	if (i == c->nrules) {
		c->rules = xgrow(c->rules, &c->caprules, c->nrules + 1,
		                 sizeof *c->rules);
		c->rules[c->nrules++] = rule;
	}
	struct buf *b = &c->results;
	buf_puts(b, b->len ? ",\n        {" : "        {");
	buf_puts(b, "\"ruleId\": ");
	json_cstr(b, rule);
	buf_printf(b, ", \"ruleIndex\": %zu, \"level\": ", i);
	json_cstr(b, level_name(dg->level));
	buf_puts(b, ", \"message\": {\"text\": ");
	json_cstr(b, dg->msg);
	buf_puts(b, "}, \"locations\": [{\"physicalLocation\": "
	            "{\"artifactLocation\": {\"uri\": ");
	json_cstr(b, dg->file);
	buf_putc(b, '}');
	if (dg->line > 0) {
		buf_printf(b, ", \"region\": {\"startLine\": %d", dg->line);
		if (dg->col > 0)
			buf_printf(b, ", \"startColumn\": %d", dg->col);
		buf_putc(b, '}');
	}
	buf_puts(b, "}}]");
	size_t n = 0;
	const char *s = suggestion(dg->msg, &n);
	if (s) {
		buf_puts(b, ", \"properties\": {\"suggestion\": ");
		json_string(b, s, n);
		buf_putc(b, '}');
	}
	buf_putc(b, '}');
}

static void write_sarif(struct check *c)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "{\n  \"$schema\": "
	             "\"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	             "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
	             "    \"tool\": {\"driver\": {\"name\": \"clerk\", "
	             "\"version\": \"" CLERK_VERSION "\", \"rules\": [");
	for (size_t i = 0; i < c->nrules; i++) {
		buf_puts(&b, i ? ", {\"id\": " : "{\"id\": ");
		json_cstr(&b, c->rules[i]);
		buf_putc(&b, '}');
	}
	buf_puts(&b, "]}},\n    \"results\": [\n");
	buf_put(&b, c->results.data, c->results.len);
	buf_puts(&b, "\n    ]\n  }]\n}\n");
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

static void report_diags(struct check *c, const struct diags *d)
{
	if (c->format == HUMAN) {
		cli_print_diags(d);
		return;
	}
	for (size_t i = 0; i < d->len; i++) {
		const struct diag *dg = &d->items[i];
		if (cli_verbosity < 0 && dg->level != DIAG_ERROR)
			continue;
		if (c->format == JSON)
			put_json(dg);
		else
			add_sarif(c, dg);
	}
}

static int check_one(struct check *c, const char *path)
{
	struct report r;
	int rc = report_load(&r, path, cli_templates_dir(), NULL, NULL);
	/* The hooks and the view too: what they refuse (a figure in prose
	 * that names nothing, a hook's error) would stop the render. */
	if (rc == 0)
		rc = report_compute(&r, cli_scripts_dir(), NULL);
	if (rc == 0)
		rc = report_view(&r, NULL);
	if (rc == 0 && c->strict && r.diags.warnings > 0)
		rc = -1;
	report_diags(c, &r.diags);
	if (rc == 0 && cli_verbosity > 0 && c->format == HUMAN)
		fprintf(stderr, "%s: ok (%zu warning%s)\n", path,
		        r.diags.warnings, r.diags.warnings == 1 ? "" : "s");
	report_free(&r);
	return rc;
}

static int usage(void)
{
	printf("usage: clerk check [-q|-v] [--warnings-as-errors] "
	       "[--diagnostics human|json|sarif] FILE|DIR...\n"
	       "Checks each report (each report under DIR) and prints every "
	       "problem found.\n"
	       "  --warnings-as-errors  fail (exit 1) on a warning too\n"
	       "  --diagnostics FORMAT  human (on stderr, the default), json "
	       "(one object a line)\n"
	       "                        or sarif (SARIF 2.1.0), on "
	       "stdout\n");
	return CLI_OK;
}

int cmd_check(int argc, char **argv)
{
	struct check c = {HUMAN, false, BUF_INIT, NULL, 0, 0};
	char **args = xmalloc((size_t)argc * sizeof *args);
	int nargs = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			free(args);
			return usage();
		}
		if (strcmp(a, "--warnings-as-errors") == 0) {
			c.strict = true;
		} else if (strcmp(a, "--diagnostics") == 0) {
			const char *f = i + 1 < argc ? argv[++i] : "";
			if (strcmp(f, "json") == 0)
				c.format = JSON;
			else if (strcmp(f, "sarif") == 0)
				c.format = SARIF;
			else if (strcmp(f, "human") == 0)
				c.format = HUMAN;
			else {
				free(args);
				return cli_usage_error(
				        "check: --diagnostics takes human, "
				        "json or sarif, not '%s'",
				        f);
			}
		} else if (a[0] == '-' && a[1] != '\0') {
			free(args);
			return cli_usage_error("check: unknown option '%s'", a);
		} else {
			args[nargs++] = argv[i];
		}
	}
	int files = 0, failed = 0;
	for (int i = 0; i < nargs; i++) {
		struct stat st;
		if (stat(args[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			files++;
			if (check_one(&c, args[i]) != 0)
				failed++;
			continue;
		}
		/* A folder: every report under it, as clerk build finds
		 * them. */
		char **paths = NULL;
		size_t n = 0;
		if (build_list_reports(args[i], &paths, &n) != 0)
			failed++;
		for (size_t k = 0; k < n; k++) {
			files++;
			if (check_one(&c, paths[k]) != 0)
				failed++;
			free(paths[k]);
		}
		free(paths);
	}
	free(args);
	if (files == 0) {
		buf_free(&c.results);
		free(c.rules);
		return cli_usage_error("check: no files given");
	}
	if (c.format == SARIF)
		write_sarif(&c);
	buf_free(&c.results);
	free(c.rules);
	return failed ? CLI_BAD_INPUT : CLI_OK;
}

/* diag: collecting and printing diagnostics. */
#include "base/diag.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/limits.h"
#include "base/xalloc.h"

/* Whether a diagnostic of `level` is past the limit, counting it if so. */
static bool drop(struct diags *d, enum diag_level level)
{
	if (level == DIAG_ERROR)
		d->dropping = d->errors - d->dropped >= LIMIT_DIAG_ERRORS;
	else if (level == DIAG_WARNING)
		d->dropping = false;
	if (!d->dropping)
		return false;
	if (level == DIAG_ERROR) {
		d->errors++;
		d->dropped++;
	}
	return true;
}

static void vadd(struct diags *d, enum diag_level level, const char *rule,
                 struct pos pos, const char *fmt, va_list ap)
{
	if (drop(d, level))
		return;
	struct buf msg = BUF_INIT;
	buf_vprintf(&msg, fmt, ap);
	d->items = xgrow(d->items, &d->cap, d->len + 1, sizeof *d->items);
	struct diag *dg = &d->items[d->len++];
	dg->level = level;
	dg->file = xstrdup(pos.file ? pos.file : "clerk");
	dg->line = pos.line;
	dg->col = pos.col;
	dg->msg = buf_detach(&msg, NULL);
	dg->rule = rule ? rule : d->rule;
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
}

void diag_vadd(struct diags *d, enum diag_level level, struct pos pos,
               const char *fmt, va_list ap)
{
	vadd(d, level, NULL, pos, fmt, ap);
}

void diag_add(struct diags *d, enum diag_level level, struct pos pos,
              const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, level, pos, fmt, ap);
	va_end(ap);
}

void diag_add_rule(struct diags *d, enum diag_level level, const char *rule,
                   struct pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(d, level, rule, pos, fmt, ap);
	va_end(ap);
}

const char *diag_rule(const struct diag *dg)
{
	return dg->rule ? dg->rule : "clerk";
}

void diag_error(struct diags *d, struct pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diags *d, struct pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, DIAG_WARNING, pos, fmt, ap);
	va_end(ap);
}

static const char *level_name(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "note";
	}
	return "error";
}

void diag_format(const struct diag *dg, FILE *out)
{
	fputs(dg->file, out);
	if (dg->line > 0) {
		fprintf(out, ":%d", dg->line);
		if (dg->col > 0)
			fprintf(out, ":%d", dg->col);
	}
	fprintf(out, ": %s: %s\n", level_name(dg->level), dg->msg);
}

void diags_print(const struct diags *d, FILE *out, bool errors_only)
{
	for (size_t i = 0; i < d->len; i++)
		if (!errors_only || d->items[i].level == DIAG_ERROR)
			diag_format(&d->items[i], out);
	if (d->dropped)
		fprintf(out, "... and %zu more error%s\n", d->dropped,
		        d->dropped == 1 ? "" : "s");
}

void diags_move(struct diags *to, struct diags *from)
{
	to->items = xgrow(to->items, &to->cap, to->len + from->len,
	                  sizeof *to->items);
	for (size_t i = 0; i < from->len; i++) {
		struct diag *dg = &from->items[i];
		if (drop(to, dg->level)) {
			free(dg->file);
			free(dg->msg);
			continue;
		}
		if (!dg->rule)
			dg->rule = to->rule;
		to->items[to->len++] = *dg;
		if (dg->level == DIAG_ERROR)
			to->errors++;
		else if (dg->level == DIAG_WARNING)
			to->warnings++;
	}
	to->errors += from->dropped;
	to->dropped += from->dropped;
	free(from->items);
	const char *rule = from->rule;
	*from = (struct diags)DIAGS_INIT;
	from->rule = rule;
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->len; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	const char *rule = d->rule;
	*d = (struct diags)DIAGS_INIT;
	d->rule = rule;
}

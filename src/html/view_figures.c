/* view_figures: figures in prose. A prose field may name values of the
 * view in Mustache tags (`{{computed.plan.done}}`, `{{meeting.date_long}}`)
 * and pass text through a hook's formatting function
 * (`{{#money}}{{figures.budget.value}}{{/money}}`); the tags are replaced
 * by their text, escaped for Markdown, before the Markdown is read.
 *
 * Prose is written by officers, not template authors, so it gets a small
 * and strict part of Mustache: names are looked up from the top of the
 * view only; a section must be a hook's function; unescaped tags,
 * partials, blocks and delimiter changes are refused; and a name that is
 * not in the view is an error with a suggestion, never an empty string.
 * Each error points at the tag in the YAML file. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "base/near.h"
#include "base/limits.h"
#include "html/internal.h"

/* Where the tag `tag` (`len` bytes) of the prose `text` is in its file:
 * the prose's own position, moved to the tag when the file can be read
 * and the tag found in it at or after that position. Only errors need it,
 * so the file is read then and not before. */
static struct pos tag_pos(const struct value *text, const char *tag, size_t len)
{
	struct pos p = text->pos;
	if (!p.file || p.line <= 0)
		return p;
	char *src = NULL;
	size_t n = 0;
	struct diags quiet = DIAGS_INIT;
	if (fs_read(p.file, LIMIT_YAML_FILE_BYTES, &src, &n, &quiet) != 0) {
		diags_free(&quiet);
		return p;
	}
	diags_free(&quiet);
	/* The offset of the prose's first line and column. */
	size_t at = 0;
	for (int line = 1; line < p.line && at < n; at++)
		if (src[at] == '\n')
			line++;
	at += (size_t)(p.col > 0 ? p.col - 1 : 0);
	for (size_t i = at; i + len <= n; i++) {
		if (memcmp(src + i, tag, len) != 0)
			continue;
		int line = 1, col = 1;
		for (size_t j = 0; j < i; j++) {
			if (src[j] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)src[j] & 0xC0) != 0x80) {
				col++;
			}
		}
		p.line = line;
		p.col = col;
		break;
	}
	free(src);
	return p;
}

/* The key of `map` nearest to `name`, or NULL when none is near. */
static const char *nearest_key(const struct value *map, const char *name,
                               size_t len)
{
	const char *best = NULL;
	size_t best_d = len / 3 + 2; /* nearer than this, or no suggestion */
	for (size_t i = 0; map && map->kind == VALUE_MAP && i < map->as.map.len;
	     i++) {
		const struct value *k = map->as.map.items[i].key;
		size_t d = near_distance(name, len, k->text, k->len);
		if (d < best_d) {
			best = k->text;
			best_d = d;
		}
	}
	return best;
}

struct expand {
	struct view *v;
	const struct value *text; /* the prose field, for positions */
	const char *field;        /* its text */
	int failed;
};

static void fail(struct expand *x, const char *tag, size_t len, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));
static void fail(struct expand *x, const char *tag, size_t len, const char *fmt,
                 ...)
{
	struct pos p = tag_pos(x->text, tag, len);
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(x->v->d, p, "%s", buf_cstr(&msg));
	buf_free(&msg);
	x->failed = 1;
}

/* Looks the dotted `name` up from the top of the view. On a miss, says
 * which part is unknown and suggests the nearest key. */
static const struct value *lookup(struct expand *x, const char *tag,
                                  size_t tag_len, const char *name, size_t len)
{
	const struct value *at = x->v->root;
	const char *p = name, *end = name + len;
	while (p < end) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t part = (size_t)((dot ? dot : end) - p);
		const struct value *next = at && at->kind == VALUE_MAP
		                                   ? value_map_getn(at, p, part)
		                                   : NULL;
		if (!next) {
			char got[160], hint[200] = "";
			snprintf(got, sizeof got, "%.*s",
			         (int)(p - name + part), name);
			const char *near = nearest_key(at, p, part);
			if (near)
				snprintf(hint, sizeof hint,
				         "; did you mean {{%.*s%s}}?",
				         (int)(p - name), name, near);
			fail(x, tag, tag_len,
			     "prose names {{%s}}, which is not in the report's "
			     "view (`clerk data --view` lists what is)%s",
			     got, hint);
			return NULL;
		}
		at = next;
		p += part + (dot ? 1 : 0);
	}
	return at;
}

/* Whether the next byte appended to `out` starts a line of Markdown, or
 * the text of a block quote or a list item there: since the last newline
 * (or the start) only white space, `>` and list markers ("-", "*", "+",
 * "1." or "1)" before a space), so that a figure there could be read as
 * a list item's number ("- {{count}}. done", "> {{count}}. done"). */
static bool at_line_start(const struct buf *out)
{
	size_t i = out->len;
	while (i > 0 && out->data[i - 1] != '\n')
		i--;
	const char *p = out->data ? out->data + i : "";
	const char *end = out->data ? out->data + out->len : p;
	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '>') {
			p++;
			continue;
		}
		const char *q = p;
		if (*q == '-' || *q == '*' || *q == '+') {
			q++;
		} else {
			while (q < end && q - p < 9 &&
			       isdigit((unsigned char)*q))
				q++;
			if (q == p || q >= end || (*q != '.' && *q != ')'))
				return false;
			q++;
		}
		if (q >= end || (*q != ' ' && *q != '\t'))
			return false;
		p = q;
	}
	return true;
}

/* Appends `s` so that Markdown reads it as the text it is. A figure that
 * starts a line, a quote's or a list item's text with a digit has the
 * digit written as a character reference, so that "{{count}}. More text"
 * stays a sentence and is not read as item 5 of a numbered list. */
static void put_escaped(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;
	if (n > 0 && isdigit((unsigned char)s[0]) && at_line_start(out)) {
		buf_printf(out, "&#%d;", s[0]);
		i = 1;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (ispunct(c))
			buf_putc(out, '\\');
		buf_putc(out, (char)c);
	}
}

/* Whether `fn` is one of the hooks' functions. */
static bool is_lambda(const struct view *v, const struct value *fn)
{
	return v->lambdas && v->lambdas->call && fn->tag &&
	       strcmp(fn->tag, v->lambdas->lambda_tag) == 0;
}

/* Expands `s` (`n` bytes) into `out`. `plain`: inside a function's
 * section, where values are the function's input and stay as they are. */
static void expand(struct expand *x, const char *s, size_t n, bool plain,
                   struct buf *out, int depth)
{
	const char *p = s, *end = s + n;
	while (p < end && !x->failed) {
		const char *open = NULL;
		for (const char *q = p; q + 1 < end; q++)
			if (q[0] == '{' && q[1] == '{') {
				open = q;
				break;
			}
		if (!open) {
			buf_put(out, p, (size_t)(end - p));
			return;
		}
		buf_put(out, p, (size_t)(open - p));
		const char *close = NULL;
		for (const char *q = open + 2; q + 1 < end; q++)
			if (q[0] == '}' && q[1] == '}') {
				close = q;
				break;
			}
		/* A triple-brace tag ends at its third brace. */
		if (close && open[2] == '{' && close + 2 < end &&
		    close[2] == '}')
			close++;
		size_t shown = close ? (size_t)(close + 2 - open) : 2;
		if (shown > 60)
			shown = 60;
		char tag[64];
		snprintf(tag, sizeof tag, "%.*s", (int)shown, open);
		if (!close) {
			fail(x, open, 2,
			     "%s in prose has no closing }}; write {{name}}",
			     tag);
			return;
		}
		const char *in = open + 2;
		char sigil = *in;
		if (sigil == '{' || sigil == '&' || sigil == '>' ||
		    sigil == '<' || sigil == '$' || sigil == '=' ||
		    sigil == '^') {
			fail(x, open, (size_t)(close + 2 - open),
			     "%s is not allowed in prose: prose may only name "
			     "a value, {{name}}, or pass text through a hook's "
			     "function, {{#function}}...{{/function}}",
			     tag);
			return;
		}
		if (sigil == '!') { /* a comment */
			p = close + 2;
			continue;
		}
		const char *name = sigil == '#' || sigil == '/' ? in + 1 : in;
		const char *name_end = close;
		while (name < name_end && *name == ' ')
			name++;
		while (name_end > name && name_end[-1] == ' ')
			name_end--;
		size_t len = (size_t)(name_end - name);
		if (len == 0) {
			fail(x, open, (size_t)(close + 2 - open),
			     "%s names nothing: write the name of a value "
			     "between the braces",
			     tag);
			return;
		}
		if (sigil == '/') {
			fail(x, open, (size_t)(close + 2 - open),
			     "%s closes a section that was not opened", tag);
			return;
		}
		const struct value *val =
		        lookup(x, open, (size_t)(close + 2 - open), name, len);
		if (!val)
			return;
		if (sigil == '#') {
			if (!is_lambda(x->v, val)) {
				fail(x, open, (size_t)(close + 2 - open),
				     "%s opens a section, which prose allows "
				     "only for a hook's function such as "
				     "{{#date_long}}...{{/date_long}}",
				     tag);
				return;
			}
			/* The body runs to the matching {{/name}}. */
			char want[80];
			snprintf(want, sizeof want, "{{/%.*s}}", (int)len,
			         name);
			const char *body = close + 2;
			const char *stop = NULL;
			size_t wl = strlen(want);
			for (const char *q = body; q + wl <= end; q++)
				if (memcmp(q, want, wl) == 0) {
					stop = q;
					break;
				}
			if (!stop) {
				fail(x, open, (size_t)(close + 2 - open),
				     "%s has no %s to end it", tag, want);
				return;
			}
			if (depth >= 4) {
				fail(x, open, (size_t)(close + 2 - open),
				     "%s: functions nest too deep in prose",
				     tag);
				return;
			}
			struct buf arg = BUF_INIT, res = BUF_INIT;
			expand(x, body, (size_t)(stop - body), true, &arg,
			       depth + 1);
			if (!x->failed) {
				struct pos at =
				        tag_pos(x->text, open,
				                (size_t)(close + 2 - open));
				if (x->v->lambdas->call(x->v->lambdas->closure,
				                        val, buf_cstr(&arg),
				                        arg.len, &res, at,
				                        x->v->d) != 0)
					x->failed = 1;
				else if (plain)
					buf_put(out, res.data ? res.data : "",
					        res.len);
				else
					put_escaped(out, buf_cstr(&res),
					            res.len);
			}
			buf_free(&arg);
			buf_free(&res);
			p = stop + wl;
			continue;
		}
		if (is_lambda(x->v, val)) {
			fail(x, open, (size_t)(close + 2 - open),
			     "%s is a function: give it the text to work on, "
			     "{{#%s}}...{{/...}}",
			     tag, val->text);
			return;
		}
		if (val->kind == VALUE_LIST || val->kind == VALUE_MAP) {
			fail(x, open, (size_t)(close + 2 - open),
			     "%s is %s, not a single value: name one of its "
			     "fields",
			     tag, value_kind_name(val->kind));
			return;
		}
		struct buf txt = BUF_INIT;
		value_print(&txt, val);
		if (plain)
			buf_put(out, txt.data ? txt.data : "", txt.len);
		else
			put_escaped(out, buf_cstr(&txt), txt.len);
		buf_free(&txt);
		p = close + 2;
	}
}

int view_prose_figures(struct view *v, const struct value *text,
                       struct buf *out)
{
	if (!text->text || !strstr(text->text, "{{"))
		return 0;
	struct expand x = {v, text, text->text, 0};
	expand(&x, text->text, text->len, false, out, 0);
	if (x.failed) {
		v->failed = 1;
		return -1;
	}
	return 1;
}

/* load: YAML events to a value tree, with limits, aliases and merge keys.
 *
 * The event loop keeps a stack of open collections. A scalar, or a
 * collection when it closes, is attached to the collection on top: to a list
 * as an item, to a map as a key when no key is pending and as the pending
 * key's value otherwise. Anchors map names (through a hash) to finished
 * nodes; an alias is a deep copy of its anchor's node, charged against
 * LIMIT_YAML_ALIAS_NODES before any copying, so a billion-laughs document
 * stops at the first alias that would exceed the budget. Merge keys are applied
 * when their map closes, once every explicit key is known. The `extends` chain
 * is in extends.c. */
#include "load/load.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "value/keyset.h"

struct frame {
	struct value *node;
	struct value *key;        /* a map's pending key, or NULL */
	struct value_keyset keys; /* a map's keys so far, merge keys aside */
	long anchor;    /* the anchor to fill when the node closes, or -1 */
	bool has_merge; /* a `<<` key was seen */
	bool flow;      /* a map written {like: this} */
	size_t key_end; /* flow maps: the byte after the pending key */
};

struct anchor {
	struct value *node; /* NULL while its collection is still open */
	const char *name;   /* in the arena */
	bool plain;         /* on a plain scalar: "&co asked for time" */
	bool used;          /* an alias names it */
};

struct loader {
	struct arena *a;
	struct diags *d;
	const char *file; /* in the arena */
	const char *text; /* the whole file, for finding a bad escape */
	size_t len;
	struct frame *stack;
	size_t depth, stack_cap;
	/* Every anchor defined, in the order their nodes start; `names` maps
	 * a name to its latest definition, so that finding one costs the
	 * same in a file of 300,000 anchors as in a file of three. */
	struct anchor *anchors;
	size_t nanchors, anchors_cap;
	struct value_keyset names;
	size_t alias_nodes;
	struct value *root;
	int documents;
	/* The start of line `line_no` (0-based) of `text`: a cursor that
	 * only moves forward, as events do, so finding lines stays linear. */
	size_t line_off;
	size_t line_no;
};

static struct pos mark_pos(const struct loader *l, yaml_mark_t m)
{
	return (struct pos){l->file, (int)m.line + 1, (int)m.column + 1};
}

/* ---- characters no page can show ---- */

/* C0 controls but tab, line feed and carriage return, DEL and the C1
 * controls, and the non-characters U+FFFE and U+FFFF: none has a glyph, XML
 * (and so the PDF path) refuses most of them, and a NUL would cut a name
 * short in C. A carriage return ends a line (HTML and XML read it as a line
 * feed), and templates' test data such as the Mustache spec needs "\r\n". */
static bool unprintable(uint32_t c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
	       (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
}

static void unprintable_error(struct loader *l, struct pos pos, uint32_t c)
{
	if (c >= 0xFFFE)
		diag_error(l->d, pos,
		           "the text contains U+%04X, which is not a character "
		           "and cannot be printed; remove it",
		           (unsigned)c);
	else
		diag_error(l->d, pos,
		           "the text contains a control character (U+%04X), "
		           "which cannot be printed; remove it",
		           (unsigned)c);
}

/* The first unprintable character of valid UTF-8 `s`, as its byte offset
 * (or `n` when there is none) and its code point in `*cp`. */
static size_t find_unprintable(const char *s, size_t n, uint32_t *cp)
{
	for (size_t i = 0; i < n;) {
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x20 && b < 0x7F) {
			i++;
			continue;
		}
		uint32_t c = b;
		size_t k = b < 0x80 ? 1 : utf8_decode(s + i, n - i, &c);
		if (k == 0)
			k = 1;
		if (unprintable(c)) {
			*cp = c;
			return i;
		}
		i += k;
	}
	return n;
}

static int hex_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (char)(ch | 32);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* The character that the escape at `s` (just after its backslash, `n`
 * bytes left) stands for, and the escape's length after the backslash. */
static uint32_t escape_char(const char *s, size_t n, size_t *len)
{
	static const char simple[] = "0abtnvfre";
	static const uint32_t code[] = {0, 7, 8, 9, 10, 11, 12, 13, 27};
	*len = 1;
	if (n == 0)
		return ' ';
	const char *p = strchr(simple, s[0]);
	if (s[0] && p)
		return code[p - simple];
	if (s[0] == 'N')
		return 0x85;
	size_t digits = s[0] == 'x' ? 2 : s[0] == 'u' ? 4 : s[0] == 'U' ? 8 : 0;
	uint32_t c = 0;
	for (size_t i = 1; i <= digits && i < n && hex_value(s[i]) >= 0; i++) {
		c = c * 16 + (uint32_t)hex_value(s[i]);
		*len = i + 1;
	}
	return digits ? c : ' ';
}

/* Where in the source a bad character of the scalar that starts at `m`
 * comes from. Raw ones were refused before parsing, so in a double-quoted
 * scalar it is an escape (\0, \e, \x01...): the first escape that makes an
 * unprintable character. Anywhere else, the scalar's start. */
static struct pos bad_char_pos(const struct loader *l, yaml_mark_t m)
{
	struct pos pos = {l->file, (int)m.line + 1, (int)m.column + 1};
	/* libyaml counts characters, not bytes, in m.index. */
	size_t i = 0;
	for (size_t chars = 0; i < l->len && chars < m.index; i++)
		if (((unsigned char)l->text[i] & 0xC0) != 0x80)
			chars++;
	while (i < l->len && ((unsigned char)l->text[i] & 0xC0) == 0x80)
		i++;
	struct pos at = pos;
	/* The scalar starts at its tag or anchor, if it has one. */
	while (i < l->len && (l->text[i] == '!' || l->text[i] == '&')) {
		for (; i < l->len && !strchr(" \t\r\n", l->text[i]); i++)
			if (((unsigned char)l->text[i] & 0xC0) != 0x80)
				at.col++;
		for (; i < l->len && (l->text[i] == ' ' || l->text[i] == '\t');
		     i++)
			at.col++;
	}
	if (i >= l->len || l->text[i] != '"')
		return pos;
	for (i++, at.col++; i < l->len && l->text[i] != '"';) {
		char ch = l->text[i];
		if (ch == '\\') {
			size_t k;
			if (unprintable(escape_char(l->text + i + 1,
			                            l->len - i - 1, &k)))
				return at;
			if (i + 1 < l->len && (l->text[i + 1] == '\n' ||
			                       l->text[i + 1] == '\r')) {
				i++; /* an escaped line break: read below */
				at.col++;
				continue;
			}
			i += 1 + k;
			at.col += (int)(1 + k);
			continue;
		}
		if (ch == '\n' || (ch == '\r' && (i + 1 >= l->len ||
		                                  l->text[i + 1] != '\n'))) {
			at.line++;
			at.col = 1;
		} else if (((unsigned char)ch & 0xC0) != 0x80 && ch != '\r') {
			at.col++;
		}
		i++;
	}
	return pos;
}

/* Refuses a scalar (or tag) whose text holds an unprintable character. */
static int check_printable(struct loader *l, yaml_mark_t m, const char *s,
                           size_t n)
{
	uint32_t c;
	if (find_unprintable(s, n, &c) == n)
		return 0;
	unprintable_error(l, bad_char_pos(l, m), c);
	return -1;
}

/* ---- scalar typing (YAML 1.2 core schema) ---- */

static bool is_null_text(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '~') ||
	       (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
	                   !memcmp(s, "NULL", 4)));
}

static int bool_text(const char *s, size_t n)
{
	if (n == 4 && (!memcmp(s, "true", 4) || !memcmp(s, "True", 4) ||
	               !memcmp(s, "TRUE", 4)))
		return 1;
	if (n == 5 && (!memcmp(s, "false", 5) || !memcmp(s, "False", 5) ||
	               !memcmp(s, "FALSE", 5)))
		return 0;
	return -1;
}

static bool all_digits(const char *s, size_t n, int base)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = base == 16 ? ((c >= '0' && c <= '9') ||
		                        ((c | 32) >= 'a' && (c | 32) <= 'f'))
		                     : (c >= '0' && c <= '0' + base - 1);
		if (!ok)
			return false;
	}
	return true;
}

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static bool is_float_text(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (digits == 0)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		size_t exp = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, exp++;
		if (exp == 0)
			return false;
	}
	return i == n;
}

static int special_float(const char *s, size_t n, double *out)
{
	size_t i = 0;
	double sign = 1;
	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		sign = s[0] == '-' ? -1 : 1;
		i = 1;
	}
	const char *r = s + i;
	size_t m = n - i;
	if (m == 4 && (!memcmp(r, ".inf", 4) || !memcmp(r, ".Inf", 4) ||
	               !memcmp(r, ".INF", 4))) {
		*out = sign * INFINITY;
		return 1;
	}
	if (i == 0 && m == 4 &&
	    (!memcmp(r, ".nan", 4) || !memcmp(r, ".NaN", 4) ||
	     !memcmp(r, ".NAN", 4))) {
		*out = NAN;
		return 1;
	}
	return 0;
}

#define QUOTE_HINT "put it in quotes if it is text"

/* Reads a number that is_float_text accepted; NULL with an error when no
 * double holds it: it overflows to infinity, or is not zero yet reads as
 * zero. */
static struct value *float_scalar(struct loader *l, struct pos pos,
                                  const char *s, size_t n)
{
	char *text = xstrndup(s, n);
	errno = 0;
	double f = strtod(text, NULL);
	bool range = errno == ERANGE;
	free(text);
	if (isinf(f)) {
		diag_error(
		        l->d, pos,
		        "expected a number between -1.8e308 and 1.8e308, got "
		        "%.*s (" QUOTE_HINT ")",
		        (int)n, s);
		return NULL;
	}
	if (range && f == 0) {
		diag_error(
		        l->d, pos,
		        "expected a number clerk can hold, got %.*s, which is "
		        "too close to zero (write 0, or " QUOTE_HINT ")",
		        (int)n, s);
		return NULL;
	}
	return value_new_number(l->a, pos, f);
}

/* Types a plain scalar. A number no double or 64-bit integer can hold
 * (99999999999999999999, 0xFFFFFFFFFFFFFFFFFF, 1e999), and .inf and .nan,
 * are errors: nothing in a report can use them, and converting them would
 * print a number the author did not write. Returns NULL after an error. */
static struct value *plain_scalar(struct loader *l, struct pos pos,
                                  const char *s, size_t n)
{
	struct value *v = NULL;
	int b;
	double f;
	if (is_null_text(s, n)) {
		v = value_new_null(l->a, pos);
	} else if ((b = bool_text(s, n)) >= 0) {
		v = value_new_bool(l->a, pos, b == 1);
	} else {
		size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
		int base = 0;
		size_t skip = 0;
		if (n > 2 && s[0] == '0' && s[1] == 'o' &&
		    all_digits(s + 2, n - 2, 8))
			base = 8, skip = 2;
		else if (n > 2 && s[0] == '0' && s[1] == 'x' &&
		         all_digits(s + 2, n - 2, 16))
			base = 16, skip = 2;
		else if (all_digits(s + sign, n - sign, 10))
			base = 10;
		if (base) {
			char *text = xstrndup(s, n);
			errno = 0;
			long long i = strtoll(text + skip, NULL, base);
			bool range = errno == ERANGE;
			free(text);
			if (range) {
				diag_error(
				        l->d, pos,
				        "expected a whole number from %" PRId64
				        " to %" PRId64 ", got %.*s (" QUOTE_HINT
				        ")",
				        INT64_MIN, INT64_MAX, (int)n, s);
				return NULL;
			}
			v = value_new_int(l->a, pos, (int64_t)i);
		} else if (is_float_text(s, n)) {
			v = float_scalar(l, pos, s, n);
			if (!v)
				return NULL;
		} else if (special_float(s, n, &f)) {
			diag_error(
			        l->d, pos,
			        "expected a number, got %.*s (%s is no number "
			        "a report can use; " QUOTE_HINT ")",
			        (int)n, s,
			        isnan(f) ? "'not a number'" : "infinity");
			return NULL;
		} else {
			return value_new_string(l->a, pos, s, n);
		}
	}
	/* Keep what the author wrote, so a string field reads `1.10` as
	 * "1.10", not "1.1". */
	v->text = arena_strndup(l->a, s, n);
	v->len = n;
	return v;
}

#define TAG_PREFIX "tag:yaml.org,2002:"

/* The text of line `line` (0-based) of the file, without its newline. */
static const char *line_text(const struct loader *l, size_t line, int *len)
{
	const char *p = l->text, *end = l->text + l->len;
	for (size_t n = 0; n < line && p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*len = (int)((nl ? nl : end) - p);
	if (*len > 0 && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

/* Appends line `line` and a caret under column `col` (0-based, in
 * characters) to `out`. Tabs are kept, so the caret lines up. */
static void quote_line(const struct loader *l, size_t line, size_t col,
                       struct buf *out)
{
	int n = 0;
	const char *t = line_text(l, line, &n);
	if (!t)
		return;
	if (n > 160)
		n = 160;
	buf_printf(out, "\n    %zu | %.*s\n    %*s | ", line + 1, n, t,
	           (int)snprintf(NULL, 0, "%zu", line + 1), "");
	size_t c = 0;
	for (int i = 0; i < n && c < col; i++) {
		if (((unsigned char)t[i] & 0xC0) == 0x80)
			continue;
		buf_putc(out, t[i] == '\t' ? '\t' : ' ');
		c++;
	}
	buf_putc(out, '^');
}

/* A key written with no space after its colon ("title:Plan"), on line
 * `line`: YAML reads the whole as text. Returns the key's length, or 0. */
static int colon_without_space(const struct loader *l, size_t line)
{
	int n = 0;
	const char *t = line_text(l, line, &n);
	if (!t)
		return 0;
	int i = 0;
	while (i < n && t[i] == ' ')
		i++;
	if (i < n && t[i] == '-' && i + 1 < n && t[i + 1] == ' ')
		for (i += 2; i < n && t[i] == ' ';)
			i++;
	int k = i;
	while (k < n && (isalnum((unsigned char)t[k]) || t[k] == '_'))
		k++;
	if (k == i || k + 1 >= n || t[k] != ':' || t[k + 1] == ' ' ||
	    t[k + 1] == '/')
		return 0;
	return k;
}

/* The byte offset of mark `m` in the text (marks count characters). */
static size_t mark_offset(struct loader *l, yaml_mark_t m)
{
	if (m.line < l->line_no) {
		l->line_off = 0;
		l->line_no = 0;
	}
	while (l->line_no < m.line && l->line_off < l->len) {
		const char *nl = memchr(l->text + l->line_off, '\n',
		                        l->len - l->line_off);
		if (!nl) {
			l->line_off = l->len;
			break;
		}
		l->line_off = (size_t)(nl - l->text) + 1;
		l->line_no++;
	}
	size_t off = l->line_off;
	for (size_t c = 0; c < m.column && off < l->len; c++) {
		off++;
		while (off < l->len &&
		       ((unsigned char)l->text[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}

/* A plain scalar of several words with " #" straight after it on its
 * line: YAML reads the rest of the line as a comment, and an officer who
 * wrote "Met at panel #2 on Monday" loses half a note without a word. A
 * comment set off by more than one space is taken as meant. */
static void check_cut_comment(struct loader *l, const yaml_event_t *e)
{
	const char *s = (const char *)e->data.scalar.value;
	size_t n = e->data.scalar.length;
	if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || !l->text ||
	    !memchr(s, ' ', n))
		return;
	size_t at = mark_offset(l, e->end_mark);
	if (at + 2 > l->len || l->text[at] != ' ' || l->text[at + 1] != '#')
		return;
	size_t end = at + 1;
	while (end < l->len && l->text[end] != '\n' && end - at < 40)
		end++;
	struct pos pos = mark_pos(l, e->end_mark);
	pos.col += 1;
	diag_add_rule(l->d, DIAG_WARNING, "yaml-comment-cuts-text", pos,
	              "the rest of this line (\"%.*s%s\") was read as a YAML "
	              "comment and left out of the text; put the whole text "
	              "in double quotes",
	              (int)(end - at - 1), l->text + at + 1,
	              end < l->len && l->text[end] != '\n' ? "..." : "");
}

static struct value *scalar(struct loader *l, const yaml_event_t *e)
{
	struct pos pos = mark_pos(l, e->start_mark);
	const char *s = (const char *)e->data.scalar.value;
	size_t n = e->data.scalar.length;
	const char *tag = (const char *)e->data.scalar.tag;
	bool plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	struct value *v;

	if (check_printable(l, e->start_mark, s, n) != 0 ||
	    (tag && check_printable(l, e->start_mark, tag, strlen(tag)) != 0))
		return NULL;

	if (tag && strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0) {
		const char *t = tag + strlen(TAG_PREFIX);
		if (strcmp(t, "str") == 0) {
			v = value_new_string(l->a, pos, s, n);
		} else {
			v = plain_scalar(l, pos, s, n);
			if (!v)
				return NULL;
			enum value_kind want =
			        strcmp(t, "int") == 0     ? VALUE_INT
			        : strcmp(t, "float") == 0 ? VALUE_NUMBER
			        : strcmp(t, "bool") == 0  ? VALUE_BOOL
			        : strcmp(t, "null") == 0  ? VALUE_NULL
			                                  : VALUE_MAP;
			if (want == VALUE_NUMBER && v->kind == VALUE_INT) {
				double d = (double)v->as.i;
				v->kind = VALUE_NUMBER;
				v->as.n = d;
			}
			if (want == VALUE_MAP) {
				diag_error(l->d, pos, "unsupported tag '!!%s'",
				           t);
				return NULL;
			}
			if (v->kind != want) {
				diag_error(l->d, pos,
				           "expected %s for tag '!!%s', got "
				           "\"%.*s\"",
				           value_kind_name(want), t, (int)n, s);
				return NULL;
			}
		}
		return v;
	}
	if (plain && (!tag || strcmp(tag, "!") != 0))
		v = plain_scalar(l, pos, s, n);
	else
		v = value_new_string(l->a, pos, s, n);
	if (!v)
		return NULL;
	v->quoted = !plain;
	if (tag && strcmp(tag, "!") != 0)
		v->tag = arena_strdup(l->a, tag);
	return v;
}

/* ---- anchors ---- */

/* Defines anchor `name` for `node` (NULL for a collection still open) and
 * returns its index. A later anchor of the same name hides the earlier one
 * from the aliases that follow, as YAML says. */
static long anchor_define(struct loader *l, struct pos pos, const char *name,
                          struct value *node)
{
	l->anchors = xgrow(l->anchors, &l->anchors_cap, l->nanchors + 1,
	                   sizeof *l->anchors);
	long i = (long)l->nanchors++;
	l->anchors[i] =
	        (struct anchor){node, arena_strdup(l->a, name), false, false};
	value_keyset_put(&l->names,
	                 value_new_string(l->a, pos, name, strlen(name)), i);
	return i;
}

static struct anchor *anchor_find(struct loader *l, const char *name)
{
	long i = value_keyset_find(&l->names, name, strlen(name));
	return i < 0 ? NULL : &l->anchors[i];
}

static struct value *alias(struct loader *l, const yaml_event_t *e)
{
	struct pos pos = mark_pos(l, e->start_mark);
	const char *name = (const char *)e->data.alias.anchor;
	struct anchor *an = anchor_find(l, name);
	if (!an) {
		struct buf msg = BUF_INIT;
		buf_printf(
		        &msg,
		        "YAML reads a value that starts with '*' as an alias "
		        "(a copy of a value named earlier with '&'), and no "
		        "value is named '%s'. If '*%s' is part of the text, "
		        "put the whole value in double quotes",
		        name, name);
		quote_line(l, e->start_mark.line, e->start_mark.column, &msg);
		diag_add_rule(l->d, DIAG_ERROR, "yaml-alias-unknown", pos, "%s",
		              msg.data);
		buf_free(&msg);
		return NULL;
	}
	if (!an->node) {
		diag_error(l->d, pos,
		           "alias *%s refers to the node that contains it",
		           name);
		return NULL;
	}
	size_t n = value_count(an->node);
	if (n > LIMIT_YAML_ALIAS_NODES - l->alias_nodes) {
		diag_error(l->d, pos,
		           "alias *%s expands the document past %d nodes "
		           "(LIMIT_YAML_ALIAS_NODES; is this an alias bomb?)",
		           name, LIMIT_YAML_ALIAS_NODES);
		return NULL;
	}
	l->alias_nodes += n;
	an->used = true;
	return value_copy(l->a, an->node);
}

/* ---- maps: duplicate keys and merge keys ---- */

static bool is_merge_key(const struct value *k)
{
	return !k->quoted && k->len == 2 && memcmp(k->text, "<<", 2) == 0;
}

static int check_key(struct loader *l, struct frame *f, struct value *key)
{
	if (!value_is_scalar(key)) {
		diag_error(l->d, key->pos,
		           "expected a scalar as a map key, got %s",
		           value_kind_name(key->kind));
		return -1;
	}
	if (is_merge_key(key))
		return 0;
	long i = value_keyset_add(&f->keys, key, (long)f->node->as.map.len);
	if (i >= 0) {
		struct pos first = f->node->as.map.items[i].key->pos;
		diag_error(l->d, key->pos,
		           "duplicate key '%s' (first at %d:%d)", key->text,
		           first.line, first.col);
		return -1;
	}
	return 0;
}

/* Adds the keys of `src` that `out` lacks. */
static void merge_missing(struct loader *l, struct value *out,
                          struct value_keyset *keys, const struct value *src)
{
	for (size_t i = 0; i < src->as.map.len; i++) {
		struct value_pair *p = &src->as.map.items[i];
		if (value_keyset_add(keys, p->key, (long)out->as.map.len) < 0)
			value_map_append(l->a, out, p->key, p->value);
	}
}

/* Rebuilds a map that holds `<<` keys: explicit keys win, then merged maps
 * in the order written (the first map of a list wins). `keys` indexes the
 * explicit keys on entry. */
static struct value *apply_merges(struct loader *l, struct value *map,
                                  struct value_keyset *keys)
{
	struct value *out = value_new_map(l->a, map->pos);
	out->tag = map->tag;
	for (size_t i = 0; i < map->as.map.len; i++)
		if (!is_merge_key(map->as.map.items[i].key))
			value_map_append(l->a, out, map->as.map.items[i].key,
			                 map->as.map.items[i].value);
	/* Re-index: positions in `out` differ from those in `map`. */
	value_keyset_free(keys);
	for (size_t i = 0; i < out->as.map.len; i++)
		value_keyset_add(keys, out->as.map.items[i].key, (long)i);
	for (size_t i = 0; i < map->as.map.len; i++) {
		struct value_pair *p = &map->as.map.items[i];
		if (!is_merge_key(p->key))
			continue;
		struct value *v = p->value;
		if (v->kind == VALUE_MAP) {
			merge_missing(l, out, keys, v);
			continue;
		}
		if (v->kind == VALUE_LIST) {
			for (size_t j = 0; j < v->as.list.len; j++) {
				struct value *m = v->as.list.items[j];
				if (m->kind != VALUE_MAP) {
					diag_error(
					        l->d, m->pos,
					        "merge key '<<' expects maps, "
					        "got %s",
					        value_kind_name(m->kind));
					return NULL;
				}
				merge_missing(l, out, keys, m);
			}
			continue;
		}
		diag_error(l->d, p->key->pos,
		           "merge key '<<' expects a map or a list of maps, "
		           "got %s",
		           value_kind_name(v->kind));
		return NULL;
	}
	return out;
}

/* ---- the tree ---- */

static int attach(struct loader *l, struct value *v)
{
	if (l->depth == 0) {
		l->root = v;
		return 0;
	}
	struct frame *f = &l->stack[l->depth - 1];
	if (f->node->kind == VALUE_LIST) {
		value_list_push(l->a, f->node, v);
	} else if (!f->key) {
		if (check_key(l, f, v) != 0)
			return -1;
		if (is_merge_key(v))
			f->has_merge = true;
		f->key = v;
	} else {
		value_map_append(l->a, f->node, f->key, v);
		f->key = NULL;
	}
	return 0;
}

static int open_collection(struct loader *l, const yaml_event_t *e, bool is_map)
{
	struct pos pos = mark_pos(l, e->start_mark);
	if (l->depth >= LIMIT_YAML_DEPTH) {
		diag_error(l->d, pos,
		           "lists and maps nest deeper than %d levels "
		           "(LIMIT_YAML_DEPTH)",
		           LIMIT_YAML_DEPTH);
		return -1;
	}
	const char *tag = is_map ? (const char *)e->data.mapping_start.tag
	                         : (const char *)e->data.sequence_start.tag;
	const char *anchor =
	        is_map ? (const char *)e->data.mapping_start.anchor
	               : (const char *)e->data.sequence_start.anchor;
	struct value *v =
	        is_map ? value_new_map(l->a, pos) : value_new_list(l->a, pos);
	if (tag && check_printable(l, e->start_mark, tag, strlen(tag)) != 0)
		return -1;
	if (tag && strcmp(tag, "!") != 0) {
		const char *want = is_map ? TAG_PREFIX "map" : TAG_PREFIX "seq";
		if (strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0) {
			if (strcmp(tag, want) != 0) {
				diag_error(l->d, pos,
				           "unsupported tag '!!%s' on %s",
				           tag + strlen(TAG_PREFIX),
				           is_map ? "a map" : "a list");
				return -1;
			}
		} else {
			v->tag = arena_strdup(l->a, tag);
		}
	}
	long an = anchor ? anchor_define(l, pos, anchor, NULL) : -1;
	l->stack =
	        xgrow(l->stack, &l->stack_cap, l->depth + 1, sizeof *l->stack);
	l->stack[l->depth++] = (struct frame){
	        .node = v,
	        .anchor = an,
	        .flow = is_map &&
	                e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE};
	return 0;
}

static int close_collection(struct loader *l)
{
	struct frame f = l->stack[--l->depth];
	struct value *v = f.node;
	if (f.has_merge)
		v = apply_merges(l, v, &f.keys);
	value_keyset_free(&f.keys);
	if (!v)
		return -1;
	if (f.anchor >= 0)
		l->anchors[f.anchor].node = v;
	return attach(l, v);
}

/* libyaml's complaints, said as what the author did and what to do. */
/* The message for line `line` (0-based) not lining up with the line
 * above: the position of its first character (its column, 0-based, in
 * `*col`), with the line above quoted in `msg`, so that both show. */
static struct pos indent_problem(const struct loader *l, size_t line,
                                 size_t *col, struct buf *msg)
{
	int n = 0;
	const char *t = line_text(l, line, &n);
	size_t first_col = 0;
	while (t && first_col < (size_t)n && t[first_col] == ' ')
		first_col++;
	*col = first_col;
	buf_puts(msg, "this line is not indented as the line above is: keys "
	              "of one map start in the same column, and what belongs "
	              "to a key is indented under it");
	/* The line above that holds something: blank lines and comments
	 * do not count. */
	for (size_t k = line; k-- > 0;) {
		int pn = 0;
		const char *prev = line_text(l, k, &pn);
		int i = 0;
		while (prev && i < pn && prev[i] == ' ')
			i++;
		if (!prev || i == pn || prev[i] == '#')
			continue;
		int width = snprintf(NULL, 0, "%zu", line + 1);
		if (pn <= 160)
			buf_printf(msg, "\n    %*zu | %.*s", width, k + 1, pn,
			           prev);
		break;
	}
	return (struct pos){l->file, (int)line + 1, (int)first_col + 1};
}

static void yaml_problem(struct loader *l, const yaml_parser_t *p)
{
	struct pos pos = mark_pos(l, p->problem_mark);
	const char *problem = p->problem ? p->problem : "invalid YAML";
	if (p->error == YAML_READER_ERROR) {
		pos = (struct pos){l->file, 0, 0};
		diag_error(l->d, pos, "cannot read YAML: %s at byte %zu",
		           problem, p->problem_offset);
		return;
	}
	size_t line = p->problem_mark.line, col = p->problem_mark.column;
	size_t at = mark_offset(l, p->problem_mark);
	char c = at < l->len ? l->text[at] : '\0';
	struct buf msg = BUF_INIT;
	const char *rule = "yaml-syntax";
	if (strstr(problem, "tab") || (strcmp(problem, "found character that "
	                                               "cannot start any "
	                                               "token") == 0 &&
	                               c == '\t')) {
		buf_puts(&msg, "a tab is used here; YAML lines are indented "
		               "with spaces only. Replace the tab with spaces");
		rule = "yaml-tab";
	} else if (p->context && (strstr(p->context, "scanning an alias") ||
	                          strstr(p->context, "scanning an anchor"))) {
		bool star = strstr(p->context, "alias") != NULL;
		line = p->context_mark.line;
		col = p->context_mark.column;
		pos = mark_pos(l, p->context_mark);
		buf_printf(&msg,
		           "a value cannot start with '%c' in YAML (it marks "
		           "%s); put the whole value in double quotes",
		           star ? '*' : '&',
		           star ? "an alias, a copy of a value named earlier"
		                : "an anchor, a name for the value");
		rule = "yaml-value-start";
	} else if (strcmp(problem, "found character that cannot start any "
	                           "token") == 0 &&
	           strchr("@`%", c) && c) {
		buf_printf(&msg,
		           "a value cannot start with '%c' in YAML; put the "
		           "whole value in double quotes",
		           c);
		rule = "yaml-value-start";
	} else if (strstr(problem, "did not find expected ',' or '}'") ||
	           strstr(problem, "did not find expected ',' or ']'")) {
		line = p->context_mark.line;
		col = p->context_mark.column;
		pos = mark_pos(l, p->context_mark);
		buf_puts(&msg, "this {...} or [...] is not closed where YAML "
		               "expects: a ',', ':' or ' #' inside a value "
		               "written in brackets is read as part of the "
		               "brackets. Put the value in double quotes, or "
		               "write each field on a line of its own");
		rule = "yaml-flow-value";
	} else if (strcmp(problem, "mapping values are not allowed in this "
	                           "context") == 0) {
		int k = colon_without_space(l, line);
		size_t kline = line;
		if (!k && line > 0 && (k = colon_without_space(l, line - 1)))
			kline = line - 1;
		int n = 0;
		const char *t = line_text(l, line, &n);
		/* "title: Plan: next steps": a second ": " after a value. */
		const char *first = t ? memchr(t, ':', (size_t)n) : NULL;
		bool in_value = first && first + 1 < t + n &&
		                (size_t)(first - t) + 2 < col &&
		                first[1] == ' ';
		if (k) {
			line = kline;
			col = (size_t)k + 1;
			pos = (struct pos){l->file, (int)kline + 1, k + 2};
			buf_puts(&msg,
			         "there is no space after this colon; YAML "
			         "needs one between a key and its value "
			         "(key: value)");
			rule = "yaml-colon-space";
		} else if (in_value) {
			buf_puts(&msg,
			         "this value holds ': ', which YAML reads "
			         "as the start of another key; put the "
			         "whole value in double quotes");
			rule = "yaml-colon-in-value";
		} else {
			pos = indent_problem(l, line, &col, &msg);
			rule = "yaml-indent";
		}
	} else if (p->context &&
	           (strstr(problem, "did not find expected key") ||
	            strstr(problem, "did not find expected '-'")) &&
	           strstr(p->context, "while parsing a block")) {
		/* A line indented one space more or less than its
		 * neighbours: the map or list above ends where YAML did not
		 * expect it to. */
		pos = indent_problem(l, line, &col, &msg);
		rule = "yaml-indent";
	} else if (strstr(problem, "end of stream") && p->context &&
	           strstr(p->context, "quoted")) {
		pos = mark_pos(l, p->context_mark);
		line = p->context_mark.line;
		col = p->context_mark.column;
		buf_puts(&msg, "this quote is never closed; add the closing "
		               "quote at the end of the text");
		rule = "yaml-unclosed-quote";
	} else if (p->context) {
		buf_printf(&msg, "invalid YAML: %s %s that starts at %d:%d",
		           problem, p->context, (int)p->context_mark.line + 1,
		           (int)p->context_mark.column + 1);
	} else {
		buf_printf(&msg, "invalid YAML: %s", problem);
	}
	quote_line(l, line, col, &msg);
	diag_add_rule(l->d, DIAG_ERROR, rule, pos, "%s", msg.data);
	buf_free(&msg);
}

/* The line and column (in characters) of byte `offset` of `text`. */
static struct pos offset_pos(const struct loader *l, const char *text,
                             size_t offset)
{
	int line = 1, col = 1;
	for (size_t i = 0; i < offset; i++) {
		if (text[i] == '\n')
			line++, col = 1;
		else if (((unsigned char)text[i] & 0xC0) != 0x80)
			col++;
	}
	return (struct pos){l->file, line, col};
}

/* Reports the first invalid UTF-8 sequence or unprintable character at its
 * line and column. */
static int check_text(struct loader *l, const char *text, size_t len)
{
	size_t bad = utf8_validate(text, len);
	uint32_t c;
	size_t at = find_unprintable(text, bad, &c);
	if (at < bad) {
		unprintable_error(l, offset_pos(l, text, at), c);
		return -1;
	}
	if (bad == len)
		return 0;
	diag_error(l->d, offset_pos(l, text, bad),
	           "invalid UTF-8: byte 0x%02X cannot appear here; save the "
	           "file as UTF-8",
	           (unsigned char)text[bad]);
	return -1;
}

/* In a map written {status: done, note: Costs fell to 5,000 a year}, the
 * comma ends the note, and "000 a year" becomes a key with no value. An
 * entry with no colon after its key is that mistake (clerk's schema has
 * no use for one), so it is named before the schema calls it an unknown
 * key. */
static int check_flow_entry(struct loader *l, const yaml_event_t *e,
                            const struct value *v)
{
	if (l->depth == 0)
		return 0;
	struct frame *f = &l->stack[l->depth - 1];
	if (!f->flow)
		return 0;
	if (!f->key) {
		f->key_end = mark_offset(l, e->end_mark);
		return 0;
	}
	if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    e->data.scalar.length != 0)
		return 0;
	size_t i = f->key_end;
	while (i < l->len && (l->text[i] == ' ' || l->text[i] == '\t'))
		i++;
	if (i < l->len && l->text[i] == ':')
		return 0;
	(void)v;
	struct buf msg = BUF_INIT;
	buf_printf(&msg,
	           "\"%s\" was read as a field of its own: a comma inside a "
	           "value written in {...} ends the value. Put the value in "
	           "double quotes, or write each field on a line of its own",
	           f->key->text ? f->key->text : "");
	quote_line(l, (size_t)f->key->pos.line - 1, (size_t)f->key->pos.col - 1,
	           &msg);
	diag_add_rule(l->d, DIAG_ERROR, "yaml-flow-comma", f->key->pos, "%s",
	              msg.data);
	buf_free(&msg);
	return -1;
}

static int handle(struct loader *l, const yaml_event_t *e)
{
	struct value *v;
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++l->documents > 1) {
			diag_error(l->d, mark_pos(l, e->start_mark),
			           "expected one YAML document, found a second "
			           "('---')");
			return -1;
		}
		return 0;
	case YAML_SCALAR_EVENT:
		v = scalar(l, e);
		if (!v)
			return -1;
		check_cut_comment(l, e);
		if (check_flow_entry(l, e, v) != 0)
			return -1;
		if (e->data.scalar.anchor) {
			long i = anchor_define(
			        l, v->pos, (const char *)e->data.scalar.anchor,
			        v);
			l->anchors[i].plain =
			        e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		}
		return attach(l, v);
	case YAML_ALIAS_EVENT:
		v = alias(l, e);
		return v ? attach(l, v) : -1;
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(l, e, false);
	case YAML_MAPPING_START_EVENT:
		return open_collection(l, e, true);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(l);
	default:
		return 0;
	}
}

/* "note: &co asked for more time" reads as the text "asked for more
 * time" under an anchor named "co": the start of the note is lost without
 * a word. An anchor on a plain scalar that no alias uses is that slip, or
 * harmless; either way the author should see what the value now reads. */
static void warn_unused_anchors(struct loader *l)
{
	for (size_t i = 0; i < l->nanchors; i++) {
		const struct anchor *an = &l->anchors[i];
		if (an->used || !an->plain || !an->node)
			continue;
		const char *t = an->node->text ? an->node->text : "";
		size_t n = strcspn(t, "\n");
		diag_add_rule(
		        l->d, DIAG_WARNING, "yaml-anchor-unused", an->node->pos,
		        "YAML reads '&%s' at the start of this value as "
		        "an anchor (a name for the value), not as text, "
		        "so the value reads \"%.*s%s\". If '&%s' is part "
		        "of the text, put the whole value in double quotes",
		        an->name, (int)(n > 60 ? 60 : n), t,
		        n > 60 ? "..." : "", an->name);
	}
}

int load_text(struct arena *a, const char *name, const char *text, size_t len,
              struct value **out, struct diags *d)
{
	struct loader l = {.a = a,
	                   .d = d,
	                   .file = arena_strdup(a, name),
	                   .text = text,
	                   .len = len};
	if (len > (size_t)LIMIT_YAML_FILE_BYTES) {
		diag_error(d, (struct pos){l.file, 0, 0},
		           "file is %zu bytes, larger than the limit of %ld "
		           "(LIMIT_YAML_FILE_BYTES)",
		           len, LIMIT_YAML_FILE_BYTES);
		return -1;
	}
	if (check_text(&l, text, len) != 0)
		return -1;

	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		diag_error(d, (struct pos){l.file, 0, 0},
		           "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	int rc = 0;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&parser, &e)) {
			yaml_problem(&l, &parser);
			rc = -1;
			break;
		}
		bool end = e.type == YAML_STREAM_END_EVENT;
		rc = handle(&l, &e);
		yaml_event_delete(&e);
		if (rc != 0 || end)
			break;
	}
	yaml_parser_delete(&parser);
	if (rc == 0)
		warn_unused_anchors(&l);
	for (size_t i = 0; i < l.depth; i++)
		value_keyset_free(&l.stack[i].keys);
	free(l.stack);
	free(l.anchors);
	value_keyset_free(&l.names);
	if (rc != 0)
		return -1;
	*out = l.root ? l.root : value_new_null(a, (struct pos){l.file, 1, 1});
	return 0;
}

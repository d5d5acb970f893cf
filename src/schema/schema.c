/* schema: walks a value tree against the schema table and reports every
 * problem.
 *
 * The walk keeps the path of the node it is at (`report.wards[2]`) in one
 * buffer, appending a segment on the way down and cutting it on the way
 * back. Ids and references are only collected during the walk; they are
 * matched once it is done, because a reference may come before the id it
 * names. Diagnostics are then sorted by position, so they read in the
 * order of the file whatever pass found them. */
#include "schema/schema.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/near.h"
#include "base/buf.h"
#include "base/xalloc.h"
#include "schema/table.h"
#include "vocabulary/vocabulary.h"

struct mark {
	const struct schema_scope *scope;
	const struct value *node; /* scalar whose text is the id */
	char *path;
};

struct schema_check {
	struct diags diags;
	struct buf path;
	struct mark *defs;
	size_t ndefs, capdefs;
	struct mark *refs;
	size_t nrefs, caprefs;
};

bool schema_present(const struct value *v)
{
	return v && v->kind != VALUE_NULL;
}

static void verror(struct schema_check *c, const char *rule, struct pos pos,
                   const char *path, const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT;
	if (path[0])
		buf_printf(&msg, "%s: ", path);
	buf_vprintf(&msg, fmt, ap);
	diag_add_rule(&c->diags, DIAG_ERROR, rule ? rule : "schema", pos, "%s",
	              buf_cstr(&msg));
	buf_free(&msg);
}

/* An error of `rule` about the node at the current path. */
static void error(struct schema_check *c, const char *rule, struct pos pos,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void error(struct schema_check *c, const char *rule, struct pos pos,
                  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(c, rule, pos, buf_cstr(&c->path), fmt, ap);
	va_end(ap);
}

/* Path segments. A key that is not a plain name is quoted, so that
 * `updates["P1.1"]` cannot be misread as two steps. */
static size_t path_key(struct schema_check *c, const char *key, size_t len)
{
	size_t mark = c->path.len;
	bool plain =
	        len > 0 && (isalpha((unsigned char)key[0]) || key[0] == '_');
	for (size_t i = 0; plain && i < len; i++)
		if (!isalnum((unsigned char)key[i]) && key[i] != '_')
			plain = false;
	if (plain) {
		if (c->path.len)
			buf_putc(&c->path, '.');
		buf_put(&c->path, key, len);
	} else {
		buf_puts(&c->path, "[\"");
		buf_put(&c->path, key, len);
		buf_puts(&c->path, "\"]");
	}
	return mark;
}

static size_t path_index(struct schema_check *c, size_t i)
{
	size_t mark = c->path.len;
	buf_printf(&c->path, "[%zu]", i);
	return mark;
}

static void path_cut(struct schema_check *c, size_t mark)
{
	c->path.len = mark;
	if (c->path.data)
		c->path.data[mark] = '\0';
}

void schema_error(struct schema_check *c, const char *rule, struct pos pos,
                  const char *field, const char *fmt, ...)
{
	size_t mark = path_key(c, field, strlen(field));
	va_list ap;
	va_start(ap, fmt);
	verror(c, rule, pos, buf_cstr(&c->path), fmt, ap);
	va_end(ap);
	path_cut(c, mark);
}

/* What was found, for "got ...": strings quoted (first line, shortened),
 * other scalars as written, lists and maps by kind. */
static void describe(struct buf *b, const struct value *v)
{
	if (v->kind == VALUE_LIST || v->kind == VALUE_MAP) {
		buf_puts(b, value_kind_name(v->kind));
		return;
	}
	if (v->kind == VALUE_NULL) {
		buf_puts(b, v->len == 0 ? "nothing" : "null");
		return;
	}
	const char *t = v->text ? v->text : "";
	size_t n = strcspn(t, "\n");
	bool cut = n < v->len;
	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
			n--; /* not inside a UTF-8 sequence */
		cut = true;
	}
	if (v->kind == VALUE_STRING)
		buf_putc(b, '"');
	buf_put(b, t, n);
	if (cut)
		buf_puts(b, "...");
	if (v->kind == VALUE_STRING)
		buf_putc(b, '"');
}

/* What `t` expects, in words: its `expect`, or for a vocabulary with none
 * "a grade (outstanding, good, ...)" from the vocabulary's ids. */
static void expect_of(struct buf *out, const struct schema_node *t)
{
	if (t->expect || !t->vocabulary) {
		buf_puts(out, t->expect ? t->expect : "");
		return;
	}
	enum vocabulary_kind k = (enum vocabulary_kind)(t->vocabulary - 1);
	size_t n;
	const struct vocabulary_entry *e = vocabulary_entries(k, &n);
	buf_printf(out, "a %s (", vocabulary_kind_name(k));
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%s%s", i ? ", " : "", e[i].id);
	buf_putc(out, ')');
}

static void mismatch(struct schema_check *c, const struct schema_node *t,
                     const struct value *v, const char *extra)
{
	struct buf got = BUF_INIT, want = BUF_INIT;
	describe(&got, v);
	expect_of(&want, t);
	const char *rule = t->kind == SCHEMA_DATE || t->kind == SCHEMA_TARGET
	                           ? "bad-date"
	                   : t->kind == SCHEMA_QUARTER ? "bad-quarter"
	                   : t->kind == SCHEMA_ENUM    ? "bad-value"
	                                               : "wrong-type";
	error(c, rule, v->pos, "expected %s, got %s%s", buf_cstr(&want),
	      buf_cstr(&got), extra ? extra : "");
	buf_free(&got);
	buf_free(&want);
}

/* Case folded, with spaces and hyphens counted as underscores, as
 * near_distance compares. */
static int fold(int ch)
{
	ch = tolower((unsigned char)ch);
	return ch == ' ' || ch == '-' ? '_' : ch;
}

/* The candidate nearest to `word`, or NULL when none is near enough to be
 * a likely slip. */
struct nearest {
	const char *best;
	size_t dist;
	const char *word;
	size_t len;
};

static void nearest_try(struct nearest *n, const char *cand)
{
	size_t d = near_distance(n->word, n->len, cand, strlen(cand));
	size_t limit = n->len <= 4 ? 1 : n->len <= 8 ? 2 : 3;
	if (d <= limit && (!n->best || d < n->dist)) {
		n->best = cand;
		n->dist = d;
	}
}

static void add_mark(struct mark **arr, size_t *n, size_t *cap,
                     const struct schema_scope *scope, const struct value *v,
                     const char *path)
{
	*arr = xgrow(*arr, cap, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = (struct mark){scope, v, xstrdup(path)};
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static int digits(const char *s, size_t n)
{
	int x = 0;
	for (size_t i = 0; i < n; i++)
		x = x * 10 + (s[i] - '0');
	return x;
}

const char *schema_month_name(int month)
{
	static const char *const names[12] = {
	        "January",   "February", "March",    "April",
	        "May",       "June",     "July",     "August",
	        "September", "October",  "November", "December"};
	return names[month - 1];
}

/* `iso` in English words, "14 January 2020" or "14 Jan 2020"; a target
 * date written as a month reads "March 2016" ("Mar 2016"), a year "2016";
 * text that is no date stays as it is. */
static void date_in_words(struct buf *out, const char *iso, bool brief)
{
	struct date d;
	enum date_precision p;
	if (!iso || date_parse_target(iso, strlen(iso), &d, &p) != DATE_OK) {
		buf_puts(out, iso ? iso : "");
		return;
	}
	const char *m = schema_month_name(d.month);
	int n = brief ? (d.month == 9 ? 4 : 3) : (int)strlen(m);
	if (p == DATE_YEAR)
		buf_printf(out, "%d", d.year);
	else if (p == DATE_MONTH)
		buf_printf(out, "%.*s %d", n, m, d.year);
	else
		buf_printf(out, "%d %.*s %d", d.day, n, m, d.year);
}

void schema_date_words(struct buf *out, const char *iso)
{
	date_in_words(out, iso, false);
}

void schema_date_short_words(struct buf *out, const char *iso)
{
	date_in_words(out, iso, true);
}

int schema_month_of(const char *s, size_t n)
{
	for (int m = 1; m <= 12; m++) {
		const char *name = schema_month_name(m);
		size_t k = strlen(name);
		if (n == k && strncasecmp(s, name, n) == 0)
			return m;
		if (n >= 3 && n < k && strncasecmp(s, name, n) == 0)
			return m; /* Sep, Sept */
	}
	return 0;
}

bool schema_read_date(const char *text, size_t n, char out[11])
{
	/* A NUL-terminated copy: a date is short. */
	char s[40];
	if (n >= sizeof s || memchr(text, '\0', n))
		return false;
	memcpy(s, text, n);
	s[n] = '\0';
	struct date d;
	if (n >= 10 && date_parse(s, 10, &d) == DATE_OK &&
	    (n == 10 || s[10] == 'T' || s[10] == ' ')) {
		memcpy(out, s, 10);
		out[10] = '\0';
		return true;
	}
	int day = 0, month = 0, year = 0, k = 0;
	const char *p = s;
	while (isdigit((unsigned char)*p) && k < 2)
		day = day * 10 + (*p++ - '0'), k++;
	if (k == 0)
		return false;
	if (*p == '/' || *p == '-' || *p == '.') {
		char sep = *p++;
		k = 0;
		while (isdigit((unsigned char)*p) && k < 2)
			month = month * 10 + (*p++ - '0'), k++;
		if (k == 0 || *p++ != sep)
			return false;
	} else {
		if (strncasecmp(p, "st", 2) == 0 ||
		    strncasecmp(p, "nd", 2) == 0 ||
		    strncasecmp(p, "rd", 2) == 0 ||
		    strncasecmp(p, "th", 2) == 0)
			p += 2;
		if (*p != ' ')
			return false;
		while (*p == ' ')
			p++;
		const char *m = p;
		while (isalpha((unsigned char)*p))
			p++;
		month = schema_month_of(m, (size_t)(p - m));
		if (*p == '.')
			p++;
		if (!month || *p != ' ')
			return false;
		while (*p == ' ')
			p++;
	}
	k = 0;
	while (isdigit((unsigned char)*p) && k < 4)
		year = year * 10 + (*p++ - '0'), k++;
	if (*p || (k != 2 && k != 4))
		return false;
	if (k == 2)
		year += 2000;
	char iso[16];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
	if (date_parse(iso, 10, NULL) != DATE_OK)
		return false;
	memcpy(out, iso, 11);
	return true;
}

static void check_date(struct schema_check *c, const struct schema_node *t,
                       const struct value *v)
{
	const char *s = v->text;
	struct date d;
	int rc = t->kind == SCHEMA_TARGET
	                 ? date_parse_target(s, v->len, &d, NULL)
	                 : date_parse(s, v->len, &d);
	char guess[11];
	if (rc == DATE_NOT_ISO && s && schema_read_date(s, v->len, guess)) {
		char extra[64];
		snprintf(extra, sizeof extra, "; did you mean %s?", guess);
		mismatch(c, t, v, extra);
	} else if (rc == DATE_NOT_ISO)
		mismatch(c, t, v, NULL);
	else if (rc == DATE_BAD_YEAR)
		error(c, "bad-date", v->pos,
		      "expected a date between %d and %d, got \"%s\"",
		      SCHEMA_FIRST_YEAR, SCHEMA_LAST_YEAR, s);
	else if (rc == DATE_BAD_MONTH)
		error(c, "bad-date", v->pos,
		      "expected a real date, got \"%s\" (there is no "
		      "month %d)",
		      s, d.month);
	else if (rc == DATE_BAD_DAY)
		error(c, "bad-date", v->pos,
		      "expected a real date, got \"%s\" (%s %d has %d days)", s,
		      schema_month_name(d.month), d.year,
		      date_month_days(d.year, d.month));
}

/* `2019-20 Q3`: a financial year (April to March) and a quarter of it. */
static void check_quarter(struct schema_check *c, const struct schema_node *t,
                          const struct value *v)
{
	const char *s = v->text;
	if (v->len != 10 || s[4] != '-' || s[7] != ' ' || s[8] != 'Q' ||
	    !is_digits(s, 4) || !is_digits(s + 5, 2) || s[9] < '1' ||
	    s[9] > '4') {
		mismatch(c, t, v, NULL);
		return;
	}
	int y = digits(s, 4), y2 = digits(s + 5, 2);
	if (y < SCHEMA_FIRST_YEAR || y >= SCHEMA_LAST_YEAR)
		error(c, "bad-quarter", v->pos,
		      "expected a quarter of a financial year between %d and "
		      "%d, got \"%s\"",
		      SCHEMA_FIRST_YEAR, SCHEMA_LAST_YEAR, s);
	else if ((y + 1) % 100 != y2)
		error(c, "bad-quarter", v->pos,
		      "expected a quarter of a financial year, got \"%s\" "
		      "(the year after %d is %02d, not %02d)",
		      s, y, (y + 1) % 100, y2);
}

static bool is_name(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return false;
	return true;
}

/* Links end up in HTML and PDF: only schemes a reader can safely follow
 * pass. An address without a scheme (www.example.gov.uk) is allowed. */
static bool is_url(const char *s, size_t n)
{
	if (n == 0 || strcspn(s, " \t\n") < n)
		return false;
	size_t i = 0;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '+' ||
	                 s[i] == '-' || s[i] == '.'))
		i++;
	if (i == n || s[i] != ':' || i == 0 || !isalpha((unsigned char)s[0]))
		return true; /* no scheme */
	return (i == 4 && strncasecmp(s, "http", 4) == 0) ||
	       (i == 5 && strncasecmp(s, "https", 5) == 0) ||
	       (i == 6 && strncasecmp(s, "mailto", 6) == 0);
}

static bool is_email(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	if (!at || at == s || at == s + n - 1 || strcspn(s, " \t\n<>") < n)
		return false;
	return memchr(at + 1, '@', (size_t)(s + n - at - 1)) == NULL &&
	       memchr(at + 1, '.', (size_t)(s + n - at - 1)) != NULL;
}

static void check_enum(struct schema_check *c, const struct schema_node *t,
                       const struct value *v)
{
	struct nearest n = {NULL, 0, v->text, v->len};
	if (t->vocabulary) {
		enum vocabulary_kind k =
		        (enum vocabulary_kind)(t->vocabulary - 1);
		if (vocabulary_find(k, v->text))
			return;
		size_t ne;
		const struct vocabulary_entry *e = vocabulary_entries(k, &ne);
		for (size_t i = 0; i < ne; i++)
			nearest_try(&n, e[i].id);
	} else {
		for (const char *const *a = t->allowed; *a; a++)
			if (strcmp(*a, v->text) == 0)
				return;
		for (const char *const *a = t->allowed; *a; a++)
			nearest_try(&n, *a);
	}
	struct buf extra = BUF_INIT;
	if (n.best)
		buf_printf(&extra, "; did you mean '%s'?", n.best);
	mismatch(c, t, v, n.best ? buf_cstr(&extra) : NULL);
	buf_free(&extra);
}

static void check_node(struct schema_check *c, const struct schema_node *t,
                       const struct value *v);

/* Whether a required text field holds only blanks: `title: ""` gives a
 * heading with no words. */
static bool blank_text(const struct schema_field *f, const struct value *v)
{
	if ((f->type->kind != SCHEMA_STRING && f->type->kind != SCHEMA_TEXT) ||
	    v->kind != VALUE_STRING)
		return false;
	for (size_t i = 0; i < v->len; i++)
		if (!strchr(" \t\r\n", v->text[i]))
			return false;
	return true;
}

static void check_map(struct schema_check *c, const struct schema_node *t,
                      const struct value *v)
{
	size_t before = c->diags.errors;
	for (size_t i = 0; i < v->as.map.len; i++) {
		const struct value_pair *p = &v->as.map.items[i];
		const struct schema_field *f = t->fields;
		while (f->name && strcmp(f->name, p->key->text) != 0)
			f++;
		size_t mark = path_key(c, p->key->text, p->key->len);
		if (!f->name) {
			struct nearest n = {NULL, 0, p->key->text, p->key->len};
			for (f = t->fields; f->name; f++)
				nearest_try(&n, f->name);
			if (n.best) {
				error(c, "unknown-key", p->key->pos,
				      "unknown key; did you mean '%s'?",
				      n.best);
			} else {
				struct buf keys = BUF_INIT;
				for (f = t->fields; f->name; f++)
					buf_printf(&keys, "%s%s",
					           f == t->fields ? "" : ", ",
					           f->name);
				error(c, "unknown-key", p->key->pos,
				      "unknown key; the keys of %s are %s",
				      t->called ? t->called : t->name,
				      buf_cstr(&keys));
				buf_free(&keys);
			}
		} else if ((f->flags & SCHEMA_REQUIRED) &&
		           blank_text(f, p->value)) {
			error(c, "empty-required", p->value->pos,
			      "is empty, but the paper needs it: write the %s "
			      "here",
			      f->name);
		} else if (schema_present(p->value) ||
		           (f->flags & SCHEMA_REQUIRED)) {
			check_node(c, f->type, p->value);
		}
		path_cut(c, mark);
	}
	for (const struct schema_field *f = t->fields; f->name; f++)
		if ((f->flags & SCHEMA_REQUIRED) &&
		    value_map_index(v, f->name, strlen(f->name)) < 0) {
			struct buf want = BUF_INIT;
			expect_of(&want, f->type);
			error(c, "missing-key", v->pos,
			      "missing required key '%s': expected %s", f->name,
			      buf_cstr(&want));
			buf_free(&want);
		}
	if (t->rule && c->diags.errors == before)
		t->rule(c, v);
}

static void check_node(struct schema_check *c, const struct schema_node *t,
                       const struct value *v)
{
	if (v->tag && t->kind != SCHEMA_ANY) {
		if (value_is_scalar(v))
			error(c, "unexpected-tag", v->pos,
			      "YAML reads '%s' at the start of this value as a "
			      "tag (a type for the value), not as text; put "
			      "the "
			      "whole value in double quotes",
			      v->tag);
		else
			error(c, "unexpected-tag", v->pos, "unexpected tag %s",
			      v->tag);
		return;
	}
	if (t->or_map && v->kind == VALUE_MAP) {
		check_node(c, t->or_map, v);
		return;
	}
	bool scalar = value_is_scalar(v) && v->kind != VALUE_NULL;
	switch (t->kind) {
	case SCHEMA_ANY:
		return;
	case SCHEMA_STRING:
	case SCHEMA_TEXT:
		if (!scalar)
			mismatch(c, t, v, NULL);
		break;
	case SCHEMA_BOOL:
		if (v->kind != VALUE_BOOL)
			mismatch(c, t, v, NULL);
		return;
	case SCHEMA_INT:
		if (v->kind != VALUE_INT || v->as.i < t->min ||
		    v->as.i > t->max)
			mismatch(c, t, v, NULL);
		return;
	case SCHEMA_NUMBER:
		if (v->kind != VALUE_INT && v->kind != VALUE_NUMBER)
			mismatch(c, t, v, NULL);
		return;
	case SCHEMA_DATE:
		if (v->kind != VALUE_STRING)
			mismatch(c, t, v, NULL);
		else
			check_date(c, t, v);
		return;
	case SCHEMA_TARGET:
		/* `due: 2016` is read as an integer; its text is the year */
		if (!scalar || !v->text)
			mismatch(c, t, v, NULL);
		else
			check_date(c, t, v);
		return;
	case SCHEMA_QUARTER:
		if (v->kind != VALUE_STRING) {
			mismatch(c, t, v, NULL);
			return;
		}
		size_t errors = c->diags.errors;
		check_quarter(c, t, v);
		if (c->diags.errors != errors)
			return;
		break;
	case SCHEMA_NAME:
		if (!scalar || !is_name(v->text, v->len)) {
			mismatch(c, t, v, NULL);
			return;
		}
		break;
	case SCHEMA_URL:
		if (!scalar || !is_url(v->text, v->len))
			mismatch(c, t, v, NULL);
		return;
	case SCHEMA_EMAIL:
		if (!scalar || !is_email(v->text, v->len))
			mismatch(c, t, v, NULL);
		return;
	case SCHEMA_ENUM:
		if (!scalar)
			mismatch(c, t, v, NULL);
		else
			check_enum(c, t, v);
		return;
	case SCHEMA_LIST:
		if (v->kind != VALUE_LIST) {
			mismatch(c, t, v, NULL);
			return;
		}
		for (size_t i = 0; i < v->as.list.len; i++) {
			size_t mark = path_index(c, i);
			check_node(c, t->elem, v->as.list.items[i]);
			path_cut(c, mark);
		}
		return;
	case SCHEMA_MAP:
		if (v->kind != VALUE_MAP)
			mismatch(c, t, v, NULL);
		else
			check_map(c, t, v);
		return;
	case SCHEMA_DICT:
		if (v->kind != VALUE_MAP) {
			mismatch(c, t, v, NULL);
			return;
		}
		for (size_t i = 0; i < v->as.map.len; i++) {
			const struct value_pair *p = &v->as.map.items[i];
			size_t mark = path_key(c, p->key->text, p->key->len);
			if (t->key)
				check_node(c, t->key, p->key);
			if (t->key_refers)
				add_mark(&c->refs, &c->nrefs, &c->caprefs,
				         t->key_refers, p->key,
				         buf_cstr(&c->path));
			check_node(c, t->elem, p->value);
			path_cut(c, mark);
		}
		return;
	}
	/* A valid scalar: note the id it defines or names. */
	if (t->defines)
		add_mark(&c->defs, &c->ndefs, &c->capdefs, t->defines, v,
		         buf_cstr(&c->path));
	if (t->refers)
		add_mark(&c->refs, &c->nrefs, &c->caprefs, t->refers, v,
		         buf_cstr(&c->path));
}

/* An error about an id or reference, at the path it was found. */
static void error_at(struct schema_check *c, const char *rule,
                     const struct mark *m, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static void error_at(struct schema_check *c, const char *rule,
                     const struct mark *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(c, rule, m->node->pos, m->path, fmt, ap);
	va_end(ap);
}

/* Marks in order of scope and then text, compared exactly or folded (case,
 * spaces and hyphens ignored); ties keep the order of the file, so the
 * first of equal ids comes first. Sorting keeps the matching of ids and
 * references at n log n however many there are. */
static int compare_text(const struct mark *a, const struct mark *b, bool folded)
{
	uintptr_t sa = (uintptr_t)a->scope, sb = (uintptr_t)b->scope;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	const char *x = a->node->text, *y = b->node->text;
	size_t nx = a->node->len, ny = b->node->len;
	for (size_t i = 0; i < nx && i < ny; i++) {
		int cx = folded ? fold(x[i]) : (unsigned char)x[i];
		int cy = folded ? fold(y[i]) : (unsigned char)y[i];
		if (cx != cy)
			return cx < cy ? -1 : 1;
	}
	return nx < ny ? -1 : nx > ny;
}

static int compare_exact(const void *x, const void *y)
{
	const struct mark *a = *(const struct mark *const *)x;
	const struct mark *b = *(const struct mark *const *)y;
	int r = compare_text(a, b, false);
	return r ? r : a < b ? -1 : a > b;
}

static int compare_folded(const void *x, const void *y)
{
	const struct mark *a = *(const struct mark *const *)x;
	const struct mark *b = *(const struct mark *const *)y;
	int r = compare_text(a, b, true);
	return r ? r : a < b ? -1 : a > b;
}

static int search_exact(const void *key, const void *elem)
{
	return compare_text(key, *(const struct mark *const *)elem, false);
}

static int search_folded(const void *key, const void *elem)
{
	return compare_text(key, *(const struct mark *const *)elem, true);
}

static bool is_digit_char(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Whether `a` and `b` differ by one slip of the keyboard that touches
 * something other than a digit: one character wrong, missing or extra,
 * or two neighbours swapped, ignoring case ("P4.6" for "P46", "P4,6",
 * "P4.6." or "P.46"). The numbers are what tell ids apart, so a
 * different number ("P4.7", "P4.16") is taken for another id, not a
 * slip. */
static bool one_slip(const char *a, size_t la, const char *b, size_t lb)
{
	if (la > lb)
		return one_slip(b, lb, a, la);
	if (lb - la > 1)
		return false;
	size_t i = 0;
	while (i < la && fold(a[i]) == fold(b[i]))
		i++;
	if (la == lb) {
		if (i == la)
			return false; /* the same */
		bool digits;
		if (i + 1 < la && fold(a[i]) == fold(b[i + 1]) &&
		    fold(a[i + 1]) == fold(b[i])) {
			digits = is_digit_char(a[i]) && is_digit_char(a[i + 1]);
			i += 2; /* swapped neighbours */
		} else {
			digits = is_digit_char(a[i]) && is_digit_char(b[i]);
			i++; /* one wrong */
		}
		for (; i < la; i++)
			if (fold(a[i]) != fold(b[i]))
				return false;
		return !digits;
	}
	if (is_digit_char(b[i])) /* one extra in b, at i */
		return false;
	for (; i < la; i++)
		if (fold(a[i]) != fold(b[i + 1]))
			return false;
	return true;
}

/* Says why reference `m` names nothing: a suggestion when an id differs
 * only in case or spacing, or when exactly one id of its kind is one slip
 * away (ids are short and alike, so where two are, neither is a likely
 * guess); else the ids there are when they are few. */
static void unknown_ref(struct schema_check *c, const struct mark *m,
                        const struct mark **exact, const struct mark **folded)
{
	const struct mark **same =
	        bsearch(m, folded, c->ndefs, sizeof *folded, search_folded);
	if (same) {
		error_at(c, "unknown-id", m,
		         "unknown %s \"%s\"; did you mean '%s'?",
		         m->scope->what, m->node->text, (*same)->node->text);
		return;
	}
	size_t lo = 0, hi = c->ndefs;
	while (lo < hi) { /* the first id of the scope */
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)exact[mid]->scope < (uintptr_t)m->scope)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t all = 0;
	const struct mark *near = NULL;
	size_t nnear = 0;
	for (; lo + all < c->ndefs && exact[lo + all]->scope == m->scope;
	     all++) {
		const struct value *id = exact[lo + all]->node;
		if (one_slip(m->node->text, m->node->len, id->text, id->len) &&
		    (!near || near->node->len != id->len ||
		     memcmp(near->node->text, id->text, id->len) != 0)) {
			near = exact[lo + all];
			nnear++;
		}
	}
	size_t count = all;
	if (nnear == 1) {
		error_at(c, "unknown-id", m,
		         "unknown %s \"%s\"; did you mean '%s'?",
		         m->scope->what, m->node->text, near->node->text);
	} else if (count == 0) {
		error_at(c, "unknown-id", m,
		         "unknown %s \"%s\" (none is defined)", m->scope->what,
		         m->node->text);
	} else if (count <= 8) {
		struct buf known = BUF_INIT;
		for (size_t i = lo; i < lo + count; i++)
			buf_printf(&known, "%s%s", i > lo ? ", " : "",
			           exact[i]->node->text);
		error_at(c, "unknown-id", m, "unknown %s \"%s\" (known: %s)",
		         m->scope->what, m->node->text, buf_cstr(&known));
		buf_free(&known);
	} else {
		error_at(c, "unknown-id", m, "unknown %s \"%s\"",
		         m->scope->what, m->node->text);
	}
}

static void check_ids(struct schema_check *c)
{
	const struct mark **exact = xmalloc((c->ndefs + 1) * sizeof *exact);
	const struct mark **folded = xmalloc((c->ndefs + 1) * sizeof *folded);
	for (size_t i = 0; i < c->ndefs; i++)
		exact[i] = folded[i] = &c->defs[i];
	qsort(exact, c->ndefs, sizeof *exact, compare_exact);
	qsort(folded, c->ndefs, sizeof *folded, compare_folded);
	for (size_t i = 0, first = 0; i < c->ndefs; i++) {
		if (i == 0 ||
		    compare_text(exact[first], exact[i], false) != 0) {
			first = i;
			continue;
		}
		const struct pos p = exact[first]->node->pos;
		error_at(c, "duplicate-id", exact[i],
		         "duplicate %s \"%s\" (first used at %s:%d:%d)",
		         exact[i]->scope->what, exact[i]->node->text, p.file,
		         p.line, p.col);
	}
	for (size_t i = 0; i < c->nrefs; i++)
		if (!bsearch(&c->refs[i], exact, c->ndefs, sizeof *exact,
		             search_exact))
			unknown_ref(c, &c->refs[i], exact, folded);
	free(exact);
	free(folded);
}

/* Diagnostics in file order: by the order files first appear, then line
 * and column; ties keep the order they were found in. */
struct ranked {
	struct diag dg;
	size_t file_rank, seq;
};

static int compare_ranked(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->file_rank != b->file_rank)
		return a->file_rank < b->file_rank ? -1 : 1;
	if (a->dg.line != b->dg.line)
		return a->dg.line < b->dg.line ? -1 : 1;
	if (a->dg.col != b->dg.col)
		return a->dg.col < b->dg.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void sort_diags(struct diags *d)
{
	if (d->len < 2)
		return;
	/* A report spans a handful of files (its extends chain), so the
	 * list of files seen stays short. */
	const char **files = NULL;
	size_t nfiles = 0, cap = 0;
	struct ranked *r = xmalloc(d->len * sizeof *r);
	for (size_t i = 0; i < d->len; i++) {
		size_t rank = 0;
		while (rank < nfiles && strcmp(files[rank], d->items[i].file))
			rank++;
		if (rank == nfiles) {
			files = xgrow(files, &cap, nfiles + 1, sizeof *files);
			files[nfiles++] = d->items[i].file;
		}
		r[i] = (struct ranked){d->items[i], rank, i};
	}
	qsort(r, d->len, sizeof *r, compare_ranked);
	for (size_t i = 0; i < d->len; i++)
		d->items[i] = r[i].dg;
	free(r);
	free(files);
}

int schema_check_report(const struct value *report, struct diags *d)
{
	struct schema_check c = {DIAGS_INIT, BUF_INIT, NULL, 0, 0, NULL, 0, 0};
	check_node(&c, &schema_report_file, report);
	check_ids(&c);
	sort_diags(&c.diags);
	size_t errors = c.diags.errors;
	diags_move(d, &c.diags);
	for (size_t i = 0; i < c.ndefs; i++)
		free(c.defs[i].path);
	for (size_t i = 0; i < c.nrefs; i++)
		free(c.refs[i].path);
	free(c.defs);
	free(c.refs);
	buf_free(&c.path);
	return errors ? -1 : 0;
}

static void type_name(struct buf *out, const struct schema_node *t)
{
	if (t->kind == SCHEMA_LIST) {
		buf_puts(out, "list of ");
		type_name(out, t->elem);
	} else if (t->kind == SCHEMA_DICT && t->key) {
		buf_printf(out, "map from %s to ", t->key->name);
		type_name(out, t->elem);
	} else if (t->kind == SCHEMA_DICT) {
		buf_puts(out, "map of ");
		type_name(out, t->elem);
	} else {
		buf_puts(out, t->name);
		if (t->or_map)
			buf_printf(out, " or %s", t->or_map->name);
	}
}

/* Each kind of map once, in the order a reader meets them. */
static void describe_map(struct buf *out, const struct schema_node *t,
                         const struct schema_node ***seen, size_t *n,
                         size_t *cap)
{
	while (t->kind == SCHEMA_LIST || t->kind == SCHEMA_DICT)
		t = t->elem;
	if (t->or_map)
		t = t->or_map;
	if (t->kind != SCHEMA_MAP)
		return;
	for (size_t i = 0; i < *n; i++)
		if ((*seen)[i] == t)
			return;
	*seen = xgrow(*seen, cap, *n + 1, sizeof **seen);
	(*seen)[(*n)++] = t;
	buf_printf(out, "## %s\n", t->name);
	for (const struct schema_field *f = t->fields; f->name; f++) {
		buf_printf(out, "%s\t", f->name);
		type_name(out, f->type);
		buf_printf(out, "\t%s\t%s\n",
		           f->flags & SCHEMA_REQUIRED ? "yes" : "no", f->doc);
	}
	for (const struct schema_field *f = t->fields; f->name; f++)
		describe_map(out, f->type, seen, n, cap);
}

void schema_describe(struct buf *out)
{
	const struct schema_node **seen = NULL;
	size_t n = 0, cap = 0;
	describe_map(out, &schema_report_file, &seen, &n, &cap);
	free(seen);
}

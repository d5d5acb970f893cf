/* extends: load_file, and the `extends:` chain of a report.
 *
 * A file whose top-level map has `extends: OTHER.yaml` is merged over OTHER
 * (named relative to the file), which may itself extend another. The chain
 * is walked with its canonical paths on a stack, which catches cycles, and
 * every file must lie inside the content root. Merging makes new
 * collections and shares the scalar nodes of both trees, so every value
 * keeps the position of the file that gave it. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/xalloc.h"
#include "load/load.h"
#include "value/keyset.h"

struct chain {
	struct arena *a;
	struct diags *d;
	const struct load_options *opt;
	char *root; /* canonical */
	char *stack[LIMIT_EXTENDS_DEPTH + 1];
	int depth;
};

/* True when `v` is a list whose items are all maps with a scalar `id`. */
static bool list_of_ided_maps(const struct value *v)
{
	if (v->kind != VALUE_LIST || v->as.list.len == 0)
		return false;
	for (size_t i = 0; i < v->as.list.len; i++) {
		const struct value *id =
		        value_map_get(v->as.list.items[i], "id");
		if (!id || !value_is_scalar(id) || id->kind == VALUE_NULL)
			return false;
	}
	return true;
}

static struct value *merge(struct arena *a, struct value *base,
                           struct value *over);

static struct value *merge_maps(struct arena *a, struct value *base,
                                struct value *over)
{
	struct value_keyset keys = VALUE_KEYSET_INIT;
	for (size_t i = 0; i < over->as.map.len; i++)
		value_keyset_add(&keys, over->as.map.items[i].key, (long)i);
	struct value *out = value_new_map(a, over->pos);
	out->tag = over->tag;
	for (size_t i = 0; i < base->as.map.len; i++) {
		struct value_pair *p = &base->as.map.items[i];
		long j = value_keyset_find(&keys, p->key->text, p->key->len);
		struct value *v =
		        j < 0 ? p->value
		              : merge(a, p->value, over->as.map.items[j].value);
		value_map_append(a, out,
		                 j < 0 ? p->key : over->as.map.items[j].key, v);
	}
	value_keyset_free(&keys);
	for (size_t i = 0; i < base->as.map.len; i++)
		value_keyset_add(&keys, base->as.map.items[i].key, (long)i);
	for (size_t i = 0; i < over->as.map.len; i++) {
		struct value_pair *p = &over->as.map.items[i];
		if (value_keyset_find(&keys, p->key->text, p->key->len) < 0)
			value_map_append(a, out, p->key, p->value);
	}
	value_keyset_free(&keys);
	return out;
}

/* Items of `base` in order, each merged with the item of `over` with the
 * same id; then the items of `over` with new ids, in order. */
static struct value *merge_by_id(struct arena *a, struct value *base,
                                 struct value *over)
{
	struct value_keyset ids = VALUE_KEYSET_INIT;
	for (size_t i = 0; i < over->as.list.len; i++)
		value_keyset_add(&ids,
		                 value_map_get(over->as.list.items[i], "id"),
		                 (long)i);
	struct value *out = value_new_list(a, over->pos);
	for (size_t i = 0; i < base->as.list.len; i++) {
		struct value *item = base->as.list.items[i];
		const struct value *id = value_map_get(item, "id");
		long j = value_keyset_find(&ids, id->text, id->len);
		value_list_push(a, out,
		                j < 0 ? item
		                      : merge(a, item, over->as.list.items[j]));
	}
	value_keyset_free(&ids);
	for (size_t i = 0; i < base->as.list.len; i++)
		value_keyset_add(&ids,
		                 value_map_get(base->as.list.items[i], "id"),
		                 (long)i);
	for (size_t i = 0; i < over->as.list.len; i++) {
		struct value *item = over->as.list.items[i];
		const struct value *id = value_map_get(item, "id");
		if (value_keyset_find(&ids, id->text, id->len) < 0)
			value_list_push(a, out, item);
	}
	value_keyset_free(&ids);
	return out;
}

static struct value *merge(struct arena *a, struct value *base,
                           struct value *over)
{
	if (base->kind == VALUE_MAP && over->kind == VALUE_MAP)
		return merge_maps(a, base, over);
	if (list_of_ided_maps(base) && list_of_ided_maps(over))
		return merge_by_id(a, base, over);
	return over;
}

struct value *load_merge(struct arena *a, struct value *base,
                         struct value *over)
{
	return merge(a, base, over);
}

/* Loads `path` and the chain it extends. `from` is the position of the
 * `extends:` value that named the file as `name` (from.file is NULL for
 * the first file). */
static int load_chain(struct chain *c, const char *path, struct pos from,
                      const char *name, struct value **out)
{
	char real[PATH_MAX];
	if (!realpath(path, real)) {
		if (from.file)
			diag_error(c->d, from, "extends: cannot open '%s': %s",
			           name, strerror(errno));
		else
			diag_error(c->d, (struct pos){path, 0, 0},
			           "cannot open: %s", strerror(errno));
		return -1;
	}
	if (from.file && !fs_is_within(c->root, real)) {
		diag_error(c->d, from,
		           "extends: '%s' is outside the content folder %s",
		           name, c->root);
		return -1;
	}
	for (int i = 0; i < c->depth; i++) {
		if (strcmp(c->stack[i], real) == 0) {
			diag_error(c->d, from,
			           "extends: '%s' is already being loaded "
			           "(a cycle of extends)",
			           name);
			return -1;
		}
	}
	if (c->depth == LIMIT_EXTENDS_DEPTH) {
		diag_error(c->d, from,
		           "extends: more than %d files in the chain "
		           "(LIMIT_EXTENDS_DEPTH)",
		           LIMIT_EXTENDS_DEPTH);
		return -1;
	}

	char *text = NULL;
	size_t len = 0;
	/* A file that extends: names is reported at the extends: value. */
	struct buf subject = BUF_INIT;
	if (from.file)
		buf_printf(&subject, "extends: '%s'", name);
	int read =
	        fs_read_noted(c->opt ? c->opt->rec : NULL, path, from,
	                      from.file ? subject.data : NULL,
	                      (size_t)LIMIT_YAML_FILE_BYTES, &text, &len, c->d);
	buf_free(&subject);
	if (read != 0)
		return -1;
	struct value *tree = NULL;
	int rc = load_text(c->a, path, text, len, &tree, c->d);
	free(text);
	if (rc != 0)
		return -1;

	struct load_chain *rec = c->opt ? c->opt->chain : NULL;
	if (rec && rec->n < sizeof rec->files / sizeof *rec->files) {
		rec->files[rec->n] = tree;
		rec->extends_at[rec->n] = (struct pos){0};
		rec->n++;
	}
	struct value *ext = value_map_get(tree, "extends");
	if (!(c->opt && c->opt->extends) || !ext || ext->kind == VALUE_NULL) {
		*out = tree;
		return 0;
	}
	if (ext->kind != VALUE_STRING || ext->len == 0) {
		diag_error(c->d, ext->pos,
		           "extends: expected a file name, got %s",
		           value_kind_name(ext->kind));
		return -1;
	}
	if (rec && rec->n > 0)
		rec->extends_at[rec->n - 1] = ext->pos;
	c->stack[c->depth++] = xstrdup(real);
	char *dir = fs_dirname(path);
	char *next = fs_join(dir, ext->text);
	struct value *base = NULL;
	rc = load_chain(c, next, ext->pos, ext->text, &base);
	free(next);
	free(dir);
	free(c->stack[--c->depth]);
	if (rc != 0)
		return -1;
	*out = merge(c->a, base, tree);
	return 0;
}

int load_file(struct arena *a, const char *path, const struct load_options *opt,
              struct value **out, struct diags *d)
{
	struct chain c = {.a = a, .d = d, .opt = opt};
	char *dir = fs_dirname(path);
	const char *root = opt && opt->root ? opt->root : dir;
	char real[PATH_MAX];
	if (!realpath(root, real)) {
		diag_error(d, (struct pos){root, 0, 0},
		           "cannot open the content folder: %s",
		           strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	c.root = real;
	if (opt && opt->chain)
		opt->chain->n = 0;
	return load_chain(&c, path, (struct pos){0}, path, out);
}

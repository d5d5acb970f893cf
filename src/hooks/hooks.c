/* hooks: finding a report's hooks, running them in order, their lambdas. */
#include "hooks/hooks.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "base/date.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/xalloc.h"
#include "hooks/sandbox.h"
#include "vocabulary/vocabulary.h"

static const char LAMBDAS_KEY = 'l';

struct lambda {
	char *name;
	struct sandbox *sb;
};

struct hooks {
	struct sandbox **sb;
	size_t len, cap;
	struct lambda *lambdas;
	size_t nlambdas, caplambdas;
	long nodes_left;                     /* LIMIT_HOOK_DATA_NODES */
	struct sandbox_budget lambda_budget; /* all lambda calls together */
};

struct hooks *hooks_new(void)
{
	struct hooks *h = xcalloc(1, sizeof(struct hooks));
	h->nodes_left = LIMIT_HOOK_DATA_NODES;
	h->lambda_budget.instructions = LIMIT_LAMBDA_INSTRUCTIONS;
	h->lambda_budget.ms = LIMIT_LAMBDA_MILLISECONDS;
	h->lambda_budget.usec = LIMIT_LAMBDA_MILLISECONDS * 1000LL;
	h->lambda_budget.shared = true;
	return h;
}

void hooks_free(struct hooks *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->len; i++)
		sandbox_free(h->sb[i]);
	for (size_t i = 0; i < h->nlambdas; i++)
		free(h->lambdas[i].name);
	free(h->sb);
	free(h->lambdas);
	free(h);
}

/* Lookup */

static bool name_ok(const char *name)
{
	if (name[0] == '\0' || name[0] == '/')
		return false;
	const char *part = name;
	for (const char *p = name;; p++) {
		if (*p == '/' || *p == '\0') {
			size_t len = (size_t)(p - part);
			if (len == 0 || (len == 1 && part[0] == '.') ||
			    (len == 2 && part[0] == '.' && part[1] == '.'))
				return false;
			if (*p == '\0')
				return true;
			part = p + 1;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		      *p == '.'))
			return false;
	}
}

/* The file `name` in `dir`, when it exists there and stays there once
 * links are resolved; *escapes is set when it exists but leads outside. */
static char *find_in(struct fs_recorder *rec, const char *dir, const char *name,
                     bool *escapes)
{
	if (!dir)
		return NULL;
	char *path = fs_join(dir, name);
	char real_dir[PATH_MAX], real_path[PATH_MAX];
	if (fs_exists_noted(rec, path) && realpath(dir, real_dir) &&
	    realpath(path, real_path)) {
		if (fs_is_within(real_dir, real_path))
			return path;
		*escapes = true;
	}
	free(path);
	return NULL;
}

static char *resolve(struct fs_recorder *rec, const char *name, const char *dir,
                     const char *scripts_dir, struct pos pos, struct diags *d)
{
	if (!name_ok(name)) {
		diag_error(d, pos,
		           "hook name '%s' is not allowed: give a relative "
		           "path of plain names, without '..'",
		           name);
		return NULL;
	}
	/* `plan` and `plan.lua` name the same hook. */
	size_t n = strlen(name);
	struct buf file = BUF_INIT;
	buf_puts(&file, name);
	if (n < 4 || strcmp(name + n - 4, ".lua") != 0)
		buf_puts(&file, ".lua");
	bool escapes = false;
	char *path = find_in(rec, dir, buf_cstr(&file), &escapes);
	if (!path)
		path = find_in(rec, scripts_dir, buf_cstr(&file), &escapes);
	buf_free(&file);
	if (path)
		return path;
	if (escapes)
		diag_error(d, pos, "hook '%s' leads outside its folder", name);
	else if (dir)
		diag_error(d, pos, "hook '%s' not found in %s or %s", name, dir,
		           scripts_dir);
	else
		diag_error(d, pos, "hook '%s' not found in %s", name,
		           scripts_dir);
	return NULL;
}

/* Running one hook */

struct run_args {
	const struct value *report;
	const struct value *computed;
	const struct value *vocabulary;
	const struct value *words;
};

static bool ident_ok(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* In protected mode: (env, chunk, args) -> the data table. Sets the
 * globals, runs the chunk, checks its result and moves `lambdas` into the
 * registry. */
static int run_chunk(lua_State *L)
{
	const struct run_args *args = lua_touserdata(L, 3);
	bridge_push(L, args->report);
	lua_pushvalue(L, -1);
	lua_setfield(L, 1, "report");
	bridge_push(L, args->computed);
	lua_setfield(L, 1, "computed");
	lua_getfield(L, 1, "clerk");
	bridge_push(L, args->vocabulary);
	lua_setfield(L, -2, "vocabulary");
	bridge_push(L, args->words);
	lua_setfield(L, -2, "words");
	lua_getfield(L, -1, "as_of");
	lua_setfield(L, 1, "as_of");
	lua_pop(L, 1);
	lua_pushvalue(L, 2);
	lua_insert(L, -2);
	lua_call(L, 1, 1);
	if (!lua_istable(L, -1))
		return luaL_error(L, "a hook must return a table, not %s",
		                  luaL_typename(L, -1));
	lua_newtable(L);
	if (lua_getfield(L, -2, "lambdas") != LUA_TNIL) {
		if (!lua_istable(L, -1))
			return luaL_error(L,
			                  "lambdas must be a table of "
			                  "functions, not %s",
			                  luaL_typename(L, -1));
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			if (lua_type(L, -2) != LUA_TSTRING ||
			    !ident_ok(lua_tostring(L, -2)))
				return luaL_error(L, "lambda names must be "
				                     "identifiers");
			if (!lua_isfunction(L, -1))
				return luaL_error(L,
				                  "lambdas.%s must be a "
				                  "function, not %s",
				                  lua_tostring(L, -2),
				                  luaL_typename(L, -1));
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, -5);
		}
		lua_pushnil(L);
		lua_setfield(L, -4, "lambdas");
	}
	lua_pop(L, 1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &LAMBDAS_KEY);
	return 1;
}

static struct lambda *find_lambda(const struct hooks *h, const char *name)
{
	for (size_t i = 0; i < h->nlambdas; i++)
		if (strcmp(h->lambdas[i].name, name) == 0)
			return &h->lambdas[i];
	return NULL;
}

static int lambda_cmp(const void *x, const void *y)
{
	const struct lambda *p = x, *q = y;
	return strcmp(p->name, q->name);
}

static int add_lambdas(struct hooks *h, struct sandbox *sb, struct diags *d)
{
	lua_State *L = sb->L;
	int failed = 0;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &LAMBDAS_KEY);
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		const char *name = lua_tostring(L, -2);
		struct lambda *old = find_lambda(h, name);
		if (old) {
			struct pos pos = {sb->path, 0, 0};
			diag_error(d, pos,
			           "lambda '%s' is defined by hooks '%s' and "
			           "'%s'; rename one",
			           name, old->sb->name, sb->name);
			failed = 1;
		} else {
			h->lambdas = xgrow(h->lambdas, &h->caplambdas,
			                   h->nlambdas + 1, sizeof *h->lambdas);
			h->lambdas[h->nlambdas].name = xstrdup(name);
			h->lambdas[h->nlambdas++].sb = sb;
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	/* lua_next's order changes run to run; names sort the same. */
	if (h->nlambdas > 1)
		qsort(h->lambdas, h->nlambdas, sizeof *h->lambdas, lambda_cmp);
	return failed ? -1 : 0;
}

static int run_one(struct hooks *h, const char *name, const char *path,
                   struct pos named, const char *lib_dir, const char *as_of,
                   const struct hooks_options *opt, const struct value *report,
                   struct value *computed, struct arena *a, struct diags *d)
{
	struct sandbox *sb =
	        sandbox_new(name, path, lib_dir, as_of, opt->time_limit_ms);
	h->sb = xgrow(h->sb, &h->cap, h->len + 1, sizeof *h->sb);
	h->sb[h->len++] = sb;
	sb->rec = opt->rec;
	if (sandbox_load(sb, named, d) != 0)
		return -1;
	lua_State *L = sb->L;
	/* What the hooks before this one computed, as it stands now: the
	 * map grows as later hooks run, and this hook's lambdas, called
	 * when the page is made, read it then. */
	struct run_args args = {
	        report, value_copy_shallow(a, computed),
	        opt->vocabulary ? opt->vocabulary : vocabulary_tree(a, NULL),
	        opt->words ? opt->words
	                   : value_new_map(a, (struct pos){NULL, 0, 0})};
	lua_pushcfunction(L, run_chunk);
	lua_insert(L, -3);
	lua_pushlightuserdata(L, &args);
	if (sandbox_call(sb, 3, 1, "", NULL, d) != 0)
		return -1;
	struct buf where = BUF_INIT;
	buf_printf(&where, "computed.%s", name);
	struct value *v;
	int rc = bridge_to_value(sb, -1, buf_cstr(&where), &h->nodes_left, a,
	                         &v, d);
	buf_free(&where);
	lua_settop(L, 0);
	size_t lambdas = h->nlambdas;
	if (rc != 0 || add_lambdas(h, sb, d) != 0)
		return -1;
	/* A hook that made no lambda is done with once its data is
	 * copied out: its state, which holds the report as Lua tables,
	 * goes now rather than after the page is made. */
	if (h->nlambdas == lambdas) {
		sandbox_free(sb);
		h->len--;
	}
	value_map_set(a, computed, name, v);
	return 0;
}

/* The hook list */

struct item {
	const char *name;
	struct pos pos;
	const char *dir;
};

static int as_of_date(const struct value *report,
                      const struct hooks_options *opt, const char **out,
                      struct diags *d)
{
	if (opt->as_of) {
		if (!date_valid(opt->as_of)) {
			struct pos pos = {"--as-of", 0, 0};
			diag_error(d, pos,
			           "'%s' is not a date written YYYY-MM-DD",
			           opt->as_of);
			return -1;
		}
		*out = opt->as_of;
		return 0;
	}
	const struct value *date =
	        value_map_get(value_map_get(report, "meeting"), "date");
	if (!date) {
		struct pos pos = {opt->report_path, 0, 0};
		diag_error(d, pos,
		           "hooks need today's date: give --as-of YYYY-MM-DD "
		           "or set meeting.date");
		return -1;
	}
	if (!date->text || !date_valid(date->text)) {
		diag_error(d, date->pos,
		           "meeting.date: expected a date written YYYY-MM-DD");
		return -1;
	}
	*out = date->text;
	return 0;
}

static int collect(const struct value *report, const struct hooks_options *opt,
                   const char *report_dir, struct item **items, size_t *n,
                   struct diags *d)
{
	size_t cap = 0;
	*items = NULL;
	*n = 0;
	for (size_t i = 0; i < opt->theme_hooks_len; i++) {
		*items = xgrow(*items, &cap, *n + 1, sizeof **items);
		struct pos pos = {opt->theme_dir, 0, 0};
		(*items)[(*n)++] =
		        (struct item){opt->theme_hooks[i], pos, opt->theme_dir};
	}
	const struct value *list = value_map_get(report, "hooks");
	if (!list || list->kind == VALUE_NULL)
		return 0;
	if (list->kind != VALUE_LIST) {
		diag_error(d, list->pos,
		           "hooks: expected a list of hook files, got %s",
		           value_kind_name(list->kind));
		return -1;
	}
	for (size_t i = 0; i < list->as.list.len; i++) {
		const struct value *v = list->as.list.items[i];
		if (v->kind != VALUE_STRING) {
			diag_error(d, v->pos,
			           "hooks: expected a hook file name, got %s",
			           value_kind_name(v->kind));
			return -1;
		}
		*items = xgrow(*items, &cap, *n + 1, sizeof **items);
		(*items)[(*n)++] = (struct item){v->text, v->pos, report_dir};
	}
	return 0;
}

void hooks_warm(const char *scripts_dir)
{
	sandbox_warm(scripts_dir);
}

int hooks_run(struct hooks *h, const struct value *report,
              const struct hooks_options *opt, struct arena *a,
              struct value **computed, struct diags *d)
{
	const char *as_of;
	if (as_of_date(report, opt, &as_of, d) != 0)
		return -1;
	if (opt->time_limit_ms > 0) {
		h->lambda_budget.ms = opt->time_limit_ms;
		h->lambda_budget.usec = opt->time_limit_ms * 1000LL;
	}
	char *report_dir = fs_dirname(opt->report_path);
	char *lib_dir = fs_join(opt->scripts_dir, "lib");
	struct item *items;
	size_t n;
	char **paths = NULL;
	char **names = NULL;
	size_t done = 0, cap_p = 0, cap_n = 0;
	int rc = -1;
	struct value *out =
	        value_new_map(a, (struct pos){opt->report_path, 0, 0});
	/* The report's top level as it is now: the caller may add to it
	 * before the lambdas are called (the view names them there). */
	const struct value *top = report ? value_copy_shallow(a, report) : NULL;
	if (collect(report, opt, report_dir, &items, &n, d) != 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		char *path = resolve(opt->rec, items[i].name, items[i].dir,
		                     opt->scripts_dir, items[i].pos, d);
		if (!path)
			goto out;
		char real[PATH_MAX];
		if (!realpath(path, real)) {
			free(path);
			goto out;
		}
		char *name = fs_basename(path, ".lua");
		bool seen = false, clash = false;
		for (size_t j = 0; j < done; j++) {
			char other[PATH_MAX];
			if (realpath(paths[j], other) &&
			    strcmp(other, real) == 0)
				seen = true;
			else if (strcmp(names[j], name) == 0)
				clash = true;
		}
		if (clash && !seen) {
			diag_error(d, items[i].pos,
			           "two hooks are named '%s' (%s and one "
			           "before it); computed.%s can hold only one",
			           name, path, name);
			free(path);
			free(name);
			goto out;
		}
		if (seen) {
			free(path);
			free(name);
			continue;
		}
		paths = xgrow(paths, &cap_p, done + 1, sizeof *paths);
		names = xgrow(names, &cap_n, done + 1, sizeof *names);
		paths[done] = path;
		names[done++] = name;
		if (run_one(h, name, path, items[i].pos, lib_dir, as_of, opt,
		            top, out, a, d) != 0)
			goto out;
	}
	*computed = out;
	rc = 0;
out:
	for (size_t j = 0; j < done; j++) {
		free(paths[j]);
		free(names[j]);
	}
	free(paths);
	free(names);
	free(items);
	free(report_dir);
	free(lib_dir);
	return rc;
}

/* Lambdas */

bool hooks_has_lambda(const struct hooks *h, const char *name)
{
	return find_lambda(h, name) != NULL;
}

size_t hooks_lambda_count(const struct hooks *h)
{
	return h->nlambdas;
}

const char *hooks_lambda_name(const struct hooks *h, size_t i)
{
	return i < h->nlambdas ? h->lambdas[i].name : NULL;
}

struct call_args {
	const char *name;
	const char *text;
	size_t len;
};

/* In protected mode: (args) -> the lambda's text. */
static int call_lambda(lua_State *L)
{
	const struct call_args *args = lua_touserdata(L, 1);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &LAMBDAS_KEY);
	lua_getfield(L, -1, args->name);
	if (args->text)
		lua_pushlstring(L, args->text, args->len);
	lua_call(L, args->text ? 1 : 0, 1);
	switch (lua_type(L, -1)) {
	case LUA_TNIL:
		lua_pushliteral(L, "");
		break;
	case LUA_TSTRING:
		break;
	case LUA_TNUMBER:
		luaL_tolstring(L, -1, NULL);
		break;
	default:
		return luaL_error(L,
		                  "lambda '%s' returned %s; a lambda must "
		                  "return text",
		                  args->name, luaL_typename(L, -1));
	}
	return 1;
}

int hooks_lambda_call(struct hooks *h, const char *name, const char *text,
                      size_t len, struct buf *out, struct diags *d)
{
	struct lambda *l = find_lambda(h, name);
	if (!l) {
		struct pos pos = {NULL, 0, 0};
		diag_error(d, pos, "no hook defines a lambda '%s'", name);
		return -1;
	}
	lua_State *L = l->sb->L;
	struct call_args args = {name, text, len};
	struct buf what = BUF_INIT;
	buf_printf(&what, "lambda '%s'", name);
	lua_settop(L, 0);
	lua_pushcfunction(L, call_lambda);
	lua_pushlightuserdata(L, &args);
	int rc = sandbox_call(l->sb, 1, 1, buf_cstr(&what), &h->lambda_budget,
	                      d);
	buf_free(&what);
	if (rc != 0)
		return -1;
	size_t n;
	const char *s = lua_tolstring(L, -1, &n);
	buf_put(out, s, n);
	lua_settop(L, 0);
	return 0;
}

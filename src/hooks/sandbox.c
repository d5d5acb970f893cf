/* sandbox: a Lua state a hook cannot escape, with its three limits.
 *
 * Each hook gets its own lua_State. Only the base, string, table, math and
 * utf8 libraries are opened, into the state's hidden globals; a chunk sees
 * a fresh environment table holding copies of the safe parts only, so
 * nothing it does to `string` or `table` reaches the real libraries (which
 * the string metatable still uses).
 *
 * Limits. The allocator counts every byte and refuses to pass mem_limit
 * (small blocks come from pages of the sandbox's own, see pool_get). A
 * count hook charges the instruction budget every COUNT_STEP instructions.
 * SIGALRM marks the state timed out and sets a hook on every instruction.
 * Whichever trips first records `stop` and the stack frames (without
 * allocating) and makes the hook sticky: from then on every instruction
 * raises, and the wrapped pcall rethrows, so a script cannot swallow the
 * stop. The message then comes from `stop`, not from the Lua error value.
 * After a memory stop the allocator grants MEMORY_RESERVE more bytes so the
 * error can unwind.
 *
 * Budgets. A call charges the budget it is given: the hook's own for its
 * run, the one all lambda calls share for a lambda. The count hook stays
 * installed between calls, so its count carries over and a call of a few
 * instructions still moves it on; time is measured around each call and
 * the wall-clock stop armed for what is left.
 *
 * The hook's return line. While the hook's chunk runs, the hook also sees
 * returns, and notes the line where the chunk itself returns, so that
 * errors in its result (found after it returned) point there. */
#include "hooks/sandbox.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/limits.h"
#include "base/xalloc.h"
#include "hooks/hooks.h"

#define COUNT_STEP 1000
#define MEMORY_RESERVE (1024 * 1024)
#define MODULE_MAX_BYTES (1024 * 1024)

/* Light userdata keys in the registry, and the stop sentinel. */
static const char STOP_KEY = 's';
static const char MODULES_KEY = 'm';
static const char CHUNK_KEY = 'c';

struct sandbox *sandbox_of(lua_State *L)
{
	return *(struct sandbox **)lua_getextraspace(L);
}

/* ---- the chunk cache ----
 *
 * Each Lua file is compiled once per process: the first load of a hook or
 * module parses its text (mode "t", as always) and keeps the function's
 * bytecode with the stamp of the text it came from; a later load of the
 * same path (another hook requiring the same module, another report of a
 * build) takes the bytecode when the file is still the one stamped, and
 * notes the file as read. sandbox_warm fills the cache in clerk build's
 * parent, so every worker forked after it inherits the compiled library.
 * The first load need not parse either when the text is exactly that of
 * a script of the library clerk was built with: its bytecode is built in
 * (bundled.c), and is used, named as the file was read, unless it does
 * not load (then the text is parsed). Only that bytecode and what this
 * process (or its parent) made from text is ever loaded in binary mode;
 * a hook still cannot load a binary chunk. The debug information is kept,
 * so errors and tracebacks read as before. */
struct chunk {
	char *path; /* as the loader names it: the chunk is "@path" */
	struct fs_stamp stamp;
	char *code;
	size_t len;
};
static struct chunk *chunks;
static size_t nchunks, chunks_cap;

static int dump_to_buf(lua_State *L, const void *p, size_t sz, void *ud)
{
	(void)L;
	buf_put(ud, p, sz);
	return 0;
}

/* Caches the function on top of L's stack, compiled from the text of
 * `path` as `stamp` stamps it (taken over by the cache): its bytecode is
 * `code` (`len` bytes, taken over) or, when that is NULL, dumped. */
static void chunk_store(lua_State *L, const char *path, struct fs_stamp *stamp,
                        char *code, size_t len)
{
	struct buf dump = BUF_INIT;
	if (!code) {
		lua_dump(L, dump_to_buf, &dump, 0);
		code = buf_detach(&dump, &len);
	}
	struct chunk *c = NULL;
	for (size_t i = 0; i < nchunks && !c; i++)
		if (strcmp(chunks[i].path, path) == 0)
			c = &chunks[i];
	if (c) {
		free(c->stamp.path);
		free(c->code);
	} else {
		chunks =
		        xgrow(chunks, &chunks_cap, nchunks + 1, sizeof *chunks);
		c = &chunks[nchunks++];
		c->path = xstrdup(path);
	}
	c->stamp = *stamp;
	c->code = code;
	c->len = len;
	stamp->path = NULL;
}

/* Pushes the cached function of `path` when the file is unchanged since it
 * was compiled, noting the file in `rec`; returns false, pushing nothing,
 * when it must be read and compiled. */
static bool chunk_load(lua_State *L, struct fs_recorder *rec, const char *path)
{
	for (size_t i = 0; i < nchunks; i++) {
		const struct chunk *c = &chunks[i];
		if (strcmp(c->path, path) != 0)
			continue;
		if (!fs_unchanged_noted(rec, path, &c->stamp))
			return false;
		lua_pushfstring(L, "@%s", path);
		int status = luaL_loadbufferx(L, c->code, c->len,
		                              lua_tostring(L, -1), "b");
		lua_remove(L, -2);
		if (status == LUA_OK)
			return true;
		lua_pop(L, 1);
		return false;
	}
	return false;
}

/* Reads the Lua file `path` (noted in `rec`) and compiles its text as the
 * chunk "@path" (or takes the built-in bytecode of that very text),
 * caching it. Returns LUA_OK with the function pushed; -1
 * when the file could not be read (the problem in `d`, reported at `at`
 * as `subject`); -2 when `refuse_binary` and the file is a binary chunk;
 * or Lua's status with the message pushed when it does not compile.
 * Nothing is pushed but the function or the message. */
static int chunk_compile(lua_State *L, struct fs_recorder *rec,
                         const char *path, struct pos at, const char *subject,
                         bool refuse_binary, struct diags *d)
{
	char *text;
	size_t len;
	struct fs_stamp stamp;
	if (fs_read_stamped(rec, path, at, subject, MODULE_MAX_BYTES, &text,
	                    &len, &stamp, d) != 0)
		return -1;
	int status = -2;
	char *code = NULL;
	size_t code_len = 0;
	if (!refuse_binary || len == 0 || text[0] != LUA_SIGNATURE[0]) {
		const char *name = lua_pushfstring(L, "@%s", path);
		code = bundled_code(text, len, name, &code_len);
		if (code) {
			status = luaL_loadbufferx(L, code, code_len, name, "b");
			if (status != LUA_OK) {
				lua_pop(L, 1);
				free(code);
				code = NULL;
			}
		}
		if (!code)
			status = luaL_loadbufferx(L, text, len, name, "t");
		lua_remove(L, -2);
	}
	free(text);
	if (status == LUA_OK)
		chunk_store(L, path, &stamp, code, code_len);
	free(stamp.path);
	return status;
}

/* Compiles each file NAME.lua of `dir` into the cache, named as the hook
 * and module loaders name them. */
static void warm_dir(lua_State *L, const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n < 5 ||
		    strcmp(e->d_name + n - 4, ".lua") != 0)
			continue;
		char *path = fs_join(dir, e->d_name);
		struct diags d = DIAGS_INIT;
		chunk_compile(L, NULL, path, (struct pos){path, 0, 0}, NULL,
		              true, &d);
		lua_settop(L, 0);
		diags_free(&d);
		free(path);
	}
	closedir(dp);
}

void sandbox_warm(const char *scripts_dir)
{
	lua_State *L = luaL_newstate();
	if (!L)
		return;
	warm_dir(L, scripts_dir);
	char *lib_dir = fs_join(scripts_dir, "lib");
	warm_dir(L, lib_dir);
	free(lib_dir);
	lua_close(L);
}

/* Frames */

static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The number of stack levels at `level` and above. lua_getstack walks the
 * call list from the top, so a linear count would be quadratic in a deep
 * recursion; search for the last level instead. */
static int levels_from(lua_State *L, int level)
{
	lua_Debug ar;
	int lo = level, hi = level + 1;
	if (!lua_getstack(L, level, &ar))
		return 0;
	while (lua_getstack(L, hi, &ar)) {
		lo = hi;
		hi *= 2;
	}
	while (hi - lo > 1) {
		int mid = lo + (hi - lo) / 2;
		if (lua_getstack(L, mid, &ar))
			lo = mid;
		else
			hi = mid;
	}
	return lo - level + 1;
}

/* Records the first Lua frames of L from `level` up, and how many levels
 * were left out. Allocation-free, so it may run inside the allocator;
 * `names` asks for function names, which only the count hook and the
 * message handler can afford. */
static void capture_frames(struct sandbox *sb, lua_State *L, int level,
                           int names)
{
	lua_Debug ar;
	sb->nframes = 0;
	sb->frames_left_out = 0;
	for (; sb->nframes < SANDBOX_FRAMES && lua_getstack(L, level, &ar);
	     level++) {
		if (!lua_getinfo(L, names ? "Sln" : "Sl", &ar))
			continue;
		if (ar.currentline <= 0 || ar.source[0] != '@')
			continue;
		struct sandbox_frame *f = &sb->frames[sb->nframes++];
		copy_str(f->file, sizeof f->file, ar.source + 1);
		copy_str(f->short_src, sizeof f->short_src, ar.short_src);
		f->line = ar.currentline;
		if (strcmp(ar.what, "main") == 0)
			snprintf(f->what, sizeof f->what, "in the main chunk");
		else if (names && ar.name)
			snprintf(f->what, sizeof f->what, "in function '%.60s'",
			         ar.name);
		else
			snprintf(f->what, sizeof f->what,
			         "in the function defined at line %d",
			         ar.linedefined);
	}
	sb->frames_left_out = levels_from(L, level);
}

/* Limits */

static void stop_hook(lua_State *L, lua_Debug *ar);

static void make_sticky(struct sandbox *sb)
{
	lua_sethook(sb->L, stop_hook, LUA_MASKCOUNT, 1);
}

static void trip(struct sandbox *sb, lua_State *L, enum sandbox_stop stop,
                 int names)
{
	if (sb->stop != SANDBOX_RUNNING)
		return;
	sb->stop = stop;
	capture_frames(sb, L, 0, names);
	make_sticky(sb);
}

static _Noreturn void raise_stop(lua_State *L)
{
	lua_pushlightuserdata(L, (void *)&STOP_KEY);
	lua_error(L);
	abort(); /* not reached */
}

/* Notes the line where the hook's own chunk returns. The chunk is called
 * by run_chunk (hooks.c), which sandbox_call calls from C: when it
 * returns, the stack has no third level. Every return in the hook's run
 * comes here, most of them of functions deeper down, so that is looked
 * at first: it costs a walk of two frames, where asking which function is
 * returning pushes it. */
static void note_return(struct sandbox *sb, lua_State *L, lua_Debug *ar)
{
	lua_Debug below;
	if (lua_getstack(L, 2, &below) || !lua_getinfo(L, "f", ar))
		return;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &CHUNK_KEY);
	if (lua_rawequal(L, -1, -2) && lua_getinfo(L, "l", ar))
		sb->return_line = ar->currentline;
	lua_pop(L, 2);
}

static void stop_hook(lua_State *L, lua_Debug *ar)
{
	struct sandbox *sb = sandbox_of(L);
	if (ar->event == LUA_HOOKRET && !sb->timed_out &&
	    sb->stop == SANDBOX_RUNNING) {
		note_return(sb, L, ar);
		return;
	}
	if (sb->stop == SANDBOX_RUNNING) {
		if (sb->timed_out) {
			trip(sb, L, SANDBOX_TIME, 1);
		} else {
			sb->budget->instructions -= COUNT_STEP;
			if (sb->budget->instructions > 0)
				return;
			trip(sb, L, SANDBOX_INSTRUCTIONS, 1);
		}
	}
	raise_stop(L);
}

void sandbox_charge(lua_State *L, long n)
{
	struct sandbox *sb = sandbox_of(L);
	if (sb->stop == SANDBOX_RUNNING && !sb->timed_out) {
		sb->budget->instructions -= n;
		if (sb->budget->instructions > 0)
			return;
		trip(sb, L, SANDBOX_INSTRUCTIONS, 1);
	}
	raise_stop(L);
}

/* Small blocks. Most of what a hook allocates is small (strings, table
 * nodes, closures, call frames) and short-lived, and a state is closed
 * soon after: a free list per POOL_GRAIN bytes of size, carved from pages
 * of the sandbox's own that go back whole in sandbox_free, costs a few
 * instructions a block where malloc and free cost a hundred. Lua gives a
 * block's size back on every free and realloc, and the size says where the
 * block came from. mem_used counts the bytes asked for, pooled or not; the
 * pages themselves are held to the same limit, so that freeing blocks of
 * one size and asking for another cannot grow the pages past it. */
#define POOL_GRAIN 16
#define POOL_MAX (POOL_GRAIN * SANDBOX_POOL_CLASSES)
#define POOL_PAGE (64 * 1024)

struct sandbox_page {
	struct sandbox_page *next;
	max_align_t align; /* the blocks after it keep malloc's alignment */
};

static size_t pool_class(size_t n)
{
	return (n - 1) / POOL_GRAIN;
}

static void *pool_get(struct sandbox *sb, size_t n)
{
	struct sandbox_pool *pool = &sb->pool;
	size_t c = pool_class(n);
	void **block = pool->free[c];
	if (block) {
		pool->free[c] = *block;
		return block;
	}
	size_t size = (c + 1) * POOL_GRAIN;
	if ((size_t)(pool->end - pool->next) < size) {
		size_t limit = sb->mem_limit;
		if (sb->stop == SANDBOX_MEMORY)
			limit += MEMORY_RESERVE;
		if (pool->page_bytes + POOL_PAGE > limit) {
			if (sb->L)
				trip(sb, sb->L, SANDBOX_MEMORY, 0);
			return NULL;
		}
		struct sandbox_page *page = malloc(POOL_PAGE);
		if (!page)
			return NULL;
		page->next = pool->pages;
		pool->pages = page;
		pool->page_bytes += POOL_PAGE;
		pool->next = (char *)&page->align;
		pool->end = (char *)page + POOL_PAGE;
	}
	void *p = pool->next;
	pool->next += size;
	return p;
}

static void pool_put(struct sandbox *sb, void *p, size_t n)
{
	void **block = p;
	size_t c = pool_class(n);
	*block = sb->pool.free[c];
	sb->pool.free[c] = block;
}

static void pool_free(struct sandbox_pool *pool)
{
	while (pool->pages) {
		struct sandbox_page *next = pool->pages->next;
		free(pool->pages);
		pool->pages = next;
	}
}

static void block_free(struct sandbox *sb, void *ptr, size_t size)
{
	if (!ptr)
		return;
	if (size <= POOL_MAX)
		pool_put(sb, ptr, size);
	else
		free(ptr);
}

static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sandbox *sb = ud;
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		block_free(sb, ptr, old);
		sb->mem_used -= old;
		return NULL;
	}
	if (nsize > old) {
		size_t limit = sb->mem_limit;
		if (sb->stop == SANDBOX_MEMORY)
			limit += MEMORY_RESERVE;
		if (sb->mem_used - old + nsize > limit) {
			if (sb->L)
				trip(sb, sb->L, SANDBOX_MEMORY, 0);
			return NULL;
		}
	}
	void *p;
	if (old > POOL_MAX && nsize > POOL_MAX) {
		p = realloc(ptr, nsize);
	} else if (ptr && old <= POOL_MAX && nsize <= POOL_MAX &&
	           pool_class(old) == pool_class(nsize)) {
		p = ptr;
	} else {
		p = nsize <= POOL_MAX ? pool_get(sb, nsize) : malloc(nsize);
		if (p && ptr) {
			memcpy(p, ptr, old < nsize ? old : nsize);
			block_free(sb, ptr, old);
		}
	}
	if (!p)
		return NULL;
	sb->mem_used = sb->mem_used - old + nsize;
	return p;
}

/* The wall-clock stop. Only one hook runs at a time. */
static struct sandbox *volatile running;

static void arm_timer_usec(long long usec)
{
	struct itimerval it = {
	        {0, 0},
	        {(time_t)(usec / 1000000), (suseconds_t)(usec % 1000000)}};
	setitimer(ITIMER_REAL, &it, NULL);
}

static void arm_timer(long ms)
{
	arm_timer_usec((long long)ms * 1000);
}

static long long now_usec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void on_alarm(int sig)
{
	(void)sig;
	struct sandbox *sb = running;
	if (!sb)
		return;
	if (!sb->timed_out) {
		sb->timed_out = 1;
		lua_sethook(sb->L, stop_hook,
		            LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE |
		                    LUA_MASKCOUNT,
		            1);
		arm_timer(LIMIT_HOOK_GRACE_MILLISECONDS);
		return;
	}
	ssize_t n = write(2, sb->stuck_msg, strlen(sb->stuck_msg));
	(void)n;
	_exit(1);
}

/* The environment */

static int sb_pcall_finish(lua_State *L, int status, lua_KContext extra)
{
	struct sandbox *sb = sandbox_of(L);
	if (sb->stop != SANDBOX_RUNNING)
		raise_stop(L);
	if (status != LUA_OK && status != LUA_YIELD) {
		lua_pushboolean(L, 0);
		lua_pushvalue(L, -2);
		return 2;
	}
	return lua_gettop(L) - (int)extra;
}

static int sb_pcall(lua_State *L)
{
	luaL_checkany(L, 1);
	lua_pushboolean(L, 1);
	lua_insert(L, 1);
	int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0,
	                        sb_pcall_finish);
	return sb_pcall_finish(L, status, 0);
}

static int sb_xpcall(lua_State *L)
{
	int n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);
	int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, sb_pcall_finish);
	return sb_pcall_finish(L, status, 2);
}

static int sb_getmetatable(lua_State *L)
{
	luaL_checkany(L, 1);
	if (lua_type(L, 1) == LUA_TSTRING)
		return luaL_error(L, "the string metatable is locked in hooks");
	if (!lua_getmetatable(L, 1)) {
		lua_pushnil(L);
		return 1;
	}
	luaL_getmetafield(L, 1, "__metatable");
	return 1;
}

static int sb_setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		if (lua_getfield(L, 2, "__gc") != LUA_TNIL)
			return luaL_error(L, "__gc is not allowed in hooks");
		lua_pop(L, 1);
	}
	lua_settop(L, 2);
	if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
		return luaL_error(L, "cannot change a protected metatable");
	lua_setmetatable(L, 1);
	return 1;
}

static void push_env(lua_State *L);

/* load(chunk [, name [, mode [, env]]]): text chunks only, in the caller's
 * environment unless one is given. */
static int sb_load(lua_State *L)
{
	size_t len;
	if (lua_type(L, 1) != LUA_TSTRING)
		return luaL_error(L, "load accepts only a string in hooks");
	const char *s = lua_tolstring(L, 1, &len);
	const char *name = luaL_optstring(L, 2, "=(load)");
	if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
		lua_pushnil(L);
		lua_insert(L, -2);
		return 2;
	}
	if (!lua_isnoneornil(L, 4))
		lua_pushvalue(L, 4);
	else
		lua_pushvalue(L, lua_upvalueindex(1));
	if (!lua_setupvalue(L, -2, 1))
		lua_pop(L, 1);
	return 1;
}

static int module_name_ok(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	      *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* Pushes the compiled chunk of `dir`/`name`.lua when that file exists
 * inside `dir`; returns 0 when there is no such file. A file there that
 * cannot be read (a folder, a FIFO) or does not compile is a Lua error
 * saying so. */
static int find_module(lua_State *L, struct fs_recorder *rec, const char *dir,
                       const char *name)
{
	if (!dir)
		return 0;
	char path[PATH_MAX];
	char real_dir[PATH_MAX];
	char real_path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s.lua", dir, name);
	if (!fs_exists_noted(rec, path) || !realpath(dir, real_dir) ||
	    !realpath(path, real_path) || !fs_is_within(real_dir, real_path))
		return 0;
	if (chunk_load(L, rec, path))
		return 1;
	struct diags d = DIAGS_INIT;
	char subject[PATH_MAX + 16];
	snprintf(subject, sizeof subject, "module '%s' (%s)", name, path);
	int status = chunk_compile(L, rec, path, (struct pos){path, 0, 0},
	                           subject, false, &d);
	if (status == -1) {
		lua_pushstring(L, d.len ? d.items[0].msg : subject);
		diags_free(&d);
		return lua_error(L);
	}
	if (status != LUA_OK)
		return lua_error(L);
	return 1;
}

/* require(name): a Lua module from the library's lib/ folder or else the
 * hook's own folder (the library first, so the hook scripts/plan.lua can
 * require the module plan), run once per hook in an environment of its
 * own. */
static int sb_require(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	const char *name = luaL_checkstring(L, 1);
	lua_settop(L, 1);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &MODULES_KEY); /* 2 */
	if (lua_getfield(L, 2, name) != LUA_TNIL) {
		if (lua_type(L, -1) == LUA_TLIGHTUSERDATA)
			return luaL_error(L, "module '%s' requires itself",
			                  name);
		return 1;
	}
	lua_pop(L, 1);
	if (!module_name_ok(name) ||
	    (!find_module(L, sb->rec, sb->lib_dir, name) &&
	     !find_module(L, sb->rec, sb->dir, name)))
		return luaL_error(L,
		                  "module '%s' is not in the hook library "
		                  "(hooks can require only Lua files from "
		                  "scripts/lib and their own folder)",
		                  name);
	push_env(L);
	lua_setupvalue(L, -2, 1);
	lua_pushlightuserdata(L, (void *)&MODULES_KEY);
	lua_setfield(L, 2, name);
	lua_pushstring(L, name);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, 2, name);
	return 1;
}

/* Pushes a copy of the library `lib` without the fields `skip`, sized
 * for the `fields` it is known to keep (a hint: every environment makes
 * four such copies, and a table grown one field at a time is rehashed
 * five times on the way). */
static void copy_fields(lua_State *L, const char *lib, const char *const *skip,
                        int fields)
{
	lua_createtable(L, 0, fields);
	lua_getglobal(L, lib);
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		int skipped = 0;
		for (const char *const *k = skip; k && *k; k++)
			if (lua_type(L, -2) == LUA_TSTRING &&
			    strcmp(lua_tostring(L, -2), *k) == 0)
				skipped = 1;
		if (skipped) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -5);
	}
	lua_pop(L, 1);
}

/* Pushes a fresh environment with the safe globals. */
static void push_env(lua_State *L)
{
	static const char *const base[] = {
	        "assert",   "error",  "ipairs", "select",   "tonumber", "type",
	        "rawequal", "rawget", "rawlen", "_VERSION", NULL,
	};
	static const char *const no_dump[] = {"dump", NULL};
	static const char *const no_random[] = {"random", "randomseed", NULL};
	/* The 25 names below, and room for a hook's own globals. */
	lua_createtable(L, 0, 32);
	int env = lua_gettop(L);
	for (const char *const *k = base; *k; k++) {
		lua_getglobal(L, *k);
		lua_setfield(L, env, *k);
	}
	stable_open_env(L, env);
	copy_fields(L, "string", no_dump, 16);
	lua_setfield(L, env, "string");
	copy_fields(L, "table", NULL, 7);
	stable_open_table(L, -1);
	lua_setfield(L, env, "table");
	copy_fields(L, "math", no_random, 25);
	lua_setfield(L, env, "math");
	copy_fields(L, "utf8", NULL, 6);
	lua_setfield(L, env, "utf8");
	lua_pushcfunction(L, sb_pcall);
	lua_setfield(L, env, "pcall");
	lua_pushcfunction(L, sb_xpcall);
	lua_setfield(L, env, "xpcall");
	lua_pushcfunction(L, sb_getmetatable);
	lua_setfield(L, env, "getmetatable");
	lua_pushcfunction(L, sb_setmetatable);
	lua_setfield(L, env, "setmetatable");
	lua_pushcfunction(L, sb_require);
	lua_setfield(L, env, "require");
	lua_pushvalue(L, env);
	lua_pushcclosure(L, sb_load, 1);
	lua_setfield(L, env, "load");
	lua_getfield(L, LUA_REGISTRYINDEX, "clerk.api");
	lua_setfield(L, env, "clerk");
	lua_pushvalue(L, env);
	lua_setfield(L, env, "_G");
}

static void lock_strings(lua_State *L)
{
	lua_getglobal(L, "string");
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	stable_open_string(L);
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
}

struct sandbox *sandbox_new(const char *name, const char *path,
                            const char *lib_dir, const char *as_of,
                            long time_limit_ms)
{
	struct sandbox *sb = xcalloc(1, sizeof *sb);
	sb->name = xstrdup(name);
	sb->path = xstrdup(path);
	sb->dir = fs_dirname(path);
	sb->lib_dir = lib_dir ? xstrdup(lib_dir) : NULL;
	sb->mem_limit = LIMIT_HOOK_MEMORY;
	sb->time_limit_ms =
	        time_limit_ms > 0 ? time_limit_ms : LIMIT_HOOK_MILLISECONDS;
	sb->own.instructions = LIMIT_HOOK_INSTRUCTIONS;
	sb->own.usec = (long long)sb->time_limit_ms * 1000;
	sb->own.ms = sb->time_limit_ms;
	sb->budget = &sb->own;
	snprintf(sb->stuck_msg, sizeof sb->stuck_msg,
	         "%s: error: hook '%s' is stuck in a C function past its "
	         "time limit (%ld ms); stopping\n",
	         path, name, sb->time_limit_ms);
	lua_State *L = lua_newstate(sandbox_alloc, sb);
	if (!L) {
		fprintf(stderr, "clerk: out of memory\n");
		abort();
	}
	*(struct sandbox **)lua_getextraspace(L) = sb;
	static const luaL_Reg libs[] = {
	        {LUA_GNAME, luaopen_base},
	        {LUA_STRLIBNAME, luaopen_string},
	        {LUA_TABLIBNAME, luaopen_table},
	        {LUA_MATHLIBNAME, luaopen_math},
	        {LUA_UTF8LIBNAME, luaopen_utf8},
	        {NULL, NULL},
	};
	for (const luaL_Reg *lib = libs; lib->func; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	lock_strings(L);
	calendar_open(L, name, as_of);
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &MODULES_KEY);
	sb->L = L;
	return sb;
}

int sandbox_load(struct sandbox *sb, struct pos named, struct diags *d)
{
	lua_State *L = sb->L;
	struct pos pos = {sb->path, 0, 0};
	char subject[PATH_MAX + 16];
	snprintf(subject, sizeof subject, "hook '%s'", sb->path);
	int status = LUA_OK;
	if (!chunk_load(L, sb->rec, sb->path))
		status = chunk_compile(L, sb->rec, sb->path, named, subject,
		                       true, d);
	if (status == -1)
		return -1;
	if (status == -2) {
		diag_error(d, pos,
		           "hook '%s' is a binary chunk; hooks must be "
		           "Lua source text",
		           sb->name);
		return -1;
	}
	if (status != LUA_OK) {
		/* "path:line: message": take the line back out for the
		 * diagnostic. */
		const char *msg = lua_tostring(L, -1);
		size_t plen = strlen(sb->path);
		if (msg && strncmp(msg, sb->path, plen) == 0 &&
		    msg[plen] == ':') {
			char *end;
			long line = strtol(msg + plen + 1, &end, 10);
			if (*end == ':') {
				pos.line = (int)line;
				msg = end + 1;
				while (*msg == ' ')
					msg++;
			}
		}
		diag_error(d, pos, "hook '%s' does not compile: %s", sb->name,
		           msg ? msg : "unknown error");
		lua_pop(L, 1);
		return -1;
	}
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &CHUNK_KEY);
	push_env(L);
	lua_pushvalue(L, -1);
	lua_setupvalue(L, -3, 1);
	lua_insert(L, -2);
	return 0;
}

/* Calling */

static int message_handler(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	if (sb->stop == SANDBOX_RUNNING)
		capture_frames(sb, L, 1, 1);
	return 1;
}

/* The frame the message's own "src:line:" prefix names, if any; strips
 * the prefix from *msg. */
static const struct sandbox_frame *frame_of_message(struct sandbox *sb,
                                                    const char **msg)
{
	for (int i = 0; i < sb->nframes; i++) {
		const struct sandbox_frame *f = &sb->frames[i];
		size_t n = strlen(f->short_src);
		if (strncmp(*msg, f->short_src, n) != 0 || (*msg)[n] != ':')
			continue;
		char *end;
		long line = strtol(*msg + n + 1, &end, 10);
		if (end == *msg + n + 1 || line != f->line || *end != ':')
			continue;
		*msg = end + 1;
		while (**msg == ' ')
			(*msg)++;
		return f;
	}
	return NULL;
}

static void report_error(struct sandbox *sb, int status, const char *what,
                         struct diags *d)
{
	lua_State *L = sb->L;
	struct buf msg = BUF_INIT;
	const struct sandbox_frame *at = NULL;
	const char *who = what && *what ? what : "";
	buf_printf(&msg, "hook '%s'%s%s ", sb->name, *who ? " " : "", who);
	switch (sb->stop) {
	case SANDBOX_INSTRUCTIONS:
		if (sb->budget->shared)
			buf_printf(&msg,
			           "ran past the instruction limit that all "
			           "lambda calls of a report share (%ld "
			           "instructions, LIMIT_LAMBDA_INSTRUCTIONS)",
			           (long)LIMIT_LAMBDA_INSTRUCTIONS);
		else
			buf_printf(&msg,
			           "ran past its instruction limit (%ld "
			           "instructions)",
			           (long)LIMIT_HOOK_INSTRUCTIONS);
		break;
	case SANDBOX_MEMORY:
		buf_printf(&msg, "ran past its memory limit (%ld MiB)",
		           (long)(LIMIT_HOOK_MEMORY / (1024 * 1024)));
		break;
	case SANDBOX_TIME:
		if (sb->budget->shared)
			buf_printf(&msg,
			           "ran past the time limit that all lambda "
			           "calls of a report share (%ld ms, "
			           "LIMIT_LAMBDA_MILLISECONDS)",
			           sb->budget->ms);
		else
			buf_printf(&msg, "ran past its time limit (%ld ms)",
			           sb->time_limit_ms);
		break;
	case SANDBOX_RUNNING:
		if (status == LUA_ERRMEM) {
			buf_printf(&msg, "ran out of memory");
		} else if (lua_type(L, -1) == LUA_TSTRING ||
		           lua_type(L, -1) == LUA_TNUMBER) {
			const char *text = lua_tostring(L, -1);
			at = frame_of_message(sb, &text);
			buf_printf(&msg, "failed: %s", text);
		} else {
			buf_printf(&msg,
			           "raised an error whose value is %s%s, not "
			           "a message; give error() a string",
			           lua_isnil(L, -1) ? "" : "a ",
			           luaL_typename(L, -1));
		}
		break;
	}
	/* The hook's own line comes first, whichever module raised: the
	 * line the message names if it is in the hook, else the innermost
	 * frame in the hook. */
	for (int i = 0;
	     i < sb->nframes && !(at && strcmp(at->file, sb->path) == 0); i++)
		if (strcmp(sb->frames[i].file, sb->path) == 0)
			at = &sb->frames[i];
	if (!at && sb->nframes > 0)
		at = &sb->frames[0];
	struct pos pos = {at ? at->file : sb->path, at ? at->line : 0, 0};
	diag_error(d, pos, "%s", buf_cstr(&msg));
	for (int i = 0; i < sb->nframes;) {
		const struct sandbox_frame *f = &sb->frames[i];
		int same = 1;
		while (i + same < sb->nframes && f->line == f[same].line &&
		       strcmp(f->file, f[same].file) == 0 &&
		       strcmp(f->what, f[same].what) == 0)
			same++;
		struct pos fp = {f->file, f->line, 0};
		if (same > 1)
			diag_add(d, DIAG_NOTE, fp, "%s (%d times)", f->what,
			         same);
		else
			diag_add(d, DIAG_NOTE, fp, "%s", f->what);
		i += same;
	}
	if (sb->frames_left_out > 0) {
		struct pos fp = {sb->path, 0, 0};
		diag_add(d, DIAG_NOTE, fp, "... and %d more levels of calls",
		         sb->frames_left_out);
	}
	buf_free(&msg);
}

int sandbox_call(struct sandbox *sb, int nargs, int nres, const char *what,
                 struct sandbox_budget *budget, struct diags *d)
{
	lua_State *L = sb->L;
	sb->budget = budget ? budget : &sb->own;
	sb->timed_out = 0;
	sb->stop = SANDBOX_RUNNING;
	sb->nframes = 0;
	sb->frames_left_out = 0;
	int base = lua_gettop(L) - nargs;
	lua_pushcfunction(L, message_handler);
	lua_insert(L, base);
	/* Setting the hook restarts its count, so it is set only when the
	 * mask changes: the hook's run also watches returns. */
	int mask = LUA_MASKCOUNT | (budget ? 0 : LUA_MASKRET);
	if (lua_gethook(L) != stop_hook || lua_gethookmask(L) != mask ||
	    lua_gethookcount(L) != COUNT_STEP)
		lua_sethook(L, stop_hook, mask, COUNT_STEP);
	long long usec = sb->budget->usec > 0 ? sb->budget->usec : 1;
	long long started = now_usec();

	struct sigaction sa, old_sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old_sa);
	running = sb;
	arm_timer_usec(usec);
	int status = lua_pcall(L, nargs, nres, base);
	arm_timer(0);
	running = NULL;
	sigaction(SIGALRM, &old_sa, NULL);
	sb->budget->usec -= now_usec() - started;
	if (sb->timed_out || sb->stop != SANDBOX_RUNNING)
		lua_sethook(L, stop_hook, mask, COUNT_STEP);

	if (status == LUA_OK && sb->stop == SANDBOX_RUNNING) {
		lua_remove(L, base);
		return 0;
	}
	if (status == LUA_OK)
		lua_settop(L, base);
	report_error(sb, status, what, d);
	lua_settop(L, base - 1);
	sb->stop = SANDBOX_RUNNING;
	return -1;
}

void sandbox_free(struct sandbox *sb)
{
	if (!sb)
		return;
	if (sb->L)
		lua_close(sb->L);
	pool_free(&sb->pool);
	free(sb->name);
	free(sb->path);
	free(sb->dir);
	free(sb->lib_dir);
	free(sb);
}

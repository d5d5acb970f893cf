/* sandbox: one hook's Lua state, its limits and its errors (module-private).
 *
 * Only src/hooks/ includes lua.h; this header is shared by the files of the
 * hooks module and by nothing else. */
#ifndef CLERK_HOOKS_SANDBOX_H
#define CLERK_HOOKS_SANDBOX_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include <lua.h>

#include "base/diag.h"

enum sandbox_stop {
	SANDBOX_RUNNING,
	SANDBOX_INSTRUCTIONS,
	SANDBOX_MEMORY,
	SANDBOX_TIME,
};

/* One Lua stack frame, copied without allocating (frames are captured
 * inside the allocator and inside the count hook). */
struct sandbox_frame {
	char file[512]; /* the chunk's full path */
	char short_src[LUA_IDSIZE];
	char what[80]; /* "in function 'f'" */
	int line;
};

#define SANDBOX_FRAMES 10

/* What calls may still spend. A hook's own run has a budget of its own;
 * all the lambda calls of one report share one (struct hooks owns it), so
 * ten thousand cheap-looking calls cannot each start afresh. */
struct sandbox_budget {
	long instructions; /* left, charged COUNT_STEP at a time */
	long long usec;    /* wall-clock microseconds left */
	long ms;           /* the time limit, for messages */
	bool shared;       /* the lambdas' budget: messages say so */
};

/* The sandbox's small blocks (sandbox.c): a free list per size class,
 * carved from pages of its own. */
#define SANDBOX_POOL_CLASSES 16

struct sandbox_pool {
	void *free[SANDBOX_POOL_CLASSES];
	struct sandbox_page *pages;
	char *next, *end; /* what is left of the newest page */
	size_t page_bytes;
};

struct sandbox {
	lua_State *L;
	char *name;    /* the hook's NAME */
	char *path;    /* the hook's file */
	char *dir;     /* its folder, searched first by require */
	char *lib_dir; /* the library's lib/ folder */
	/* Where the hook's file and the modules it requires are noted as
	 * inputs (base/fs.h); borrowed, NULL: nowhere. */
	struct fs_recorder *rec;
	size_t mem_used;
	size_t mem_limit;
	struct sandbox_pool pool;
	struct sandbox_budget *budget; /* what the running call charges */
	struct sandbox_budget own;     /* the hook's own run */
	long time_limit_ms;
	int return_line; /* where the hook's chunk returned, or 0 */
	long next_id;    /* the last id tostring gave (stable.c) */
	volatile sig_atomic_t timed_out;
	enum sandbox_stop stop;
	struct sandbox_frame frames[SANDBOX_FRAMES];
	int nframes;         /* frames kept */
	int frames_left_out; /* stack levels beyond the kept frames */
	char stuck_msg[640];
};

/* A new state for the hook `name` in file `path`, its globals ready to be
 * given to chunks by sandbox_load. `as_of` is YYYY-MM-DD. */
struct sandbox *sandbox_new(const char *name, const char *path,
                            const char *lib_dir, const char *as_of,
                            long time_limit_ms);
/* Loads the hook's file as a text chunk with a fresh environment and
 * pushes the function; also pushes the environment table below it. Returns
 * 0, or -1 with a diagnostic (nothing pushed); a file that cannot be read
 * (a folder, a FIFO) is reported at `named`, the entry that named the
 * hook. */
int sandbox_load(struct sandbox *sb, struct pos named, struct diags *d);
/* Calls the function under `nargs` arguments on the stack, charging
 * `budget` (NULL: the hook's own) for its instructions and time, with the
 * wall-clock stop armed for the time left. Returns 0 with `nres` results
 * pushed, or -1 with the error and its traceback in `d` (nothing pushed).
 * `what` says what was running, for messages ("" or "lambda 'x'"). The
 * instruction count carries over from call to call, so calls shorter than
 * the count hook's step are charged too. */
int sandbox_call(struct sandbox *sb, int nargs, int nres, const char *what,
                 struct sandbox_budget *budget, struct diags *d);
/* Charges `n` instructions' worth of work done in C (sorting keys, say)
 * to the running call; raises the instruction stop when it runs out. */
void sandbox_charge(lua_State *L, long n);
/* The sandbox whose state L is. */
struct sandbox *sandbox_of(lua_State *L);

/* Installs the sandbox's pairs, next and tostring in the environment at
 * `env` (stable.c): pairs and next go through a table's keys in one fixed
 * order (numbers ascending, then strings bytewise, then false and true),
 * and tostring names a table, function or other object by a stable id
 * ("table: 3") rather than its address. */
void stable_open_env(lua_State *L, int env);
/* Replaces string.format in the real string library (which the string
 * metatable uses) with one that refuses %p and prints objects given to %s
 * as tostring does. */
void stable_open_string(lua_State *L);
/* Replaces `sort` in the table at index `table` (the hook's copy of the
 * table library) with a stable merge sort. */
void stable_open_table(lua_State *L, int table);

void sandbox_free(struct sandbox *sb);

/* Compiles every NAME.lua of the hook library `scripts_dir` and of its
 * lib/ folder into the process's chunk cache (sandbox.c), for processes
 * forked afterwards. Files that cannot be read or do not compile are left
 * for the hooks that use them to report. */
void sandbox_warm(const char *scripts_dir);

/* The bytecode of the hook library script built into clerk (bundled.c)
 * whose text is exactly the `len` bytes at `text`, as compiling that text
 * as the chunk `chunkname` ("@path") would make it, its length in
 * `*code_len`; NULL when no built-in script has those bytes. The caller
 * frees it. */
char *bundled_code(const char *text, size_t len, const char *chunkname,
                   size_t *code_len);

/* Stores the `clerk` table (calendar.c) in the registry under
 * "clerk.api": as_of, hook, today(), days(), date(), weekday(), keys(). */
void calendar_open(lua_State *L, const char *name, const char *as_of);

/* A read-only view of a value tree (bridge.c). */
struct value;
struct arena;
void bridge_push(lua_State *L, const struct value *v);
/* clerk.keys(map): the keys of a map of the report, in the order written
 * (pairs() goes in no particular order). */
int bridge_keys(lua_State *L);
/* Converts the Lua value at `idx` to a value tree in `a`, for the data of
 * hook `sb` at `path` (such as "computed.plan"); functions, userdata,
 * mixed tables and cycles are refused. A table reached twice is converted
 * once and the value shared, but is charged to `*nodes_left` (values the
 * report's hooks may still return) every time, at its full size, so the
 * value trees templates walk stay within LIMIT_HOOK_DATA_NODES. Only reads
 * the Lua state, raising no Lua error; returns 0, or -1 with a diagnostic
 * at the hook's return line. Every node, its positions' file name too,
 * lives in `a`, and stays valid after sandbox_free(sb). */
int bridge_to_value(struct sandbox *sb, int idx, const char *path,
                    long *nodes_left, struct arena *a, struct value **out,
                    struct diags *d);

#endif

/* sandbox: one hook's Lua state, its limits and its errors (module-private).
 *
 * Only src/hooks/ includes lua.h; this header is shared by the files of the
 * hooks module and by nothing else. */
#ifndef CLERK_HOOKS_SANDBOX_H
#define CLERK_HOOKS_SANDBOX_H

#include <signal.h>
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

struct sandbox {
	lua_State *L;
	char *name;    /* the hook's NAME */
	char *path;    /* the hook's file */
	char *dir;     /* its folder, searched first by require */
	char *lib_dir; /* the library's lib/ folder */
	size_t mem_used;
	size_t mem_limit;
	long budget; /* instructions left in this call */
	long time_limit_ms;
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
/* Calls the function under `nargs` arguments on the stack, with a fresh
 * instruction budget and the wall-clock stop armed. Returns 0 with `nres`
 * results pushed, or -1 with the error and its traceback in `d` (nothing
 * pushed). `what` says what was running, for messages ("" or "lambda
 * 'x'"). */
int sandbox_call(struct sandbox *sb, int nargs, int nres, const char *what,
                 struct diags *d);
void sandbox_free(struct sandbox *sb);

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
 * mixed tables and cycles are refused. Runs in protected mode; returns 0,
 * or -1 with a diagnostic. */
int bridge_to_value(struct sandbox *sb, int idx, const char *path,
                    struct arena *a, struct value **out, struct diags *d);

#endif

/* hooks: Lua hooks that compute a report's figures, run in a sandbox.
 *
 * A hook is a Lua 5.4 text chunk. It reads the report and returns a table,
 * which clerk stores in the data under `computed.NAME` (NAME is the file's
 * base name without `.lua`). A hook's Lua functions returned under
 * `lambdas` become Mustache lambdas, called through hooks_lambda_call.
 * What all the hooks of one report return is at most LIMIT_HOOK_DATA_NODES
 * values, a shared table counted each time it is used.
 *
 * Order. The theme's default hooks run first, in the order the theme lists
 * them, then the report's `hooks:` list in its order. A hook named twice
 * runs once, at its first place. Each hook sees, read-only, the report and
 * the `computed` data of the hooks that ran before it.
 *
 * Lookup. A theme hook is looked up in the theme folder, a report hook in
 * the report file's folder; both then fall back to the hook library folder
 * (`scripts/`). A name is a relative path of plain parts (letters, digits,
 * `_`, `-`, `.`), ending in `.lua`, with no `..`; after symbolic links are
 * resolved the file must still lie inside the folder it was found in.
 * Each hook and module read, and each place looked in and found empty, is
 * noted in hooks_options.rec (base/fs.h), which the caller owns.
 *
 * Sandbox. Each hook gets its own lua_State with a counting allocator
 * (LIMIT_HOOK_MEMORY), an instruction budget (LIMIT_HOOK_INSTRUCTIONS) and
 * a wall-clock stop (LIMIT_HOOK_MILLISECONDS; see base/limits.h). Its
 * globals are the safe base functions, copies of the string, table, math
 * and utf8 libraries, a text-only `load`, a `require` that reads Lua files
 * from the library's `lib/` folder and the hook's own folder only, and the
 * `clerk` table of deterministic date functions; pairs, next and tostring
 * give the same answers on every run (stable.c). There is no io, os,
 * package, debug, coroutine or collectgarbage, and the string metatable is
 * locked. "Today" is the as-of date given by the caller, never the clock.
 *
 * Errors. Every failure (a Lua error, a limit, a bad return value, a name
 * that cannot be found) is added to the diagnostics list as
 * `file:line: error: hook 'NAME' ...`, followed by one note per traceback
 * frame, and the run fails; nothing is partly merged.
 *
 * The wall-clock stop uses SIGALRM and ITIMER_REAL while Lua runs and
 * restores the previous handler afterwards. If a C function inside Lua is
 * still running LIMIT_HOOK_GRACE_MILLISECONDS after the stop, the process
 * writes the hook's name to stderr and exits with status 1. */
#ifndef CLERK_HOOKS_HOOKS_H
#define CLERK_HOOKS_HOOKS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "value/value.h"

/* The hooks of one report: the Lua states of those that made lambdas stay
 * alive (for the lambdas) until hooks_free; the others are closed as soon
 * as their hook has run. */
struct hooks;

struct hooks_options {
	/* The report file; its folder is searched first for report hooks.
	 * Required. */
	const char *report_path;
	/* The hook library folder (`scripts/`). Required. */
	const char *scripts_dir;
	/* "Today", as YYYY-MM-DD. NULL: the report's `meeting.date`. */
	const char *as_of;
	/* The theme's folder and its default hook names (may be NULL/0). */
	const char *theme_dir;
	const char *const *theme_hooks;
	size_t theme_hooks_len;
	/* What hooks read as clerk.vocabulary (vocabulary_tree: the theme's
	 * `vocabulary`); NULL: the default names. */
	const struct value *vocabulary;
	/* What hooks read as clerk.words: the theme's brand.yaml `words:`
	 * (merged over the default's), the words a hook's figures and labels
	 * are written in; NULL: an empty table. */
	const struct value *words;
	/* Overrides LIMIT_HOOK_MILLISECONDS when not 0 (tests use it). */
	long time_limit_ms;
	/* Where the hooks and Lua modules read, and the hook files looked
	 * for and missing, are noted (base/fs.h); borrowed, NULL: nowhere. */
	struct fs_recorder *rec;
};

/* Compiles the hook library in `scripts_dir` (its hooks and lib/
 * modules) once, in this process: every hook and module is compiled once
 * per process anyway, and a process forked after this call (a worker of
 * `clerk build`) starts with the whole library compiled. A file is used
 * from what was compiled only while it is unchanged (size and
 * modification time), and is noted as read all the same. */
void hooks_warm(const char *scripts_dir);

/* A new, empty set of hooks; never NULL. Free it with hooks_free. */
struct hooks *hooks_new(void);

/* Runs the hooks that `opt` and the report's `hooks:` list name, in the
 * order above; call it once per `struct hooks`. On success returns 0 and sets
 * `*computed` to a map (in `a`) of NAME to what each hook returned, keys in run
 * order; the caller stores it as the report's `computed`. Returns -1 with
 * diagnostics in `d` on any failure, leaving `*computed` unset. A report with
 * no hooks yields an empty map. `report` is only read, and only as it was at
 * this call: each hook sees its top level as it was then, and `computed` as it
 * was when the hook began, however late its lambdas read them, so the caller
 * may add keys to either. The nodes below stay borrowed, read as the lambdas
 * run: they must stay alive and unchanged until hooks_free. */
int hooks_run(struct hooks *h, const struct value *report,
              const struct hooks_options *opt, struct arena *a,
              struct value **computed, struct diags *d);

/* True when some hook that ran returned a lambda called `name`. */
bool hooks_has_lambda(const struct hooks *h, const char *name);
/* Names of the lambdas, sorted bytewise; borrowed, valid until
 * hooks_free. */
size_t hooks_lambda_count(const struct hooks *h);
const char *hooks_lambda_name(const struct hooks *h, size_t i);

/* Calls the lambda `name` with `text` (the section's text, as the template
 * engine passes it; NULL for a variable lambda) and appends what it returns
 * (a string or number; nil appends nothing) to `out`. All the calls made
 * through one `struct hooks` share one budget, LIMIT_LAMBDA_INSTRUCTIONS
 * and LIMIT_LAMBDA_MILLISECONDS (or the options' time limit): the text
 * is the caller's to escape. Returns 0, or -1 with diagnostics in
 * `d` (an unknown name is an error too). */
int hooks_lambda_call(struct hooks *h, const char *name, const char *text,
                      size_t len, struct buf *out, struct diags *d);

/* Closes every Lua state; `h` may be NULL. */
void hooks_free(struct hooks *h);

#endif

/* limits: every protective limit in clerk, each with its own loud error.
 *
 * These guard against hostile or broken input (alias bombs, runaway nesting,
 * huge files). A report that an author writes by hand stays far below each. */
#ifndef CLERK_BASE_LIMITS_H
#define CLERK_BASE_LIMITS_H

/* Largest YAML file the loader reads, in bytes. */
#define LIMIT_YAML_FILE_BYTES (4L * 1024 * 1024)
/* Deepest nesting of lists and maps in one YAML file. libyaml 0.2.5 has no
 * limit of its own and slows quadratically on deep flow nesting. */
#define LIMIT_YAML_DEPTH 64
/* Nodes that aliases may add to one document when expanded (billion laughs). */
#define LIMIT_YAML_ALIAS_NODES 100000
/* Longest chain of `extends:` files. */
#define LIMIT_EXTENDS_DEPTH 16
/* Deepest nesting of sections, blocks and parents in one template. */
#define LIMIT_MUSTACHE_DEPTH 100
/* Deepest nesting of partials, parents and lambda expansions while
 * rendering: a partial that includes itself forever stops here. */
#define LIMIT_MUSTACHE_PARTIAL_DEPTH 64
/* Partials, parents and lambda results expanded in one render: two
 * self-including partials would otherwise take exponential time before
 * reaching the depth limit. A report expands a few thousand. */
#define LIMIT_MUSTACHE_EXPANSIONS 100000
/* Largest template file read from a partials folder, in bytes. */
#define LIMIT_MUSTACHE_FILE_BYTES (1L * 1024 * 1024)

/* Lua VM instructions one hook may run (and one lambda call). The standard
 * library computes a large report's figures in well under a million. */
#define LIMIT_HOOK_INSTRUCTIONS 10000000L
/* Bytes one hook's Lua state may hold at once, counted by its allocator. */
#define LIMIT_HOOK_MEMORY (64L * 1024 * 1024)
/* Wall-clock milliseconds one hook (or lambda call) may run. The instruction
 * count cannot see inside C functions such as string.find, whose pattern
 * matcher can backtrack for minutes; this stop catches them. */
#define LIMIT_HOOK_MILLISECONDS 2000L
/* After the wall-clock stop, milliseconds a C function gets to return before
 * clerk gives up on it and exits with status 1. */
#define LIMIT_HOOK_GRACE_MILLISECONDS 500L
/* Levels of nested tables a hook may return as data. */
#define LIMIT_HOOK_DATA_DEPTH 64
/* Elements (quotes, lists, list items, table parts, emphasis, links) one
 * prose field may have open inside one another. md4c has no limit, and
 * the page, template and Markdown together must stay within the 256 levels
 * the PDF path's XML parser accepts. Deeper ones are left out, their text
 * kept, and the render fails. */
#define LIMIT_MARKDOWN_DEPTH 64
/* Square brackets open inside one another in one paragraph. md4c 0.4.8
 * takes quadratic time over deeply nested brackets once the field defines
 * a link reference (20,000 took 3 s). */
#define LIMIT_MARKDOWN_BRACKET_DEPTH 32
/* Bare web addresses (`://` or `www.`) in one paragraph. md4c 0.4.8 takes
 * quadratic time over the bare addresses of a paragraph: 10,000 take
 * 0.07 s, 100,000 took 6 s. */
#define LIMIT_MARKDOWN_BARE_LINKS 10000
/* Largest logo or extra.css a theme may embed in every page, in bytes. */
#define LIMIT_THEME_LOGO_BYTES (1L * 1024 * 1024)

#endif

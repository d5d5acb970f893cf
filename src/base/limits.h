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
/* Bytes one render may write, counting text set aside for lambdas: nested
 * sections over long lists, or lambdas that double their text, stop here.
 * A long report's page is under 1 MiB. */
#define LIMIT_MUSTACHE_OUTPUT_BYTES (64L * 1024 * 1024)

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
/* Values that all the hooks of one report may return, counted as the
 * templates see them: a table returned in two places counts twice, so
 * sharing (t = {t, t}, forty times) cannot make 2^40 of them. The library
 * returns a few thousand for a long report. */
#define LIMIT_HOOK_DATA_NODES 1000000L
/* Lua VM instructions and wall-clock milliseconds that all the lambda
 * calls of one report may use together: a template calling a slow lambda
 * ten thousand times stops here, not after ten thousand fresh budgets. */
#define LIMIT_LAMBDA_INSTRUCTIONS 10000000L
#define LIMIT_LAMBDA_MILLISECONDS 2000L
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
/* Longest text token of a theme (a council name, a heading, a running
 * header's slot), in bytes. */
#define LIMIT_THEME_TEXT_BYTES 1000
/* brand.yaml numbering.format: a paragraph number's text around {n}. */
#define LIMIT_THEME_FORMAT_BYTES 32
/* Most names in one font list of a theme. */
#define LIMIT_THEME_FONT_NAMES 16
/* Groups (brand.yaml `sections.X.group`) of one theme. */
#define LIMIT_THEME_GROUPS 64
/* Rules of a theme's style sheets together, and declarations in one rule. */
#define LIMIT_THEME_RULES 5000
#define LIMIT_THEME_DECLS 64

/* Errors kept and printed from one run; the rest are counted and printed
 * as one line, "... and N more errors". */
#define LIMIT_DIAG_ERRORS 200
/* Seconds `clerk build` lets one report render before it stops the
 * worker and counts the report failed (--timeout changes it). A large
 * report renders in about a second. */
#define LIMIT_BUILD_REPORT_SECONDS 120
/* Milliseconds a worker of `clerk build` gets to end after SIGTERM (on
 * an interrupted build) before it is killed. */
#define LIMIT_BUILD_STOP_GRACE_MILLISECONDS 2000L
/* Largest image file (PNG or JPEG) the PDF reads, in bytes. */
#define LIMIT_IMAGE_FILE_BYTES (32L * 1024 * 1024)
/* Widest and tallest image the PDF takes, in pixels, checked from the
 * header before any pixel is decoded. */
#define LIMIT_IMAGE_SIDE 10000L
/* Most pixels in one image: 40 million are 160 MB decoded with alpha. */
#define LIMIT_IMAGE_PIXELS 40000000L
/* Most pixels of all the different images in one PDF together, which stay
 * decoded from layout until the file is written. */
#define LIMIT_IMAGE_RENDER_PIXELS 120000000L
/* Largest image file a report's Markdown embeds in its page, in bytes.
 * The page carries it as base64 (4 characters for 3 bytes) in one src
 * attribute, and the XML parser the PDF path reads the page with takes
 * attribute values up to 10 million characters. */
#define LIMIT_IMAGE_EMBED_BYTES 7000000L
/* Image bytes one report's Markdown embeds in all, counting an image each
 * time it is named: the page stays well within LIMIT_MUSTACHE_OUTPUT_BYTES
 * and one file named a thousand times is not decoded a thousand times. */
#define LIMIT_IMAGE_EMBED_TOTAL_BYTES (24L * 1024 * 1024)

/* Deepest nesting of elements in the HTML the PDF path lays out. Layout
 * recurses once per level; libxml2 stops at 256 with a message of its
 * own. A report's page nests about a dozen deep. */
#define LIMIT_PDF_HTML_DEPTH 200
/* Longest link address the PDF keeps as a link, in bytes; libharu refuses
 * a string over 65535 and fails the whole file. Past it the text stays and
 * only the link goes, with a warning. */
#define LIMIT_PDF_LINK_BYTES 8192
/* Longest bookmark title, in bytes: a longer heading keeps its text on
 * the page but its bookmark is shortened, with a warning. */
#define LIMIT_PDF_BOOKMARK_BYTES 1024
/* Longest document information entry (title, author, subject) written to a
 * PDF, in bytes; a longer one is cut at a character. libharu fails the
 * whole document on a string over 65,535 bytes. */
#define LIMIT_PDF_INFO_BYTES 4096

/* Largest spreadsheet file (a tracker) clerk imports, in bytes. */
#define LIMIT_SHEET_FILE_BYTES (32L * 1024 * 1024)
/* Largest part of an .xlsx or .ods archive once unzipped, and the most
 * all the parts read may unzip to: a zip bomb stops here, whatever sizes
 * the archive's headers claim. */
#define LIMIT_SHEET_PART_BYTES (64L * 1024 * 1024)
#define LIMIT_SHEET_UNZIPPED_BYTES (128L * 1024 * 1024)
/* Rows, columns and cells with content in one sheet (a tracker has a few
 * hundred rows of ten columns), and the longest text of one cell (Excel
 * holds 32,767 characters; four bytes each at most). */
#define LIMIT_SHEET_ROWS 100000L
#define LIMIT_SHEET_COLUMNS 1024L
#define LIMIT_SHEET_CELLS 1000000L
#define LIMIT_SHEET_CELL_BYTES (4L * 32767)

#endif

/* libFuzzer target for the style sheet parser (theme/sheet.c): the input
 * is a style sheet, read with the default theme's tokens. It must parse or
 * give an error; a parsed sheet, written out as CSS, must parse again to
 * the same CSS (the writer and the parser agree), and its rules must map
 * onto the layout's (paper_rules) without a fault. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "paper/paper.h"
#include "theme/internal.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct arena base = ARENA_INIT;
static struct theme plain;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diags d = DIAGS_INIT;
	struct value *brand = NULL;
	if (load_file(&base, "templates/default/brand.yaml", NULL, &brand,
	              &d) != 0 ||
	    theme_read_brand(&base, brand, false, &plain, &d) != 0) {
		diags_print(&d, stderr, false);
		fprintf(stderr, "fuzz_style: run from the repository root\n");
		exit(1);
	}
	diags_free(&d);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct theme_style s = {0};
	if (theme_style_parse(&a, &plain, "style.css", (const char *)data, size,
	                      &s, &d) != 0) {
		if (d.errors == 0)
			__builtin_trap(); /* a refusal must say why */
	} else {
		struct buf once = BUF_INIT, twice = BUF_INIT;
		theme_style_write(&s, &once);
		struct theme_style again = {0};
		if (theme_style_parse(&a, &plain, "again.css", once.data,
		                      once.len, &again, &d) != 0)
			__builtin_trap();
		theme_style_write(&again, &twice);
		if (once.len != twice.len ||
		    memcmp(once.data, twice.data, once.len) != 0)
			__builtin_trap();
		struct layout_style st;
		layout_style_defaults(&st);
		paper_rules(&a, &s, &st);
		buf_free(&once);
		buf_free(&twice);
	}
	diags_free(&d);
	arena_free(&a);
	return 0;
}

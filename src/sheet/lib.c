/* lib: the spreadsheet libraries, opened when a spreadsheet is.
 *
 * libxlsxwriter (writing .xlsx) and libzip (reading .xlsx and .ods) bring
 * libcrypto, minizip and libbz2 with them: linked into clerk, they cost
 * every run some 2 MB of resident memory and their relocations, though
 * only clerk export and clerk import use them. So they are not linked:
 * the file that uses one opens it with dlopen the first time it is
 * needed and takes its functions by name into a table of its own. A
 * library that cannot be opened is an error that names it and its
 * Debian package, at the spreadsheet being read or written. */
#include <dlfcn.h>

#include "sheet/internal.h"

void *sheet_lib_open(const char *soname, const char *package,
                     const char *const names[], struct pos at, struct diags *d)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		diag_error(d, at,
		           "cannot open %s, which clerk needs for "
		           "spreadsheets (%s); install the Debian package %s",
		           soname, dlerror(), package);
		return NULL;
	}
	for (size_t i = 0; names[i]; i++)
		if (!dlsym(h, names[i])) {
			diag_error(d, at,
			           "cannot use %s for spreadsheets: it has no "
			           "%s; install the Debian package %s",
			           soname, names[i], package);
			dlclose(h);
			return NULL;
		}
	return h;
}

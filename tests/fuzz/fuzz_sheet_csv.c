/* libFuzzer target for the csv reader of trackers (sheet_read_csv): any
 * bytes must read or fail with a diagnostic, never crash, leak or hang,
 * and a table that reads must import into a small plan as YAML that
 * loads again (tests/fuzz/sheet_oracle.h). */
#include <stddef.h>
#include <stdint.h>

#include "sheet_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_sheet(sheet_read_csv, "fuzz.csv", data, size);
}

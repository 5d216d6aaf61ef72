#ifndef BATON_CFUZZERDRIVER_H
#define BATON_CFUZZERDRIVER_H
/* libFuzzer's driver, for programs that have their own main (SwiftPM renames an executable's entry point, so
 * libFuzzer's own main cannot be used). Defined in clang's libFuzzer runtime, linked by -sanitize=fuzzer. */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif

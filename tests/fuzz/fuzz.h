/* fuzz.h - the entry point every fuzz target defines: libFuzzer calls it
 * under `make fuzz`, and driver.c replays each corpus through it in
 * `make check`, so every input that once broke a parser stays a test. */
#ifndef JSNA_FUZZ_H
#define JSNA_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif

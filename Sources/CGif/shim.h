#ifndef OPTISCAPE_CGIF_SHIM_H
#define OPTISCAPE_CGIF_SHIM_H
// giflib: the GIF (LZW) encoder and decoder behind `play --gif`. Debian ships no giflib.pc,
// so the module map links "gif" directly.
#include <gif_lib.h>
#endif

#ifndef OPTISCAPE_COPENBLAS_SHIM_H
#define OPTISCAPE_COPENBLAS_SHIM_H
// OpenBLAS's CBLAS interface (cblas_dgemm, cblas_ddot, …) and its thread control
// (openblas_set_num_threads). pkg-config "openblas" points at Debian's pthread build:
// /usr/include/x86_64-linux-gnu/openblas-pthread/cblas.h.
#include <cblas.h>
#endif

#ifndef OPTISCAPE_CLAPACKE_SHIM_H
#define OPTISCAPE_CLAPACKE_SHIM_H
// LAPACKE, the C interface to LAPACK (Debian's liblapacke, which calls the system LAPACK:
// OpenBLAS's when libopenblas-dev is installed). optiscape uses the real symmetric routines only
// (dsyevd/dsyevr for Hessian spectra, dsysv/dposv-style solves for Newton steps). The complex
// types are never used; a plain struct keeps C99 _Complex out of the Swift import.
typedef struct { float re, im; } osc_lapack_complex_float;
typedef struct { double re, im; } osc_lapack_complex_double;
#define lapack_complex_float osc_lapack_complex_float
#define lapack_complex_double osc_lapack_complex_double
#include <lapacke.h>
#endif

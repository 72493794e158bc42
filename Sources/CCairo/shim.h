#ifndef OPTISCAPE_CCAIRO_SHIM_H
#define OPTISCAPE_CCAIRO_SHIM_H
// cairo: one drawing API whose surfaces write SVG, PDF and PNG (see Sources/OptiscapePicture).
#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
#endif

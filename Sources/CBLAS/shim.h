// OpenBLAS's CBLAS interface (libopenblas-dev; pkg-config adds its include path).
#include <cblas.h>

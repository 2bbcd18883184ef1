#ifndef SPOTJOB_CLIBPQ_SHIM_H
#define SPOTJOB_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif

// FormatUtc (trace.h), in its own file: instantiating date::format beside
// trace.cc's parsing trips GCC 12's -Wmaybe-uninitialized inside date.h.
#include <date/date.h>

#include "autoscale/trace.h"

namespace gpuscout {

std::string FormatUtc(int64_t t) { return date::format("%FT%TZ", date::sys_seconds{std::chrono::seconds{t}}); }

}  // namespace gpuscout

// The gpuscout command line.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace gpuscout::cli {

// Runs one command line (args without the program name) and returns the exit
// code. Answers go to `out`, messages to `err`.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

int Main(int argc, char** argv);

}  // namespace gpuscout::cli

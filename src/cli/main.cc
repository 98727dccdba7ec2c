#include "cli/app.h"

int main(int argc, char** argv) { return gpuscout::cli::Main(argc, argv); }

// Errors as values. Every failure a user can cause or meet carries the exit code
// the CLI will return, and where it can, the file, line, column and field.
#pragma once

#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace gpuscout {

// Exit codes, as documented in README.md and docs/PRODUCT.md.
enum class ExitCode : int {
  kAnswered = 0,     // answered
  kAnsweredNo = 1,   // answered "no": nothing fits, lint found errors
  kBadInput = 2,     // bad usage or bad input
  kEnvironment = 3,  // the environment failed: unreadable file, port taken
};

struct Error {
  ExitCode code = ExitCode::kBadInput;
  std::string message;
  std::string file;   // empty when the error is not about a file
  int line = 0;       // 1-based; 0 when unknown
  int column = 0;     // 1-based character column; 0 when unknown
  std::string field;  // column name or option, when known
  bool over_budget = false;  // the work was abandoned at its time budget (base/budget.h)

  // "file:line:column: field: message", leaving out the parts that are unknown.
  std::string Format() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(ExitCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message), {}, 0, 0, {}, false});
}

inline tl::unexpected<Error> FailAt(std::string file, int line, int column,
                                    std::string field, std::string message) {
  return tl::unexpected<Error>(Error{ExitCode::kBadInput, std::move(message), std::move(file),
                                     line, column, std::move(field), false});
}

// An error about a command-line option (or the plan key it mirrors).
inline Error OptionError(std::string option, std::string message) {
  Error e;
  e.field = std::move(option);
  e.message = std::move(message);
  return e;
}

}  // namespace gpuscout

// Errors as values. Every failure a user can cause or meet carries the exit code
// the CLI will return, and where it can, the file, line, column and field.
#pragma once

#include <string>
#include <string_view>
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
  std::string field;  // column name, YAML key, JSON path or option, when known
  // `field` names a request field or command-line option in its neutral
  // spelling (`micro_batch`); Format() shows it as the CLI's `--micro-batch`
  // when no file is involved, and the server as the JSON key.
  bool option = false;
  bool over_budget = false;  // the work was abandoned at its time budget (base/budget.h)
  bool unavailable = false;  // a service it needs is down (the database): worth retrying soon (HTTP 503)

  // "file:line:column: field: message", leaving out the parts that are
  // unknown. Without a file the error is the command line's: the field and
  // the fields the message refers to read as options (`--micro-batch`).
  std::string Format() const;
  // The message with its field references ([[micro_batch]]) rendered as
  // options (`--micro-batch`) or as keys (`micro_batch`).
  std::string Message(bool as_options) const;
};

template <typename T>
using Result = tl::expected<T, Error>;

// `auto var = *expr` for a Result, returning its error from the caller.
#define GS_TRY(var, expr)                                \
  auto var##_r = (expr);                                 \
  if (!var##_r) return tl::unexpected(var##_r.error()); \
  auto var = std::move(*var##_r)

// Returns the error of a Result<void> (or any Result) from the caller.
#define GS_CHECK(expr)                                    \
  do {                                                    \
    if (auto gs_check_r = (expr); !gs_check_r) {          \
      return tl::unexpected(std::move(gs_check_r.error())); \
    }                                                     \
  } while (false)

inline tl::unexpected<Error> Fail(ExitCode code, std::string message) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  return tl::unexpected<Error>(std::move(e));
}

inline tl::unexpected<Error> FailAt(std::string file, int line, int column,
                                    std::string field, std::string message) {
  Error e;
  e.message = std::move(message);
  e.file = std::move(file);
  e.line = line;
  e.column = column;
  e.field = std::move(field);
  return tl::unexpected<Error>(std::move(e));
}

// An error about a request field or option, named neutrally: `micro_batch`
// (a CLI spelling such as `--micro-batch` is accepted and made neutral).
Error OptionError(std::string_view field, std::string message);

// Names the request field or option `e` is about (neutral spelling).
void SetOption(Error& e, std::string_view field);

// "[[micro_batch]]" in a message refers to a field: `--micro-batch` as an
// option, `micro_batch` as a key.
std::string RenderFieldRefs(std::string_view text, bool as_options);

// An error about a field named as it is written: a JSON path, a YAML key,
// a header (`Idempotency-Key`); not rendered as an option.
Error FieldError(std::string field, std::string message);

// The neutral spelling of an option: `--micro-batch` -> `micro_batch`.
std::string NeutralFieldName(std::string_view option);

}  // namespace gpuscout

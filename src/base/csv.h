// An RFC 4180 CSV reader that remembers where every field came from, so that
// a bad value can be reported as file:line:column.
//
// Accepted: quoted fields holding commas, quotes ("" escapes) and line breaks;
// CRLF or LF line ends; a UTF-8 byte-order mark; a missing final newline;
// blank lines (skipped). Rejected: an unterminated quote, a quote inside an
// unquoted field, text after a closing quote.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace gpuscout {

struct CsvField {
  std::string value;
  int column = 0;  // 1-based character column where the field starts
};

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<CsvField> fields;
};

struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<CsvRecord> rows;  // only rows as wide as the header
  std::vector<Error> errors;    // rows of the wrong width, one error each
  std::vector<CsvRecord> bad_rows;  // those rows, in the same order as `errors`

  // Index of a header column, matched exactly; nullopt when absent.
  std::optional<size_t> Find(std::string_view name) const;
  // The indexes of every column named, in that order; the first one absent
  // is an error at line 1 naming it ("missing column").
  Result<std::vector<size_t>> Require(std::initializer_list<std::string_view> names) const;
};

// Parses `text` (named `file` in messages). The first record is the header.
// A syntax error (bad quoting) fails the whole parse; rows whose field count
// differs from the header's are left out of `rows` and listed in `errors`.
Result<CsvTable> ParseCsv(std::string_view text, std::string file);

// Takes back rows that have more fields than the header when the header's
// last column is `column`, joining the extra fields into it with ','. For
// SkyPilot's Azure catalog, which writes Generation "V1,V2" unquoted.
void FoldExtraFieldsInto(CsvTable& table, std::string_view column);

// Quotes a value for CSV output when it holds a comma, quote or line break.
std::string CsvEscape(std::string_view value);

// Typed access to one field, with errors naming file, line, column and field.
class CsvRow {
 public:
  CsvRow(const CsvTable& table, const CsvRecord& record) : table_(table), record_(record) {}

  int line() const { return record_.line; }
  const std::string& Text(size_t index) const { return record_.fields[index].value; }
  // A number; an empty field is an error naming `field`.
  Result<double> Number(size_t index, std::string_view field) const;
  // A number, or nullopt when the field is empty.
  Result<std::optional<double>> OptionalNumber(size_t index, std::string_view field) const;
  Error ErrorAt(size_t index, std::string_view field, std::string message) const;

 private:
  const CsvTable& table_;
  const CsvRecord& record_;
};

}  // namespace gpuscout

#include "base/csv.h"

#include <algorithm>

#include "base/strings.h"

namespace gpuscout {
namespace {

class Parser {
 public:
  Parser(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  }

  // Reads the next record into `out`. Returns false at end of input.
  Result<bool> Next(CsvRecord& out) {
    // Skip blank lines between records.
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ConsumeLineEnd();
    }
    if (pos_ >= text_.size()) return false;
    out.line = line_;
    out.fields.clear();
    while (true) {
      CsvField field;
      field.column = Column();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        const int quote_line = line_;
        const int quote_column = Column();
        ++pos_;
        while (true) {
          if (pos_ >= text_.size()) {
            return FailAt(file_, quote_line, quote_column, "",
                          "unterminated quoted field (the quote opened here is never closed)");
          }
          const char c = text_[pos_];
          if (c == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
              field.value += '"';
              pos_ += 2;
              continue;
            }
            ++pos_;
            break;
          }
          if (c == '\n') {
            field.value += c;
            ++pos_;
            ++line_;
            line_start_ = pos_;
            continue;
          }
          field.value += c;
          ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
            text_[pos_] != '\r') {
          return FailAt(file_, line_, Column(), "",
                        "unexpected character after a closing quote (expected ',' or end of line)");
        }
      } else {
        const size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
               text_[pos_] != '\r') {
          if (text_[pos_] == '"') {
            return FailAt(file_, line_, Column(), "",
                          "quote inside an unquoted field (quote the whole field and double the quote)");
          }
          ++pos_;
        }
        field.value.assign(text_.substr(start, pos_ - start));
      }
      out.fields.push_back(std::move(field));
      if (pos_ >= text_.size()) break;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      ConsumeLineEnd();
      break;
    }
    return true;
  }

  int Column() const { return static_cast<int>(pos_ - line_start_) + 1; }

 private:
  void ConsumeLineEnd() {
    if (text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
    line_start_ = pos_;
  }

  std::string_view text_;
  std::string file_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
};

}  // namespace

std::optional<size_t> CsvTable::Find(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

Result<std::vector<size_t>> CsvTable::Require(std::initializer_list<std::string_view> names) const {
  std::vector<size_t> at;
  for (std::string_view name : names) {
    const auto c = Find(name);
    if (!c) return FailAt(file, 1, 1, std::string(name), "missing column");
    at.push_back(*c);
  }
  return at;
}

Result<CsvTable> ParseCsv(std::string_view text, std::string file) {
  CsvTable table;
  table.file = file;
  Parser parser(text, std::move(file));
  CsvRecord record;
  auto got = parser.Next(record);
  if (!got) return tl::unexpected(got.error());
  if (!*got) return FailAt(table.file, 1, 1, "", "empty file: a header row is required");
  for (auto& f : record.fields) table.header.push_back(Trim(f.value));
  while (true) {
    got = parser.Next(record);
    if (!got) return tl::unexpected(got.error());
    if (!*got) break;
    if (record.fields.size() != table.header.size()) {
      const bool too_many = record.fields.size() > table.header.size();
      const int column = too_many ? record.fields[table.header.size()].column
                                  : record.fields.back().column +
                                        static_cast<int>(record.fields.back().value.size());
      table.errors.push_back(Error{ExitCode::kBadInput,
                                   "expected " + std::to_string(table.header.size()) +
                                       " fields as in the header, found " +
                                       std::to_string(record.fields.size()),
                                   table.file, record.line, column, ""});
      table.bad_rows.push_back(std::move(record));
      record = CsvRecord{};
      continue;
    }
    table.rows.push_back(std::move(record));
    record = CsvRecord{};
  }
  return table;
}

void FoldExtraFieldsInto(CsvTable& table, std::string_view column) {
  if (table.header.empty() || table.header.back() != column) return;
  const size_t width = table.header.size();
  std::vector<Error> errors;
  std::vector<CsvRecord> bad;
  bool taken = false;
  for (size_t i = 0; i < table.bad_rows.size(); ++i) {
    CsvRecord& r = table.bad_rows[i];
    if (r.fields.size() <= width) {
      errors.push_back(std::move(table.errors[i]));
      bad.push_back(std::move(r));
      continue;
    }
    for (size_t k = width; k < r.fields.size(); ++k) {
      r.fields[width - 1].value += "," + r.fields[k].value;
    }
    r.fields.resize(width);
    table.rows.push_back(std::move(r));
    taken = true;
  }
  table.errors = std::move(errors);
  table.bad_rows = std::move(bad);
  if (taken) {
    std::stable_sort(table.rows.begin(), table.rows.end(),
                     [](const CsvRecord& a, const CsvRecord& b) { return a.line < b.line; });
  }
}

std::string CsvEscape(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

Error CsvRow::ErrorAt(size_t index, std::string_view field, std::string message) const {
  return Error{ExitCode::kBadInput, std::move(message), table_.file, record_.line,
               record_.fields[index].column, std::string(field)};
}

Result<double> CsvRow::Number(size_t index, std::string_view field) const {
  const std::string& text = record_.fields[index].value;
  if (Trim(text).empty()) return tl::unexpected(ErrorAt(index, field, "missing value"));
  auto value = ParseDouble(text);
  if (!value) {
    return tl::unexpected(ErrorAt(index, field, "not a number: '" + text + "'"));
  }
  return *value;
}

Result<std::optional<double>> CsvRow::OptionalNumber(size_t index, std::string_view field) const {
  if (Trim(record_.fields[index].value).empty()) return std::optional<double>{};
  GS_TRY(value, Number(index, field));
  return std::optional<double>{value};
}

}  // namespace gpuscout

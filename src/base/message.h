// A sentence as data: a key into the message table (base/message_table.cc)
// and its named figures. Libraries return Messages; the CLI, the codec and
// the web page render them in the reader's language with Render().
//
//   Message("mem.kv_cache").With("kib", 128.0).With("tokens", 768)
//   en template: "KV cache {kib:.0f} KiB per token x {tokens} tokens"
//
// A figure is a number, a verbatim string (names, identifiers, files), a
// Word (a key translated on its own) or a nested Message (an optional
// clause; an empty Message renders as ""). Values are copied: a Message owns
// everything it needs and may outlive what it describes.
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/i18n.h"

namespace gpuscout {

// A key of the message table rendered as a word or phrase inside a sentence.
struct Word {
  explicit Word(std::string k) : key(std::move(k)) {}
  std::string key;
};

// One named figure. A plain struct rather than a std::variant: GCC 12 warns
// falsely (maybe-uninitialized) on moving variants of strings at -O2.
struct Figure {
  enum class Kind { kNumber, kInteger, kText, kWord, kClause };
  std::string name;
  Kind kind = Kind::kNumber;
  double number = 0;
  long long integer = 0;
  std::string text;   // kText: verbatim; kWord: a key of the table
  size_t clause = 0;  // kClause: an index into clauses()
};

class Message {
 public:
  Message() = default;
  explicit Message(std::string key, std::string source = {}) : key_(std::move(key)), source_(std::move(source)) {}

  Message& With(std::string name, double v) { return Add({std::move(name), Figure::Kind::kNumber, v, 0, {}, 0}); }
  template <std::integral T>
  Message& With(std::string name, T v) {
    return Add({std::move(name), Figure::Kind::kInteger, 0, static_cast<long long>(v), {}, 0});
  }
  Message& With(std::string name, std::string v) { return Add({std::move(name), Figure::Kind::kText, 0, 0, std::move(v), 0}); }
  Message& With(std::string name, const char* v) { return With(std::move(name), std::string(v)); }
  Message& With(std::string name, std::string_view v) { return With(std::move(name), std::string(v)); }
  Message& With(std::string name, Word v) { return Add({std::move(name), Figure::Kind::kWord, 0, 0, std::move(v.key), 0}); }
  Message& With(std::string name, Message v) {
    clauses_.push_back(std::move(v));
    return Add({std::move(name), Figure::Kind::kClause, 0, 0, {}, clauses_.size() - 1});
  }

  bool empty() const { return key_.empty(); }
  const std::string& key() const { return key_; }
  // Where the figures come from: a file under data/ or a data/SOURCES.md id.
  const std::string& source() const { return source_; }
  const std::vector<Figure>& figures() const { return figures_; }
  const std::vector<Message>& clauses() const { return clauses_; }

 private:
  Message& Add(Figure f) {
    figures_.push_back(std::move(f));
    return *this;
  }
  std::string key_;
  std::string source_;
  std::vector<Figure> figures_;
  std::vector<Message> clauses_;
};

// Text that reads the same in every language (a name, an identifier, a
// message from another program), as a Message.
inline Message Verbatim(std::string text) { return Message("text.verbatim").With("text", std::move(text)); }

// The sentence in `lang`: the template for the key with the figures put in.
// A key missing from the table renders as the key and its figures, so a
// mistake shows rather than throws (message_table_test finds it).
std::string Render(const Message& m, Lang lang);
std::vector<std::string> Render(const std::vector<Message>& ms, Lang lang);

// The {name} placeholders of a template, for the table's own test.
std::vector<std::string> TemplateFields(std::string_view text);

}  // namespace gpuscout

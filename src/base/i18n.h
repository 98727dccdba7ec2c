// English and Chinese words for table headers and messages (--lang en|zh).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace gpuscout {

enum class Lang { kEn, kZh };

std::optional<Lang> ParseLang(std::string_view code);

// One row of the message table: a word, a header or a sentence template
// (fmt syntax with named fields) in English and Chinese.
struct MessageEntry {
  std::string_view key;
  std::string_view en;
  std::string_view zh;
};

// The text for `key` in `lang`; nullopt when the table has no such key.
std::optional<std::string_view> Lookup(Lang lang, std::string_view key);

// The text for `key` in `lang`; the key itself when no translation exists.
std::string_view Tr(Lang lang, std::string_view key);

// The table: headers and words (i18n.cc), sentences (message_table.cc).
std::span<const MessageEntry> WordTable();
std::span<const MessageEntry> SentenceTable();

}  // namespace gpuscout

// English and Chinese words for table headers and messages (--lang en|zh).
#pragma once

#include <optional>
#include <string_view>

namespace gpuscout {

enum class Lang { kEn, kZh };

std::optional<Lang> ParseLang(std::string_view code);

// The text for `key` in `lang`; the key itself when no translation exists.
std::string_view Tr(Lang lang, std::string_view key);

}  // namespace gpuscout

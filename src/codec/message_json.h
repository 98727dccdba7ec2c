// Messages (base/message.h) in JSON: the sentence in the reader's language,
// and the data behind it (key, figures, source) for programs.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "base/message.h"

namespace gpuscout {

// The sentence, or null for an empty message.
nlohmann::json MessageJson(const Message& m, Lang lang);

// The sentences, as an array of strings.
nlohmann::json MessagesJson(const std::vector<Message>& ms, Lang lang);

// [{"kind": key, "figures": {name: number or text}, "source": ...}], nested
// clauses as objects of the same form.
nlohmann::json MessageDetailsJson(const std::vector<Message>& ms);

}  // namespace gpuscout

#include "codec/message_json.h"

namespace gpuscout {
namespace {

nlohmann::json Details(const Message& m) {
  nlohmann::json figures = nlohmann::json::object();
  for (const Figure& f : m.figures()) {
    switch (f.kind) {
      case Figure::Kind::kNumber: figures[f.name] = f.number; break;
      case Figure::Kind::kInteger: figures[f.name] = f.integer; break;
      case Figure::Kind::kText: figures[f.name] = f.text; break;
      case Figure::Kind::kWord: figures[f.name] = f.text; break;
      case Figure::Kind::kClause: {
        const Message& c = m.clauses()[f.clause];
        figures[f.name] = c.empty() ? nlohmann::json(nullptr) : Details(c);
        break;
      }
    }
  }
  nlohmann::json j = {{"kind", m.key()}, {"figures", figures}};
  if (!m.source().empty()) j["source"] = m.source();
  return j;
}

}  // namespace

nlohmann::json MessageJson(const Message& m, Lang lang) {
  return m.empty() ? nlohmann::json(nullptr) : nlohmann::json(Render(m, lang));
}

nlohmann::json MessagesJson(const std::vector<Message>& ms, Lang lang) { return Render(ms, lang); }

nlohmann::json MessageDetailsJson(const std::vector<Message>& ms) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : ms) out.push_back(Details(m));
  return out;
}

}  // namespace gpuscout

// The message table (base/message_table.cc, base/i18n.cc) and Render: every
// key once, Chinese templates with the same fields as the English ones, every
// key the sources name present, and rendering of figures, words and clauses.
#include "base/message.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "source_files.h"

namespace gpuscout {
namespace {

std::set<std::string> Fields(std::string_view text) {
  auto v = TemplateFields(text);
  return {v.begin(), v.end()};
}

TEST(MessageTable, EveryKeyOnce) {
  std::set<std::string_view> seen;
  for (auto table : {WordTable(), SentenceTable()}) {
    for (const auto& e : table) EXPECT_TRUE(seen.insert(e.key).second) << "duplicate key " << e.key;
  }
  EXPECT_GT(SentenceTable().size(), 200u);
}

TEST(MessageTable, ChineseUsesTheSameFieldsAsEnglish) {
  for (const auto& e : SentenceTable()) {
    if (e.zh.empty()) continue;
    EXPECT_EQ(Fields(e.en), Fields(e.zh)) << e.key;
  }
}

TEST(MessageTable, EveryChineseSentenceIsChinese) {
  // A Chinese template that is still English (four lower-case words in a row
  // outside its fields and quotes of a program's own output) is a missed
  // translation.
  const std::regex english(R"([a-z]{2,}(?:[ ,][a-z]{2,}){3,})");
  const std::regex fields(R"(\{[a-z_0-9]+(:[^}]*)?\}|'[^']*')");
  for (const auto& e : SentenceTable()) {
    const std::string zh = std::regex_replace(std::string(e.zh), fields, "X");
    EXPECT_FALSE(std::regex_search(zh, english)) << e.key << ": " << e.zh;
  }
}

// Message("key") and Word("key") with a literal key, in every source file.
std::set<std::string> KeysNamedInSources() {
  std::set<std::string> keys;
  // A key followed by "+" is a prefix (Word("stream.limit_" + limit)), checked by the CLI tests.
  const std::regex named(R"re((?:Message|Word)\("([a-z_]+\.[a-z_0-9.]+)"[,)])re");
  const std::filesystem::path src = std::filesystem::path(GPUSCOUT_SOURCE_DIR) / "src";
  for (const auto& f : std::filesystem::recursive_directory_iterator(src)) {
    if (f.path().extension() != ".cc") continue;
    const std::string text = testing::ReadText(f.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), named), end; it != end; ++it) keys.insert((*it)[1]);
  }
  return keys;
}

TEST(MessageTable, EveryKeyTheSourcesNameIsInTheTable) {
  const auto keys = KeysNamedInSources();
  EXPECT_GT(keys.size(), 150u);
  for (const auto& k : keys) {
    EXPECT_TRUE(Lookup(Lang::kEn, k).has_value()) << k << " is named in src/ but not in the table";
  }
}

TEST(Render, FiguresWithTheirFormatInEitherLanguage) {
  const Message m = Message("tput.link_pcie").With("gen", 4).With("gbps", 31.5078);
  EXPECT_EQ(Render(m, Lang::kEn), "PCIe gen 4 x16 31.5 GB/s per direction");
  EXPECT_EQ(Render(m, Lang::kZh), "PCIe 4 代 x16 单向 31.5 GB/s");
}

TEST(Render, WordsAndClausesAreTranslatedAndAnEmptyClauseIsNothing) {
  const Message with = Message("est.speed").With("samples", 2.0).With("tokens", Message("est.tokens").With("n", 100.0))
                           .With("step", 0.5).With("dataset", Message());
  EXPECT_EQ(Render(with, Lang::kEn), "2.0 samples/s, 100 tokens/s; 0.500 s per step");
  EXPECT_EQ(Render(with, Lang::kZh), "每秒 2.0 个样本，每秒 100 个 token；每步 0.500 秒");
  const Message word = Message("stream.per_gpu").With("sessions", 2).With("limit", Word("stream.limit_encoder"))
                           .With("gpus", Message());
  EXPECT_EQ(Render(word, Lang::kEn), "2 session(s) per GPU, limited by encoder");
  EXPECT_EQ(Render(word, Lang::kZh), "每块 GPU 2 路，受编码器限制");
}

TEST(Render, AMistakeShowsInsteadOfThrowing) {
  // An unknown key, a missing field and a spec that does not suit the value
  // render as the key and its figures.
  EXPECT_EQ(Render(Message("no.such_key").With("x", 1), Lang::kEn), "no.such_key(x=1)");
  EXPECT_EQ(Render(Message("est.tokens"), Lang::kEn), "est.tokens()");
  EXPECT_EQ(Render(Message("est.tokens").With("n", "text"), Lang::kEn), "est.tokens(n=text)");
  EXPECT_EQ(Render(Message(), Lang::kZh), "");
}

}  // namespace
}  // namespace gpuscout

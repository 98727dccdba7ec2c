#include "base/csv.h"

#include <gtest/gtest.h>

#include <random>

namespace gpuscout {
namespace {

CsvTable MustParse(std::string_view text) {
  auto t = ParseCsv(text, "t.csv");
  EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().Format());
  return t ? *t : CsvTable{};
}

TEST(Csv, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  // SkyPilot's GpuInfo column is a quoted Python dict full of commas and quotes.
  auto t = MustParse(
      "a,b,c\n"
      "1,\"{'Gpus': [{'Name': 'A100', 'Count': 8}]}\",x\n"
      "2,\"say \"\"hi\"\"\",\"two\nlines\"\n"
      "3,,\n");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields[1].value, "{'Gpus': [{'Name': 'A100', 'Count': 8}]}");
  EXPECT_EQ(t.rows[1].fields[1].value, "say \"hi\"");
  EXPECT_EQ(t.rows[1].fields[2].value, "two\nlines");
  EXPECT_EQ(t.rows[2].line, 5);  // the quoted line break moved the next record down a line
  EXPECT_EQ(t.rows[2].fields[1].value, "");
  EXPECT_EQ(t.rows[2].fields[2].value, "");
}

TEST(Csv, ColumnsAreOneBasedCharacterPositions) {
  auto t = MustParse("name,price\nabc,12.5\n\"q,q\",7\n");
  EXPECT_EQ(t.rows[0].fields[0].column, 1);
  EXPECT_EQ(t.rows[0].fields[1].column, 5);
  EXPECT_EQ(t.rows[1].fields[1].column, 7);
}

TEST(Csv, AcceptsCrlfBomBlankLinesAndNoFinalNewline) {
  auto t = MustParse("\xEF\xBB\xBFh1,h2\r\n1,2\r\n\r\n3,4");
  EXPECT_EQ(t.header[0], "h1");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].fields[1].value, "4");
  EXPECT_EQ(t.rows[1].line, 4);
}

TEST(Csv, UnterminatedQuoteNamesWhereItOpened) {
  auto t = ParseCsv("a,b\n1,2\n3,\"never closed\n4,5\n", "bad.csv");
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().file, "bad.csv");
  EXPECT_EQ(t.error().line, 3);
  EXPECT_EQ(t.error().column, 3);
  EXPECT_NE(t.error().message.find("unterminated"), std::string::npos);
  EXPECT_EQ(t.error().Format().substr(0, 12), "bad.csv:3:3:");
}

TEST(Csv, QuoteInsideUnquotedFieldIsAnError) {
  auto t = ParseCsv("a,b\n1,ab\"c\n", "q.csv");
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().line, 2);
  EXPECT_EQ(t.error().column, 5);
}

TEST(Csv, TextAfterClosingQuoteIsAnError) {
  auto t = ParseCsv("a,b\n\"x\"y,2\n", "q.csv");
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().line, 2);
  EXPECT_EQ(t.error().column, 4);
}

TEST(Csv, RowsOfTheWrongWidthAreReportedEachWithLineAndColumn) {
  auto t = MustParse("a,b,c\n1,2,3\n1,2\n1,2,3,4\n5,6,7\n");
  ASSERT_EQ(t.rows.size(), 2u);
  ASSERT_EQ(t.errors.size(), 2u);
  EXPECT_EQ(t.errors[0].line, 3);
  EXPECT_EQ(t.errors[0].column, 4);  // just after the last field: where the third should be
  EXPECT_EQ(t.errors[1].line, 4);
  EXPECT_EQ(t.errors[1].column, 7);  // the first extra field
  EXPECT_NE(t.errors[1].message.find("expected 3 fields"), std::string::npos);
}

TEST(Csv, FoldsUnquotedTrailingListIntoLastColumn) {
  // SkyPilot's Azure file writes Generation "V1,V2" unquoted.
  auto t = MustParse("InstanceType,Price,Generation\nA,1,V1\nB,2,V1,V2\nC,3\n");
  ASSERT_EQ(t.errors.size(), 2u);
  FoldExtraFieldsInto(t, "Generation");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].fields[2].value, "V1,V2");
  ASSERT_EQ(t.errors.size(), 1u);  // the short row is still an error
  EXPECT_EQ(t.errors[0].line, 4);
}

TEST(Csv, EmptyInputHasNoHeader) {
  EXPECT_FALSE(ParseCsv("", "e.csv").has_value());
  EXPECT_FALSE(ParseCsv("\n\n", "e.csv").has_value());
}

TEST(Csv, EscapeRoundTrips) {
  const std::string tricky = "a \"b\", c\nd";
  auto t = MustParse("h\n" + CsvEscape(tricky) + "\n");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields[0].value, tricky);
  EXPECT_EQ(CsvEscape("plain"), "plain");
}

TEST(Csv, RandomTablesRoundTripThroughEscape) {
  // Property: any table written with CsvEscape reads back field for field,
  // whatever commas, quotes, CR and LF its values hold.
  std::mt19937 rng(20261128);
  const std::string alphabet = "ab,\"\n\r x1";
  for (int round = 0; round < 300; ++round) {
    const size_t width = 2 + rng() % 4;
    const size_t height = 1 + rng() % 6;
    std::vector<std::vector<std::string>> cells(height + 1, std::vector<std::string>(width));
    std::string text;
    for (size_t r = 0; r <= height; ++r) {
      for (size_t c = 0; c < width; ++c) {
        std::string v;
        const size_t len = r == 0 ? 1 + rng() % 3 : rng() % 6;
        for (size_t k = 0; k < len; ++k) v += alphabet[rng() % alphabet.size()];
        if (r == 0) v = "h" + std::to_string(c);  // headers are trimmed; keep them plain
        cells[r][c] = v;
        text += (c ? "," : "") + CsvEscape(v);
      }
      text += (rng() % 2) ? "\r\n" : "\n";
    }
    auto t = ParseCsv(text, "r.csv");
    ASSERT_TRUE(t.has_value()) << t.error().Format() << "\n" << text;
    ASSERT_TRUE(t->errors.empty()) << t->errors[0].Format();
    ASSERT_EQ(t->rows.size(), height) << text;
    for (size_t r = 0; r < height; ++r) {
      for (size_t c = 0; c < width; ++c) EXPECT_EQ(t->rows[r].fields[c].value, cells[r + 1][c]);
    }
  }
}

TEST(Csv, TypedAccessNamesTheField) {
  auto t = MustParse("InstanceType,Price\np4d,abc\np5,\n");
  CsvRow bad(t, t.rows[0]);
  auto v = bad.Number(1, "Price");
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().Format(), "t.csv:2:5: Price: not a number: 'abc'");
  CsvRow empty(t, t.rows[1]);
  auto o = empty.OptionalNumber(1, "Price");
  ASSERT_TRUE(o.has_value());
  EXPECT_FALSE(o->has_value());
}

}  // namespace
}  // namespace gpuscout

// Small string helpers used across domains.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpuscout {

std::string Trim(std::string_view s);
std::string ToLower(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
bool StartsWith(std::string_view s, std::string_view prefix);
bool ContainsNoCase(std::string_view haystack, std::string_view needle);

// Lower-case letters and digits only: "NVIDIA A100-SXM4 80GB" -> "nvidiaa100sxm480gb".
std::string CompactKey(std::string_view s);

// A finite decimal number, whole string (surrounding blanks allowed); nullopt otherwise.
std::optional<double> ParseDouble(std::string_view s);
// A share written "0.1%" or "0.001"; nullopt unless it lies in [0, 1].
std::optional<double> ParseShare(std::string_view s);

// Levenshtein distance, case-insensitive.
size_t EditDistance(std::string_view a, std::string_view b);

// Up to `limit` candidates closest to `word`, nearest first, within a distance
// that grows with the word's length; for "did you mean" messages.
std::vector<std::string> Closest(std::string_view word, const std::vector<std::string>& candidates,
                                 size_t limit = 3);

// Shortest decimal text that reads back as the same double ("30.09784", "2", "0.5").
std::string FormatNumber(double value);

}  // namespace gpuscout

// Reads "EXPRESSION<TAB>AFTER_EPOCH_SECONDS<TAB>TIME_ZONE" lines and prints
// the next fire time of each (epoch seconds), or "error: ..." - for the test
// that compares gpuscout's cron with croniter's.
#include <iostream>
#include <string>

#include "autoscale/cron.h"
#include "base/strings.h"

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    const auto parts = gpuscout::Split(line, '\t');
    if (parts.size() != 3) {
      std::cout << "error: expected 3 tab-separated fields\n";
      continue;
    }
    auto cron = gpuscout::ParseCron(parts[0]);
    auto zone = gpuscout::FindTimeZone(parts[2]);
    if (!cron || !zone) {
      std::cout << "error: " << (!cron ? cron.error().message : zone.error().message) << "\n";
      continue;
    }
    std::cout << gpuscout::NextFire(*cron, std::stoll(parts[1]), *zone) << "\n";
  }
  return 0;
}

#include "catalog/snapshot.h"

#include <array>

#include "base/csv.h"
#include "base/strings.h"

namespace gpuscout {
namespace {

constexpr std::array kColumns = {
    "vendor",        "instance_type",   "region",      "zone",          "gpu",
    "gpu_count",     "gpu_mem_gib",     "vcpus",       "mem_gib",       "price_hour",
    "price_hour_max", "spot_price_hour", "reserved_hour", "reserved_term", "monthly_price",
    "monthly_price_max", "currency",    "network",     "rdma",          "rdma_gbps",
    "source"};

static_assert(kColumns.size() == std::tuple_size_v<SnapshotColumns>);

std::string Num(const std::optional<double>& v) { return v ? FormatNumber(*v) : std::string(); }

}  // namespace

namespace {

std::string Header() {
  std::string out;
  for (size_t i = 0; i < kColumns.size(); ++i) {
    out += i ? "," : "";
    out += kColumns[i];
  }
  return out;
}

void AppendRow(std::string& out, const Offer& o) {
  const std::string fields[] = {o.vendor,
                                o.instance_type,
                                o.region,
                                o.zone,
                                o.gpu,
                                FormatNumber(o.gpu_count),
                                Num(o.gpu_mem_gib),
                                Num(o.vcpus),
                                Num(o.mem_gib),
                                Num(o.price_hour),
                                Num(o.price_hour_max),
                                Num(o.spot_price_hour),
                                Num(o.reserved_hour),
                                o.reserved_term,
                                Num(o.monthly_price),
                                Num(o.monthly_price_max),
                                std::string(CurrencyCode(o.currency)),
                                o.network,
                                o.rdma,
                                Num(o.rdma_gbps),
                                o.source};
  for (size_t i = 0; i < std::size(fields); ++i) {
    if (i) out += ',';
    out += CsvEscape(fields[i]);
  }
}

// The first refresh layout ended at price_source; availability came later.
const std::string kRefreshHeaderText = Header() + ",spot_interruption,price_as_of,price_source";
const std::string kRefreshFullHeaderText = kRefreshHeaderText + ",availability";

}  // namespace

const std::string_view kRefreshHeader = kRefreshHeaderText;

std::string WriteSnapshot(const std::vector<Offer>& offers) {
  std::string out = Header() + "\n";
  out.reserve(offers.size() * 160);
  for (const auto& o : offers) {
    AppendRow(out, o);
    out += '\n';
  }
  return out;
}

std::string WriteRefreshed(const std::vector<Offer>& offers, std::string_view as_of, std::string_view source) {
  std::string out = kRefreshFullHeaderText + "\n";
  const std::string stamp = "," + CsvEscape(std::string(as_of)) + "," + CsvEscape(std::string(source)) + ",";
  for (const auto& o : offers) {
    AppendRow(out, o);
    out += "," + CsvEscape(o.spot_interruption) + stamp + CsvEscape(o.availability) + "\n";
  }
  return out;
}

Result<SnapshotColumns> FindSnapshotColumns(const CsvTable& table) {
  SnapshotColumns at{};
  for (size_t i = 0; i < kColumns.size(); ++i) {
    auto c = table.Find(kColumns[i]);
    if (!c) return FailAt(table.file, 1, 1, kColumns[i], "missing column");
    at[i] = *c;
  }
  return at;
}

Result<Offer> ReadSnapshotRow(const CsvTable& table, CsvRecord& rec, const SnapshotColumns& at) {
  CsvRow row(table, rec);
  Offer o;
  // Text fields are moved out; numeric fields are parsed in place.
  auto text_of = [&](size_t k) -> std::string& { return rec.fields[at[k]].value; };
  o.vendor = std::move(text_of(0));
  o.instance_type = std::move(text_of(1));
  o.region = std::move(text_of(2));
  o.zone = std::move(text_of(3));
  o.gpu = std::move(text_of(4));
  GS_TRY(count, row.Number(at[5], kColumns[5]));
  o.gpu_count = count;
  std::optional<double>* nums[] = {&o.gpu_mem_gib,     &o.vcpus,           &o.mem_gib,
                                   &o.price_hour,      &o.price_hour_max,  &o.spot_price_hour,
                                   &o.reserved_hour};
  for (size_t k = 0; k < std::size(nums); ++k) {
    GS_TRY(v, row.OptionalNumber(at[6 + k], kColumns[6 + k]));
    *nums[k] = v;
  }
  o.reserved_term = std::move(text_of(13));
  for (size_t k : {size_t{14}, size_t{15}}) {
    GS_TRY(v, row.OptionalNumber(at[k], kColumns[k]));
    (k == 14 ? o.monthly_price : o.monthly_price_max) = v;
  }
  auto currency = ParseCurrency(rec.fields[at[16]].value);
  if (!currency) return tl::unexpected(row.ErrorAt(at[16], "currency", "unknown currency"));
  o.currency = *currency;
  o.network = std::move(text_of(17));
  o.rdma = std::move(text_of(18));
  GS_TRY(rdma_gbps, row.OptionalNumber(at[19], kColumns[19]));
  o.rdma_gbps = rdma_gbps;
  o.source = std::move(text_of(20));
  return o;
}

Result<std::vector<Offer>> ReadSnapshot(std::string_view text, const std::string& file) {
  GS_TRY(table, ParseCsv(text, file));
  if (!table.errors.empty()) return tl::unexpected(table.errors.front());
  GS_TRY(at, FindSnapshotColumns(table));
  std::vector<Offer> out;
  out.reserve(table.rows.size());
  for (auto& rec : table.rows) {
    GS_TRY(o, ReadSnapshotRow(table, rec, at));
    out.push_back(std::move(o));
  }
  return out;
}

std::string WriteFileStats(const std::vector<FileStats>& files) {
  std::string out = "file,format,rows,kept,cpu_only,not_gpu,unmatched,zero_price\n";
  for (const auto& f : files) {
    out += CsvEscape(f.file) + "," + std::string(FormatName(f.format)) + "," +
           std::to_string(f.rows) + "," + std::to_string(f.kept) + "," +
           std::to_string(f.cpu_only) + "," + std::to_string(f.not_gpu) + "," +
           std::to_string(f.unmatched) + "," + std::to_string(f.zero_price) + "\n";
  }
  return out;
}

Result<std::vector<FileStats>> ReadFileStats(std::string_view text, const std::string& file) {
  GS_TRY(table, ParseCsv(text, file));
  std::vector<FileStats> out;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    FileStats f;
    f.file = rec.fields[0].value;
    auto format = ParseFormatName(rec.fields[1].value);
    if (!format) return tl::unexpected(row.ErrorAt(1, "format", format.error().message));
    f.format = *format;
    size_t* counts[] = {&f.rows, &f.kept, &f.cpu_only, &f.not_gpu, &f.unmatched, &f.zero_price};
    for (size_t k = 0; k < std::size(counts); ++k) {
      GS_TRY(v, row.Number(k + 2, table.header[k + 2]));
      *counts[k] = static_cast<size_t>(v);
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace gpuscout

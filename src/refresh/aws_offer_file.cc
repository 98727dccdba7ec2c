#include "refresh/aws_offer_file.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <iterator>
#include <unordered_map>

namespace gpuscout {
namespace {

// A FILE read in 1 MiB pieces, walked one character at a time by the JSON
// parser through ChunkIterator (an input iterator; the end is a null reader).
class ChunkReader {
 public:
  ChunkReader(std::FILE* in, const std::function<void(size_t)>& progress) : in_(in), progress_(progress) { Fill(); }
  bool AtEnd() const { return pos_ >= len_; }
  char Current() const { return buffer_[pos_]; }
  void Advance() {
    if (++pos_ >= len_) Fill();
  }
  size_t bytes() const { return total_; }

 private:
  void Fill() {
    len_ = std::fread(buffer_.data(), 1, buffer_.size(), in_);
    pos_ = 0;
    total_ += len_;
    if (progress_ && len_) progress_(total_);
  }
  std::FILE* in_;
  const std::function<void(size_t)>& progress_;
  std::vector<char> buffer_ = std::vector<char>(size_t{1} << 20);
  size_t pos_ = 0, len_ = 0, total_ = 0;
};

class ChunkIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  ChunkIterator() = default;
  explicit ChunkIterator(ChunkReader* r) : r_(r) {}
  char operator*() const { return r_->Current(); }
  ChunkIterator& operator++() {
    r_->Advance();
    return *this;
  }
  ChunkIterator operator++(int) {
    ChunkIterator old = *this;
    r_->Advance();
    return old;
  }
  bool operator==(const ChunkIterator& o) const { return Done() == o.Done(); }
  bool operator!=(const ChunkIterator& o) const { return Done() != o.Done(); }

 private:
  bool Done() const { return !r_ || r_->AtEnd(); }
  ChunkReader* r_ = nullptr;
};

std::optional<double> Price(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !(v > 0)) return std::nullopt;
  return v;
}

// The parts of one product the filter reads.
struct Product {
  std::string sku, family, instance_type, region, os, tenancy, capacity, software, gpu;
  void Clear() { *this = Product{}; }
  bool Kept() const {
    return family.starts_with("Compute Instance") && os == "Linux" && tenancy == "Shared" && capacity == "Used" &&
           software == "NA" && Price(gpu).has_value() && !instance_type.empty();
  }
};

// The parts of one term (an offer term code of one SKU) the filter reads.
struct Term {
  std::optional<double> hourly;
  std::string lease, offering_class, purchase;
  std::string dim_unit, dim_usd;  // the price dimension being read
};

// SAX events with the depth of each: the root object is depth 1, "products"
// and "terms" are keys at depth 1, one product is the object at depth 3, one
// term the object at depth 5 (terms > OnDemand > SKU > term).
class OfferHandler : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit OfferHandler(AwsOfferFile& out) : out_(out) {}

  bool key(string_t& k) override {
    if (depth_ >= keys_.size()) keys_.resize(depth_ + 1);
    keys_[depth_].assign(k);  // a copy keeps both buffers: no allocation per key
    if (InTerms() && depth_ == 3) {
      auto it = kept_.find(keys_[3]);
      sku_ = it == kept_.end() ? -1 : static_cast<long>(it->second);
    }
    return true;
  }
  bool string(string_t& v) override {
    if (depth_ == 1 && keys_[1] == "publicationDate") out_.publication_date = std::move(v);
    else if (InProducts()) ProductField(v);
    else if (InTerms() && sku_ >= 0) TermField(v);
    return true;
  }
  bool start_object(std::size_t) override {
    Deeper();
    if (depth_ == 2 && keys_[1] == "products") {
      section_ = kProducts;
      terms_first_ = seen_terms_;
    } else if (depth_ == 2 && keys_[1] == "terms") {
      section_ = kTerms;
      seen_terms_ = true;
    }
    if (InTerms() && depth_ == 5) term_ = Term{};
    return true;
  }
  bool end_object() override {
    if (InProducts() && depth_ == 3) EndProduct();
    if (InTerms() && depth_ == 7 && sku_ >= 0) EndDimension();
    if (InTerms() && depth_ == 5 && sku_ >= 0) EndTerm();
    if (depth_ == 2) section_ = kNone;
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    Deeper();
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    error_ = fmt::format("byte {}: {}", position, e.what());
    return false;
  }

  const std::string& error() const { return error_; }
  bool terms_before_products() const { return terms_first_; }

 private:
  enum Section { kNone, kProducts, kTerms };
  bool InProducts() const { return section_ == kProducts; }
  bool InTerms() const { return section_ == kTerms; }
  void Deeper() {
    if (++depth_ >= keys_.size()) keys_.resize(depth_ + 1);
  }

  void ProductField(string_t& v) {
    if (depth_ == 3) {
      if (keys_[3] == "productFamily") product_.family = std::move(v);
      else if (keys_[3] == "sku") product_.sku = std::move(v);
      return;
    }
    if (depth_ != 4 || keys_[3] != "attributes") return;
    static const std::unordered_map<std::string, std::string Product::*> kFields = {
        {"instanceType", &Product::instance_type}, {"regionCode", &Product::region},
        {"operatingSystem", &Product::os},         {"tenancy", &Product::tenancy},
        {"capacitystatus", &Product::capacity},    {"preInstalledSw", &Product::software},
        {"gpu", &Product::gpu}};
    auto it = kFields.find(keys_[4]);
    if (it != kFields.end()) product_.*(it->second) = std::move(v);
  }

  void EndProduct() {
    ++out_.products;
    if (product_.Kept()) {
      const std::string sku = product_.sku.empty() ? keys_[2] : product_.sku;
      kept_.emplace(sku, out_.prices.size());
      FetchedPrice p;
      p.instance_type = product_.instance_type;
      p.region = product_.region;
      out_.prices.push_back(std::move(p));
    }
    product_.Clear();
  }

  void TermField(string_t& v) {
    if (depth_ == 6 && keys_[5] == "termAttributes") {
      if (keys_[6] == "LeaseContractLength") term_.lease = std::move(v);
      else if (keys_[6] == "OfferingClass") term_.offering_class = std::move(v);
      else if (keys_[6] == "PurchaseOption") term_.purchase = std::move(v);
    } else if (depth_ == 7 && keys_[7] == "unit") {
      term_.dim_unit = std::move(v);
    } else if (depth_ == 8 && keys_[7] == "pricePerUnit" && keys_[8] == "USD") {
      term_.dim_usd = std::move(v);
    }
  }

  void EndDimension() {
    if (term_.dim_unit == "Hrs") term_.hourly = Price(term_.dim_usd);
    term_.dim_unit.clear();
    term_.dim_usd.clear();
  }

  void EndTerm() {
    FetchedPrice& p = out_.prices[static_cast<size_t>(sku_)];
    if (keys_[2] == "OnDemand") {
      if (term_.hourly) p.price_hour = term_.hourly;
    } else if (keys_[2] == "Reserved" && term_.lease == "1yr" && term_.offering_class == "standard" &&
               term_.purchase == "No Upfront" && term_.hourly) {
      p.reserved_hour = term_.hourly;
      p.reserved_term = "1y no upfront";
    }
  }

  AwsOfferFile& out_;
  size_t depth_ = 0;
  std::vector<std::string> keys_ = std::vector<std::string>(10);
  Section section_ = kNone;
  Product product_;
  Term term_;
  long sku_ = -1;
  std::unordered_map<std::string, size_t> kept_;
  std::string error_;
  bool seen_terms_ = false;
  bool terms_first_ = false;
};

}  // namespace

Result<AwsOfferFile> ParseAwsOfferFile(std::FILE* in, const std::string& name,
                                       const std::function<void(size_t)>& progress) {
  AwsOfferFile out;
  ChunkReader reader(in, progress);
  OfferHandler handler(out);
  const bool ok = nlohmann::json::sax_parse(ChunkIterator(&reader), ChunkIterator(), &handler);
  out.bytes = reader.bytes();
  if (!ok) return Fail(ExitCode::kBadInput, name + ": not a complete JSON offer file (" + handler.error() + ")");
  if (handler.terms_before_products()) {
    return Fail(ExitCode::kBadInput, name + ": the offer file lists its terms before its products (expected products first)");
  }
  if (out.publication_date.empty() && out.products == 0) {
    return Fail(ExitCode::kBadInput, name + ": no products and no publicationDate: not an AWS offer file");
  }
  std::erase_if(out.prices, [](const FetchedPrice& p) { return !p.price_hour && !p.reserved_hour; });
  for (FetchedPrice& p : out.prices) p.where = name;
  return out;
}

}  // namespace gpuscout

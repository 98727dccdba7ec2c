#include "refresh/aws_offer_file.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <string_view>
#include <unordered_map>

namespace gpuscout {
namespace {

std::optional<double> Price(std::string_view text) {
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
// term the object at depth 5 (terms > OnDemand > SKU > term). Numbers,
// booleans and nulls carry nothing the filter reads (Default).
class OfferHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, OfferHandler> {
 public:
  explicit OfferHandler(AwsOfferFile& out) : out_(out) {}

  bool Key(const char* str, rapidjson::SizeType len, bool) {
    keys_[depth_].assign(str, len);
    if (InTerms() && depth_ == 3) {
      auto it = kept_.find(keys_[3]);
      sku_ = it == kept_.end() ? -1 : static_cast<long>(it->second);
    }
    return true;
  }
  bool String(const char* str, rapidjson::SizeType len, bool) {
    const std::string_view v(str, len);
    if (depth_ == 1 && keys_[1] == "publicationDate") out_.publication_date = v;
    else if (InProducts()) ProductField(v);
    else if (InTerms() && sku_ >= 0) TermField(v);
    return true;
  }
  bool StartObject() {
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
  bool EndObject(rapidjson::SizeType) {
    if (InProducts() && depth_ == 3) EndProduct();
    if (InTerms() && depth_ == 7 && sku_ >= 0) EndDimension();
    if (InTerms() && depth_ == 5 && sku_ >= 0) EndTerm();
    if (depth_ == 2) section_ = kNone;
    --depth_;
    return true;
  }
  bool StartArray() {
    Deeper();
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    --depth_;
    return true;
  }
  bool Default() { return true; }

  bool terms_before_products() const { return terms_first_; }

 private:
  enum Section { kNone, kProducts, kTerms };
  bool InProducts() const { return section_ == kProducts; }
  bool InTerms() const { return section_ == kTerms; }
  void Deeper() {
    if (++depth_ >= keys_.size()) keys_.resize(depth_ + 1);
  }

  void ProductField(std::string_view v) {
    if (depth_ == 3) {
      if (keys_[3] == "productFamily") product_.family = v;
      else if (keys_[3] == "sku") product_.sku = v;
      return;
    }
    if (depth_ != 4 || keys_[3] != "attributes") return;
    static const std::unordered_map<std::string, std::string Product::*> kFields = {
        {"instanceType", &Product::instance_type}, {"regionCode", &Product::region},
        {"operatingSystem", &Product::os},         {"tenancy", &Product::tenancy},
        {"capacitystatus", &Product::capacity},    {"preInstalledSw", &Product::software},
        {"gpu", &Product::gpu}};
    auto it = kFields.find(keys_[4]);
    if (it != kFields.end()) product_.*(it->second) = v;
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

  void TermField(std::string_view v) {
    if (depth_ == 6 && keys_[5] == "termAttributes") {
      if (keys_[6] == "LeaseContractLength") term_.lease = v;
      else if (keys_[6] == "OfferingClass") term_.offering_class = v;
      else if (keys_[6] == "PurchaseOption") term_.purchase = v;
    } else if (depth_ == 7 && keys_[7] == "unit") {
      term_.dim_unit = v;
    } else if (depth_ == 8 && keys_[7] == "pricePerUnit" && keys_[8] == "USD") {
      term_.dim_usd = v;
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
  bool seen_terms_ = false;
  bool terms_first_ = false;
};

}  // namespace

Result<AwsOfferFile> ParseAwsOfferFile(std::FILE* in, const std::string& name) {
  AwsOfferFile out;
  std::vector<char> buffer(size_t{1} << 20);
  rapidjson::FileReadStream stream(in, buffer.data(), buffer.size());
  OfferHandler handler(out);
  rapidjson::Reader reader;
  // Iterative: a deeply nested answer costs heap, not the stack.
  reader.Parse<rapidjson::kParseIterativeFlag>(stream, handler);
  out.bytes = stream.Tell();
  if (reader.HasParseError()) {
    return Fail(ExitCode::kBadInput, fmt::format("{}: not a complete JSON offer file (byte {}: {})", name,
                                                 reader.GetErrorOffset(), rapidjson::GetParseError_En(reader.GetParseErrorCode())));
  }
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

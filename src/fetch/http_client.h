// HTTP GET with retries (libcurl): what `catalog refresh` fetches the
// vendors' price APIs with. Retries 429, 5xx and failed connections with
// backoff (retry.h), honouring Retry-After; gives up with exit 3 naming the
// URL, the last status and the attempts made.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "fetch/retry.h"

namespace gpuscout {

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string url;  // the final URL, after redirects
  int attempts = 0;
};

class HttpClient {
 public:
  // Waits `seconds` between attempts; tests pass one that records instead.
  using Sleep = std::function<void(double seconds)>;
  // A number in [0, 1) for the jitter.
  using Uniform = std::function<double()>;

  explicit HttpClient(RetryPolicy policy = {}, Sleep sleep = {}, Uniform uniform = {});

  // The body of a 2xx answer. Any other final answer, or none, is an error
  // (ExitCode::kEnvironment) naming `url`. Bodies are capped at `max_bytes`.
  Result<HttpResponse> Get(const std::string& url, size_t max_bytes = size_t{1} << 30) const;
  // The same with extra header lines ("Authorization: ...").
  Result<HttpResponse> Get(const std::string& url, size_t max_bytes, const std::vector<std::string>& headers) const;

  // Where a streamed body goes: `write` takes each piece of a 2xx answer as
  // it arrives (false stops the transfer: an error); `restart` is called
  // before every attempt, so a retry starts from an empty sink.
  struct BodySink {
    std::function<bool(std::string_view)> write;
    std::function<void()> restart;
  };
  // A POST of `body` (a GraphQL query) with extra header lines
  // ("Content-Type: application/json"); answers, retries and errors as Get's.
  struct Upload {
    std::string body;
    std::vector<std::string> headers;
    bool post = true;  // false: a GET that only adds the headers
    // An API that explains a refusal in its body (Alibaba's Code and
    // Message): the final non-2xx answer, after any retries, comes back as
    // an HttpResponse with its status instead of an error.
    bool keep_error_body = false;
  };
  Result<HttpResponse> Post(const std::string& url, const Upload& upload, size_t max_bytes = size_t{64} << 20) const;

  // Get, with the body streamed to `sink` instead of kept (HttpResponse's
  // body stays empty): bounded memory for files of hundreds of MB.
  Result<HttpResponse> Stream(const std::string& url, const BodySink& sink,
                              size_t max_bytes = size_t{1} << 34) const;

 private:
  struct Attempt;
  Attempt Once(const std::string& url, size_t max_bytes, const BodySink* sink, const Upload* upload) const;
  Result<HttpResponse> Run(const std::string& url, size_t max_bytes, const BodySink* stream,
                           const Upload* upload = nullptr) const;

  RetryPolicy policy_;
  Sleep sleep_;
  Uniform uniform_;
};

}  // namespace gpuscout

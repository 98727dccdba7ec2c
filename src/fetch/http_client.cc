#include "fetch/http_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

namespace gpuscout {

struct HttpClient::Attempt {
  long status = 0;          // 0: no HTTP answer
  std::string body;
  std::string url;
  std::string failure;      // libcurl's reason when there was no answer
  bool too_large = false;
  bool refused = false;
  std::optional<double> retry_after_s;
};

namespace {

struct Sink {
  std::string* body = nullptr;
  size_t max_bytes = 0;
  const HttpClient::BodySink* stream = nullptr;  // null: keep the body in `body`
  CURL* curl = nullptr;
  size_t received = 0;
  bool too_large = false;
  bool refused = false;  // the stream's writer said stop
  std::optional<bool> success;  // a 2xx answer, known at its first byte
};

// Error answers' bodies are kept (short) but never streamed.
size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * n;
  if (sink->received + bytes > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // aborts the transfer
  }
  sink->received += bytes;
  if (!sink->success) {
    long status = 0;
    curl_easy_getinfo(sink->curl, CURLINFO_RESPONSE_CODE, &status);
    sink->success = status >= 200 && status < 300;
  }
  if (sink->stream && *sink->success) {
    if (sink->stream->write(std::string_view(data, bytes))) return bytes;
    sink->refused = true;
    return 0;
  }
  if (sink->body->size() < (sink->stream ? 4096 : sink->max_bytes)) sink->body->append(data, bytes);
  return bytes;
}

size_t ReadHeader(char* data, size_t size, size_t n, void* user) {
  const std::string_view line(data, size * n);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string head(line.substr(0, kName.size()));
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (head == kName) {
      std::string_view value = line.substr(kName.size());
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.remove_suffix(1);
      *static_cast<std::optional<double>*>(user) = RetryAfterSeconds(value);
    }
  }
  return size * n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

double DefaultUniform() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

}  // namespace

HttpClient::HttpClient(RetryPolicy policy, Sleep sleep, Uniform uniform)
    : policy_(policy), sleep_(std::move(sleep)), uniform_(std::move(uniform)) {
  if (!sleep_) sleep_ = [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); };
  if (!uniform_) uniform_ = DefaultUniform;
}

HttpClient::Attempt HttpClient::Once(const std::string& url, size_t max_bytes, const BodySink* stream,
                                     const Upload* upload) const {
  GlobalInit();
  Attempt a;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    a.failure = "libcurl could not start a transfer";
    return a;
  }
  Sink sink;
  sink.body = &a.body;
  sink.max_bytes = max_bytes;
  sink.stream = stream;
  sink.curl = curl.get();
  if (stream && stream->restart) stream->restart();
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl decodes
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "gpuscout (+https://github.com/gpuscout)");
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(policy_.request_timeout_s * 1000));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(10.0, policy_.request_timeout_s) * 1000));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, ReadHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &a.retry_after_s);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  if (upload) {
    if (upload->post) {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, upload->body.c_str());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(upload->body.size()));
    }
    for (const std::string& h : upload->headers) headers.reset(curl_slist_append(headers.release(), h.c_str()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  }
  const CURLcode rc = curl_easy_perform(c);
  a.too_large = sink.too_large;
  a.refused = sink.refused;
  char* effective = nullptr;
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective);
  a.url = effective ? effective : url;
  if (rc != CURLE_OK) {
    a.failure = error[0] ? error : curl_easy_strerror(rc);
    return a;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  return a;
}

Result<HttpResponse> HttpClient::Get(const std::string& url, size_t max_bytes) const {
  return Run(url, max_bytes, nullptr);
}

Result<HttpResponse> HttpClient::Stream(const std::string& url, const BodySink& sink, size_t max_bytes) const {
  return Run(url, max_bytes, &sink);
}

Result<HttpResponse> HttpClient::Get(const std::string& url, size_t max_bytes, const std::vector<std::string>& headers) const {
  const Upload extra{"", headers, false};
  return Run(url, max_bytes, nullptr, &extra);
}

Result<HttpResponse> HttpClient::Post(const std::string& url, const Upload& upload, size_t max_bytes) const {
  return Run(url, max_bytes, nullptr, &upload);
}

Result<HttpResponse> HttpClient::Run(const std::string& url, size_t max_bytes, const BodySink* stream,
                                     const Upload* upload) const {
  using Clock = std::chrono::steady_clock;
  const char* method = upload && upload->post ? "POST" : "GET";
  double spent = 0;  // the attempts' time and the waits asked for (so an injected sleep counts too)
  for (int n = 1;; ++n) {
    const auto start = Clock::now();
    Attempt a = Once(url, max_bytes, stream, upload);
    spent += std::chrono::duration<double>(Clock::now() - start).count();
    if (a.too_large) {
      return Fail(ExitCode::kEnvironment, fmt::format("{} {}: the answer is larger than {} bytes", method, url, max_bytes));
    }
    if (a.refused) return Fail(ExitCode::kEnvironment, fmt::format("{} {}: the answer could not be stored", method, url));
    if (stream) a.body.clear();
    if (a.status >= 200 && a.status < 300) return HttpResponse{a.status, std::move(a.body), std::move(a.url), n};
    const std::string what = a.status ? fmt::format("HTTP {}", a.status) : "no answer (" + a.failure + ")";
    if (!Retryable(a.status) || n >= policy_.attempts) {
      if (upload && upload->keep_error_body && a.status >= 400) {
        return HttpResponse{a.status, std::move(a.body), std::move(a.url), n};
      }
      return Fail(ExitCode::kEnvironment, fmt::format("{} {}: {} after {} attempt(s)", method, url, what, n));
    }
    const double wait = a.retry_after_s ? *a.retry_after_s : BackoffSeconds(policy_, n, uniform_());
    if (spent + wait > policy_.total_timeout_s) {
      return Fail(ExitCode::kEnvironment, fmt::format("{} {}: {} after {} attempt(s); the next would wait {:.0f} s, "
                                                      "past the {:.0f} s allowed for the whole fetch",
                                                      method, url, what, n, wait, policy_.total_timeout_s));
    }
    sleep_(wait);
    spent += wait;
  }
}

}  // namespace gpuscout

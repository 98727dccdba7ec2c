// The HTTP client `catalog refresh` fetches with, against a loopback server:
// retries on 429 (honouring Retry-After) and 5xx with backoff, gives up with
// exit 3 naming the URL, does not retry a 404, caps the body.
#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include "fetch/http_client.h"
#include "fetch/retry.h"
#include "loopback.h"

namespace gpuscout {
namespace {

// Records the waits instead of sleeping; jitter at its midpoint.
struct Recorder {
  std::vector<double> waits;
  HttpClient Client(RetryPolicy p = {}) {
    return HttpClient(p, [this](double s) { waits.push_back(s); }, [] { return 0.5; });
  }
};

TEST(Fetch, RetryAfterThenSuccess) {
  std::atomic<int> calls{0};
  Loopback server([&](httplib::Server& s) {
    s.Get("/prices", [&](const httplib::Request&, httplib::Response& res) {
      if (++calls == 1) {
        res.status = 429;
        res.set_header("Retry-After", "7");
        return;
      }
      res.set_content(R"({"Items": []})", "application/json");
    });
  });
  Recorder r;
  auto got = r.Client().Get(server.Url("/prices"));
  ASSERT_TRUE(got) << got.error().Format();
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->body, R"({"Items": []})");
  EXPECT_EQ(got->attempts, 2);
  EXPECT_EQ(r.waits, std::vector<double>{7.0});  // the server's Retry-After, not the backoff
}

TEST(Fetch, ServerErrorsExhaustTheAttemptsWithBackoff) {
  std::atomic<int> calls{0};
  Loopback server([&](httplib::Server& s) {
    s.Get("/down", [&](const httplib::Request&, httplib::Response& res) {
      ++calls;
      res.status = 503;
    });
  });
  Recorder r;
  RetryPolicy p;
  p.attempts = 4;
  p.base_delay_s = 1;
  auto got = r.Client(p).Get(server.Url("/down"));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ExitCode::kEnvironment);
  EXPECT_NE(got.error().message.find("/down: HTTP 503 after 4 attempt(s)"), std::string::npos) << got.error().message;
  EXPECT_EQ(calls, 4);
  // Full jitter at its midpoint: half of 1, 2, 4 seconds.
  EXPECT_EQ(r.waits, (std::vector<double>{0.5, 1.0, 2.0}));
}

TEST(Fetch, ClientErrorsAreNotRetried) {
  std::atomic<int> calls{0};
  Loopback server([&](httplib::Server& s) {
    s.Get("/missing", [&](const httplib::Request&, httplib::Response& res) {
      ++calls;
      res.status = 404;
    });
  });
  Recorder r;
  auto got = r.Client().Get(server.Url("/missing"));
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("HTTP 404 after 1 attempt(s)"), std::string::npos);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(r.waits.empty());
}

TEST(Fetch, NoServerIsRetriedThenNamed) {
  // A port bound and closed at once: nobody listens there.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  Recorder r;
  RetryPolicy p;
  p.attempts = 2;
  p.request_timeout_s = 5;
  auto got = r.Client(p).Get("http://127.0.0.1:" + std::to_string(port) + "/x");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ExitCode::kEnvironment);
  EXPECT_NE(got.error().message.find("no answer ("), std::string::npos) << got.error().message;
  EXPECT_EQ(r.waits.size(), 1u);
}

TEST(Fetch, TheWholeFetchHasAnAllowance) {
  Loopback server([&](httplib::Server& s) {
    s.Get("/slow-down", [&](const httplib::Request&, httplib::Response& res) {
      res.status = 429;
      res.set_header("Retry-After", "3600");
    });
  });
  Recorder r;
  RetryPolicy p;
  p.total_timeout_s = 60;
  auto got = r.Client(p).Get(server.Url("/slow-down"));
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("past the 60 s allowed"), std::string::npos) << got.error().message;
  EXPECT_TRUE(r.waits.empty());
}

TEST(Fetch, BodiesAreCapped) {
  Loopback server([&](httplib::Server& s) {
    s.Get("/big", [&](const httplib::Request&, httplib::Response& res) { res.set_content(std::string(100000, 'x'), "text/plain"); });
  });
  Recorder r;
  auto got = r.Client().Get(server.Url("/big"), 1000);
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("larger than 1000 bytes"), std::string::npos);
  EXPECT_TRUE(r.waits.empty());
}

TEST(Fetch, RetryRules) {
  for (long s : {0L, 429L, 500L, 502L, 503L, 599L}) EXPECT_TRUE(Retryable(s)) << s;
  for (long s : {200L, 301L, 400L, 401L, 403L, 404L}) EXPECT_FALSE(Retryable(s)) << s;
  EXPECT_EQ(RetryAfterSeconds(" 120 "), 120.0);
  EXPECT_FALSE(RetryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT"));  // a date: the backoff decides
  EXPECT_FALSE(RetryAfterSeconds("-5"));
  RetryPolicy p;
  p.base_delay_s = 0.5;
  p.max_delay_s = 30;
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 1, 1.0), 0.5);
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 4, 1.0), 4.0);
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 20, 1.0), 30.0);  // capped
  EXPECT_DOUBLE_EQ(BackoffSeconds(p, 4, 0.0), 0.0);
}

}  // namespace
}  // namespace gpuscout

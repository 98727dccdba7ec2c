#include "probe/net.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "base/strings.h"

namespace gpuscout::probe {
namespace {

using Clock = std::chrono::steady_clock;

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

bool SendAll(int fd, const char* p, size_t n) {
  while (n) {
    const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

bool RecvAll(int fd, char* p, size_t n) {
  while (n) {
    const ssize_t r = ::recv(fd, p, n, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

void NoDelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

tl::unexpected<Error> NetError(const std::string& what) {
  return Fail(ExitCode::kEnvironment, what + ": " + std::strerror(errno));
}

}  // namespace

Result<NetResult> MeasureTcp(const std::string& target, const NetOptions& o) {
  const auto colon = target.rfind(':');
  if (colon == std::string::npos) {
    Error e;
    SetOption(e, "net");
    e.message = "expected HOST:PORT, got '" + target + "'";
    return tl::unexpected(e);
  }
  std::string host = target.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port = target.substr(colon + 1);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return Fail(ExitCode::kEnvironment, "cannot resolve " + target + ": " + gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(found, ::freeaddrinfo);
  Fd sock(::socket(found->ai_family, found->ai_socktype, found->ai_protocol));
  if (sock.fd < 0) return NetError("socket");
  if (::connect(sock.fd, found->ai_addr, found->ai_addrlen) != 0) {
    return NetError("cannot connect to " + target + " (is `gpuscout probe --serve-echo` running?)");
  }
  NoDelay(sock.fd);

  NetResult r;
  r.target = target;
  r.pings = o.pings;
  r.message_bytes = o.message_bytes;
  std::vector<char> msg(static_cast<size_t>(o.message_bytes), 'p');
  std::vector<char> back(msg.size());
  std::vector<double> rtt;
  rtt.reserve(static_cast<size_t>(o.pings));
  for (int i = 0; i < o.warmup + o.pings; ++i) {
    const auto start = Clock::now();
    if (!SendAll(sock.fd, msg.data(), msg.size()) || !RecvAll(sock.fd, back.data(), back.size())) {
      return NetError("echo from " + target + " broke off");
    }
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    if (i >= o.warmup) rtt.push_back(us);
  }
  std::sort(rtt.begin(), rtt.end());
  r.rtt_min_us = rtt.front();
  r.rtt_median_us = rtt[rtt.size() / 2];
  r.rtt_p99_us = rtt[std::min(rtt.size() - 1, rtt.size() * 99 / 100)];

  // Throughput: stream bytes out while a second thread reads the echo back.
  r.stream_bytes = o.stream_bytes;
  const size_t chunk = 1 << 20;
  std::vector<char> out(chunk, 's');
  bool read_ok = true;
  const auto start = Clock::now();
  std::thread reader([&] {
    std::vector<char> in(chunk);
    size_t left = o.stream_bytes;
    while (left) {
      const ssize_t n = ::recv(sock.fd, in.data(), std::min(left, chunk), 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        read_ok = false;
        return;
      }
      left -= static_cast<size_t>(n);
    }
  });
  bool write_ok = true;
  for (size_t sent = 0; sent < o.stream_bytes && write_ok; sent += chunk) {
    write_ok = SendAll(sock.fd, out.data(), std::min(chunk, o.stream_bytes - sent));
  }
  if (!write_ok) ::shutdown(sock.fd, SHUT_RDWR);
  reader.join();
  if (!write_ok || !read_ok) return NetError("stream to " + target + " broke off");
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.throughput_gbps = static_cast<double>(o.stream_bytes) * 8 / seconds / 1e9;
  return r;
}

Result<void> ServeEcho(const std::string& bind, int port, double seconds,
                       const std::atomic<bool>& stop, const std::function<void(int)>& on_ready) {
  Fd listener(::socket(AF_INET, SOCK_STREAM, 0));
  if (listener.fd < 0) return NetError("socket");
  int one = 1;
  ::setsockopt(listener.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, bind.c_str(), &addr.sin_addr) != 1) {
    Error e;
    SetOption(e, "bind");
    e.message = "not an IPv4 address: '" + bind + "'";
    return tl::unexpected(e);
  }
  if (::bind(listener.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    return NetError("cannot listen on " + bind + ":" + std::to_string(port));
  }
  if (::listen(listener.fd, 16) != 0) return NetError("listen");
  socklen_t len = sizeof addr;
  ::getsockname(listener.fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (on_ready) on_ready(ntohs(addr.sin_port));
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> workers;
  while (!stop && (seconds <= 0 || Clock::now() < deadline)) {
    pollfd p{listener.fd, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    const int client = ::accept(listener.fd, nullptr, nullptr);
    if (client < 0) continue;
    NoDelay(client);
    workers.emplace_back([client, &stop] {
      Fd c(client);
      // Blocking reads with a timeout (to notice `stop`): one system call per
      // message, as a plain echo server makes, so latency is the network's.
      timeval tv{0, 200000};
      ::setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      std::vector<char> buf(1 << 20);
      while (!stop) {
        const ssize_t n = ::recv(c.fd, buf.data(), buf.size(), 0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
        if (n <= 0) return;
        if (!SendAll(c.fd, buf.data(), static_cast<size_t>(n))) return;
      }
    });
  }
  for (auto& w : workers) w.join();
  return {};
}

}  // namespace gpuscout::probe

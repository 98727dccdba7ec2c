#include "server/guarded_http.h"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace gpuscout {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSlice = std::chrono::milliseconds(100);  // how often a waiting read looks at the stop flag

int PortOf(const sockaddr_storage& addr) {
  return ntohs(addr.ss_family == AF_INET6 ? reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port
                                          : reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
}

// The address and port of one end of `sock`: `which` is getpeername or getsockname.
template <typename F>
void Endpoint(F which, int sock, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ip.clear();
  port = 0;
  if (which(sock, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
  char text[INET6_ADDRSTRLEN] = {};
  const void* where = addr.ss_family == AF_INET6 ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&addr)->sin6_addr)
                                                  : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&addr)->sin_addr);
  if (inet_ntop(addr.ss_family, where, text, sizeof text)) ip = text;
  port = PortOf(addr);
}

std::string PeerAddress(int sock) {
  std::string ip;
  int port = 0;
  Endpoint(getpeername, sock, ip, port);
  return ip;
}

// Waits until `fd` is ready for `events`, the deadline passes or the server
// stops, in slices so that a stop is seen within kSlice.
bool WaitFor(int fd, short events, Clock::time_point deadline, const std::atomic<bool>& stopping) {
  while (!stopping) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, events, 0};
    const int r = poll(&p, 1, static_cast<int>(std::min(left, kSlice).count()));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
  return false;
}

// A socket stream whose reads all end at one deadline (the whole request's,
// restarted for each request of a keep-alive connection), buffered because
// httplib reads the header lines a byte at a time.
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(int sock, const ConnectionLimits& limits, const std::atomic<bool>& stopping)
      : sock_(sock), limits_(limits), stopping_(stopping) {}

  void Restart() { deadline_ = Clock::now() + limits_.request_deadline; }
  bool Buffered() const { return used_ < filled_; }
  // A read ran out of time: httplib answers 400 and would go on reading the
  // same connection; the connection is closed instead.
  bool TimedOut() const { return timed_out_; }

  bool is_readable() const override { return used_ < filled_ || WaitFor(sock_, POLLIN, deadline_, stopping_); }
  bool is_writable() const override { return WaitFor(sock_, POLLOUT, Clock::now() + limits_.io, stopping_); }
  ssize_t read(char* ptr, size_t size) override {
    if (used_ == filled_) {
      if (!WaitFor(sock_, POLLIN, deadline_, stopping_)) {
        timed_out_ = true;
        return -1;
      }
      const ssize_t n = recv(sock_, buffer_, sizeof buffer_, 0);
      if (n <= 0) return n;
      filled_ = static_cast<size_t>(n);
      used_ = 0;
    }
    const size_t n = std::min(size, filled_ - used_);
    std::memcpy(ptr, buffer_ + used_, n);
    used_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    return send(sock_, ptr, size, MSG_NOSIGNAL);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override { Endpoint(getpeername, sock_, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { Endpoint(getsockname, sock_, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  int sock_;
  const ConnectionLimits& limits_;
  const std::atomic<bool>& stopping_;
  Clock::time_point deadline_ = Clock::now();
  char buffer_[4096];
  size_t used_ = 0, filled_ = 0;
  bool timed_out_ = false;
};

void Refuse(int sock) {
  static const std::string kBody = R"({"error":{"field":null,"message":"too many connections from this address; retry later"}})";
  static const std::string kBusy =
      "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\nContent-Type: application/json\r\n"
      "Content-Length: " + std::to_string(kBody.size()) + "\r\n\r\n" + kBody;
  (void)send(sock, kBusy.data(), kBusy.size(), MSG_NOSIGNAL);
}

}  // namespace

GuardedHttpServer::GuardedHttpServer(ConnectionLimits limits) : limits_(limits) {
  // The library's default also sets SO_REUSEPORT, which lets a second server
  // bind a port that is in use and share its connections at random.
  set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
}

void GuardedHttpServer::Resize() {
  // The library listens with a backlog of 5; listen() again on the bound
  // socket sets the queue for connections not yet accepted.
  if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, limits_.backlog);
}

bool GuardedHttpServer::Bind(const std::string& host, int port) {
  if (!bind_to_port(host, port)) return false;
  Resize();
  return true;
}

int GuardedHttpServer::BindAny(const std::string& host) {
  const int port = bind_to_any_port(host);
  if (port > 0) Resize();
  return port;
}

void GuardedHttpServer::Stop() {
  stopping_ = true;
  stop();
}

bool GuardedHttpServer::Admit(const std::string& address) {
  if (limits_.per_client <= 0) return true;
  std::lock_guard lock(mu_);
  int& n = open_[address];
  if (n >= limits_.per_client) return false;
  ++n;
  return true;
}

void GuardedHttpServer::Release(const std::string& address) {
  if (limits_.per_client <= 0) return;
  std::lock_guard lock(mu_);
  if (auto it = open_.find(address); it != open_.end() && --it->second <= 0) open_.erase(it);
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  const std::string address = PeerAddress(sock);
  bool ok = false;
  if (!Admit(address)) {
    ++refused_;
    Refuse(sock);
  } else {
    DeadlineStream stream(sock, limits_, stopping_);
    for (size_t served = 0; served < limits_.keep_alive_requests && !stopping_; ++served) {
      // Idle wait for the next request, then one deadline for all of it.
      if (!stream.Buffered() && !WaitFor(sock, POLLIN, Clock::now() + limits_.idle, stopping_)) break;
      stream.Restart();
      bool closed = false;
      ok = process_request(stream, served + 1 == limits_.keep_alive_requests || stopping_, closed, nullptr);
      if (!ok || closed || stream.TimedOut()) break;
    }
    Release(address);
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

namespace {

// A request's bytes in, the response's bytes out.
class MemoryStream : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view in) : in_(in) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const size_t n = std::min(size, in_.size());
    std::memcpy(ptr, in_.data(), n);
    in_.remove_prefix(n);
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 1;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 2;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  std::string& out() { return out_; }

 private:
  std::string_view in_;
  std::string out_;
};

}  // namespace

std::string GuardedHttpServer::ServeBytes(std::string_view request) {
  MemoryStream stream(request);
  bool closed = false;
  (void)process_request(stream, true, closed, nullptr);
  return std::move(stream.out());
}

}  // namespace gpuscout

// cpp-httplib's server with the connection handling a shared service needs,
// which the library's own loop lacks: a deadline for reading a whole request
// (a client trickling one header line every few seconds no longer holds a
// worker thread for ever), a cap on the connections one client address holds
// at once (so a few clients cannot take every worker: /healthz and the others
// keep answering), a listen backlog sized for load, no SO_REUSEPORT (a second
// server on a taken port fails instead of sharing it), and a stop that wakes
// every connection within a tenth of a second.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace gpuscout {

struct ConnectionLimits {
  std::chrono::milliseconds request_deadline{10000};  // headers and body of one request
  std::chrono::milliseconds idle{5000};               // keep-alive wait for the next request
  std::chrono::milliseconds io{5000};                 // one write to the client
  size_t keep_alive_requests = 1000;
  int per_client = 32;  // connections one address may hold at once; 0: no cap
  int backlog = 1024;
};

class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(ConnectionLimits limits);

  // Binds like bind_to_port, then re-listens with the backlog.
  bool Bind(const std::string& host, int port);
  int BindAny(const std::string& host);
  void Stop();
  // Connections refused for the per-client cap, since start.
  uint64_t refused() const { return refused_; }
  // The response to one request's raw bytes, served as on a socket
  // (parsing, routing, handlers, error handlers) but from memory: for the
  // HTTP fuzz target.
  std::string ServeBytes(std::string_view request);

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool Admit(const std::string& address);
  void Release(const std::string& address);
  void Resize();

  ConnectionLimits limits_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> refused_{0};
  std::mutex mu_;
  std::map<std::string, int> open_;  // per client address
};

}  // namespace gpuscout

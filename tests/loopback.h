// A loopback HTTP server on a free port for the tests of what gpuscout
// fetches (no test reaches the internet), stopped when the test ends.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>
#include <thread>

namespace gpuscout {

class Loopback {
 public:
  explicit Loopback(const std::function<void(httplib::Server&)>& routes) {
    routes(server_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~Loopback() {
    server_.stop();
    thread_.join();
  }
  Loopback(const Loopback&) = delete;
  Loopback& operator=(const Loopback&) = delete;
  std::string Url(const std::string& path = "") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace gpuscout

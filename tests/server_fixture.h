// The REST API in-process on a loopback port, for the server's tests.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "catalog/embedded.h"
#include "server/server.h"
#include "source_files.h"

namespace gpuscout {

using testing::ReadText;

class ServerTest : public ::testing::Test {
 protected:
  void Start(ServerOptions o = {}, const std::string& db = ":memory:") {
    compat_ = *ParseCudaCompat(embedded::CudaCompat(), "data/cuda_compat.csv");
    store_ = std::move(*Store::Open(db));
    o.port = 0;
    server_ = std::make_unique<Server>(ServerDeps{&testing::RealCatalog(), &testing::RealEstimator(), &compat_, store_.get(), history_}, o);
    port_ = *server_->Bind();
    thread_ = std::thread([this] { server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(60, 0);
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  nlohmann::json Post(const std::string& path, const nlohmann::json& body, int want) {
    auto res = client_->Post(path, body.dump(), "application/json");
    EXPECT_TRUE(res) << path;
    if (!res) return nullptr;
    EXPECT_EQ(res->status, want) << path << " " << res->body.substr(0, 300);
    return nlohmann::json::parse(res->body, nullptr, false);
  }
  nlohmann::json Get(const std::string& path, int want) {
    auto res = client_->Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return nullptr;
    EXPECT_EQ(res->status, want) << path << " " << res->body.substr(0, 300);
    return nlohmann::json::parse(res->body, nullptr, false);
  }
  static std::string Field(const nlohmann::json& j) { return j.is_object() && j.contains("error") && j["error"]["field"].is_string() ? j["error"]["field"].get<std::string>() : ""; }

  std::vector<CudaRelease> compat_;
  std::unique_ptr<Store> store_;
  PriceHistory* history_ = nullptr;  // set before Start() to serve /v1/prices/history
  std::unique_ptr<Server> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace gpuscout

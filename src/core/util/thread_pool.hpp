// Minimal fixed-size pool running index-parallel loops. Work partition is the caller's
// (fixed tiles), so results never depend on the thread count.
#pragma once
#include <functional>

#include "core/types.hpp"

namespace core {

class ThreadPool {
 public:
  // n_threads ≤ 1, or a build without threads (single-threaded WASM): tasks run inline.
  explicit ThreadPool(int n_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  int size() const;
  // Runs task(t) for every t in [0, n_tasks) and returns when all are done.
  // Tasks must write disjoint outputs; the order of execution is unspecified.
  void run(Index n_tasks, const std::function<void(Index)>& task);

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace core

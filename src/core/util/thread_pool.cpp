// Fixed-size worker pool; the caller thread also executes tasks. Tasks are handed out by an atomic
// counter, so which thread runs a task varies, but each task's result does not.
#include "core/util/thread_pool.hpp"

#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)
#define RQ_HAVE_THREADS 1
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#else
#define RQ_HAVE_THREADS 0
#endif

namespace core {

#if RQ_HAVE_THREADS

struct ThreadPool::Impl {
  std::vector<std::thread> workers;
  std::mutex run_mu;  // one run() at a time
  std::mutex mu;
  std::condition_variable cv_start, cv_done;
  const std::function<void(Index)>* task = nullptr;
  Index n_tasks = 0;
  std::atomic<Index> next{0};
  int active = 0;     // workers that joined the current run
  bool open = false;  // a run accepts workers until its caller has drained the tasks
  std::uint64_t generation = 0;
  bool stop = false;

  void drain() {
    for (Index t = next.fetch_add(1); t < n_tasks; t = next.fetch_add(1)) (*task)(t);
  }
  // A worker joins a run only while it is open, so a worker that starts late (in WebAssembly a
  // thread beyond the pre-spawned pool starts only when the browser thread yields) never blocks
  // the caller: the caller drains every task itself and waits only for workers that joined.
  void worker_loop() {
    std::uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lk(mu);
        cv_start.wait(lk, [&] { return stop || generation != seen; });
        if (stop) return;
        seen = generation;
        if (!open) continue;
        ++active;
      }
      drain();
      {
        std::lock_guard<std::mutex> lk(mu);
        if (--active == 0) cv_done.notify_all();
      }
    }
  }
};

ThreadPool::ThreadPool(int n_threads) : impl_(new Impl) {
  for (int i = 1; i < n_threads; ++i) impl_->workers.emplace_back([this] { impl_->worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lk(impl_->mu);
    impl_->stop = true;
  }
  impl_->cv_start.notify_all();
  for (auto& t : impl_->workers) t.join();
  delete impl_;
}

int ThreadPool::size() const { return int(impl_->workers.size()) + 1; }

void ThreadPool::run(Index n_tasks, const std::function<void(Index)>& task) {
  if (n_tasks <= 0) return;
  if (impl_->workers.empty() || n_tasks == 1) {
    for (Index t = 0; t < n_tasks; ++t) task(t);
    return;
  }
  std::lock_guard<std::mutex> run_lk(impl_->run_mu);
  {
    std::lock_guard<std::mutex> lk(impl_->mu);
    impl_->task = &task;
    impl_->n_tasks = n_tasks;
    impl_->next.store(0);
    impl_->active = 0;
    impl_->open = true;
    ++impl_->generation;
  }
  impl_->cv_start.notify_all();
  impl_->drain();  // every task is taken by the time this returns
  std::unique_lock<std::mutex> lk(impl_->mu);
  impl_->open = false;
  impl_->cv_done.wait(lk, [&] { return impl_->active == 0; });
  impl_->task = nullptr;
}

#else  // single-threaded WebAssembly: everything inline

struct ThreadPool::Impl {};
ThreadPool::ThreadPool(int) : impl_(nullptr) {}
ThreadPool::~ThreadPool() = default;
int ThreadPool::size() const { return 1; }
void ThreadPool::run(Index n_tasks, const std::function<void(Index)>& task) {
  for (Index t = 0; t < n_tasks; ++t) task(t);
}

#endif

}  // namespace core

// Error reporting by value: the core never throws (web builds disable exceptions).
#pragma once
#include <string>
#include <utility>

namespace core {

struct Status {
  std::string error;  // empty <=> success
  bool ok() const { return error.empty(); }
  static Status success() { return Status{}; }
  static Status fail(std::string e) {
    Status s;
    s.error = e.empty() ? std::string("unspecified error") : std::move(e);
    return s;
  }
};

template <class T>
struct Result {
  T value{};
  std::string error;  // empty <=> value is valid
  bool ok() const { return error.empty(); }
  static Result success(T v) {
    Result r;
    r.value = std::move(v);
    return r;
  }
  static Result fail(std::string e) {
    Result r;
    r.error = e.empty() ? std::string("unspecified error") : std::move(e);
    return r;
  }
};

}  // namespace core

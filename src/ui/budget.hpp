// One frame's computation budget, shared by everything a figure computes in that frame (its runs,
// spectra, series, cell set-up), so that the parts are bounded together rather than each on its own.
// Wall time, plus an optional cap on work items: the tests count items, they never time anything.
#pragma once

#include <algorithm>
#include <chrono>
#include <climits>

namespace ui {

class Budget {
 public:
  static constexpr long kUnlimited = LONG_MAX / 4;

  explicit Budget(double ms, long items = kUnlimited) : end_(now_ms() + std::max(0.0, ms)), items_(items) {}

  // `fraction` of what is left (time and items, at least one item) for one part of the work;
  // items spent by the part are spent here too. Keep the part no longer than this budget.
  Budget part(double fraction) {
    const double f = fraction > 0 ? std::min(fraction, 1.0) : 0.0;  // NaN → 0
    Budget b(ms_left() * f, std::max(1L, long(double(items_) * f)));
    b.parent_ = this;
    return b;
  }

  bool left() const { return items_ > 0 && now_ms() < end_ && (!parent_ || parent_->left()); }
  double ms_left() const { return std::max(0.0, end_ - now_ms()); }
  long items_left() const { return items_; }
  void spend(long items = 1) {
    items_ -= items;
    if (parent_) parent_->spend(items);
  }

  static double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
  }

 private:
  double end_;
  long items_;
  Budget* parent_ = nullptr;
};

}  // namespace ui

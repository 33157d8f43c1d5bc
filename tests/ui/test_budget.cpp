// Frame budgets: a new preset only schedules its restart, a frame's computation stays within its
// budget (counted in work items, never timed), and how the work is split over frames changes no bit.
#include <algorithm>

#include "figb_util.hpp"
#include "ui/budget.hpp"
#include "ui/fig_headline_logic.hpp"
#include "ui/fig_logistic_logic.hpp"

using namespace figb;

namespace {
// Ticks with at most `items` work items per frame until the figure is done.
void run_in_items(ui::Figure& f, long items, int max_ticks = 400000) {
  for (int i = 0; i < max_ticks && !f.done(); ++i) {
    ui::Budget b(1e9, items);
    f.tick(b);
    CHECK(b.items_left() >= 0);
  }
  REQUIRE(f.done());
}

size_t done_cells(const ui::Figure& f) {
  const auto d = column(exported(f), "phase", "done");
  return size_t(std::count(d.begin(), d.end(), 1.0));
}
}  // namespace

TEST_CASE("budget: parts share their parent's items and never outlast it") {
  ui::Budget b(1e9, 4);
  CHECK(b.left());
  {
    ui::Budget p = b.part(0.5);
    CHECK(p.items_left() == 2);
    p.spend();
    p.spend();
    CHECK(!p.left());
  }
  CHECK(b.items_left() == 2);
  ui::Budget q = b.part(0.1);  // at least one item
  CHECK(q.items_left() == 1);
  b.spend(2);
  CHECK(!q.left());  // the parent is spent
  CHECK(!ui::Budget(0.0).left());
  CHECK(!ui::Budget(-1.0).left());
  ui::Budget c(1e9, 5);
  CHECK(c.part(std::nan("")).items_left() == 1);  // bad fractions: the smallest part, no overflow
  CHECK(c.part(7.0).items_left() == 5);
}

TEST_CASE("budget: a run returns to the clock after every checkpoint (one item records at most one)") {
  ui::logic::HeadlineConfig cfg;
  ui::Run r;
  REQUIRE(r.start(ui::logic::headline_params(cfg)) == "");
  int calls = 0;
  while (!r.finished() && calls < 100000) {
    const auto n = r.size();
    ui::Budget b(1e9, 1);
    r.advance(b);
    CHECK(r.size() <= n + 1);
    ++calls;
  }
  CHECK(r.size() == cfg.checkpoints);
}

TEST_CASE("budget: a command only schedules the restart; the next frame rebuilds the runs and nothing more") {
  for (auto& f : ui::make_all_figures()) {
    CAPTURE(f->id());
    REQUIRE(f->command("preset:" + f->presets().front().name) == "");
    CHECK(f->restart_pending());
    CHECK(!f->done());
    ui::Budget b(1e9, 1);  // room for the restart alone
    f->tick(b);
    CHECK(!f->restart_pending());
    CHECK(b.items_left() == 0);
  }
  // What the restart built: the headline's run and its t = 0 checkpoint, no spectrum yet; the
  // phase diagram's empty grid (its cells' experiments are built when they are first advanced).
  auto h = ui::make_figure("headline");
  REQUIRE(h->command("preset:default") == "");
  ui::Budget b(1e9, 1);
  h->tick(b);
  CHECK(column(exported(*h), "headline", "loss").empty());
  auto p = ui::make_figure("phase");
  REQUIRE(p->command("preset:default") == "");
  ui::Budget c(1e9, 1);
  p->tick(c);
  CHECK(column(exported(*p), "phase", "done").size() == 56);
  CHECK(done_cells(*p) == 0);
}

TEST_CASE("budget: a frame computes at most as many spectra / cells as it has items") {
  auto h = ui::make_figure("headline");
  REQUIRE(h->command("preset:default") == "");
  size_t rows = 0;
  for (int i = 0; i < 400 && !h->done(); ++i) {
    ui::Budget b(1e9, 3);
    h->tick(b);
    const size_t now = column(exported(*h), "headline", "loss").size();
    CHECK(now <= rows + 3);
    rows = now;
  }
  CHECK(rows > 0);
  auto p = ui::make_figure("phase");
  REQUIRE(p->command("preset:default") == "");
  size_t cells = 0;
  for (int i = 0; i < 300; ++i) {
    ui::Budget b(1e9, 2);  // per worker: at most the cell's set-up and one chunk of steps
    p->tick(b);
    const size_t now = done_cells(*p);
    CHECK(now <= cells + 2 * 4);  // at most one batch of (≤ 4) workers per frame can finish
    cells = now;
  }
}

TEST_CASE("budget: results do not depend on how the work is split over frames (bit for bit)") {
  for (const char* preset : {"default", "over"}) {
    CAPTURE(preset);
    auto a = ui::make_figure("headline"), b = ui::make_figure("headline");
    REQUIRE(a->command(std::string("preset:") + preset) == "");
    REQUIRE(b->command(std::string("preset:") + preset) == "");
    run_to_end(*a);       // 50 ms frames
    run_in_items(*b, 1);  // one item per frame: a chunk of the run or one spectrum
    CHECK(a->export_data("csv") == b->export_data("csv"));
  }
  auto a = ui::make_figure("phase"), b = ui::make_figure("phase");
  run_to_end(*a);
  run_in_items(*b, 16);
  CHECK(a->export_data("csv") == b->export_data("csv"));
  for (const char* preset : {"E1_short", "E2"}) {  // series appended per frame (logic::LogisticSeries)
    CAPTURE(preset);
    auto c = ui::make_figure("logistic"), d = ui::make_figure("logistic");
    REQUIRE(c->command(std::string("preset:") + preset) == "");
    REQUIRE(d->command(std::string("preset:") + preset) == "");
    run_to_end(*c);
    run_in_items(*d, 1);
    CHECK(c->export_data("csv") == d->export_data("csv"));
  }
}

TEST_CASE("budget: the headline's series appended checkpoint by checkpoint equal a full rebuild exactly") {
  int moves = 0;  // the floor moves for some N: the rewrite of the floored zeros is covered
  for (int N : {6, 12, 36, 384}) {
    CAPTURE(N);
    ui::logic::HeadlineConfig cfg;
    cfg.N = N;
    std::vector<core::Vec> thetas;
    core::ExperimentOptions opt;
    opt.on_checkpoint = [&thetas](const core::CheckpointView& v) { thetas.push_back(v.theta); };
    auto e = core::Experiment::create(ui::logic::headline_params(cfg), std::move(opt));
    REQUIRE(e.ok());
    while (!e.value->finished()) e.value->advance(1000);
    const core::Trace& tr = e.value->trace();
    std::vector<ui::logic::KernelSpectrum> spec;
    ui::logic::HeadlineSeries inc;
    for (size_t i = 0; i < thetas.size(); ++i) {
      spec.push_back(ui::logic::kernel_spectrum(*e.value, thetas[i]));
      const double floor_before = inc.floor;
      inc.append(tr.col(core::Col::t)[i], tr.col(core::Col::loss)[i], tr.col(core::Col::R)[i], spec.back());
      moves += i > 0 && inc.floor != floor_before;
      const auto n = std::span<const double>::size_type(i + 1);
      const auto full = ui::logic::headline_series(tr.col(core::Col::t).first(n), tr.col(core::Col::loss).first(n),
                                                   tr.col(core::Col::R).first(n), spec);
      REQUIRE(inc.n == full.n);
      CHECK(inc.T == full.T);
      CHECK(inc.R == full.R);
      CHECK(inc.L == full.L);
      CHECK(inc.lmax == full.lmax);
      CHECK(inc.lmin == full.lmin);
      CHECK(inc.eig == full.eig);
      CHECK(inc.floored == full.floored);
      CHECK(inc.top == full.top);
      CHECK(inc.floor == full.floor);
    }
    CHECK(thetas.size() == 121);
  }
  CHECK(moves > 0);
}

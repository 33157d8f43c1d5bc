// Living claims: every number the article states in its prose and captions is marked in
// web/index.html with data-claim="ID" on the element that holds it (the element's text is the
// number, e.g. <span data-claim="e1-ratio">1.08</span>), and this test recomputes each one with the
// core. A claim passes when |computed − stated| ≤ tol, where tol is data-tol (absolute), or
// data-rel × |stated|, or else half a unit of the last digit written (1.08 → 0.005; 93 → 0.5).
// data-cmp="le" / "ge" state a bound instead (computed ≤ stated + tol / computed ≥ stated − tol).
// A marked ID without a computation fails; so does a computation whose ID no longer appears.
// RQ_CLAIMS_PRINT=1 prints every computed value (to write the text).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/ntk/bounds.hpp"
#include "core/flow/experiment.hpp"
#include "core/flow/probe.hpp"
#include "core/ntk/kernel.hpp"
#include "core/flow/params.hpp"
#include "figb_util.hpp"
#include "ui/fig_headline_logic.hpp"
#include "ui/fig_logistic_logic.hpp"

using namespace figb;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- the numbers as written ----------------------------------------------------------------
struct Written {
  double value = NAN;
  double half_ulp = 0;  // half a unit of the last digit written
  bool ok = false;
};

// Plain text of a claim element: tags removed; Unicode minus, thin/no-break spaces, ½, ¼ and
// "·10⁻⁷"-style powers of ten understood; a trailing % kept as the number itself (93 % → 93).
Written parse_written(std::string s) {
  Written w;
  s = std::regex_replace(s, std::regex("<[^>]*>"), "");
  auto repl = [&](const std::string& a, const std::string& b) {
    for (size_t p = s.find(a); p != std::string::npos; p = s.find(a, p + b.size())) s.replace(p, a.size(), b);
  };
  repl("\xE2\x88\x92", "-");  // −
  for (const char* sp : {"\xE2\x80\x89", "\xE2\x80\xAF", "\xC2\xA0", " ", "\n", "&nbsp;", "&thinsp;"}) repl(sp, "");
  repl("\xC2\xBD", "0.5");   // ½
  repl("\xC2\xBC", "0.25");  // ¼
  repl("%", "");
  // power of ten: [mantissa](·|×)10<superscript exponent>, or a bare 10<superscript>
  const char* sup[] = {"\xE2\x81\xB0", "\xC2\xB9",     "\xC2\xB2",     "\xC2\xB3",     "\xE2\x81\xB4",
                       "\xE2\x81\xB5", "\xE2\x81\xB6", "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9"};
  const std::string supminus = "\xE2\x81\xBB";  // ⁻
  int exp10 = 0;
  bool has_exp = false;
  size_t p10 = s.find("10");
  for (; p10 != std::string::npos; p10 = s.find("10", p10 + 1)) {
    size_t q = p10 + 2;
    bool neg = false;
    if (s.compare(q, supminus.size(), supminus) == 0) {
      neg = true;
      q += supminus.size();
    }
    int e = 0, digits = 0;
    for (bool more = true; more;) {
      more = false;
      for (int d = 0; d < 10; ++d) {
        const std::string sd = sup[d];
        if (s.compare(q, sd.size(), sd) == 0) {
          e = 10 * e + d;
          q += sd.size();
          ++digits;
          more = true;
          break;
        }
      }
    }
    if (digits == 0 || q != s.size()) continue;
    exp10 = neg ? -e : e;
    has_exp = true;
    std::string mant = s.substr(0, p10);
    for (const char* m : {"\xC2\xB7", "\xC3\x97", "*", "x"})  // · × * x
      if (mant.size() >= std::string(m).size() &&
          mant.compare(mant.size() - std::string(m).size(), std::string::npos, m) == 0)
        mant.erase(mant.size() - std::string(m).size());
    s = mant.empty() ? "1" : mant;
    break;
  }
  if (s.empty()) return w;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return w;
  const size_t dot = s.find('.');
  const int decimals = dot == std::string::npos ? 0 : int(s.size() - dot - 1);
  w.value = v * std::pow(10.0, exp10);
  w.half_ulp = 0.5 * std::pow(10.0, exp10 - decimals);
  w.ok = true;
  (void)has_exp;
  return w;
}

std::string attr(const std::string& attrs, const std::string& name) {
  const std::regex re("\\b" + name + "=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(attrs, m, re) ? std::string(m[1]) : std::string();
}

// ---- computations, cached by figure state --------------------------------------------------
const core::Json& fig(const std::string& id, const std::string& state) {
  static std::map<std::string, core::Json> cache;
  const std::string key = id + "?" + state;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  auto f = ui::make_figure(id);
  REQUIRE(f != nullptr);
  REQUIRE(f->set_state(state) == "");
  run_to_end(*f);
  return cache[key] = exported(*f);
}
std::vector<double> col(const std::string& id, const std::string& state, const std::string& table,
                        const std::string& name) {
  auto v = column(fig(id, state), table, name);
  REQUIRE(!v.empty());
  return v;
}
double vmin(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double vmax(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

// The experiment of a figure's first run (its exported parameters), created afresh.
std::unique_ptr<core::Experiment> experiment_of(const std::string& id, const std::string& state) {
  const core::Json* runs = fig(id, state).find("runs");
  REQUIRE(runs != nullptr);
  REQUIRE(!runs->arr.empty());
  auto p = core::from_json(*runs->arr[0].find("params"));
  REQUIRE(p.ok());
  auto e = core::Experiment::create(p.value);
  REQUIRE(e.ok());
  return std::move(e.value);
}
std::unique_ptr<core::Experiment> experiment(const std::string& query) {
  auto p = core::from_query(query);
  REQUIRE(p.ok());
  auto e = core::Experiment::create(p.value);
  REQUIRE(e.ok());
  return std::move(e.value);
}

// R, λ_min(K), λ_max(K) and the loss at θ of an experiment, by the core.
struct At {
  double R, lmin, lmax, L;
};
At at(const core::Experiment& e, const core::Vec& th) {
  core::Mat J, F, G;
  core::Vec wk;
  core::jacobian_at(e, th, J, wk);
  e.model().f(e.data().X, th, F);
  e.loss().grad(F, e.data(), G);
  const core::Spectrum s = core::tangent_spectrum(J, wk);
  return {core::rayleigh(J, wk, core::flatten_rows(G)), s.lambda_min_K, s.lambda_max, e.loss().value(F, e.data())};
}

// The lemniscate curve from t₀ = π/2 − 0.3: L₀, the radius r = ∫₀^{L₀} ds/√(ρ·2s) with ρ = ½ (= 2√L₀,
// by core::path_length_bound with c = 2ρ) and the smallest R on a grid of 10⁴ points of [t₀ − r, t₀ + r]
// (the double point itself, where L = 0 and R is undefined, is skipped).
struct Lemn {
  double L0 = 0, r = 0, minR = HUGE_VAL;
};
const Lemn& lemniscate_instance() {
  static Lemn m;
  if (m.r == 0) {
    const double t0 = M_PI / 2 - 0.3;
    auto e = experiment("model=lemniscate&data=point&loss=squared&theta0=" + std::to_string(t0));
    core::Vec th(1);
    th[0] = t0;
    m.L0 = at(*e, th).L;
    m.r = core::path_length_bound(m.L0, 0.0, 2 * 0.5, 0.5);
    for (int k = 0; k <= 10000; ++k) {
      th[0] = t0 - m.r + 2 * m.r * k / 10000.0;
      const At a = at(*e, th);
      if (a.L > 0) m.minR = std::min(m.minR, a.R);
    }
  }
  return m;
}

// E1 (appendix A.5.6): GD losses after 1 … 20000 iterations at η = 0.1, and ε.
struct E1 {
  std::vector<double> L;
  double eps = 0, n = 0;
};
const E1& e1() {
  static E1 r;
  if (r.L.empty()) {
    auto e = core::Experiment::create(ui::logic::logistic_params(false, 0, 1e5, 0.1));
    REQUIRE(e.ok());
    r.L = core::gd_losses(*e.value, 0.1, 20000);
    r.eps = e.value->margin();
    r.n = double(e.value->data().N());
    REQUIRE(r.L.size() == 20000);
  }
  return r;
}
double e1_kappa() { return std::pow(e1().eps / e1().n, 2); }
// ‖∇L‖² in the linear phase: the loss decrease per unit time between iterations 1000 and 20000.
double e1_grad2() { return (e1().L[999] - e1().L[19999]) / (19000 * 0.1); }

const std::string kG36 = "preset=guarantees", kGover = "preset=guarantees_over", kGwide = "preset=guarantees_wide";
double first_time(const std::vector<double>& t, const std::vector<double>& a, const std::vector<double>& b) {
  for (size_t i = 0; i < a.size(); ++i)
    if (!(a[i] < b[i])) return t[i];
  return NAN;
}
// Phase grid: the largest or smallest final loss over the cells of width 1 (or ≥ 2) with N in [n0, n1].
double phase_loss(bool width1, bool maxi, double n0, double n1) {
  const auto w = col("phase", "preset=loss", "phase", "width"), L = col("phase", "preset=loss", "phase", "final_loss");
  const auto N = col("phase", "preset=loss", "phase", "N");
  double r = maxi ? 0 : HUGE_VAL;
  for (size_t i = 0; i < w.size(); ++i)
    if ((w[i] == 1) == width1 && N[i] >= n0 && N[i] <= n1) r = maxi ? std::max(r, L[i]) : std::min(r, L[i]);
  return r;
}

const std::map<std::string, std::function<double()>>& computations() {
  static const std::map<std::string, std::function<double()>> m = {
      // §1, Figure 1: the small teacher–student network
      {"traj-P", [] { return double(experiment_of("trajectory", "preset=default")->model().P()); }},
      {"traj-n", [] { return double(experiment_of("trajectory", "preset=default")->data().N()); }},
      // §4, complex square: θ₀ = 1.5i
      {"toy-K-saddle",
       [] {
         auto e = experiment("model=complex_square&data=point&loss=squared&theta0=0,1.5");
         const At a = at(*e, e->theta0());
         CHECK(a.lmin == doctest::Approx(a.lmax));
         return a.lmin;
       }},
      {"toy-L0-saddle", [] { return col("toy2d", "preset=saddle", "complex_square path 0", "loss").front(); }},
      {"toy-Lend-saddle", [] { return col("toy2d", "preset=saddle", "complex_square path 0", "loss").back(); }},
      {"toy-Rend-saddle", [] { return col("toy2d", "preset=saddle", "complex_square path 0", "R").back(); }},
      // §2, lemniscate curve: R → ½ at the double point
      {"lemn-R-limit",
       [] {
         auto e = experiment("model=lemniscate&data=point&loss=squared&theta0=" + std::to_string(M_PI / 2 - 1e-3));
         return at(*e, e->theta0()).R;
       }},
      // §3, the lemniscate instance of the main result: t₀ = π/2 − 0.3, ρ = ½, r = 2√L₀
      {"lemn-L0", [] { return lemniscate_instance().L0; }},
      {"lemn-r", [] { return lemniscate_instance().r; }},
      {"lemn-ball-minR", [] { return lemniscate_instance().minR; }},
      // §6, the linear model on U[−r, r]: λ_min(G) = min(1, r²/3), rank K = 2
      {"pop-rho", [] { return col("population", "preset=default", "population", "lambda_min_pos").front(); }},
      {"pop-rho-narrow", [] { return col("population", "preset=narrow", "population", "lambda_min_pos").front(); }},
      {"pop-rank", [] { return vmax(col("population", "preset=samples", "population", "rank")); }},
      // §4/§6: the headline network
      {"head-P", [] { return double(ui::logic::headline_P(ui::logic::HeadlineConfig{})); }},
      {"head-n", [] { return double(ui::logic::HeadlineConfig{}.N); }},
      {"head-lmin", [] { return vmax(col("headline", "preset=default", "headline", "lambda_min_K")); }},
      {"head-Rmin", [] { return vmin(col("headline", "preset=default", "headline", "R")); }},
      {"head-Lend", [] { return col("headline", "preset=default", "headline", "loss").back(); }},
      {"head-many-zeros",
       [] {
         ui::logic::HeadlineConfig c;
         c.N = 384;
         auto e = core::Experiment::create(ui::logic::headline_params(c));
         REQUIRE(e.ok());
         return double(ui::logic::kernel_spectrum(*e.value, e.value->theta0()).forced_zeros);
       }},
      // Figure 7, view "hypotheses along the run"
      {"g36-rho", [] { return col("headline", kG36, "guarantees", "rho_running_min_R").back(); }},
      {"g36-maxdist", [] { return vmax(col("headline", kG36, "guarantees", "dist_theta0")); }},
      {"g36-radius", [] { return col("headline", kG36, "guarantees", "radius_R").back(); }},
      {"gover-lambda0", [] { return col("headline", kGover, "guarantees", "lambda0").front(); }},
      {"gover-tfail",
       [] {
         return first_time(col("headline", kGover, "guarantees", "t"),
                           col("headline", kGover, "guarantees", "kernel_drift"),
                           col("headline", kGover, "guarantees", "half_lambda0"));
       }},
      {"gover-rntk", [] { return col("headline", kGover, "guarantees", "radius_ntk").front(); }},
      {"gover-rho", [] { return col("headline", kGover, "guarantees", "rho_running_min_R").back(); }},
      {"gwide-P", [] { return double(experiment_of("headline", kGwide)->model().P()); }},
      {"gwide-lambda0", [] { return col("headline", kGwide, "guarantees", "lambda0").front(); }},
      {"gwide-drift-ratio",
       [] {
         return vmax(col("headline", kGwide, "guarantees", "kernel_drift")) /
                col("headline", kGwide, "guarantees", "half_lambda0").front();
       }},
      {"gwide-dist-ratio",
       [] {
         return vmax(col("headline", kGwide, "guarantees", "dist_theta0")) /
                col("headline", kGwide, "guarantees", "radius_ntk").front();
       }},
      // Figure 4: the phase grid
      {"phase-cells", [] { return double(col("phase", "preset=loss", "phase", "width").size()); }},
      {"phase-w1-n4", [] { return phase_loss(true, false, 4, 4); }},
      {"phase-w1-large", [] { return phase_loss(true, false, 64, 1 << 30); }},
      {"phase-w2-max", [] { return phase_loss(false, true, 0, 1 << 30); }},
      // Figure 3
      {"bounds-P", [] { return double(experiment_of("bounds", "preset=default")->model().P()); }},
      {"bounds-n", [] { return double(experiment_of("bounds", "preset=default")->data().N()); }},
      // Figure 6: the teacher witness at the end of the default run; the Euler witness
      {"wit-teacher-end",
       [] {
         const auto R = col("witness", "preset=default", "witness", "R"),
                    b = col("witness", "preset=default", "witness", "teacher");
         return b.back() / R.back();
       }},
      // §7, appendix A.5.6, configuration E1
      {"e1-eps", [] { return e1().eps; }},
      {"e1-kappa", [] { return e1_kappa(); }},
      {"e1-grad2", [] { return e1_grad2(); }},
      {"e1-ratio", [] { return e1_grad2() / e1_kappa(); }},
      {"e1-tight", [] { return 100 * e1_kappa() / e1_grad2(); }},
      {"e1-L1", [] { return e1().L.front(); }},
      {"e1-n", [] { return e1().n; }},
      {"e2-n",
       [] {
         return double(core::Experiment::create(ui::logic::logistic_params(true, 1, 1e3, 0.1)).value->data().N());
       }},
  };
  return m;
}

}  // namespace

TEST_CASE(
    "article: every marked number is recomputed by the core and agrees with the text; every computation has its claim") {
  const std::string html = read_text(std::string(RQ_SOURCE_DIR) + "/web/index.html");
  REQUIRE(html.size() > 1000);
  const auto& comp = computations();
  const bool print = std::getenv("RQ_CLAIMS_PRINT") != nullptr;
  if (print)
    for (const auto& [id, f] : comp) std::printf("claim %-20s = %.10g\n", id.c_str(), f());
  const std::regex re(R"re(<(\w+)([^>]*)\bdata-claim="([^"]+)"([^>]*)>([\s\S]*?)</\1>)re");
  std::map<std::string, int> seen;
  std::map<std::string, double> value;
  int n = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it, ++n) {
    const std::string id = (*it)[3], attrs = std::string((*it)[2]) + " " + std::string((*it)[4]), text = (*it)[5];
    CAPTURE(id);
    CAPTURE(text);
    ++seen[id];
    const Written w = parse_written(text);
    CHECK_MESSAGE(w.ok, "the text of a claim must be a number");
    auto f = comp.find(id);
    CHECK_MESSAGE(f != comp.end(), "a marked claim without a computation");
    if (!w.ok || f == comp.end()) continue;
    if (!value.count(id)) value[id] = f->second();
    const double v = value[id];
    double tol = w.half_ulp;
    if (const std::string t = attr(attrs, "data-tol"); !t.empty()) tol = std::stod(t);
    if (const std::string r = attr(attrs, "data-rel"); !r.empty()) tol = std::stod(r) * std::abs(w.value);
    const std::string cmp = attr(attrs, "data-cmp");
    CAPTURE(w.value);
    CAPTURE(v);
    CAPTURE(tol);
    CAPTURE(cmp);
    if (cmp == "le")
      CHECK(v <= w.value + tol);
    else if (cmp == "ge")
      CHECK(v >= w.value - tol);
    else {
      CHECK(cmp.empty());
      CHECK(std::abs(v - w.value) <= tol);
    }
  }
  for (const auto& [id, f] : comp) {
    CAPTURE(id);
    CHECK_MESSAGE(seen.count(id), "a computation whose claim is gone from the article");
  }
  CHECK(n >= 15);
  MESSAGE(n << " claims checked, " << seen.size() << " distinct");
}

TEST_CASE("claims: the parser reads numbers as the article writes them") {
  auto v = [](const char* s) { return parse_written(s); };
  CHECK(v("1.08").value == 1.08);
  CHECK(v("1.08").half_ulp == doctest::Approx(0.005));
  CHECK(v("93 %").value == 93);
  CHECK(v("\xE2\x88\x92"
          "2.5")
            .value == -2.5);
  CHECK(v("\xC2\xBD").value == 0.5);
  CHECK(v("39\xE2\x80\x89"
          "284")
            .value == 39284);
  CHECK(v("10\xE2\x81\xBB\xE2\x81\xB7").value == doctest::Approx(1e-7));
  CHECK(v("2.4\xC2\xB7"
          "10\xE2\x81\xB6")
            .value == doctest::Approx(2.4e6));
  CHECK(v("2.4\xC2\xB7"
          "10\xE2\x81\xB6")
            .half_ulp == doctest::Approx(0.05e6));
  CHECK(v("<b>5.28</b>").value == 5.28);
  CHECK_FALSE(v("about 5").ok);
  CHECK_FALSE(v("").ok);
}

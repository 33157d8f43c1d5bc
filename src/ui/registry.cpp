#include "ui/registry.hpp"

namespace ui {

// One factory per figure (each in its own fig_<id>.cpp).
std::unique_ptr<Figure> make_toy2d();
std::unique_ptr<Figure> make_factorisation();
std::unique_ptr<Figure> make_population();
std::unique_ptr<Figure> make_bounds();
std::unique_ptr<Figure> make_headline();
std::unique_ptr<Figure> make_logistic();
std::unique_ptr<Figure> make_witness();
std::unique_ptr<Figure> make_trajectory();
std::unique_ptr<Figure> make_phase();

namespace {
using Make = std::unique_ptr<Figure> (*)();
struct Factory {
  std::string_view id;
  Make make;
};
const Factory kFactories[] = {
    {"toy2d", make_toy2d},           {"factorisation", make_factorisation},
    {"population", make_population}, {"headline", make_headline},
    {"bounds", make_bounds},         {"witness", make_witness},
    {"logistic", make_logistic},     {"trajectory", make_trajectory},
    {"phase", make_phase},
};
}  // namespace

const std::vector<FigureEntry>& figure_entries() {
  // The order and ids are figure_infos()'s; a row without a factory is left out (and fails test_figures).
  static const std::vector<FigureEntry> e = [] {
    std::vector<FigureEntry> v;
    for (const FigureInfo& i : figure_infos())
      for (const Factory& f : kFactories)
        if (f.id == i.id) v.push_back({i.id, f.make});
    return v;
  }();
  return e;
}

std::unique_ptr<Figure> make_figure(std::string_view id) {
  for (const FigureEntry& e : figure_entries())
    if (id == e.id) {
      std::unique_ptr<Figure> f = e.make();
      f->registered(e.id);
      return f;
    }
  return nullptr;
}

std::vector<std::unique_ptr<Figure>> make_all_figures() {
  std::vector<std::unique_ptr<Figure>> v;
  for (const FigureEntry& e : figure_entries()) v.push_back(make_figure(e.id));
  return v;
}

}  // namespace ui

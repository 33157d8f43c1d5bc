#include "ui/registry.hpp"

namespace ui {

// One factory per figure (each in its own fig_<id>.cpp).
std::unique_ptr<Figure> make_toy2d();
std::unique_ptr<Figure> make_factorisation();
std::unique_ptr<Figure> make_population();
std::unique_ptr<Figure> make_bounds();
std::unique_ptr<Figure> make_headline();  // fig_headline.cpp … fig_phase.cpp: figures B
std::unique_ptr<Figure> make_logistic();
std::unique_ptr<Figure> make_witness();
std::unique_ptr<Figure> make_trajectory();
std::unique_ptr<Figure> make_phase();

const std::vector<FigureEntry>& figure_entries() {
  static const std::vector<FigureEntry> e = {
      {"toy2d", make_toy2d},         {"factorisation", make_factorisation}, {"population", make_population},
      {"headline", make_headline},   {"bounds", make_bounds},               {"witness", make_witness},
      {"logistic", make_logistic},   {"trajectory", make_trajectory},       {"phase", make_phase},
  };
  return e;
}

std::unique_ptr<Figure> make_figure(std::string_view id) {
  for (const FigureEntry& e : figure_entries())
    if (id == e.id) return e.make();
  return nullptr;
}

std::vector<std::unique_ptr<Figure>> make_all_figures() {
  std::vector<std::unique_ptr<Figure>> v;
  for (const FigureEntry& e : figure_entries()) v.push_back(e.make());
  return v;
}

}  // namespace ui

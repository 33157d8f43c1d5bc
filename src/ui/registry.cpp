#include "ui/registry.hpp"

namespace ui {

// One factory per implemented figure (each in its own fig_<id>.cpp).
std::unique_ptr<Figure> make_toy2d();
std::unique_ptr<Figure> make_factorisation();
std::unique_ptr<Figure> make_population();
std::unique_ptr<Figure> make_bounds();
std::unique_ptr<Figure> make_headline();  // fig_headline.cpp … fig_phase.cpp: figures B
std::unique_ptr<Figure> make_logistic();
std::unique_ptr<Figure> make_witness();
std::unique_ptr<Figure> make_trajectory();
std::unique_ptr<Figure> make_phase();
// fig_coming.cpp: placeholder for ids without a factory.
std::unique_ptr<Figure> make_coming(const FigureEntry& e);

const std::vector<FigureEntry>& figure_entries() {
  static const std::vector<FigureEntry> e = {
      {"toy2d", "Two toy models in two dimensions",
       "Complex-square loss landscape and the one-parameter lemniscate curve.", make_toy2d},
      {"factorisation", "The Rayleigh factorisation, live",
       "‖∇L‖² = R · ‖∇ℓ‖² as bars that multiply out along a run.", make_factorisation},
      {"population", "Finitely many parameters, infinitely many samples",
       "Linear-in-features model on U[−a, a]: population loss against its closed form.", make_population},
      {"headline", "Beyond the over-parameterized regime",
       "Teacher–student network: sweep the number of samples N across the number of parameters P; λ_min(K) "
       "collapses to 0 once N > P while R(t) stays bounded below.", make_headline},
      {"bounds", "Bounds against reality",
       "Loss against L(0)·exp(−2∫R), the λ_min bound, the running-min-R bound and a fitted KL envelope.", make_bounds},
      {"witness", "Witness directions",
       "Pick a witness v (teacher direction, θ, last layer, random) and compare its lower bound on R with R.", make_witness},
      {"logistic", "Logistic regression (appendix A.5.6)",
       "Presets E1 and E2: loss against the predicted upper bound; local decrease against the lower bound.", make_logistic},
      {"trajectory", "Parameter-space trajectory",
       "θ(t) projected on two coordinates or principal directions, over the loss landscape of that plane.", make_trajectory},
      {"phase", "Phase diagram",
       "Widths × sample sizes: final loss, min R or λ_min per cell, with the line N = P.", make_phase},
  };
  return e;
}

std::unique_ptr<Figure> make_figure(std::string_view id) {
  for (const FigureEntry& e : figure_entries())
    if (id == e.id) return e.make ? e.make() : make_coming(e);
  return nullptr;
}

std::vector<std::unique_ptr<Figure>> make_all_figures() {
  std::vector<std::unique_ptr<Figure>> v;
  for (const FigureEntry& e : figure_entries()) v.push_back(make_figure(e.id));
  return v;
}

}  // namespace ui

// The nine figures of the page contract (docs/figure-contract.md), in the desktop app's order
// (the article places them in its own order). Adding a figure = one new file
// src/ui/fig_<id>.cpp defining make_<id>() + its line in registry.cpp.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "ui/figure.hpp"

namespace ui {

struct FigureEntry {
  const char* id;
  std::unique_ptr<Figure> (*make)();
};

const std::vector<FigureEntry>& figure_entries();
std::unique_ptr<Figure> make_figure(std::string_view id);  // nullptr for an unknown id
std::vector<std::unique_ptr<Figure>> make_all_figures();

}  // namespace ui

// The registry of the figures: the one place that names them. Id (stable: URLs and embeds use it),
// order (the article's figure numbers, also the desktop app's list), title and the alt text of the
// static image come from figure_infos() (registry_table.cpp, plain data: the native tool
// rqfigures writes it out for the page at build time); presets and state fields are declared in
// each figure's own file. Adding a figure = one file src/ui/fig_<id>.cpp defining make_<id>(),
// its row in registry_table.cpp and its factory line in registry.cpp (docs/figure-contract.md).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "ui/figure.hpp"

namespace ui {

struct FigureInfo {
  const char* id;
  const char* title;  // short, no final period: headings, tabs, aria-labels, exports
  const char* alt;    // the static image of the default state, in words
};

const std::vector<FigureInfo>& figure_infos();       // in figure-number order
const FigureInfo* figure_info(std::string_view id);  // nullptr for an unknown id

struct FigureEntry {
  const char* id;
  std::unique_ptr<Figure> (*make)();
};

const std::vector<FigureEntry>& figure_entries();          // in the order of figure_infos()
std::unique_ptr<Figure> make_figure(std::string_view id);  // nullptr for an unknown id
std::vector<std::unique_ptr<Figure>> make_all_figures();

}  // namespace ui

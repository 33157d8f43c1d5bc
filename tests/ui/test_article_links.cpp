// The article's links into the figures: every data-fig in web/index.html names a registered figure,
// and every "try this" link (data-preset, and the same preset in its #fig=…&state=preset%3D… href)
// names a preset that figure has. At run time article.js hides a mismatch; here it fails.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "ui/registry.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool has_preset(const std::string& fig, const std::string& preset) {
  auto f = ui::make_figure(fig);
  if (!f) return false;
  for (const auto& p : f->presets())
    if (p.name == preset) return true;
  return false;
}

}  // namespace

TEST_CASE("article: every data-fig is a figure, every try-link preset exists in its figure") {
  const std::string html = read_file(std::string(RQ_SOURCE_DIR) + "/web/index.html");
  REQUIRE(html.size() > 1000);
  int figs = 0, links = 0, hrefs = 0;
  const std::regex fig_re("data-fig=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), fig_re); it != std::sregex_iterator(); ++it) {
    const std::string id = (*it)[1];
    CAPTURE(id);
    CHECK(ui::make_figure(id) != nullptr);
    ++figs;
  }
  const std::regex link_re("data-fig=\"([^\"]*)\" data-preset=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), link_re); it != std::sregex_iterator(); ++it) {
    const std::string fig = (*it)[1], preset = (*it)[2];
    CAPTURE(fig);
    CAPTURE(preset);
    CHECK(has_preset(fig, preset));
    ++links;
  }
  const std::regex href_re("href=\"#fig=([a-z0-9_]+)&amp;state=preset%3D([A-Za-z0-9_]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href_re); it != std::sregex_iterator(); ++it) {
    const std::string fig = (*it)[1], preset = (*it)[2];
    CAPTURE(fig);
    CAPTURE(preset);
    CHECK(has_preset(fig, preset));
    ++hrefs;
  }
  // The article has a slot and a try-link per figure: the patterns must have matched something.
  CHECK(figs >= int(ui::figure_entries().size()));
  CHECK(links >= 9);
  CHECK(hrefs == links);
}

// The article's links into the figures: every data-fig in web/index.html names a registered figure,
// and every "try this" link (data-preset, and the same preset in its #fig=…&state=preset%3D… href)
// names a preset that figure has. At run time article.js hides a mismatch; here it fails.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

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
  // Calls f(match) for every match of pattern in the page; returns how many there were.
  auto each = [&](const char* pattern, auto f) {
    const std::regex re(pattern);
    int count = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it, ++count)
      f(*it);
    return count;
  };
  const int figs = each("data-fig=\"([^\"]*)\"", [](const std::smatch& m) {
    const std::string id = m[1];
    CAPTURE(id);
    CHECK(ui::make_figure(id) != nullptr);
  });
  auto check_preset = [](const std::smatch& m) {
    const std::string fig = m[1], preset = m[2];
    CAPTURE(fig);
    CAPTURE(preset);
    CHECK(has_preset(fig, preset));
  };
  const int links = each("data-fig=\"([^\"]*)\" data-preset=\"([^\"]*)\"", check_preset);
  const int hrefs = each("href=\"#fig=([a-z0-9_]+)&amp;state=preset%3D([A-Za-z0-9_]+)\"", check_preset);
  // The article has a slot and a try-link per figure: the patterns must have matched something.
  CHECK(figs >= int(ui::figure_entries().size()));
  CHECK(links >= 9);
  CHECK(hrefs == links);
}

TEST_CASE("article: its figures are the registry's, in its order, and take number, title and alt text from it") {
  const std::string html = read_file(std::string(RQ_SOURCE_DIR) + "/web/index.html");
  const std::regex fig("<figure class=\"fig\" data-fig=\"([^\"]*)\"([\\s\\S]*?)</figure>");
  std::vector<std::string> ids;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), fig); it != std::sregex_iterator(); ++it) {
    const std::string id = (*it)[1], block = (*it)[2];
    CAPTURE(id);
    ids.push_back(id);
    // scripts/fill-figures.mjs writes the registry's texts there at build time: no copy in the page.
    CHECK(block.find("aria-label=\"Interactive figure {{number}}: {{title}}.") != std::string::npos);
    CHECK(block.find("<span class=\"fignum\">Figure {{number}}.</span> <b>{{title}}.</b>") != std::string::npos);
    CHECK(std::regex_search(block, std::regex("<img class=\"fallback\"[^>]* alt=\"\\{\\{alt\\}\\}\"")));
  }
  std::vector<std::string> want;
  for (const ui::FigureInfo& i : ui::figure_infos()) want.push_back(i.id);
  CHECK(ids == want);
}

// Placeholder for a figure id of the contract that is not implemented yet: a clear panel
// saying what will be here. It honours the protocol (state, commands, export) trivially.
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

class ComingFigure final : public Figure {
 public:
  explicit ComingFigure(const FigureEntry& e) : e_(e) { add_preset("default", "default", ""); playing_ = false; }
  const char* id() const override { return e_.id; }
  const char* title() const override { return e_.title; }
  bool implemented() const override { return false; }

 protected:
  void load_preset(const std::string&) override {}
  void restart() override {}
  void advance(Budget&) override {}
  void step_once() override {}
  double t_live() const override { return 0; }
  double t_end() const override { return 0; }
  bool finished() const override { return true; }
  std::vector<Table> tables() const override { return {}; }
  std::string status() const override { return "coming soon: this figure is not implemented yet"; }
  void draw_body(ImVec2 size) override {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + size.x - 4, p0.y + size.y - 4);
    const Palette& pal = palette();
    dl->AddRectFilled(p0, p1, pal.plot_bg, 6);
    dl->AddRect(p0, p1, pal.frame, 6, 0, 1.5f);
    const float w = size.x * 0.8f;
    ImGui::SetCursorScreenPos(ImVec2(p0.x + size.x * 0.1f, p0.y + size.y * 0.35f));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextUnformatted(e_.title);
    ImGui::TextDisabled("Coming: %s", e_.blurb);
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p1.y));
    ImGui::Dummy(ImVec2(1, 1));
  }

 private:
  const FigureEntry& e_;
};

}  // namespace

std::unique_ptr<Figure> make_coming(const FigureEntry& e) { return std::make_unique<ComingFigure>(e); }

}  // namespace ui

#include "app/app.hpp"

#include <cmath>
#include <cstdio>

#include "app/platform.hpp"
#include "imgui.h"
#include "ui/theme.hpp"

namespace app {
namespace {

AppOptions g_options;
float g_time = 0.0f;

// First slice: the factorisation ‖∇L‖² = R·‖∇ℓ‖² on the complex-square model f(θ) = θ²,
// target 1 (paper-notes E-B1): K = 4|θ|² I, so R = 4|θ|² and ‖∇ℓ‖² = |θ² − 1|².
void draw_welcome() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("Rayleigh quotients", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  BuildInfo b = build_info();
  ImGui::Text("Convergence beyond the over-parameterized regime using Rayleigh quotients");
  ImGui::TextDisabled("build: %s · %s · %d thread%s", b.variant, b.simd ? "SIMD" : "scalar", b.threads,
                      b.threads == 1 ? "" : "s");
  ImGui::Separator();
  ImGui::TextUnformatted("‖∇L(θ)‖² = R(θ) · ‖∇ℓ(f_θ)‖²,   λ_min(K) ≤ R ≤ λ_max(K),   K = Df Df*");
  ImGui::TextUnformatted("Greek and math: α β γ δ ε η θ λ μ ρ σ τ φ ψ ω Σ Φ Λ ∇ ∂ ℓ ∑ √ ∞ ≤ ≥ ≈ → ‖ ⟨ ⟩ ² ₙ");

  // θ circles the unit circle; the factorisation is drawn as three bars that multiply out.
  g_time += ImGui::GetIO().DeltaTime;
  float re = 0.8f * std::cos(0.5f * g_time) + 0.2f, im = 0.6f * std::sin(0.5f * g_time);
  float mod2 = re * re + im * im;
  float R = 4.0f * mod2;
  float fr = re * re - im * im - 1.0f, fi = 2.0f * re * im;
  float grad_ell2 = fr * fr + fi * fi;
  float grad_L2 = R * grad_ell2;
  ImGui::Text("complex-square model f(θ) = θ²:  θ = %.3f %+.3fi", re, im);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float scale = 60.0f, h = 22.0f;
  const char* names[3] = {"‖∇L‖²", "R", "‖∇ℓ‖²"};
  float vals[3] = {grad_L2, R, grad_ell2};
  for (int i = 0; i < 3; ++i) {
    float y = p.y + i * (h + 8.0f);
    dl->AddRectFilled(ImVec2(p.x + 70, y), ImVec2(p.x + 70 + scale * vals[i], y + h), ui::series_color(i), 3.0f);
    dl->AddText(ImVec2(p.x, y + 3), ImGui::GetColorU32(ImGuiCol_Text), names[i]);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", vals[i]);
    dl->AddText(ImVec2(p.x + 78 + scale * vals[i], y + 3), ImGui::GetColorU32(ImGuiCol_Text), buf);
  }
  ImGui::Dummy(ImVec2(400, 3 * (h + 8.0f)));
  ImGui::End();
}

}  // namespace

void app_init(const AppOptions& options) {
  g_options = options;
  ui::apply_theme(options.dark ? ui::Theme::dark : ui::Theme::light);
  ui::load_fonts(1.0f);
}

void app_frame(int width, int height) { draw_welcome(); }

void app_shutdown() {}

}  // namespace app

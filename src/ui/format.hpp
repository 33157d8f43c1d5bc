// Number formatting for plots and read-outs: short tick labels ("1e-3", "0.25") and exact
// values ("%.6g" precision, what hover read-outs and exports show).
#pragma once

#include <string>

namespace ui {

std::string fmt_exact(double v);              // up to 6 significant digits, "NaN"/"∞" spelled out
std::string fmt_tick(double v, double step);  // linear-axis tick: just enough decimals for the step
std::string fmt_decade(int e);                // 10^e as "1e-3", "0.01", "1", "100", "1e4"
std::string fmt_sci(double v);                // compact: "2.5e-3", "0.125", "340"

}  // namespace ui

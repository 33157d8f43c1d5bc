// Web build only: the bridge between the page (web/*.js) and the app. JS calls the C ABI
// functions xp_* (figure-contract.md) and reads window.rqStatus / window.rqFigureFrames.
#pragma once

struct GLFWwindow;

namespace web {

void init();                          // before the main loop starts
void before_frame(GLFWwindow* window);  // canvas backing size = CSS size × dpr
void after_frame(long frame);         // after each presented frame
float device_pixel_ratio();

}  // namespace web

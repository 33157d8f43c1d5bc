// Web build only: the bridge between the page (web/*.js) and the app. JS sees the C ABI
// functions xp_* and reads window.rqStatus, which the module sets once frames are drawn.
#pragma once

namespace web {

void init();                 // before the main loop starts
void after_frame(long frame);  // after each presented frame

}  // namespace web

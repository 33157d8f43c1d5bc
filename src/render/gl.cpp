#include "render/gl.hpp"

#include <cstdio>

namespace render {

bool load_gl() {
  const char* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  if (!version) return false;
#ifndef __EMSCRIPTEN__
  int major = 0, minor = 0;
  glGetIntegerv(GL_MAJOR_VERSION, &major);
  glGetIntegerv(GL_MINOR_VERSION, &minor);
  if (major * 10 + minor < 33) {
    std::fprintf(stderr, "OpenGL %s found, 3.3 needed\n", version);
    return false;
  }
#endif
  return true;
}

}  // namespace render
